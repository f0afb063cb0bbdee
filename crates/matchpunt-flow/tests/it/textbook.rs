//! Instances with known optimal cost, from published sources or checked by hand.

use crate::common;

use common::{brute_force, solve_both, BOTH};
use matchpunt_flow::{dimacs, solve, verify, FlowError, FlowNetwork};

/// The 12-node, 21-arc test network of the LEMON graph library (`test/min_cost_flow_test.cc`,
/// LEMON 1.3, Egerváry Research Group), with its documented optimal costs. Columns: tail, head,
/// cost, cap, low2, low3.
const LEMON_ARCS: [(u32, u32, i64, i64, i64, i64); 21] = [
    (1, 2, 70, 11, 8, 8),
    (1, 3, 150, 3, 1, 0),
    (1, 4, 80, 15, 2, 2),
    (2, 8, 80, 12, 0, 0),
    (3, 5, 140, 5, 3, 1),
    (4, 6, 60, 10, 1, 0),
    (4, 7, 80, 2, 0, 0),
    (4, 8, 110, 3, 0, 0),
    (5, 7, 60, 14, 0, 0),
    (5, 11, 120, 12, 0, 0),
    (6, 3, 0, 3, 0, 0),
    (6, 9, 140, 4, 0, 0),
    (6, 10, 90, 8, 0, 0),
    (7, 1, 30, 5, 0, -5),
    (8, 12, 60, 16, 4, 3),
    (9, 12, 50, 6, 0, 0),
    (10, 12, 70, 13, 5, 2),
    (10, 2, 100, 7, 0, 0),
    (10, 7, 60, 10, 0, -3),
    (11, 10, 20, 14, 6, -20),
    (12, 11, 30, 10, 0, -10),
];

/// Supply vector `sup1` of the LEMON test (1-based nodes).
const SUP1: [i64; 12] = [20, -4, 0, 0, 9, -6, 0, 0, 3, -2, 0, -20];

#[derive(Clone, Copy)]
enum Low {
    Zero,
    Low2,
    Low3,
}

/// The LEMON network as DIMACS text: supplies, lower bounds, and either the real capacities
/// and costs or "infinite" capacity (`i32::MAX`, as in LEMON) and unit costs.
fn lemon_dimacs(supply: &[i64; 12], low: Low, real_cap: bool, real_cost: bool) -> String {
    let mut s = String::from("c LEMON min_cost_flow_test network\np min 12 21\n");
    for (v, &b) in supply.iter().enumerate() {
        if b != 0 {
            s += &format!("n {} {}\n", v + 1, b);
        }
    }
    for &(u, v, cost, cap, l2, l3) in &LEMON_ARCS {
        let low = match low {
            Low::Zero => 0,
            Low::Low2 => l2,
            Low::Low3 => l3,
        };
        let cap = if real_cap { cap } else { i32::MAX as i64 };
        let cost = if real_cost { cost } else { 1 };
        s += &format!("a {u} {v} {low} {cap} {cost}\n");
    }
    s
}

fn st_supply(k: i64) -> [i64; 12] {
    let mut s = [0; 12];
    s[0] = k;
    s[11] = -k;
    s
}

/// Solves a DIMACS instance with both algorithms; returns the original problem's cost.
fn lemon_cost(text: &str) -> Result<i64, FlowError> {
    let p = dimacs::read(text.as_bytes()).expect("valid DIMACS");
    solve_both(&p.network).map(|sol| p.lower_bound_cost + sol.cost)
}

