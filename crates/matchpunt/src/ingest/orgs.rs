//! Each expert's excluded organisations resolved against the batch's organisations by the one
//! identity of [`crate::names::org`] (on the safe side, with warnings naming the row), and
//! avoided themes one letter away from a request's theme taken as avoided.

#[allow(unused_imports)]
use super::*;
use crate::messages::{Lang, Msg};

/// The cells of one experts row that are resolved once the whole batch is read.
pub(crate) struct ExpertRow {
    pub(crate) line: u64,
    pub(crate) id: String,
    /// Index in `Instance::experts`, if the row parsed cleanly.
    pub(crate) expert: Option<usize>,
    /// The `excluded_orgs` cell as written.
    pub(crate) excluded: String,
    /// The `excluded_org_ids` cell as written.
    pub(crate) excluded_ids: String,
    /// The `not_with` cell as written (team rules).
    pub(crate) not_with: String,
}

/// Whether two different organisation names may be one name with a typo: see
/// [`crate::names::org::near_miss`] (this is the same function, kept under its old name).
pub fn org_near_miss(a: &str, b: &str) -> bool {
    org::near_miss(a, b)
}

/// One exclusion taken on the safe side: an `excluded_orgs` cell that names an organisation of
/// the batch by a spelling that is not the same name ([`org::HitKind`]: contained in order, a
/// near miss, or a cell that reads both as one name and as a list). The expert is kept away
/// from `org`; `check` lists these so that the coordinator can confirm them or correct the
/// cell. Health data: for the coordinator's own tools only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeSideOrg {
    /// The experts file, as the caller named it.
    pub file: String,
    /// The expert's line in it.
    pub line: u64,
    /// The expert's id.
    pub expert: String,
    /// The reading of the `excluded_orgs` cell, as written.
    pub written: String,
    /// The organisation of the batch it was taken as, as written there.
    pub org: String,
    /// How the two names relate.
    pub kind: org::HitKind,
}

/// One warning per expert row with exclusions taken on the safe side (`taken` in experts file
/// order, as [`Loaded::safe_side_orgs`]), naming the row and both spellings of up to three of
/// them: `experts.csv:3: expert E2: excluded_orgs taken on the safe side: "Altrecht" as
/// "Altrecht GGZ" (...)`. For the coordinator's `check` and `run` only: they name an expert with
/// an organisation they exclude, so `suggest` and the web form do not show them (a failed read
/// keeps them with its errors).
pub fn safe_side_warnings(taken: &[SafeSideOrg]) -> Vec<String> {
    safe_side_warnings_in(taken, Lang::En)
}

/// [`safe_side_warnings`] in both languages, as warnings of a failed load.
pub(crate) fn safe_side_warning_texts(taken: &[SafeSideOrg]) -> Vec<Warning> {
    let en = safe_side_warnings_in(taken, Lang::En);
    let nl = safe_side_warnings_in(taken, Lang::Nl);
    en.into_iter()
        .zip(nl)
        .map(|(en, nl)| {
            Warning::new(|lang| {
                if lang == Lang::En {
                    en.clone()
                } else {
                    nl.clone()
                }
            })
        })
        .collect()
}

/// [`safe_side_warnings`] in `lang`.
pub fn safe_side_warnings_in(taken: &[SafeSideOrg], lang: Lang) -> Vec<String> {
    const SHOWN: usize = 3;
    let mut out = Vec::new();
    for row in taken.chunk_by(|a, b| a.file == b.file && a.line == b.line) {
        let first = &row[0];
        let shown: Vec<String> = row
            .iter()
            .take(SHOWN)
            .map(|t| {
                lang.fill(
                    Msg::SafeSidePair,
                    &[
                        ("written", &format!("{:?}", t.written)),
                        ("org", &format!("{:?}", t.org)),
                        ("why", &hit_why(t.kind, lang)),
                    ],
                )
            })
            .collect();
        let more = match row.len().saturating_sub(SHOWN) {
            0 => String::new(),
            n => lang.fill(Msg::SafeSideMore, &[("n", &n)]),
        };
        out.push(lang.fill(
            Msg::SafeSideWarning,
            &[
                ("file", &first.file),
                ("line", &first.line),
                ("expert", &first.expert),
                ("pairs", &shown.join("; ")),
                ("more", &more),
            ],
        ));
    }
    out
}

