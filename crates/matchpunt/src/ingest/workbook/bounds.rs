//! Bounded reading: a workbook is checked before the spreadsheet library expands it (declared
//! and real part sizes, compression ratios, the shared-string count, cell references beyond the
//! sheet, `.ods` repeats), so that a small hostile file is refused in about a second and in
//! bounded memory instead of aborting the process.

#[allow(unused_imports)]
use super::*;

/// Checks, before the library reads them, that the parts of a zipped workbook stay within the
/// stated limits (see the module documentation). Reads only the zip's directory, the head of the
/// shared-string table and, for `.ods`, the XML of `content.xml` (streamed, without keeping it).
/// `O(number of parts + size of the shared-string head + size of content.xml for .ods)` time,
/// constant memory. An `.xls` file (not a zip) and a zip that cannot be read pass (the library
/// reports what is wrong with it).
///
/// # Errors
///
/// A message saying which limit the workbook exceeds, naming the part, sheet or cell.
pub fn check_bounds(bytes: &[u8]) -> Result<(), WorkbookError> {
    bounds_in_words(bytes).map_err(WorkbookError::from)
}

fn bounds_in_words(bytes: &[u8]) -> Result<(), Problem> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return check_xls(bytes);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index_raw(i) else { continue };
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        parts.push((name, f.size(), f.compressed_size()));
    }
    check_sizes(&parts)?;
    let mut sst = Vec::new();
    let mut sheets = Vec::new();
    let mut ods_content = None;
    for (name, size, _) in parts {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with("sharedstrings.xml") {
            sst.push((name, size));
        } else if lower == "content.xml" {
            ods_content = Some(name);
        } else if lower.contains("worksheets/") && lower.ends_with(".xml") {
            sheets.push(name);
        }
    }
    for (name, size) in sst {
        let Ok(f) = zip.by_name(&name) else { continue };
        if let Some(n) = declared_strings(f) {
            // The shortest string entry, `<si/>`, takes 5 bytes.
            if n > size / 5 {
                return Err(format!(
                    "is refused before reading: its shared-string table ({name}) declares {n} strings (uniqueCount) in {size} bytes, which can hold at most {}; the file is damaged (open and save it again in Excel or LibreOffice)",
                    size / 5
                )
                .into());
            }
        }
    }
    for name in sheets {
        if let Ok(f) = zip.by_name(&name) {
            check_cell_refs(f, &name)?;
        }
    }
    if let Some(name) = ods_content {
        if let Ok(f) = zip.by_name(&name) {
            check_ods_content(f)?;
        }
    }
    Ok(())
}

/// Refuses parts (name, declared expanded size, stored size) that would expand beyond
/// [`MAX_EXPANDED_BYTES`] together, or one that expands beyond [`RATIO_CHECKED_FROM`] at a ratio
/// over [`MAX_PART_RATIO`].
pub(crate) fn check_sizes(parts: &[(String, u64, u64)]) -> Result<(), Problem> {
    let mut total: u64 = 0;
    for (name, size, stored) in parts {
        let (size, stored) = (*size, *stored);
        total = total.saturating_add(size);
        if size > RATIO_CHECKED_FROM && size / stored.max(1) > MAX_PART_RATIO {
            return Err(Problem::WorkbookPartRatio {
                part: name.clone(),
                stored,
                size,
                max: MAX_PART_RATIO,
            });
        }
    }
    if total > MAX_EXPANDED_BYTES {
        return Err(Problem::WorkbookTooLarge {
            size: total,
            max: MAX_EXPANDED_BYTES,
        });
    }
    Ok(())
}

