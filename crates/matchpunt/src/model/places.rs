//! The places table: Dutch towns and municipalities with coordinates.
//!
//! The project ships `data/nl-places.csv` (GeoNames, CC BY 4.0): every town or village of 1,000 or
//! more inhabitants, every municipality whose name is not itself a town, and the other names
//! people use (`Den Bosch`, `'s-Gravenhage`). It is compiled into the library so that the engine
//! never reads a file it was not handed.
//!
//! Why a lookup of its own: coordinators type place names as they say them (`'s Hertogenbosch`,
//! `s-Hertogenbosch`, `Den-Haag`, `Alphen a/d Rijn`, `Súdwest-Fryslân`). Those are the same
//! name written differently, so they are found. A name that is *not* the same name is never
//! resolved by a guess: it gets an error with a "did you mean" that shows the province, and a
//! name shared by towns in two provinces (`Hengelo` in Overijssel and Gelderland, where the
//! table has no row of that bare name) is an error that lists them. A wrong place is a wrong
//! distance, and a wrong distance can send someone further than they travel.

use crate::model::{normalize, LatLon};
use std::collections::HashMap;

pub use crate::names::place::{place_key, BUNDLED_CSV};

/// One place.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Name as written in the table.
    pub name: String,
    /// Province.
    pub province: String,
    /// Coordinates.
    pub location: LatLon,
    /// Inhabitants (0 when not given).
    pub population: u64,
    /// The municipality (gemeente) the place belongs to; empty when not given.
    pub municipality: String,
    /// Whether the row is a municipality (placed at the population-weighted centre of its
    /// towns) rather than a town.
    pub is_municipality: bool,
    /// Other names for the same place.
    pub aliases: Vec<String>,
}

