//! How a theme is found in words written another way than the vocabulary's, for rule 3 and
//! the heavy themes only: a theme's spelling inside a phrase or at the start of a word
//! (`rouwproces`, `adhd'er`), a Dutch derivation of a stem (`pesterijen`, `automutileren`),
//! everyday words ([`AVOID_SYNONYMS`]), and the words of an avoided-themes cell that mean all
//! themes or the heavy ones ([`avoid_scope`]).
//!
//! Why: an expert avoiding a theme must never be sent to a request on it because one side wrote
//! it another way. Reading more as avoided is the safe side; matching (a theme offered) never
//! uses these readings.

use super::fold_theme;

/// A theme spelling as the avoid comparison reads it: folded whole ([`fold_theme`]) and as its
/// folded words (split at anything but letters, digits and apostrophes).
pub(crate) struct Spelling {
    pub(crate) folded: String,
    words: Vec<String>,
}

impl Spelling {
    pub(crate) fn new(s: &str) -> Spelling {
        let n = super::normalize(s);
        let words = n
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .map(fold_theme)
            .filter(|w| !w.is_empty())
            .collect();
        Spelling {
            folded: fold_theme(s),
            words,
        }
    }

    /// A spelling already folded: one word.
    pub(crate) fn folded(f: &str) -> Spelling {
        Spelling {
            folded: f.to_string(),
            words: vec![f.to_string()],
        }
    }

    /// Whether this spelling holds the folded spelling `form`: anywhere when `form` has 5 or
    /// more letters; at the start of a word (or a run of words) when it has 4 (`rouw` in
    /// `rouwproces`, `adhd` in `adhd'er` and `ad(h)d`; `rouw` not in `vrouwen`); with 2 or 3 as
    /// a whole word or followed by an ending of [`SHORT_ENDINGS`] in that word (`lvb` in
    /// `jongeren met lvb` and `lvb'ers`; `ass` not in `assertiviteit`). O(words × length).
    pub(crate) fn holds(&self, form: &str) -> bool {
        let n = form.chars().count();
        if n == 0 {
            return false;
        }
        if n >= 5 {
            return self.folded.contains(form);
        }
        if n == 4 {
            return self.begins(form, |_| true);
        }
        self.begins(form, |rest| SHORT_ENDINGS.contains(&rest))
    }

    /// Whether a word of this spelling (or a run of words from one) begins with the folded
    /// `stem` ([`stems_of`]): `pesterijen` with `pest`. O(words × length).
    pub(crate) fn begins_word(&self, stem: &str) -> bool {
        !stem.is_empty() && self.begins(stem, |_| true)
    }

    /// Whether a run of words from some word is `start` or begins with it and the rest of the
    /// word where `start` ends is `rest_ok`.
    fn begins(&self, start: &str, rest_ok: impl Fn(&str) -> bool) -> bool {
        (0..self.words.len()).any(|i| {
            let mut run = String::new();
            for w in &self.words[i..] {
                run.push_str(w);
                if run == start {
                    return true;
                }
                if run.len() > start.len() {
                    return run.strip_prefix(start).is_some_and(&rest_ok);
                }
            }
            false
        })
    }
}

/// Endings after a theme of 2 or 3 letters that keep it that theme (`lvb'ers`, `vsv'er`, `ots'en`;
/// an apostrophe is folded away): any other rest makes another word (`assertiviteit`,
/// `lvbxyz`).
pub const SHORT_ENDINGS: &[&str] = &["s", "e", "en", "er", "ers", "je", "jes"];

/// Dutch endings after which the rest of a theme's spelling is a stem that derivations share
/// ([`stems_of`]): `pesten` → `pest` (`pesterijen`, `pestverleden`), `automutilatie` →
/// `automutil` (`automutileren`), `zelfbeschadiging` → `zelfbeschadig` (`zelfbeschadigen`),
/// `suicidaliteit` → `suicidal` (`suicidale`), `discriminatie` → `discrimin`.
pub const STEM_ENDINGS: &[&str] = &["ingen", "ing", "aties", "atie", "iteit", "ie", "en"];

