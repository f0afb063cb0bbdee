//! Organisation names: one canonical form, one matching rule, one typo rule.
//!
//! Rule 4 keeps an expert from every organisation they exclude, and an exclusion is written the
//! way people say the name: "Jeugdhulp Utrecht" for "Stichting Jeugdhulp Utrecht", "Kwintes" for
//! "Kwintes B.V.", "GGZ-Centraal" for "GGZ Centraal Amersfoort". A wrong match is worse than no
//! match, so every path that compares an organisation's name (the batch's `excluded_orgs`, the
//! inline request of `suggest` and the web form) goes through this module.
//!
//! **Canonical form** ([`canonical_words`]): a list of words.
//! 1. [`crate::model::normalize`] (invisible characters, look-alike punctuation, case, Unicode
//!    NFC, spaces), then diacritics dropped (NFD without combining marks: `Coöperatie` is
//!    `cooperatie`).
//! 2. A dotted abbreviation of single letters is one word (`B.V.` → `bv`, `v.o.f.` → `vof`,
//!    `U.A.` → `ua`); any other character that is no letter or digit separates words (hyphens,
//!    dots, commas, apostrophes, brackets: `GGZ-Centraal` → `ggz centraal`); `&` and `+` are the
//!    word `en`, and so is the word `and`.
//! 3. The legal forms of [`LEGAL_FORMS`] are dropped wherever they stand, as whole words; `st`
//!    is dropped only as the first word (`St. Timon`: elsewhere it may be part of a name).
//! 4. The leading articles of [`ARTICLES`] are dropped (`De Rading` → `rading`, `'t Hoofdhuis` →
//!    `hoofdhuis`); articles inside a name stay (`Huis de Kans`).
//! 5. A name that is nothing but legal forms and articles keeps all its words (`Stichting`
//!    stays `stichting`), so that no name is empty.
//!
//! **Matching** ([`excludes`]): [`Match::Same`] when the canonical words are equal;
//! [`Match::Contained`] when all the words of one occur, in the same order, in the other (not
//! necessarily next to each other: "Jeugdhulp Utrecht" is in "Jeugdhulp Regio Utrecht" too);
//! also [`Match::Contained`] when one name written together is a run of the other's words
//! written together (`'s Heerenloo` in `’s Heeren Loo Zorggroep B.V.`: the written-together
//! rule of [`near_miss`] inside the subset rule); otherwise [`Match::No`]. In order and not contiguous is the safe side of the two readings the
//! issue allowed: it catches a district or department written in between, and every such match is
//! a warning the coordinator sees. Another town's organisation is no match: "Jeugdhulp
//! Amersfoort" and "Stichting Jeugdhulp Utrecht" share one word, not all.
//!
//! **Typos** ([`near_miss`]): the rule ingest has used since issue 8, now on the canonical words.
//!
//! **Scale** ([`OrgIndex`]): an index of a batch's organisations by canonical key, by word, by
//! the words written together and by shape, so that one exclusion is resolved by looking at the
//! organisations that share a word with it rather than at all of them; a cell of 2,000 items
//! against a batch resolves in milliseconds (the pairwise loop it replaces was cubic in the
//! items).

use super::normalize;
use std::collections::HashMap;

/// Legal forms, dropped wherever they stand as whole words (after step 2 of the canonical form,
/// so `B.V.`, `BV` and `b.v` are all `bv`): Dutch (`stichting`, its abbreviation `stg`,
/// `vereniging`, `cooperatie`, `bv`, `nv`, `vof`, `cv`, `ua` as in `Coöperatie U.A.`), Belgian
/// (`vzw`) and English and German ones (`foundation`, `ltd`, `limited`, `inc`, `llc`, `plc`,
/// `gmbh`). `holding` is not one: a holding is another legal entity than the organisation it
/// holds, and "Kwintes Holding" against "Kwintes" is a [`Match::Contained`] (a warning), not a
/// silent [`Match::Same`].
pub const LEGAL_FORMS: &[&str] = &[
    "stichting",
    "stg",
    "vereniging",
    "cooperatie",
    "bv",
    "nv",
    "vof",
    "cv",
    "ua",
    "vzw",
    "foundation",
    "ltd",
    "limited",
    "inc",
    "llc",
    "plc",
    "gmbh",
];