/// Why a name is not one place of the table.
#[derive(Clone, Debug, PartialEq)]
pub enum PlaceMiss<'a> {
    /// No place has this name; the closest name, if one is close.
    Unknown(Option<&'a Place>),
    /// Several places answer to this name (towns of one name in different provinces).
    Ambiguous(Vec<&'a Place>),
}

impl PlaceMiss<'_> {
    /// The words after the value in an error message: what is wrong and what is expected.
    pub fn describe(&self) -> String {
        match self {
            PlaceMiss::Unknown(Some(p)) => format!(
                "is not in the places table; did you mean {:?} ({})?",
                p.name, p.province
            ),
            PlaceMiss::Unknown(None) => "is not in the places table".to_string(),
            PlaceMiss::Ambiguous(ps) => format!(
                "names more than one place: {}; write the one you mean",
                ps.iter()
                    .map(|p| format!("{:?} ({})", p.name, p.province))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// A lookup table of places by name and alias.
#[derive(Clone, Debug, Default)]
pub struct Places {
    places: Vec<Place>,
    /// Exact names and aliases, normalised (case and spacing).
    by_name: HashMap<String, usize>,
    /// Names and aliases by [`place_key`]; more than one index when two rows share a key.
    by_key: HashMap<String, Vec<usize>>,
    /// Rows by the [`place_key`] of the bare name before their bracket (`hengelo` for
    /// `Hengelo (Gelderland)`) and of their municipality: what [`Places::others_named`] reads.
    by_bare_or_municipality: HashMap<String, Vec<usize>>,
}

impl Places {
    /// The table compiled into the library.
    pub fn bundled() -> Places {
        Places::from_csv(BUNDLED_CSV).expect("the bundled places table is valid")
    }

    /// Parses a table with columns `place,lat,lon` and optionally `province`, `population`,
    /// `municipality`, `kind` (`place` or `municipality`) and `aliases` (`|`-separated).
    ///
    /// # Errors
    ///
    /// A message naming the line for a missing column, a bad coordinate, or a name or alias
    /// that two rows share.
    ///
    /// # Errors
    ///
    /// [`PlacesError`]: a CSV error, a missing column, a bad coordinate or an alias of two places.
    pub fn from_csv(text: &str) -> Result<Places, PlacesError> {
        Self::read_csv(text).map_err(PlacesError)
    }

    fn read_csv(text: &str) -> Result<Places, String> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
        let col = |n: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(n));
        let (Some(p), Some(lat), Some(lon)) = (col("place"), col("lat"), col("lon")) else {
            return Err("places table needs columns place, lat, lon".into());
        };
        let cell = |rec: &csv::StringRecord, c: Option<usize>| {
            c.and_then(|c| rec.get(c)).unwrap_or("").to_string()
        };
        let mut places = Places::default();
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| e.to_string())?;
            let line = i + 2;
            let num = |c: usize| -> Result<f64, String> {
                rec.get(c)
                    .unwrap_or("")
                    .parse()
                    .map_err(|_| format!("places table line {line}: bad coordinate"))
            };
            let place = Place {
                name: cell(&rec, Some(p)),
                province: cell(&rec, col("province")),
                location: LatLon {
                    lat: num(lat)?,
                    lon: num(lon)?,
                },
                population: cell(&rec, col("population")).parse().unwrap_or(0),
                municipality: cell(&rec, col("municipality")),
                is_municipality: cell(&rec, col("kind")) == "municipality",
                aliases: cell(&rec, col("aliases"))
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
            };
            let idx = places.places.len();
            for name in std::iter::once(&place.name).chain(&place.aliases) {
                if places.by_name.insert(normalize(name), idx).is_some() {
                    return Err(format!(
                        "places table line {line}: the name {name:?} is used twice"
                    ));
                }
                for key in crate::names::place::key_variants(place_key(name)) {
                    let ids = places.by_key.entry(key).or_default();
                    if !ids.contains(&idx) {
                        ids.push(idx);
                    }
                }
            }
            let mut bare: Vec<String> = Vec::new();
            if let Some(b) = bracket_base(&place.name) {
                bare.push(place_key(b));
            }
            if !place.municipality.is_empty() {
                bare.push(place_key(&place.municipality));
            }
            bare.sort_unstable();
            bare.dedup();
            for k in bare {
                places
                    .by_bare_or_municipality
                    .entry(k)
                    .or_default()
                    .push(idx);
            }
            places.places.push(place);
        }
        Ok(places)
    }

    /// The place named `name`, or `None` when [`Places::lookup`] finds no single place.
    pub fn get(&self, name: &str) -> Option<&Place> {
        self.lookup(name).ok()
    }

    /// The place named `name`: by its name or an alias, compared case-insensitively with
    /// spaces collapsed; failing that, by [`place_key`] (diacritics, apostrophes, hyphens,
    /// `a/d`, a `(stad)`, `(gemeente)` or `centrum` suffix), when exactly one place has that key.
    ///
    /// # Errors
    ///
    /// [`PlaceMiss::Ambiguous`] when the key belongs to several places, or the name is the
    /// bare name of several bracketed ones (`Hengelo (Overijssel)`, `Hengelo (Gelderland)`);
    /// [`PlaceMiss::Unknown`] with the closest name otherwise. Never resolves a name by
    /// closeness: a suggestion is only a suggestion.
    ///
    /// Cost: O(1) expected for a hit; a miss compares the key with every name (O(names ×
    /// length²), about 2,000 names).
    pub fn lookup(&self, name: &str) -> Result<&Place, PlaceMiss<'_>> {
        if let Some(&i) = self.by_name.get(&normalize(name)) {
            return Ok(&self.places[i]);
        }
        // "Hengelo (Gld)", "Bergen (L)", "Rijswijk (Noord-Brabant)": the province decides.
        if let Some((base, province)) = split_province(name) {
            return self.in_province(base, province);
        }
        let key = place_key(name);
        match self.by_key.get(&key).map(Vec::as_slice) {
            Some([i]) => return Ok(&self.places[*i]),
            Some(several) if several.len() > 1 => {
                return Err(PlaceMiss::Ambiguous(
                    several.iter().map(|&i| &self.places[i]).collect(),
                ))
            }
            _ => {}
        }
        // A bare name of towns that carry their province or municipality in brackets.
        let bracketed: Vec<&Place> = self
            .places
            .iter()
            .filter(|p| {
                p.name
                    .split_once(" (")
                    .is_some_and(|(base, _)| place_key(base) == key)
            })
            .collect();
        match bracketed.len() {
            0 => Err(PlaceMiss::Unknown(self.suggest(name))),
            _ => Err(PlaceMiss::Ambiguous(bracketed)),
        }
    }

    /// The place `base` in `province` (a name written with its province after it): the row of
    /// that name or alias in that province, or its bracketed row (`Hengelo (Gelderland)`), the
    /// most populous where several rows are one town; else the places of a municipality of
    /// that name in that province (one: found; several: [`PlaceMiss::Ambiguous`], listing
    /// them); else [`PlaceMiss::Unknown`] with the closest name *in that province*. O(rows of
    /// that name) for a hit; a miss compares with every name, as [`Places::lookup`]'s does.
    fn in_province(&self, base: &str, province: &str) -> Result<&Place, PlaceMiss<'_>> {
        let key = place_key(base);
        let near: Vec<&Place> = self
            .by_key
            .get(&key)
            .into_iter()
            .chain(self.by_bare_or_municipality.get(&key))
            .flatten()
            .map(|&i| &self.places[i])
            .filter(|p| p.province == province)
            .collect();
        let named = |p: &&&Place| {
            place_key(&p.name) == key
                || p.aliases.iter().any(|a| place_key(a) == key)
                || bracket_base(&p.name).is_some_and(|b| place_key(b) == key)
        };
        if let Some(p) = near.iter().filter(named).max_by_key(|p| p.population) {
            return Ok(p);
        }
        let mut of_municipality: Vec<&Place> = near
            .iter()
            .copied()
            .filter(|p| !p.municipality.is_empty() && place_key(&p.municipality) == key)
            .collect();
        of_municipality.sort_by(|a, b| b.population.cmp(&a.population).then(a.name.cmp(&b.name)));
        of_municipality.dedup_by(|a, b| a.name == b.name);
        of_municipality.truncate(6);
        match of_municipality.len() {
            1 => Ok(of_municipality[0]),
            0 => Err(PlaceMiss::Unknown(self.suggest_in(base, Some(province)))),
            _ => Err(PlaceMiss::Ambiguous(of_municipality)),
        }
    }

    /// Places in *other* provinces than `hit`'s that answer to the bare name `name` as people
    /// write it: bracketed rows of that name (`Hengelo (Gelderland)` beside `Hengelo`) and
    /// places of a municipality of that name (`Nieuw-Bergen`, municipality Bergen, Limburg,
    /// beside `Bergen`, Noord-Holland); the most populous one per province, by province name.
    /// Empty for a name written with brackets or a province. O(length of `name` + the rows of
    /// that bare name).
    pub fn others_named(&self, name: &str, hit: &Place) -> Vec<&Place> {
        if name.contains('(') || split_province(name).is_some() {
            return Vec::new();
        }
        let key = place_key(name);
        let mut best: std::collections::BTreeMap<&str, &Place> = std::collections::BTreeMap::new();
        for &i in self.by_bare_or_municipality.get(&key).into_iter().flatten() {
            let p = &self.places[i];
            if p.province == hit.province {
                continue;
            }
            let e = best.entry(p.province.as_str()).or_insert(p);
            if p.population > e.population {
                *e = p;
            }
        }
        best.into_values().collect()
    }

    /// All places, in table order.
    pub fn all(&self) -> &[Place] {
        &self.places
    }

    /// The place whose name or alias is closest to `name` (Damerau-Levenshtein on
    /// [`place_key`]s, at most a quarter of the length away), for a "did you mean"; ties go to
    /// the larger population.
    pub fn suggest(&self, name: &str) -> Option<&Place> {
        self.suggest_in(name, None)
    }

    /// [`Places::suggest`] among the places of `province` only, when given.
    fn suggest_in(&self, name: &str, province: Option<&str>) -> Option<&Place> {
        let key = place_key(name);
        let n = key.chars().count();
        let limit = (n / 4).max(1);
        let mut best: Option<(usize, u64, usize)> = None;
        for (k, ids) in &self.by_key {
            if k.chars().count().abs_diff(n) > limit {
                continue;
            }
            let d = strsim::damerau_levenshtein(&key, k);
            if d > limit {
                continue;
            }
            for &i in ids {
                if province.is_some_and(|pr| self.places[i].province != pr) {
                    continue;
                }
                let pop = self.places[i].population;
                let better = match best {
                    None => true,
                    Some((bd, bp, bi)) => {
                        (d, std::cmp::Reverse(pop), i) < (bd, std::cmp::Reverse(bp), bi)
                    }
                };
                if better {
                    best = Some((d, pop, i));
                }
            }
        }
        best.map(|(_, _, i)| &self.places[i])
    }
}

