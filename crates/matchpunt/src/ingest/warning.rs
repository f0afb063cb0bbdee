//! A warning met while reading the inputs (an unknown column, a file read as Windows-1252, a
//! date read as its year), held in both languages so that it is shown in the reader's language
//! however late that is known: [`InputErrors::in_lang`] and the commands' `--lang` pick the text
//! ([`Warning::render`]); `Display` and `Deref<Target = str>` are the English text, as before
//! warnings were typed.
//!
//! Why both texts and not the kind: a warning is built where its values are at hand (a file's
//! header line, a column's first cell), from the one message table ([`crate::messages`]); keeping
//! the two renderings avoids a variant per warning and its values twice.

use crate::ingest::error::SHEET_IN_FILE;
use crate::messages::Lang;
use std::fmt;

/// A warning for the reader, in English and Dutch. Never holds a theme name.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Warning {
    en: String,
    nl: String,
}

impl Warning {
    /// The warning whose text in each language is `text(lang)`. `O(length of the texts)`.
    ///
    /// A workbook's sheet is named in a file label as `book.xlsx, sheet experts`
    /// ([`SHEET_IN_FILE`]), which the warnings' `{file}` carries as it is: the Dutch text says
    /// `blad` there, as the errors do.
    pub fn new(text: impl Fn(Lang) -> String) -> Self {
        Warning {
            en: text(Lang::En),
            nl: dutch_sheet(text(Lang::Nl)),
        }
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Nl => &self.nl,
        }
    }

    /// The warning with each language's text rewritten by `f(lang, text)`.
    pub fn map(self, f: impl Fn(Lang, &str) -> String) -> Self {
        Warning {
            en: f(Lang::En, &self.en),
            nl: dutch_sheet(f(Lang::Nl, &self.nl)),
        }
    }
}

/// `text` with a file label's [`SHEET_IN_FILE`] said in Dutch.
fn dutch_sheet(text: String) -> String {
    if text.contains(SHEET_IN_FILE) {
        text.replace(SHEET_IN_FILE, ", blad ")
    } else {
        text
    }
}

/// A text from outside the message table: the same in both languages.
impl From<String> for Warning {
    fn from(s: String) -> Self {
        Warning {
            nl: s.clone(),
            en: s,
        }
    }
}

impl From<&str> for Warning {
    fn from(s: &str) -> Self {
        Warning::from(s.to_string())
    }
}

impl std::ops::Deref for Warning {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl std::borrow::Borrow<str> for Warning {
    fn borrow(&self) -> &str {
        &self.en
    }
}

impl AsRef<str> for Warning {
    fn as_ref(&self) -> &str {
        &self.en
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// As the English text's `Debug` (a quoted string), as before warnings were typed.
impl fmt::Debug for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.en, f)
    }
}

impl PartialEq<str> for Warning {
    fn eq(&self, other: &str) -> bool {
        self.en == other
    }
}

impl PartialEq<&str> for Warning {
    fn eq(&self, other: &&str) -> bool {
        self.en == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fourth new-user trial: "waarschuwing: week.xlsx, sheet ervaringsdeskundigen:
    /// onbekende kolom ..." said "sheet" in a Dutch warning.
    #[test]
    fn a_workbook_sheet_in_a_dutch_warning_is_a_blad() {
        let file = format!("week.xlsx{SHEET_IN_FILE}ervaringsdeskundigen");
        let w = Warning::new(|lang| match lang {
            Lang::En => format!("{file}: ignoring unknown column 'x'"),
            Lang::Nl => format!("{file}: onbekende kolom 'x' genegeerd"),
        });
        assert_eq!(
            w.render(Lang::Nl),
            "week.xlsx, blad ervaringsdeskundigen: onbekende kolom 'x' genegeerd"
        );
        assert_eq!(
            w.render(Lang::En),
            "week.xlsx, sheet ervaringsdeskundigen: ignoring unknown column 'x'"
        );
        let mapped = w.map(|_, t| format!("{t}!"));
        assert!(mapped.render(Lang::Nl).starts_with("week.xlsx, blad "));
    }
}
