//! Which rows of a stored input are one person's, and which cells of other rows name them: the
//! one reading behind every per-person operation of the ledger (an access request,
//! [`crate::Ledger::expert_data`], and an erasure, [`crate::Ledger::forget`]).
//!
//! Why its own reading: a person's rows are those whose *id column* names them (experts' `id`,
//! history's `expert`, a request's `preferred_expert` / `pinned_expert` item), never a row with
//! any cell equal to the id. Another expert's row that names them in `not_with` is that other
//! expert's health data (their avoided themes, their former care provider): it is never handed
//! out in an access request, and an erasure removes only the reference (the id, or the person's
//! name as written) from it. Numeric ids (`2`) made the old any-cell reading take every cell
//! `2` (a limit, an intensity) for the person (the fourth new-user trial, #1). Ids are read as
//! the rest of matchpunt reads them ([`matchpunt::ingest::ids`]: `E01`, `E 1`, `nr. 1`,
//! `Anna (E1)`), against the roster of the run's experts file.

use matchpunt::ingest::ids::{id_key, IdKeys};
use matchpunt::ingest::sheet::{
    alias_column, decode, locate_header, Lines, EXPERT_ALIASES, HISTORY_ALIASES, REQUEST_ALIASES,
};
use matchpunt::model::normalize;

/// What a column is to the per-person reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Col {
    /// The row's own person: experts' `id`, history's `expert`.
    Own,
    /// A list of other persons the row names: experts' `not_with`, requests'
    /// `preferred_expert` and `pinned_expert`.
    Refs,
    /// A column of the contract holding other data (never searched for a person).
    Data,
    /// A column the contract does not know (a note): on erasure, the person's name and
    /// lettered id are replaced in it.
    Free,
}

/// The column names of a stored input's kind; None for a kind that is no table of persons
/// (`policy`, `workbook`).
fn aliases(kind: &str) -> Option<&'static [(&'static str, &'static [&'static str])]> {
    match kind {
        "experts" => Some(EXPERT_ALIASES),
        "requests" => Some(REQUEST_ALIASES),
        "history" => Some(HISTORY_ALIASES),
        _ => None,
    }
}

/// Whether stored inputs of `kind` are tables of persons (experts, requests, history).
pub(crate) fn is_table_kind(kind: &str) -> bool {
    aliases(kind).is_some()
}

fn col_of(kind: &str, column: Option<&str>) -> Col {
    match (kind, column) {
        (_, None) => Col::Free,
        ("experts", Some("id")) | ("history", Some("expert")) => Col::Own,
        ("experts", Some("not_with"))
        | ("requests", Some("preferred_expert" | "pinned_expert")) => Col::Refs,
        _ => Col::Data,
    }
}

/// A stored CSV input read as a table: every record (lines before the header kept as they
/// are), the header's index and what each column is.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    bom: bool,
    delimiter: u8,
    /// Every record of the file, the header and any line before it included.
    pub rows: Vec<Vec<String>>,
    /// The index of the header record in `rows`.
    pub header: usize,
    /// What each header cell is.
    pub cols: Vec<Col>,
    /// The experts file's `name` column.
    name_col: Option<usize>,
}

