//! A `messages --templates` file with any mix of good and bad rows (trial 3, #18): every bad
//! row is listed once, under one line counting them, in the reader's language; a file of good
//! rows only is read, with English or Dutch headers.

use matchpunt::messages::Lang;
use matchpunt::report::mail::Templates;
use proptest::prelude::*;

/// One row: good, or bad in one way (key, language, placeholder, brace).
fn row(kind: u8, i: usize) -> (String, bool) {
    let key = [
        "proposal-expert",
        "accepted-org",
        "booking-expert",
        "subject",
    ][i % 4];
    let lang = ["nl", "en"][i / 4 % 2];
    match kind {
        0 => (format!("{key};{lang};Hoi {{name}} {i}"), false),
        1 => (format!("nope-{i};{lang};x"), true),
        2 => (format!("{key};fr;x"), true),
        3 => (format!("{key};{lang};Hoi {{naam}}"), true),
        _ => (format!("{key};{lang};Hoi {{name"), true),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_bad_row_is_listed_once_in_the_readers_language(
        kinds in proptest::collection::vec(0u8..5, 1..8),
        dutch_header in any::<bool>(),
    ) {
        let header = if dutch_header { "bericht;taal;tekst" } else { "message;language;text" };
        let mut text = format!("{header}\n");
        let mut bad = Vec::new();
        for (i, &k) in kinds.iter().enumerate() {
            // Each good row its own key and language, so that none is given twice.
            let (r, is_bad) = row(k, i);
            text.push_str(&r);
            text.push('\n');
            if is_bad {
                bad.push(i + 2);
            }
        }
        for lang in [Lang::En, Lang::Nl] {
            match Templates::parse_in(&text, "t.csv", lang) {
                Ok(_) => prop_assert!(bad.is_empty(), "{text}"),
                Err(e) => {
                    let e = e.0;
                    let count = match lang {
                        Lang::En => format!("t.csv: {} error", bad.len()),
                        Lang::Nl => format!("t.csv: {} fout", bad.len()),
                    };
                    prop_assert!(e.starts_with(&count), "{e}");
                    for line in &bad {
                        let at = format!("  t.csv:{line}:");
                        prop_assert_eq!(e.matches(&at).count(), 1, "{}", e);
                    }
                    if lang == Lang::Nl {
                        for english in ["expected", "unknown", "language", "is not one of", "without"] {
                            prop_assert!(!e.contains(english), "{e}");
                        }
                    }
                }
            }
        }
    }
}
