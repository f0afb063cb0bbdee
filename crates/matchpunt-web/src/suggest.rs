//! The answer to the request form: the request read from the form's cells, its best candidates
//! given this week's batch, and the near misses.

use crate::i18n::L;
use crate::pages::request::{FieldError, FormValues};
use crate::pages::seg;
use crate::state::{places, Data};
use crate::Lang;
use matchpunt::eligibility::{self, Pair};
use matchpunt::model::{Request, Role, Slot};
use matchpunt::scoring::score_pair;
use maud::{html, Markup};

fn bad(field: &str, value: &str, expected: &str) -> FieldError {
    FieldError {
        field: field.into(),
        value: value.into(),
        expected: expected.into(),
    }
}

/// Reads the form into a request of the batch's instance (not added to it).
fn read(d: &Data, v: &FormValues) -> Result<Request, FieldError> {
    let inst = &d.inst;
    let role = Role::parse(&v.role)
        .ok_or_else(|| bad("role", &v.role, "one of buddy, adviser, trainer, speaker"))?;
    if v.themes.is_empty() {
        return Err(bad("themes", "", "at least one theme"));
    }
    let mut themes = Vec::new();
    for t in &v.themes {
        themes.push(
            inst.themes
                .get(t)
                .ok_or_else(|| bad("themes", t, "a theme of the data"))?,
        );
    }
    themes.sort_unstable();
    themes.dedup();
    let org = inst
        .orgs
        .get(&v.org)
        .ok_or_else(|| bad("org", &v.org, "an organisation of the data"))?;
    let (place, location) = if v.place.trim().is_empty() {
        if !v.online {
            return Err(bad("place", "", "a place (or online)"));
        }
        (String::new(), None)
    } else {
        let p = places()
            .lookup(&v.place)
            .map_err(|m| bad("place", &v.place, &m.describe()))?;
        (p.name.clone(), Some(p.location))
    };
    let slot = match v.slot.trim() {
        "" => None,
        s => Some(Slot::parse(s).ok_or_else(|| bad("slot", s, "a slot like wed-pm"))?),
    };
    let language = inst
        .languages
        .get(if v.language.is_empty() {
            "nl"
        } else {
            &v.language
        })
        .ok_or_else(|| bad("language", &v.language, "a language of the data"))?;
    let client_age = match v.client_age.trim() {
        "" => None,
        s => Some(
            s.parse::<u32>()
                .ok()
                .filter(|a| *a <= 120)
                .ok_or_else(|| bad("client_age", s, "a whole number from 0 to 120"))?,
        ),
    };
    let seats = match v.experts_needed.trim() {
        "" => 1,
        s => s
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| bad("experts_needed", s, "a whole number from 1 to 100"))?,
    };
    let intensity = d
        .policy
        .default_intensity(role, themes.iter().map(|&t| inst.themes.name(t)));
    Ok(Request {
        id: "aanvraag".into(),
        row: inst.requests.len(),
        org,
        role,
        themes,
        location,
        place,
        online: v.online,
        slot,
        experts_needed: seats,
        intensity,
        intensity_given: false,
        priority: 2,
        language,
        client_age,
        gender_pref: String::new(),
        preferred_expert: None,
        pinned: Vec::new(),
    })
}

/// The candidates for the form's request, as HTML; a bad field as an error naming it.
pub fn answer(lang: Lang, d: &Data, v: &FormValues) -> Result<Markup, FieldError> {
    let t = |l: L| l.text(lang);
    let r = read(d, v)?;
    let mut probe = d.inst.clone();
    let ri = probe.requests.len();
    probe.requests.push(r);
    let inst = &probe;
    let r = &inst.requests[ri];
    let mut cands = Vec::new();
    let mut near = Vec::new();
    for (ei, e) in inst.experts.iter().enumerate() {
        let why = eligibility::check(inst, &d.policy, r, e);
        let u = &d.used[ei];
        if why.is_eligible() {
            let busy = r.slot.is_some_and(|s| u.slots & (1 << s.0) != 0);
            if !busy && u.count < e.max_assignments && u.load + r.intensity <= e.load_budget {
                let pair = Pair {
                    request: ri as u32,
                    expert: ei as u32,
                };
                cands.push(score_pair(inst, &d.policy, &d.hist, pair));
            }
        } else {
            let v: Vec<_> = why.iter().collect();
            if v.len() == 1 && v[0].rule() >= 5 {
                near.push((ei, v[0].text()));
            }
        }
    }
    cands.sort_by(|a, b| {
        b.value
            .cmp(&a.value)
            .then(a.pair.expert.cmp(&b.pair.expert))
    });
    cands.truncate(5);
    near.truncate(5);
    Ok(html! {
        section #candidates {
            h2 { (t(L::Candidates)) }
            @if cands.is_empty() { p { (t(L::NoCandidates)) } }
            ol.candidates {
                @for s in &cands {
                    @let e = &inst.experts[s.pair.expert as usize];
                    @let u = &d.used[s.pair.expert as usize];
                    li {
                        span.who { a href={ "/experts/" (seg(&e.id)) } { (e.name) } " " span.id { (e.id) } }
                        " · " (t(L::Score)) " " (lang.num(s.score, 1))
                        @if let Some(km) = s.distance_km { " · " (lang.num(km, 1)) " km" }
                        br;
                        span.load { (t(L::LoadAfter)) ": " (u.load + r.intensity) "/" (e.load_budget) }
                    }
                }
            }
            @if !near.is_empty() {
                h2 { (t(L::NearMisses)) }
                ul.near { @for (ei, why) in &near {
                    @let e = &inst.experts[*ei];
                    li { a href={ "/experts/" (seg(&e.id)) } { (e.name) } " " span.id { (e.id) } ": " (why) }
                } }
            }
        }
    })
}
