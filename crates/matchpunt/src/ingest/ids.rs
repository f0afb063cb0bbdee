//! Expert ids written another way (`E01`, `E 1`, `E-1`, `nr. 1`, `E1 (Anna)`), read by one
//! rule wherever a file names an expert by id: experts.csv's `not_with`, and the week's
//! bookings and decisions ([`crate::ingest::assignments::BatchIds`], read by `suggest`,
//! `explain`, `serve`, `metrics` and a round).
//!
//! Why one rule: a booking written `E01` that one command reads as E1 and another drops sends
//! E1 beyond her limit on the second (the third new-user trial, #6); a `not_with` item `E-3`
//! that names nobody sends the pair together (#10). The rule only ever reads an id as an
//! expert the roster has under the same letters and number; what matches nobody, or more
//! than one expert, is left to the caller to refuse.

use crate::model::normalize;
use std::collections::HashMap;

/// Words written before an id's number (`nr. 3`, `expert 3`, `#3`): the number alone names the
/// expert, whatever letters the roster's ids start with.
pub const ID_LABELS: &[&str] = &[
    "nr",
    "no",
    "nummer",
    "number",
    "num",
    "expert",
    "deskundige",
    "ervaringsdeskundige",
    "id",
];

/// How an id is written, reduced to what names the expert: its letters (lower case, without
/// separators) and number (without leading zeros), or the number alone.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IdKey {
    /// Letters and a number: `E 03`, `E-3`, `e3.` → `("e", "3")`.
    Full(String, String),
    /// Only a number: `3`, `nr. 3`, `expert 3`, `#3` → `"3"`.
    Number(String),
}

/// The [`IdKey`] of a written id: letters, then any of space, `-`, `.`, `_`, `:`, `#`, then
/// digits, then at most a `.`; or a label of [`ID_LABELS`] (or `#`) and digits; or digits only.
/// None for anything else (a name, initials, two numbers). O(length).
pub fn id_key(written: &str) -> Option<IdKey> {
    let n = normalize(written);
    let s = n.trim().trim_end_matches('.').trim();
    let seps = |c: char| c.is_whitespace() || matches!(c, '-' | '.' | '_' | ':' | '#');
    let letters_end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let (letters, rest) = s.split_at(letters_end);
    let digits = rest.trim_start_matches(seps);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = match digits.trim_start_matches('0') {
        "" => "0".to_string(),
        d => d.to_string(),
    };
    if letters.is_empty() || ID_LABELS.contains(&letters) {
        return Some(IdKey::Number(number));
    }
    Some(IdKey::Full(letters.to_string(), number))
}

/// The roster's ids by their [`IdKey`], for reading ids written another way.
#[derive(Clone, Debug, Default)]
pub struct IdKeys {
    full: HashMap<(String, String), Vec<usize>>,
    number: HashMap<String, Vec<usize>>,
}

impl IdKeys {
    /// The keys of `ids` (an expert's index and id). O(ids).
    pub fn new<'a>(ids: impl IntoIterator<Item = (usize, &'a str)>) -> Self {
        let mut out = IdKeys::default();
        for (i, id) in ids {
            match id_key(id) {
                Some(IdKey::Full(l, n)) => {
                    out.full.entry((l, n.clone())).or_default().push(i);
                    out.number.entry(n).or_default().push(i);
                }
                Some(IdKey::Number(n)) => out.number.entry(n).or_default().push(i),
                None => {}
            }
        }
        for v in out.full.values_mut().chain(out.number.values_mut()) {
            v.sort_unstable();
            v.dedup();
        }
        out
    }

    /// The experts `written` can name by its [`IdKey`]: the ids with its letters and number,
    /// or, for a number alone, every id with that number (sorted; empty when none, or when
    /// `written` is no id). O(length).
    pub fn lookup(&self, written: &str) -> Vec<usize> {
        match id_key(written) {
            Some(IdKey::Full(l, n)) => self.full.get(&(l, n)).cloned().unwrap_or_default(),
            Some(IdKey::Number(n)) => self.number.get(&n).cloned().unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// The experts a booking's or decision's expert cell names: [`IdKeys::lookup`] of the
    /// whole cell, else of the part in brackets and the part outside it (`E1 (Anna)`,
    /// `Anna (E1)`), each that is an id. Sorted, without repeats; more than one means the cell
    /// is ambiguous.
    pub fn lookup_cell(&self, written: &str) -> Vec<usize> {
        let whole = self.lookup(written);
        if !whole.is_empty() {
            return whole;
        }
        let (Some(i), Some(j)) = (written.find('('), written.rfind(')')) else {
            return Vec::new();
        };
        if i >= j {
            return Vec::new();
        }
        let mut out: Vec<usize> = [
            &written[i + 1..j],
            &format!("{} {}", &written[..i], &written[j + 1..]),
        ]
        .iter()
        .flat_map(|p| self.lookup(p))
        .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        let full = |l: &str, n: &str| Some(IdKey::Full(l.into(), n.into()));
        assert_eq!(id_key("E01"), full("e", "1"));
        assert_eq!(id_key("E 1"), full("e", "1"));
        assert_eq!(id_key("E-3"), full("e", "3"));
        assert_eq!(id_key("e3."), full("e", "3"));
        assert_eq!(id_key("E#3"), full("e", "3"));
        assert_eq!(id_key("nr. 3"), Some(IdKey::Number("3".into())));
        assert_eq!(id_key("expert 3"), Some(IdKey::Number("3".into())));
        assert_eq!(id_key("#3"), Some(IdKey::Number("3".into())));
        assert_eq!(id_key("3"), Some(IdKey::Number("3".into())));
        for no in ["Anna", "D.V.", "E3-4", "E3 4", "", "E", "3a"] {
            assert_eq!(id_key(no), None, "{no}");
        }
    }

    #[test]
    fn lookups() {
        let k = IdKeys::new([(0, "E1"), (1, "E2"), (2, "X2")]);
        assert_eq!(k.lookup("E01"), [0]);
        assert_eq!(k.lookup_cell("E1 (Anna)"), [0]);
        assert_eq!(k.lookup_cell("Anna (E 1)"), [0]);
        assert_eq!(k.lookup("nr. 2"), [1, 2]);
        assert_eq!(k.lookup_cell("E1 (E2)"), [0, 1]);
        assert!(k.lookup_cell("Anna").is_empty());
    }
}
