//! Organisation names: one canonical form, one matching rule, one typo rule.
//!
//! Rule 4 keeps an expert from every organisation they exclude, and an exclusion is written the
//! way people say the name: "Jeugdhulp Utrecht" for "Stichting Jeugdhulp Utrecht", "Kwintes" for
//! "Kwintes B.V.", "GGZ-Centraal" for "GGZ Centraal Amersfoort". A wrong match is worse than no
//! match, so every path that compares an organisation's name (the batch's `excluded_orgs`, the
//! inline request of `suggest` and the web form) goes through this module.
//!
//! **Canonical form** ([`canonical_words`]): a list of words.
//! 1. [`crate::model::normalize`] (invisible characters, Unicode NFKC: ligatures and full-width
//!    letters as plain ones, look-alike punctuation, case, spaces), then diacritics dropped (NFKD
//!    without combining marks: `Coöperatie` is `cooperatie`, `Proﬁel` is `profiel`).
//! 2. A dotted abbreviation of single letters is one word (`B.V.` → `bv`, `v.o.f.` → `vof`,
//!    `U.A.` → `ua`); any other character that is no letter or digit separates words (hyphens,
//!    dots, commas, apostrophes, brackets: `GGZ-Centraal` → `ggz centraal`); `&` and `+` are the
//!    word `en`, and so is the word `and`.
//! 3. A run of words that names a place of the places table by another of its names is
//!    written as the table's own name ([`place::canonical_place`], the names and aliases the
//!    `place` columns read): `Gemeente Den Bosch` → `gemeente s hertogenbosch`, `'s-Gravenhage`
//!    and `The Hague` → `den haag`, `Alphen a/d Rijn` and `Alphen a.d. Rijn` → `alphen aan den
//!    rijn`, Frisian and Dutch names (`Ljouwert` → `leeuwarden`), and a province by its other
//!    name ([`place::PROVINCES`]: `Fryslân` → `friesland`). A place's other name is the same
//!    name, so this is [`Match::Same`] and no warning. (A contracted town, `A'dam`, is one word
//!    `adam`, an abbreviation: see [`abbrev`].)
//! 4. The legal forms of [`LEGAL_FORMS`] are dropped wherever they stand, as whole words; `st`
//!    is dropped only as the first word (`St. Timon`: elsewhere it may be part of a name).
//! 5. The leading articles of [`ARTICLES`] are dropped (`De Rading` → `rading`, `'t Hoofdhuis` →
//!    `hoofdhuis`); articles inside a name stay (`Huis de Kans`).
//! 6. A name that is nothing but legal forms and articles keeps all its words (`Stichting`
//!    stays `stichting`), so that no name is empty.
//!
//! Beside the canonical words an [`OrgName`] keeps its other readings (each abbreviation of
//! [`crate::names::abbrev::ABBREVIATIONS`] spelled out: `JB West` is also `jeugdbescherming
//! west`) and which of its words were written as initials (`RvdK`, `GGD`).
//!
//! **Matching** ([`excludes`]): [`Match::Same`] when the canonical words are equal;
//! [`Match::Contained`] when all the words of one occur, in the same order, in the other (not
//! necessarily next to each other: "Jeugdhulp Utrecht" is in "Jeugdhulp Regio Utrecht" too);
//! also [`Match::Contained`] when one name written together is a run of the other's words
//! written together (`'s Heerenloo` in `’s Heeren Loo Zorggroep B.V.`: the written-together
//! rule of [`near_miss`] inside the subset rule);
//! [`Match::Abbreviated`] when a reading with abbreviations spelled out is so, or a word written
//! as initials stands for a run of the other's words ("JB West" and "Jeugdbescherming West",
//! "RvdK" and "Raad voor de Kinderbescherming": see [`crate::names::abbrev`]), or a word cut
//! short with a dot stands for a word it is the start of ("Gem. Utrecht" and "Gemeente
//! Utrecht": the most common Dutch way to shorten a word, so the same name on the safe side);
//! otherwise [`Match::No`]. In order and not contiguous is the safe side of the two readings the
//! issue allowed: it catches a district or department written in between, and every such match is
//! a warning the coordinator sees. Another town's organisation of a kind is no match:
//! "Jeugdhulp Amersfoort" and "Stichting Jeugdhulp Utrecht" share one word, not all.
//!
//! [`Match::Branch`] when a named organisation differs only by a place at the end ("Kwintes
//! (Zeist)", "Kwintes Zeist", "Kwintes locatie Utrecht": its branches, on the safe side), while a
//! name of only kind words ([`is_generic`]: "Gemeente Zeist", "GGD Utrecht") in another town is
//! another organisation. An item written as a category (`alle GGZ`, `gemeenten`, `*`) is read as
//! its kind, or every organisation, by [`category`] in [`resolve_cell`].
//!
//! **Typos** ([`near_miss`]): the rule ingest has used since issue 8, now on the canonical words.
//!
//! **Ids** ([`id_key`]): an organisation's id (a KvK number) is compared by one key, so that
//! `1234567`, `0123 4567` and `KvK 01234567` are one id; scientific notation is an error.
//!
//! **Scale** ([`OrgIndex`]): an index of a batch's organisations by canonical key, by word, by
//! the words written together and by shape, so that one exclusion is resolved by looking at the
//! organisations that share a word with it rather than at all of them; a cell of 2,000 items
//! against a batch resolves in milliseconds (the pairwise loop it replaces was cubic in the
//! items).

