//! The rows of each file kind (experts, requests, history) parsed from their tables into the
//! model, ids checked for uniqueness and references resolved.

#[allow(unused_imports)]
use super::*;

/// The ids of the experts file: every row's id cell, with the expert's index when its row
/// parsed cleanly.
pub(crate) struct ExpertIds {
    /// By normalised id.
    pub(crate) index: HashMap<String, Option<usize>>,
    /// All ids, sorted, for a "did you mean".
    pub(crate) sorted: Vec<String>,
    /// The ids prepared for "did you mean", at the first one.
    pub(crate) near: std::cell::OnceCell<NearNames<String>>,
    /// "Did you mean" hints given per file: at most [`MAX_ERRORS_PER_FILE`], as no more errors
    /// of a file are listed (20,000 unknown ids took minutes when each got one).
    pub(crate) hints: std::cell::RefCell<HashMap<String, usize>>,
    /// The parsed experts' ids and names, read the one way ([`crate::ingest::ids`]).
    pub(crate) keys: crate::ingest::ids::IdKeys,
    /// The parsed experts' ids as written, by index.
    pub(crate) written: Vec<String>,
}

impl ExpertIds {
    pub(crate) fn new(t: &Table, experts: &[Expert]) -> Self {
        let mut index: HashMap<String, Option<usize>> = HashMap::new();
        let mut sorted: Vec<String> = Vec::new();
        // Rows rejected for their width count too: their id is probably where the header says.
        for (_, row) in t.rows.iter().chain(&t.ragged) {
            let id = t.cell(row, "id");
            if !id.is_empty() {
                index.entry(normalize(id)).or_insert(None);
                sorted.push(id.to_string());
            }
        }
        for (i, e) in experts.iter().enumerate() {
            index.insert(normalize(&e.id), Some(i));
        }
        sorted.sort_unstable();
        sorted.dedup();
        let keys = crate::ingest::ids::IdKeys::new(
            experts.iter().enumerate().map(|(i, e)| (i, e.id.as_str())),
        )
        .with_names(
            experts
                .iter()
                .enumerate()
                .map(|(i, e)| (i, e.name.as_str())),
        );
        ExpertIds {
            index,
            sorted,
            near: std::cell::OnceCell::new(),
            hints: std::cell::RefCell::new(HashMap::new()),
            keys,
            written: experts.iter().map(|e| e.id.clone()).collect(),
        }
    }
}

/// Checks that the row's id is there and unique; ids are compared by [`normalize`], so `E01`,
/// `e01` and `E01` with a non-breaking space are one id.
pub(crate) fn check_unique_id<'t>(
    c: &mut Cells<'t, '_>,
    seen: &mut HashMap<String, u64>,
) -> &'t str {
    let id = c.required_nonempty("id", Expected::UniqueId);
    if !id.is_empty() {
        let key = normalize(id);
        if let Some(first) = seen.get(&key) {
            c.err("id", id, Problem::DuplicateId { first: *first });
        } else {
            seen.insert(key, c.line);
        }
    }
    id
}