impl Table {
    /// Reads a stored input of `kind` (`experts`, `requests`, `history`): decoded as the
    /// readers do (UTF-8, UTF-16, Windows-1252, Mac Roman), the header found as they find it
    /// (after a `sep=` line or a title). None for another kind or bytes that are no text.
    /// O(bytes).
    pub fn read(kind: &str, bytes: &[u8]) -> Option<Table> {
        let table = aliases(kind)?;
        let bom = bytes.starts_with("\u{feff}".as_bytes());
        let decoded = decode(bytes).ok()?;
        let text = decoded.text.trim_start_matches('\u{feff}');
        let lines = Lines::new(text);
        let hl = locate_header(text, &lines, |c| alias_column(table, c).is_some())?;
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(hl.delimiter)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        let mut header = None;
        for rec in r.records() {
            let rec = rec.ok()?;
            // The header is the last record starting at or before the header line (a record's
            // position may be the line break before it: CRLF).
            let start = rec.position().map_or(0, |p| p.byte() as usize);
            if start <= hl.start {
                header = Some(rows.len());
            }
            rows.push(rec.iter().map(str::to_string).collect::<Vec<_>>());
        }
        let header = header?;
        let columns: Vec<Option<&str>> = rows[header]
            .iter()
            .map(|h| alias_column(table, h))
            .collect();
        let cols = columns.iter().map(|c| col_of(kind, *c)).collect();
        let name_col = (kind == "experts")
            .then(|| columns.iter().position(|c| *c == Some("name")))
            .flatten();
        Some(Table {
            bom,
            delimiter: hl.delimiter,
            rows,
            header,
            cols,
            name_col,
        })
    }

    /// The header row.
    pub fn head(&self) -> &[String] {
        &self.rows[self.header]
    }

    /// The rows after the header, with their index in `rows`.
    pub fn body(&self) -> impl Iterator<Item = (usize, &Vec<String>)> {
        self.rows.iter().enumerate().skip(self.header + 1)
    }

