//! The phone request form as data: its fields (named as the columns of requests.csv), the values
//! a post carries, and the error of one field. Both the form's page ([`super::request`]) and its
//! answer ([`super::suggest`]) use it.

use crate::i18n::{fill, L};
use crate::Lang;

/// The form's fields, named as the columns of requests.csv, so that the library reads them with
/// the same parsers, aliases and messages as a file.
pub const FIELDS: [&str; 9] = [
    "role",
    "themes",
    "place",
    "slot",
    "online",
    "language",
    "client_age",
    "experts_needed",
    "org",
];

/// The form's field `field` as the page labels it in `lang` (`client_age` → "Leeftijd jongere");
/// a name that is not one of [`FIELDS`] as given.
pub fn field_label(field: &str, lang: Lang) -> String {
    let label = match field {
        "role" => L::Role,
        "themes" => L::Themes,
        "place" => L::Place,
        "slot" => L::Slot,
        "online" => L::Online,
        "language" => L::Language,
        "client_age" => L::ClientAge,
        "experts_needed" => L::Seats,
        "org" => L::Org,
        _ => return field.to_string(),
    };
    label.text(lang).to_string()
}

/// What the form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormValues {
    /// Role (a code or alias).
    pub role: String,
    /// Themes picked.
    pub themes: Vec<String>,
    /// Place name.
    pub place: String,
    /// Slot, empty for flexible.
    pub slot: String,
    /// Online.
    pub online: bool,
    /// Language code.
    pub language: String,
    /// Age of the young person, may be empty.
    pub client_age: String,
    /// Seats.
    pub experts_needed: String,
    /// Organisation.
    pub org: String,
}

/// A field the form cannot take: its name, the value and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name.
    pub field: String,
    /// The value as sent.
    pub value: String,
    /// What is wrong and what was expected.
    pub expected: String,
}

impl FormValues {
    /// Reads an `application/x-www-form-urlencoded` body. A field that is not one of
    /// [`FIELDS`] (or `lang`), or a single-valued field sent twice, is an error naming it, in
    /// `lang` (the page's language). O(length of the body).
    pub fn parse(body: &[u8], lang: Lang) -> Result<FormValues, FieldError> {
        let mut v = FormValues::default();
        let mut seen: Vec<String> = Vec::new();
        for (k, val) in form_urlencoded::parse(body) {
            let (k, val) = (k.into_owned(), val.into_owned());
            if k != "themes" && k != "lang" {
                if seen.contains(&k) {
                    return Err(FieldError {
                        field: k,
                        value: val,
                        expected: L::ExpectOnce.text(lang).into(),
                    });
                }
                seen.push(k.clone());
            }
            let slot = match k.as_str() {
                "role" => &mut v.role,
                "place" => &mut v.place,
                "slot" => &mut v.slot,
                "language" => &mut v.language,
                "client_age" => &mut v.client_age,
                "experts_needed" => &mut v.experts_needed,
                "org" => &mut v.org,
                "lang" => continue,
                "themes" => {
                    for t in val.split(['|', ';', ',']) {
                        let t = t.trim();
                        if !t.is_empty() {
                            v.themes.push(t.to_string());
                        }
                    }
                    continue;
                }
                "online" => {
                    v.online = match val.trim().to_ascii_lowercase().as_str() {
                        "" | "no" | "nee" | "false" | "0" => false,
                        "on" | "yes" | "ja" | "true" | "1" => true,
                        _ => {
                            return Err(FieldError {
                                field: k,
                                value: val,
                                expected: L::ExpectYesNo.text(lang).into(),
                            })
                        }
                    };
                    continue;
                }
                _ => {
                    return Err(FieldError {
                        field: k,
                        value: val,
                        expected: fill(lang, L::ExpectField, &[("fields", &FIELDS.join(", "))]),
                    })
                }
            };
            *slot = val;
        }
        Ok(v)
    }

    /// The fields as requests.csv cells: `(column, value)`.
    pub fn cells(&self) -> Vec<(&'static str, String)> {
        vec![
            ("id", "aanvraag".to_string()),
            ("org", self.org.clone()),
            ("role", self.role.clone()),
            ("themes", self.themes.join("|")),
            ("place", self.place.clone()),
            ("online", if self.online { "yes" } else { "no" }.to_string()),
            ("slot", self.slot.clone()),
            ("experts_needed", self.experts_needed.clone()),
            ("language", self.language.clone()),
            ("client_age", self.client_age.clone()),
        ]
    }
}
