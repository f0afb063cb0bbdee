//! The request form for a phone request (`GET /request`), and its answer (`POST /request`): the
//! top five candidates with their reasons in words, their load after this request, the near
//! misses, and the smallest fix when nobody fits.

pub use super::form::{FieldError, FormValues, FIELDS};
use super::{failure, frame, respond};
use crate::i18n::{fill, L};
use crate::state::{places, Data};
use crate::{App, Lang, Ui};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use matchpunt::model::{Role, Slot};
use maud::{html, Markup};

/// `GET /request`: the empty form.
pub async fn form(State(app): State<App>, ui: Ui) -> Response {
    let snap = app.snapshot();
    let title = L::FormTitle.text(ui.lang);
    let body = match &snap.data {
        Err(f) => failure(ui.lang, f),
        Ok(d) => {
            let v = FormValues {
                experts_needed: "1".into(),
                language: "nl".into(),
                ..FormValues::default()
            };
            html! { (banner(ui.lang, d)) (super::ledger_line(ui.lang, d)) (form_view(ui.lang, d, &v, None)) }
        }
    };
    respond(StatusCode::OK, frame(&ui, Some(&snap), title, body))
}

/// The themes and organisations the form offers: the experts' own themes and the requests'
/// themes; the requests' and the history's organisations. Never a theme known only from an
/// `avoid_themes` cell or an organisation known only from an `excluded_orgs` cell: those are
/// health data, and offering one (then seeing a named expert drop out when it is picked)
/// would tell who avoids what or where someone was a client.
fn offered(inst: &matchpunt::model::Instance) -> (Vec<&str>, Vec<&str>) {
    let mut theme_ids: Vec<u32> = inst
        .experts
        .iter()
        .flat_map(|e| e.themes.iter().copied())
        .chain(inst.requests.iter().flat_map(|r| r.themes.iter().copied()))
        .collect();
    theme_ids.sort_unstable();
    theme_ids.dedup();
    let mut org_ids: Vec<u32> = inst
        .requests
        .iter()
        .map(|r| r.org)
        .chain(inst.history.iter().map(|h| h.org))
        .collect();
    org_ids.sort_unstable();
    org_ids.dedup();
    (
        theme_ids.iter().map(|&t| inst.themes.name(t)).collect(),
        org_ids.iter().map(|&o| inst.orgs.name(o)).collect(),
    )
}

