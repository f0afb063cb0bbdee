//! A named organisation at another place is its branch ([`super::Match::Branch`]): "Kwintes
//! (Zeist)", "Kwintes Zeist" and "Kwintes locatie Utrecht" are one organisation's branches.
//!
//! Why: an expert who was a client at one branch means the organisation; the coordinator writes
//! the branch she knew. Only for a name that is not just a kind of organisation ("Gemeente
//! Zeist" and "Gemeente Utrecht" are two organisations), and on the safe side, with a warning.

use super::{abbrev, category, Token};

/// Words between a name and its place that say "branch": `locatie`, `vestiging`, `afdeling`,
/// `regio`, `location`, `branch`, and `te`/`in`.
pub const BRANCH_WORDS: &[&str] = &[
    "locatie",
    "vestiging",
    "afdeling",
    "regio",
    "location",
    "branch",
    "te",
    "in",
];

/// Words that say what kind of organisation a name is, not which one (besides the kind words
/// of [`category::KIND_WORDS`], the abbreviations of [`abbrev::ABBREVIATIONS`] and the words
/// they stand for, the compounds of [`abbrev::COMPOUND_PARTS`] and the small words of
/// [`abbrev::SKIPPABLE`]): a name of only such words in another town is another organisation.
pub const GENERIC_WORDS: &[&str] = &[
    "gemeente",
    "gemeentelijke",
    "regio",
    "regionale",
    "bureau",
    "centrum",
    "noord",
    "oost",
    "zuid",
    "west",
    "midden",
    "groep",
    "instelling",
    "organisatie",
    "dienst",
    "maatschappelijke",
    "maatschappelijk",
    "nederland",
    "nederlandse",
    "provincie",
    "politie",
    "stichting",
    // Kinds of care, school and youth work that a town's name follows.
    "opvoedhulp",
    "opvoeding",
    "pleegzorg",
    "jongerenwerk",
    "jongerencentrum",
    "roc",
    "mbo",
    "hbo",
    "college",
    "stedelijk",
    "christelijk",
    "christelijke",
    "katholieke",
    "openbare",
    "lyceum",
    "praktijkschool",
    "basisschool",
    "hogeschool",
    "scholengemeenschap",
    "vakcollege",
    "universiteit",
];

/// Whether every word of `words` says what kind of organisation it is, not which one
/// ([`GENERIC_WORDS`]): "gemeente", "jeugdbescherming", "ggd", "zorg en welzijn groep".
/// O(words × table).
pub fn is_generic(words: &[String]) -> bool {
    words.iter().all(|w| {
        let w = w.as_str();
        GENERIC_WORDS.contains(&w)
            || category::KIND_WORDS.contains(&w)
            || abbrev::SKIPPABLE.contains(&w)
            || abbrev::COMPOUND_PARTS.contains(&w)
            || abbrev::compound_initials(w).is_some()
            || abbrev::ABBREVIATIONS
                .iter()
                .any(|(a, full)| *a == w || full.iter().any(|f| f.split(' ').any(|x| x == w)))
    })
}

/// The canonical words of `tokens` without the place at the end (every word of a place of the
/// places table, and a [`BRANCH_WORDS`] word before it: "Kwintes (Zeist)", "Kwintes locatie
/// Utrecht" → `kwintes`), when there was one and something is left. O(words).
pub(super) fn branch_base(tokens: &[Token]) -> Option<Vec<String>> {
    let mut end = tokens.len();
    while end > 0 && tokens[end - 1].place {
        end -= 1;
    }
    if end == tokens.len() {
        return None;
    }
    while end > 0 && BRANCH_WORDS.contains(&tokens[end - 1].word.as_str()) {
        end -= 1;
    }
    (end > 0).then(|| tokens[..end].iter().map(|t| t.word.clone()).collect())
}