/// The `uniqueCount` the `<sst>` element of a shared-string table declares (`u64::MAX` for a
/// number too large for it), read as far as that element.
pub(crate) fn declared_strings(part: impl Read) -> Option<u64> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let attr = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "uniqueCount")?;
                let v = attr.value.trim().to_string();
                if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                return Some(v.parse().unwrap_or(u64::MAX));
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Refuses a worksheet part with a row or cell reference beyond the last cell a sheet can have
/// (XFD1048576) or one that is not a reference: the library trusts them (a row number beyond
/// 2^32 overflows in it). A byte scan for every ` r="..."` attribute (only `<row>` and `<c>`
/// have one in a worksheet), streamed in blocks without keeping the part: linear time,
/// constant memory.
pub(crate) fn check_cell_refs(mut part: impl Read, name: &str) -> Result<(), String> {
    const KEY: &[u8] = b" r=\"";
    let bad = |v: &[u8]| {
        format!(
            "is refused before reading: its part {name} names a row or cell {}, beyond the last cell a sheet can have (XFD1048576); the file is damaged",
            crate::ingest::shown(&String::from_utf8_lossy(v))
        )
    };
    let mut buf = vec![0u8; 1 << 16];
    // Bytes carried over from the previous block (a key or value cut at its end).
    let mut keep = 0usize;
    loop {
        let n = match part.read(&mut buf[keep..]) {
            Ok(0) | Err(_) => return Ok(()),
            Ok(n) => n,
        };
        let end = keep + n;
        let mut at = 0;
        let mut open = None;
        while let Some(k) = find(&buf[at..end], KEY) {
            let start = at + k + KEY.len();
            match buf[start..end].iter().position(|&b| b == b'"') {
                None => {
                    open = Some(at + k);
                    break;
                }
                Some(q) => {
                    if !valid_ref(&buf[start..start + q]) {
                        return Err(bad(&buf[start..start + q]));
                    }
                    at = start + q + 1;
                }
            }
        }
        let from = open.unwrap_or_else(|| at.max(end.saturating_sub(KEY.len() - 1)));
        if end - from > 1024 {
            // A value this long that has not ended is no reference.
            return Err(bad(&buf[from + KEY.len()..from + KEY.len() + 40]));
        }
        buf.copy_within(from..end, 0);
        keep = end - from;
    }
}

/// The first place of `key` in `hay`.
pub(crate) fn find(hay: &[u8], key: &[u8]) -> Option<usize> {
    hay.windows(key.len()).position(|w| w == key)
}

/// Whether `v` is a row number (`5`) or a cell (`G5`) within XFD1048576.
pub(crate) fn valid_ref(v: &[u8]) -> bool {
    let letters = v.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (col, row) = v.split_at(letters);
    let row_ok = !row.is_empty()
        && row.len() <= 7
        && row.iter().all(u8::is_ascii_digit)
        && std::str::from_utf8(row)
            .ok()
            .and_then(|r| r.parse::<u32>().ok())
            .is_some_and(|n| (1..=1_048_576).contains(&n));
    row_ok
        && col.len() <= 3
        && (col.is_empty() || col_number(std::str::from_utf8(col).unwrap_or("")) <= 16_384)
}

/// The 1-based number of column letters (`A` = 1), for at most three letters.
pub(crate) fn col_number(letters: &str) -> u32 {
    letters.bytes().fold(0, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    })
}