pub(crate) fn parse_experts(
    t: &Table,
    places: &Places,
    policy: &Policy,
    inst: &mut Instance,
    errs: &mut Errs,
) -> Vec<ExpertRow> {
    let has_location = t.has("place") || (t.has("lat") && t.has("lon"));
    if !has_location {
        errs.push_file(
            t.kind,
            &t.file,
            Some(t.header_line),
            Problem::MissingLocationColumn,
        );
        return Vec::new();
    }
    let mut seen = HashMap::new();
    let mut persons = super::persons::Persons::default();
    let mut rows = Vec::new();
    for (row_idx, (line, row)) in t.rows.iter().enumerate() {
        let mut ambiguous: Option<(String, crate::model::Week)> = None;
        let mut year_only: Option<(String, crate::model::Week)> = None;
        let mut c = Cells::new(t, errs, *line, row);
        let id = check_unique_id(&mut c, &mut seen);
        let mut roles = RoleSet::default();
        let roles_cell = c.required_nonempty("roles", Expected::Roles);
        // Excel users also write `maatje/spreker`.
        for r in split_list(roles_cell).flat_map(|r| r.split(['/', '+']).map(str::trim)) {
            if r.is_empty() {
                continue;
            }
            match Role::parse(r) {
                Some(role) => roles.insert(role),
                None => {
                    let ervaringsdeskundige = normalize(r).starts_with("ervaringsdeskundig");
                    c.err(
                        "roles",
                        r,
                        Problem::NotARole {
                            ervaringsdeskundige,
                        },
                    )
                }
            }
        }
        let certified = c.required_bool("certified");
        let themes = c.themes("themes", true, &mut inst.themes);
        let (avoid_themes, avoid_scope) =
            c.avoid_themes(&policy.intensity.heavy_themes, &mut inst.themes);
        let (place, location) = c.location(places, true);
        let max_travel_km = c
            .km("max_travel_km", 0.0..=1000.0)
            .unwrap_or(policy.rules.default_max_travel_km);
        let online = c.bool_or("online", true);
        let avail_cell = c.get("availability");
        let mut availability = SlotSet::default();
        for s in split_list(avail_cell) {
            if matches!(normalize(s).as_str(), "*" | "any" | "alle" | "altijd") {
                availability = SlotSet::ALL;
            } else if let Some(slot) = Slot::parse(s) {
                availability.insert(slot);
            } else {
                c.err("availability", s, Problem::NotSlotList);
            }
        }
        let max_assignments = c
            .uint("max_assignments", 0..=50)
            .unwrap_or(policy.rules.default_max_assignments);
        let load_budget = c
            .uint("load_budget", 0..=1000)
            .unwrap_or(policy.rules.default_load_budget);
        let birth_year = c.year("birth_year");
        let languages = language_ids(c.get("languages"), &mut inst.languages);
        let gender = parse_gender(c.get("gender"));
        let active = c.bool_or("active", true);
        let supervision = if t.has("last_supervision") {
            let v = c.get("last_supervision");
            if v.is_empty() {
                Supervision::Never
            } else if let Some(w) =
                bare_year(v).and_then(|y| parse_week_or_date(&format!("{y}-01-01")))
            {
                // A bare year (2026) is no Excel date number (it would be 1905): its first day
                // lapses soonest, the safe side (certified_on takes the last day, its safe side).
                let value = v.trim().to_string();
                c.errs.note_cell(t, *line, "last_supervision", |lang| {
                    lang.fill(Msg::WSupervisionYear, &[("value", &value), ("week", &w)])
                });
                Supervision::Week(w)
            } else {
                match parse_week_or_date(v) {
                    // 2/10/2026 is 2 October day-first and 10 February month-first: the
                    // earlier date lapses sooner (never sent on a lapsed supervision), the safe
                    // side, as the later one is for `certified_on` below.
                    Some(w) => match month_first(v) {
                        Some(other) if other != w => {
                            let week = other.min(w);
                            let value = v.trim().to_string();
                            c.errs.note_cell(t, *line, "last_supervision", |lang| {
                                lang.fill(
                                    Msg::WSupervisionAmbiguous,
                                    &[("value", &value), ("week", &week)],
                                )
                            });
                            Supervision::Week(week)
                        }
                        _ => Supervision::Week(w),
                    },
                    None => {
                        c.err("last_supervision", v, Problem::NotSupervisionDate);
                        Supervision::Never
                    }
                }
            }
        } else {
            Supervision::NotChecked
        };
        let absolute = c
            .uint("rolling_budget", 0..=10_000)
            .or(policy.rules.rolling_budget);
        // The relative rolling budget: a share of the window's weekly budgets (floor, so the
        // limit is never above the share).
        let relative = policy.rules.rolling_share.map(|share| {
            (share * f64::from(policy.rules.rolling_weeks) * f64::from(load_budget)).floor() as u32
        });
        let rolling_budget = match (absolute, relative) {
            (Some(a), Some(r)) => Some(a.min(r)),
            (a, r) => a.or(r),
        };
        let certified_on = c.get("certified_on");
        let certified_on = if certified_on.is_empty() {
            None
        } else {
            // A bare year (2026) is no Excel date number (2026 would be 1905-07-18, an
            // experienced expert): its last day keeps the expert new for longest, the safe
            // side, with a warning. A date number only in a plausible range (2000-2099).
            let year = bare_year(certified_on);
            let week = match year {
                Some(y) => parse_week_or_date(&format!("{y}-12-31")),
                None if certified_on.trim().parse::<u32>().is_ok() => certified_on
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (36_526..=73_050).contains(n))
                    .and_then(|_| parse_week_or_date(certified_on)),
                None => parse_week_or_date(certified_on),
            };
            if let (Some(_), Some(w)) = (year, week) {
                year_only = Some((certified_on.trim().to_string(), w));
            }
            if week.is_none() {
                c.err("certified_on", certified_on, Problem::NotCertifiedOnDate);
            }
            // 11/1/2026 is 11 January day-first and 1 November month-first: the later date
            // keeps the expert new for longer (never sent alone too early), the safe side.
            match (week, month_first(certified_on)) {
                (Some(w), Some(other)) if other != w => {
                    ambiguous = Some((certified_on.to_string(), other.max(w)));
                    Some(other.max(w))
                }
                _ => week,
            }
        };
        let deployments = c.uint("deployments", 0..=10_000);
        persons.check(&mut c, id, birth_year);
        // Before the row's `expert` is taken: a note in the cell is an error of the row.
        let excluded = c.safety("excluded_orgs").to_string();
        c.org_ids("excluded_org_ids", true);
        rows.push(ExpertRow {
            line: *line,
            id: id.to_string(),
            expert: c.ok.then_some(inst.experts.len()),
            excluded,
            avoid_scope,
            excluded_ids: c.get("excluded_org_ids").to_string(),
            not_with: c.get("not_with").to_string(),
        });
        if c.ok {
            let i = inst.experts.len();
            if let Some(w) = certified_on {
                inst.teams.certified_on.insert(i, w);
            }
            if let Some(d) = deployments.filter(|&d| d > 0) {
                inst.teams.deployments.insert(i, d);
            }
            inst.experts.push(Expert {
                id: id.to_string(),
                row: row_idx,
                name: c.get("name").to_string(),
                roles,
                certified,
                themes,
                avoid_themes,
                avoid_all: avoid_scope == Some(crate::names::theme_words::AvoidScope::All),
                place,
                location: location.unwrap_or(LatLon { lat: 0.0, lon: 0.0 }),
                max_travel_km,
                online,
                availability,
                max_assignments,
                load_budget,
                birth_year,
                languages,
                gender,
                excluded_orgs: Vec::new(),
                excluded_org_names: Vec::new(),
                excluded_org_ids: Vec::new(),
                active,
                coach: c.get("coach").to_string(),
                supervision,
                rolling_budget,
                rolling_used: 0,
                last_heavy: None,
            });
        }
        if let Some((value, week)) = year_only {
            errs.note_cell(t, *line, "certified_on", |lang| {
                lang.fill(Msg::WCertifiedOnYear, &[("value", &value), ("week", &week)])
            });
        }
        if let Some((value, week)) = ambiguous {
            errs.note_cell(t, *line, "certified_on", |lang| {
                lang.fill(
                    Msg::WCertifiedOnAmbiguous,
                    &[("value", &value), ("week", &week)],
                )
            });
        }
    }
    // A row found to be another row's person after it was taken: out of every plan where bad
    // rows are skipped (its error stops the batch otherwise), as the later row is.
    for r in rows
        .iter_mut()
        .filter(|r| persons.doubled.contains(&r.line))
    {
        if let Some(i) = r.expert {
            inst.experts[i].active = false;
        }
    }
    rows
}