use super::{abbrev, normalize, place, tidy};
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

/// A folded word, and whether it was written as initials ([`abbrev::looks_like_initials`]).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Token {
    word: String,
    initials: bool,
    /// Written cut short with a dot (`Gem.`, `Utr.`, the `Z.` of `Z.-Holland`): see
    /// [`Match::Abbreviated`].
    cut: bool,
    /// A word of a place of the places table (step 3): see [`Match::Branch`].
    place: bool,
}

/// Steps 1 and 2 of the canonical form, keeping whether each word was written as initials.
fn folded_tokens(s: &str) -> Vec<Token> {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let folded: String = tidy(s).nfkd().filter(|&c| !is_combining_mark(c)).collect();
    let folded = join_contracted_dam(&folded);
    let mut tokens = Vec::new();
    let push = |tokens: &mut Vec<Token>, written: &str| {
        let word: String = normalize(written)
            .nfkd()
            .filter(|&c| !is_combining_mark(c))
            .collect();
        tokens.push(Token {
            initials: abbrev::looks_like_initials(written),
            cut: false,
            place: false,
            word: if word == "and" {
                "en".to_string()
            } else {
                word
            },
        });
    };
    for token in folded.split_whitespace() {
        // Pieces: runs of letters, digits and dots; `&` and `+` are the word `en`.
        for piece in token.split(|c: char| {
            let sep = !c.is_alphanumeric() && c != '.';
            sep && c != '&' && c != '+'
        }) {
            let mut rest = piece;
            while let Some(at) = rest.find(['&', '+']) {
                split_dots(&mut tokens, &rest[..at], push);
                push(&mut tokens, "en");
                rest = &rest[at + 1..];
            }
            split_dots(&mut tokens, rest, push);
        }
    }
    tokens
}

/// `s` with the apostrophe of a town contracted to its first letter and `dam` removed
/// (`A'dam`, `R'dam`: one word `Adam`, `Rdam`, which [`abbrev::ABBREVIATIONS`] spells out);
/// any other apostrophe stays a word break (`'s-Hertogenbosch`, `d'Oude`). O(length of `s`).
fn join_contracted_dam(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let contracted = c == '\''
            && i >= 1
            && chars[i - 1].is_alphabetic()
            && (i < 2 || !chars[i - 2].is_alphanumeric())
            && chars.len() >= i + 4
            && chars[i + 1..i + 4]
                .iter()
                .collect::<String>()
                .eq_ignore_ascii_case("dam")
            && chars.get(i + 4).is_none_or(|c| !c.is_alphanumeric());
        if !contracted {
            out.push(c);
        }
    }
    out
}

