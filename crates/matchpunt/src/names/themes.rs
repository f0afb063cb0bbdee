//! The theme vocabulary: canonical Dutch themes with their synonyms and plural forms.
//!
//! The project ships `data/themes.csv` (columns `theme,synonyms`, synonyms separated by `|`); it is
//! compiled into the library like the places table. Every spelling is compared by
//! [`fold_theme`] (case, diacritics, hyphens, spaces and apostrophes folded), and a spelling the
//! vocabulary knows stands for its canonical theme: `eetstoornissen`, `Eetstoornis` and
//! `eet-stoornis` are one theme. Themes the vocabulary does not know are still used, compared by
//! their folded spelling; `check` lists them with a "did you mean".
//!
//! A spelling one letter away from another theme's spelling ([`near_miss`]) may be a typo. Where
//! that matters for safety (an avoided theme, a heavy theme), the safe reading wins.

use super::fold_theme;
pub use super::theme_words::AVOID_SYNONYMS;
use super::theme_words::{stems_of, Spelling};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The bundled vocabulary (`theme,synonyms`).
pub const BUNDLED_CSV: &str = include_str!("../../../../data/themes.csv");

/// One canonical theme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// The canonical name, as shown.
    pub name: String,
    /// Its comparison key: the folded canonical name.
    pub key: String,
    /// Every spelling of it, folded (the canonical name first, then the synonyms).
    pub forms: Vec<String>,
    /// The stems of its spellings that end in a Dutch suffix (`pest` of `pesten`, `automutil`
    /// of `automutilatie`, `suicidal` of `suicidaliteit`; [`stems_of`]), folded: a word that
    /// begins with one is a derivation of the theme on the safe side (`pesterijen`,
    /// `automutileren`).
    pub stems: Vec<String>,
}

/// The canonical themes and every spelling that stands for one of them.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    themes: Vec<Theme>,
    by_form: HashMap<String, usize>,
}

static BUNDLED: LazyLock<Vocabulary> = LazyLock::new(|| {
    Vocabulary::from_csv(BUNDLED_CSV).expect("the bundled theme vocabulary is valid")
});

impl Vocabulary {
    /// The vocabulary compiled into the library.
    pub fn bundled() -> &'static Vocabulary {
        &BUNDLED
    }

    /// Parses a vocabulary with columns `theme,synonyms`. A spelling that folds to the same key
    /// as a spelling of another theme is an error: it would make two themes one.
    ///
    /// # Errors
    ///
    /// [`VocabularyError`]: a missing `theme` column, a CSV error, or one spelling of two themes.
    pub fn from_csv(text: &str) -> Result<Vocabulary, VocabularyError> {
        Self::read_csv(text).map_err(VocabularyError)
    }

    fn read_csv(text: &str) -> Result<Vocabulary, String> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
        let col = |n: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(n));
        let Some(tc) = col("theme") else {
            return Err("theme vocabulary needs a column theme".into());
        };
        let sc = col("synonyms");
        let mut v = Vocabulary::default();
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| e.to_string())?;
            let line = i + 2;
            let name = rec.get(tc).unwrap_or("").to_string();
            let key = fold_theme(&name);
            if key.is_empty() {
                return Err(format!("theme vocabulary line {line}: empty theme"));
            }
            let idx = v.themes.len();
            let mut forms = vec![key.clone()];
            let synonyms = sc.and_then(|c| rec.get(c)).unwrap_or("");
            for s in synonyms.split('|').map(str::trim).filter(|s| !s.is_empty()) {
                let f = fold_theme(s);
                if !f.is_empty() && !forms.contains(&f) {
                    forms.push(f);
                }
            }
            for f in &forms {
                if let Some(&other) = v.by_form.get(f) {
                    return Err(format!(
                        "theme vocabulary line {line}: {f:?} is also a spelling of {:?}",
                        v.themes[other].name
                    ));
                }
                v.by_form.insert(f.clone(), idx);
            }
            let stems = stems_of(&forms);
            v.themes.push(Theme {
                name,
                key,
                forms,
                stems,
            });
        }
        Ok(v)
    }

    /// All canonical themes, in table order.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The canonical theme a spelling stands for, if the vocabulary knows it.
    pub fn get(&self, spelling: &str) -> Option<&Theme> {
        self.canonical_of_folded(&fold_theme(spelling))
    }

    /// The canonical theme of a spelling already folded by [`fold_theme`].
    pub fn canonical_of_folded(&self, folded: &str) -> Option<&Theme> {
        self.by_form.get(folded).map(|&i| &self.themes[i])
    }

    /// The canonical theme whose key ([`crate::model::theme_key`]) is `key`.
    pub fn by_key(&self, key: &str) -> Option<&Theme> {
        self.canonical_of_folded(key).filter(|t| t.key == key)
    }

    /// The canonical name closest to an unknown spelling, for a "did you mean" (Damerau-Levenshtein
    /// over every known spelling, at most a quarter of the length away, at least 1). Cost:
    /// O(length) plus length × form length for each form within that distance in length.
    pub fn suggest(&self, spelling: &str) -> Option<&str> {
        let f = fold_theme(spelling);
        if f.is_empty() || self.by_form.contains_key(&f) {
            return None;
        }
        let len = f.chars().count();
        let limit = (len / 4).max(1);
        let mut best: Option<(usize, usize)> = None;
        for (i, t) in self.themes.iter().enumerate() {
            for form in &t.forms {
                // The distance is at least the difference in length: a 1 MiB cell is compared
                // with no form (the distance costs length × length).
                if len.abs_diff(form.chars().count()) > limit {
                    continue;
                }
                let d = strsim::damerau_levenshtein(&f, form);
                if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, i));
                }
            }
        }
        best.map(|(_, i)| self.themes[i].name.as_str())
    }

    /// The folded spellings that stand for the theme with key `key`: all of a known theme's
    /// forms, or the key itself.
    fn forms_of_key<'a>(&'a self, key: &'a str) -> Vec<&'a str> {
        match self.by_key(key) {
            Some(t) => t.forms.iter().map(String::as_str).collect(),
            None => vec![key],
        }
    }
}

