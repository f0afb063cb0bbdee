//! One voice for the texts that stayed English under `--lang nl`: the output folder's errors
//! (`--out` a file, a folder that cannot be created under a file), `ledger check`'s problems of
//! a damaged ledger, and the heavy-theme trajectory's pause (singular and plural of "week" in
//! both languages). Each runs the real binary and searches stdout and stderr for English words
//! with the check of [`crate::dutch`].

use crate::dutch::english_in;
use crate::harness::{bin, root};
use std::path::Path;

/// `matchpunt ARGS --lang LANG` in `cwd`: (success, stdout, stderr).
fn run_lang(cwd: &Path, args: &[&str], lang: &str) -> (bool, String, String) {
    let o = bin()
        .args(args)
        .args(["--lang", lang])
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn output_folder_errors_read_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("afile"), "x").unwrap();
    let sample = root().join("data/sample");
    let sample = sample.to_str().unwrap();
    let mut found = Vec::new();
    for (out, dutch, english) in [
        (
            "afile",
            "is een bestand, geen map",
            "is a file, not a folder",
        ),
        (
            "afile/sub",
            "kan de uitvoermap afile/sub niet maken",
            "cannot create the output folder afile/sub",
        ),
        (
            "afile/week.xlsx",
            "afile is een bestand, geen map",
            "afile is a file, not a folder",
        ),
    ] {
        let args = ["run", "--data", sample, "--out", out, "--week", "2026-W48"];
        let (ok, stdout, stderr) = run_lang(dir.path(), &args, "nl");
        assert!(!ok, "{out}: {stdout}");
        assert!(stderr.contains(dutch), "{out}: {stderr}");
        english_in(&format!("--out {out} (stderr)"), &stderr, &mut found);
        let (ok, _, stderr) = run_lang(dir.path(), &args, "en");
        assert!(!ok && stderr.contains(english), "{out}: {stderr}");
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn ledger_check_problems_read_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = run_lang(dir.path(), &["ledger", "init", "s.ledger"], "nl");
    assert!(ok, "{err}");
    // Damage it as a half-done close would: history rows of an open week, and of a week the
    // ledger never saw.
    let c = rusqlite::Connection::open(dir.path().join("s.ledger")).unwrap();
    c.execute_batch(
        "INSERT INTO weeks (week, closed_at, closed_by) VALUES ('2026-W11', NULL, NULL);
         INSERT INTO history (week, expert, org, role, intensity, request, themes, heavy,
             declined, source)
         VALUES ('2026-W10', 'E1', 'X', 'speaker', 1, 'R1', '', 0, 0, 'import'),
                ('2026-W11', 'E2', 'X', 'speaker', 1, 'R2', '', 0, 0, 'import'),
                ('2026-W11', 'E3', 'X', 'speaker', 1, 'R3', '', 0, 0, 'import');",
    )
    .unwrap();
    drop(c);
    let args = ["ledger", "check", "--ledger", "s.ledger"];
    let (ok, out, err) = run_lang(dir.path(), &args, "nl");
    assert!(!ok);
    assert!(
        out.contains("probleem: week 2026-W11: open, maar met 2 regels historie (half afgesloten)"),
        "{out}"
    );
    assert!(
        out.contains("probleem: 3 regels historie van een week die niet is afgesloten"),
        "{out}"
    );
    assert!(err.contains("2 problemen gevonden"), "{err}");
    let mut found = Vec::new();
    english_in("ledger check (stdout)", &out, &mut found);
    english_in("ledger check (stderr)", &err, &mut found);
    assert!(found.is_empty(), "{found:#?}");
    let (_, out, err) = run_lang(dir.path(), &args, "en");
    assert!(
        out.contains("problem: week 2026-W11: open, but has 2 history rows (half closed)"),
        "{out}"
    );
    assert!(err.contains("2 problems found"), "{err}");
}

/// The heavy-theme trajectory's pause in `suggest`: "1 week" and "2 weeks", "1 week" and "2
/// weken", never "week(s)".
#[test]
fn the_heavy_trajectory_pause_says_week_and_weeks_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("experts.csv"),
        "id,roles,certified,themes,availability,online,place\nE1,buddy,yes,trauma,*,yes,Utrecht\n",
    )
    .unwrap();
    std::fs::write(
        d.join("requests.csv"),
        "id,org,role,themes,online,meetings,every_weeks\n\
         R1,Org,buddy,trauma,yes,3,1\nR2,Org,buddy,trauma,yes,3,2\n",
    )
    .unwrap();
    std::fs::write(d.join("p.toml"), "[rules]\nheavy_pause_weeks = 2\n").unwrap();
    let suggest = |request: &str, lang: &str| {
        let args = [
            "suggest",
            "--data",
            ".",
            "--policy",
            "p.toml",
            "--request",
            request,
            "--week",
            "2026-W48",
        ];
        let (ok, out, err) = run_lang(d, &args, lang);
        assert!(ok, "{err}");
        assert!(!out.contains("week(s)"), "{out}");
        out
    };
    for (request, en, nl) in [
        (
            "R1",
            "a heavy-theme trajectory with 1 week between its meetings would lose its later meetings to the heavy-theme pause of 2 weeks",
            "een traject met een zwaar thema en 1 week tussen de bijeenkomsten zou de latere bijeenkomsten verliezen door de pauze na zware thema's van 2 weken",
        ),
        (
            "R2",
            "a heavy-theme trajectory with 2 weeks between its meetings",
            "een traject met een zwaar thema en 2 weken tussen de bijeenkomsten",
        ),
    ] {
        let out = suggest(request, "en");
        assert!(out.contains(en), "{out}");
        let out = suggest(request, "nl");
        assert!(out.contains(nl), "{out}");
    }
}