/// The twelve provinces as the table names them, with the abbreviations and other names
/// people write after a place name (`Hengelo (Gld)`, `Bergen (L)`, `Rijswijk (N.-Br.)`), as
/// [`place_key`]s.
const PROVINCES: [(&str, &[&str]); 12] = [
    ("Groningen", &["gn", "gr", "gron"]),
    ("Friesland", &["fr", "fri", "frl", "fryslan", "frysl"]),
    ("Drenthe", &["dr", "dren"]),
    ("Overijssel", &["ov", "o", "ovl", "overijsel"]),
    ("Flevoland", &["fl", "flev"]),
    ("Gelderland", &["gld", "gl", "gel", "geld", "gelderl"]),
    ("Utrecht", &["ut", "u", "utr"]),
    ("Noord-Holland", &["nh", "n h", "noord holl", "n holl"]),
    ("Zuid-Holland", &["zh", "z h", "zuid holl", "z holl"]),
    ("Zeeland", &["z", "zl", "zee", "zld"]),
    (
        "Noord-Brabant",
        &["nb", "n b", "n br", "brabant", "br", "nbr"],
    ),
    ("Limburg", &["l", "lb", "li", "limb", "lim"]),
];

/// The province a name is written with: `Hengelo (Gld)` or `Bergen L.` is `("Hengelo",
/// "Gelderland")`, `("Bergen", "Limburg")`; None when the name ends in no province.
pub fn split_province(name: &str) -> Option<(&str, &'static str)> {
    let t = name.trim_end();
    let (base, inner) = if let (Some(open), true) = (t.rfind('('), t.ends_with(')')) {
        (t[..open].trim_end(), &t[open + 1..t.len() - 1])
    } else {
        // A last word with a dot: "Bergen L.", "Rijswijk Z.H.".
        let (base, last) = t.rsplit_once(' ')?;
        if !last.ends_with('.') {
            return None;
        }
        (base.trim_end(), last)
    };
    if base.is_empty() {
        return None;
    }
    let k = place_key(inner);
    let squeezed: String = k.chars().filter(|c| *c != ' ').collect();
    PROVINCES
        .iter()
        .find(|(full, short)| {
            place_key(full) == k
                || short.iter().any(|s| {
                    *s == k || s.chars().filter(|c| *c != ' ').collect::<String>() == squeezed
                })
        })
        .map(|(full, _)| (base, *full))
}