/// Streams an `.ods` file's `content.xml` and refuses a sheet whose repeated rows and columns
/// would put a value beyond the limits, or whose used range exceeds [`MAX_SHEET_CELLS`] (the
/// library expands every sheet's used range on open). Repeats of empty rows and cells (which
/// LibreOffice writes to the end of every sheet) are free.
pub(crate) fn check_ods_content(part: impl Read) -> Result<(), String> {
    use quick_xml::events::{BytesStart, Event};
    let attr = |e: &BytesStart<'_>, key: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .map(|a| a.value.into_owned())
    };
    let repeats =
        |v: Option<String>| -> u64 { v.and_then(|s| s.trim().parse().ok()).unwrap_or(1).max(1) };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut t = OdsTable::default();
    // The cell being read (its repeats and whether it holds anything) and how deep inside it.
    let mut cell: Option<(u64, bool)> = None;
    let mut depth = 0u32;
    loop {
        buf.clear();
        let Ok(ev) = xml.read_event_into(&mut buf) else {
            return Ok(()); // the library reports a damaged file
        };
        if let Some(c) = cell.as_mut() {
            match ev {
                Event::Start(_) => {
                    depth += 1;
                    c.1 = true;
                }
                Event::Empty(_) | Event::Text(_) | Event::CData(_) => c.1 = true,
                Event::End(_) if depth > 0 => depth -= 1,
                Event::End(_) => {
                    let (reps, has) = *c;
                    cell = None;
                    t.cell(reps, has)?;
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
            continue;
        }
        let (e, complete) = match ev {
            Event::Eof => return Ok(()),
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                if e.local_name().as_ref() == "table-row" {
                    t.row = t.row.saturating_add(t.row_repeats);
                    t.row_repeats = 1;
                }
                continue;
            }
            _ => continue,
        };
        match e.local_name().as_ref() {
            "table" => t = OdsTable::new(attr(&e, "name").unwrap_or_default()),
            "table-row" => {
                t.row_repeats = repeats(attr(&e, "number-rows-repeated"));
                t.col = 0;
                if complete {
                    t.row = t.row.saturating_add(t.row_repeats);
                    t.row_repeats = 1;
                }
            }
            "table-cell" | "covered-table-cell" => {
                let reps = repeats(attr(&e, "number-columns-repeated"));
                let has = attr(&e, "value-type").is_some() || attr(&e, "formula").is_some();
                if complete {
                    t.cell(reps, has)?;
                } else {
                    cell = Some((reps, has));
                    depth = 0;
                }
            }
            _ => {}
        }
    }
}

/// The merged ranges (cells spanning rows or columns) of the `.ods` sheet named `sheet`, by a
/// stream over `content.xml` (the library reads the covered cells as empty). Positions count
/// repeated rows and cells as the library does.
pub(crate) fn ods_merges(bytes: &[u8], sheet: &str) -> Vec<Corners> {
    use quick_xml::events::{BytesStart, Event};
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Ok(part) = zip.by_name("content.xml") else {
        return Vec::new();
    };
    let num = |e: &BytesStart<'_>, key: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
            .max(1)
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let (mut in_sheet, mut row, mut row_repeats, mut col) = (false, 0u64, 1u64, 0u64);
    // How deep inside a cell's content (paragraphs, annotations).
    let mut depth = 0u32;
    loop {
        buf.clear();
        let (e, complete) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                if depth > 0 {
                    depth -= 1;
                } else if in_sheet && e.local_name().as_ref() == "table-row" {
                    row = row.saturating_add(row_repeats);
                } else if in_sheet && e.local_name().as_ref() == "table" {
                    return out;
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => return out,
            _ => continue,
        };
        if depth > 0 {
            depth += u32::from(!complete);
            continue;
        }
        match e.local_name().as_ref() {
            "table" => {
                in_sheet = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.local_name().as_ref() == "name" && a.value == sheet);
                row = 0;
            }
            "table-row" if in_sheet => {
                row_repeats = num(&e, "number-rows-repeated");
                col = 0;
                if complete {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table-cell" | "covered-table-cell" if in_sheet => {
                let (rows, cols) = (
                    num(&e, "number-rows-spanned"),
                    num(&e, "number-columns-spanned"),
                );
                let inside = row < u64::from(MAX_SHEET_ROWS) && col < u64::from(MAX_SHEET_COLUMNS);
                if (rows > 1 || cols > 1) && inside {
                    let last = |a: u64, n: u64, max: u32| {
                        a.saturating_add(n - 1).min(u64::from(max - 1)) as u32
                    };
                    out.push((
                        (row as u32, col as u32),
                        (
                            last(row, rows, MAX_SHEET_ROWS),
                            last(col, cols, MAX_SHEET_COLUMNS),
                        ),
                    ));
                }
                col = col.saturating_add(num(&e, "number-columns-repeated"));
                if !complete {
                    depth = 1;
                }
            }
            _ => {}
        }
    }
}

