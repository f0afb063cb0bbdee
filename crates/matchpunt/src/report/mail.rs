//! Mail-merge rows for the week's proposals, decisions and bookings (`matchpunt messages`): one
//! text to the expert and one to the organisation, each in its reader's language.
//!
//! Why built from a closed set of fields: a hand-made message is where a theme the reader must
//! not see, or a former care provider, slips in. A text here is filled only from the request
//! (its id, organisation, role, date and slot, place or online, and its own themes as
//! `{topics}`), the two names and the week; nothing of an expert's themes, avoided themes or
//! excluded organisations is ever handed to it, so no text can tell rule 3 from rule 4.
//!
//! The texts come from the message table ([`Msg::MailProposalExpert`], ...); a coordinator's
//! template file overrides any of them ([`Templates::parse`]), checked when read.

use crate::messages::{Lang, Msg};
use crate::model::{civil_from_days, Slot, Week};
use crate::report::table::{Cell, Sheet};
use std::collections::HashMap;

/// The placeholders a mail text may use.
pub const PLACEHOLDERS: [&str; 13] = [
    "name",
    "expert",
    "org",
    "request",
    "role",
    "date",
    "slot",
    "where",
    "topics",
    "week",
    "kind",
    "meeting",
    "trajectory",
];

/// Other names for the columns of a `messages --templates` file: the Dutch headers
/// (`bericht,taal,tekst`). docs/reference/data.md lists them (a test checks it).
pub const TEMPLATE_ALIASES: &[(&str, &[&str])] = &[
    ("message", &["bericht"]),
    ("language", &["taal"]),
    ("text", &["tekst"]),
];

/// Other names for the `language` column of a `messages --organisations` file (its `name`
/// and `aliases` columns take the names of organisations.csv,
/// [`crate::ingest::sheet::ORGANISATION_ALIASES`]). docs/reference/data.md lists them.
pub const ORG_LANGUAGE_ALIASES: &[(&str, &[&str])] = &[("language", &["taal"])];

/// What happened to a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A run proposed the pair.
    Proposal,
    /// The proposal was accepted.
    Accepted,
    /// The proposal was declined.
    Declined,
    /// The match point booked the pair.
    Booking,
    /// A standby of the latest run was accepted in place of the proposed expert, who declined.
    Standby,
    /// A later meeting of a trajectory, reserved for its expert when the first was accepted
    /// (request id `R7-m2`): one text per reserved meeting and week, in place of a proposal or
    /// a booking.
    Meeting,
    /// A meeting of a trajectory was declined, so the trajectory stops for its expert: the
    /// later meetings reserved for them are freed (the decline of a trajectory, said as such).
    Stopped,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 7] = [
        Kind::Proposal,
        Kind::Accepted,
        Kind::Declined,
        Kind::Booking,
        Kind::Standby,
        Kind::Meeting,
        Kind::Stopped,
    ];
    /// `proposal`, `accepted`, `declined`, `booking`, `standby`, `meeting`, `stopped`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Proposal => "proposal",
            Kind::Accepted => "accepted",
            Kind::Declined => "declined",
            Kind::Booking => "booking",
            Kind::Standby => "standby",
            Kind::Meeting => "meeting",
            Kind::Stopped => "stopped",
        }
    }
}

/// Who reads a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum To {
    /// The expert.
    Expert,
    /// The organisation.
    Org,
}

impl To {
    /// `expert` or `org`.
    pub fn code(self) -> &'static str {
        match self {
            To::Expert => "expert",
            To::Org => "org",
        }
    }
}

fn builtin(kind: Kind, to: To) -> Msg {
    match (kind, to) {
        (Kind::Proposal, To::Expert) => Msg::MailProposalExpert,
        (Kind::Proposal, To::Org) => Msg::MailProposalOrg,
        (Kind::Accepted, To::Expert) => Msg::MailAcceptedExpert,
        (Kind::Accepted, To::Org) => Msg::MailAcceptedOrg,
        (Kind::Declined, To::Expert) => Msg::MailDeclinedExpert,
        (Kind::Declined, To::Org) => Msg::MailDeclinedOrg,
        (Kind::Booking, To::Expert) => Msg::MailBookingExpert,
        (Kind::Booking, To::Org) => Msg::MailBookingOrg,
        (Kind::Standby, To::Expert) => Msg::MailStandbyExpert,
        (Kind::Standby, To::Org) => Msg::MailStandbyOrg,
        (Kind::Meeting, To::Expert) => Msg::MailMeetingExpert,
        (Kind::Meeting, To::Org) => Msg::MailMeetingOrg,
        (Kind::Stopped, To::Expert) => Msg::MailStoppedExpert,
        (Kind::Stopped, To::Org) => Msg::MailStoppedOrg,
    }
}

