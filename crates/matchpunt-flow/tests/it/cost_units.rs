//! Networks whose costs share a divisor, from 2 up to costs near the overflow limit, with ties
//! and zero costs, unbalanced and infeasible supplies: cost scaling agrees with successive
//! shortest paths (an independent algorithm), unbalanced supplies are refused with their
//! imbalance, and multiplying every cost by a factor multiplies the optimal cost by it. (These
//! guard a division of the costs by their greatest common divisor, measured on 2026-12-07 and
//! held back: see benches/README.md, "Min-cost flow against OR-Tools".)

use crate::common::solve_both;

use matchpunt_flow::{solve, verify, Algorithm, FlowError, FlowNetwork, MAX_COST, MAX_SCALED_COST};
use proptest::prelude::*;

/// A random network whose costs are `unit` times a small integer in `-3..=3` (many ties and
/// zero-cost arcs), with capacities `0..=3` (zero capacities make some supplies infeasible),
/// supplies of up to 6 unit transfers, and with `imbalance` added to node 0's supply.
fn network(unit: i64, imbalance: i64) -> impl Strategy<Value = FlowNetwork> {
    (1usize..=7).prop_flat_map(move |n| {
        let arc = (0..n as u32, 0..n as u32, 0i64..=3, -3i64..=3);
        let transfer = (0..n as u32, 0..n as u32);
        (
            prop::collection::vec(arc, 0..=16),
            prop::collection::vec(transfer, 0..=6),
        )
            .prop_map(move |(arcs, transfers)| {
                let mut net = FlowNetwork::new(n);
                for (u, v, cap, k) in arcs {
                    net.add_arc(u, v, cap, k * unit);
                }
                for (s, t) in transfers {
                    net.set_supply(s, net.supply(s) + 1);
                    net.set_supply(t, net.supply(t) - 1);
                }
                net.set_supply(0, net.supply(0) + imbalance);
                net
            })
    })
}

/// The largest multiple of `unit` allowed as a cost on a network of at most 7 nodes.
fn near_limit(unit: i64) -> i64 {
    let limit = MAX_COST.min(MAX_SCALED_COST / 8);
    limit / 3 / unit * unit
}

/// The same network with every cost multiplied by `factor`.
fn times(net: &FlowNetwork, factor: i64) -> FlowNetwork {
    let mut out = FlowNetwork::new(net.num_nodes());
    for a in 0..net.num_arcs() as u32 {
        let (u, v, cap, cost) = net.arc(a);
        out.add_arc(u, v, cap, cost * factor);
    }
    for v in 0..net.num_nodes() as u32 {
        out.set_supply(v, net.supply(v));
    }
    out
}

fn unit() -> impl Strategy<Value = i64> {
    prop_oneof![
        Just(1i64),
        2i64..=12,
        Just(100),
        Just(1 << 20),
        Just(near_limit(1)),
        Just(near_limit(7)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    /// Cost scaling and successive shortest paths give the same verdict, the same cost and
    /// verified solutions (`solve_both`), whatever divisor the costs share; unbalanced supplies
    /// are refused by both.
    #[test]
    fn shared_divisors_agree_with_ssp(
        net in unit().prop_flat_map(|u| network(u, 0)),
    ) {
        let _ = solve_both(&net);
    }

    /// Unbalanced supplies: both refuse with the same imbalance, for every divisor.
    #[test]
    fn unbalanced_is_refused(
        (net, imbalance) in (unit(), prop_oneof![-3i64..=-1, 1i64..=3])
            .prop_flat_map(|(u, i)| (network(u, i), Just(i))),
    ) {
        for alg in [Algorithm::CostScaling, Algorithm::SuccessiveShortestPaths] {
            match solve(&net, alg) {
                Err(FlowError::Unbalanced { total }) => prop_assert_eq!(total, imbalance as i128),
                other => prop_assert!(false, "{alg}: {other:?} for an imbalance of {imbalance}"),
            }
        }
    }

    /// Multiplying every cost by a factor multiplies the optimal cost by it, and both solutions
    /// verify; infeasible networks stay infeasible with the same amounts.
    #[test]
    fn scaling_the_costs_scales_the_optimum(
        net in network(1, 0),
        factor in prop_oneof![2i64..=9, Just(100), Just(near_limit(3) / 3)],
    ) {
        let big = times(&net, factor);
        match (solve(&net, Algorithm::CostScaling), solve(&big, Algorithm::CostScaling)) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.cost * factor, b.cost);
                prop_assert_eq!(verify(&net, &a), Ok(()));
                prop_assert_eq!(verify(&big, &b), Ok(()));
            }
            (Err(FlowError::Infeasible { required: r1, routable: f1 }),
             Err(FlowError::Infeasible { required: r2, routable: f2 })) => {
                prop_assert_eq!((r1, f1), (r2, f2));
            }
            (a, b) => prop_assert!(false, "different verdicts: {a:?} and {b:?}"),
        }
    }
}