#[test]
fn lemon_test_network_known_optima() {
    // (supply, lower bounds, real caps, real costs, optimum) — the EQ cases of LEMON's test.
    let cases: [(&[i64; 12], Low, bool, bool, i64); 8] = [
        (&SUP1, Low::Zero, true, true, 5240),
        (&st_supply(27), Low::Zero, true, true, 7620),
        (&SUP1, Low::Low2, true, true, 5970),
        (&st_supply(27), Low::Low2, true, true, 8010),
        (&SUP1, Low::Zero, false, false, 74),
        (&st_supply(27), Low::Low2, false, false, 94),
        (&[0; 12], Low::Zero, false, false, 0),
        (&st_supply(30), Low::Low3, true, true, 6360),
    ];
    for (i, &(sup, low, cap, cost, want)) in cases.iter().enumerate() {
        let got = lemon_cost(&lemon_dimacs(sup, low, cap, cost));
        assert_eq!(got, Ok(want), "LEMON case {}", i + 1);
    }
}

#[test]
fn lemon_test_network_infeasible_case() {
    // LEMON case 8: lower bounds low2 with zero supplies and the real capacities is infeasible.
    let got = lemon_cost(&lemon_dimacs(&[0; 12], Low::Low2, true, false));
    assert!(matches!(got, Err(FlowError::Infeasible { .. })), "{got:?}");
}

/// LEMON's `test_neg1_lgf`: 100 units from node 1 to node 4 plus a negative cycle 5→6→7→5 of
/// cost 80 + 30 − 120 = −10 per unit. With all capacities 5000 the cycle is saturated
/// (−50 000) and the 100 units take 1→3→2→4 at 30 + 50 + 20 = 100 each (+10 000): −40 000.
fn neg1(cap: i64) -> FlowNetwork {
    let mut net = FlowNetwork::new(7);
    for (u, v, c) in [
        (1, 2, 100),
        (1, 3, 30),
        (2, 4, 20),
        (3, 4, 80),
        (3, 2, 50),
        (5, 3, 10),
        (5, 6, 80),
        (6, 7, 30),
        (7, 5, -120),
    ] {
        net.add_arc(u - 1, v - 1, cap, c);
    }
    net.set_supply(0, 100);
    net.set_supply(3, -100);
    net
}

#[test]
fn lemon_negative_cycle_network() {
    assert_eq!(solve_both(&neg1(5000)).unwrap().cost, -40_000);
    // Same with LEMON's "infinite" capacity i32::MAX: LEMON reports UNBOUNDED, here capacities
    // are finite, so the cycle carries i32::MAX units: -10 * 2147483647 + 10 000.
    assert_eq!(
        solve_both(&neg1(i32::MAX as i64)).unwrap().cost,
        -21_474_836_470 + 10_000
    );
}

/// The 4×4 assignment example found in many expositions of the Hungarian method (Kuhn 1955):
/// rows = workers, columns = jobs. Optimum 13 = 2 + 6 + 1 + 4 (w0→j1, w1→j0, w2→j2, w3→j3).
#[test]
fn hungarian_textbook_assignment() {
    let c = [[9, 2, 7, 8], [6, 4, 3, 7], [5, 8, 1, 8], [7, 6, 9, 4]];
    let mut net = FlowNetwork::new(8);
    for i in 0..4 {
        net.set_supply(i, 1);
        net.set_supply(4 + i, -1);
        for j in 0..4 {
            net.add_arc(i, 4 + j, 1, c[i as usize][j as usize]);
        }
    }
    let sol = solve_both(&net).unwrap();
    assert_eq!(sol.cost, 13);
    let chosen: Vec<usize> = (0..16).filter(|&a| sol.flow[a] == 1).collect();
    assert_eq!(chosen, vec![1, 4, 10, 15]);
    assert_eq!(brute_force(&net), Some(13));
}