/// The texts in force: the message table's, with a coordinator's overrides.
#[derive(Clone, Debug, Default)]
pub struct Templates {
    /// Overrides by (message key, language): `proposal-expert`, ..., `subject`.
    overrides: HashMap<(String, Lang), String>,
}

/// The placeholders of a text, with their byte offsets.
fn placeholders(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('{') {
        let start = at + open + 1;
        match text[start..].find('}') {
            Some(close) => {
                out.push((start - 1, &text[start..start + close]));
                at = start + close + 1;
            }
            None => break,
        }
    }
    out
}

/// A template file that cannot be read, in words: `file:line:col: ...` (see
/// [`Templates::parse`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(pub String);

impl Templates {
    /// The message table's texts.
    pub fn builtin() -> Self {
        Templates::default()
    }

    /// Every message key: `subject`, then `KIND-TO` (`proposal-expert`, `proposal-org`, ...).
    pub fn keys() -> Vec<String> {
        let mut k = vec!["subject".to_string()];
        for kind in Kind::ALL {
            for to in [To::Expert, To::Org] {
                k.push(format!("{}-{}", kind.code(), to.code()));
            }
        }
        k
    }

    /// Reads a template file: CSV with the header `message,language,text` (`,` or `;`; Dutch
    /// `bericht,taal,tekst`, [`TEMPLATE_ALIASES`]), one override per row
    /// (`proposal-expert,nl,"Hoi {name}, ..."`); `\n` in a text is a line break. `source` names
    /// the file in errors, which are in English ([`Templates::parse_in`]).
    ///
    /// # Errors
    ///
    /// As [`Templates::parse_in`].
    pub fn parse(text: &str, source: &str) -> Result<Templates, TemplateError> {
        Self::parse_in(text, source, Lang::En)
    }

    /// [`Templates::parse`] with its errors in `lang`: every bad row of the file, each as
    /// `file:line:col: ...` (a missing header, an unknown message key or language, a
    /// placeholder not in [`PLACEHOLDERS`] with the list, an unclosed `{`, a key given twice),
    /// under one line counting them. O(size of the file).
    ///
    /// # Errors
    ///
    /// [`TemplateError`] holding all those lines.
    pub fn parse_in(text: &str, source: &str, lang: Lang) -> Result<Templates, TemplateError> {
        let (templates, errors) = Self::parse_all(text, source, lang);
        if errors.is_empty() {
            return Ok(templates);
        }
        let mut out = vec![lang.fill(
            Msg::MsgFileErrors,
            &[("file", &source), ("n", &errors.len())],
        )];
        out.extend(errors.iter().map(|e| format!("  {e}")));
        Err(TemplateError(out.join("\n")))
    }