/// A cell that is only a year of four digits (1900-2100, surrounding spaces allowed).
fn bare_year(v: &str) -> Option<u32> {
    let v = v.trim();
    (v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// The week of a `d/m/yyyy` date read month first (`11/1/2026` as 1 November), when both
/// readings are dates; None otherwise (a day over 12, a dash or dot date: Dutch day-first).
/// The one test of an ambiguous date for every date column of a limit: `certified_on` takes
/// the later reading, `last_supervision` the earlier one, each with a warning naming the cell.
fn month_first(v: &str) -> Option<crate::model::Week> {
    let date = v.trim().split([' ', 'T']).next()?;
    let parts: Vec<&str> = date.split('/').collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    let (m, d): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    if y.len() != 4 || m > 12 || d > 12 || m == d {
        return None;
    }
    parse_week_or_date(&format!("{y}-{m:02}-{d:02}"))
}

pub(crate) fn parse_priority(v: &str) -> Option<u8> {
    match normalize(v).as_str() {
        "" => Some(2),
        "1" | "low" | "laag" => Some(1),
        "2" | "normal" | "normaal" => Some(2),
        "3" | "urgent" | "high" | "hoog" | "spoed" => Some(3),
        _ => None,
    }
}

pub(crate) fn parse_requests(
    t: &Table,
    places: &Places,
    policy: &Policy,
    experts: Option<&ExpertIds>,
    inst: &mut Instance,
    errs: &mut Errs,
    warnings: &mut Vec<Warning>,
) -> Vec<Request> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for (row_idx, (line, row)) in t.rows.iter().enumerate() {
        let mut c = Cells::new(t, errs, *line, row);
        let id = check_unique_id(&mut c, &mut seen);
        let org_name = c.required_nonempty("org", Expected::RequestingOrg);
        if crate::names::notes::is_placeholder_name(org_name) {
            c.err("org", org_name, Problem::OrgNote);
        }
        c.org_ids("org_id", false);
        let role_cell = c.required_nonempty("role", Expected::OneRole);
        let role = if role_cell.is_empty() {
            None
        } else {
            let r = Role::parse(role_cell);
            if r.is_none() {
                c.err("role", role_cell, Problem::NotOneRole);
            }
            r
        };
        let themes_cell = c.get("themes");
        let themes = c.themes("themes", true, &mut inst.themes);
        let online = c.bool_or("online", false);
        let (place, location) = c.location(places, !online);
        let slot_cell = c.get("slot");
        let slot = match normalize(slot_cell).as_str() {
            "" | "*" | "any" | "flexible" | "flexibel" => None,
            _ => {
                let s = Slot::parse(slot_cell);
                if s.is_none() {
                    c.err("slot", slot_cell, Problem::NotSlot);
                }
                s
            }
        };
        let experts_needed = c.uint("experts_needed", 1..=100).unwrap_or(1);
        let mut given_intensity = c.uint("intensity", 0..=100);
        // A 0 on a heavy theme (what a formula without a value leaves) would let the seat weigh
        // nothing against the load budget: an error naming the cell (trial 4 #10).
        if given_intensity == Some(0) && heavy_zero(&mut c, policy, role, themes_cell) {
            given_intensity = None;
        }
        let pr_cell = c.get("priority");
        let priority = parse_priority(pr_cell).unwrap_or_else(|| {
            c.err("priority", pr_cell, Problem::NotPriority);
            2
        });
        let language = c.request_language("language");
        let language = inst.languages.intern(&language);
        let client_age = c.uint("client_age", 0..=120);
        let gender_pref = c.gender_pref("gender_pref");
        let pref_cell = c.get("preferred_expert");
        let preferred_expert = if pref_cell.is_empty() {
            None
        } else {
            c.expert_ref("preferred_expert", pref_cell, experts)
        };
        let experienced_min = c.uint("experienced_min", 0..=100).unwrap_or(0);
        // Trajectories (issue 24): a bad count is an error naming the cell, never one meeting.
        let meetings = c
            .uint("meetings", 1..=crate::model::Trajectory::MAX_MEETINGS)
            .unwrap_or(1);
        let every_weeks = c
            .uint("every_weeks", 1..=crate::model::Trajectory::MAX_EVERY_WEEKS)
            .unwrap_or(1);
        let mut pinned = Vec::new();
        for p in split_list(c.get("pinned_expert")) {
            if let Some(i) = c.expert_ref("pinned_expert", p, experts) {
                if !pinned.contains(&i) {
                    pinned.push(i);
                }
            }
        }
        if let (true, Some(role)) = (c.ok, role) {
            if given_intensity.is_none()
                && policy.heavy(
                    crate::names::themes::split_cell(themes_cell, false)
                        .iter()
                        .map(String::as_str),
                ) == Heavy::NearMiss
            {
                let place = format!("{}:{}", t.file, line);
                warnings.push(Warning::new(|lang| {
                    lang.fill(Msg::WHeavyNearMiss, &[("place", &place), ("id", &id)])
                }));
            }
            let intensity = given_intensity.unwrap_or_else(|| {
                policy.default_intensity(
                    role,
                    crate::names::themes::split_cell(themes_cell, false)
                        .iter()
                        .map(String::as_str),
                )
            });
            if experienced_min > 0 {
                inst.teams
                    .experienced_min
                    .insert(out.len(), experienced_min);
            }
            if meetings > 1 {
                inst.teams.trajectories.insert(
                    out.len(),
                    crate::model::Trajectory {
                        meetings,
                        every_weeks,
                    },
                );
            }
            out.push(Request {
                id: id.to_string(),
                row: row_idx,
                org: inst.orgs.intern(org_name),
                role,
                themes,
                location,
                place,
                online,
                slot,
                experts_needed,
                intensity,
                intensity_given: given_intensity.is_some(),
                priority,
                language,
                client_age,
                gender_pref,
                preferred_expert,
                pinned,
                heavy: policy.is_heavy(
                    crate::names::themes::split_cell(themes_cell, false)
                        .iter()
                        .map(String::as_str),
                ),
            });
        }
    }
    out
}

/// How a history row with a bad cell was counted where bad rows are skipped: for the one
/// expert its cell names (`exactly`), or on the safe side for every expert it could name.
#[derive(Clone, Debug)]
pub(crate) struct Counted {
    /// The expert cell named one expert with no error (another cell was bad).
    pub(crate) exactly: bool,
    /// The ids of the experts the row's load is counted for.
    pub(crate) ids: Vec<String>,
}

pub(crate) fn parse_history(
    t: &Table,
    policy: &Policy,
    experts: Option<&ExpertIds>,
    inst: &mut Instance,
    errs: &mut Errs,
    counted: &mut HashMap<u64, Counted>,
) -> Vec<HistoryRow> {
    let mut out = Vec::new();
    for (line, row) in &t.rows {
        let mut c = Cells::new(t, errs, *line, row);
        let week_cell = c.get("week");
        // An ISO week, or a date written year first (a workbook's date cell reads so): the week
        // it falls in. Day-first dates stay an error here, as 03-04 could be either way round.
        let iso_date = week_cell.len() >= 10 && week_cell.as_bytes()[4] == b'-';
        let week = Week::parse(week_cell)
            .or_else(|| iso_date.then(|| parse_week_or_date(week_cell)).flatten());
        if week.is_none() {
            c.err("week", week_cell, Problem::NotWeek);
        }
        let expert_cell = c.required_nonempty("expert", Expected::ExpertId);
        let before = c.errs.found.len();
        let named = if expert_cell.is_empty() {
            Vec::new()
        } else {
            c.expert_history("expert", expert_cell, experts)
        };
        let named_exactly = c.errs.found.len() == before;
        let org = c.required_nonempty("org", Expected::AnOrg);
        let role_cell = c.get("role");
        let role = Role::parse(role_cell);
        if role.is_none() {
            c.err("role", role_cell, Problem::NotHistoryRole);
        }
        let mut intensity = c.uint("intensity", 0..=100);
        // The same rule as a request's: a heavy-theme seat that took place weighed.
        let themes_cell = c.get("themes");
        if intensity == Some(0) && heavy_zero(&mut c, policy, role, themes_cell) {
            intensity = None;
        }
        let declined = c.bool_or("declined", false);
        // A row with a bad cell stops the batch; where bad rows are skipped instead (`suggest`,
        // the web form), its load still counts when its week and expert are known: at its own
        // intensity, or the highest default of any role, and as not declined (the safe side for
        // the rolling budget and the heavy-theme pause).
        // An expert cell that names nobody for sure is counted for every expert it could name
        // (`Counted`, said in the warning); one that names no expert of the batch, for nobody.
        let Some(week) = week else { continue };
        if !c.ok && !named.is_empty() {
            counted.insert(
                *line,
                Counted {
                    exactly: named_exactly,
                    ids: named.iter().map(|&i| inst.experts[i].id.clone()).collect(),
                },
            );
        }
        for expert in named {
            let themes = crate::names::themes::split_cell(c.get("themes"), false);
            let themes = || themes.iter().map(String::as_str);
            // Written but not a whole number: a decimal rounded up (4,5 → 5); anything else
            // (`veel`) as the expert's whole rolling budget (else weekly budget) used that week,
            // so the rolling budget keeps them out (the safe side, trial 2 #8).
            let raw = c.get("intensity").trim();
            let written = (intensity.is_none() && !raw.is_empty()).then(|| {
                raw.replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite() && *x >= 0.0)
                    .map_or_else(
                        || {
                            inst.experts.get(expert).map_or(u32::MAX / 4, |e| {
                                e.rolling_budget.unwrap_or(e.load_budget).max(e.load_budget)
                            })
                        },
                        |x| x.ceil().min(10_000.0) as u32,
                    )
            });
            let intensity = match (c.ok, intensity.or(written), role) {
                (_, Some(i), _) => i,
                (true, None, Some(role)) => policy.default_intensity(role, themes()),
                _ => max_default_intensity(policy, themes()),
            };
            out.push(HistoryRow {
                week,
                expert,
                org: inst.orgs.intern(org),
                role: role.unwrap_or(Role::Buddy),
                intensity,
                heavy: policy.is_heavy(themes()),
                declined: c.ok && declined,
            });
        }
    }
    out
}

