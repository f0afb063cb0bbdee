//! One person in two rows of experts.csv (the fourth new-user trial, #8): an old row left after
//! copying in Excel, or the same id written two ways (`E1`, `E01`, `E 1`). Each row would be its
//! own expert with its own limits and exclusions: the person could be booked twice in one slot,
//! past her maximum, and sent to the organisation only the other row excludes. Why a module:
//! the rule spans rows, where every other check of a row reads that row alone.
//!
//! Ids that the one reading of ids ([`crate::ingest::ids::id_key`]) takes as one, and rows with
//! the same full name (two words or more, the last no initial: `Noor K.` or `Anna` alone can
//! be many people) and birth year, are an error on both rows; where bad rows are skipped
//! (`suggest`, the web form) both rows are left out, never one of them with the other's
//! exclusions lost. The same full name without a birth year on both rows is a warning naming
//! both lines.

use super::cells::Cells;
use crate::ingest::ids::{id_key, IdKey};
use crate::ingest::Problem;
use crate::messages::Msg;
use crate::model::normalize;
use std::collections::{HashMap, HashSet};

/// The rows seen so far, by id key and by person.
#[derive(Default)]
pub(crate) struct Persons {
    ids: HashMap<IdKey, (u64, String)>,
    people: HashMap<(String, Option<i32>), (u64, String)>,
    /// Lines of rows found to be another row's person: left out where bad rows are skipped.
    pub(crate) doubled: HashSet<u64>,
}

impl Persons {
    /// Checks the row of `c` (its `id`, `name` cell and `birth_year`) against the rows before:
    /// errors on both rows for one id written two ways or one name and birth year, a warning
    /// for one name without birth years. An exact duplicate id's error is the id check's; its
    /// first row is marked [`Persons::doubled`] here. O(1).
    pub(crate) fn check(&mut self, c: &mut Cells<'_, '_>, id: &str, birth_year: Option<i32>) {
        let line = c.line;
        if let Some(key) = id_key(id) {
            match self.ids.get(&key) {
                Some((first, first_id)) if normalize(first_id) != normalize(id) => {
                    let (first, first_id) = (*first, first_id.clone());
                    c.err(
                        "id",
                        id,
                        Problem::DuplicateIdRead {
                            first,
                            first_id: first_id.clone(),
                        },
                    );
                    c.errs.push_cell(
                        c.t,
                        first,
                        "id",
                        &first_id,
                        Problem::DuplicateIdRead {
                            first: line,
                            first_id: id.to_string(),
                        },
                    );
                    self.doubled.insert(first);
                }
                // The same id as written: the id check gives the error on this row; the first
                // row is left out too where bad rows are skipped (its exclusions may be the
                // ones this row lacks, or the other way round).
                Some((first, _)) => {
                    self.doubled.insert(*first);
                }
                None => {
                    self.ids.insert(key, (line, id.to_string()));
                }
            }
        }
        let name = normalize(c.get("name"));
        if !full_name(&name) {
            return;
        }
        match self.people.get(&(name.clone(), birth_year)) {
            Some((first, first_id)) => {
                let (first, first_id) = (*first, first_id.clone());
                let value = c.get("name").to_string();
                if let Some(year) = birth_year {
                    c.err(
                        "name",
                        &value,
                        Problem::SamePerson {
                            line: first,
                            id: first_id.clone(),
                            year,
                        },
                    );
                    c.errs.push_cell(
                        c.t,
                        first,
                        "name",
                        &value,
                        Problem::SamePerson {
                            line,
                            id: id.to_string(),
                            year,
                        },
                    );
                    self.doubled.insert(first);
                } else {
                    c.errs.note_cell(c.t, line, "name", |lang| {
                        lang.fill(Msg::WSameName, &[("line", &first), ("id", &first_id)])
                    });
                }
            }
            None => {
                self.people
                    .insert((name, birth_year), (line, id.to_string()));
            }
        }
    }
}

/// Whether a normalised name is a full name: two words or more, the last of two letters or
/// more and no initial (`anna de vries`, not `anna` or `noor k.`).
fn full_name(n: &str) -> bool {
    let words: Vec<&str> = n.split(' ').filter(|w| !w.is_empty()).collect();
    words.len() >= 2
        && words.last().is_some_and(|w| {
            !w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        })
}