/// Where the scan of an `.ods` sheet is, and the range its values use so far.
#[derive(Default)]
pub(crate) struct OdsTable {
    pub(crate) name: String,
    pub(crate) row: u64,
    pub(crate) row_repeats: u64,
    pub(crate) col: u64,
    pub(crate) rows: Option<(u64, u64)>,
    pub(crate) cols: Option<(u64, u64)>,
}

impl OdsTable {
    pub(crate) fn new(name: String) -> Self {
        OdsTable {
            name,
            row_repeats: 1,
            ..OdsTable::default()
        }
    }

    /// A cell repeated `reps` times at the current place; `has`: whether it holds anything.
    pub(crate) fn cell(&mut self, reps: u64, has: bool) -> Result<(), String> {
        let col = self.col;
        self.col = self.col.saturating_add(reps);
        if !has {
            return Ok(());
        }
        let last_row = self.row.saturating_add(self.row_repeats.max(1) - 1);
        let last_col = col.saturating_add(reps - 1);
        if last_row >= u64::from(MAX_SHEET_ROWS) || last_col >= u64::from(MAX_SHEET_COLUMNS) {
            return Err(format!(
                "is refused before reading: sheet {} has a value at row {} column {} (a repeated row or cell), beyond the {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLUMNS} columns a sheet may use",
                self.name,
                last_row.saturating_add(1),
                last_col.saturating_add(1)
            ));
        }
        let r = self.rows.get_or_insert((self.row, last_row));
        *r = (r.0.min(self.row), r.1.max(last_row));
        let c = self.cols.get_or_insert((col, last_col));
        *c = (c.0.min(col), c.1.max(last_col));
        let cells = (r.1 - r.0 + 1).saturating_mul(c.1 - c.0 + 1);
        if cells > MAX_SHEET_CELLS {
            return Err(format!(
                "is refused before reading: sheet {} uses {cells} cells, more than the {MAX_SHEET_CELLS} a sheet may use",
                self.name
            ));
        }
        Ok(())
    }
}

pub(crate) type Book<'b> = Sheets<Cursor<&'b [u8]>>;

/// The `.xls` checks: the Workbook stream (a BIFF record stream inside the compound file, read
/// with the `cfb` crate) is scanned record by record before calamine reads it, since calamine
/// reserves room for every cell of a sheet's declared DIMENSIONS and for the declared number of
/// shared strings. A sheet declared beyond [`MAX_SHEET_ROWS`] rows or [`MAX_SHEET_COLUMNS`]
/// columns, a shared-string table declaring more strings than its stream can hold, or a stream
/// beyond [`MAX_EXPANDED_BYTES`] is refused. O(stream size) time; the stream is held once.
/// A file that is not a readable compound file passes (the library says what is wrong).
pub(crate) fn check_xls(bytes: &[u8]) -> Result<(), Problem> {
    let Ok(mut comp) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Ok(());
    };
    let name = if comp.is_stream("/Workbook") {
        "/Workbook"
    } else if comp.is_stream("/Book") {
        "/Book"
    } else {
        return Ok(());
    };
    let len = comp.entry(name).map(|e| e.len()).unwrap_or(0);
    if len > MAX_EXPANDED_BYTES {
        return Err(Problem::WorkbookStreamTooLarge {
            mb: len / 1_000_000,
            max: MAX_EXPANDED_BYTES / 1_000_000,
        });
    }
    let mut data = Vec::new();
    if let Ok(mut s) = comp.open_stream(name) {
        use std::io::Read;
        if s.read_to_end(&mut data).is_err() {
            return Ok(());
        }
    }
    Ok(check_biff(&data)?)
}

