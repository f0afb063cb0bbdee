//! How a file's bytes become text: the first step of reading a spreadsheet export
//! ([`crate::ingest::sheet`] then finds its lines and header).
//!
//! Excel saves "CSV" in several encodings, and coordinators use them all: UTF-8 with or without a
//! byte-order mark ("CSV UTF-8"), UTF-16 little- or big-endian with a byte-order mark ("Unicode
//! text", tab-separated) or without one (NUL bytes at every other position), Windows-1252 (plain
//! "CSV" on Windows) and Mac Roman ("CSV (Macintosh)" of Excel for Mac). Text that is valid UTF-8
//! is UTF-8. Text that is not is binary (control bytes, a workbook) or mixes UTF-8 with another
//! encoding, which are errors, or is one of the two single-byte encodings, decided by evidence
//! ([`single_byte_evidence`]): the Dutch accented letters sit at 0xE0-0xFF in Windows-1252 and at
//! 0x80-0x9F in Mac Roman, and each reading of the other's bytes gives symbols, quotes inside
//! words or capitals after small letters. When the evidence is not clear, the text is read as
//! Windows-1252 and [`Decoded::undecided`] says so: the reader then refuses the file if a safety
//! column holds a character beyond ASCII, since guessing there could match the wrong
//! organisation or theme. Decoding itself is done by `encoding_rs`.

use super::sheet::Lines;
use std::borrow::Cow;

/// How a file's bytes were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode text" on Windows).
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
    /// Windows-1252 (Excel's plain "CSV" on Windows): bytes that are not UTF-8 and not binary.
    Windows1252,
    /// Mac Roman (Excel for Mac's "CSV (Macintosh)").
    MacRoman,
    /// UTF-16 little-endian without a byte-order mark.
    Utf16LeNoBom,
    /// UTF-16 big-endian without a byte-order mark.
    Utf16BeNoBom,
}

impl Encoding {
    /// [`Encoding::describe`] in `lang`, from the message table (English: the same text).
    pub fn describe_in(self, lang: crate::messages::Lang) -> String {
        use crate::messages::Msg;
        let msg = match self {
            Encoding::Utf8 => return self.describe().to_string(),
            Encoding::Utf16Le => Msg::WEncUtf16Le,
            Encoding::Utf16Be => Msg::WEncUtf16Be,
            Encoding::Windows1252 => Msg::WEncWindows1252,
            Encoding::MacRoman => Msg::WEncMacRoman,
            Encoding::Utf16LeNoBom => Msg::WEncUtf16LeNoBom,
            Encoding::Utf16BeNoBom => Msg::WEncUtf16BeNoBom,
        };
        lang.text(msg).to_string()
    }
    /// How the encoding is named in the note a reader gives when it is not UTF-8.
    pub fn describe(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE (Excel's \"Unicode text\")",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => {
                "Windows-1252, since it is not UTF-8 (Excel's plain \"CSV\"; \"CSV UTF-8\" is safer)"
            }
            Encoding::MacRoman => {
                "Mac Roman, since it is not UTF-8 and its accented letters are Mac Roman's (Excel for Mac's \"CSV (Macintosh)\"; \"CSV UTF-8\" is safer)"
            }
            Encoding::Utf16LeNoBom => "UTF-16 LE without a byte-order mark",
            Encoding::Utf16BeNoBom => "UTF-16 BE without a byte-order mark",
        }
    }
}

/// A file's text and how it was decoded.
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark.
    pub text: Cow<'a, str>,
    /// The encoding it was read in.
    pub encoding: Encoding,
    /// Another encoding the bytes fit as well as `encoding` (Mac Roman, for a text read as
    /// Windows-1252 whose accented bytes leave it open): its reader must not trust a character
    /// beyond ASCII in a safety column.
    pub undecided: Option<Encoding>,
}

/// Why a file is not text that can be read, and the line (1-based) where that shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The line of the first offending byte, when there is one.
    pub line: Option<u64>,
    /// What is wrong and what was expected.
    pub problem: crate::ingest::Problem,
}

use crate::ingest::Problem;

/// Decodes a file as the module docs say.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    let decoded = decode_bytes(bytes)?;
    if let Some(pos) = decoded.text.find('\0') {
        let line = Lines::new(&decoded.text).line_of(pos);
        return Err(DecodeError {
            line: Some(line),
            problem: Problem::BinaryNul {
                utf16: looks_like_utf16_without_bom(bytes),
            },
        });
    }
    Ok(decoded)
}

