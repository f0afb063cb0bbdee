//! How a safety cell (`avoid_themes`, `excluded_orgs`) is read before its names: a cell that
//! means "none" is none, and a cell that is a note or an unknown marker rather than names
//! (`zie opmerking`, `misschien`, `?`, `onbekend`, `ja`) is refused.
//!
//! Why: a wrong match is worse than no match. Read as names, a note matches nothing, so the
//! expert would silently be sent anywhere; the coordinator must look the real answer up.

/// Whole cells that mean "nothing avoided / excluded" (compared lower-case, trimmed).
pub const NONE_VALUES: &[&str] = &[
    "", "-", "--", "–", "—", "geen", "nee", "no", "none", "niets", "nvt", "n.v.t.", "n.v.t", "n/a",
];

/// Items that are a note or an unknown marker, not a name (compared lower-case, trimmed, a
/// trailing `.`, `!` or `:` taken off). Besides these, an item with a `?` anywhere (`nee?`,
/// `nvt?`, `?`), an item whose first word is in [`NOTE_FIRST_WORDS`] or that begins with a
/// phrase of [`NOTE_PHRASES`], and an item of only `x`s or dots (`xxx`, `...`) are notes. A
/// note in brackets is an item too (`(zie opmerking)`, `angst [zie dossier]`).
pub const NOTE_VALUES: &[&str] = &[
    "ja",
    "yes",
    "x",
    "onbekend",
    "unknown",
    "misschien",
    "maybe",
    "mogelijk",
    "wellicht",
    "tbd",
    "nnb",
    "n.n.b",
    "ntb",
    "n.t.b",
    "todo",
    "volgt",
    "nog invullen",
    "invullen",
    "nog niet bekend",
    "niet bekend",
    "weet niet",
    "weet ik niet",
    "navragen",
    "nagaan",
    "vertrouwelijk",
    "confidential",
    "privé",
    "prive",
    "nb",
    "n.b",
    // "And others": the rest is not said (the fourth trial: `angst|etc.`, `angst + overige`).
    "etc",
    "etcetera",
    "enz",
    "enzovoort",
    "e.d",
    "e.a",
    "overige",
    "overig",
    "overige thema's",
    "andere thema's",
    "anders",
    "diversen",
    "divers",
    "meer",
    "en meer",
    "other",
    "others",
    "and more",
    "various",
    "misc",
];

/// First words that make an item a note (`zie opmerking`, `zie dossier`, `see notes`,
/// `opm. in dossier`, `nog navragen`, `TODO: invullen`), compared without a trailing `.`, `:`
/// or `!`.
pub const NOTE_FIRST_WORDS: &[&str] = &[
    "zie",
    "see",
    "vraag",
    "navragen",
    "check",
    "opmerking",
    "opm",
    "nog",
    "todo",
    "tbd",
    "nb",
    "vertrouwelijk",
    "confidential",
    "bijlage",
    "attachment",
    "overige",
];

/// Last words that make an item a note: the item goes on with themes it does not name
/// (`rouw etc.`, `pesten enz.`, `angst e.d.`), compared without a trailing `.`.
pub const NOTE_LAST_WORDS: &[&str] = &["etc", "etcetera", "enz", "enzovoort", "e.d", "e.a"];

/// Phrases that make an item that begins with them a note (`in dossier`, `bij coördinator`),
/// compared lower-case with `ö` as `o`.
pub const NOTE_PHRASES: &[&str] = &[
    "in dossier",
    "in het dossier",
    "in the file",
    "bij coordinator",
    "bij de coordinator",
    "bij coordinatie",
    "staat in",
];

/// How a safety cell reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SafetyCell {
    /// Nothing: empty or a [`NONE_VALUES`] spelling.
    None,
    /// Names to read as the column's items.
    Names,
    /// A note or unknown marker: an input error, never names.
    Note,
}

