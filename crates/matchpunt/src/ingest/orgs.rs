//! Each expert's excluded organisations resolved against the batch's organisations by the one
//! identity of [`crate::names::org`] (on the safe side, with warnings naming the row), and
//! avoided themes one letter away from a request's theme taken as avoided.

#[allow(unused_imports)]
use super::*;
use crate::messages::{Lang, Msg};
use crate::names::theme_words::AvoidScope;

/// The cells of one experts row that are resolved once the whole batch is read.
pub(crate) struct ExpertRow {
    pub(crate) line: u64,
    pub(crate) id: String,
    /// Index in `Instance::experts`, if the row parsed cleanly.
    pub(crate) expert: Option<usize>,
    /// The `excluded_orgs` cell as written.
    pub(crate) excluded: String,
    /// What the `avoid_themes` cell says besides themes: every theme or the heavy ones.
    pub(crate) avoid_scope: Option<crate::names::theme_words::AvoidScope>,
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

/// One personal cell of an expert's row (`avoid_themes` or `excluded_orgs`) read on the safe side:
/// an avoided theme taken as a request's theme written another way, or an exclusion taken as an
/// organisation of the batch by another spelling. Rules 3 and 4 speak with one voice here: the
/// cell is named by its file, line and column (as the file's header writes it), never by what it
/// was taken as, so no text says more than the coordinator's own cell shows. For the coordinator's
/// `check` and `run` only: the match point's commands (`suggest`, `explain`, `book`, the web
/// pages) say nothing of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeSideCell {
    /// The experts file, as the caller named it.
    pub file: String,
    /// The expert's line in it.
    pub line: u64,
    /// The expert's id.
    pub expert: String,
    /// The column's header, as the file writes it.
    pub column: String,
    /// How the cell was read.
    pub reading: CellReading,
}

/// How a personal cell of a [`SafeSideCell`] was read. Every reading but
/// [`CellReading::NoTheme`] keeps the expert away from more than the cell's names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CellReading {
    /// A name taken as a request's theme or an organisation of the batch written another way.
    SafeSide,
    /// `avoid_themes` written as every theme (`alles`, `alle`, `*`): the expert is deployed on
    /// no request.
    AllThemes,
    /// `avoid_themes` written as the heavy themes (`zware thema's`, `heavy themes`): the
    /// policy's `heavy_themes` are avoided.
    HeavyThemes,
    /// An `avoid_themes` item stands for no theme of the vocabulary (Dutch or English) nor of
    /// the batch's requests: it keeps the expert from nothing, which may not be what the cell
    /// means.
    NoTheme,
}

/// One warning per cell read on the safe side (`cells` in experts file order, as
/// [`Loaded::safe_side_cells`]), naming the file, line, expert and column, in the same words for
/// an avoided theme and an excluded organisation: `experts.csv:3: expert E2: column
/// 'excluded_orgs' read on the safe side: ...`. For `check` only.
pub fn safe_side_warnings(cells: &[SafeSideCell]) -> Vec<String> {
    safe_side_warnings_in(cells, Lang::En)
}

/// [`safe_side_warnings`] in `lang`.
pub fn safe_side_warnings_in(cells: &[SafeSideCell], lang: Lang) -> Vec<String> {
    cells
        .iter()
        .map(|c| {
            lang.fill(
                match c.reading {
                    CellReading::SafeSide => Msg::SafeSideCell,
                    CellReading::AllThemes => Msg::SafeSideAllThemes,
                    CellReading::HeavyThemes => Msg::SafeSideHeavyThemes,
                    CellReading::NoTheme => Msg::AvoidItemNoTheme,
                },
                &[
                    ("file", &c.file),
                    ("line", &c.line),
                    ("expert", &c.expert),
                    ("column", &c.column),
                ],
            )
        })
        .collect()
}