    fn parse_all(text: &str, source: &str, lang: Lang) -> (Templates, Vec<String>) {
        let mut errors = Vec::new();
        let text = text.trim_start_matches('\u{feff}');
        let first = text.lines().next().unwrap_or("");
        let delim = if first.matches(';').count() > first.matches(',').count() {
            b';'
        } else {
            b','
        };
        let mut r = csv::ReaderBuilder::new()
            .delimiter(delim)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = match r.headers() {
            Ok(h) => h.iter().map(|h| h.trim().to_lowercase()).collect(),
            Err(e) => {
                let at = format!("{source}:1");
                errors.push(lang.fill(Msg::MsgFileBadCsv, &[("at", &at), ("why", &e)]));
                return (Templates::default(), errors);
            }
        };
        let col = |name: &str| {
            let names = TEMPLATE_ALIASES
                .iter()
                .find(|a| a.0 == name)
                .map_or(&[][..], |a| a.1);
            header
                .iter()
                .position(|h| h == name || names.contains(&h.as_str()))
        };
        let (Some(kc), Some(lc), Some(tc)) = (col("message"), col("language"), col("text")) else {
            let expected = match lang {
                Lang::Nl => "bericht,taal,tekst (of message,language,text)",
                Lang::En => "message,language,text (or bericht,taal,tekst)",
            };
            errors.push(lang.fill(
                Msg::MsgFileHeader,
                &[
                    ("at", &format!("{source}:1")),
                    ("found", &format!("{:?}", header.join(","))),
                    ("expected", &expected),
                ],
            ));
            return (Templates::default(), errors);
        };
        let keys = Templates::keys();
        let mut overrides = HashMap::new();
        for rec in r.records() {
            let rec = match rec {
                Ok(rec) => rec,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    let at = format!("{source}:{line}");
                    errors.push(lang.fill(Msg::MsgFileBadCsv, &[("at", &at), ("why", &e)]));
                    continue;
                }
            };
            let line = rec.position().map_or(0, |p| p.line());
            let at = |col: usize| format!("{source}:{line}:{}", col + 1);
            let key = rec.get(kc).unwrap_or("").trim().to_ascii_lowercase();
            if key.is_empty() && rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut bad = false;
            if !keys.contains(&key) {
                errors.push(lang.fill(
                    Msg::MsgFileKey,
                    &[
                        ("at", &at(kc)),
                        ("key", &format!("{key:?}")),
                        ("keys", &keys.join(", ")),
                    ],
                ));
                bad = true;
            }
            let lang_cell = rec.get(lc).unwrap_or("");
            let Some(text_lang) = Lang::parse(lang_cell) else {
                errors.push(lang.fill(
                    Msg::MsgFileLang,
                    &[("at", &at(lc)), ("value", &format!("{lang_cell:?}"))],
                ));
                continue;
            };
            let body = rec.get(tc).unwrap_or("").replace("\\n", "\n");
            let open = body.matches('{').count();
            let found = placeholders(&body);
            if found.len() != open {
                errors.push(lang.fill(Msg::MsgFileBrace, &[("at", &at(tc))]));
                bad = true;
            }
            for (_, p) in &found {
                if !PLACEHOLDERS.contains(p) {
                    errors.push(lang.fill(
                        Msg::MsgFilePlaceholder,
                        &[
                            ("at", &at(tc)),
                            ("found", &format!("{{{p}}}")),
                            ("key", &key),
                            ("lang", &text_lang.code()),
                            ("list", &PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", ")),
                        ],
                    ));
                    bad = true;
                }
            }
            if bad {
                continue;
            }
            if overrides.insert((key.clone(), text_lang), body).is_some() {
                errors.push(lang.fill(
                    Msg::MsgFileTwice,
                    &[("at", &at(kc)), ("key", &key), ("lang", &text_lang.code())],
                ));
            }
        }
        (Templates { overrides }, errors)
    }

    fn text(&self, key: &str, msg: Msg, lang: Lang) -> &str {
        self.overrides
            .get(&(key.to_string(), lang))
            .map_or_else(|| msg.template(lang), String::as_str)
    }
}

/// One event of the week to write about: a pair and what happened, with the request's data.
#[derive(Clone, Debug)]
pub struct Event {
    /// What happened.
    pub kind: Kind,
    /// Request id.
    pub request: String,
    /// Organisation as written.
    pub org: String,
    /// Role, in the reader's words via [`Lang::role`] (the code: `buddy`, ...).
    pub role: crate::model::Role,
    /// The slot, when fixed.
    pub slot: Option<Slot>,
    /// Place, empty when online or unknown.
    pub place: String,
    /// Online.
    pub online: bool,
    /// The request's own themes.
    pub topics: Vec<String>,
    /// Expert id.
    pub expert: String,
    /// Expert name (the id when empty).
    pub expert_name: String,
    /// The expert's language.
    pub expert_lang: Lang,
    /// The organisation's language.
    pub org_lang: Lang,
    /// Contact columns of the expert (header, value), as the inputs carry them.
    pub expert_contact: Vec<(String, String)>,
    /// Contact columns of the request (header, value).
    pub org_contact: Vec<(String, String)>,
}

