//! The house rules of `docs/internals/architecture.md` that a machine can check: no import circle
//! between the top-level modules of the core and of the web crate, and no source file of any crate
//! over 800 lines (before its unit tests) without a reason written at its top (a module doc line
//! starting `//! Why one file:`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn web_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../matchpunt-web/src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file belongs to (`ingest/sheet.rs` -> `ingest`).
fn top(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Code without comments and without the unit-test module at the end.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let tops: BTreeSet<String> = files
        .iter()
        .map(|p| top(p.strip_prefix(src).unwrap()))
        .filter(|t| t != "lib")
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &files {
        let from = top(p.strip_prefix(src).unwrap());
        if from == "lib" {
            continue;
        }
        let text = code(&fs::read_to_string(p).unwrap());
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name != from && tops.contains(&name) {
                edges.entry(from.clone()).or_default().insert(name);
            }
        }
    }
    edges
}

/// A path from `to` back to `from`, if any (so `from -> to` closes a circle).
fn path_back(
    edges: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    to: &str,
) -> Option<Vec<String>> {
    let mut stack = vec![vec![to.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().unwrap().clone();
        if last == from {
            return Some(path);
        }
        if !seen.insert(last.clone()) {
            continue;
        }
        for next in edges.get(&last).into_iter().flatten() {
            let mut p = path.clone();
            p.push(next.clone());
            stack.push(p);
        }
    }
    None
}

fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut circles = Vec::new();
    for (from, tos) in edges {
        for to in tos {
            if let Some(back) = path_back(edges, from, to) {
                circles.push(format!("{from} -> {}", back.join(" -> ")));
            }
        }
    }
    circles
}

#[test]
fn no_import_circle_between_the_cores_top_level_modules() {
    let edges = graph(&src());
    let circles = circles(&edges);
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
    // The check can fail: the stages do depend on each other.
    assert!(edges["batch"].contains("solve") && edges["ingest"].contains("model"));
}

#[test]
fn no_import_circle_between_the_web_crates_top_level_modules() {
    let edges = graph(&web_src());
    let circles = circles(&edges);
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
    assert!(edges["pages"].contains("state"));
}

#[test]
fn no_source_file_over_800_lines_without_a_reason_at_its_top() {
    let mut files = Vec::new();
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for c in fs::read_dir(&crates).unwrap() {
        let dir = c.unwrap().path().join("src");
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
    }
    assert!(files.len() > 50, "{} files", files.len());
    let mut long = Vec::new();
    for p in files {
        let text = fs::read_to_string(&p).unwrap();
        // Source lines: a unit-test module at the end does not count.
        let lines = text
            .lines()
            .take_while(|l| !l.starts_with("#[cfg(test)]"))
            .count();
        let reason = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .any(|l| l.starts_with("//! Why one file:"));
        if lines > 800 && !reason {
            long.push(format!("{} ({lines} lines)", p.display()));
        }
    }
    assert!(
        long.is_empty(),
        "files over 800 lines with no '//! Why one file:' line at their top:\n{}",
        long.join("\n")
    );
}

#[test]
fn one_integration_test_binary_per_crate() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut binaries = Vec::new();
    let mut stray = Vec::new();
    for c in fs::read_dir(&crates).unwrap() {
        let tests = c.unwrap().path().join("tests");
        if !tests.is_dir() {
            continue;
        }
        for e in fs::read_dir(&tests).unwrap() {
            let p = e.unwrap().path();
            // Cargo makes a test binary of every `tests/*.rs` and `tests/*/main.rs`.
            if p.extension().is_some_and(|x| x == "rs") || p.join("main.rs").is_file() {
                if p.ends_with("it") {
                    binaries.push(p);
                } else {
                    stray.push(p.display().to_string());
                }
            }
        }
    }
    assert!(
        stray.is_empty(),
        "test binaries beside tests/it/main.rs (make each a module of it):\n{}",
        stray.join("\n")
    );
    assert!(binaries.len() >= 6, "{binaries:?}");
}