/// Scans BIFF records (`type: u16, length: u16, data`) for DIMENSIONS (0x0200) and SST (0x00FC).
pub(crate) fn check_biff(data: &[u8]) -> Result<(), String> {
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |d: &[u8], i: usize| {
        d.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut at = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(data, at), u16_at(data, at + 2)) {
        let body = at + 4;
        let Some(rec) = data.get(body..body + len as usize) else {
            break;
        };
        match (typ, len) {
            // BIFF8 DIMENSIONS: first row, last row + 1 (u32), first column, last column + 1 (u16).
            (0x0200, 14) => {
                let (r0, r1) = (u32_at(rec, 0).unwrap_or(0), u32_at(rec, 4).unwrap_or(0));
                let (c0, c1) = (u16_at(rec, 8).unwrap_or(0), u16_at(rec, 10).unwrap_or(0));
                let rows = u64::from(r1.saturating_sub(r0));
                let cols = u64::from(c1.saturating_sub(c0));
                if rows > MAX_SHEET_ROWS as u64 + 1 || cols > MAX_SHEET_COLUMNS as u64 + 1 {
                    return Err(format!(
                        "is refused before reading: a sheet declares {rows} rows and {cols} columns (its DIMENSIONS record); at most {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLUMNS} columns are read"
                    ));
                }
            }
            // SST: total and unique string counts; each string takes at least 3 bytes.
            (0x00FC, l) if l >= 8 => {
                let unique = u64::from(u32_at(rec, 4).unwrap_or(0));
                if unique > data.len() as u64 / 3 {
                    return Err(format!(
                        "is refused before reading: its shared-string table declares {unique} strings in a stream of {} bytes; the file is damaged (open and save it again in Excel or LibreOffice)",
                        data.len()
                    ));
                }
            }
            _ => {}
        }
        at = body + len as usize;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file whose Workbook stream holds `records` (type, data).
    fn xls(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut stream = Vec::new();
        for (typ, data) in records {
            stream.extend_from_slice(&typ.to_le_bytes());
            stream.extend_from_slice(&(data.len() as u16).to_le_bytes());
            stream.extend_from_slice(data);
        }
        let mut comp = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        {
            use std::io::Write;
            let mut s = comp.create_stream("/Workbook").unwrap();
            s.write_all(&stream).unwrap();
        }
        comp.flush().unwrap();
        comp.into_inner().into_inner()
    }

    fn dimensions(rows: u32, cols: u16) -> (u16, Vec<u8>) {
        let mut d = Vec::new();
        d.extend_from_slice(&0u32.to_le_bytes());
        d.extend_from_slice(&rows.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes());
        d.extend_from_slice(&cols.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes());
        (0x0200, d)
    }

    fn sst(unique: u32) -> (u16, Vec<u8>) {
        let mut d = Vec::new();
        d.extend_from_slice(&unique.to_le_bytes());
        d.extend_from_slice(&unique.to_le_bytes());
        (0x00FC, d)
    }

    #[test]
    fn an_xls_sheet_or_string_table_declared_beyond_the_limits_is_refused_before_reading() {
        let bof = (0x0809u16, vec![0u8; 16]);
        let eof = (0x000Au16, Vec::new());
        // Within the limits on both sides of the boundary: read on.
        for (rows, cols) in [
            (10, 5),
            (MAX_SHEET_ROWS + 1, (MAX_SHEET_COLUMNS + 1) as u16),
        ] {
            let b = xls(&[bof.clone(), dimensions(rows, cols), eof.clone()]);
            assert_eq!(check_bounds(&b), Ok(()), "{rows} x {cols}");
        }
        // Beyond them (the 96-661 GB reservations of the xlsx cases, as an .xls).
        for (rows, cols) in [
            (MAX_SHEET_ROWS + 2, 5),
            (10, (MAX_SHEET_COLUMNS + 2) as u16),
            (u32::MAX, u16::MAX),
        ] {
            let b = xls(&[bof.clone(), dimensions(rows, cols), eof.clone()]);
            let e = check_bounds(&b).unwrap_err().0;
            assert!(e.contains("DIMENSIONS"), "{e}");
        }
        let b = xls(&[bof.clone(), sst(4_000_000_000), eof.clone()]);
        assert!(check_bounds(&b).unwrap_err().0.contains("shared-string"));
        let b = xls(&[bof, sst(2), eof]);
        assert_eq!(check_bounds(&b), Ok(()));
        // Not a compound file after all: passes to the library, which says what is wrong.
        assert_eq!(
            check_bounds(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest"),
            Ok(())
        );
    }
}