/// How the two spellings of a [`SafeSideOrg`] relate, in words, in `lang`.
pub fn hit_why(kind: org::HitKind, lang: Lang) -> &'static str {
    lang.text(match kind {
        org::HitKind::Same => Msg::OrgSame,
        org::HitKind::BothWays => Msg::OrgBothWays,
        org::HitKind::Contained => Msg::OrgContained,
        org::HitKind::Abbreviated => Msg::OrgAbbreviated,
        org::HitKind::NearMiss => Msg::OrgNearMiss,
    })
}

/// One line for outputs other than `check` (`run`'s warnings): how many exclusions were taken on
/// the safe side and in which rows, never an expert beside an organisation; `check` lists the pairs.
pub fn safe_side_summary(taken: &[SafeSideOrg]) -> Option<String> {
    safe_side_summary_in(taken, Lang::En)
}

/// [`safe_side_summary`] in `lang`.
pub fn safe_side_summary_in(taken: &[SafeSideOrg], lang: Lang) -> Option<String> {
    if taken.is_empty() {
        return None;
    }
    let mut rows: Vec<String> = taken
        .chunk_by(|a, b| a.file == b.file && a.line == b.line)
        .map(|row| format!("{}:{}", row[0].file, row[0].line))
        .collect();
    let n = rows.len();
    if n > 10 {
        rows.truncate(10);
        rows.push(lang.fill(Msg::SafeSideRowsMore, &[("n", &(n - 10))]));
    }
    Some(lang.fill(
        Msg::SafeSideSummary,
        &[("n", &n), ("rows", &rows.join(", "))],
    ))
}

/// The coordinator's organisations.csv: groups of names (a row's `name` and `aliases`) that are
/// one organisation, with its optional `id`, and an index of every name.
#[derive(Default)]
pub(crate) struct OrgGroups {
    /// Every name of every group.
    pub(crate) index: org::OrgIndex,
    /// The group of each entry of `index`.
    pub(crate) group_of: Vec<usize>,
    /// Each group's names, as written (tidied).
    pub(crate) names: Vec<Vec<String>>,
    /// Each group's id, normalised (empty when not given).
    pub(crate) ids: Vec<String>,
}

impl OrgGroups {
    /// O(total length of the cells). A row without a name is an error naming the cell.
    pub(crate) fn new(t: &Table, errs: &mut Errs) -> Self {
        let mut g = OrgGroups::default();
        for (line, row) in &t.rows {
            let name = t.cell(row, "name");
            if name.is_empty() {
                errs.push(
                    FileKind::Organisations,
                    InputError {
                        file: t.file.clone(),
                        line: Some(*line),
                        row: t.sheet_row(*line),
                        column: t.cols.get("name").map(|&i| (i + 1, "name".to_string())),
                        value: Some(String::new()),
                        problem: Problem::EmptyOrgName,
                    },
                );
                continue;
            }
            let group = g.names.len();
            let mut names: Vec<String> = std::iter::once(name)
                .chain(split_list(t.cell(row, "aliases")))
                .map(crate::model::tidy)
                .collect();
            let parts = alias_parts(&names[1..]);
            if !parts.is_empty() {
                let (value, read) = (t.cell(row, "aliases").to_string(), parts.join(" | "));
                errs.note_cell(t, *line, "aliases", |lang| {
                    lang.fill(Msg::WAliasParts, &[("value", &value), ("parts", &read)])
                });
                names.extend(parts);
            }
            for n in &names {
                g.index.push(org::OrgName::new(n));
                g.group_of.push(group);
            }
            g.names.push(names);
            g.ids.push(normalize(t.cell(row, "id")));
        }
        g
    }
}

/// The organisations of a batch: the `org` cell of every request and history row, also of rows
/// with other errors, first spelling kept, in file order, one entry per spelling
/// ([`normalize`]) in an [`org::OrgIndex`], with the `org_id` cells of requests.
pub(crate) struct BatchOrgs<'t> {
    pub(crate) names: Vec<&'t str>,
    pub(crate) index: org::OrgIndex,
    pub(crate) by_id: HashMap<String, Vec<usize>>,
}