/// Reads a safety cell's kind: [`SafetyCell::None`] for a whole cell in [`NONE_VALUES`];
/// [`SafetyCell::Note`] when any item (separated by `|`, `;`, `,`, `+` or a line break) is a note
/// ([`NOTE_VALUES`], a `?`, a first word in [`NOTE_FIRST_WORDS`], a last word in
/// [`NOTE_LAST_WORDS`]); else [`SafetyCell::Names`]. The same reading serves an expert's
/// `avoid_themes` and `excluded_orgs` and a request's `themes` (a theme not said may be an
/// avoided one).
/// O(cell length).
pub fn read_safety_cell(cell: &str) -> SafetyCell {
    let whole = super::normalize(cell).to_lowercase();
    if NONE_VALUES.contains(&whole.as_str()) {
        return SafetyCell::None;
    }
    if whole.contains('?') {
        return SafetyCell::Note;
    }
    // A bracket opens or closes an item: a note in brackets is read as one, never taken off.
    let note = whole
        .split(['|', ';', ',', '+', '\n', '\r', '(', ')', '[', ']', '{', '}'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .any(|item| {
            if item.chars().all(|c| matches!(c, '.' | '…' | 'x' | ' ')) {
                return true; // `...`, `xxx`, `x`
            }
            let i = item.trim_end_matches(['.', '!', ':']).trim();
            let folded = i.replace('ö', "o");
            NOTE_VALUES.contains(&i)
                || i.split_whitespace().next().is_some_and(|w| {
                    NOTE_FIRST_WORDS.contains(&w.trim_end_matches(['.', ':', '!']))
                })
                || i.split_whitespace().count() > 1
                    && i.split_whitespace().next_back().is_some_and(|w| {
                        NOTE_LAST_WORDS.contains(&w.trim_end_matches(['.', ':', '!']))
                    })
                || NOTE_PHRASES.iter().any(|p| {
                    folded == *p
                        || folded
                            .strip_prefix(p)
                            .is_some_and(|rest| rest.starts_with([' ', ':', '.']))
                })
        });
    if note {
        SafetyCell::Note
    } else {
        SafetyCell::Names
    }
}

/// Whether a name cell that must name one thing (a request's organisation) is a note or a
/// placeholder instead: a non-empty cell that [`read_safety_cell`] reads as a note or as none
/// (`?`, `onbekend`, `nnb`, `zie mail`, `(zie mail)`, `n.t.b.`, `-`, `x`, `nvt`), or one of
/// [`ANONYMOUS`]. The same note reading as the safety cells, so that what an expert's cell may not
/// hide, a request's cell may not hide either. O(cell length).
pub fn is_placeholder_name(cell: &str) -> bool {
    let whole = super::normalize(cell);
    let inner = whole.trim_matches(['(', ')', '[', ']', '{', '}', ' ']);
    let trimmed = inner.trim_end_matches(['.', '!', ':']).trim();
    !whole.is_empty()
        && (ANONYMOUS.contains(&trimmed)
            || NONE_VALUES.contains(&inner)
            || NONE_VALUES.contains(&trimmed)
            || read_safety_cell(cell) != SafetyCell::Names)
}

/// Whole cells that name no organisation on purpose: `anoniem`, `anonymous`, `geheim`,
/// `onbekende organisatie`, `n.n.`.
pub const ANONYMOUS: &[&str] = &[
    "anoniem",
    "anonymous",
    "anon",
    "geheim",
    "secret",
    "n.n",
    "nn",
    "onbekende organisatie",
    "unknown organisation",
    "unknown organization",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_none_and_names() {
        for c in [
            "zie opmerking",
            "Zie dossier",
            "misschien",
            "nee?",
            "?",
            "onbekend",
            "ja",
            "nvt?",
            "TBD",
            "volgt",
            "angst, zie dossier",
            // The third trial: notes in brackets and common notes.
            "(zie opmerking)",
            "[zie dossier]",
            "angst (zie opmerking)",
            "opm. in dossier",
            "opm.",
            "vertrouwelijk",
            "in dossier",
            "NB",
            "nog navragen",
            "nog invullen",
            "bij coördinator",
            "...",
            "xxx",
            "TODO",
            "todo: invullen",
            // The fourth trial: a request's themes with a note.
            "angst|zie bijlage",
            "angst (zie bijlage)",
            "angst|?",
            "angst|nnb",
            "angst|onbekend",
            "angst|nog niet bekend",
            "angst|etc.",
            "angst + overige",
            "rouw etc.",
            "pesten, rouw enz.",
            "bijlage",
        ] {
            assert_eq!(read_safety_cell(c), SafetyCell::Note, "{c}");
        }
        for c in [
            "?",
            "onbekend",
            "nnb",
            "zie mail",
            "(zie mail)",
            "n.t.b.",
            "anoniem",
            "-",
            "x",
            "Anoniem.",
            "NVT",
            "N.N.",
        ] {
            assert!(is_placeholder_name(c), "{c}");
        }
        for c in [
            "Kwintes",
            "Zorg + Welzijn",
            "Stichting Ja Zeggen",
            "GGZ Centraal",
            "",
        ] {
            assert!(!is_placeholder_name(c), "{c}");
        }
        for c in ["", " - ", "geen", "Nee", "n.v.t.", "N/A"] {
            assert_eq!(read_safety_cell(c), SafetyCell::None, "{c}");
        }
        for c in [
            "angst",
            "Jeugdzorg Zien",
            "Stichting Ja Zeggen",
            "zelfbeschadiging|rouw",
            "Borderline (BPS)",
            "suïcidaliteit (licht)",
            "Nogeste",
            "Indossier Zorg",
            "Stichting Bij Elkaar",
        ] {
            assert_eq!(read_safety_cell(c), SafetyCell::Names, "{c}");
        }
    }
}
