//! DIMACS reading and writing.

use crate::common;

use common::{random_network, Rng};
use matchpunt_flow::dimacs::{self, DimacsError};
use matchpunt_flow::{solve, Algorithm, FlowNetwork};
use proptest::prelude::*;

fn same_network(a: &FlowNetwork, b: &FlowNetwork) -> bool {
    a.num_nodes() == b.num_nodes()
        && a.num_arcs() == b.num_arcs()
        && (0..a.num_nodes() as u32).all(|v| a.supply(v) == b.supply(v))
        && (0..a.num_arcs() as u32).all(|e| a.arc(e) == b.arc(e))
}

fn roundtrip(net: &FlowNetwork, comment: &str) {
    let mut out = Vec::new();
    dimacs::write(net, &mut out, comment).unwrap();
    let p = dimacs::read(out.as_slice()).unwrap();
    assert!(same_network(net, &p.network));
    assert_eq!(p.lower_bound_cost, 0);
    assert_eq!(p.lower, vec![0; net.num_arcs()]);
}

#[test]
fn write_format() {
    let mut net = FlowNetwork::new(3);
    net.set_supply(0, 2);
    net.set_supply(2, -2);
    net.add_arc(0, 1, 5, -3);
    net.add_arc(1, 2, 2, 7);
    let mut out = Vec::new();
    dimacs::write(&net, &mut out, "two lines\n\nof comment").unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "c two lines\nc\nc of comment\np min 3 2\nn 1 2\nn 3 -2\na 1 2 0 5 -3\na 2 3 0 2 7\n"
    );
}

#[test]
fn roundtrip_random_networks() {
    let mut rng = Rng(5);
    for _ in 0..20 {
        let n = rng.range(1, 40) as usize;
        let net = random_network(&mut rng, n, 3 * n, 1 << 40, 1 << 40, n);
        roundtrip(&net, "random");
    }
    roundtrip(&FlowNetwork::new(0), "");
}

#[test]
fn lower_bounds_are_transformed() {
    let text = "\
c lower bounds
p min 3 2

n 1 4
  n 3 -4
a 1 2 1 5 10
c comment in between
a 2 3 -2 6 3
";
    let p = dimacs::read(text.as_bytes()).unwrap();
    assert_eq!(p.lower, vec![1, -2]);
    assert_eq!(p.lower_bound_cost, 10 - 6);
    assert_eq!(p.network.arc(0), (0, 1, 4, 10));
    assert_eq!(p.network.arc(1), (1, 2, 8, 3));
    assert_eq!(
        (0..3).map(|v| p.network.supply(v)).collect::<Vec<_>>(),
        vec![3, 1 + 2, -4 - 2]
    );
    // 4 units along 1->2->3 cost 4 * 13 = 52 in the original problem.
    let sol = solve(&p.network, Algorithm::default()).unwrap();
    assert_eq!(p.lower_bound_cost + sol.cost, 52);
    assert_eq!(p.lower[0] + sol.flow[0], 4);
    assert_eq!(p.lower[1] + sol.flow[1], 4);
}

fn parse_err(text: &str) -> (usize, String, String) {
    match dimacs::read(text.as_bytes()) {
        Err(DimacsError::Parse {
            line,
            text,
            expected,
        }) => (line, text, expected),
        other => panic!("expected a parse error for {text:?}, got {other:?}"),
    }
}

#[test]
fn errors_name_line_text_and_expectation() {
    // One row per broken input, written out on purpose: the rows look alike.
    let cases: &[(&str, usize, &str, &str)] = &[
        ("", 1, "end of input", "`p min"),
        ("c only\n", 2, "end of input", "`p min"),
        ("p max 2 1\n", 1, "p max 2 1", "p min NODES ARCS"),
        ("p min 2\n", 1, "p min 2", "p min NODES ARCS"),
        ("p min -2 1\n", 1, "-2", "node count"),
        ("p min 2 x\n", 1, "x", "arc count"),
        ("p min 999999999999 0\n", 1, "999999999999", "node count"),
        ("p min 2 1\np min 2 1\n", 2, "p min 2 1", "only one"),
        ("n 1 2\n", 1, "n 1 2", "`p min NODES ARCS` line first"),
        (
            "a 1 2 0 1 1\n",
            1,
            "a 1 2 0 1 1",
            "`p min NODES ARCS` line first",
        ),
        ("p min 2 1\nn 3 1\n", 2, "3", "node id from 1 to 2"),
        ("p min 2 1\nn 0 1\n", 2, "0", "node id from 1 to 2"),
        ("p min 2 1\nn 1 1.5\n", 2, "1.5", "supply"),
        (
            "p min 2 1\nn 1 1\nn 1 1\n",
            3,
            "n 1 1",
            "at most one `n` line for node 1",
        ),
        ("p min 2 1\nn 1\n", 2, "n 1", "n ID SUPPLY"),
        (
            "p min 2 1\na 1 2 0 1\n",
            2,
            "a 1 2 0 1",
            "a FROM TO LOW CAP COST",
        ),
        ("p min 2 1\na 1 3 0 1 1\n", 2, "3", "head node id"),
        ("p min 2 1\na x 2 0 1 1\n", 2, "x", "tail node id"),
        (
            "p min 2 1\na 1 2 2 1 1\n",
            2,
            "a 1 2 2 1 1",
            "lower bound not above",
        ),
        (
            "p min 2 1\na 1 2 0 99999999999999999999 1\n",
            2,
            "99999999999999999999",
            "capacity",
        ),
        ("p min 2 1\na 1 2 0 1 --1\n", 2, "--1", "cost"),
        (
            "p min 2 1\na 1 2 0 1 1\na 1 2 0 1 1\n",
            3,
            "a 1 2 0 1 1",
            "no more than the 1 arcs",
        ),
        ("p min 2 2\na 1 2 0 1 1\n", 3, "end of input", "2 arc lines"),
        (
            "p min 2 1\nx 1 2\n",
            2,
            "x 1 2",
            "starting with `c`, `p`, `n` or `a`",
        ),
        (
            "p min 2 1\na 1 2 -9223372036854775807 9223372036854775807 1\n",
            2,
            "a 1 2",
            "fits in an i64",
        ),
        (
            "p min 2 1\nn 1 9223372036854775807\na 2 1 1 1 1\n",
            3,
            "a 2 1",
            "fits in an i64",
        ),
    ];
    for &(input, line, text, expected) in cases {
        let (l, t, e) = parse_err(input);
        assert_eq!(l, line, "line for {input:?}");
        assert!(
            t.contains(text),
            "text {t:?} for {input:?} should contain {text:?}"
        );
        assert!(
            e.contains(expected),
            "expectation {e:?} for {input:?} should contain {expected:?}"
        );
        // The message shows all three.
        let msg = dimacs::read(input.as_bytes()).unwrap_err().to_string();
        assert!(msg.starts_with(&format!("line {line}: expected ")), "{msg}");
    }
    // Invalid UTF-8 and long lines.
    let (l, _, e) = parse_err("p min 1 0\nc ok\n\u{0}\n");
    assert_eq!((l, e.contains("starting with")), (3, true));
    let mut bytes = b"p min 1 0\n".to_vec();
    bytes.extend_from_slice(&[b'n', b' ', 0xff, 0xfe, b'\n']);
    match dimacs::read(bytes.as_slice()) {
        Err(DimacsError::Parse {
            line: 2, expected, ..
        }) => assert!(expected.contains("UTF-8")),
        other => panic!("{other:?}"),
    }
    let long = format!("p min 1 0\nq {}\n", "x".repeat(10_000));
    let (_, t, _) = parse_err(&long);
    assert!(t.chars().count() < 100);
}