/// The personal cells read on the safe side, in experts file order (by line, then by column as
/// the file orders them): one per row for its `excluded_orgs` (from `orgs`) and one per row of
/// `theme_rows` (line, expert id) for its `avoid_themes`. O(n log n).
pub(crate) fn safe_side_cells(
    t: &Table,
    orgs: &[SafeSideOrg],
    theme_rows: &[(u64, String, CellReading)],
) -> Vec<SafeSideCell> {
    let column = |col: &str| {
        t.cols
            .get(col)
            .and_then(|&i| t.headers.get(i))
            .map_or_else(|| col.to_string(), |h| crate::model::tidy(h))
    };
    let position = |c: &SafeSideCell| {
        t.headers
            .iter()
            .position(|h| crate::model::tidy(h) == c.column)
    };
    let mut cells: Vec<SafeSideCell> = orgs
        .iter()
        .map(|o| SafeSideCell {
            file: o.file.clone(),
            line: o.line,
            expert: o.expert.clone(),
            column: column("excluded_orgs"),
            reading: CellReading::SafeSide,
        })
        .chain(theme_rows.iter().map(|(line, id, reading)| SafeSideCell {
            file: t.file.clone(),
            line: *line,
            expert: id.clone(),
            column: column("avoid_themes"),
            reading: *reading,
        }))
        .collect();
    cells.sort_by_key(|c| (c.line, position(c), c.reading));
    cells.dedup();
    cells
}

/// How the two spellings of a [`SafeSideOrg`] relate, in words, in `lang`.
pub fn hit_why(kind: org::HitKind, lang: Lang) -> &'static str {
    lang.text(match kind {
        org::HitKind::Same => Msg::OrgSame,
        org::HitKind::BothWays => Msg::OrgBothWays,
        org::HitKind::Contained => Msg::OrgContained,
        org::HitKind::Abbreviated => Msg::OrgAbbreviated,
        org::HitKind::Branch => Msg::OrgBranch,
        org::HitKind::Category => Msg::OrgCategory,
        org::HitKind::NearMiss => Msg::OrgNearMiss,
    })
}

/// One line for `run`'s warnings: how many personal cells were read on the safe side and which
/// (file, line and column), in the same words for both rules; `check` names the experts.
pub fn safe_side_summary(cells: &[SafeSideCell]) -> Option<String> {
    safe_side_summary_in(cells, Lang::En)
}

/// [`safe_side_summary`] in `lang`.
pub fn safe_side_summary_in(cells: &[SafeSideCell], lang: Lang) -> Option<String> {
    let cells: Vec<&SafeSideCell> = cells
        .iter()
        .filter(|c| c.reading != CellReading::NoTheme)
        .collect();
    let (rows, listed) = listed_cells(&cells, lang)?;
    Some(lang.fill(Msg::SafeSideSummary, &[("n", &rows), ("cells", &listed)]))
}

/// One line for `run`'s warnings: the `avoid_themes` cells with an item that stands for no
/// theme ([`CellReading::NoTheme`]), by file, line and column; `check` names each. `None` when
/// there are none.
pub fn no_theme_summary_in(cells: &[SafeSideCell], lang: Lang) -> Option<String> {
    let cells: Vec<&SafeSideCell> = cells
        .iter()
        .filter(|c| c.reading == CellReading::NoTheme)
        .collect();
    let (rows, listed) = listed_cells(&cells, lang)?;
    Some(lang.fill(
        Msg::AvoidItemNoThemeSummary,
        &[("n", &rows), ("cells", &listed)],
    ))
}