/// The caller's model in miniature: maximise weight (negative costs) with a zero-cost bypass
/// source→sink. Two experts (capacity 2 and 1), three requests; weights
/// e0: r0 5, r1 4, r2 1; e1: r0 6, r2 2. Best: e1→r0 (6), e0→r1 (4), e0→r2 (1) = 11, which
/// beats e0→r0 + e0→r1 + e1→r2 = 5 + 4 + 2 = 11 only in a tie — both optimal, cost -11.
#[test]
fn small_matching_with_bypass() {
    // 0 source, 1-2 experts, 3-5 requests, 6 sink.
    let mut net = FlowNetwork::new(7);
    net.set_supply(0, 3);
    net.set_supply(6, -3);
    net.add_arc(0, 1, 2, 0);
    net.add_arc(0, 2, 1, 0);
    for (e, r, w) in [(1, 3, 5), (1, 4, 4), (1, 5, 1), (2, 3, 6), (2, 5, 2)] {
        net.add_arc(e, r, 1, -w);
    }
    for r in 3..6 {
        net.add_arc(r, 6, 1, 0);
    }
    net.add_arc(0, 6, 3, 0);
    assert_eq!(solve_both(&net).unwrap().cost, -11);
    assert_eq!(brute_force(&net), Some(-11));
}

#[test]
fn trivial_networks() {
    // Empty network.
    let net = FlowNetwork::new(0);
    let sol = solve_both(&net).unwrap();
    assert_eq!((sol.cost, sol.flow.len(), sol.potential.len()), (0, 0, 0));
    // Nodes but no arcs, no supplies.
    assert_eq!(solve_both(&FlowNetwork::new(5)).unwrap().cost, 0);
    // Only negative self-loops and a negative 2-cycle.
    let mut net = FlowNetwork::new(2);
    net.add_arc(0, 0, 3, -2);
    net.add_arc(1, 1, 3, 2);
    net.add_arc(0, 1, 2, -1);
    net.add_arc(1, 0, 5, 0);
    let sol = solve_both(&net).unwrap();
    assert_eq!(sol.cost, -6 - 2);
    assert_eq!(sol.flow, vec![3, 0, 2, 2]);
    // Parallel arcs of different cost.
    let mut net = FlowNetwork::new(2);
    net.set_supply(0, 4);
    net.set_supply(1, -4);
    net.add_arc(0, 1, 3, 5);
    net.add_arc(0, 1, 3, 2);
    net.add_arc(0, 1, 0, -100);
    let sol = solve_both(&net).unwrap();
    assert_eq!(sol.cost, 3 * 2 + 5);
    assert_eq!(sol.flow, vec![1, 3, 0]);
}

#[test]
fn errors() {
    for alg in BOTH {
        let mut net = FlowNetwork::new(2);
        net.add_arc(0, 1, -1, 0);
        assert_eq!(
            solve(&net, alg).unwrap_err(),
            FlowError::NegativeCapacity {
                arc: 0,
                capacity: -1
            }
        );

        let mut net = FlowNetwork::new(2);
        net.add_arc(0, 1, 1, 0);
        net.add_arc(0, 1, 1, -(1 << 41));
        assert!(matches!(
            solve(&net, alg).unwrap_err(),
            FlowError::CostTooLarge { arc: 1, limit, .. } if limit == matchpunt_flow::MAX_COST
        ));

        let mut net = FlowNetwork::new(2);
        net.add_arc(0, 1, i64::MAX, 0);
        assert!(matches!(
            solve(&net, alg).unwrap_err(),
            FlowError::CapacityTooLarge { .. }
        ));

        let mut net = FlowNetwork::new(2);
        net.set_supply(0, 3);
        net.set_supply(1, -2);
        assert_eq!(
            solve(&net, alg).unwrap_err(),
            FlowError::Unbalanced { total: 1 }
        );

        // 5 units must go 0 -> 2, but only 2 + 1 fit through.
        let mut net = FlowNetwork::new(3);
        net.set_supply(0, 5);
        net.set_supply(2, -5);
        net.add_arc(0, 1, 2, 1);
        net.add_arc(1, 2, 9, 1);
        net.add_arc(0, 2, 1, 7);
        net.add_arc(2, 0, 9, -50);
        assert_eq!(
            solve(&net, alg).unwrap_err(),
            FlowError::Infeasible {
                required: 5,
                routable: 3
            }
        );

        // The optimal cost overflows i64.
        let mut net = FlowNetwork::new(2);
        net.add_arc(0, 1, 1 << 40, -(1 << 40));
        net.add_arc(1, 0, 1 << 40, -(1 << 40));
        assert!(matches!(
            solve(&net, alg).unwrap_err(),
            FlowError::CostOverflow { .. }
        ));
    }
}

