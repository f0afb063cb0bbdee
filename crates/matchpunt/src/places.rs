//! The places table: Dutch municipalities and towns with coordinates.
//!
//! The project ships `data/nl-places.csv` (GeoNames, CC BY 4.0); it is compiled into the library so
//! that the engine never reads a file it was not handed. Names are compared as the contract says:
//! case-insensitively with spaces collapsed.

use crate::model::{normalize, LatLon};
use std::collections::HashMap;

/// The bundled table (place,province,lat,lon,population). Derived from GeoNames
/// (<https://www.geonames.org>), licensed under Creative Commons Attribution 4.0.
pub const BUNDLED_CSV: &str = include_str!("../../../data/nl-places.csv");

/// One place.
#[derive(Clone, Debug)]
pub struct Place {
    /// Name as written in the table.
    pub name: String,
    /// Province.
    pub province: String,
    /// Coordinates.
    pub location: LatLon,
    /// Inhabitants (0 when not given).
    pub population: u64,
}

/// A lookup table of places by normalised name.
#[derive(Clone, Debug, Default)]
pub struct Places {
    places: Vec<Place>,
    by_name: HashMap<String, usize>,
}

impl Places {
    /// The table compiled into the library.
    pub fn bundled() -> Places {
        Places::from_csv(BUNDLED_CSV).expect("the bundled places table is valid")
    }

    /// Parses a table with columns `place,province,lat,lon` and optionally `population`.
    pub fn from_csv(text: &str) -> Result<Places, String> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
        let col = |n: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(n));
        let (Some(p), Some(lat), Some(lon)) = (col("place"), col("lat"), col("lon")) else {
            return Err("places table needs columns place, lat, lon".into());
        };
        let (prov, pop) = (col("province"), col("population"));
        let mut places = Places::default();
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| e.to_string())?;
            let num = |c: usize| -> Result<f64, String> {
                rec.get(c)
                    .unwrap_or("")
                    .parse()
                    .map_err(|_| format!("places table line {}: bad coordinate", i + 2))
            };
            let place = Place {
                name: rec.get(p).unwrap_or("").to_string(),
                province: prov.and_then(|c| rec.get(c)).unwrap_or("").to_string(),
                location: LatLon {
                    lat: num(lat)?,
                    lon: num(lon)?,
                },
                population: pop
                    .and_then(|c| rec.get(c))
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0),
            };
            places
                .by_name
                .entry(normalize(&place.name))
                .or_insert(places.places.len());
            places.places.push(place);
        }
        Ok(places)
    }

    /// The place named `name` (case-insensitive, spaces collapsed).
    pub fn get(&self, name: &str) -> Option<&Place> {
        self.by_name.get(&normalize(name)).map(|&i| &self.places[i])
    }

    /// All places, in table order.
    pub fn all(&self) -> &[Place] {
        &self.places
    }

    /// The closest name to `name`, for a "did you mean".
    pub fn suggest(&self, name: &str) -> Option<&str> {
        crate::ingest::did_you_mean(name, self.places.iter().map(|p| p.name.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_loads() {
        let p = Places::bundled();
        assert!(p.all().len() > 200);
        let u = p.get("  utrecht ").unwrap();
        assert_eq!(u.province, "Utrecht");
        assert!(p.get("Den  Haag").is_some());
        assert_eq!(p.suggest("Utrect"), Some("Utrecht"));
    }
}