    /// The columns of a kind, by index.
    fn cols_of(&self, kind: Col) -> impl Iterator<Item = usize> + '_ {
        (0..self.cols.len()).filter(move |&i| self.cols[i] == kind)
    }

    /// An experts file's roster: (id, name) of every row. O(rows).
    pub fn roster(&self) -> Vec<(String, String)> {
        let Some(id) = self.cols_of(Col::Own).next() else {
            return Vec::new();
        };
        self.body()
            .map(|(_, r)| {
                let cell = |i: Option<usize>| i.and_then(|i| r.get(i)).cloned();
                (
                    cell(Some(id)).unwrap_or_default(),
                    cell(self.name_col).unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Whether row `r` (of the body) is the person's: its id column names them, or (a request)
    /// one of its expert columns lists them.
    pub fn is_theirs(&self, row: &[String], p: &Person) -> bool {
        let own = self
            .cols_of(Col::Own)
            .any(|i| row.get(i).is_some_and(|c| p.is(c)));
        own || self
            .cols_of(Col::Refs)
            .any(|i| self.lists_them(row, i, p) && self.refs_are_own())
    }

    /// Whether the table's reference columns make a row the person's (a request's expert
    /// columns do; an expert's `not_with` does not: the row is the other expert's).
    fn refs_are_own(&self) -> bool {
        self.cols_of(Col::Own).next().is_none()
    }

    fn lists_them(&self, row: &[String], i: usize, p: &Person) -> bool {
        row.get(i)
            .is_some_and(|c| split_items(c).iter().any(|x| p.is(x)))
    }

    /// The person's row as handed to them: the reference columns keep only their own item (a
    /// request's other preferred experts are other people's data). O(cells).
    pub fn their_view(&self, row: &[String], p: &Person) -> Vec<String> {
        let mut out = row.to_vec();
        if self.refs_are_own() {
            for i in self.cols_of(Col::Refs) {
                if let Some(c) = out.get_mut(i) {
                    *c = keep_items(c, |x| p.is(x));
                }
            }
        }
        out
    }

    /// The table without the person: their own rows dropped; in every other row their item
    /// removed from the reference columns, and their name (and lettered id) replaced by `anon`
    /// in the columns the contract does not know. None when nothing changes. O(cells).
    pub fn without(&self, p: &Person, anon: &str) -> Option<Table> {
        let mut out = self.clone();
        out.rows.truncate(self.header + 1);
        let mut changed = false;
        for (_, row) in self.body() {
            let own = self
                .cols_of(Col::Own)
                .any(|i| row.get(i).is_some_and(|c| p.is(c)));
            if own {
                changed = true;
                continue;
            }
            let mut row = row.clone();
            for (i, c) in row.iter_mut().enumerate() {
                let new = match self.cols.get(i) {
                    Some(Col::Refs) => keep_items(c, |x| !p.is_ref(x)),
                    Some(Col::Free) | None => p.replace_in(c, anon),
                    _ => continue,
                };
                if new != *c {
                    changed = true;
                    *c = new;
                }
            }
            out.rows.push(row);
        }
        changed.then_some(out)
    }

    /// The file's bytes (UTF-8, a byte-order mark when it had one, its delimiter).
    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.bom {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        let mut w = csv::WriterBuilder::new()
            .delimiter(self.delimiter)
            .flexible(true)
            .from_writer(out);
        for r in &self.rows {
            w.write_record(r).expect("writing to memory");
        }
        w.into_inner().expect("writing to memory")
    }
}

/// The items of a list cell (`|`, `;`, `,` or a line break between them), trimmed.
fn split_items(cell: &str) -> Vec<&str> {
    matchpunt::ingest::split_list(cell).collect()
}

/// A list cell with only the items `keep` says, joined by the cell's own separator.
fn keep_items(cell: &str, keep: impl Fn(&str) -> bool) -> String {
    let items = split_items(cell);
    if items.iter().all(|x| keep(x)) {
        return cell.to_string();
    }
    let sep = ['|', ';', ',', '\n']
        .into_iter()
        .find(|s| cell.contains(*s))
        .unwrap_or('|');
    let kept: Vec<&str> = items.into_iter().filter(|x| keep(x)).collect();
    kept.join(&sep.to_string())
}

/// A name as compared: [`normalize`]d (case, spaces, look-alike characters).
fn name_key(s: &str) -> String {
    normalize(s)
}

/// One person as the cells of one run's inputs name them: their id (any spelling the rest of
/// matchpunt reads as it, against the run's roster) or, in a reference, their full name when no
/// other expert of the roster has it.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    id: String,
    keys: IdKeys,
    /// Their rows in the roster.
    index: Vec<usize>,
    /// Their names, as compared.
    name_keys: Vec<String>,
    /// Their names as written (for replacing in free text).
    written: Vec<String>,
    /// Every roster row's name, as compared.
    roster_names: Vec<String>,
}

impl Person {
    /// Expert `id` against `roster` ((id, name) of the run's experts file; empty when the run
    /// has none), with `also` their names in other runs' rosters. O(roster).
    pub fn new(id: &str, roster: &[(String, String)], also: &[String]) -> Person {
        let keys = IdKeys::new(
            roster
                .iter()
                .enumerate()
                .map(|(i, (id, _))| (i, id.as_str())),
        );
        let mut index: Vec<usize> = (0..roster.len())
            .filter(|&i| is_id(&roster[i].0, id))
            .collect();
        if index.is_empty() {
            let hits = keys.lookup_cell(id);
            if hits.len() == 1 {
                index = hits;
            }
        }
        let mut name_keys = Vec::new();
        let mut written = Vec::new();
        let theirs = index.iter().map(|&i| roster[i].1.as_str());
        for n in theirs.chain(also.iter().map(String::as_str)) {
            let k = name_key(n);
            let shared =
                (0..roster.len()).any(|j| !index.contains(&j) && name_key(&roster[j].1) == k);
            if !k.is_empty() && !shared && !name_keys.contains(&k) {
                name_keys.push(k);
                written.push(n.trim().to_string());
            }
        }
        Person {
            id: id.trim().to_string(),
            keys,
            index,
            name_keys,
            written,
            roster_names: roster.iter().map(|(_, n)| name_key(n)).collect(),
        }
    }

    /// Their names as written in the roster (and `also`), when no other expert has them.
    pub fn names(&self) -> &[String] {
        &self.written
    }

    /// Whether a cell (an id cell, or one item of a list) names the person: the id in any case,
    /// an id the roster reads as theirs alone (`E01`, `E 1`, `Anna (E1)`; without a roster, the
    /// same letters and number), or their full name. O(length).
    pub fn is(&self, cell: &str) -> bool {
        let cell = cell.trim();
        if cell.is_empty() {
            return false;
        }
        if is_id(cell, &self.id) {
            return true;
        }
        if self.index.is_empty() {
            if let (Some(a), Some(b)) = (id_key(cell), id_key(&self.id)) {
                return a == b;
            }
        } else {
            let hits = self.keys.lookup_cell(cell);
            if !hits.is_empty() {
                return hits.iter().all(|h| self.index.contains(h));
            }
        }
        self.name_keys.contains(&name_key(cell))
    }

    /// Whether a `not_with` item names the person and nobody else, read as the batch reader
    /// reads such an item on the safe side (`matchpunt::ingest`'s not_with reading): [`Person::is`],
    /// or, after a leading `niet met` / `not with` and around punctuation, an id or the words of
    /// a name (a first name, a surname: 3 letters or more, not `van`, `der`...) that only their
    /// rows of the roster have. An item that names them and another expert stays (it still
    /// keeps the other apart). O(roster × length).
    pub fn is_ref(&self, item: &str) -> bool {
        if self.is(item) {
            return true;
        }
        if self.index.is_empty() {
            return false;
        }
        let mut s = name_key(item);
        for lead in ["niet samen met ", "niet met ", "not with ", "never with "] {
            if let Some(rest) = s.strip_prefix(lead) {
                s = rest.to_string();
            }
        }
        let s = s.trim_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != ')');
        let (inside, outside) = match (s.find('('), s.rfind(')')) {
            (Some(i), Some(j)) if i < j => (
                Some(s[i + 1..j].to_string()),
                format!("{} {}", &s[..i], &s[j + 1..]),
            ),
            _ => (None, s.to_string()),
        };
        let mut hits = Vec::new();
        for part in inside.into_iter().chain([outside]) {
            let part = part.trim_matches(|c: char| !c.is_alphanumeric());
            if part.is_empty() {
                continue;
            }
            let mut named = self.keys.lookup(part);
            if named.is_empty() {
                let words: Vec<&str> = part
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 3)
                    .filter(|w| !PARTICLES.contains(w))
                    .collect();
                named = (0..self.roster_names.len())
                    .filter(|&i| self.roster_names[i].split(' ').any(|w| words.contains(&w)))
                    .collect();
            }
            hits.extend(named);
        }
        !hits.is_empty() && hits.iter().all(|h| self.index.contains(h))
    }

    /// Free text with the person's names, and their id when it has letters (a bare number in
    /// a note is no id), replaced by `anon` as whole words. O(length).
    pub fn replace_in(&self, text: &str, anon: &str) -> String {
        let mut out = text.to_string();
        for n in &self.written {
            out = replace_words_ci(&out, n, anon);
        }
        if self.id.chars().any(char::is_alphabetic) {
            out = replace_words_ci(&out, &self.id, anon);
        }
        out
    }
}

