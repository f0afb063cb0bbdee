//! Columns of experts.csv (or the experts sheet) that no known column name reads, checked
//! against the batch once every file is read.
//!
//! Why: a safety column under a header of the coordinator's own words (`Niet inzetten bij`,
//! `Liever geen`, `No-go`) would otherwise be a warning "unknown column ignored" and its rule
//! silently off. The header alone cannot tell a safety column from a column of one's own, but
//! its cells can: a column whose cells name an organisation or a theme of the batch is refused,
//! naming the column (a wrong match is worse than no match). Its cells are never echoed.

use super::*;
use crate::names::{org, place, theme_key};

/// Adds an error for every column of the experts table `t` that is no known column (and not
/// already a near-miss error) and whose cells name an organisation of `orgs` (the same name as
/// a request's or history row's organisation, or all in it in order, for a cell that is no
/// place name) or a theme `inst` has read (by its theme key). O(cells of the unknown columns ×
/// an index lookup).
pub(crate) fn check_unknown_columns(
    t: &Table,
    orgs: &BatchOrgs<'_>,
    inst: &Instance,
    errs: &mut Errs,
) {
    let known: HashSet<usize> = t.cols.values().copied().collect();
    let names = HeaderNames::experts();
    let unknown: Vec<usize> = (0..t.headers.len())
        .filter(|i| !known.contains(i) && !t.headers[*i].trim().is_empty())
        // A near miss of a known column is an error of its own already.
        .filter(|&i| names.classify(&t.headers[i]) == HeaderMatch::Unknown)
        .collect();
    if unknown.is_empty() {
        return;
    }
    let themes: HashSet<String> = (0..inst.themes.len())
        .map(|i| theme_key(inst.themes.name(i as u32)))
        .filter(|k| !k.is_empty())
        .collect();
    let names_batch = |item: &str| {
        let key = theme_key(item);
        if !key.is_empty() && themes.contains(&key) {
            return true;
        }
        let name = org::OrgName::new(item);
        !orgs.index.same(&name).is_empty()
            || (place::canonical_place(item).is_none() && !orgs.index.contained(&name).is_empty())
    };
    for i in unknown {
        let hit = t.rows.iter().any(|(_, row)| {
            row.get(i)
                .is_some_and(|cell| split_list(cell).any(&names_batch))
        });
        if hit {
            errs.push_file(
                t.kind,
                &t.file,
                Some(t.header_line),
                Problem::UnknownColumnNamesBatch {
                    n: i + 1,
                    header: t.headers[i].clone(),
                },
            );
        }
    }
}
