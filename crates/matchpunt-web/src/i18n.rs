//! The page's own words (headings, labels, buttons) in Dutch and English, from one table.
//!
//! The reasons, candidates' parts and fixes come from the library's message table; this table
//! holds only what the page itself adds around them. Dutch is the default: the match point works
//! in Dutch.

use crate::Lang;

macro_rules! labels {
    ($( $name:ident => $nl:literal, $en:literal; )*) => {
        /// A word or phrase of the page. The doc of each key is its Dutch text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum L {
            $( #[doc = $nl] $name, )*
        }
        impl L {
            /// Every key, in table order.
            pub const ALL: &'static [L] = &[$(L::$name),*];
            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (L::$name, Lang::Nl) => $nl, (L::$name, Lang::En) => $en, )*
                }
            }
        }
    };
}

labels! {
    Title => "matchpunt", "matchpunt";
    NavWeek => "Week", "Week";
    NavRequest => "Aanvraag", "Request";
    Reload => "Opnieuw inlezen", "Reload";
    OtherLang => "English", "Nederlands";
    DataFolder => "Gegevens", "Data";
    ReadAt => "ingelezen om", "read at";
    // Week page.
    WeekOf => "Week {week}", "Week {week}";
    Counts => "{experts} {experts:deskundige|deskundigen} ({active} actief), {requests} {requests:aanvraag|aanvragen}, {pairs} {pairs:geschikt paar|geschikte paren}", "{experts} experts ({active} active), {requests} requests, {pairs} eligible pairs";
    Role => "Rol", "Role";
    Requests => "Aanvragen", "Requests";
    Seats => "Plekken", "Seats";
    Filled => "Gevuld", "Filled";
    FillPct => "% gevuld", "% filled";
    Total => "totaal", "total";
    Proven => "Bewezen optimaal: doelwaarde {objective} is gelijk aan de bewezen bovengrens.", "Proven optimal: objective {objective} equals the proven bound.";
    NotProven => "Niet bewezen optimaal (tijdslimiet): doelwaarde {objective}, bewezen bovengrens {bound}, verschil {gap}.", "Not proven optimal (time limit): objective {objective}, proven bound {bound}, gap {gap}.";
    FromFile => "Toewijzingen uit {file} (doelwaarde {objective}; niet hier opgelost, dus geen bewijs van optimaliteit).", "Assignments from {file} (objective {objective}; not solved here, so no proof of optimality).";
    Pins => "Vastgezet: {kept} gehouden, {conflicts} conflicten.", "Pins: {kept} kept, {conflicts} conflicts.";
    Assignments => "Toewijzingen", "Assignments";
    NoAssignments => "Geen toewijzingen.", "No assignments.";
    SortHint => "Klik op een kolomkop om te sorteren.", "Click a column heading to sort.";
    Request => "Aanvraag", "Request";
    Expert => "Deskundige", "Expert";
    Org => "Organisatie", "Organisation";
    Slot => "Dagdeel", "Slot";
    Km => "km", "km";
    Score => "Score", "Score";
    Pinned => "vast", "pinned";
    OpenSeats => "Open plekken", "Open seats";
    NoOpenSeats => "Alle plekken zijn gevuld.", "Every seat is filled.";
    Open => "Open", "Open";
    Eligible => "Geschikt", "Eligible";
    Reason => "Reden", "Reason";
    Fix => "Kleinste oplossing", "Smallest fix";
    FixPending => "wordt berekend (ververs de pagina)", "being worked out (refresh the page)";
    LoadTitle => "Belasting per deskundige", "Load per expert";
    LoadHint => "Gebruikte belasting tegen budget; rood: aan de grens (belasting of aantal).", "Load used against budget; red: at their limit (load or count).";
    LoadRest => "{n} actieve deskundigen hebben deze week geen toewijzing.", "{n} active experts have no assignment this week.";
    Load => "Belasting", "Load";
    Count => "Aantal", "Count";
    AtLimit => "aan de grens", "at their limit";
    Shown => "De eerste {n} van {total} staan hier.", "The first {n} of {total} are shown.";
    Warnings => "Waarschuwingen bij het inlezen", "Warnings while reading";
    // Errors.
    InputErrorsTitle => "De gegevens bevatten fouten", "The data has errors";
    InputErrorsHint => "Verbeter de bestanden en lees ze opnieuw in. Tot dan toont deze pagina geen batch.", "Correct the files and reload them. Until then this page shows no batch.";
    RowsLeftOutHint => "Deze rijen zijn weggelaten: het formulier antwoordt zonder ze (een weggelaten deskundige wordt nooit voorgesteld), behalve regels historie: hun belasting telt toch mee, aan de veilige kant (een intensiteit met decimalen naar boven afgerond, een onleesbare als het hele voortschrijdende budget van de deskundige in die week, een ontbrekende met de hoogste standaardintensiteit). Verbeter de bestanden en lees ze opnieuw in.", "These rows are left out: the form answers without them (a left-out expert is never suggested), except history rows: their load is still counted, on the safe side (a decimal intensity rounded up, an unreadable one as the expert's whole rolling budget used that week, a missing one at the highest default intensity). Correct the files and reload them.";
    File => "Bestand", "File";
    Line => "Regel", "Line";
    Column => "Kolom", "Column";
    Value => "Waarde", "Value";
    Problem => "Probleem", "Problem";
    MoreErrors => "… en nog {n} (per bestand worden er hoogstens 50 getoond)", "… and {n} more (at most 50 are listed per file)";
    BadRequest => "Ongeldige invoer", "Bad input";
    NotFound => "Niet gevonden", "Not found";
    NoSuchExpert => "Geen deskundige met id {id}.", "No expert with id {id}.";
    NoSuchRequest => "Geen aanvraag met id {id}.", "No request with id {id}.";
    DidYouMean => "Bedoelt u", "Did you mean";
    // Request form.
    FormTitle => "Aanvraag aan de telefoon", "Request by phone";
    FormHint => "Vul in wat de beller vraagt; de beste vijf kandidaten verschijnen hieronder, rekening houdend met de batch van deze week.", "Fill in what the caller asks; the best five candidates appear below, taking this week's batch into account.";
    Themes => "Thema's", "Themes";
    Place => "Plaats", "Place";
    Online => "Online", "Online";
    Language => "Taal", "Language";
    ClientAge => "Leeftijd jongere", "Client age";
    Flexible => "flexibel", "flexible";
    Find => "Zoek kandidaten", "Find candidates";
    Candidates => "Kandidaten", "Candidates";
    NoCandidates => "Niemand is geschikt en deze week vrij.", "Nobody is eligible and free this week.";
    LoadAfter => "Belasting na deze aanvraag", "Load after this request";
    NearMisses => "Bijna geschikt (regels 5-8)", "Near misses (rules 5-8)";
    Optional => "optioneel", "optional";
    FieldError => "Veld {field}: {problem}", "Field {field}: {problem}";
    // Expert and request pages.
    ExpertWeek => "Week van {name}", "Week of {name}";
    LoadUsed => "Belasting {used} van {budget}, {count} van {max} toewijzingen.", "Load {used} of {budget}, {count} of {max} assignments.";
    Inactive => "Met verlof (niet actief).", "On leave (not active).";
    EligibleNotGot => "Geschikt voor, maar niet gekregen", "Eligible for, but not given";
    RequestTitle => "Aanvraag {id}", "Request {id}";
    Assigned => "Toegewezen", "Assigned";
    RunnersUp => "Andere geschikte deskundigen", "Other eligible experts";
    NobodyAssigned => "Niemand toegewezen.", "Nobody assigned.";
    // Login.
    LoginTitle => "Inloggen", "Log in";
    Token => "Toegangscode", "Access token";
    LoginButton => "Inloggen", "Log in";
    WrongToken => "Onjuiste toegangscode.", "Wrong access token.";
    // Sign-in, sessions and booking from the phone form (season ledger).
    UserName => "Naam", "User name";
    LoginHint => "Uw naam komt bij elke boeking in het logboek van de ledger.", "Your name is recorded with each booking in the ledger's log.";
    Logout => "Uitloggen", "Log out";
    Forbidden => "Geweigerd", "Refused";
    CsrfWrong => "Dit formulier hoort niet bij uw sessie (verlopen of van een andere pagina). Laad de pagina opnieuw en probeer het nog eens.", "This form does not belong to your session (expired, or from another page). Load the page again and retry.";
    LedgerWeek => "Ledger, week {week}: {proposals} voorstellen van de laatste run, {accepted} geaccepteerd, {declined} afgewezen, {bookings} boekingen.", "Ledger, week {week}: {proposals} proposals of the latest run, {accepted} accepted, {declined} declined, {bookings} bookings.";
    WeekClosed => "De week is gesloten: er kan niet meer geboekt worden.", "The week is closed: it can no longer be booked.";
    NoRunYet => "Nog geen run van deze week in de ledger (matchpunt run --ledger ... --week {week}).", "No run of this week in the ledger yet (matchpunt run --ledger ... --week {week}).";
    FromLedger => "Toewijzingen van week {week} uit de ledger {file}: de voorstellen van de laatste run die niet zijn afgewezen, en de boekingen (doelwaarde {objective}).", "Assignments of week {week} from the ledger {file}: the latest run's proposals not declined, and the bookings (objective {objective}).";
    Book => "Boek", "Book";
    BookNeedsLedger => "Boeken kan alleen met de ledger (matchpunt serve --ledger BESTAND).", "Booking needs the season ledger (matchpunt serve --ledger FILE).";
    BookSignIn => "Log in om te boeken: uw naam komt bij de boeking.", "Sign in to book: your name is recorded with the booking.";
    NotBooked => "Niet geboekt: {why}", "Not booked: {why}";
    Bookings => "Boekingen aan de telefoon", "Bookings from the phone";
    NoBookings => "Nog geen boekingen deze week.", "No bookings this week yet.";
    BookedAt => "Geboekt", "Booked";
    BookedBy => "Door", "By";
    // A fix not worked out on the week page: the request's page works it out.
    // The ledger's standby after a decline, on the request's page.
    StandbyCall => "{expert} heeft afgewezen; eerste vrije reserve: {standby} (plaats {rank}).", "{expert} declined; first free standby: {standby} (rank {rank}).";
    StandbyAccept => "Reserve {standby} boeken", "Book standby {standby}";
    StandbySignIn => "Log in om een reserve te boeken: uw naam komt bij de boeking.", "Sign in to book a standby: your name is recorded with the booking.";
    StandbyNoneFree => "{expert} heeft afgewezen; geen reserve van de run is nog vrij.", "{expert} declined; no standby of the run is free any more.";
    FixOnRequestPage => "niet berekend voor alle plekken samen: zie de pagina van de aanvraag", "not worked out for all seats at once: see the request's page";
    // Issue 20: what a field of the form or a parameter of a link expects, in the page's language.
    ExpectOnce => "dit veld één keer", "this field once";
    ExpectYesNo => "ja of nee (een aangevinkt vakje stuurt on)", "yes or no (a checked box sends on)";
    ExpectField => "geen veld met deze naam: verwacht een van {fields}", "no such field: expected one of {fields}";
    ExpectLang => "nl of en", "nl or en";
    ExpectSort => "een van {keys} (een - ervoor sorteert aflopend)", "one of {keys} (a - before it sorts descending)";
    ExpectBack => "een pad van deze pagina, zoals /", "a path of this page, like /";
}