/// One mail-merge row.
#[derive(Clone, Debug, PartialEq)]
pub struct MailRow {
    /// What happened.
    pub kind: Kind,
    /// To whom.
    pub to: To,
    /// Request id.
    pub request: String,
    /// Expert id.
    pub expert: String,
    /// The reader's language.
    pub lang: Lang,
    /// The reader's name.
    pub name: String,
    /// Contact columns.
    pub contact: Vec<(String, String)>,
    /// Subject line.
    pub subject: String,
    /// The text.
    pub text: String,
}

/// The date of a slot in `week`: `Wednesday 25 November 2026, afternoon` (Dutch: `woensdag 25
/// november 2026, middag`); for a flexible request, the week.
pub fn date_text(week: Week, slot: Option<Slot>, lang: Lang) -> String {
    const DAYS: [[&str; 7]; 2] = [
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
        [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ],
    ];
    const MONTHS: [[&str; 12]; 2] = [
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
    ];
    const PARTS: [[&str; 3]; 2] = [
        ["morning", "afternoon", "evening"],
        ["ochtend", "middag", "avond"],
    ];
    let Some(s) = slot else {
        return lang.fill(Msg::MailDateFlexible, &[("week", &week)]);
    };
    let l = usize::from(lang == Lang::Nl);
    let day = (s.0 / 3) as usize;
    let (y, m, d) = civil_from_days(week.monday() + day as i64);
    format!(
        "{} {d} {} {y}, {}",
        DAYS[l][day],
        MONTHS[l][m as usize - 1],
        PARTS[l][(s.0 % 3) as usize]
    )
}

/// The two rows of `e` (to the expert, then to the organisation) in `week`.
pub fn rows_of(e: &Event, week: Week, t: &Templates) -> [MailRow; 2] {
    [To::Expert, To::Org].map(|to| {
        let lang = match to {
            To::Expert => e.expert_lang,
            To::Org => e.org_lang,
        };
        let name = match to {
            To::Expert => e.expert_name.clone(),
            To::Org => e.org.clone(),
        };
        let where_ = if e.online || e.place.is_empty() {
            lang.text(Msg::MailOnline).to_string()
        } else {
            e.place.clone()
        };
        let role = lang.role(e.role);
        let date = date_text(week, e.slot, lang);
        let slot = e.slot.map(|s| lang.slot(s)).unwrap_or_default();
        let topics = lang.list(&e.topics);
        let (trajectory, meeting) = meeting_of(&e.request);
        let args: [(&str, &dyn std::fmt::Display); 13] = [
            ("name", &name),
            ("expert", &e.expert_name),
            ("org", &e.org),
            ("request", &e.request),
            ("role", &role),
            ("date", &date),
            ("slot", &slot),
            ("where", &where_),
            ("topics", &topics),
            ("week", &week),
            ("kind", &e.kind.code()),
            ("meeting", &meeting),
            ("trajectory", &trajectory),
        ];
        let key = format!("{}-{}", e.kind.code(), to.code());
        MailRow {
            kind: e.kind,
            to,
            request: e.request.clone(),
            expert: e.expert.clone(),
            lang,
            name: name.clone(),
            contact: match to {
                To::Expert => e.expert_contact.clone(),
                To::Org => e.org_contact.clone(),
            },
            subject: fill(t.text("subject", Msg::MailSubject, lang), &args),
            text: fill(t.text(&key, builtin(e.kind, to), lang), &args),
        }
    })
}

/// The trajectory and meeting number of a reserved meeting's request id (`R7-m2`: `R7`, 2); the
/// id itself and 1 for any other request. O(length of the id).
pub fn meeting_of(id: &str) -> (&str, u32) {
    id.rsplit_once("-m")
        .and_then(|(base, k)| Some((base, k.parse::<u32>().ok()?)))
        .filter(|(base, k)| *k >= 2 && !base.is_empty())
        .unwrap_or((id, 1))
}

fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut last = 0;
    for (at, name) in placeholders(template) {
        out.push_str(&template[last..at]);
        match args.iter().find(|a| a.0 == name) {
            Some((_, v)) => out.push_str(&v.to_string()),
            None => out.push_str(&template[at..at + name.len() + 2]),
        }
        last = at + name.len() + 2;
    }
    out.push_str(&template[last..]);
    out
}

