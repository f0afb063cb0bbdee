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
//!
//! [`IdKeys::read_cell`] adds names: a cell that is no id but an expert's full name, or a first
//! name only one expert has, names that expert. Bookings, decisions and the history's expert
//! column are read by it (the fourth trial, #7 and #13: `Anna de Vries` in history.csv counted
//! for nobody, a decline written `Anna` was dropped); reading a name there only ever adds load or
//! a decline, never frees an expert. `not_with` has its own wider reading on the safe side.

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
    /// Normalised full names ([`IdKeys::with_names`]).
    names: HashMap<String, Vec<usize>>,
    /// Normalised first words of the names.
    first: HashMap<String, Vec<usize>>,
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

    /// These keys with the experts' names (an expert's index and name), for
    /// [`IdKeys::read_cell`]. O(names).
    pub fn with_names<'a>(mut self, names: impl IntoIterator<Item = (usize, &'a str)>) -> Self {
        for (i, name) in names {
            let n = normalize(name);
            if n.is_empty() {
                continue;
            }
            if let Some(first) = n.split(' ').next() {
                self.first.entry(first.to_string()).or_default().push(i);
            }
            self.names.entry(n).or_default().push(i);
        }
        for v in self.names.values_mut().chain(self.first.values_mut()) {
            v.sort_unstable();
            v.dedup();
        }
        self
    }

    /// The experts a cell of bookings, decisions or the history's expert column names, read
    /// the one way ([`IdKeys::lookup_cell`]); else, with names ([`IdKeys::with_names`]), the
    /// expert whose full name the cell is, or, for one word, every expert whose first name it
    /// is. Sorted; empty when the cell names nobody, more than one when it is ambiguous (the
    /// caller refuses it, or counts it for all on the safe side). O(length).
    pub fn read_cell(&self, written: &str) -> Vec<usize> {
        let by_id = self.lookup_cell(written);
        if !by_id.is_empty() {
            return by_id;
        }
        let n = normalize(written);
        let n = n.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some(v) = self.names.get(n) {
            return v.clone();
        }
        if !n.contains(' ') {
            if let Some(v) = self.first.get(n) {
                return v.clone();
            }
        }
        Vec::new()
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

    #[test]
    fn names_read() {
        let k = IdKeys::new([(0, "E1"), (1, "E2"), (2, "E3")]).with_names([
            (0, "Anna de Vries"),
            (1, "Bram Jansen"),
            (2, "Anna Smit"),
        ]);
        assert_eq!(k.read_cell("E01"), [0]);
        assert_eq!(k.read_cell("anna  de vries"), [0]);
        assert_eq!(k.read_cell("Bram"), [1]);
        assert_eq!(k.read_cell("Anna"), [0, 2]);
        assert!(k.read_cell("Carla").is_empty());
        assert!(k.read_cell("Anna Jansen").is_empty());
    }
}