#[test]
fn accepts_crlf_tabs_and_trailing_blank_lines() {
    let text = "c windows\r\np\tmin 2 1\r\nn 1 1\r\nn 2 -1\r\na 1 2 0 1 5\r\n\r\n   \n";
    let p = dimacs::read(text.as_bytes()).unwrap();
    assert_eq!(p.network.arc(0), (0, 1, 1, 5));
    assert_eq!(solve(&p.network, Algorithm::default()).unwrap().cost, 5);
}

/// Tokens that make plausible-looking DIMACS lines.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("p".to_string()),
        Just("min".to_string()),
        Just("n".to_string()),
        Just("a".to_string()),
        Just("c".to_string()),
        Just("x".to_string()),
        (-3i64..6).prop_map(|v| v.to_string()),
        any::<i64>().prop_map(|v| v.to_string()),
        Just("99999999999999999999".to_string()),
        Just("".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Arbitrary bytes never make the reader panic.
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = dimacs::read(bytes.as_slice());
    }

    /// Arbitrary lines of DIMACS-like tokens never make the reader panic; what it accepts is
    /// consistent and can be solved without panicking.
    #[test]
    fn random_lines_never_panic(
        head in prop::option::of((0u64..6, 0u64..6)),
        lines in prop::collection::vec(prop::collection::vec(token(), 0..7), 0..12),
    ) {
        let mut text = String::new();
        if let Some((n, m)) = head {
            text += &format!("p min {n} {m}\n");
        }
        for l in &lines {
            text += &l.join(" ");
            text.push('\n');
        }
        if let Ok(p) = dimacs::read(text.as_bytes()) {
            prop_assert_eq!(p.lower.len(), p.network.num_arcs());
            let _ = solve(&p.network, Algorithm::CostScaling);
            let _ = solve(&p.network, Algorithm::SuccessiveShortestPaths);
        }
    }

    /// write -> read gives back the same network.
    #[test]
    fn write_read_roundtrip(seed in any::<u64>(), n in 1usize..12, comment in "[ -~\n]{0,40}") {
        let mut rng = Rng(seed);
        let net = random_network(&mut rng, n, 2 * n, 100, 100, n);
        roundtrip(&net, &comment);
    }
}

/// A 19-byte file announcing 2^27 nodes took 77 s and 10 GB: memory follows the text, and a node
/// count far above what the arcs and node lines touch is refused, naming the `p` line.
#[test]
fn a_huge_announced_size_allocates_nothing_and_is_refused() {
    let t = std::time::Instant::now();
    let e = dimacs::read("p min 134217728 0\n".as_bytes()).unwrap_err();
    assert!(
        t.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(e.line(), 1);
    let msg = e.to_string();
    assert!(msg.contains("at most 1048576 nodes"), "{msg}");
    // Many arcs announced, few given: refused at the end without reserving for them.
    let e = dimacs::read("p min 2 1073741820\na 1 2 0 1 1\n".as_bytes()).unwrap_err();
    assert!(e.to_string().contains("1073741820 arc lines"), "{e}");
    // Isolated nodes are fine in moderation (an exported batch has experts without arcs).
    let p = dimacs::read("p min 1000 1\nn 1 1\nn 2 -1\na 1 2 0 1 5\n".as_bytes()).unwrap();
    assert_eq!(p.network.num_nodes(), 1000);
    assert_eq!(p.network.supply(0), 1);
    assert_eq!(p.network.supply(1), -1);
}
