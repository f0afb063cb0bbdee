//! The DIMACS minimum-cost flow format.
//!
//! ```text
//! c a comment line
//! p min NODES ARCS
//! n ID SUPPLY          (one line per node with nonzero supply; ids are 1-based)
//! a FROM TO LOW CAP COST
//! ```
//!
//! (First DIMACS Implementation Challenge, 1990–91, "Network Flows and Matching".) Positive
//! supplies are sources, negative ones demands, as in [`FlowNetwork`].
//!
//! [`read`] accepts lower bounds `LOW` (any `LOW <= CAP`, also negative) and turns them into an
//! equivalent network without lower bounds: the arc gets capacity `CAP - LOW`, `FROM` loses and
//! `TO` gains `LOW` units of supply, and `LOW · COST` is added to
//! [`DimacsProblem::lower_bound_cost`]. The flow of the original problem on arc `i` is then
//! `lower[i] + flow[i]` and its cost `lower_bound_cost + cost`. [`write()`] always writes `LOW = 0`.
//!
//! ```
//! use matchpunt_flow::{dimacs, solve, Algorithm};
//!
//! let text = "c tiny example\np min 3 3\nn 1 2\nn 3 -2\na 1 2 1 2 5\na 2 3 0 2 1\na 1 3 0 1 10\n";
//! let problem = dimacs::read(text.as_bytes()).unwrap();
//! let sol = solve(&problem.network, Algorithm::default()).unwrap();
//! // Arc 1->2 must carry at least 1 unit; the cheapest way is 2 units along 1->2->3.
//! assert_eq!(problem.lower_bound_cost + sol.cost, 12);
//! assert_eq!(problem.lower[0] + sol.flow[0], 2);
//!
//! let mut out = Vec::new();
//! dimacs::write(&problem.network, &mut out, "reduced").unwrap();
//! assert!(String::from_utf8(out).unwrap().starts_with("c reduced\np min 3 3\n"));
//! ```

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufWriter, Write};

use crate::{FlowNetwork, MAX_ARCS};

/// Largest node count [`read`] accepts (2^27).
pub const MAX_READ_NODES: usize = 1 << 27;

/// A problem read from DIMACS text.
#[derive(Clone, Debug)]
pub struct DimacsProblem {
    /// The network with lower bounds removed (all lower bounds 0).
    pub network: FlowNetwork,
    /// Cost of the flow forced by the lower bounds: `sum(lower[i] * cost[i])`.
    pub lower_bound_cost: i64,
    /// Lower bound of each arc, indexed by arc id.
    pub lower: Vec<i64>,
}

