//! Organisation ids (requests' `org_id`, experts' `excluded_org_ids`, organisations.csv `id`):
//! one key per id, so that an id written another way is the same id.
//!
//! Why: the id is usually a KvK number (8 digits), and a spreadsheet writes it many ways. Excel
//! drops the leading zero of a number cell (`01234567` becomes `1234567`), people group the
//! digits (`0123 4567`, `0123.4567`, `12.345.678`) or write the register before it (`KvK
//! 01234567`, `kvk-nr: 01234567`), and a long number saved as CSV can come out in scientific
//! notation (`4,57E+07`), which has lost its digits. An exclusion by id that silently fails to
//! match sends an expert to an organisation they exclude (rule 4), so every reader of an id goes
//! through [`id_key`] (one id) or [`id_list_keys`] (a list cell), and scientific notation is an
//! error naming the cell, never a silent non-match.

use super::normalize;

/// An id cell in scientific notation (`4,57E+07`, `4.57e7`): the number's digits are lost, so
/// no id can be read from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LostDigits;

/// Ids of at most this many digits are padded with leading zeros to it (a KvK number).
const KVK_DIGITS: usize = 8;

/// The key under which an organisation id is compared, for every reader.
///
/// - The register written before it is dropped: `KvK`, then optionally `nummer`, `nr`, `no`
///   (with `-`, `.`, `:`, `#` or spaces between): `KvK 01234567`, `kvk-nr.: 01234567`.
/// - A number (digits, grouped by spaces, `.`, `,`, `-` or `/`: `0123 4567`, `12.345.678`;
///   or 7 or 8 digits with a decimal fraction of zeros, `1234567.0`, as a number cell may be
///   saved) is its digits without leading zeros, padded with zeros to 8 digits when shorter:
///   `1234567`, `01234567`, `0123 4567` and `KvK 01234567` all have the key `01234567`.
/// - Anything else is [`normalize`]d (case, spaces, look-alike punctuation), as other names.
///
/// # Errors
///
/// [`LostDigits`] for scientific notation (`4,57E+07`, `4.57E+07`, `4.57e7`): the digits are
/// lost, so the caller must report the cell (the safe side), never compare it.
///
/// O(length of the cell).
pub fn id_key(cell: &str) -> Result<String, LostDigits> {
    let n = normalize(cell);
    let rest = strip_register(&n);
    if is_scientific(rest) {
        return Err(LostDigits);
    }
    Ok(number_key(rest).unwrap_or(n))
}

/// The keys ([`id_key`]) of a list cell's ids (split as every list, on `|`, `;`, `,` and line
/// breaks), in order, without duplicates. On the safe side, a cell whose commas may be a
/// number's thousands separators (`12,345,678`) also gives the key of the whole cell read as
/// one number: an extra key only excludes more.
///
/// # Errors
///
/// [`LostDigits`] when an item is in scientific notation (`4,57E+07` splits into `4` and
/// `57E+07`; the second item shows it).
///
/// O(length of the cell × items) at worst (the dedup); cells hold a handful of ids.
pub fn id_list_keys(cell: &str) -> Result<Vec<String>, LostDigits> {
    let mut keys: Vec<String> = Vec::new();
    // As `ingest::split_list` splits every list cell (names does not depend on ingest).
    let items = cell
        .split(['|', ';', ',', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty());
    for item in items {
        let k = id_key(item)?;
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    if cell.contains(',') {
        let n = normalize(cell);
        if let Some(k) = number_key(strip_register(&n)) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    Ok(keys)
}

/// `s` (normalised) without a leading `kvk` register word, its `nummer`/`nr`/`no` and the
/// separators after them, when a digit follows; else `s` itself (`kvkonline` is a name).
fn strip_register(s: &str) -> &str {
    const SEPS: [char; 5] = [' ', '-', '.', ':', '#'];
    let Some(after) = s.strip_prefix("kvk") else {
        return s;
    };
    let mut rest = after.trim_start_matches(SEPS);
    for word in ["nummer", "number", "nr", "no"] {
        if let Some(a) = rest.strip_prefix(word) {
            if !a.starts_with(char::is_alphabetic) {
                rest = a.trim_start_matches(SEPS);
                break;
            }
        }
    }
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        rest
    } else {
        s
    }
}

/// Whether `s` (normalised) is a number in scientific notation: digits, optionally a decimal
/// separator and digits, `e`, an optional sign, digits (spaces around the `e` allowed).
fn is_scientific(s: &str) -> bool {
    let compact: String = s.chars().filter(|c| *c != ' ').collect();
    let Some((mantissa, exp)) = compact.split_once('e') else {
        return false;
    };
    let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(exp) {
        return false;
    }
    match mantissa.split_once(['.', ',']) {
        Some((int, frac)) => digits(int) && digits(frac),
        None => digits(mantissa),
    }
}

/// The key of `s` (normalised) when it is a number as [`id_key`] reads one.
fn number_key(s: &str) -> Option<String> {
    let digits: String = match s.split_once(['.', ',']) {
        // A whole number saved with a fraction of zeros: `1234567.0`.
        Some((int, frac))
            if (7..=KVK_DIGITS).contains(&int.len())
                && int.bytes().all(|b| b.is_ascii_digit())
                && !frac.is_empty()
                && frac.bytes().all(|b| b == b'0') =>
        {
            int.to_string()
        }
        _ => {
            let b = s.as_bytes();
            let first_last_digit = b.first()?.is_ascii_digit() && b.last()?.is_ascii_digit();
            let only = s
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | ',' | '-' | '/'));
            if !(first_last_digit && only) {
                return None;
            }
            s.chars().filter(char::is_ascii_digit).collect()
        }
    };
    let trimmed = digits.trim_start_matches('0');
    Some(format!("{trimmed:0>KVK_DIGITS$}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kvk_spellings_share_a_key() {
        for s in [
            "01234567",
            "1234567",
            "0123 4567",
            "0123.4567",
            "KvK 01234567",
            "kvk-nr.: 01234567",
            "KvK-nummer 0123 4567",
            "1234567.0",
            "kvk:1234567",
        ] {
            assert_eq!(id_key(s), Ok("01234567".to_string()), "{s}");
        }
        assert_eq!(id_key("12.345.678"), Ok("12345678".to_string()));
        assert_eq!(id_key("ORG-17"), Ok("org-17".to_string()));
        assert_eq!(id_key("kvkonline"), Ok("kvkonline".to_string()));
        assert_eq!(id_key("KvK"), Ok("kvk".to_string()));
    }

    #[test]
    fn scientific_notation_is_lost_digits() {
        for s in ["4,57E+07", "4.57E+07", "4.57e7", "4,57E+7", "KvK 4,57E+07"] {
            assert_eq!(id_key(s), Err(LostDigits), "{s}");
        }
        assert_eq!(id_list_keys("01234567; 4,57E+07"), Err(LostDigits));
        assert_eq!(id_list_keys("4,57E+07"), Err(LostDigits));
    }

    #[test]
    fn list_with_thousands_commas_also_reads_whole() {
        let k = id_list_keys("12,345,678").unwrap();
        assert!(k.contains(&"12345678".to_string()), "{k:?}");
        let k = id_list_keys("01234567, 23456789").unwrap();
        assert_eq!(&k[..2], &["01234567".to_string(), "23456789".to_string()]);
    }
}