/// The rows as one sheet (`berichten`): kind, to, request, expert, language, name, the contact
/// columns (the union of their headers, in order of first sight), subject, text.
pub fn messages_sheet(rows: &[MailRow]) -> Sheet {
    let mut contact_heads: Vec<String> = Vec::new();
    for r in rows {
        for (h, _) in &r.contact {
            if !contact_heads.contains(h) {
                contact_heads.push(h.clone());
            }
        }
    }
    let mut header: Vec<String> = ["kind", "to", "request", "expert", "language", "name"]
        .map(String::from)
        .to_vec();
    header.extend(contact_heads.iter().cloned());
    header.extend(["subject".to_string(), "text".to_string()]);
    let body = rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::from(r.kind.code()),
                r.to.code().into(),
                r.request.as_str().into(),
                r.expert.as_str().into(),
                r.lang.code().into(),
                r.name.as_str().into(),
            ];
            for h in &contact_heads {
                let v = r
                    .contact
                    .iter()
                    .find(|c| &c.0 == h)
                    .map_or("", |c| c.1.as_str());
                row.push(v.into());
            }
            row.push(r.subject.as_str().into());
            row.push(r.text.as_str().into());
            row
        })
        .collect();
    Sheet {
        name: "berichten".into(),
        header,
        rows: body,
        data_bar: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_file_is_checked_when_read() {
        let ok = "message,language,text\nproposal-expert,nl,\"Hoi {name}, kun je op {date}?\"\n";
        let t = Templates::parse(ok, "t.csv").unwrap();
        assert_eq!(
            t.text("proposal-expert", Msg::MailProposalExpert, Lang::Nl),
            "Hoi {name}, kun je op {date}?"
        );
        // Each error under one line counting them, every bad row listed.
        let err = |text: &str| Templates::parse(text, "t.csv").unwrap_err().0;
        let bad =
            "message,language,text\nsubject,en,ok\nproposal-org,en,\"Dear {name}, {themes}\"\n";
        let e = err(bad);
        assert!(e.starts_with("t.csv: 1 error:\n"), "{e}");
        assert!(
            e.contains("\n  t.csv:3:3: unknown placeholder {themes}"),
            "{e}"
        );
        let e = err("message,language,text\nhello,en,x\nsubject,fr,x\nsubject,en,{name\n");
        assert!(e.starts_with("t.csv: 3 errors:\n"), "{e}");
        assert!(e.contains("  t.csv:2:1: message \"hello\""), "{e}");
        assert!(e.contains("  t.csv:3:2: language"), "{e}");
        assert!(e.contains("  t.csv:4:3: an opening brace without"), "{e}");
        assert!(err("key,text\n").contains("t.csv:1:"));
        // Dutch headers, and the errors in Dutch.
        let t = Templates::parse("bericht;taal;tekst\nsubject;nl;Hoi\n", "t.csv").unwrap();
        assert_eq!(t.text("subject", Msg::MailSubject, Lang::Nl), "Hoi");
        let e = Templates::parse_in("bericht;taal;tekst\nsubject;de;x\n", "t.csv", Lang::Nl)
            .unwrap_err()
            .0;
        assert_eq!(
            e,
            "t.csv: 1 fout:\n  t.csv:2:2: taal \"de\": verwacht nl of en"
        );
    }

    #[test]
    fn every_builtin_text_uses_known_placeholders_only() {
        for kind in Kind::ALL {
            for to in [To::Expert, To::Org] {
                for lang in [Lang::En, Lang::Nl] {
                    for (_, p) in placeholders(builtin(kind, to).template(lang)) {
                        assert!(PLACEHOLDERS.contains(&p), "{kind:?} {to:?}: {p}");
                    }
                }
            }
        }
    }

    #[test]
    fn dates_in_both_languages() {
        let w = Week::parse("2026-W48").unwrap();
        let s = Slot::parse("wed-pm");
        assert_eq!(
            date_text(w, s, Lang::En),
            "Wednesday 25 November 2026, afternoon"
        );
        assert_eq!(
            date_text(w, s, Lang::Nl),
            "woensdag 25 november 2026, middag"
        );
        assert_eq!(
            date_text(w, None, Lang::En),
            "week 2026-W48, at a time to agree"
        );
    }
}
