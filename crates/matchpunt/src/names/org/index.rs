//! The index of a batch's organisations, and how one `excluded_orgs` cell is resolved against
//! it: the same rules as [`OrgName::matches`] and [`OrgName::near`], found by looking only at the
//! organisations that share a word, a run written together, a shape or initials with the query.

use super::*;
use std::collections::BTreeMap;
use std::ops::Bound;

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
    /// Sorted, so that the words a word cut short with a dot is the start of are one range.
    by_word: BTreeMap<String, Vec<usize>>,
    by_joined: HashMap<String, Vec<usize>>,
    by_shape: HashMap<(usize, usize), Vec<usize>>,
    /// Runs of consecutive words written together (not the whole name), for [`window_joined`].
    by_window: HashMap<String, Vec<usize>>,
    max_words: usize,
    /// Every entry's other readings ([`OrgName::readings`]) as plain names, and
    /// `reading_owner`: the entry of each.
    readings: Option<Box<OrgIndex>>,
    reading_owner: Vec<usize>,
    /// The initials of runs of each entry's words ([`abbrev::all_initials`]).
    by_initials: HashMap<String, Vec<usize>>,
    /// Each entry's words written as initials.
    by_initialism: HashMap<String, Vec<usize>>,
    /// Each entry's words cut short with a dot ([`OrgName::cut_words`]).
    by_cut: HashMap<String, Vec<usize>>,
}

/// The longest initials [`OrgIndex`] indexes (as [`abbrev::looks_like_initials`] reads them).
const MAX_INITIALS: usize = 6;

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
        if !name.readings.is_empty() {
            let alt = self.readings.get_or_insert_with(Default::default);
            for r in &name.readings {
                let mut reading = OrgName::plain(r.clone());
                reading.cut = name.cut.clone();
                alt.push(reading);
                self.reading_owner.push(i);
            }
        }
        for s in abbrev::all_initials(&name.words, MAX_INITIALS) {
            self.by_initials.entry(s).or_default().push(i);
        }
        for w in &name.cut {
            self.by_cut.entry(w.clone()).or_default().push(i);
        }
        for &p in &name.initials {
            let v = self.by_initialism.entry(name.words[p].clone()).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
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

    /// Entries [`Match::Abbreviated`] with `q` (either way round), sorted. Candidates are the
    /// entries a reading of `q` is [`Match::Same`] or [`Match::Contained`] with, those with a
    /// reading `q` or a reading of `q` is so with, those with a run of words whose initials
    /// are a word of `q` written as initials, and those with a word written as initials that a
    /// run of `q`'s words gives; each is then checked by [`OrgName::matches`]. Costs as
    /// [`OrgIndex::contained`], once per reading.
    pub fn abbreviated(&self, q: &OrgName) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        if q.words.is_empty() {
            return out;
        }
        let plain: Vec<OrgName> = std::iter::once(&q.words)
            .chain(&q.readings)
            .map(|r| OrgName::plain(r.clone()))
            .collect();
        for r in &plain[1..] {
            out.extend(self.same(r));
            out.extend(self.contained(r));
        }
        if let Some(alt) = &self.readings {
            for r in &plain {
                let owners = alt.same(r).iter().copied().chain(alt.contained(r));
                out.extend(owners.map(|e| self.reading_owner[e]));
            }
        }
        for &p in &q.initials {
            out.extend(self.by_initials.get(&q.words[p]).into_iter().flatten());
        }
        if !self.by_initialism.is_empty() {
            for s in abbrev::all_initials(&q.words, MAX_INITIALS) {
                out.extend(self.by_initialism.get(&s).into_iter().flatten());
            }
        }
        for r in &plain {
            out.extend(self.cut_candidates(&r.words, &q.cut));
            if let Some(alt) = &self.readings {
                let owners = alt.cut_candidates(&r.words, &q.cut);
                out.extend(owners.into_iter().map(|e| self.reading_owner[e]));
            }
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|&e| q.matches(&self.names[e]) == Match::Abbreviated);
        out
    }

    /// Entries with a word that a word cut short with a dot of the query (one of `cut`) is the
    /// start of, or with a word cut short with a dot that is the start of a word of `words` (a
    /// reading of the query): the candidates of [`OrgName::cut_matches`]. O(cut words ×
    /// matching words + words × letters).
    fn cut_candidates(&self, words: &[String], cut: &[String]) -> Vec<usize> {
        let mut out = Vec::new();
        for c in cut {
            let longer = self
                .by_word
                .range::<String, _>((Bound::Included(c), Bound::Unbounded))
                .take_while(|(k, _)| k.starts_with(c.as_str()));
            out.extend(longer.flat_map(|(_, v)| v.iter().copied()));
        }
        if !self.by_cut.is_empty() {
            for w in words {
                let ends = w.char_indices().skip(1).map(|(at, _)| at);
                for end in ends.chain([w.len()]) {
                    out.extend(self.by_cut.get(&w[..end]).into_iter().flatten());
                }
            }
        }
        out
    }

    /// Entries [`Match::Branch`] with `q`, sorted: those sharing a word with `q`'s base (or
    /// words), checked by [`OrgName::matches`]. Costs the postings of those words (a name that
    /// is only kind words, whose postings are long, has no branches: [`is_generic`]).
    pub fn branch(&self, q: &OrgName) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let words = q.base_or_words();
        if words.is_empty() || is_generic(words) {
            return out;
        }
        // The shorter base is all in the longer, so a match shares a word with `q`'s base.
        for w in words {
            out.extend(self.by_word.get(w).into_iter().flatten());
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|&e| q.matches(&self.names[e]) == Match::Branch);
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
    /// An item is [`Match::Abbreviated`] with the entry.
    Abbreviated,
    /// An item is [`Match::Branch`] with the entry: the same name with another place at the end.
    Branch,
    /// An item names a kind of organisation or all of them ([`super::category`]: `alle GGZ`,
    /// `gemeenten`, `GGZ-instellingen`, `*`), and the entry is of that kind (its kind word read
    /// as [`Match::Same`], [`Match::Contained`] or [`Match::Abbreviated`]), or any entry for all.
    Category,
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
            HitKind::Abbreviated => "one is an abbreviation or the initials of the other",
            HitKind::Branch => "the same name with another place at the end",
            HitKind::Category => "the cell names a kind of organisation or all of them",
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
    /// `Abbreviated` before `NearMiss`).
    pub kind: HitKind,
    /// The reading of the cell that reached it, as written (an item, or a run of items joined
    /// by `, `).
    pub written: String,
}