/// Articles dropped at the start of a name: `de`, `het`, `t` (`'t`), `the`.
pub const ARTICLES: &[&str] = &["de", "het", "t", "the"];

/// Whether `t` (already folded, trimmed of other punctuation) is an abbreviation of single
/// letters with dots: `b.v.`, `v.o.f`, `u.a.`.
fn is_dotted_abbreviation(t: &str) -> bool {
    let mut letters = 0;
    for part in t.split('.') {
        match part.chars().count() {
            0 => {}
            1 if part.chars().all(char::is_alphabetic) => letters += 1,
            _ => return false,
        }
    }
    letters >= 2 && t.contains('.')
}

/// Steps 1 and 2 of the canonical form: the folded words, nothing dropped yet.
///
/// O(length of `s`).
pub fn folded_words(s: &str) -> Vec<String> {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let folded: String = normalize(s)
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .collect();
    let mut words = Vec::new();
    for token in folded.split_whitespace() {
        let trimmed = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if is_dotted_abbreviation(trimmed) {
            words.push(trimmed.replace('.', ""));
            continue;
        }
        let mut word = String::new();
        for c in token.chars() {
            if c.is_alphanumeric() {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            if c == '&' || c == '+' {
                words.push("en".to_string());
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    for w in &mut words {
        if w == "and" {
            *w = "en".to_string();
        }
    }
    words
}

/// The canonical form of an organisation's name, as a list of words (see the module docs):
/// `"Stg. Jeugdhulp-Utrecht"` → `["jeugdhulp", "utrecht"]`, `"Zorg & Welzijn B.V."` →
/// `["zorg", "en", "welzijn"]`, `"De Rading"` → `["rading"]`. Empty only for a name without
/// letters or digits.
///
/// O(length of `s`).
pub fn canonical_words(s: &str) -> Vec<String> {
    let all = folded_words(s);
    let mut words: &[String] = &all;
    if words.first().is_some_and(|w| w == "st") {
        words = &words[1..];
    }
    let mut kept: Vec<String> = words
        .iter()
        .filter(|w| !LEGAL_FORMS.contains(&w.as_str()))
        .cloned()
        .collect();
    let articles = kept
        .iter()
        .take_while(|w| ARTICLES.contains(&w.as_str()))
        .count();
    kept.drain(..articles);
    if kept.is_empty() {
        all
    } else {
        kept
    }
}

/// The canonical form as one string: the words of [`canonical_words`] joined by a space. Two
/// names are [`Match::Same`] exactly when their canonical keys are equal.
pub fn canonical(s: &str) -> String {
    canonical_words(s).join(" ")
}

/// How an exclusion relates to an organisation's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Match {
    /// The canonical words are equal: they differ only in case, diacritics, punctuation,
    /// `&`/`en`, a leading article or a legal form. Excluded without a warning.
    Same,
    /// All the canonical words of one occur, in order, in the other: excluded on the safe side,
    /// with a warning.
    Contained,
    /// Neither.
    No,
}

/// How the exclusion `exclusion` (as written in `excluded_orgs`) relates to the organisation
/// `org` (as written in a request): see the module docs. Symmetric.
///
/// ```
/// use matchpunt::names::org::{excludes, Match};
/// assert_eq!(excludes("Stg. Jeugdhulp Utrecht", "Jeugdhulp Utrecht"), Match::Same);
/// assert_eq!(excludes("Jeugdhulp Utrecht", "Stichting Jeugdhulp Utrecht"), Match::Same);
/// assert_eq!(excludes("GGZ-Centraal", "GGZ Centraal Amersfoort"), Match::Contained);
/// assert_eq!(excludes("Jeugdhulp Amersfoort", "Stichting Jeugdhulp Utrecht"), Match::No);
/// ```
///
/// O(length of both names).
pub fn excludes(exclusion: &str, org: &str) -> Match {
    OrgName::new(exclusion).matches(&OrgName::new(org))
}

/// Whether two organisation names that are not [`Match::Same`] may be one name with a typo:
/// their canonical words written together are equal (`JeugdhulpUtrecht`), or they have the same
/// number of canonical words and every word is equal or a small edit away (none for words of up
/// to 3 letters, one up to 7 letters, two beyond), at most two edits in all. Compared word by
/// word, so that another branch of the same organisation in another town ("Jeugdbescherming
/// Maastricht", "Jeugdbescherming Utrecht") is not a near miss, while "Gemeente Utrech" is one of
/// "Gemeente Utrecht". Real organisations can differ by a letter ("Gemeente Ede", "Gemeente
/// Epe"): 3-letter words must be equal.
pub fn near_miss(a: &str, b: &str) -> bool {
    OrgName::new(a).near(&OrgName::new(b))
}

/// An organisation's name in canonical form, ready to be compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgName {
    words: Vec<String>,
    key: String,
    joined: String,
}

impl OrgName {
    /// The canonical form of `s` ([`canonical_words`]). O(length of `s`).
    pub fn new(s: &str) -> Self {
        let words = canonical_words(s);
        OrgName {
            key: words.join(" "),
            joined: words.concat(),
            words,
        }
    }

    /// The canonical words.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The canonical key ([`canonical`]).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// See [`excludes`]. O(words of both).
    pub fn matches(&self, other: &OrgName) -> Match {
        if self.words.is_empty() || other.words.is_empty() {
            return Match::No;
        }
        if self.words == other.words {
            return Match::Same;
        }
        if is_subsequence(&self.words, &other.words) || is_subsequence(&other.words, &self.words) {
            return Match::Contained;
        }
        if window_joined(&other.words, &self.joined) || window_joined(&self.words, &other.joined) {
            return Match::Contained;
        }
        Match::No
    }

    /// See [`near_miss`]. O(letters of both squared) at worst, mostly O(words).
    pub fn near(&self, other: &OrgName) -> bool {
        if self.words == other.words || self.words.is_empty() || other.words.is_empty() {
            return false;
        }
        if self.joined == other.joined {
            return true;
        }
        if self.words.len() != other.words.len() {
            return false;
        }
        let mut total = 0;
        for (x, y) in self.words.iter().zip(&other.words) {
            if x == y {
                continue;
            }
            let longest = x.chars().count().max(y.chars().count());
            let allowed = match longest {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            if x.chars().count().abs_diff(y.chars().count()) > allowed {
                return false;
            }
            let d = strsim::damerau_levenshtein(x, y);
            if d > allowed {
                return false;
            }
            total += d;
        }
        total <= 2
    }
}

/// The longest run of consecutive words whose concatenation [`window_joined`] compares.
const MAX_WINDOW: usize = 4;

/// Whether some run of up to [`MAX_WINDOW`] consecutive `words`, not all of them, written
/// together is `joined` (of 4 or more letters): the written-together rule inside a longer name,
/// so `'s Heerenloo` is in `’s Heeren Loo Zorggroep B.V.` (`sheerenloo`). O(words × window).
fn window_joined(words: &[String], joined: &str) -> bool {
    joined.chars().count() >= 4 && windows(words).any(|(n, w)| n < words.len() && w == joined)
}

/// Every run of 1 to [`MAX_WINDOW`] consecutive words written together, with its length.
fn windows(words: &[String]) -> impl Iterator<Item = (usize, String)> + '_ {
    (0..words.len()).flat_map(move |i| {
        (i + 1..=(i + MAX_WINDOW).min(words.len())).map(move |j| (j - i, words[i..j].concat()))
    })
}

/// Whether every word of `short` occurs in `long`, in the same order, and `short` is shorter.
fn is_subsequence(short: &[String], long: &[String]) -> bool {
    if short.len() >= long.len() {
        return false;
    }
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

/// The organisations of a batch, indexed for [`Match`] and [`near_miss`] lookups.
///
/// Building is O(total words). [`OrgIndex::same`] is one hash lookup; [`OrgIndex::contained`]
/// costs the lengths of the word lists (postings) of the query's words; [`OrgIndex::near`] costs
/// the organisations of the same shape (number of words, letters within two) for names of one
/// or two words, and those sharing a word for longer ones (a near miss of three words or more
/// has a word in common: at most two words differ). In practice each query touches a handful of
/// organisations; the worst case, every organisation sharing a word with every query, is
/// O(queries × organisations), the cost of the plain loop.
#[derive(Clone, Debug, Default)]
pub struct OrgIndex {
    names: Vec<OrgName>,
    distinct: Vec<usize>,
    by_key: HashMap<String, Vec<usize>>,
    by_word: HashMap<String, Vec<usize>>,
    by_joined: HashMap<String, Vec<usize>>,
    by_shape: HashMap<(usize, usize), Vec<usize>>,
    /// Runs of consecutive words written together (not the whole name), for [`window_joined`].
    by_window: HashMap<String, Vec<usize>>,
    max_words: usize,
}

impl OrgIndex {
    /// An empty index.
    pub fn new() -> Self {
        OrgIndex::default()
    }

    /// Adds `name` and returns its entry number (0, 1, ... in the order added). Entries with the
    /// same canonical key are kept apart (each is found).
    pub fn push(&mut self, name: OrgName) -> usize {
        let i = self.names.len();
        let mut seen: Vec<&String> = Vec::new();
        for w in &name.words {
            if !seen.contains(&w) {
                seen.push(w);
                self.by_word.entry(w.clone()).or_default().push(i);
            }
        }
        self.distinct.push(seen.len());
        self.by_key.entry(name.key.clone()).or_default().push(i);
        self.by_joined
            .entry(name.joined.clone())
            .or_default()
            .push(i);
        self.by_shape
            .entry((name.words.len(), name.joined.chars().count()))
            .or_default()
            .push(i);
        for (n, w) in windows(&name.words) {
            if n < name.words.len() {
                let v = self.by_window.entry(w).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        self.max_words = self.max_words.max(name.words.len());
        self.names.push(name);
        i
    }

    /// The entry `i`.
    pub fn get(&self, i: usize) -> &OrgName {
        &self.names[i]
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The most canonical words of an entry.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Entries [`Match::Same`] as `q`, in the order added.
    pub fn same(&self, q: &OrgName) -> &[usize] {
        if q.words.is_empty() {
            return &[];
        }
        self.by_key.get(&q.key).map_or(&[], Vec::as_slice)
    }

    /// Entries [`Match::Contained`] with `q` (either way round), sorted.
    pub fn contained(&self, q: &OrgName) -> Vec<usize> {
        let mut out = Vec::new();
        if q.words.is_empty() {
            return out;
        }
        // q in an entry: every entry holding all of q's words holds the rarest one.
        let rarest = q
            .words
            .iter()
            .map(|w| self.by_word.get(w).map_or(&[][..], Vec::as_slice))
            .min_by_key(|p| p.len())
            .unwrap_or(&[]);
        for &e in rarest {
            if is_subsequence(&q.words, &self.names[e].words) {
                out.push(e);
            }
        }
        // An entry in q: count, per entry, how many of its distinct words q has.
        let mut hits: HashMap<usize, usize> = HashMap::new();
        let mut seen: Vec<&String> = Vec::new();
        for w in &q.words {
            if seen.contains(&w) {
                continue;
            }
            seen.push(w);
            for &e in self.by_word.get(w).map_or(&[][..], Vec::as_slice) {
                *hits.entry(e).or_default() += 1;
            }
        }
        for (e, h) in hits {
            if h == self.distinct[e] && is_subsequence(&self.names[e].words, &q.words) {
                out.push(e);
            }
        }
        // Written together: q is a run of an entry's words, or an entry is a run of q's.
        let mut together: Vec<usize> = self.by_window.get(&q.joined).cloned().unwrap_or_default();
        for (n, w) in windows(&q.words) {
            if n < q.words.len() {
                together.extend(self.by_joined.get(&w).into_iter().flatten());
            }
        }
        together.retain(|&e| q.matches(&self.names[e]) == Match::Contained);
        out.extend(together);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Entries that `q` is a [`near_miss`] of, sorted.
    pub fn near(&self, q: &OrgName) -> Vec<usize> {
        let mut candidates: Vec<usize> = Vec::new();
        if q.words.is_empty() {
            return candidates;
        }
        candidates.extend(self.by_joined.get(&q.joined).into_iter().flatten());
        let k = q.words.len();
        if k >= 3 {
            for w in &q.words {
                candidates.extend(
                    self.by_word
                        .get(w)
                        .into_iter()
                        .flatten()
                        .filter(|&&e| self.names[e].words.len() == k),
                );
            }
        } else {
            let len = q.joined.chars().count();
            for l in len.saturating_sub(2)..=len + 2 {
                candidates.extend(self.by_shape.get(&(k, l)).into_iter().flatten());
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&e| q.near(&self.names[e]));
        candidates
    }
}

/// How one reading of an `excluded_orgs` cell reached an entry of an [`OrgIndex`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HitKind {
    /// An item, or a run of consecutive items read as one name, is [`Match::Same`] as the entry.
    Same,
    /// A run of consecutive items is [`Match::Same`] as the entry, and an item of that run on
    /// its own names an entry too: the cell reads both as one organisation and as a list.
    BothWays,
    /// An item is [`Match::Contained`] with the entry.
    Contained,
    /// An item or run is a [`near_miss`] of the entry.
    NearMiss,
}

impl HitKind {
    /// Whether the exclusion is taken on the safe side and the coordinator is told.
    pub fn is_safe_side(self) -> bool {
        self != HitKind::Same
    }

    /// Why, in words, for warnings and `check`: `part of its name`.
    pub fn why(self) -> &'static str {
        match self {
            HitKind::Same => "the same name",
            HitKind::BothWays => "the cell reads both as this one name and as a list",
            HitKind::Contained => "all the words of one are in the other, in order",
            HitKind::NearMiss => "a spelling close to it",
        }
    }
}

/// One entry an `excluded_orgs` cell excludes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The entry of the index.
    pub entry: usize,
    /// The strongest way it was reached (`Same` before `BothWays` before `Contained` before
    /// `NearMiss`).
    pub kind: HitKind,
    /// The reading of the cell that reached it, as written (an item, or a run of items joined
    /// by `, `).
    pub written: String,
}

/// Every entry of `index` that the items of one `excluded_orgs` cell (`items`, in cell order)
/// exclude, sorted by entry. Excluding is a safety rule, so every reading of the cell counts:
///
/// - each item: [`Match::Same`] or [`Match::Contained`] entries;
/// - each run of consecutive items read as one name (`"Jeugdhulp Utrecht, locatie Oost"` is one
///   organisation, not two items), up to as many items as the longest entry has words:
///   [`Match::Same`] entries, [`HitKind::BothWays`] when an item of the run names an entry on its
///   own too;
/// - each item or run that names no entry the same way: the entries it is a [`near_miss`] of.
///
/// O(items × (longest entry's words)² ) canonical forms and index lookups: near-linear in the
/// items, where the all-runs loop it replaces was cubic.
pub fn resolve_cell(items: &[&str], index: &OrgIndex) -> Vec<Hit> {
    let mut best: HashMap<usize, (HitKind, String)> = HashMap::new();
    let mut hit = |entry: usize, kind: HitKind, written: &str| {
        let slot = best
            .entry(entry)
            .or_insert_with(|| (kind, written.to_string()));
        if kind < slot.0 {
            *slot = (kind, written.to_string());
        }
    };
    let names: Vec<OrgName> = items.iter().map(|s| OrgName::new(s)).collect();
    let item_same: Vec<bool> = names.iter().map(|n| !index.same(n).is_empty()).collect();
    let mut readings: Vec<(String, OrgName)> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        for &e in index.same(n) {
            hit(e, HitKind::Same, items[i]);
        }
        for e in index.contained(n) {
            hit(e, HitKind::Contained, items[i]);
        }
        if !item_same[i] {
            readings.push((items[i].to_string(), n.clone()));
        }
    }
    let max_run = index.max_words() + 3;
    for i in 0..items.len() {
        for j in i + 1..items.len().min(i + max_run) {
            let run = items[i..=j].join(", ");
            let name = OrgName::new(&run);
            if name.words.len() > index.max_words() + 2 {
                break;
            }
            let same = index.same(&name);
            if same.is_empty() {
                readings.push((run, name));
                continue;
            }
            let kind = if item_same[i..=j].iter().any(|&b| b) {
                HitKind::BothWays
            } else {
                HitKind::Same
            };
            for &e in same {
                hit(e, kind, &run);
            }
        }
    }
    for (written, name) in &readings {
        for e in index.near(name) {
            hit(e, HitKind::NearMiss, written);
        }
    }
    let mut out: Vec<Hit> = best
        .into_iter()
        .map(|(entry, (kind, written))| Hit {
            entry,
            kind,
            written,
        })
        .collect();
    out.sort_unstable_by_key(|h| h.entry);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        for (name, want) in [
            ("Stichting Jeugdhulp Utrecht", "jeugdhulp utrecht"),
            ("Stg. Jeugdhulp Utrecht", "jeugdhulp utrecht"),
            ("Kwintes B.V.", "kwintes"),
            ("Kwintes BV", "kwintes"),
            ("GGZ-Centraal", "ggz centraal"),
            ("Zorg & Welzijn Utrecht", "zorg en welzijn utrecht"),
            ("Zorg + Welzijn", "zorg en welzijn"),
            ("De Rading", "rading"),
            ("'t Hoofdhuis", "hoofdhuis"),
            ("St. Timon", "timon"),
            ("Jeugdzorg St. Jansdal", "jeugdzorg st jansdal"),
            ("Coöperatie Zorgkracht U.A.", "zorgkracht"),
            ("Huis de Kans", "huis de kans"),
            ("Stichting", "stichting"),
            ("De Stichting", "de stichting"),
            ("", ""),
        ] {
            assert_eq!(canonical(name), want, "{name:?}");
        }
    }

    #[test]
    fn matches() {
        assert_eq!(excludes("Kwintes", "Kwintes B.V."), Match::Same);
        assert_eq!(excludes("Altrecht", "Altrecht GGZ"), Match::Contained);
        assert_eq!(
            excludes("Jeugdhulp Utrecht", "Jeugdhulp Regio Utrecht"),
            Match::Contained
        );
        assert_eq!(
            excludes("Utrecht Jeugdhulp", "Jeugdhulp Utrecht Oost"),
            Match::No
        );
        assert_eq!(excludes("", "Jeugdhulp"), Match::No);
    }

    #[test]
    fn index_agrees_with_the_pairwise_rule() {
        let orgs = [
            "Stichting Jeugdhulp Utrecht",
            "Jeugdhulp Amersfoort",
            "GGZ Centraal Amersfoort",
            "Altrecht GGZ",
            "Gemeente Utrecht",
            "Gemeente Epe",
            "Zorg en Welzijn",
            "Jeugdbescherming Regio Utrecht",
        ];
        let mut ix = OrgIndex::new();
        for o in orgs {
            ix.push(OrgName::new(o));
        }
        for q in [
            "Jeugdhulp Utrecht",
            "Jeugdhulp",
            "GGZ",
            "Gemeente Utrech",
            "Gemeente Ede",
            "Zorg & Welzijn Utrecht",
            "Jeugdbescherming Regio Utrech",
            "Amersfoort",
            "Altrecht GGZ Jeugd",
        ] {
            let n = OrgName::new(q);
            let want_same: Vec<usize> = (0..orgs.len())
                .filter(|&e| excludes(q, orgs[e]) == Match::Same)
                .collect();
            let want_cont: Vec<usize> = (0..orgs.len())
                .filter(|&e| excludes(q, orgs[e]) == Match::Contained)
                .collect();
            let want_near: Vec<usize> =
                (0..orgs.len()).filter(|&e| near_miss(q, orgs[e])).collect();
            assert_eq!(ix.same(&n), want_same.as_slice(), "{q}");
            assert_eq!(ix.contained(&n), want_cont, "{q}");
            assert_eq!(ix.near(&n), want_near, "{q}");
        }
    }
}