/// The form, filled with `v`, with an error under the field it concerns.
pub fn form_view(lang: Lang, d: &Data, v: &FormValues, err: Option<&FieldError>) -> Markup {
    let t = |l: L| l.text(lang);
    let inst = d.inst();
    let (mut themes, mut orgs) = offered(inst);
    themes.sort_unstable_by_key(|s| s.to_lowercase());
    orgs.sort_unstable_by_key(|s| s.to_lowercase());
    let mut langs: Vec<&str> = inst.languages.names().iter().map(String::as_str).collect();
    if !langs.contains(&"nl") {
        langs.push("nl");
    }
    langs.sort_unstable();
    let role = Role::parse(&v.role);
    let slot = Slot::parse(&v.slot);
    let error_for = |field: &str| -> Option<String> {
        err.filter(|e| e.field == field)
            .map(|e| format!("{:?}: {}", e.value, e.expected))
    };
    html! {
        h1 { (t(L::FormTitle)) }
        p.hint { (t(L::FormHint)) }
        @if let Some(e) = err {
            p.error #form-error { (fill(lang, L::FieldError, &[("field", &super::form::field_label(&e.field, lang)), ("problem", &format!("{:?}: {}", e.value, e.expected))])) }
        }
        form.request #request-form method="post" action="/request" {
            input type="hidden" name="lang" value=(lang.code());
            label {
                (t(L::Role))
                select name="role" required {
                    @for r in Role::ALL {
                        option value=(r.as_str()) selected[role == Some(r)] { (lang.role(r)) }
                    }
                }
                @if let Some(m) = error_for("role") { span.field-error { (m) } }
            }
            label {
                (t(L::Org))
                input name="org" list="orgs" value=(v.org) required autocomplete="off";
                datalist #orgs { @for o in &orgs { option value=(o) {} } }
                @if let Some(m) = error_for("org") { span.field-error { (m) } }
            }
            label {
                (t(L::Place))
                input name="place" list="places" value=(v.place) autocomplete="off";
                datalist #places {
                    @for p in places().all() {
                        option value=(p.name) { (p.province) }
                        @for a in &p.aliases { option value=(a) { (p.name) ", " (p.province) } }
                    }
                }
                @if let Some(m) = error_for("place") { span.field-error { (m) } }
            }
            label.check {
                input type="checkbox" name="online" value="yes" checked[v.online];
                (t(L::Online))
            }
            label {
                (t(L::Slot))
                select name="slot" {
                    option value="" selected[slot.is_none()] { (t(L::Flexible)) }
                    @for s in 0..Slot::COUNT as u8 {
                        option value=(Slot(s).to_string()) selected[slot == Some(Slot(s))] { (lang.slot(Slot(s))) }
                    }
                }
                @if let Some(m) = error_for("slot") { span.field-error { (m) } }
            }
            label {
                (t(L::Language))
                select name="language" {
                    @for l in &langs { option value=(l) selected[v.language.eq_ignore_ascii_case(l)] { (l) } }
                }
                @if let Some(m) = error_for("language") { span.field-error { (m) } }
            }
            label {
                (t(L::ClientAge)) " (" (t(L::Optional)) ")"
                input name="client_age" type="number" min="0" max="120" value=(v.client_age);
                @if let Some(m) = error_for("client_age") { span.field-error { (m) } }
            }
            label {
                (t(L::Seats))
                input name="experts_needed" type="number" min="1" max="100" value=(v.experts_needed) required;
                @if let Some(m) = error_for("experts_needed") { span.field-error { (m) } }
            }
            fieldset.themes {
                legend { (t(L::Themes)) }
                div.choices {
                    @for th in &themes {
                        label { input type="checkbox" name="themes" value=(th) checked[v.themes.iter().any(|x| x.eq_ignore_ascii_case(th))]; (th) }
                    }
                }
                @if let Some(m) = error_for("themes") { span.field-error { (m) } }
            }
            div.actions { button type="submit" #find { (t(L::Find)) } }
        }
    }
}

/// `POST /request`: the candidates for the request in the form. A bad field is a 400 that
/// names it, with the form as it was sent.
pub async fn submit(State(app): State<App>, ui: Ui, body: axum::body::Bytes) -> Response {
    let snap = app.snapshot();
    let title = L::FormTitle.text(ui.lang);
    let lang = ui.lang;
    let _permit = app.work.acquire().await;
    let job = {
        let snap = snap.clone();
        let ui = ui.clone();
        tokio::task::spawn_blocking(move || match &snap.data {
            Err(f) => (StatusCode::OK, failure(lang, f)),
            Ok(d) => match FormValues::parse(&body, lang) {
                Err(e) => (
                    StatusCode::BAD_REQUEST,
                    form_view(lang, d, &FormValues::default(), Some(&e)),
                ),
                Ok(v) => {
                    let book = super::suggest::Booking::for_page(&ui, d);
                    match super::suggest::answer(lang, d, &v, &book) {
                        Err(e) => (StatusCode::BAD_REQUEST, form_view(lang, d, &v, Some(&e))),
                        Ok(answer) => (
                            StatusCode::OK,
                            html! { (banner(lang, d)) (super::ledger_line(lang, d)) (form_view(lang, d, &v, None)) (answer) },
                        ),
                    }
                }
            },
        })
    };
    let (status, body) = job.await.unwrap_or_else(|_| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            html! { p.error { "internal error" } },
        )
    });
    respond(status, frame(&ui, Some(&snap), title, body))
}

/// The errors of rows left out of the data, above the form: the form answers without them, as
/// `suggest` does, and says so.
pub fn banner(lang: Lang, d: &Data) -> Markup {
    html! {
        @if let Some(f) = &d.skipped {
            (super::rows_left_out(lang, f))
        }
    }
}