/// A piece of letters, digits and dots: one word when it is a dotted abbreviation of single
/// letters (`B.V.`), else its runs between dots, a run of letters followed by a dot marked as
/// cut short (`Gem.` → `gem`, cut).
fn split_dots(tokens: &mut Vec<Token>, piece: &str, push: impl Fn(&mut Vec<Token>, &str)) {
    let trimmed = piece.trim_matches('.');
    if is_dotted_abbreviation(piece.trim_start_matches('.')) {
        push(tokens, &trimmed.replace('.', ""));
        return;
    }
    let mut at = 0;
    for w in piece.split('.') {
        at += w.len();
        if !w.is_empty() {
            push(tokens, w);
            let dotted = piece[at..].starts_with('.');
            if let Some(t) = tokens.last_mut() {
                t.cut = dotted && w.chars().all(char::is_alphabetic);
            }
        }
        at += 1;
    }
}

/// Steps 1 and 2 of the canonical form: the folded words, nothing dropped yet.
///
/// O(length of `s`).
pub fn folded_words(s: &str) -> Vec<String> {
    folded_tokens(s).into_iter().map(|t| t.word).collect()
}

/// Step 3 of the canonical form: each run of words that names a place of the places table by
/// another of its names ([`place::canonical_place`]: `den bosch`, `s gravenhage`, `alphen a d
/// rijn`) replaced by the words of the table's own name, longest run first. O(words × longest
/// place name).
fn with_places(tokens: Vec<Token>) -> Vec<Token> {
    let longest = place::longest_place_name();
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    'words: while i < tokens.len() {
        for j in (i + 1..=(i + longest).min(tokens.len())).rev() {
            let run: Vec<&str> = tokens[i..j].iter().map(|t| t.word.as_str()).collect();
            let run = run.join(" ");
            match place::canonical_place(&run) {
                Some(name) if name != run => {
                    out.extend(name.split(' ').map(|w| Token {
                        word: w.to_string(),
                        initials: false,
                        cut: false,
                        place: true,
                    }));
                    i = j;
                    continue 'words;
                }
                Some(_) => {
                    // Already the table's name: kept whole, its words not read again.
                    out.extend(tokens[i..j].iter().cloned().map(|mut t| {
                        t.place = true;
                        t
                    }));
                    i = j;
                    continue 'words;
                }
                None => {}
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

/// Steps 4 to 6 of the canonical form on place-read tokens.
fn canonical_tokens(all: Vec<Token>) -> Vec<Token> {
    let mut words: &[Token] = &all;
    if words.first().is_some_and(|w| w.word == "st") {
        words = &words[1..];
    }
    let mut kept: Vec<Token> = words
        .iter()
        .filter(|w| !LEGAL_FORMS.contains(&w.word.as_str()))
        .cloned()
        .collect();
    let articles = kept
        .iter()
        .take_while(|w| ARTICLES.contains(&w.word.as_str()))
        .count();
    kept.drain(..articles);
    if kept.is_empty() {
        all
    } else {
        kept
    }
}

/// The canonical form of an organisation's name, as a list of words (see the module docs):
/// `"Stg. Jeugdhulp-Utrecht"` → `["jeugdhulp", "utrecht"]`, `"Zorg & Welzijn B.V."` →
/// `["zorg", "en", "welzijn"]`, `"De Rading"` → `["rading"]`, `"Gemeente Den Bosch"` →
/// `["gemeente", "s", "hertogenbosch"]`. Empty only for a name without letters or digits.
///
/// O(length of `s`).
pub fn canonical_words(s: &str) -> Vec<String> {
    canonical_tokens(with_places(folded_tokens(s)))
        .into_iter()
        .map(|t| t.word)
        .collect()
}

/// At most this many abbreviations of one name are spelled out (2^4 readings for words of one
/// expansion each). A legal form written short (`Stg.`, `Stich.`) is not counted: it is dropped
/// in every reading, so it cannot use up the place of a kind, town or region written short
/// ("Stg. JB A'dam Gld" spells out `JB`, `A'dam` and `Gld`).
const MAX_ABBREVIATIONS: usize = 4;

/// What the word of `t` may stand for: [`abbrev::expansions`], and for a word cut short with a
/// dot also [`abbrev::cut_expansions`] and the legal forms of [`LEGAL_FORMS`] it is the start
/// of (`Ver.` is `vereniging`, dropped as a legal form; `Stich.` is `stichting`).
fn expansions(t: &Token) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = abbrev::expansions(&t.word).to_vec();
    if t.cut {
        out.extend(abbrev::cut_expansions(&t.word));
        if t.word.chars().count() >= 2 {
            out.extend(
                LEGAL_FORMS
                    .iter()
                    .filter(|f| f.len() > t.word.len() && f.starts_with(t.word.as_str())),
            );
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The other readings of a name: its place-read tokens with each abbreviation of
/// [`abbrev::ABBREVIATIONS`] spelled out (every combination, up to [`MAX_ABBREVIATIONS`]), in
/// canonical form, without the plain reading and without repeats.
fn readings(tokens: &[Token], plain: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    let mut spelled = 0;
    for t in tokens {
        let exp = expansions(t);
        if !exp.is_empty() && exp.iter().all(|e| LEGAL_FORMS.contains(e)) {
            // A legal form written short: every reading drops it (step 4), no branch.
            out.iter_mut().for_each(|r| r.push(exp[0].to_string()));
            continue;
        }
        if exp.is_empty() || spelled == MAX_ABBREVIATIONS {
            out.iter_mut().for_each(|r| r.push(t.word.clone()));
            continue;
        }
        spelled += 1;
        let mut next = Vec::new();
        for r in &out {
            for alt in std::iter::once(t.word.as_str()).chain(exp.iter().copied()) {
                let mut r = r.clone();
                r.extend(alt.split(' ').map(str::to_string));
                next.push(r);
            }
        }
        out = next;
    }
    let mut out: Vec<Vec<String>> = out
        .into_iter()
        .map(|r| {
            let tokens = r
                .into_iter()
                .map(|word| Token {
                    word,
                    initials: false,
                    cut: false,
                    place: false,
                })
                .collect();
            canonical_tokens(tokens)
                .into_iter()
                .map(|t| t.word)
                .collect()
        })
        .filter(|r: &Vec<String>| r.as_slice() != plain)
        .collect();
    out.sort();
    out.dedup();
    out
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
    /// Neither, but one is an abbreviation or the initials of the other
    /// ([`crate::names::abbrev`]): "JB West" and "Jeugdbescherming West", "RvdK" and "Raad voor
    /// de Kinderbescherming". Also when a word cut short with a dot stands for the other's word
    /// it is the start of ("Gem. Utrecht" and "Gemeente Utrecht", "Jeugdhulp Utr." and
    /// "Jeugdhulp Utrecht"), or for what [`abbrev::cut_expansions`] or a legal form it starts
    /// gives ("Ver. X" and "Vereniging X"). Excluded on the safe side, with a warning.
    Abbreviated,
    /// None of these, but the two differ only by a place at the end (`branch_base`: "Kwintes
    /// (Zeist)", "Kwintes Zeist" and "Kwintes locatie Utrecht"): one organisation's branches, for
    /// a name that is not just a kind of organisation ("Gemeente Zeist" and "Gemeente Utrecht"
    /// stay apart). Excluded on the safe side, with a warning.
    Branch,
    /// None of these.
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
    /// Positions in `words` of words written as initials (`JB`, `RvdK`).
    initials: Vec<usize>,
    /// The other readings: abbreviations spelled out ([`abbrev::ABBREVIATIONS`]).
    readings: Vec<Vec<String>>,
    /// The words written cut short with a dot (`gem` of `Gem.`), sorted: each also stands for
    /// any longer word it is the start of ([`OrgName::cut_matches`]).
    cut: Vec<String>,
    /// The words without a place at the end ([`branch_base`]), when there was one.
    base: Option<Vec<String>>,
}

impl OrgName {
    /// The canonical form of `s` ([`canonical_words`]), with the words written as initials and
    /// the readings with abbreviations spelled out. O(length of `s`).
    pub fn new(s: &str) -> Self {
        let placed = with_places(folded_tokens(s));
        let tokens = canonical_tokens(placed.clone());
        let words: Vec<String> = tokens.iter().map(|t| t.word.clone()).collect();
        let initials = (0..tokens.len()).filter(|&i| tokens[i].initials).collect();
        let readings = readings(&placed, &words);
        let mut cut: Vec<String> = placed
            .iter()
            .filter(|t| t.cut)
            .map(|t| t.word.clone())
            .collect();
        cut.sort();
        cut.dedup();
        let base = branch_base(&tokens);
        OrgName {
            key: words.join(" "),
            joined: words.concat(),
            words,
            initials,
            readings,
            cut,
            base,
        }
    }

    /// The words without a place at the end, or all the words: what [`Match::Branch`]
    /// compares.
    pub fn base_or_words(&self) -> &[String] {
        self.base.as_deref().unwrap_or(&self.words)
    }

    /// Whether the two differ only by a place at the end ([`Match::Branch`]): the base (or the
    /// words) of one equal to, or all in, in order, the other's, and the shorter not just a kind
    /// of organisation ([`is_generic`]) and of 4 letters or more, and at least one of them had
    /// a place at the end.
    /// O(words).
    fn branch(&self, other: &OrgName) -> bool {
        if self.base.is_none() && other.base.is_none() {
            return false;
        }
        let (a, b) = (self.base_or_words(), other.base_or_words());
        let shorter = if a.len() <= b.len() { a } else { b };
        (a == b || is_subsequence(a, b) || is_subsequence(b, a))
            && shorter.concat().chars().count() >= 4
            && !is_generic(shorter)
    }

    /// A name of canonical words as given, without initials or other readings.
    fn plain(words: Vec<String>) -> Self {
        OrgName {
            key: words.join(" "),
            joined: words.concat(),
            words,
            initials: Vec::new(),
            readings: Vec::new(),
            cut: Vec::new(),
            base: None,
        }
    }

    /// The words of the name written cut short with a dot (`gem` of `Gem. Utrecht`), sorted.
    pub fn cut_words(&self) -> &[String] {
        &self.cut
    }

    /// Whether the word `x` of one name stands for the word `y` of the other (`self` and
    /// `other`, either way round): equal, or the shorter was cut short with a dot in either name
    /// and is the start of the longer (`gem` of `Gem.` and `gemeente`). Symmetric.
    fn same_word(&self, other: &OrgName, x: &str, y: &str) -> bool {
        let (short, long) = if x.len() < y.len() { (x, y) } else { (y, x) };
        x == y
            || (long.starts_with(short) && (self.cut.iter().chain(&other.cut)).any(|c| c == short))
    }

    /// Whether the words `a` and `b` (readings of `self` and `other`, either way round) are one
    /// name when a word cut short with a dot stands for the word at the same place in the other
    /// ([`OrgName::same_word`]): word for word, or the shorter the start of the longer when it
    /// has a word that is not cut ("Gem. Utrecht" and "Gemeente Utrecht Oost", as "Gemeente
    /// Utrecht" is all in it). Only at the same place: "Gem. Utrecht" is not "Gemeentelijke
    /// Gezondheidsdienst Utrecht" (GGD Utrecht). O(words).
    fn cut_aligned(&self, other: &OrgName, a: &[String], b: &[String]) -> bool {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let cut = |w: &String| self.cut.contains(w) || other.cut.contains(w);
        if short.len() < long.len() && short.iter().all(cut) {
            return false;
        }
        !short.is_empty()
            && short
                .iter()
                .zip(long)
                .all(|(x, y)| self.same_word(other, x, y))
    }

    /// Whether a reading of one (the plain one or one with abbreviations spelled out) is a
    /// reading of the other by [`OrgName::cut_aligned`]: "Gem. Utrecht" and "Gemeente
    /// Utrecht", "Jeugdzorg Z.-Holland" and "Jeugdzorg Zuid-Holland", "Jeugd. Utrecht" and both
    /// "Jeugdhulp Utrecht" and "Jeugdzorg Utrecht" (ambiguous: both, the safe side of an
    /// exclusion). O(readings² × words).
    fn cut_matches(&self, other: &OrgName) -> bool {
        if self.cut.is_empty() && other.cut.is_empty() {
            return false;
        }
        std::iter::once(&self.words).chain(&self.readings).any(|a| {
            std::iter::once(&other.words)
                .chain(&other.readings)
                .any(|b| self.cut_aligned(other, a, b))
        })
    }

    /// The other readings of the name, each as canonical words: every abbreviation of
    /// [`abbrev::ABBREVIATIONS`] it holds spelled out (`JB West` → `jeugdbescherming west`).
    pub fn readings(&self) -> &[Vec<String>] {
        &self.readings
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
        if self.abbreviates(other) {
            return Match::Abbreviated;
        }
        if self.branch(other) {
            return Match::Branch;
        }
        Match::No
    }

    /// Whether a reading with abbreviations spelled out of one is equal to, or all in (in order),
    /// a reading of the other (not both the plain ones), or a word of one written as initials
    /// stands for a run of the other's words ([`OrgName::initials_into`]), or a word cut short
    /// with a dot stands for the other's word ([`OrgName::cut_matches`]). O(readings² × words
    /// + initials × words² × letters).
    fn abbreviates(&self, other: &OrgName) -> bool {
        let mine = std::iter::once(&self.words).chain(&self.readings);
        for (i, a) in mine.enumerate() {
            let theirs = std::iter::once(&other.words).chain(&other.readings);
            for (j, b) in theirs.enumerate() {
                if (i, j) != (0, 0) && (a == b || is_subsequence(a, b) || is_subsequence(b, a)) {
                    return true;
                }
            }
        }
        self.initials_into(other) || other.initials_into(self) || self.cut_matches(other)
    }

    /// Whether the words of `self` written as initials, each replaced by a run of `other`'s
    /// words whose initials it is ([`abbrev::initials_runs`]), in the plain reading or one with
    /// abbreviations spelled out ("JB HM": `jeugdbescherming` for `JB` and a run for `HM`), make
    /// `self` the same as a reading of `other`, or all in it in order, or the other way round
    /// (the rule of [`Match::Contained`]). A name that is nothing but 2 initials
    /// (`GI`) is left to the table: two letters are the initials of too many runs to stand
    /// alone. O(readings × runs × words).
    fn initials_into(&self, other: &OrgName) -> bool {
        const MAX_VARIANTS: usize = 64;
        let mut letters: Vec<&String> = self.initials.iter().map(|&i| &self.words[i]).collect();
        letters.sort();
        letters.dedup();
        if letters.is_empty() || (self.words.len() == 1 && self.words[0].chars().count() < 3) {
            return false;
        }
        // (words, whether a word written as initials was replaced)
        let mut variants: Vec<(Vec<String>, bool)> = std::iter::once(&self.words)
            .chain(&self.readings)
            .map(|w| (w.clone(), false))
            .collect();
        for l in letters {
            let runs = abbrev::initials_runs(&other.words, l);
            let mut next = variants.clone();
            for (v, _) in &variants {
                for p in (0..v.len()).filter(|&p| &v[p] == l) {
                    for &(j, k) in &runs {
                        let mut w: Vec<String> = v[..p].to_vec();
                        w.extend(other.words[j..k].iter().cloned());
                        w.extend(v[p + 1..].iter().cloned());
                        if next.len() < MAX_VARIANTS {
                            next.push((w, true));
                        }
                    }
                }
            }
            variants = next;
        }
        let theirs: Vec<&Vec<String>> = std::iter::once(&other.words)
            .chain(&other.readings)
            .collect();
        variants
            .iter()
            .filter(|(_, replaced)| *replaced)
            .any(|(w, _)| {
                theirs.iter().any(|t| {
                    w == *t
                        || is_subsequence(w, t)
                        || is_subsequence(t, w)
                        || self.cut_aligned(other, w, t)
                })
            })
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

mod branch;
pub mod category;
mod id;
mod index;
use branch::branch_base;
pub use branch::{is_generic, BRANCH_WORDS, GENERIC_WORDS};
pub use id::{id_key, id_list_keys, LostDigits};
pub use index::{resolve_cell, Hit, HitKind, OrgIndex};

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
    fn place_names_and_abbreviations() {
        for (a, b, want) in [
            (
                "Gemeente Den Bosch",
                "Gemeente 's-Hertogenbosch",
                Match::Same,
            ),
            ("Gemeente Den Haag", "Gemeente 's-Gravenhage", Match::Same),
            ("The Hague Jeugdzorg", "Jeugdzorg Den Haag", Match::No),
            ("Jeugdzorg The Hague", "Jeugdzorg Den Haag", Match::Same),
            (
                "Gemeente Alphen a/d Rijn",
                "Gemeente Alphen aan den Rijn",
                Match::Same,
            ),
            ("JB West", "Jeugdbescherming west", Match::Abbreviated),
            ("J.B. West", "Jeugdbescherming West", Match::Abbreviated),
            ("jb west", "Jeugdbescherming West", Match::Abbreviated),
            ("JB West", "Jeugdbescherming Noord", Match::No),
            ("RvdK", "Raad voor de Kinderbescherming", Match::Abbreviated),
            (
                "RvdK Utrecht",
                "Raad voor de Kinderbescherming Utrecht",
                Match::Abbreviated,
            ),
            ("GGD HM", "GGD Hollands Midden", Match::Abbreviated),
            (
                "JB HM",
                "Jeugdbescherming Hollands Midden",
                Match::Abbreviated,
            ),
            ("GGD HM", "GGD Hollands Midden Zuid", Match::Abbreviated),
            ("GGD HM", "GGD Haaglanden", Match::No),
            (
                "GGD Hollands Midden",
                "Gemeentelijke Gezondheidsdienst Hollands-Midden",
                Match::Abbreviated,
            ),
            (
                "CJG Utrecht",
                "Centrum voor Jeugd en Gezin Utrecht",
                Match::Abbreviated,
            ),
            (
                "JBRA",
                "Jeugdbescherming Regio Amsterdam",
                Match::Abbreviated,
            ),
            (
                "GI",
                "Gecertificeerde Instelling Utrecht",
                Match::Abbreviated,
            ),
            ("GI", "Gemeente IJsselstein", Match::No),
            (
                "GGZ",
                "Geestelijke Gezondheidszorg Eindhoven",
                Match::Abbreviated,
            ),
            ("GGZ Centraal", "GGZ Noord", Match::No),
            (
                "GGZ Centraal",
                "Geestelijke Gezondheidszorg Noord",
                Match::No,
            ),
            (
                "Gemeente Utrecht",
                "Gemeente Utrechtse Heuvelrug",
                Match::No,
            ),
            ("Jeugdbescherming West", "Jeugdbescherming Noord", Match::No),
            ("STICHTING DE RADING", "De Rading", Match::Same),
            // A legal form, a kind, a town and a region all written short together.
            (
                "Stg. JB A'dam Gld",
                "Jeugdbescherming Amsterdam Gelderland",
                Match::Abbreviated,
            ),
            (
                "Stich. JB A'dam Gld",
                "Jeugdbescherming Amsterdam Gelderland",
                Match::Abbreviated,
            ),
            (
                "Stg. JB A'dam Gld",
                "Jeugdbescherming Amsterdam",
                Match::Abbreviated,
            ),
            (
                "Stg. JB A'dam Gld",
                "Jeugdbescherming Rotterdam Gelderland",
                Match::No,
            ),
        ] {
            assert_eq!(excludes(a, b), want, "{a} / {b}");
            assert_eq!(excludes(b, a), want, "{b} / {a}");
        }
    }

    #[test]
    fn words_cut_short_with_a_dot() {
        let mut bad = Vec::new();
        for (a, b, want) in [
            ("Gem. Utrecht", "Gemeente Utrecht", Match::Abbreviated),
            ("Gem.Utrecht", "Gemeente Utrecht", Match::Abbreviated),
            ("Jeugdhulp Utr.", "Jeugdhulp Utrecht", Match::Abbreviated),
            ("Jeugdhulp Ut.", "Jeugdhulp Utrecht", Match::Abbreviated),
            (
                "Jeugdhulp Ut.",
                "Jeugdhulp Utrecht Oost",
                Match::Abbreviated,
            ),
            // Only at the same place: not a district in between, not a longer reading.
            ("Jeugdhulp Ut.", "Jeugdhulp Regio Utrecht", Match::No),
            ("Gem. Utrecht", "GGD Utrecht", Match::No),
            (
                "Gem. Utrecht",
                "Gemeentelijke Gezondheidsdienst Utrecht",
                Match::No,
            ),
            // `Gem.` alone is also read `gemeente` (the table of cut words): all in the other.
            ("Gem.", "Gemeente Utrecht", Match::Abbreviated),
            ("Jeugdz.", "Jeugdzorg Utrecht", Match::No),
            ("Gem.", "Gemeente", Match::Abbreviated),
            (
                "ZWG Capelle aan den IJss.",
                "Zorg en Welzijn Groep Capelle aan den IJssel",
                Match::Abbreviated,
            ),
            ("Jeugdz. Utrecht", "Jeugdzorg Utrecht", Match::Abbreviated),
            ("Jeugd. Utrecht", "Jeugdzorg Utrecht", Match::Abbreviated),
            ("Jeugd. Utrecht", "Jeugdhulp Utrecht", Match::Abbreviated),
            (
                "Jeugdzorg Z.-Holland",
                "Jeugdzorg Zuid-Holland",
                Match::Abbreviated,
            ),
            ("Jeugdzorg Z.-Holland", "Jeugdzorg Noord-Holland", Match::No),
            // `ver` is left as a word, so "Kwintes" is all in it; read as `vereniging`, dropped.
            ("Ver. Kwintes", "Vereniging Kwintes", Match::Contained),
            ("Ver. Kwintes Zorg", "Zorg Kwintes", Match::No),
            ("Ver. Kwintes Zorg", "Kwintes-Zorg", Match::Contained),
            (
                "Stich. Kwintes Zorg",
                "Stichting Kwintes Zorg",
                Match::Contained,
            ),
            ("Stg. Kwintes", "Stichting Kwintes", Match::Same),
            ("St. Kwintes", "Stichting Kwintes", Match::Same),
            ("Zorg St. Jansdal", "Zorg Sint Jansdal", Match::Abbreviated),
            ("Gem. Utrecht", "Gemeente Amersfoort", Match::No),
            ("Gem. Utrecht", "Gemeente Utrechtse Heuvelrug", Match::No),
            ("Gem. Ede", "Gemeente Epe", Match::No),
            ("Jeugdhulp Utr.", "Jeugdzorg Utrecht", Match::No),
            (
                "Gemeente Utr.",
                "Gemeente Utrechtse Heuvelrug",
                Match::Abbreviated,
            ),
            // Without a dot a short word is a word of its own ("Gem" is no cut word).
            ("Jeugdhulp Ut", "Jeugdhulp Utrecht", Match::No),
            (
                "Gemeente Bergen (NH)",
                "Gemeente Bergen Noord-Holland",
                Match::Abbreviated,
            ),
            (
                "Gemeente Bergen (N.-H.)",
                "Gemeente Bergen Noord-Holland",
                Match::Abbreviated,
            ),
            ("Gemeente Bergen (NH)", "Gemeente Bergen Limburg", Match::No),
        ] {
            bad.extend(
                (excludes(a, b) != want).then(|| format!("{a} / {b}: {:?}", excludes(a, b))),
            );
            bad.extend(
                (excludes(b, a) != want).then(|| format!("{b} / {a}: {:?}", excludes(b, a))),
            );
        }
        assert!(bad.is_empty(), "{bad:#?}");
        assert_eq!(OrgName::new("Gem. Utr. B.V.").cut_words(), ["gem", "utr"]);
        assert!(OrgName::new("Kwintes B.V. e.o.").cut_words().is_empty());
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
            "JB West",
            "Raad voor de Kinderbescherming",
            "GGD Hollands Midden",
            "Jeugdz. Amersfoort",
            "Gem. Zeist",
            "Ver. Kwintes",
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
            "Jeugdbescherming West",
            "RvdK",
            "Gemeentelijke Gezondheidsdienst Hollands Midden",
            "GGD HM",
            "JBRU",
            "Gem. Utrecht",
            "Jeugd. Utrecht",
            "Gemeente Ut.",
            "Jeugdzorg Amersfoort",
            "Gemeente Zeist",
            "Kwintes",
            "J. Amersfoort",
            "Gem. Z.",
        ] {
            let n = OrgName::new(q);
            let want_same: Vec<usize> = (0..orgs.len())
                .filter(|&e| excludes(q, orgs[e]) == Match::Same)
                .collect();
            let want_cont: Vec<usize> = (0..orgs.len())
                .filter(|&e| excludes(q, orgs[e]) == Match::Contained)
                .collect();
            let want_abbr: Vec<usize> = (0..orgs.len())
                .filter(|&e| excludes(q, orgs[e]) == Match::Abbreviated)
                .collect();
            let want_near: Vec<usize> =
                (0..orgs.len()).filter(|&e| near_miss(q, orgs[e])).collect();
            assert_eq!(ix.same(&n), want_same.as_slice(), "{q}");
            assert_eq!(ix.contained(&n), want_cont, "{q}");
            assert_eq!(ix.abbreviated(&n), want_abbr, "{q}");
            assert_eq!(ix.near(&n), want_near, "{q}");
        }
    }
}