/// Words of a name that name nobody alone.
const PARTICLES: &[&str] = &[
    "van", "der", "den", "ter", "met", "niet", "not", "with", "samen",
];

/// Whether a cell is the id (trimmed, any case).
pub(crate) fn is_id(cell: &str, id: &str) -> bool {
    cell.trim().eq_ignore_ascii_case(id.trim())
}

/// `text` with every whole-word occurrence of `word` (any ASCII case) replaced by `with`.
fn replace_words_ci(text: &str, word: &str, with: &str) -> String {
    if word.is_empty() || word.len() > text.len() {
        return text.to_string();
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let lower = text.to_ascii_lowercase();
    let w = word.to_ascii_lowercase();
    let mut out = String::new();
    let mut last = 0;
    for (i, _) in lower.match_indices(&w) {
        if i < last {
            continue;
        }
        let before = text[..i].chars().next_back().is_none_or(|c| !is_word(c));
        let after = text[i + w.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_word(c));
        if before && after {
            out.push_str(&text[last..i]);
            out.push_str(with);
            last = i + w.len();
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(ids: &[(&str, &str)]) -> Vec<(String, String)> {
        ids.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn a_person_is_named_by_their_id_in_any_spelling_or_their_full_name() {
        let r = roster(&[
            ("E1", "Anna de Vries"),
            ("E3", "Chris Bakker"),
            ("E10", "X"),
        ]);
        let p = Person::new("E3", &r, &[]);
        for yes in [
            "E3",
            "e3",
            "E03",
            "E 3",
            "Chris Bakker",
            "chris  bakker",
            "Chris (E3)",
        ] {
            assert!(p.is(yes), "{yes}");
        }
        for no in ["E1", "E30", "", "Chris", "Anna de Vries", "3x"] {
            assert!(!p.is(no), "{no}");
        }
        let n = roster(&[("1", "A"), ("2", "B"), ("3", "C")]);
        let p = Person::new("2", &n, &[]);
        assert!(p.is("2") && p.is("nr. 2") && p.is("B"));
        assert!(!p.is("12") && !p.is("3") && !p.is("E2x"));
        // Without a roster: the same letters and number.
        let p = Person::new("E3", &[], &[]);
        assert!(p.is("E03") && !p.is("E30") && !p.is("3"));
    }

    #[test]
    fn a_not_with_item_names_them_by_a_name_word_only_they_have() {
        let r = roster(&[
            ("E1", "Anna de Vries"),
            ("E3", "Chris Bakker"),
            ("E4", "Daan de Vries"),
        ]);
        let p = Person::new("E3", &r, &[]);
        for yes in [
            "Chris",
            "C. Bakker",
            "niet met Chris",
            "Bakker!",
            "Chris (E3)",
        ] {
            assert!(p.is_ref(yes), "{yes}");
        }
        for no in ["Anna", "de Vries", "Chris en Anna", "Daan", ""] {
            assert!(!p.is_ref(no), "{no}");
        }
    }

    #[test]
    fn a_file_is_read_as_the_batch_reader_reads_it_and_written_back_whole() {
        // Excel's sep= line and a title line before the header; Windows-1252 bytes (ë = 0xEB).
        let mut bytes =
            b"sep=;\r\nDeskundigen week 48\r\nid;naam;niet_samen_met;notitie\r\n".to_vec();
        bytes.extend_from_slice(
            b"E1;Zo\xEB;E3|E2;belt Chris Bakker\r\nE2;Bram;;\r\nE3;Chris Bakker;;\r\n",
        );
        let t = Table::read("experts", &bytes).unwrap();
        assert_eq!(t.head(), ["id", "naam", "niet_samen_met", "notitie"]);
        let p = Person::new("E3", &t.roster(), &[]);
        let theirs: Vec<&Vec<String>> = t
            .body()
            .map(|(_, r)| r)
            .filter(|r| t.is_theirs(r, &p))
            .collect();
        assert_eq!(theirs.len(), 1);
        assert_eq!(theirs[0][1], "Chris Bakker");
        let out = String::from_utf8(t.without(&p, "forgotten-1").unwrap().write()).unwrap();
        assert_eq!(
            out,
            "sep=;\nDeskundigen week 48\nid;naam;niet_samen_met;notitie\nE1;Zoë;E2;belt forgotten-1\nE2;Bram;;\n"
        );
        // Nothing names E9: nothing to rewrite.
        assert!(t
            .without(&Person::new("E9", &t.roster(), &[]), "x")
            .is_none());
        // A policy is no table of persons.
        assert!(Table::read("policy", b"[ledger]\nkeep_weeks = 2\n").is_none());
    }

    #[test]
    fn list_cells_keep_their_separator() {
        assert_eq!(keep_items("E2|E1", |x| x != "E1"), "E2");
        assert_eq!(keep_items("E2, E1 ,E4", |x| x != "E1"), "E2,E4");
        assert_eq!(keep_items("E1", |x| x != "E1"), "");
        assert_eq!(keep_items(" E2 ", |x| x != "E1"), " E2 ");
        assert_eq!(replace_words_ci("met e3 en E30", "E3", "x"), "met x en E30");
    }
}