/// Why DIMACS text could not be read. Every variant names the 1-based line.
#[derive(Debug, thiserror::Error)]
pub enum DimacsError {
    /// The reader failed.
    #[error("line {line}: read error: {source}")]
    Io {
        /// Line being read.
        line: usize,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The text is not valid DIMACS.
    #[error("line {line}: expected {expected}, found `{text}`")]
    Parse {
        /// Offending line (the line after the last one for errors at the end of input).
        line: usize,
        /// Offending text (shortened if long), or `end of input`.
        text: String,
        /// What was expected there.
        expected: String,
    },
}

impl DimacsError {
    /// The 1-based line the error refers to.
    pub fn line(&self) -> usize {
        match self {
            DimacsError::Io { line, .. } | DimacsError::Parse { line, .. } => *line,
        }
    }
}

/// Writes `net` in DIMACS format: each line of `comment` as a `c` line, the `p min` line,
/// `n` lines for the nonzero supplies and one `a` line per arc (lower bound 0), ids 1-based.
pub fn write<W: Write>(net: &FlowNetwork, w: W, comment: &str) -> std::io::Result<()> {
    let mut w = BufWriter::new(w);
    for line in comment.lines() {
        if line.is_empty() {
            writeln!(w, "c")?;
        } else {
            writeln!(w, "c {line}")?;
        }
    }
    writeln!(w, "p min {} {}", net.num_nodes(), net.num_arcs())?;
    for (v, &b) in net.supply.iter().enumerate() {
        if b != 0 {
            writeln!(w, "n {} {}", v + 1, b)?;
        }
    }
    for a in 0..net.num_arcs() {
        writeln!(
            w,
            "a {} {} 0 {} {}",
            net.tail[a] as u64 + 1,
            net.head[a] as u64 + 1,
            net.cap[a],
            net.cost[a]
        )?;
    }
    w.flush()
}

/// Longest offending text quoted in an error.
const MAX_QUOTE: usize = 80;

fn quote(s: &str) -> String {
    let s = s.trim();
    if s.len() <= MAX_QUOTE {
        return s.to_string();
    }
    let mut end = MAX_QUOTE;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

fn err(line: usize, text: &str, expected: impl Into<String>) -> DimacsError {
    DimacsError::Parse {
        line,
        text: quote(text),
        expected: expected.into(),
    }
}

/// Parses one integer field.
fn int(line: usize, tok: &str, what: &str) -> Result<i64, DimacsError> {
    tok.parse::<i64>()
        .map_err(|_| err(line, tok, format!("{what} (an integer in the i64 range)")))
}

/// Parses a 1-based node id of a network with `n` nodes into a 0-based one.
fn node(line: usize, tok: &str, n: usize, what: &str) -> Result<u32, DimacsError> {
    match tok.parse::<u64>() {
        Ok(id) if id >= 1 && id <= n as u64 => Ok((id - 1) as u32),
        _ => Err(err(line, tok, format!("{what} (a node id from 1 to {n})"))),
    }
}

/// Nodes that no arc and no `n` line touches are accepted up to this many (2^20): isolated
/// nodes are legal but useless, and a `p` line must not make [`read`] allocate for millions of
/// them (a 19-byte file `p min 134217728 0` took 10 GB).
pub const MAX_ISOLATED_NODES: usize = 1 << 20;

/// Reads a DIMACS minimum-cost flow problem. Comment (`c`) lines and blank lines are skipped
/// anywhere; the `p min` line must come before all `n` and `a` lines, and there must be exactly
/// as many `a` lines as it announces. Memory is allocated for what the text holds, not for what
/// the `p` line announces: a node count above what the arcs and node lines can touch plus
/// [`MAX_ISOLATED_NODES`] is refused at the end. Never panics: every malformed input gives a
/// [`DimacsError`] naming the line, the offending text and what was expected.
pub fn read<R: BufRead>(mut r: R) -> Result<DimacsProblem, DimacsError> {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    // (line and text of the `p` line, nodes, announced arcs)
    let mut header: Option<(usize, String, usize, usize)> = None;
    let mut net = FlowNetwork::default();
    // Supplies of the nodes with an `n` line or a lower bound, and the nodes with an `n` line.
    let mut supply: HashMap<u32, i64> = HashMap::new();
    let mut seen: HashSet<u32> = HashSet::new();
    let mut lower: Vec<i64> = Vec::new();
    let mut lower_cost: i64 = 0;
    loop {
        buf.clear();
        line_no += 1;
        let got = r
            .read_until(b'\n', &mut buf)
            .map_err(|source| DimacsError::Io {
                line: line_no,
                source,
            })?;
        if got == 0 {
            break;
        }
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => t,
            Err(_) => {
                return Err(err(
                    line_no,
                    &String::from_utf8_lossy(&buf),
                    "a line of UTF-8 text",
                ))
            }
        };
        let mut toks = text.split_whitespace();
        let Some(kind) = toks.next() else { continue };
        if kind.starts_with('c') {
            continue;
        }
        let fields: Vec<&str> = toks.collect();
        match kind {
            "p" => {
                if header.is_some() {
                    return Err(err(line_no, text, "only one `p` line"));
                }
                if fields.len() != 3 || fields[0] != "min" {
                    return Err(err(line_no, text, "a problem line `p min NODES ARCS`"));
                }
                let n = match fields[1].parse::<u64>() {
                    Ok(n) if n <= MAX_READ_NODES as u64 => n as usize,
                    _ => {
                        return Err(err(
                            line_no,
                            fields[1],
                            format!("a node count from 0 to {MAX_READ_NODES}"),
                        ))
                    }
                };
                let m = match fields[2].parse::<u64>() {
                    Ok(m) if m <= MAX_ARCS as u64 => m as usize,
                    _ => {
                        return Err(err(
                            line_no,
                            fields[2],
                            format!("an arc count from 0 to {MAX_ARCS}"),
                        ))
                    }
                };
                // Room for what a first chunk of the text can hold; the rest grows as read.
                let reserve = m.min(1 << 16);
                lower.reserve(reserve);
                net = FlowNetwork::with_capacity(0, reserve);
                header = Some((line_no, text.to_string(), n, m));
            }
            "n" => {
                let Some((_, _, n, _)) = header else {
                    return Err(err(line_no, text, "the `p min NODES ARCS` line first"));
                };
                if fields.len() != 2 {
                    return Err(err(line_no, text, "a node line `n ID SUPPLY`"));
                }
                let v = node(line_no, fields[0], n, "a node id")?;
                let b = int(line_no, fields[1], "a supply")?;
                if !seen.insert(v) {
                    return Err(err(
                        line_no,
                        text,
                        format!("at most one `n` line for node {}", v as u64 + 1),
                    ));
                }
                let s = supply.entry(v).or_insert(0);
                *s = s.checked_add(b).ok_or_else(|| {
                    err(
                        line_no,
                        text,
                        "a supply that, with the lower bounds, fits in an i64",
                    )
                })?;
            }
            "a" => {
                let Some((_, _, n, m)) = header else {
                    return Err(err(line_no, text, "the `p min NODES ARCS` line first"));
                };
                if fields.len() != 5 {
                    return Err(err(line_no, text, "an arc line `a FROM TO LOW CAP COST`"));
                }
                if net.num_arcs() == m {
                    return Err(err(
                        line_no,
                        text,
                        format!("no more than the {m} arcs announced by the `p` line"),
                    ));
                }
                let u = node(line_no, fields[0], n, "the tail node id")?;
                let v = node(line_no, fields[1], n, "the head node id")?;
                let low = int(line_no, fields[2], "the lower bound")?;
                let cap = int(line_no, fields[3], "the capacity")?;
                let cost = int(line_no, fields[4], "the cost")?;
                if low > cap {
                    return Err(err(line_no, text, "a lower bound not above the capacity"));
                }
                let overflow = || {
                    err(
                        line_no,
                        text,
                        "bounds, costs and supplies whose lower-bound transformation fits in an i64",
                    )
                };
                let cap = cap.checked_sub(low).ok_or_else(overflow)?;
                if low != 0 {
                    let su = supply.entry(u).or_insert(0);
                    *su = su.checked_sub(low).ok_or_else(overflow)?;
                    let sv = supply.entry(v).or_insert(0);
                    *sv = sv.checked_add(low).ok_or_else(overflow)?;
                    lower_cost = low
                        .checked_mul(cost)
                        .and_then(|c| c.checked_add(lower_cost))
                        .ok_or_else(overflow)?;
                }
                net.tail.push(u);
                net.head.push(v);
                net.cap.push(cap);
                net.cost.push(cost);
                lower.push(low);
            }
            _ => {
                return Err(err(
                    line_no,
                    text,
                    "a line starting with `c`, `p`, `n` or `a`",
                ))
            }
        }
    }
    let Some((p_line, p_text, n, m)) = header else {
        return Err(err(line_no, "end of input", "a `p min NODES ARCS` line"));
    };
    if net.num_arcs() != m {
        return Err(err(
            line_no,
            "end of input",
            format!(
                "{m} arc lines as announced by the `p` line, not {}",
                net.num_arcs()
            ),
        ));
    }
    let touched = 2 * m + seen.len();
    if n > touched + MAX_ISOLATED_NODES {
        return Err(err(
            p_line,
            &p_text,
            format!(
                "at most {} nodes: {m} arcs and {} node lines touch at most {touched}, and at most {MAX_ISOLATED_NODES} more nodes may be isolated",
                touched + MAX_ISOLATED_NODES,
                seen.len()
            ),
        ));
    }
    net.supply = vec![0; n];
    for (v, b) in supply {
        net.supply[v as usize] = b;
    }
    Ok(DimacsProblem {
        network: net,
        lower_bound_cost: lower_cost,
        lower,
    })
}
