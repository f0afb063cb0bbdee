//! Place names as spellings: the key two spellings of one place share ([`place_key`]) and the
//! bundled places table's own names and aliases ([`canonical_place`]).
//!
//! Why here and not in [`crate::model::places`]: a place name is also a word of organisation
//! names ("Gemeente Den Bosch" is "Gemeente 's-Hertogenbosch"), and the organisation rule of
//! [`crate::names::org`] must read it the way the `place` columns do. The table itself and its
//! coordinates stay in `model::places`, which takes its key and its bundled text from here, so
//! that one key and one list of aliases serve both.

use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The bundled table (`place,province,lat,lon,population,municipality,kind,aliases`). Derived
/// from GeoNames (<https://www.geonames.org>), licensed under Creative Commons Attribution 4.0.
pub const BUNDLED_CSV: &str = include_str!("../../../../data/nl-places.csv");

/// The key two spellings of one place name share: Unicode compatibility decomposition (NFKD) with
/// the combining marks dropped (`Súdwest` = `Sûdwest` = `Sudwest`), lower case, every run of
/// characters that are not letters or digits made one space (`'s-Hertogenbosch` =
/// `s Hertogenbosch`, `Den-Haag` = `Den Haag`, curly apostrophes), `a/d`, `a.d.` and `ad`
/// between two words read as `aan den` (a table name with `aan de` answers to it too:
/// [`key_variants`]), and a trailing `(stad)`, `(gemeente)`, `(gem.)` or `centrum` dropped.
///
/// O(length of `name`).
pub fn place_key(name: &str) -> String {
    spelling_key(strip_qualifier(name))
}

/// [`place_key`] without dropping a trailing qualifier: inside an organisation's name
/// "Utrecht Centrum" is a branch, not the town's centre.
fn spelling_key(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut out = String::with_capacity(folded.len());
    let mut i = 0;
    while i < words.len() {
        if !out.is_empty() {
            out.push(' ');
        }
        if words[i] == "a" && words.get(i + 1) == Some(&"d") {
            out.push_str("aan den");
            i += 2;
        } else if words[i] == "ad" && i > 0 && i + 1 < words.len() {
            out.push_str("aan den");
            i += 1;
        } else {
            out.push_str(words[i]);
            i += 1;
        }
    }
    out
}

/// `name` without a trailing `(stad)`, `(gemeente)`, `(gem.)`, `(city)` or `centrum`
/// (a place's coordinates are its centre).
fn strip_qualifier(name: &str) -> &str {
    let t = name.trim_end();
    if let Some(base) = t
        .strip_suffix("centrum")
        .or_else(|| t.strip_suffix("Centrum"))
        .filter(|b| b.ends_with(' ') && !b.trim().is_empty())
    {
        return base.trim_end();
    }
    if let (Some(open), true) = (t.rfind('('), t.ends_with(')')) {
        let inner = t[open + 1..t.len() - 1].trim().trim_end_matches('.');
        if ["stad", "gemeente", "gem", "city", "centrum"]
            .iter()
            .any(|q| inner.eq_ignore_ascii_case(q))
        {
            return t[..open].trim_end();
        }
    }
    name
}

/// The keys a table name or alias answers to: its own key and, for a name with `aan de`
/// (`Horst aan de Maas`), the key of its `a/d` spelling (`horst aan den maas`, as
/// [`place_key`] reads `a/d`). Shared by the `place` columns ([`crate::model::places`]) and
/// organisation names.
pub fn key_variants(key: String) -> Vec<String> {
    let padded = format!(" {key} ");
    if padded.contains(" aan de ") {
        let other = padded.replace(" aan de ", " aan den ");
        vec![key, other.trim().to_string()]
    } else {
        vec![key]
    }
}

/// The provinces, each with its other official name: their names inside an organisation's
/// name are read as places are ("Jeugdzorg Fryslân" is "Jeugdzorg Friesland", the same name).
/// The table's `province` column spelling comes first. Their abbreviations (`NH`, `ZH`, `NB`)
/// are in [`crate::names::abbrev::ABBREVIATIONS`], on the safe side.
pub const PROVINCES: &[&[&str]] = &[
    &["Drenthe"],
    &["Flevoland"],
    &["Friesland", "Fryslân"],
    &["Gelderland"],
    &["Groningen"],
    &["Limburg"],
    &["Noord-Brabant"],
    &["Noord-Holland"],
    &["Overijssel"],
    &["Utrecht"],
    &["Zeeland"],
    &["Zuid-Holland"],
];