/// The stems of a theme's folded spellings: each spelling without an ending of
/// [`STEM_ENDINGS`], where what is left has 5 letters or more (4 after `en`: `pest`), and is
/// not a spelling itself. A word that begins with one stands for the theme on the safe side
/// (`Spelling::begins_word`). O(spellings × length).
pub fn stems_of(forms: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in forms {
        for e in STEM_ENDINGS {
            let Some(stem) = f.strip_suffix(e) else {
                continue;
            };
            // The longest ending decides (`migratie` is `migr` + `atie`, too short: no stem).
            let min = if *e == "en" { 4 } else { 5 };
            if stem.chars().count() >= min
                && !forms.iter().any(|x| x == stem)
                && !out.iter().any(|x| x == stem)
            {
                out.push(stem.to_string());
            }
            break;
        }
    }
    out
}

/// What an item of an avoided-themes cell means besides themes ([`avoid_scope`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AvoidScope {
    /// The policy's heavy themes (`zware thema's`, `heavy themes`, `geen zware onderwerpen`).
    Heavy,
    /// Every theme (`alles`, `alle`, `*`, `alle thema's behalve ...`).
    All,
}

/// Words that say "all" in an avoided-themes item (compared lower-case).
pub const ALL_WORDS: &[&str] = &[
    "alles",
    "alle",
    "all",
    "allemaal",
    "everything",
    "any",
    "elk",
    "elke",
    "ieder",
    "iedere",
];

/// Words that say "heavy" in an avoided-themes item (compared lower-case).
pub const HEAVY_WORDS: &[&str] = &[
    "zwaar",
    "zware",
    "zwaarder",
    "zwaardere",
    "zwaarste",
    "heavy",
    "heftig",
    "heftige",
    "heftigere",
    "heftigste",
];

/// Words that say nothing of which themes, beside an [`ALL_WORDS`] or [`HEAVY_WORDS`] word.
pub const SCOPE_FILLER: &[&str] = &[
    "thema",
    "thema's",
    "themas",
    "themes",
    "theme",
    "onderwerp",
    "onderwerpen",
    "topics",
    "topic",
    "subjects",
    "subject",
    "issues",
    "dingen",
    "things",
    "zaken",
    "problematiek",
    "wat",
    "is",
    "dat",
    "die",
    "zijn",
    "de",
    "het",
    "the",
    "geen",
    "no",
    "niet",
    "not",
    "op",
    "dit",
    "moment",
    "nu",
    "now",
    "voorlopig",
    "even",
];

/// Words after an "all" word that make an item "all but ...": read as all, the safe side.
pub const EXCEPT_WORDS: &[&str] = &["behalve", "except", "uitgezonderd", "but", "buiten"];

/// What an item of an avoided-themes cell (an item of [`super::themes::split_cell`], or the
/// whole cell) means besides themes: [`AvoidScope::All`] for a cell of only `*`, an item of
/// only "all" and filler words (`alles`, `alle thema's`, `everything`) or an "all" word followed
/// by an exception (`alles behalve angst`: all, the safe side); [`AvoidScope::Heavy`] for an
/// item of a "heavy" word and filler words (`zware thema's`, `alle zware thema's`, `heavy
/// themes`, `geen zware onderwerpen`, `alles wat zwaar is`); else `None` (themes). O(length).
pub fn avoid_scope(item: &str) -> Option<AvoidScope> {
    let n = super::normalize(item).to_lowercase();
    if !n.is_empty() && n.chars().all(|c| c == '*' || c.is_whitespace()) {
        return Some(AvoidScope::All);
    }
    let words: Vec<&str> = n
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    let is = |list: &[&str], w: &str| list.contains(&w);
    let filler = |w: &str| is(SCOPE_FILLER, w) || is(ALL_WORDS, w);
    if words.iter().any(|w| is(HEAVY_WORDS, w))
        && words.iter().all(|w| is(HEAVY_WORDS, w) || filler(w))
    {
        return Some(AvoidScope::Heavy);
    }
    if words.iter().any(|w| is(ALL_WORDS, w)) && words.iter().all(|w| filler(w)) {
        return Some(AvoidScope::All);
    }
    if is(ALL_WORDS, words[0])
        && words.iter().skip(1).take_while(|w| filler(w)).count() < words.len() - 1
        && words.iter().any(|w| is(EXCEPT_WORDS, w))
    {
        return Some(AvoidScope::All);
    }
    None
}