/// Every entry of `index` that the items of one `excluded_orgs` cell (`items`, in cell order)
/// exclude, sorted by entry. Excluding is a safety rule, so every reading of the cell counts:
///
/// - each item: [`Match::Same`], [`Match::Contained`] or [`Match::Abbreviated`] entries;
/// - each run of consecutive items read as one name (`"Jeugdhulp Utrecht, locatie Oost"` is one
///   organisation, not two items), up to as many items as the longest entry has words:
///   [`Match::Same`] entries, [`HitKind::BothWays`] when an item of the run names an entry on its
///   own too;
/// - each item or run that names no entry the same way: the entries it is a [`near_miss`] of.
/// - each item written as a category ([`super::category::category`]): every entry for `*`,
///   `alle`, `alles`; for `alle GGZ`, `gemeenten`, `GGZ-instellingen` the entries its kind word
///   (and each singular) is [`Match::Same`], [`Match::Contained`] or [`Match::Abbreviated`]
///   with ([`HitKind::Category`]).
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
        for e in index.abbreviated(n) {
            hit(e, HitKind::Abbreviated, items[i]);
        }
        for e in index.branch(n) {
            hit(e, HitKind::Branch, items[i]);
        }
        if !item_same[i] {
            readings.push((items[i].to_string(), n.clone()));
        }
        match super::category::category(items[i]) {
            Some(super::category::Category::All) => {
                for e in 0..index.len() {
                    hit(e, HitKind::Category, items[i]);
                }
            }
            Some(super::category::Category::Kind(kinds)) => {
                for k in kinds {
                    let k = OrgName::new(&k);
                    let found: Vec<usize> = index.same(&k).to_vec();
                    let found = found
                        .into_iter()
                        .chain(index.contained(&k))
                        .chain(index.abbreviated(&k));
                    for e in found {
                        hit(e, HitKind::Category, items[i]);
                    }
                }
            }
            None => {}
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
