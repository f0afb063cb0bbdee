//! Folding a cell's spelling for comparison: the one place where names are made comparable.
//!
//! Why: a coordinator's spreadsheet writes one name many ways (a non-breaking space, a zero-width
//! character pasted from a web page, a decomposed `é` from a Mac, `’` for `'`). Every comparison
//! of ids, themes, places, organisations, languages and codes goes through [`normalize`] (or,
//! for themes, [`fold_theme`] and [`theme_key`]), so that no rule depends on how a name was typed.

/// Whether `c` is invisible in a spreadsheet cell and so never part of a name: zero-width
/// space, non-joiner and joiner, word joiner, byte-order mark, soft hyphen, direction marks,
/// variation selectors and the other default-ignorable code points, and control characters
/// other than white space.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// One spelling for the look-alike dashes and apostrophes a word processor puts in a cell
/// (`‐ ‑ – — −` are `-`; `’ ‘ ´ ʼ` and the backtick are `'`).
fn plain_punctuation(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{0060}' | '\u{00B4}' | '\u{02BC}'
        | '\u{FF07}' => '\'',
        _ => c,
    }
}

/// Collapses runs of white space (any Unicode white space, so also non-breaking spaces) to one
/// space and trims.
fn collapse_spaces(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in chars {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// How every name-like cell (ids, themes, places, organisations, languages, codes) is compared:
/// invisible characters removed ([`is_invisible`]), Unicode compatibility normalisation (NFKC:
/// a decomposed `é`, as a Mac writes it, equals the composed one; the ligatures `ﬁ` and `ﬀ` of
/// text copied from a PDF are `fi` and `ff`; full-width `Ｋｗｉｎｔｅｓ` is `Kwintes`),
/// look-alike dashes and apostrophes made plain, lower-cased, and runs of white space,
/// non-breaking spaces included, collapsed to one space and trimmed.
///
/// Diacritics and hyphens are kept: `Coöperatie` and `Cooperatie` are different names here
/// (themes fold them too: [`theme_key`]).
pub fn normalize(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        return collapse_spaces(
            s.chars()
                .filter(|c| !c.is_control() || c.is_whitespace())
                .map(|c| plain_punctuation(c.to_ascii_lowercase())),
        );
    }
    collapse_spaces(
        s.chars()
            .filter(|&c| !is_invisible(c))
            .nfkc()
            .map(plain_punctuation)
            .flat_map(char::to_lowercase)
            .nfc(),
    )
}

/// A cell as it is shown back to the user: [`normalize`] without the lower-casing (so NFKC:
/// `Proﬁel` is shown as `Profiel`).
pub fn tidy(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    collapse_spaces(
        s.chars()
            .filter(|&c| !is_invisible(c))
            .nfkc()
            .map(plain_punctuation),
    )
}

/// A theme spelling folded for comparison: [`normalize`], then diacritics removed
/// (`suïcidaliteit` is `suicidaliteit`) and everything but letters and digits dropped (hyphens,
/// spaces, apostrophes: `zelf-beschadiging` is `zelfbeschadiging`, `trauma's` is `traumas`).
/// This is the spelling key; [`theme_key`] also maps it through the theme vocabulary.
pub fn fold_theme(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    normalize(s)
        .nfkd()
        .filter(|&c| !is_combining_mark(c) && c.is_alphanumeric())
        .collect()
}

/// The key under which a theme is compared everywhere (matching, avoided themes, heavy themes):
/// [`fold_theme`], and for a spelling the bundled theme vocabulary knows (a synonym or plural
/// form, `eetstoornissen`), the key of its canonical theme (`eetstoornis`). Two cells name the
/// same theme exactly when their keys are equal.
pub fn theme_key(s: &str) -> String {
    let folded = fold_theme(s);
    match crate::names::themes::Vocabulary::bundled().canonical_of_folded(&folded) {
        Some(t) => t.key.clone(),
        None => folded,
    }
}
