//! `run`'s summary and `unmatched.csv` tell one story: for random small batches, the causes the
//! summary counts (`5 seats open, see out/unmatched.csv: 3 no free slot, 2 too far`) are the
//! causes of `unmatched.csv`'s reasons, seat for seat. Each reason is read back into its cause
//! by the words the message table gives it (the funnel's stage, "all used to the limit",
//! "only ... eligible", a pin not kept), independently of the code that picks the summary's
//! cause; the two tallies must be equal.
//!
//! Cases: 24 (each runs the binary once on a batch of at most 8 experts and 6 requests);
//! `PROPTEST_CASES` overrides.

use crate::harness::run;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::fs;

const PLACES: [&str; 3] = ["Utrecht", "Zeist", "Amersfoort"];
const THEMES: [&str; 4] = ["pesten", "angst", "rouw", "autisme"];
const ROLES: [&str; 2] = ["speaker", "buddy"];
const SLOTS: [&str; 3] = ["mon-am", "wed-pm", "thu-eve"];
const LANGS: [&str; 2] = ["nl", "en"];

#[derive(Clone, Debug)]
struct Ex {
    role: usize,
    theme: usize,
    place: usize,
    travel: u32,
    slots: Vec<usize>,
    max: u32,
    lang: usize,
}

#[derive(Clone, Debug)]
struct Rq {
    role: usize,
    theme: usize,
    place: usize,
    slot: usize,
    seats: u32,
    lang: usize,
    pin: Option<usize>,
}

fn ex() -> impl Strategy<Value = Ex> {
    (
        0..ROLES.len(),
        0..THEMES.len(),
        0..PLACES.len(),
        prop_oneof![Just(5u32), Just(40)],
        proptest::sample::subsequence((0..SLOTS.len()).collect::<Vec<_>>(), 1..3),
        1u32..3,
        prop_oneof![4 => Just(0usize), 1 => Just(1)],
    )
        .prop_map(|(role, theme, place, travel, slots, max, lang)| Ex {
            role,
            theme,
            place,
            travel,
            slots,
            max,
            lang,
        })
}

fn rq() -> impl Strategy<Value = Rq> {
    (
        0..ROLES.len(),
        0..THEMES.len(),
        0..PLACES.len(),
        0..SLOTS.len(),
        1u32..3,
        prop_oneof![4 => Just(0usize), 1 => Just(1)],
        proptest::option::weighted(0.15, 0usize..8),
    )
        .prop_map(|(role, theme, place, slot, seats, lang, pin)| Rq {
            role,
            theme,
            place,
            slot,
            seats,
            lang,
            pin,
        })
}

fn write(dir: &std::path::Path, experts: &[Ex], requests: &[Rq]) {
    let mut e = String::from(
        "id,name,roles,certified,themes,place,max_travel_km,availability,max_assignments,languages\n",
    );
    for (i, x) in experts.iter().enumerate() {
        let slots: Vec<&str> = x.slots.iter().map(|&s| SLOTS[s]).collect();
        e.push_str(&format!(
            "E{i},Expert {i},{},yes,{},{},{},{},{},{}\n",
            ROLES[x.role],
            THEMES[x.theme],
            PLACES[x.place],
            x.travel,
            slots.join("|"),
            x.max,
            LANGS[x.lang],
        ));
    }
    let mut r =
        String::from("id,org,role,themes,place,slot,experts_needed,language,pinned_expert\n");
    for (i, q) in requests.iter().enumerate() {
        let pin = q
            .pin
            .filter(|&p| p < experts.len())
            .map(|p| format!("E{p}"))
            .unwrap_or_default();
        r.push_str(&format!(
            "R{i},Org {i},{},{},{},{},{},{},{pin}\n",
            ROLES[q.role], THEMES[q.theme], PLACES[q.place], SLOTS[q.slot], q.seats, LANGS[q.lang],
        ));
    }
    fs::write(dir.join("experts.csv"), e).unwrap();
    fs::write(dir.join("requests.csv"), r).unwrap();
}

