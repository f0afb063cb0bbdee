//! Numbers as Dutch and international spreadsheets write them: a thousands separator that the
//! other convention reads as a decimal point is never read silently.

use crate::harness::{fixture, run};

/// The case travel-km-1.000-read-as-1-km: `1.000` in a `;` file was read as 1 km without a
/// word; now it is read as the stricter 1 km with a warning naming the cell, and `1.5` is shown
/// as 1.5, not 2.
#[test]
fn an_ambiguous_travel_limit_warns_naming_the_cell_and_a_fraction_is_shown() {
    let dir = fixture("travel-km-1.000-read-as-1-km");
    let o = run(&["check", "--data", "."], &dir);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "experts.csv:3:7 (G2): column 'max reisafstand (km)': \"1.000\" is ambiguous"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("read as 1 km, the stricter limit"),
        "{stderr}"
    );
    let o = run(&["suggest", "--data", ".", "--request", "R1"], &dir);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stdout}");
    assert!(stdout.contains("travels up to 1.5"), "{stdout}");
    assert!(!stdout.contains("travels up to 2"), "{stdout}");
    assert!(
        stdout.contains("Anna (E1): lives 19.5 km away and travels up to 1 "),
        "{stdout}"
    );
}

/// In a safety column (max_assignments, load_budget) the same number is an error naming the
/// cell, in either dialect: `1.000` in a `;` file, `1,000` in a `,` file.
#[test]
fn an_ambiguous_number_in_a_limit_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let requests =
        "id;org;role;themes;place;slot\nR1;Gemeente Utrecht;speaker;pesten;Utrecht;wed-pm\n";
    for (sep, value, col) in [
        (";", "1.000", "load_budget"),
        (";", "1.000", "max_assignments"),
        (",", "\"1,000\"", "load_budget"),
    ] {
        let experts = format!(
            "id{sep}roles{sep}certified{sep}themes{sep}place{sep}availability{sep}{col}\nE1{sep}speaker{sep}yes{sep}pesten{sep}Utrecht{sep}*{sep}{value}\n"
        );
        std::fs::write(d.join("experts.csv"), experts).unwrap();
        std::fs::write(d.join("requests.csv"), requests.replace(';', sep)).unwrap();
        let o = run(&["check", "--data", "."], d);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{col} {value}: {stderr}");
        assert!(stderr.contains("experts.csv:2:7"), "{stderr}");
        assert!(stderr.contains("ambiguous"), "{stderr}");
    }
}