/// Everyday words for a theme that are not spellings of it in the vocabulary: `(word, theme)`.
/// They are part of the one avoid identity ([`crate::names::themes::Vocabulary::avoid_identity`]), read the same way on
/// the avoid side and the request side: `zelfmoord` avoided keeps the expert from a request on
/// `zelfdoding`, and `verslaving` avoided from a request on `drugs`, where taking more as avoided
/// is the safe side. Matching (a theme offered) and the shown theme names do not use them: a
/// request on `drugs` is not offered to an expert on verslaving. A word of 5 or more letters counts
/// inside a phrase too (`alles rond drugs`).
pub const AVOID_SYNONYMS: &[(&str, &str)] = &[
    ("drugs", "verslaving"),
    ("drugsgebruik", "verslaving"),
    ("alcohol", "verslaving"),
    ("blowen", "verslaving"),
    ("gokken", "verslaving"),
    ("snijden", "zelfbeschadiging"),
    ("krassen", "zelfbeschadiging"),
    ("zelfverwonden", "zelfbeschadiging"),
    ("zelfmoord", "suicidaliteit"),
    ("zelfdoding", "suicidaliteit"),
    ("suicidaal", "suicidaliteit"),
    ("zelfmoordpoging", "suicidaliteit"),
    ("doodswens", "suicidaliteit"),
    ("misbruikt", "seksueel misbruik"),
    ("aanranding", "seksueel misbruik"),
    ("verkrachting", "seksueel misbruik"),
    ("mishandeld", "kindermishandeling"),
    ("gescheiden ouders", "echtscheiding"),
    ("gescheiden", "echtscheiding"),
    ("alcoholgebruik", "verslaving"),
    ("drank", "verslaving"),
    ("incest", "seksueel misbruik"),
    // The fourth trial: words a coordinator writes for a theme the vocabulary names otherwise.
    ("cannabis", "verslaving"),
    ("schoolverzuim", "schooluitval"),
    ("truancy", "schooluitval"),
    ("cutting", "zelfbeschadiging"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_mean_all_or_heavy() {
        for c in [
            "alles",
            "alle",
            "*",
            " * ",
            "Alle thema's",
            "everything",
            "alles behalve angst",
        ] {
            assert_eq!(avoid_scope(c), Some(AvoidScope::All), "{c}");
        }
        for c in [
            "alle zware thema's",
            "zware thema's",
            "heavy themes",
            "geen zware onderwerpen",
            "alles wat zwaar is",
            "Zware Thema's",
        ] {
            assert_eq!(avoid_scope(c), Some(AvoidScope::Heavy), "{c}");
        }
        for c in [
            "angst",
            "alle vormen van verslaving",
            "zware trauma's",
            "rouw",
            "geen",
        ] {
            assert_eq!(avoid_scope(c), None, "{c}");
        }
    }

    #[test]
    fn stems_and_word_starts() {
        let f = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(stems_of(&f(&["pesten", "gepest"])), ["pest"]);
        assert_eq!(stems_of(&f(&["automutilatie"])), ["automutil"]);
        assert!(stems_of(&f(&["migratie"])).is_empty());
        let s = Spelling::new("rouwproces");
        assert!(s.holds("rouw"));
        assert!(!Spelling::new("vrouwen").holds("rouw"));
        assert!(Spelling::new("lvb'ers").holds("lvb"));
        assert!(!Spelling::new("assertiviteit").holds("ass"));
        assert!(Spelling::new("ad(h)d").holds("adhd"));
        assert!(Spelling::new("pesterijen").begins_word("pest"));
        assert!(!Spelling::new("cyberpesterijen").begins_word("pest"));
    }
}