/// The name before a trailing bracket (`Hengelo` of `Hengelo (Gelderland)`), if any.
fn bracket_base(name: &str) -> Option<&str> {
    name.split_once(" (").map(|(b, _)| b)
}

/// The area a Dutch location lies in, in degrees: the country's extent with a margin of about
/// 25 km (mainland and Wadden islands; the Caribbean municipalities are not in the table).
pub const NL_LAT: std::ops::RangeInclusive<f64> = 50.5..=53.8;
/// See [`NL_LAT`].
pub const NL_LON: std::ops::RangeInclusive<f64> = 3.0..=7.5;

/// Whether `lat`, `lon` lie in the Netherlands (with the margin of [`NL_LAT`], [`NL_LON`]).
pub fn in_netherlands(lat: f64, lon: f64) -> bool {
    NL_LAT.contains(&lat) && NL_LON.contains(&lon)
}

/// Why a places table was refused, in words (see [`Places::from_csv`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PlacesError(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_loads() {
        let p = Places::bundled();
        assert!(p.all().len() > 1500);
        let u = p.get("  utrecht ").unwrap();
        assert_eq!(u.province, "Utrecht");
        assert!(p.get("Den  Haag").is_some());
        assert_eq!(
            p.suggest("Utrect").map(|p| p.name.as_str()),
            Some("Utrecht")
        );
    }

    #[test]
    fn spellings_of_one_name_are_found() {
        let p = Places::bundled();
        for (written, name) in [
            ("'s-Gravenhage", "Den Haag"),
            ("The Hague", "Den Haag"),
            ("Den-Haag", "Den Haag"),
            ("Den Bosch", "'s-Hertogenbosch"),
            ("'s Hertogenbosch", "'s-Hertogenbosch"),
            ("\u{2019}s-Hertogenbosch", "'s-Hertogenbosch"),
            ("s-Hertogenbosch", "'s-Hertogenbosch"),
            ("Alphen a/d Rijn", "Alphen aan den Rijn"),
            ("Capelle aan den Ijssel", "Capelle aan den IJssel"),
            ("Capelle a/d IJssel", "Capelle aan den IJssel"),
            ("Súdwest-Fryslân", "Sûdwest Fryslân"),
            ("Zuidwest-Friesland", "Sûdwest Fryslân"),
            ("Ljouwert", "Leeuwarden"),
            ("Grouw", "Grou"),
            ("Alphen a.d. Rijn", "Alphen aan den Rijn"),
            ("Horst a/d Maas", "Horst aan de Maas"),
            ("Valkenburg a.d. Geul", "Valkenburg aan de Geul"),
            ("Bergen op zoom", "Bergen op Zoom"),
            ("Utrecht (stad)", "Utrecht"),
            ("Utrecht centrum", "Utrecht"),
            ("Houten", "Houten"),
            ("De Bilt", "De Bilt"),
            ("Almere", "Almere"),
            ("Stichtse Vecht", "Stichtse Vecht"),
        ] {
            assert_eq!(
                p.lookup(written).map(|x| x.name.as_str()),
                Ok(name),
                "{written}"
            );
        }
    }

    #[test]
    fn a_near_name_is_suggested_with_its_province_never_resolved() {
        let p = Places::bundled();
        let miss = p.lookup("Houtn").unwrap_err();
        assert_eq!(
            miss.describe(),
            "is not in the places table; did you mean \"Houten\" (Utrecht)?"
        );
        // 's-Gravenhage is an alias of Den Haag, so it is found, not "did you mean 's-Gravenzande".
        assert_eq!(p.lookup("'s-Gravenhage").unwrap().name, "Den Haag");
        assert!(matches!(
            p.lookup("Utrecht Oost"),
            Err(PlaceMiss::Unknown(_))
        ));
    }

    #[test]
    fn a_shared_bare_name_is_ambiguous() {
        let p = Places::from_csv(
            "place,province,lat,lon\nLaren (Noord-Holland),Noord-Holland,52.25,5.22\nLaren (Gelderland),Gelderland,52.19,6.36\n",
        )
        .unwrap();
        let Err(PlaceMiss::Ambiguous(ps)) = p.lookup("laren") else {
            panic!("expected ambiguous");
        };
        assert_eq!(ps.len(), 2);
        assert!(PlaceMiss::Ambiguous(ps).describe().contains("(Gelderland)"));
        assert_eq!(
            p.lookup("Laren (Gelderland)").unwrap().province,
            "Gelderland"
        );
    }

    /// The fifth new-user trial: "Hengelo (Gld)", "Bergen (NH)", "Rijswijk (ZH)" were "not in
    /// the places table", and "Bergen (Limburg)" was answered with "did you mean Beek
    /// (Limburg)".
    #[test]
    fn a_province_after_the_name_chooses_the_place() {
        let p = Places::bundled();
        for (written, name, province) in [
            ("Hengelo (Gld)", "Hengelo (Gelderland)", "Gelderland"),
            ("Hengelo (Ov)", "Hengelo", "Overijssel"),
            ("Bergen (NH)", "Bergen", "Noord-Holland"),
            ("Bergen N.H.", "Bergen", "Noord-Holland"),
            ("Rijswijk (ZH)", "Rijswijk", "Zuid-Holland"),
            (
                "Rijswijk (N.-Br.)",
                "Rijswijk (Noord-Brabant)",
                "Noord-Brabant",
            ),
            ("Laren (NH)", "Laren (Noord-Holland)", "Noord-Holland"),
            ("Laren (Gld)", "Laren (Gelderland)", "Gelderland"),
            ("Utrecht (U)", "Utrecht", "Utrecht"),
        ] {
            let got = p
                .lookup(written)
                .unwrap_or_else(|e| panic!("{written}: {}", e.describe()));
            assert_eq!(
                (got.name.as_str(), got.province.as_str()),
                (name, province),
                "{written}"
            );
        }
        // The municipality Bergen in Limburg has no place of that name: its places are listed.
        for written in ["Bergen (L)", "Bergen L.", "Bergen (Limburg)"] {
            let Err(PlaceMiss::Ambiguous(ps)) = p.lookup(written) else {
                panic!("{written}: expected the municipality's places");
            };
            assert!(ps.iter().all(|x| x.province == "Limburg"), "{written}");
            assert!(ps.iter().any(|x| x.name == "Nieuw-Bergen"), "{written}");
        }
        assert_eq!(split_province("Alphen a.d. Rijn"), None);
        assert_eq!(split_province("Utrecht (stad)"), None);
        assert_eq!(split_province("(NH)"), None);
    }

    /// For every place of the table and every way of writing its province after it, the
    /// answer lies in that province (found, or a list of places all in it, or a hint in it):
    /// a province written is never answered with another.
    #[test]
    fn a_province_written_is_never_answered_with_another() {
        let p = Places::bundled();
        for place in p.all() {
            let base = bracket_base(&place.name).unwrap_or(&place.name);
            let (_, short) = PROVINCES
                .iter()
                .find(|(full, _)| *full == place.province)
                .expect("every province of the table is known");
            for suffix in [
                format!("({})", place.province),
                format!("({})", short[0].to_uppercase()),
            ] {
                let written = format!("{base} {suffix}");
                match p.lookup(&written) {
                    Ok(x) => assert_eq!(x.province, place.province, "{written} -> {}", x.name),
                    Err(PlaceMiss::Ambiguous(xs)) => {
                        assert!(xs.iter().all(|x| x.province == place.province), "{written}")
                    }
                    Err(PlaceMiss::Unknown(hint)) => panic!(
                        "{written}: unknown, hint {:?}",
                        hint.map(|h| (&h.name, &h.province))
                    ),
                }
            }
        }
    }

    /// The bare names that the table also knows in another province are noted (the batch
    /// warns once per name); a name written with its province, or a name of one province
    /// only, is not.
    #[test]
    fn a_bare_name_of_two_provinces_names_the_other() {
        let p = Places::bundled();
        for name in [
            "Hengelo",
            "Bergen",
            "Rijswijk",
            "Oosterhout",
            "Laren",
            "Beek",
            "Stein",
        ] {
            let hit = p.lookup(name).unwrap();
            let others = p.others_named(name, hit);
            assert!(!others.is_empty(), "{name}");
            assert!(others.iter().all(|o| o.province != hit.province), "{name}");
        }
        for name in [
            "Utrecht",
            "Houten",
            "Hengelo (Gelderland)",
            "Hengelo (Gld)",
            "Zeist",
        ] {
            let hit = p.lookup(name).unwrap();
            assert!(p.others_named(name, hit).is_empty(), "{name}");
        }
    }

    #[test]
    fn duplicate_names_are_refused() {
        let e = Places::from_csv("place,lat,lon,aliases\nA,52,5,B\nB,52,5,\n").unwrap_err();
        assert!(e.0.contains("line 3"), "{e}");
    }

    #[test]
    fn every_place_of_the_table_is_in_the_netherlands() {
        for p in Places::bundled().all() {
            assert!(in_netherlands(p.location.lat, p.location.lon), "{}", p.name);
        }
    }
}