/// Whether two different theme keys may be one theme with a typo: some spelling of one is one
/// letter (an insertion, deletion, substitution or swap of neighbours) away from some spelling of
/// the other, and not both are themes of the vocabulary (two known themes are different themes,
/// however alike). So `suicidalitiet` is a near miss of `suicidaliteit`, and `eetstoornisen` of
/// `eetstoornis` (through its plural `eetstoornissen`).
pub fn near_miss(a_key: &str, b_key: &str) -> bool {
    if a_key == b_key || a_key.is_empty() || b_key.is_empty() {
        return false;
    }
    let v = Vocabulary::bundled();
    if v.by_key(a_key).is_some() && v.by_key(b_key).is_some() {
        return false;
    }
    let (fa, fb) = (v.forms_of_key(a_key), v.forms_of_key(b_key));
    fa.iter().any(|a| {
        fb.iter()
            .any(|b| a.len().abs_diff(b.len()) <= 4 && strsim::damerau_levenshtein(a, b) <= 1)
    })
}

/// Splits a themes cell into its theme spellings: the one reader of a themes cell, on both sides.
/// Items are separated by `|`, `;`, `,`, `/`, `&`, any line break (`\n`, `\r\n`: Alt+Enter in
/// a spreadsheet; the vertical tab `U+000B` of a Word Shift+Enter pasted into Excel, form feed,
/// `U+0085`, `U+2028`, `U+2029`, an HTML `<br>`), a tab, a bullet (`•`, `·`, `◦`, `▪`, `●`, `‣`,
/// `*`, and a `-` or dash standing alone between spaces or at the start: `- pesten - rouw`), a
/// `+` between words (`trauma + lvb`, `trauma+lvb`; not the `+` that ends `lhbtiq+`) and the word
/// ` en ` (not after a hyphen: `dak- en thuisloosheid` stays one), and a bracketed note
/// (`suïcidaliteit (licht)`, `Borderline (BPS)`) is taken off its item. With `keep_notes` (an
/// avoided-themes cell, where the safe side is to avoid more) a note is an item of its own too;
/// an item that is only a note is kept as its words either way.
///
/// An item of several words that is not a spelling of the vocabulary but whose every word is
/// either part of one (the longest run of whole words first: `huiselijk geweld`) or a noise word
/// ([`NOISE_WORDS`]: `ook`, `o.a.`, `bijv.`, a list number `1.`) is those themes: `lvb autisme`,
/// `pesten ook lvb`, `o.a. ptss`, `1. pesten 2. rouw`, `pesten` NBSP `rouw`. Any other phrase is
/// kept whole (`jongeren met lvb`; the avoid comparison finds a short theme in it as a whole
/// word, [`Vocabulary::avoid_identity`]). Items come trimmed, in order, none empty. O(cell
/// length × the longest spelling in words).
pub fn split_cell(cell: &str, keep_notes: bool) -> Vec<String> {
    let mut out = Vec::new();
    let cell = plus_as_separator(cell);
    let cell = bullets_as_separator(&cell);
    for item in cell.split(ITEM_SEPARATORS) {
        let mut outside = String::new();
        let mut notes = Vec::new();
        let mut depth = 0usize;
        let mut note = String::new();
        for c in item.chars() {
            match c {
                '(' | '[' => {
                    depth += 1;
                    if depth == 1 {
                        note.clear();
                    } else {
                        note.push(c);
                    }
                }
                ')' | ']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        notes.push(std::mem::take(&mut note));
                    } else {
                        note.push(c);
                    }
                }
                _ if depth > 0 => note.push(c),
                _ => outside.push(c),
            }
        }
        if depth > 0 {
            // An unclosed bracket: the rest is a note.
            notes.push(note);
        }
        let only_note = outside.trim().is_empty();
        // A letter in brackets inside a word (`ad(h)d`) is part of the word, not a note.
        let inner = item.contains('(')
            && !only_note
            && notes.iter().all(|n| n.chars().count() <= 2)
            && !item.contains(" (")
            && !item.trim_end().ends_with(')');
        if inner {
            push_en_parts(item, &mut out);
            continue;
        }
        push_en_parts(&outside, &mut out);
        if keep_notes || only_note {
            for n in &notes {
                push_en_parts(n, &mut out);
            }
        }
    }
    out
}

