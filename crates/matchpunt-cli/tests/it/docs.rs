//! The documents cannot drift: every command shown with its output in a ```text block of the
//! README or `docs/` is run by the real binary, and every output line shown must be printed, in
//! order.
//!
//! How a block is read: a line starting with `$ matchpunt ` is a command (a trailing `\` joins the
//! next line; a `# comment` after two spaces is dropped); the lines after it, up to the next
//! command, are its output as shown. A shown line of `...`, a line containing `...` or `…`
//! (elided), and the `time:` line (seconds differ from run to run) are not compared. The commands
//! of one block run one after another in one temporary folder that holds a copy of `data/` and `examples/`, so a
//! block may use what an earlier command of it wrote. Lines are compared with runs of spaces
//! collapsed.

use crate::harness::{bin, copy_dir, root};
use std::fs;
use std::path::PathBuf;

/// One shown command and the output lines shown after it.
struct Shown {
    args: Vec<String>,
    lines: Vec<String>,
}

fn words(line: &str) -> Vec<String> {
    // A small shell word splitter: double and single quotes, no escapes beyond them.
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() || any {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() || any {
        out.push(cur);
    }
    out
}

fn blocks(text: &str) -> Vec<Vec<Shown>> {
    let mut out = Vec::new();
    let mut in_text = false;
    let mut cur: Vec<Shown> = Vec::new();
    let mut pending = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            if in_text && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            in_text = line.trim() == "```text";
            continue;
        }
        if !in_text {
            continue;
        }
        if !pending.is_empty() {
            pending.push(' ');
            pending.push_str(line.trim().trim_end_matches('\\'));
            if !line.trim_end().ends_with('\\') {
                let cmd = std::mem::take(&mut pending);
                cur.push(Shown {
                    args: words(&cmd),
                    lines: Vec::new(),
                });
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("$ matchpunt ") {
            let rest = rest.split("  #").next().unwrap();
            if rest.trim_end().ends_with('\\') {
                pending = rest.trim_end().trim_end_matches('\\').to_string();
            } else {
                cur.push(Shown {
                    args: words(rest),
                    lines: Vec::new(),
                });
            }
        } else if let Some(last) = cur.last_mut() {
            last.lines.push(line.to_string());
        }
    }
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn compared(line: &str) -> bool {
    let t = line.trim();
    !(t.is_empty() || t.contains("...") || t.contains('…') || t.starts_with("time:"))
}

fn doc_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    let mut stack = vec![root().join("docs")];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_command_shown_in_the_docs_prints_what_the_docs_show() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in doc_files() {
        let text = fs::read_to_string(&file).unwrap();
        for block in blocks(&text) {
            if block.iter().all(|s| !s.lines.iter().any(|l| compared(l))) {
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            copy_dir(&root().join("data"), &dir.path().join("data"));
            copy_dir(&root().join("examples"), &dir.path().join("examples"));
            for shown in &block {
                let out = bin()
                    .args(&shown.args)
                    .current_dir(dir.path())
                    .env("NO_COLOR", "1")
                    .output()
                    .unwrap();
                let printed = format!(
                    "{}\n{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                let printed: Vec<String> = printed.lines().map(squash).collect();
                let mut at = 0;
                for want in shown.lines.iter().filter(|l| compared(l)) {
                    let want = squash(want);
                    match printed[at..].iter().position(|p| *p == want) {
                        Some(i) => at += i + 1,
                        None => failures.push(format!(
                            "{}: `matchpunt {}` did not print (in order): {want}",
                            file.strip_prefix(root()).unwrap_or(&file).display(),
                            shown.args.join(" ")
                        )),
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 5, "only {checked} commands found in the docs");
    assert!(
        failures.is_empty(),
        "{} shown line(s) differ from what the binary prints:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