#[test]
fn verify_rejects_wrong_solutions() {
    let net = neg1(5000);
    let good = solve(&net, Default::default()).unwrap();
    verify(&net, &good).unwrap();

    let mut bad = good.clone();
    bad.cost += 1;
    assert!(verify(&net, &bad).unwrap_err().contains("cost"));

    let mut bad = good.clone();
    bad.flow[6] -= 1; // breaks conservation at nodes 5 and 6
    assert!(verify(&net, &bad).is_err());

    let mut bad = good.clone();
    bad.flow[0] = -1;
    assert!(verify(&net, &bad).unwrap_err().contains("capacity"));

    // A feasible but non-optimal flow: leave the negative cycle empty.
    let mut bad = good.clone();
    for a in 6..9 {
        bad.flow[a] = 0;
    }
    bad.cost = 10_000;
    assert!(verify(&net, &bad).unwrap_err().contains("reduced cost"));

    let mut bad = good.clone();
    bad.potential.iter_mut().for_each(|p| *p = 0);
    assert!(verify(&net, &bad).is_err());

    let mut bad = good;
    bad.potential.pop();
    assert!(verify(&net, &bad).is_err());
}

/// Regression: a negative 2-cycle (nodes 2 and 3) whose arcs had reduced costs between −ε and 0
/// in a phase once made an early version circulate one unit around it forever, because only
/// the arcs below −ε were saturated at the start of a phase. Both solvers must now agree (the
/// optimal cost overflows `i64` here).
#[test]
fn regression_admissible_cycle_livelock() {
    let tail = [3, 0, 1, 4, 4, 4, 2, 4, 1, 1, 1, 3, 3, 5, 0, 2, 4, 4, 0, 1];
    let head = [2, 0, 2, 3, 4, 3, 3, 1, 0, 3, 3, 4, 0, 5, 3, 5, 1, 2, 3, 1];
    let cap: [i64; 20] = [
        899677663335,
        537555138991,
        249103094805,
        666032520391,
        197050068849,
        509750435328,
        696647840133,
        702252383599,
        51280171027,
        23966009305,
        327689035685,
        97377452531,
        891778326567,
        325162640144,
        691810880917,
        580910199258,
        1085576862049,
        434691767528,
        795061851939,
        745409089204,
    ];
    let cost: [i64; 20] = [
        -165928850998,
        -135630099562,
        357699927978,
        199785247369,
        -870411270374,
        407337696736,
        -81073251006,
        226916569132,
        804987908593,
        745373782901,
        790477728543,
        669854097663,
        -253741517425,
        510625774012,
        -97026902300,
        -250983575190,
        661462156026,
        1025839189071,
        -789392900446,
        688750855758,
    ];
    let mut net = FlowNetwork::new(6);
    for i in 0..20 {
        net.add_arc(tail[i], head[i], cap[i], cost[i]);
    }
    net.set_supply(0, 1);
    net.set_supply(4, -1);
    assert!(matches!(
        solve_both(&net),
        Err(FlowError::CostOverflow { .. })
    ));
    // Scaled down so that the optimum fits: same structure, same agreement.
    let mut small = FlowNetwork::new(6);
    for i in 0..20 {
        small.add_arc(tail[i], head[i], cap[i] >> 20, cost[i] >> 20);
    }
    small.set_supply(0, 1);
    small.set_supply(4, -1);
    solve_both(&small).unwrap();
}