impl<'t> BatchOrgs<'t> {
    /// O(total length of the org cells).
    pub(crate) fn new(tables: impl IntoIterator<Item = &'t Table>) -> Self {
        let mut orgs = BatchOrgs {
            names: Vec::new(),
            index: org::OrgIndex::new(),
            by_id: HashMap::new(),
        };
        let mut entry_of: HashMap<String, usize> = HashMap::new();
        for t in tables {
            for (_, row) in &t.rows {
                let o = t.cell(row, "org");
                if o.is_empty() {
                    continue;
                }
                let e = *entry_of.entry(normalize(o)).or_insert_with(|| {
                    orgs.names.push(o);
                    orgs.index.push(org::OrgName::new(o))
                });
                let id = normalize(t.cell(row, "org_id"));
                if !id.is_empty() {
                    let list = orgs.by_id.entry(id).or_default();
                    if !list.contains(&e) {
                        list.push(e);
                    }
                }
            }
        }
        orgs
    }
}

/// Sets each expert's `excluded_orgs` (and the cell's items as written, and the
/// `excluded_org_ids`). Excluding is a safety rule, and a wrong match is worse than no match, so
/// every reading of the cell that names an organisation of the batch counts
/// ([`org::resolve_cell`]: the same canonical name, one contained in the other in order, a run of
/// list items that is one name, a near miss), and so does an `org_id` of the requests that the
/// expert's `excluded_org_ids` lists. Every exclusion taken on the safe side is added to
/// `safe_side` (see [`safe_side_warnings`]). Near-linear in the cells' items
/// ([`org::OrgIndex`]).
pub(crate) fn resolve_excluded_orgs(
    t: &Table,
    rows: &[ExpertRow],
    orgs: &BatchOrgs<'_>,
    groups: &OrgGroups,
    inst: &mut Instance,
    safe_side: &mut Vec<SafeSideOrg>,
) {
    // The batch's organisations of each group: by any of its names, or by its id.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups.names.len()];
    for e in 0..orgs.names.len() {
        for &n in groups.index.same(orgs.index.get(e)) {
            members[groups.group_of[n]].push(e);
        }
    }
    for (g, id) in groups.ids.iter().enumerate() {
        if !id.is_empty() {
            members[g].extend(orgs.by_id.get(id).into_iter().flatten());
        }
    }
    for row in rows {
        let items: Vec<&str> = split_list(&row.excluded).collect();
        let mut hits = org::resolve_cell(&items, &orgs.index);
        let mut org_ids: Vec<String> = split_list(&row.excluded_ids).map(normalize).collect();
        let mut names: Vec<String> = items.iter().map(|s| crate::model::tidy(s)).collect();
        // Groups of organisations.csv that the cell or the ids name: all their names and
        // organisations of the batch, taken as the group was.
        let mut group_hits: Vec<(usize, org::HitKind, String)> =
            org::resolve_cell(&items, &groups.index)
                .into_iter()
                .map(|h| (groups.group_of[h.entry], h.kind, h.written))
                .collect();
        for (g, id) in groups.ids.iter().enumerate() {
            if !id.is_empty() && org_ids.contains(id) {
                group_hits.push((g, org::HitKind::Same, id.clone()));
            }
        }
        group_hits.sort_by_key(|h| (h.0, h.1));
        group_hits.dedup_by_key(|h| h.0);
        for (g, kind, written) in group_hits {
            names.extend(groups.names[g].iter().cloned());
            if !groups.ids[g].is_empty() {
                org_ids.push(groups.ids[g].clone());
            }
            for &e in &members[g] {
                match hits.iter_mut().find(|h| h.entry == e) {
                    Some(h) if h.kind <= kind => {}
                    Some(h) => {
                        h.kind = kind;
                        h.written = written.clone();
                    }
                    None => hits.push(org::Hit {
                        entry: e,
                        kind,
                        written: written.clone(),
                    }),
                }
            }
        }
        hits.sort_by_key(|h| h.entry);
        let mut ids = Vec::new();
        for h in &hits {
            let name = orgs.names[h.entry];
            ids.push(inst.orgs.intern(name));
            if h.kind.is_safe_side() {
                safe_side.push(SafeSideOrg {
                    file: t.file.clone(),
                    line: row.line,
                    expert: row.id.clone(),
                    written: h.written.clone(),
                    org: name.to_string(),
                    kind: h.kind,
                });
            }
        }
        for id in &org_ids {
            for &e in orgs.by_id.get(id).into_iter().flatten() {
                ids.push(inst.orgs.intern(orgs.names[e]));
            }
        }
        org_ids.sort_unstable();
        org_ids.dedup();
        ids.sort_unstable();
        ids.dedup();
        if let Some(e) = row.expert.and_then(|i| inst.experts.get_mut(i)) {
            e.excluded_orgs = ids;
            e.excluded_org_names = names;
            e.excluded_org_ids = org_ids;
        }
    }
}