/// Fills `{name}` placeholders of a label.
/// `{name:one|many}` is the word that agrees with the value of `name` (one for 1, else many),
/// as in the library's message table.
pub fn fill(lang: Lang, label: L, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = label.text(lang).to_string();
    for (name, value) in args {
        let value = value.to_string();
        out = out.replace(&format!("{{{name}}}"), &value);
        let plural = format!("{{{name}:");
        while let Some(at) = out.find(&plural) {
            let Some(len) = out[at..].find('}') else {
                break;
            };
            let inner = &out[at + plural.len()..at + len];
            let (one, many) = inner.split_once('|').unwrap_or((inner, inner));
            let word = if value.trim() == "1" { one } else { many }.to_string();
            out.replace_range(at..at + len + 1, &word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut v: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|x| x.0))
            // `{n:one|many}` is a form of `{n}`, used where `{n}` is.
            .filter(|p| !p.contains(':'))
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn counts_agree_with_their_number() {
        let counts = |n: usize| {
            fill(
                Lang::Nl,
                L::Counts,
                &[
                    ("experts", &n),
                    ("active", &n),
                    ("requests", &n),
                    ("pairs", &n),
                ],
            )
        };
        assert_eq!(
            counts(1),
            "1 deskundige (1 actief), 1 aanvraag, 1 geschikt paar"
        );
        assert_eq!(
            counts(2),
            "2 deskundigen (2 actief), 2 aanvragen, 2 geschikte paren"
        );
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for &l in L::ALL {
            assert_eq!(
                placeholders(l.text(Lang::Nl)),
                placeholders(l.text(Lang::En)),
                "{l:?}"
            );
            assert!(!l.text(Lang::Nl).is_empty() && !l.text(Lang::En).is_empty());
        }
    }
}
