//! Smaller faults of the fourth new-user trial (#19): a bare year in `last_supervision`.

use crate::common::try_load;
use matchpunt::model::{Supervision, Week};

/// `last_supervision` = `2026` was read as an Excel date number (1905), so the expert was not
/// deployed, with no word why. Now its first day (the safe side: a supervision lapses soonest
/// so), with a warning naming the cell; `certified_on` takes the last day, its safe side.
#[test]
fn a_bare_year_of_last_supervision_is_its_first_day_with_a_warning() {
    let experts = "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;laatste_intervisie\r\nE1;Anna;maatje;ja;angst;Utrecht;ja;*;2026\r\n";
    let requests = "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel\r\nR1;Kwintes;maatje;angst;Utrecht;nee;wo-middag\r\n";
    let l = try_load(experts, requests).unwrap();
    assert_eq!(
        l.instance.experts[0].supervision,
        Supervision::Week(Week::parse("2026-W01").unwrap())
    );
    let w: Vec<String> = l.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter().any(|w| w.starts_with("experts.csv:2:9 (I2)")
            && w.contains("a year without a day: read as its first day")),
        "{w:?}"
    );
}
