//! Columns of experts.csv and requests.csv (or their sheets) that no known column name reads,
//! checked against the batch once every file is read.
//!
//! Why: a safety column under a header of the coordinator's own words (`Niet inzetten bij`,
//! `Liever geen`, `No-go`) would otherwise be a warning "unknown column ignored" and its rule
//! silently off. The header alone cannot tell a safety column from a column of one's own, but
//! its cells can: a column whose cells name an organisation or a theme of the batch is refused,
//! naming the column (a wrong match is worse than no match). Its cells are never echoed. In
//! requests.csv a second themes column (`Extra thema's`, `Subthema`, `Onderwerp`) would hide
//! a theme from rule 3 the same way: a column whose cells name a theme of the vocabulary or of
//! the batch is refused there too.

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
    check_columns(t, Some(orgs), inst, &HeaderNames::experts(), errs);
}

/// [`check_unknown_columns`] for the requests table `t`: an unknown column whose cells name a
/// theme (of the vocabulary, by any of its spellings, or one `inst` has read) is an error
/// naming the column. Organisations are not looked for there (a request's own columns name
/// its organisation's contacts and places). Same cost.
pub(crate) fn check_unknown_request_columns(t: &Table, inst: &Instance, errs: &mut Errs) {
    check_columns(t, None, inst, &HeaderNames::requests(), errs);
}

fn check_columns(
    t: &Table,
    orgs: Option<&BatchOrgs<'_>>,
    inst: &Instance,
    names: &HeaderNames,
    errs: &mut Errs,
) {
    let known: HashSet<usize> = t.cols.values().copied().collect();
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
    let vocabulary = crate::names::themes::Vocabulary::bundled();
    let names_batch = |item: &str| {
        let key = theme_key(item);
        if !key.is_empty() && themes.contains(&key) {
            return true;
        }
        let Some(orgs) = orgs else {
            // Requests: a theme of the vocabulary in any spelling counts too, and an everyday
            // word the avoid side reads as a theme (`zelfdoding`, `drugs`).
            let folded = crate::names::fold_theme(item);
            return !key.is_empty()
                && (vocabulary.by_key(&key).is_some()
                    || crate::names::themes::AVOID_SYNONYMS
                        .iter()
                        .any(|(w, _)| crate::names::fold_theme(w) == folded));
        };
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
                if orgs.is_some() {
                    Problem::UnknownColumnNamesBatch {
                        n: i + 1,
                        header: t.headers[i].clone(),
                    }
                } else {
                    Problem::UnknownRequestColumnNamesThemes {
                        n: i + 1,
                        header: t.headers[i].clone(),
                    }
                },
            );
        }
    }
}