/// Every name and alias of the bundled table by its spelling key, with the key of its row's
/// name; `None` where a key belongs to rows of different names. And the most words of a key.
struct Canonical {
    by_key: HashMap<String, Option<String>>,
    max_words: usize,
}

static CANONICAL: LazyLock<Canonical> = LazyLock::new(|| {
    let mut by_key: HashMap<String, Option<String>> = HashMap::new();
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(BUNDLED_CSV.as_bytes());
    let headers = rdr.headers().cloned().unwrap_or_default();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let (place, aliases) = (col("place"), col("aliases"));
    for rec in rdr.records().flatten() {
        let Some(name) = place.and_then(|c| rec.get(c)) else {
            continue;
        };
        let target = spelling_key(name);
        let alias_cell = aliases.and_then(|c| rec.get(c)).unwrap_or("");
        let spellings = std::iter::once(name).chain(alias_cell.split('|').map(str::trim));
        for s in spellings.filter(|s| !s.is_empty()) {
            for key in key_variants(spelling_key(s)) {
                let slot = by_key.entry(key).or_insert_with(|| Some(target.clone()));
                if slot.as_deref() != Some(target.as_str()) {
                    *slot = None;
                }
            }
        }
    }
    // Provinces: a province named like a place (Groningen, Utrecht, Zeeland) is that name.
    for names in PROVINCES {
        let target = spelling_key(names[0]);
        for s in names.iter() {
            by_key
                .entry(spelling_key(s))
                .or_insert_with(|| Some(target.clone()));
        }
    }
    let max_words = by_key
        .keys()
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(1);
    Canonical { by_key, max_words }
});

/// The spelling key of the bundled places table's own name for the place that `run` (a few
/// words, as written) names by its name or an alias: `"Den Bosch"` → `"s hertogenbosch"`,
/// `"The Hague"` and `"'s-Gravenhage"` → `"den haag"`, `"Alphen a/d Rijn"` → `"alphen aan den
/// rijn"`. `None` when no single row of the table answers to it. The same names and aliases as
/// [`crate::model::places::Places::lookup`] finds by key, without its "did you mean": a place
/// name is never guessed.
///
/// O(length of `run`), after a one-time read of the table.
pub fn canonical_place(run: &str) -> Option<&'static str> {
    CANONICAL
        .by_key
        .get(&spelling_key(run))
        .and_then(|t| t.as_deref())
}

/// The most words of a name or alias of the bundled table (by its spelling key): how long a run
/// of an organisation's words [`canonical_place`] needs to look at.
pub fn longest_place_name() -> usize {
    CANONICAL.max_words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_spellings_resolve_to_the_tables_name() {
        for (run, want) in [
            ("Den Bosch", Some("s hertogenbosch")),
            ("den bosch", Some("s hertogenbosch")),
            ("'s-Hertogenbosch", Some("s hertogenbosch")),
            ("The Hague", Some("den haag")),
            ("s gravenhage", Some("den haag")),
            ("Alphen a d Rijn", Some("alphen aan den rijn")),
            ("Alphen ad Rijn", Some("alphen aan den rijn")),
            ("Horst a d Maas", Some("horst aan de maas")),
            ("Fryslân", Some("friesland")),
            ("Friesland", Some("friesland")),
            ("Zuidwest-Friesland", Some("sudwest fryslan")),
            ("Ljouwert", Some("leeuwarden")),
            ("Grouw", Some("grou")),
            ("Noord Brabant", Some("noord brabant")),
            ("Utrecht", Some("utrecht")),
            ("Utrecht centrum", None),
            ("Jeugdhulp", None),
        ] {
            assert_eq!(canonical_place(run), want, "{run}");
        }
        assert!(longest_place_name() >= 4);
    }
}