/// `cell` with every `+` that separates two items written as `|`: a `+` after white space or
/// before a letter or digit (`trauma + lvb`, `trauma+lvb`). A `+` that ends a word and is not
/// followed by one (`lhbtiq+`, `lhbtiq+, angst`) is part of the word. O(cell length).
fn plus_as_separator(cell: &str) -> std::borrow::Cow<'_, str> {
    if !cell.contains('+') {
        return std::borrow::Cow::Borrowed(cell);
    }
    let chars: Vec<char> = cell.chars().collect();
    let mut out = String::with_capacity(cell.len());
    for (i, &c) in chars.iter().enumerate() {
        let before_space = i == 0 || chars[i - 1].is_whitespace();
        let next_word = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c == '+' && (before_space || next_word) {
            out.push('|');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The characters that separate two items of a themes cell (see [`split_cell`]).
const ITEM_SEPARATORS: [char; 19] = [
    '|', ';', ',', '/', '&', '\n', '\r', '\t', '\u{000B}', '\u{000C}', '\u{0085}', '\u{2028}',
    '\u{2029}', '•', '·', '◦', '▪', '●', '‣',
];

/// Words that say nothing about which theme is meant, dropped when every other word of an item
/// is a theme of the vocabulary ([`split_cell`]): `pesten, ook lvb` is pesten and lvb. Compared
/// lower-cased; a list number (`1.`, `2)`) counts too.
pub const NOISE_WORDS: &[&str] = &[
    "ook",
    "o.a.",
    "o.a",
    "oa",
    "onder",
    "andere",
    "bijv.",
    "bijv",
    "bv.",
    "bv",
    "b.v.",
    "bijvoorbeeld",
    "zoals",
    "vooral",
    "m.n.",
    "mn",
    "met",
    "name",
    "etc",
    "etc.",
    "enz",
    "enz.",
    "of",
    "en",
    "evt",
    "evt.",
    "eventueel",
    "plus",
    "ivm",
    "i.v.m.",
    "e.d.",
    "ed",
    "-",
    "–",
    "—",
];

/// `cell` with every `*`, HTML line break (`<br>`, `<br/>`, `<br />`) and a `-` or dash that
/// stands alone (white space or the start before it, white space after it: a bullet or a dash
/// between two items) written as `|`. A hyphen inside or at the end of a word stays
/// (`zelf-beschadiging`, `dak- en thuisloosheid`). O(cell length).
fn bullets_as_separator(cell: &str) -> std::borrow::Cow<'_, str> {
    if !cell.contains(['*', '<', '-', '\u{2013}', '\u{2014}']) {
        return std::borrow::Cow::Borrowed(cell);
    }
    let mut s = cell.to_string();
    for br in ["<br />", "<br/>", "<br>", "<BR>", "<BR/>", "<BR />"] {
        s = s.replace(br, "|");
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let dash = matches!(c, '-' | '\u{2013}' | '\u{2014}');
        let alone = (i == 0 || chars[i - 1].is_whitespace())
            && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if c == '*' || (dash && alone) {
            out.push('|');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Splits `s` on the word `en` (case-insensitive), except after a hyphen, and pushes the
/// trimmed, non-empty parts, each read by [`push_item`].
fn push_en_parts(s: &str, out: &mut Vec<String>) {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut part: Vec<&str> = Vec::new();
    for w in words {
        if w.eq_ignore_ascii_case("en") && part.last().is_some_and(|p| !p.ends_with('-')) {
            push_item(&part, out);
            part.clear();
        } else {
            part.push(w);
        }
    }
    push_item(&part, out);
}

/// Whether `w` is a noise word ([`NOISE_WORDS`]) or a list number (`1.`, `12)`).
fn is_noise(w: &str) -> bool {
    let l = w.to_lowercase();
    if NOISE_WORDS.contains(&l.as_str()) {
        return true;
    }
    let digits = l.trim_end_matches(['.', ')', ':']);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Pushes the item of `words`: the themes of the vocabulary it is a run of, with noise words
/// between them, when every word is one of those ([`split_cell`]); else the words joined.
fn push_item(words: &[&str], out: &mut Vec<String>) {
    if words.is_empty() {
        return;
    }
    let whole = words.join(" ");
    let v = Vocabulary::bundled();
    if words.len() == 1 || v.get(&whole).is_some() {
        out.push(whole);
        return;
    }
    let mut themes = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // The longest run of words from i that is a spelling of the vocabulary (none has more
        // than `MAX_RUN` words, so a huge cell costs linear time).
        const MAX_RUN: usize = 6;
        let run = (i + 1..=words.len().min(i + MAX_RUN))
            .rev()
            .find(|&j| v.get(&words[i..j].join(" ")).is_some());
        match run {
            Some(j) => {
                themes.push(words[i..j].join(" "));
                i = j;
            }
            None if is_noise(words[i]) => i += 1,
            None => {
                out.push(whole);
                return;
            }
        }
    }
    if themes.is_empty() {
        out.push(whole);
    } else {
        out.extend(themes);
    }
}

impl Vocabulary {
    /// The key of the known theme a key stands for: itself if known, else the "did you mean"
    /// ([`Vocabulary::suggest`]) of it.
    fn guess(&self, key: &str) -> Option<String> {
        if let Some(t) = self.by_key(key) {
            return Some(t.key.clone());
        }
        let name = self.suggest(key)?;
        self.get(name).map(|t| t.key.clone())
    }

    /// Whether a request's theme `request` must be taken as the avoided theme `avoided` on the
    /// safe side of rule 3, though their keys ([`theme_key`](super::theme_key)) differ. Both are
    /// spellings as written (a cell item, an interned theme's name) or keys: a written spelling
    /// keeps its word boundaries, which a short theme inside a phrase needs (`jongeren met lvb`).
    ///
    /// True when: one is one letter from the other ([`near_miss`]); both are, or "did you mean"
    /// ([`Vocabulary::suggest`]) maps them to, the same known theme; the two sides share a theme
    /// of the one **avoid identity** ([`Vocabulary::avoid_identity`], the same function on both
    /// sides: `zelfmoord` avoided and `zelfdoding` requested, or the other way round, are both
    /// suïcidaliteit); some spelling of the request's theme holds a spelling of an avoided theme
    /// (of 5 or more letters, or a short one as a whole word: `jeugdzorg` avoided for a request on
    /// `gesloten jeugdzorg`; `overlijden` avoided for `overlijden ouder`, a spelling of rouw); or,
    /// where not both are themes of the vocabulary, one holds a spelling of the other (5 or more
    /// letters: `ernstige zelfbeschadiging` avoided for a request on `zelfbeschadiging`) or they
    /// share a stem (a common beginning of 6 or more letters and at least three quarters of the
    /// shorter: `suicidaal` and `suicidaliteit`). Equal keys are `false` (the same theme, not a
    /// safe-side reading). Cost: a "did you mean" of each, plus O(themes × forms × length).
    pub fn safe_side_same(&self, avoided: &str, request: &str) -> bool {
        let (ak, rk) = (super::theme_key(avoided), super::theme_key(request));
        if ak == rk || ak.is_empty() || rk.is_empty() {
            return false;
        }
        if self.near_miss_in(&ak, &rk) {
            return true;
        }
        if let (Some(a), Some(r)) = (self.guess(&ak), self.guess(&rk)) {
            if a == r {
                return true;
            }
        }
        // One identity on both sides: the avoid cell's and the request's spellings each stand
        // for the known themes of the table, a phrase's words and the vocabulary.
        let on_avoid = self.avoid_identity(avoided);
        let on_request = self.avoid_identity(request);
        if on_avoid
            .iter()
            .any(|a| on_request.iter().any(|r| r.key == a.key))
        {
            return true;
        }
        // Every spelling of the request's theme: as written (with its words) and the
        // vocabulary's forms of it (`overlijden ouder` for a request on rouw).
        let written = Spelling::new(request);
        let mut request_forms: Vec<Spelling> = vec![written];
        for f in self.forms_of_key(&rk) {
            request_forms.push(Spelling::folded(f));
        }
        // A request theme holding an avoided theme (`jeugdzorg` avoided, a request on
        // `gesloten jeugdzorg`), by any spelling of the avoided one.
        let avoided_forms: Vec<&str> = on_avoid
            .iter()
            .flat_map(|t| t.forms.iter().map(String::as_str))
            .chain(std::iter::once(ak.as_str()))
            .collect();
        if avoided_forms
            .iter()
            .any(|f| request_forms.iter().any(|r| r.holds(f)))
        {
            return true;
        }
        // Two themes of the vocabulary are different themes (`jeugdzorg` avoided is not
        // `gesloten jeugdzorg` requested the other way round).
        if self.by_key(&ak).is_some() && self.by_key(&rk).is_some() {
            return false;
        }
        let a_spellings: Vec<Spelling> = std::iter::once(Spelling::new(avoided))
            .chain(self.forms_of_key(&ak).into_iter().map(Spelling::folded))
            .collect();
        a_spellings.iter().any(|a| {
            request_forms.iter().any(|r| {
                let (f, req) = (a.folded.as_str(), r.folded.as_str());
                if r.holds(f) || a.holds(req) {
                    return true;
                }
                let (fnn, rn) = (f.chars().count(), req.chars().count());
                let common = f
                    .chars()
                    .zip(req.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                common >= 6 && common * 4 >= fnn.min(rn) * 3
            })
        })
    }

    /// The known themes a theme spelling stands for when avoided themes are compared, the same
    /// on the avoid side and the request side (so that the comparison is symmetric): the theme it
    /// is a spelling of (Dutch or English: `self-harm`), if any; a theme of [`AVOID_SYNONYMS`]
    /// whose word it is or holds (`drugs`, `alles rond drugs`, `zelfdoding`); and, for a spelling
    /// the vocabulary does not know (a phrase or a derivation), every theme one of whose
    /// spellings it holds: of 5 or more letters anywhere (`alles rond suïcide`,
    /// `zelfmoordpoging`), of 4 letters at the start of a word (`rouwproces`, `adhd'er`), of 2 or
    /// 3 letters as a whole word or with a short ending (`jongeren met lvb`, `o.a. ptss`,
    /// `lvb'ers`; `rouw` is not in `vrouwen`), and every theme a word begins with a stem
    /// of ([`Theme::stems`]: `pesterijen`, `automutileren`, `rouwen`). `spelling` is as written
    /// or a key. O(themes × forms × length).
    pub fn avoid_identity(&self, spelling: &str) -> Vec<&Theme> {
        let mut out: Vec<&Theme> = Vec::new();
        fn push<'a>(t: &'a Theme, out: &mut Vec<&'a Theme>) {
            if !out.iter().any(|o| o.key == t.key) {
                out.push(t);
            }
        }
        let s = Spelling::new(spelling);
        if s.folded.is_empty() {
            return out;
        }
        let known = self.canonical_of_folded(&s.folded);
        if let Some(t) = known {
            push(t, &mut out);
        }
        for (word, theme) in AVOID_SYNONYMS {
            if s.holds(&super::fold_theme(word)) {
                if let Some(t) = self.get(theme) {
                    push(t, &mut out);
                }
            }
        }
        if known.is_none() {
            for t in &self.themes {
                if t.forms.iter().any(|f| s.holds(f)) || t.stems.iter().any(|st| s.begins_word(st))
                {
                    push(t, &mut out);
                }
            }
        }
        out
    }

    fn near_miss_in(&self, a_key: &str, b_key: &str) -> bool {
        if self.by_key(a_key).is_some() && self.by_key(b_key).is_some() {
            return false;
        }
        let (fa, fb) = (self.forms_of_key(a_key), self.forms_of_key(b_key));
        fa.iter().any(|a| {
            fb.iter()
                .any(|b| a.len().abs_diff(b.len()) <= 4 && strsim::damerau_levenshtein(a, b) <= 1)
        })
    }
}

/// [`Vocabulary::safe_side_same`] over the bundled vocabulary: the one rule by which every
/// reader takes a request's theme as an expert's avoided theme on the safe side (both as
/// written or as keys).
pub fn safe_side_same(avoided: &str, request: &str) -> bool {
    Vocabulary::bundled().safe_side_same(avoided, request)
}

/// Why a theme vocabulary file was refused, in words (see [`Vocabulary::from_csv`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct VocabularyError(pub String);

/// How many of [`crate::model::unknown_themes`] (the most frequent) get a "did you mean": no one reads more,
/// and a cell of 100,000 made-up themes took a minute to suggest for.
pub const MAX_SUGGESTED: usize = 50;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::theme_key;

    #[test]
    fn bundled_vocabulary_loads_and_knows_the_generators_themes() {
        let v = Vocabulary::bundled();
        assert!(v.themes().len() >= 30);
        // Written out on purpose, like matchpunt-gen's test list: a change to either list fails.
        for t in [
            "uithuisplaatsing",
            "verslaving",
            "eetstoornis",
            "schooluitval",
            "echtscheiding",
            "pesten",
            "suicidaliteit",
            "zelfbeschadiging",
            "trauma",
            "dakloosheid",
            "mantelzorg",
            "lvb",
            "autisme",
            "adhd",
            "depressie",
            "angst",
            "jeugdzorg",
            "gesloten jeugdzorg",
            "armoede",
            "lgbtiq",
        ] {
            assert_eq!(v.get(t).map(|x| x.name.as_str()), Some(t));
        }
    }

    #[test]
    fn spellings_of_one_theme_share_a_key() {
        for (a, b) in [
            ("eetstoornissen", "eetstoornis"),
            ("zelf-beschadiging", "zelfbeschadiging"),
            ("suïcidaliteit", "suicidaliteit"),
            ("Sui\u{0308}cidaliteit", "suicidaliteit"),
            ("Trauma's", "trauma"),
            ("LHBTIQ+", "lgbtiq"),
            ("huiselijk\u{00A0}geweld", "Huiselijk Geweld"),
            ("rou\u{200B}w", "rouw"),
            ("\u{FEFF}Verslaving\u{00AD} ", "verslaving"),
        ] {
            assert_eq!(theme_key(a), theme_key(b), "{a} / {b}");
        }
        assert_ne!(theme_key("angst"), theme_key("adhd"));
        // Unknown themes are compared by their folded spelling.
        assert_eq!(theme_key("Eigen-Thema"), theme_key("eigen thema"));
    }

    #[test]
    fn near_misses_are_one_letter_typos_of_a_spelling() {
        let k = theme_key;
        assert!(near_miss(&k("suicidalitiet"), &k("suïcidaliteit")));
        assert!(near_miss(&k("eetstoornisen"), &k("eetstoornis")));
        assert!(near_miss(&k("depresie"), &k("depressie")));
        assert!(near_miss(&k("rouww"), &k("rouw")));
        // Two themes of the vocabulary are different themes, however alike.
        assert!(!near_miss(&k("ass"), &k("add")));
        assert!(!near_miss(&k("angst"), &k("angst")));
        assert!(!near_miss(&k("depresssssie"), &k("depressie")));
    }

    #[test]
    fn suggestions_for_unknown_spellings() {
        let v = Vocabulary::bundled();
        assert_eq!(v.suggest("depresie"), Some("depressie"));
        assert_eq!(v.suggest("eetstornissen"), Some("eetstoornis"));
        assert_eq!(v.suggest("depressie"), None);
        assert_eq!(v.suggest("xqzvw"), None);
    }

    #[test]
    fn a_spelling_of_two_themes_is_an_error() {
        let e = Vocabulary::from_csv("theme,synonyms\nangst,vrees\nfobie,Vrees\n").unwrap_err();
        assert!(e.0.contains("line 3") && e.0.contains("angst"), "{e}");
    }
}