/// Adds to each expert's avoided themes every theme of the batch's requests that must be taken
/// as one of them on the safe side ([`extend_avoided`]), with a warning naming the row but not
/// the theme. An avoided theme is a safety field: a variant spelling in it, or in a request,
/// must not send the expert there.
pub(crate) fn resolve_avoided_near_misses(
    t: &Table,
    rows: &[ExpertRow],
    inst: &mut Instance,
    warnings: &mut Vec<Warning>,
) {
    let request_themes: Vec<u32> = inst
        .requests
        .iter()
        .flat_map(|r| r.themes.iter().copied())
        .collect();
    let gained = extend_avoided(inst, &request_themes);
    for row in rows {
        let Some(ei) = row.expert else { continue };
        if gained.binary_search(&ei).is_err() {
            continue;
        }
        let place = (t.file.clone(), row.line);
        warnings.push(Warning::new(|lang| {
            lang.fill(
                Msg::InAvoidedThemeSafeSide,
                &[("file", &place.0), ("line", &place.1), ("id", &row.id)],
            )
        }));
    }
}

/// The one safe-side reading of avoided themes, for every path that brings request themes (the
/// batch's requests file, the inline request of `suggest`/`book`/the web form, a ledger's booked
/// inline request): adds to each expert's `avoid_themes` every theme of `request_themes` that
/// must be taken as one of them ([`crate::names::themes::safe_side_same`]: one letter away, a
/// plural or spelling "did you mean" maps to the same theme, a request theme holding the avoided
/// one, an adjective form, an avoided phrase or synonym of a known theme). Returns the indices of
/// the experts that gained a theme, ascending. O(distinct avoided × distinct request themes ×
/// the comparison's cost).
pub(crate) fn extend_avoided(inst: &mut Instance, request_themes: &[u32]) -> Vec<usize> {
    let mut request_themes = request_themes.to_vec();
    request_themes.sort_unstable();
    request_themes.dedup();
    let mut near: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut gained = Vec::new();
    for ei in 0..inst.experts.len() {
        let mut add = Vec::new();
        for &a in &inst.experts[ei].avoid_themes {
            let close = near.entry(a).or_insert_with(|| {
                let ka = inst.themes.key(a);
                request_themes
                    .iter()
                    .copied()
                    .filter(|&r| crate::names::themes::safe_side_same(ka, inst.themes.key(r)))
                    .collect()
            });
            add.extend(close.iter().copied());
        }
        let e = &mut inst.experts[ei];
        add.retain(|x| e.avoid_themes.binary_search(x).is_err());
        if add.is_empty() {
            continue;
        }
        e.avoid_themes.extend(add);
        e.avoid_themes.sort_unstable();
        e.avoid_themes.dedup();
        gained.push(ei);
    }
    gained
}

/// Words and signs that may join two aliases written in one item (`Kinderhuis Oost / Jeugdhulp
/// Zuid`, `... en ...`): a space on each side.
pub(crate) const ALIAS_JOINERS: &[&str] = &[" / ", " en ", " and ", " & ", " + "];

/// The parts of alias items that join several names with an [`ALIAS_JOINERS`] (compared in lower
/// case), each tidied, not already among `aliases`, in order. The alias file confirms that names
/// are one organisation, so reading its list half is the unsafe side: the caller keeps each
/// whole item (`Centrum Jeugd en Gezin` may be one name) and adds its parts, with a warning
/// naming the cell. O(total length).
pub(crate) fn alias_parts(aliases: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in aliases {
        let lower = a.to_lowercase();
        if !ALIAS_JOINERS.iter().any(|j| lower.contains(j)) || lower.len() != a.len() {
            // The offsets of the lower case are the item's only when the lengths agree (a rare
            // letter such as İ changes it): such an item is kept whole.
            continue;
        }
        let mut pieces = vec![(0usize, a.len())];
        for j in ALIAS_JOINERS {
            let mut next = Vec::new();
            for (from, to) in pieces {
                let mut start = from;
                while let Some(k) = lower[start..to].find(j) {
                    next.push((start, start + k));
                    start += k + j.len();
                }
                next.push((start, to));
            }
            pieces = next;
        }
        for (from, to) in pieces {
            let p = crate::model::tidy(&a[from..to]);
            if !p.is_empty() && !aliases.contains(&p) && !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}