/// Whether an intensity of 0 in the row of `c` is on a seat with a heavy theme (`themes_cell`
/// as written): then an error naming the cell, with the default intensity of `role` (or the
/// highest of any role, when it is not known) as what an empty cell would give.
fn heavy_zero(
    c: &mut Cells<'_, '_>,
    policy: &Policy,
    role: Option<Role>,
    themes_cell: &str,
) -> bool {
    let split = crate::names::themes::split_cell(themes_cell, false);
    let themes = || split.iter().map(String::as_str);
    if !policy.is_heavy(themes()) {
        return false;
    }
    let default = role.map_or_else(
        || max_default_intensity(policy, themes()),
        |r| policy.default_intensity(r, themes()),
    );
    let raw = c.get("intensity");
    c.err("intensity", raw, Problem::HeavyIntensityZero { default });
    true
}

/// The highest default intensity of any role for a seat on `themes` (as written): the load of a
/// seat whose role is not known, on the safe side.
fn max_default_intensity<'a>(
    policy: &Policy,
    themes: impl Iterator<Item = &'a str> + Clone,
) -> u32 {
    Role::ALL
        .iter()
        .map(|&r| policy.default_intensity(r, themes.clone()))
        .max()
        .unwrap_or(0)
}

impl ExpertIds {
    /// The ids of experts already loaded.
    pub(crate) fn of_experts(experts: &[Expert]) -> Self {
        let index: HashMap<String, Option<usize>> = experts
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), Some(i)))
            .collect();
        let mut sorted: Vec<String> = index.keys().cloned().collect();
        sorted.sort_unstable();
        let keys = crate::ingest::ids::IdKeys::new(
            experts.iter().enumerate().map(|(i, e)| (i, e.id.as_str())),
        )
        .with_names(
            experts
                .iter()
                .enumerate()
                .map(|(i, e)| (i, e.name.as_str())),
        );
        ExpertIds {
            index,
            sorted,
            near: std::cell::OnceCell::new(),
            hints: std::cell::RefCell::new(HashMap::new()),
            keys,
            written: experts.iter().map(|e| e.id.clone()).collect(),
        }
    }
}