/// The cause a reason of `unmatched.csv` (English) gives, read from its words.
fn cause_of_reason(reason: &str) -> String {
    if reason.starts_with("pin of ") {
        return "pin conflict".into();
    }
    if reason.starts_with("only ") && reason.contains("are eligible, and all are assigned here") {
        return "too few eligible experts".into();
    }
    if let Some((_, list)) = reason.split_once("all used to the limit this week: ") {
        // Each expert as `E3 (why)`: all booked in the slot is a slot problem.
        let whys: Vec<&str> = list.split("), ").collect();
        let all_busy = whys.iter().all(|w| w.contains("is already booked on"));
        return if all_busy {
            "no free slot"
        } else {
            "experts at their limit"
        }
        .into();
    }
    if reason.contains("lowers the batch objective") {
        return "experts needed elsewhere".into();
    }
    // The funnel: "no expert {stage} ({rule})" or "..., but none {stage} ({rule})".
    let stage = reason
        .rsplit_once("but none ")
        .map(|x| x.1)
        .or_else(|| reason.strip_prefix("no expert "))
        .unwrap_or(reason);
    let table = [
        ("is active", "no active certified expert"),
        ("is certified", "no active certified expert"),
        ("has a recent supervision", "no recent supervision"),
        ("is outside a heavy-theme pause", "heavy-theme pause"),
        ("takes this role", "no expert with the role"),
        ("fits the request's themes now", "no expert with the theme"),
        ("is free for this request now", "personal reasons"),
        ("works online", "no expert online"),
        ("lives within their travel distance", "too far"),
        ("speaks ", "language or gender"),
        ("is of the requested gender", "language or gender"),
        ("is within the buddy age gap", "age gap"),
        ("has any available slot", "no free slot"),
        ("has ", "no free slot"),
    ];
    for (words, cause) in table {
        if stage.starts_with(words) {
            return cause.into();
        }
    }
    format!("(unread reason: {reason})")
}

/// Seats per cause in the summary line of `run`'s output.
fn summary_causes(stdout: &str) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    let Some(line) = stdout.lines().find(|l| l.contains(" open, see ")) else {
        return out;
    };
    let (_, causes) = line
        .split_once("unmatched.csv: ")
        .expect("the summary names the file");
    for part in causes.split(", ") {
        let (n, cause) = part.split_once(' ').unwrap();
        *out.entry(cause.to_string()).or_default() += n.parse::<u32>().unwrap();
    }
    out
}

/// Seats per cause of `unmatched.csv`'s reasons.
fn file_causes(text: &str) -> BTreeMap<String, u32> {
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = if text.lines().next().unwrap_or("").contains(';') {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (seats, reason) = (col("seats_open"), col("reason"));
    let mut out = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let n: u32 = rec[seats].parse().unwrap();
        *out.entry(cause_of_reason(&rec[reason])).or_default() += n;
    }
    out
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_summary_counts_the_causes_of_the_reasons_in_unmatched_csv(
        experts in proptest::collection::vec(ex(), 1..8),
        requests in proptest::collection::vec(rq(), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &experts, &requests);
        let o = run(&["run", "--data", ".", "--week", "2026-W48", "--out", "o", "--csv-dialect", "intl"], dir.path());
        let stdout = String::from_utf8_lossy(&o.stdout);
        prop_assert!(o.status.success(), "{}{}", stdout, String::from_utf8_lossy(&o.stderr));
        let file = fs::read_to_string(dir.path().join("o/unmatched.csv")).unwrap();
        let (summary, reasons) = (summary_causes(&stdout), file_causes(&file));
        prop_assert_eq!(&summary, &reasons, "summary:\n{}\nunmatched.csv:\n{}", stdout, file);
    }
}

#[test]
fn reasons_are_read_back_into_their_causes() {
    assert_eq!(
        cause_of_reason("3 expert(s) meet the rules before it (E1, E2 and E3), but none has thu-pm free (rule 8)"),
        "no free slot"
    );
    assert_eq!(
        cause_of_reason("1 eligible expert(s), all used to the limit this week: E0068 (would carry load 8 of 5 this week)"),
        "experts at their limit"
    );
    assert_eq!(
        cause_of_reason("no expert is free for this request now, for personal reasons (rules 3-4)"),
        "personal reasons"
    );
    assert!(cause_of_reason("something else").starts_with("(unread"));
}
