//! The answer to the request form: the library's `suggest` for a request typed in, given this
//! week's batch.
//!
//! The form's fields are read as the cells of a requests.csv row by
//! [`matchpunt::ingest::parse_request`] (the same parsers, aliases, defaults and messages as a
//! file), into a copy of the batch's experts and history; [`matchpunt::explain::suggest`] ranks
//! the experts within their limits given the week's bookings, and
//! [`matchpunt::explain::suggest_view`] puts the reasons into words.

use super::detail::{heading, reasons};
use super::form::{FieldError, FormValues};
use super::seg;
use crate::i18n::L;
use crate::state::{places, Data};
use crate::Lang;
use matchpunt::explain::{self, SuggestView};
use matchpunt::ingest::parse_request_in;
use matchpunt::messages::Msg;
use maud::{html, Markup};

/// How many candidates (and near misses) the page lists.
pub const TOP: usize = 5;

/// The library's suggestion for the form's request, or the first bad field.
pub fn suggest(
    lang: Lang,
    d: &Data,
    v: &FormValues,
) -> Result<(SuggestView, Vec<String>), FieldError> {
    let cells = v.cells();
    let named: Vec<(&str, &str)> = cells.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut inst = d.template.clone();
    let (request, warnings) =
        parse_request_in(&named, "form", places(), d.policy(), &mut inst, lang).map_err(
            |errs| match errs.errors.first() {
                Some(e) => FieldError {
                    field: e
                        .column
                        .as_ref()
                        .map_or_else(|| "form".to_string(), |c| c.1.clone()),
                    value: e.value.clone().unwrap_or_default(),
                    expected: e.message(),
                },
                None => FieldError {
                    field: "form".into(),
                    value: String::new(),
                    expected: errs.to_string(),
                },
            },
        )?;
    inst.requests.push(request);
    let ri = inst.requests.len() - 1;
    let s = explain::suggest(&inst, d.policy(), ri, Some(&d.booked), TOP);
    Ok((
        explain::suggest_view(&inst, d.policy(), &s, Some(&d.booked), lang),
        warnings,
    ))
}

/// Whether the candidates get a book button, and why not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Booking {
    /// A button per candidate, with the session's CSRF token.
    Button {
        /// The session's CSRF token.
        csrf: String,
    },
    /// Served without a ledger: nowhere to book.
    NoLedger,
    /// Not signed in.
    SignIn,
    /// The ledger's week is closed.
    Closed,
}

impl Booking {
    /// What the form's answer may offer to `ui`'s user for the batch `d`.
    pub fn for_page(ui: &crate::Ui, d: &Data) -> Booking {
        match (&d.ledger, &ui.session) {
            (None, _) => Booking::NoLedger,
            (Some(lw), _) if lw.view.closed => Booking::Closed,
            (Some(_), None) => Booking::SignIn,
            (Some(_), Some(s)) => Booking::Button {
                csrf: s.csrf.clone(),
            },
        }
    }
}

/// The candidates for the form's request, as HTML, each with a book button when `book` allows;
/// a bad field as an error naming it.
pub fn answer(lang: Lang, d: &Data, v: &FormValues, book: &Booking) -> Result<Markup, FieldError> {
    let t = |l: L| l.text(lang);
    let (view, warnings) = suggest(lang, d, v)?;
    Ok(html! {
        section #candidates {
            h2 { (t(L::Candidates)) }
            p.lead { (view.text) }
            @for w in &warnings { p.warn { (w) } }
            @for n in &view.notes { p { (n) } }
            @if let Some(n) = &view.nobody { p.warn #nobody { (n) } }
            @if !view.candidates.is_empty() {
                ol.candidates {
                    @for c in &view.candidates {
                        li {
                            span.who {
                                a href={ "/experts/" (seg(&c.expert)) } { (if c.name.is_empty() { &c.expert } else { &c.name }) }
                                " " span.id { (c.expert) }
                            }
                            " · " (t(L::Score)) " " (lang.num(c.rank_score, 1))
                            @if let Some(km) = c.distance_km { " · " (lang.num(km, 1)) " km" }
                            (reasons(&c.reasons))
                            @if let Some(w) = &c.week {
                                p.load { (t(L::LoadAfter)) ": " (w.load_budget as i64 - w.load_left_after) "/" (w.load_budget) " · " (w.text) }
                            }
                            @if let Booking::Button { csrf } = book {
                                form.book method="post" action="/book" {
                                    input type="hidden" name="csrf" value=(csrf);
                                    input type="hidden" name="expert" value=(c.expert);
                                    input type="hidden" name="lang" value=(lang.code());
                                    (super::book::hidden_fields(v))
                                    button type="submit" .book-button data-expert=(c.expert) { (t(L::Book)) " " (if c.name.is_empty() { &c.expert } else { &c.name }) }
                                }
                            }
                        }
                    }
                }
            }
            @match book {
                Booking::NoLedger => p.hint #no-booking { (t(L::BookNeedsLedger)) },
                Booking::SignIn => p.hint #no-booking { a href="/login" { (t(L::BookSignIn)) } },
                Booking::Closed => p.hint #no-booking { (t(L::WeekClosed)) },
                Booking::Button { .. } => {},
            }
            // Rules 5-8 and this week's limits only: the core never lists a personal reason
            // (rules 3-4) as a near miss.
            @if !view.near_misses.is_empty() {
                h2 { (heading(lang.text(Msg::NearMissesHead))) }
                ul.near { @for n in &view.near_misses {
                    li { a href={ "/experts/" (seg(&n.expert)) } { (n.expert) } " · " (n.text) }
                } }
            }
        }
    })
}