/// The cells as `file:line 'column'` (each once), the first ten and "and N more": the number
/// of rows and the list. `None` for no cells.
fn listed_cells(cells: &[&SafeSideCell], lang: Lang) -> Option<(usize, String)> {
    if cells.is_empty() {
        return None;
    }
    let mut listed: Vec<String> = Vec::new();
    for c in cells {
        let s = format!("{}:{} '{}'", c.file, c.line, c.column);
        if listed.last() != Some(&s) {
            listed.push(s);
        }
    }
    let rows = cells
        .chunk_by(|a, b| a.file == b.file && a.line == b.line)
        .count();
    let n = listed.len();
    if n > 10 {
        listed.truncate(10);
        listed.push(lang.fill(Msg::SafeSideRowsMore, &[("n", &(n - 10))]));
    }
    Some((rows, listed.join(", ")))
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
            let id = t.cell(row, "id");
            let key = org::id_key(id).unwrap_or_else(|_| {
                errs.push_cell(t, *line, "id", id, Problem::OrgIdLostDigits);
                String::new()
            });
            g.ids.push(key);
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
                // A bad id (scientific notation) is an error of its row (`Cells::org_ids`).
                let id = org::id_key(t.cell(row, "org_id")).unwrap_or_default();
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
        let mut items: Vec<&str> = split_list(&row.excluded).collect();
        // A name written in the ids cell (`Stichting Jeugdhulp Utrecht`: letters, no digit) is
        // no id any request has: it is read as a name too, the safe side.
        items.extend(split_list(&row.excluded_ids).filter(|i| {
            i.chars().any(char::is_alphabetic) && !i.chars().any(|c| c.is_ascii_digit())
        }));
        let mut hits = org::resolve_cell(&items, &orgs.index);
        // A bad id is an error of the row (`Cells::org_ids`), which keeps it out of the batch.
        let mut org_ids: Vec<String> = org::id_list_keys(&row.excluded_ids).unwrap_or_default();
        // A KvK number written in the names cell (`41179811`, `KvK 41179811`, `KvK-nr. 4117
        // 9811`) is that id too: compared with the requests' `org_id`, not only as a name.
        for item in &items {
            if let Some(key) = kvk_item(item) {
                org_ids.push(key);
            }
        }
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
        // An exclusion by id covers the organisation under every name the batch gives that id,
        // and each of those names is read as if written in the cell (`Stichting Jeugdhulp
        // Utrecht` with id 41179811 also excludes a request of `Jeugdhulp Utrecht` or
        // `Jeugdhulp Utrecht, locatie Oost` without an id), on the safe side as names are.
        let id_names: Vec<&str> = org_ids
            .iter()
            .flat_map(|id| orgs.by_id.get(id).into_iter().flatten())
            .map(|&e| orgs.names[e])
            .collect();
        // Kept with the cell's names, so that the phone path's organisation (`--org Jeugdhulp
        // Utrecht`, said without an id) is read against them too.
        names.extend(id_names.iter().map(|n| crate::model::tidy(n)));
        if !id_names.is_empty() {
            for h in org::resolve_cell(&id_names, &orgs.index) {
                match hits.iter_mut().find(|x| x.entry == h.entry) {
                    Some(x) if x.kind <= h.kind => {}
                    Some(x) => *x = h,
                    None => hits.push(h),
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

/// The id key of an item of an `excluded_orgs` cell that is a KvK number rather than a name:
/// 7 or 8 digits (grouped or not), with or without the register before it (`41179811`, `KvK
/// 41179811`, `KvK-nr. 4117 9811`). None for a name, or a number of another length (a house
/// number in a name is no id).
pub(crate) fn kvk_item(item: &str) -> Option<String> {
    let key = org::id_key(item).ok()?;
    let digits = item.chars().filter(char::is_ascii_digit).count();
    let only_digits_left = item
        .to_lowercase()
        .replace("kvk", "")
        .replace("nummer", "")
        .replace("nr", "")
        .chars()
        .all(|c| c.is_ascii_digit() || !c.is_alphanumeric());
    (key.len() == 8
        && key.chars().all(|c| c.is_ascii_digit())
        && (7..=8).contains(&digits)
        && only_digits_left)
        .then_some(key)
}

/// Adds to each expert's avoided themes every theme of the batch's requests that must be taken
/// as one of them on the safe side ([`extend_avoided`]), and returns those experts' rows (line,
/// id), for [`safe_side_cells`]. An avoided theme is a safety field: a variant spelling in it, or
/// in a request, must not send the expert there.
pub(crate) fn resolve_avoided_near_misses(
    rows: &[ExpertRow],
    inst: &mut Instance,
) -> Vec<(u64, String, CellReading)> {
    let mut request_themes: Vec<u32> = inst
        .requests
        .iter()
        .flat_map(|r| r.themes.iter().copied())
        .collect();
    request_themes.sort_unstable();
    request_themes.dedup();
    let own: Vec<Vec<u32>> = inst
        .experts
        .iter()
        .map(|e| e.avoid_themes.clone())
        .collect();
    let (gained, near) = extend_avoided_near(inst, &request_themes);
    let unknown = avoided_naming_no_theme(inst, &own, &request_themes, &near);
    let mut out = Vec::new();
    for row in rows {
        let Some(ei) = row.expert else { continue };
        match row.avoid_scope {
            Some(AvoidScope::All) => out.push((row.line, row.id.clone(), CellReading::AllThemes)),
            Some(AvoidScope::Heavy) => {
                out.push((row.line, row.id.clone(), CellReading::HeavyThemes))
            }
            None => {}
        }
        if gained.binary_search(&ei).is_ok() && row.avoid_scope != Some(AvoidScope::All) {
            out.push((row.line, row.id.clone(), CellReading::SafeSide));
        }
        if unknown.binary_search(&ei).is_ok() && row.avoid_scope != Some(AvoidScope::All) {
            out.push((row.line, row.id.clone(), CellReading::NoTheme));
        }
    }
    out
}

/// The experts (indices, ascending) with an avoided theme of their own (`own`, per expert) that
/// stands for no theme of the vocabulary
/// ([`crate::names::themes::Vocabulary::avoid_identity`]: Dutch, English, a phrase, a
/// derivation, an everyday word) and is none of `request_themes` (sorted) nor taken as one on
/// the safe side (`near`, from [`extend_avoided_near`]). Such an item keeps the expert from
/// nothing: `check` says so, naming the cell. O(distinct avoided themes × the vocabulary).
fn avoided_naming_no_theme(
    inst: &Instance,
    own: &[Vec<u32>],
    request_themes: &[u32],
    near: &HashMap<u32, Vec<u32>>,
) -> Vec<usize> {
    let v = crate::names::themes::Vocabulary::bundled();
    let mut verdict: HashMap<u32, bool> = HashMap::new();
    let mut out = Vec::new();
    for (ei, avoided) in own.iter().enumerate() {
        let none = avoided.iter().any(|&a| {
            *verdict.entry(a).or_insert_with(|| {
                request_themes.binary_search(&a).is_err()
                    && near.get(&a).is_none_or(Vec::is_empty)
                    && v.avoid_identity(inst.themes.name(a)).is_empty()
            })
        });
        if none {
            out.push(ei);
        }
    }
    out
}

/// The one safe-side reading of avoided themes, for every path that brings request themes (the
/// batch's requests file, the inline request of `suggest`/`book`/the web form, a ledger's booked
/// inline request): adds to each expert's `avoid_themes` every theme of `request_themes` that
/// must be taken as one of them ([`crate::names::themes::safe_side_same`]: one letter away, a
/// plural or spelling "did you mean" maps to the same theme, a request theme holding the avoided
/// one, an adjective form, an avoided phrase or synonym of a known theme), and to an expert who
/// avoids every theme ([`crate::model::Expert::avoid_all`]) all of them. Returns the indices of
/// the experts that gained a theme, ascending. O(distinct avoided × distinct request themes ×
/// the comparison's cost).
pub(crate) fn extend_avoided(inst: &mut Instance, request_themes: &[u32]) -> Vec<usize> {
    extend_avoided_near(inst, request_themes).0
}

/// [`extend_avoided`], also returning each avoided theme's request themes taken as it on the
/// safe side (for [`avoided_naming_no_theme`], which so costs no second comparison).
fn extend_avoided_near(
    inst: &mut Instance,
    request_themes: &[u32],
) -> (Vec<usize>, HashMap<u32, Vec<u32>>) {
    let mut request_themes = request_themes.to_vec();
    request_themes.sort_unstable();
    request_themes.dedup();
    let mut near: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut gained = Vec::new();
    for ei in 0..inst.experts.len() {
        let mut add = Vec::new();
        if inst.experts[ei].avoid_all {
            // Every theme avoided (`alles`, `*`): every request theme is one of them.
            add.extend(request_themes.iter().copied());
        }
        for &a in &inst.experts[ei].avoid_themes {
            let close = near.entry(a).or_insert_with(|| {
                // The names keep the words of a phrase (a short theme in it is a whole word).
                let na = inst.themes.name(a);
                request_themes
                    .iter()
                    .copied()
                    .filter(|&r| crate::names::themes::safe_side_same(na, inst.themes.name(r)))
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
    (gained, near)
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