fn decode_bytes(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(t) => Ok(Decoded {
                text: Cow::Borrowed(t),
                encoding: Encoding::Utf8,
                undecided: None,
            }),
            Err(e) => Err(DecodeError {
                line: Some(count_lines(&rest[..e.valid_up_to()])),
                problem: Problem::BomNotUtf8,
            }),
        };
    }
    for (bom, enc, encoding) in [
        (b"\xFF\xFE", encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (b"\xFE\xFF", encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            if let Some(t) = enc.decode_without_bom_handling_and_without_replacement(rest) {
                return Ok(Decoded {
                    text: Cow::Owned(t.into_owned()),
                    encoding,
                    undecided: None,
                });
            }
            let (lossy, _) = enc.decode_without_bom_handling(rest);
            let bad = lossy.find('\u{FFFD}').unwrap_or(lossy.len());
            return Err(DecodeError {
                line: Some(count_lines(&lossy.as_bytes()[..bad])),
                problem: Problem::BadUtf16,
            });
        }
    }
    // Before UTF-8: ASCII text in UTF-16 is valid UTF-8, NUL bytes and all.
    if let Some((enc, encoding)) = utf16_without_bom(bytes) {
        if let Some(t) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            if !t.contains('\0') {
                return Ok(Decoded {
                    text: Cow::Owned(t.into_owned()),
                    encoding,
                    undecided: None,
                });
            }
        }
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(t),
            encoding: Encoding::Utf8,
            undecided: None,
        });
    }
    // Not UTF-8: a workbook, binary data, a file of two encodings, or Windows-1252.
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(DecodeError {
            line: Some(1),
            problem: Problem::ZipNotCsv,
        });
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(DecodeError {
            line: Some(1),
            problem: Problem::XlsNotCsv,
        });
    }
    // Control bytes other than tab and line ends are not in any text a spreadsheet writes.
    if let Some(i) = bytes
        .iter()
        .position(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F)
    {
        return Err(DecodeError {
            line: Some(count_lines(&bytes[..i])),
            problem: Problem::ControlByte(bytes[i]),
        });
    }
    // UTF-8 characters next to bytes that are not UTF-8: two encodings in one file (say, rows
    // pasted from another export). Reading either way would garble names, and a garbled avoided
    // theme or excluded organisation would match nothing, so this is an error.
    let mut at = 0;
    let mut utf8_char = false;
    let mut first_bad = None;
    for chunk in bytes.utf8_chunks() {
        utf8_char |= !chunk.valid().is_ascii();
        if first_bad.is_none() && !chunk.invalid().is_empty() {
            first_bad = Some(at + chunk.valid().len());
        }
        at += chunk.valid().len() + chunk.invalid().len();
    }
    if utf8_char {
        let line = count_lines(&bytes[..first_bad.unwrap_or(0)]);
        return Err(DecodeError {
            line: Some(line),
            problem: Problem::MixedEncodings,
        });
    }
    let ev = single_byte_evidence(bytes);
    // The five bytes Windows-1252 leaves undefined are letters in Mac Roman (Å ç è ê ù).
    let (encoding, undecided) =
        if ev.undefined_1252.is_some() || ev.mac_roman >= ev.windows_1252 + CLEAR {
            (Encoding::MacRoman, None)
        } else if ev.windows_1252 >= ev.mac_roman + CLEAR {
            (Encoding::Windows1252, None)
        } else {
            (Encoding::Windows1252, Some(Encoding::MacRoman))
        };
    if encoding == Encoding::Windows1252 {
        if let Some(i) = ev.undefined_1252 {
            return Err(DecodeError {
                line: Some(count_lines(&bytes[..i])),
                problem: Problem::ControlByte(bytes[i]),
            });
        }
    }
    let enc = match encoding {
        Encoding::MacRoman => encoding_rs::MACINTOSH,
        _ => encoding_rs::WINDOWS_1252,
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: Cow::Owned(text.into_owned()),
        encoding,
        undecided,
    })
}

/// How much more evidence one single-byte reading needs than the other to be chosen: about one
/// accented letter inside a word that the other reading makes a symbol.
const CLEAR: i64 = 3;

/// The evidence for reading a text of single bytes as Windows-1252 or as Mac Roman: per byte
/// above 0x7F, how plausible its character is in Dutch text, in the context of its neighbours,
/// summed per reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The score of the Windows-1252 reading.
    pub windows_1252: i64,
    /// The score of the Mac Roman reading.
    pub mac_roman: i64,
    /// The offset of the first byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
    /// 0x9D), if any: such a text is no Windows-1252.
    pub undefined_1252: Option<usize>,
}

/// Scores both single-byte readings of `bytes` ([`Evidence`]). A character scores +3 when it
/// is an accented letter of Dutch (and French and German names: á à â ä é è ê ë í ì î ï ó ò ô ö
/// ú ù û ü ç ñ and their capitals) in a plausible case (small, or a capital that follows no
/// small letter), +1 for an apostrophe (’) inside a word (`zo’n`), 0 for another letter (š,
/// œ, ß) or punctuation outside a word, -2 for punctuation inside a word or a capital after a
/// small letter, and -3 for any other symbol (∞, ˆ, ‡, ™, ◊...).
///
/// Cost: one pass over the bytes, O(1) memory.
pub fn single_byte_evidence(bytes: &[u8]) -> Evidence {
    let tables = [
        single_byte_table(encoding_rs::WINDOWS_1252),
        single_byte_table(encoding_rs::MACINTOSH),
    ];
    let mut scores = [0i64; 2];
    let mut undefined = None;
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x80 {
            continue;
        }
        if undefined.is_none() && matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D) {
            undefined = Some(i);
        }
        for (t, score) in tables.iter().zip(&mut scores) {
            let at = |j: Option<usize>| j.and_then(|j| bytes.get(j)).map(|&x| t[x as usize]);
            let prev = at(i.checked_sub(1));
            let next = at(Some(i + 1));
            *score += char_evidence(t[b as usize], prev, next);
        }
    }
    Evidence {
        windows_1252: scores[0],
        mac_roman: scores[1],
        undefined_1252: undefined,
    }
}

/// Each byte's character in a single-byte encoding.
fn single_byte_table(enc: &'static encoding_rs::Encoding) -> [char; 256] {
    let mut t = ['\0'; 256];
    for (b, c) in t.iter_mut().enumerate() {
        let byte = [b as u8];
        let (s, _) = enc.decode_without_bom_handling(&byte);
        *c = s.chars().next().unwrap_or('\u{FFFD}');
    }
    t
}

const DUTCH_LETTERS: &str = "áàâäéèêëíìîïóòôöúùûüçñÁÀÂÄÉÈÊËÍÌÎÏÓÒÔÖÚÙÛÜÇÑ";

fn char_evidence(c: char, prev: Option<char>, next: Option<char>) -> i64 {
    let letter = |x: Option<char>| x.is_some_and(char::is_alphabetic);
    let small_before = prev.is_some_and(char::is_lowercase);
    let in_word = letter(prev) && letter(next);
    if DUTCH_LETTERS.contains(c) {
        if c.is_uppercase() && small_before {
            -2
        } else {
            3
        }
    } else if c.is_alphabetic() {
        if c.is_uppercase() && small_before {
            -2
        } else {
            0
        }
    } else if c == '’' && in_word {
        1
    } else if matches!(
        c,
        '’' | '‘'
            | '“'
            | '”'
            | '–'
            | '—'
            | '…'
            | '€'
            | '•'
            | '°'
            | '·'
            | '«'
            | '»'
            | '\u{a0}'
            | '´'
            | '£'
            | '©'
            | '®'
    ) {
        if in_word {
            -2
        } else {
            0
        }
    } else {
        -3
    }
}

/// Whether `bytes` look like UTF-16 text without a byte-order mark, and which: in the first
/// 4 KiB, at least 70% of the bytes at odd offsets (little-endian) or at even offsets
/// (big-endian) are NUL and at most 5% of the others, as Latin text in UTF-16 is.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, Encoding)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let pairs = head.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for p in head.chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    let most = |n: usize| n * 10 >= pairs * 7;
    let few = |n: usize| n * 20 <= pairs;
    if most(odd) && few(even) {
        Some((encoding_rs::UTF_16LE, Encoding::Utf16LeNoBom))
    } else if most(even) && few(odd) {
        Some((encoding_rs::UTF_16BE, Encoding::Utf16BeNoBom))
    } else {
        None
    }
}

/// Whether the first line of `bytes` alternates ASCII and NUL bytes, as UTF-16 text without a
/// byte-order mark does.
fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64) & !1];
    head.len() >= 4
        && (head
            .chunks(2)
            .all(|p| p[1] == 0 && p[0] != 0 && p[0].is_ascii())
            || head
                .chunks(2)
                .all(|p| p[0] == 0 && p[1] != 0 && p[1].is_ascii()))
}

/// The 1-based line that the byte after `bytes` is on: line ends counted as [`Lines`] does.
pub(crate) fn count_lines(bytes: &[u8]) -> u64 {
    let mut n = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}
