//! Every text of `suggest` and `explain` that a person reads, in English and Dutch, from one
//! table.
//!
//! A text is a [`Msg`] key with an English and a Dutch template; `{name}` marks a value filled in
//! by [`Lang::fill`]. A test holds both languages of every key to the same placeholders. Numbers
//! are written by [`Lang::num`] (a decimal comma in Dutch), lists by [`Lang::list`], roles and
//! slots by [`Lang::role`] and [`Lang::slot`].
//!
//! Privacy: no template has a place for an expert's themes. Where a text counts shared themes it
//! counts only the request's own themes; a reason under rule 3 or 4 is only ever
//! [`Msg::NotNow`].

use crate::model::{Role, Slot, DAYS, PARTS};
use std::fmt;

/// The output tables' column names in Dutch (English: the contract's names). The round's
/// `changes.csv` and the summary sheet's columns included.
pub const HEADERS: &[(&str, &str)] = &[
    ("request", "aanvraag"),
    ("expert", "deskundige"),
    ("org", "organisatie"),
    ("role", "rol"),
    ("slot", "tijdvak"),
    ("distance_km", "afstand_km"),
    ("intensity", "intensiteit"),
    ("score", "score"),
    ("value", "waarde"),
    ("pinned", "vastgezet"),
    ("priority", "prioriteit"),
    ("expert_name", "naam_deskundige"),
    ("seats_open", "open_plekken"),
    ("eligible_experts", "geschikte_deskundigen"),
    ("reason", "reden"),
    ("fix", "oplossing"),
    ("assignments", "opdrachten"),
    ("load_used", "belasting_gebruikt"),
    ("load_budget", "belastingbudget"),
    ("max_assignments", "max_opdrachten"),
    ("active", "actief"),
    ("requests", "aanvragen"),
    ("rolling_left", "rollend_over"),
    ("load_share", "aandeel_belasting"),
    ("change", "wijziging"),
    ("why", "waarom"),
    ("decision", "besluit"),
    ("seats", "plekken"),
    ("filled", "gevuld"),
    ("fill share", "aandeel gevuld"),
    // The score's parts in assignments.csv.
    ("theme_fit", "themapassing"),
    ("distance", "afstand"),
    ("continuity", "continuiteit"),
    ("recent_load", "recente_belasting"),
    ("fair_spread", "eerlijke_spreiding"),
    ("role_experience", "rolervaring"),
    ("age_proximity", "leeftijdsnabijheid"),
    ("rank", "rang"),
    ("standby", "reserve"),
    ("standby_name", "naam_reserve"),
    ("cost", "kosten"),
    ("proven", "bewezen"),
];

/// The language of the texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Dutch.
    Nl,
}

impl Lang {
    /// Parses `en`, `english`, `engels`, `nl`, `dutch`, `nederlands` (any case).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" | "engels" => Some(Lang::En),
            "nl" | "dutch" | "nederlands" => Some(Lang::Nl),
            _ => None,
        }
    }

    /// The code, `en` or `nl`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// The template of `msg` with each `{name}` replaced by its value in `args`.
    pub fn fill(self, msg: Msg, args: &[(&str, &dyn fmt::Display)]) -> String {
        let t = msg.template(self);
        let mut out = String::with_capacity(t.len() + 16);
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            match args.iter().find(|a| a.0 == name) {
                Some((_, v)) => out.push_str(&v.to_string()),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// A count as shown where it could point at a person: 1 and 2 read "fewer than 3"
    /// ("minder dan 3"), so that no count singles anyone out.
    pub fn count(self, n: usize) -> String {
        match n {
            1 | 2 => self.text(Msg::FewerThan3).to_string(),
            n => n.to_string(),
        }
    }

    /// A column name of an output table in this language: the contract's name in English, its
    /// Dutch name from [`HEADERS`] in Dutch (a name the table does not hold stays as is). Every
    /// reader of the project's own outputs takes either ([`crate::ingest::sheet::ASSIGNMENT_ALIASES`]).
    pub fn header(self, name: &str) -> String {
        match self {
            Lang::En => name.to_string(),
            Lang::Nl => HEADERS
                .iter()
                .find(|(en, _)| *en == name)
                .map_or_else(|| name.to_string(), |(_, nl)| nl.to_string()),
        }
    }

    /// `yes` / `no` as a cell of an output table: `ja` / `nee` in Dutch.
    pub fn yes_no(self, yes: bool) -> &'static str {
        match (self, yes) {
            (Lang::En, true) => "yes",
            (Lang::En, false) => "no",
            (Lang::Nl, true) => "ja",
            (Lang::Nl, false) => "nee",
        }
    }

    /// The template of `msg` without values.
    pub fn text(self, msg: Msg) -> &'static str {
        msg.template(self)
    }

    /// `x` with `decimals` decimals, a decimal comma in Dutch.
    pub fn num(self, x: f64, decimals: usize) -> String {
        let s = format!("{x:.decimals$}");
        let s = if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
            s[1..].to_string()
        } else {
            s
        };
        match self {
            Lang::En => s,
            Lang::Nl => s.replace('.', ","),
        }
    }

    /// `x` with a sign (`+6.1`, `-193.9`) and one decimal.
    pub fn signed(self, x: f64) -> String {
        let n = self.num(x, 1);
        if n.starts_with('-') || n.trim_start_matches(['0', '.', ',']).is_empty() {
            if n.starts_with('-') {
                n
            } else {
                format!("±{n}")
            }
        } else {
            format!("+{n}")
        }
    }

    /// `a, b and c` / `a, b en c`.
    pub fn list<S: AsRef<str>>(self, items: &[S]) -> String {
        match items.len() {
            0 => String::new(),
            1 => items[0].as_ref().to_string(),
            n => {
                let head: Vec<&str> = items[..n - 1].iter().map(|s| s.as_ref()).collect();
                format!(
                    "{} {} {}",
                    head.join(", "),
                    self.text(Msg::And),
                    items[n - 1].as_ref()
                )
            }
        }
    }

    /// The role's name (`buddy` / `maatje`).
    pub fn role(self, role: Role) -> &'static str {
        match (self, role) {
            (Lang::En, r) => r.as_str(),
            (Lang::Nl, Role::Buddy) => "maatje",
            (Lang::Nl, Role::Adviser) => "adviseur",
            (Lang::Nl, Role::Trainer) => "trainer",
            (Lang::Nl, Role::Speaker) => "spreker",
        }
    }

    /// The slot's name (`wed-pm` / `wo-middag`).
    pub fn slot(self, slot: Slot) -> String {
        const DAYS_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
        const PARTS_NL: [&str; 3] = ["ochtend", "middag", "avond"];
        let i = slot.0 as usize;
        match self {
            Lang::En => format!("{}-{}", DAYS[i / 3], PARTS[i % 3]),
            Lang::Nl => format!("{}-{}", DAYS_NL[i / 3], PARTS_NL[i % 3]),
        }
    }

    /// The slots of a 21-bit set, in week order, as a list (`none` when empty).
    pub fn slots(self, bits: u32) -> String {
        let names: Vec<String> = (0..21u8)
            .filter(|s| bits & (1 << s) != 0)
            .map(|s| self.slot(Slot(s)))
            .collect();
        if names.is_empty() {
            self.text(Msg::NoSlots).to_string()
        } else {
            names.join(", ")
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

macro_rules! messages {
    ($( $name:ident => $en:literal, $nl:literal; )*) => {
        /// A text a person reads. The doc of each key is its English template.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg {
            $( #[doc = $en] $name, )*
        }
        impl Msg {
            /// Every key, in table order.
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];
            /// The template in `lang`.
            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (Msg::$name, Lang::En) => $en, (Msg::$name, Lang::Nl) => $nl, )*
                }
            }
        }
    };
}

messages! {
    // Small words.
    And => "and", "en";
    NoSlots => "none", "geen";
    Online => "online", "online";
    Flexible => "flexible", "flexibel";
    Seats => "{n} seat(s)", "{n} plek(ken)";

    // Score parts of a candidate, in words.
    SharesAllThemes => "shares the request's theme", "deelt het thema van de aanvraag";
    SharesThemes => "shares {k} of {n} themes", "deelt {k} van de {n} thema's";
    WorksOnline => "works online", "werkt online";
    KmAway => "{km} km away (travels up to {max})", "woont op {km} km (reist tot {max} km)";
    Preferred => "the organisation's preferred expert", "de voorkeur van de organisatie";
    OrgOnce => "worked with this organisation once before", "werkte al eens voor deze organisatie";
    OrgTimes => "worked with this organisation {n} times before", "werkte al {n} keer voor deze organisatie";
    LoadLight => "light recent load", "weinig belast de laatste weken";
    LoadModerate => "moderate recent load", "gemiddeld belast de laatste weken";
    LoadHeavy => "heavy recent load", "zwaar belast de laatste weken";
    SpreadNone => "no assignments in recent weeks", "de laatste weken niet ingezet";
    SpreadFew => "few recent assignments", "de laatste weken weinig ingezet";
    SpreadMany => "several recent assignments", "de laatste weken vaak ingezet";
    RoleOnce => "did this role once before", "deed deze rol al eens";
    RoleTimes => "did this role {n} times before", "deed deze rol al {n} keer";
    AgeGap => "{years} years apart in age from the young person", "{years} jaar leeftijdsverschil met de jongere";
    AgeSame => "the same age as the young person", "even oud als de jongere";
    WeekFree => "no assignment yet this week; load {left} of {budget} left after this request", "deze week nog niet ingezet; na deze aanvraag nog {left} van {budget} belasting over";
    WeekBooked => "{n} assignment(s) this week already (costs {spread} in the batch); load {left} of {budget} left after this request", "deze week al {n} keer ingezet (kost {spread} in de batch); na deze aanvraag nog {left} van {budget} belasting over";

    // suggest.
    SuggestHead => "{request} ({org}, {role}, {where}, {slot}): {n} eligible expert(s)", "{request} ({org}, {role}, {where}, {slot}): {n} geschikte expert(s)";
    SuggestHeadBooked => "{request} ({org}, {role}, {where}, {slot}): {n} eligible expert(s), {free} of them free this week", "{request} ({org}, {role}, {where}, {slot}): {n} geschikte expert(s), van wie {free} deze week vrij";
    CandidateLine => "{rank}. {name} ({id}), score {score}{km}", "{rank}. {name} ({id}), score {score}{km}";
    NearMissesHead => "near misses (closest first):", "bijna geschikt (dichtstbij eerst):";
    NobodyFree => "nobody who meets the rules is free this week", "niemand die aan de regels voldoet is deze week vrij";
    OwnAssignments => "this request already has {n} assignment(s) in the assignments file ({experts}); they are not counted as bookings", "deze aanvraag heeft al {n} toewijzing(en) in het toewijzingenbestand ({experts}); die tellen niet als bezet";

    // Near misses and reasons why not.
    NotNow => "not for this request now", "niet voor deze aanvraag op dit moment";
    TooFarKm => "lives {km} km away and travels up to {max}", "woont op {km} km en reist tot {max} km";
    NoPlace => "has no place for an on-site request", "heeft geen plaats voor een aanvraag op locatie";
    NotOnlineWork => "does not work online", "werkt niet online";
    NoLanguage => "does not speak {language}", "spreekt geen {language}";
    NotGender => "is not of the requested gender", "is niet van het gevraagde gender";
    AgeGapTooBig => "{years} years apart in age from the young person (at most {max})", "{years} jaar leeftijdsverschil met de jongere (hoogstens {max})";
    NotInSlot => "is not available on {slot}; free: {free}", "kan niet op {slot}; vrij: {free}";
    NoAvailabilityAtAll => "has no available slot", "heeft geen enkel tijdvak beschikbaar";
    OnLeave => "is on leave", "is met verlof";
    NotCertifiedYet => "has not completed the training", "heeft de training nog niet afgerond";
    NoRole => "does not take this role", "doet deze rol niet";
    SupervisionOld => "has no recent enough supervision (intervisie)", "heeft geen recente intervisie";
    HeavyPauseNow => "is in a pause from heavy-theme requests", "heeft een pauze van zware thema's";
    BusyInSlot => "is already booked on {slot} this week", "is deze week op {slot} al ingezet";
    AtMaxCount => "has {n} of {max} assignments this week", "heeft deze week {n} van {max} inzetten";
    AtLoad => "would carry load {load} of {budget} this week", "zou deze week {load} van {budget} belasting dragen";
    Unsure => "a booking row of this week could not be read: treated as unavailable", "een boeking van deze week was onleesbaar: als niet beschikbaar behandeld";
    NearMissLine => "{name} ({id}): {why}{extra}", "{name} ({id}): {why}{extra}";
    NearExtraKm => "{km} km", "{km} km";
    NearExtraFree => "free: {free}", "vrij: {free}";

    // Funnel: the first rule that no expert meets.
    FunnelNobody => "no expert {stage} ({rule})", "geen expert {stage} ({rule})";
    FunnelAmong => "{n} expert(s) meet the rules before it ({experts}), but none {stage} ({rule})", "{n} expert(s) voldoen aan de regels ervoor ({experts}), maar geen {stage} ({rule})";
    FunnelAmongUnnamed => "{n} expert(s) meet the rules before it, but none {stage} ({rule})", "{n} expert(s) voldoen aan de regels ervoor, maar geen {stage} ({rule})";
    StageActive => "is active", "is actief";
    StageCertified => "is certified", "is gecertificeerd";
    StageSupervision => "has a recent supervision", "heeft een recente intervisie";
    StageHeavyPause => "is outside a heavy-theme pause", "heeft geen pauze van zware thema's";
    StageRole => "takes this role", "doet deze rol";
    StageThemes => "fits the request's themes now", "past nu bij de thema's van de aanvraag";
    StagePersonal => "is free for this request now, for personal reasons", "kan nu voor deze aanvraag, om persoonlijke redenen";
    StageOnline => "works online", "werkt online";
    StageDistance => "lives within their travel distance", "woont binnen de reisafstand";
    StageLanguage => "speaks {language}", "spreekt {language}";
    StageGender => "is of the requested gender", "is van het gevraagde gender";
    StageAge => "is within the buddy age gap", "valt binnen het leeftijdsverschil voor maatjes";
    StageSlot => "has {slot} free", "heeft {slot} vrij";
    StageAnySlot => "has any available slot", "heeft een tijdvak beschikbaar";

    // run's summary sheet and summary.
    SumWeek => "week", "week";
    SumTotal => "total", "totaal";
    SumObjective => "objective", "doelwaarde";
    SumBound => "proven bound", "bewezen grens";
    SumOptimal => "optimal", "optimaal";
    SumStopped => "no (stopped at the limit)", "nee (gestopt bij de grens)";
    SumHead => "week {week}: {experts} experts ({active} active), {requests} requests, {pairs} eligible pairs", "week {week}: {experts} experts ({active} actief), {requests} aanvragen, {pairs} geschikte paren";
    SumTableHead => "role      requests  seats  filled  fill%", "rol      aanvragen plekken gevuld %gevuld";
    SumObjectiveLine => "objective {objective} (proven bound {bound}, gap {gap} = {share}%){proof}", "doelwaarde {objective} (bewezen grens {bound}, verschil {gap} = {share}%){proof}";
    SumProven => ", optimal", ", optimaal";
    SumStoppedWork => ", not proven: stopped by the work limit", ", niet bewezen: gestopt bij de werkgrens";
    SumStoppedTime => ", not proven: stopped by the time limit", ", niet bewezen: gestopt bij de tijdgrens";
    SumPins => "pins: {kept} kept, {conflicts} conflicts; solver: {components} components, {nodes} branch-and-bound nodes ({branched} components branched, {listed} closed by listing bundles)", "vastzettingen: {kept} gehouden, {conflicts} conflicten; oplosser: {components} componenten, {nodes} branch-and-bound-knopen ({branched} componenten vertakt, {listed} gesloten door bundels op te sommen)";
    SumPinNotKept => "pin not kept: {request} ({org}): {text}", "vastzetting niet gehouden: {request} ({org}): {text}";
    SumRound => "round: {kept} proposal(s) kept ({accepted} accepted), {dropped} dropped, {new} new; see changes.csv (the objective includes the keep bonus)", "ronde: {kept} voorstel(len) behouden ({accepted} geaccepteerd), {dropped} vervallen, {new} nieuw; zie changes.csv (de doelwaarde telt de bonus voor behouden mee)";
    SumAllFilled => "every seat is filled", "elke plek is gevuld";
    SumOpenOne => "{n} seat open, see {see}: {causes}", "{n} plek open, zie {see}: {causes}";
    SumOpen => "{n} seats open, see {see}: {causes}", "{n} plekken open, zie {see}: {causes}";

    // explain --request.
    ExplainHead => "{request} ({org}, {role}, {where}, {slot}), {filled} of {seats} seat(s) filled", "{request} ({org}, {role}, {where}, {slot}), {filled} van {seats} plek(ken) gevuld";
    AssignedHead => "assigned:", "toegewezen:";
    AssignedPinned => "pinned by the coordinator", "vastgezet door de coördinator";
    RunnersUpHead => "runners-up (exact cost of putting each in, by re-solving the batch with that pair fixed):", "alternatieven (exacte kosten om elk in te zetten, door de batch opnieuw op te lossen met dat paar vast):";
    RunnerUpLine => "{name} ({id}), score {score} ({diff} against {other}): {status}; putting {name} here: {cost} in total{changes}", "{name} ({id}), score {score} ({diff} t.o.v. {other}): {status}; {name} hier inzetten: {cost} in totaal{changes}";
    RunnerUpLineOpen => "{name} ({id}), score {score}: {status}; putting {name} here: {cost} in total{changes}", "{name} ({id}), score {score}: {status}; {name} hier inzetten: {cost} in totaal{changes}";
    StatusFree => "free this week", "deze week vrij";
    StatusUsedElsewhere => "assigned to {requests}", "ingezet bij {requests}";
    CannotForce => "{name} ({id}), score {score}: cannot be put here: {why}", "{name} ({id}), score {score}: kan hier niet worden ingezet: {why}";
    NoRunnersUp => "no other eligible expert", "geen andere geschikte expert";
    NeverEligibleHead => "never eligible (first rule not met): {counts}", "nooit geschikt (eerste regel waaraan niet voldaan is): {counts}";
    RuleCount => "{rule} ({what}): {n}", "{rule} ({what}): {n}";
    RuleWhat1 => "active, certified", "actief, gecertificeerd";
    RuleWhat2 => "role", "rol";
    RuleWhat3 => "themes", "thema's";
    RuleWhatPersonal => "personal reasons", "persoonlijke redenen";
    RuleWhat5 => "distance or online", "afstand of online";
    RuleWhat6 => "language or gender", "taal of gender";
    RuleWhat7 => "age", "leeftijd";
    RuleWhat8 => "slot", "tijdvak";
    RuleWhat9 => "heavy-theme pause", "pauze na zware thema's";
    RuleOne => "rule {rule}", "regel {rule}";
    RulesPersonal => "rules 3-4", "regels 3-4";
    FewerThan3 => "fewer than 3", "minder dan 3";
    OpenSeatsHead => "{n} seat(s) open: {why}", "{n} plek(ken) open: {why}";
    FixesHead => "changes that fill a seat, smallest first (each checked by re-solving the batch):", "wijzigingen die een plek vullen, kleinste eerst (elk gecontroleerd door de batch opnieuw op te lossen):";
    WhyAllBusy => "{n} eligible expert(s), all used to the limit this week: {list}", "{n} geschikte expert(s), allemaal deze week tot de grens ingezet: {list}";
    WhyBetterElsewhere => "{n} eligible expert(s) are free, but putting them here lowers the batch objective", "{n} geschikte expert(s) zijn vrij, maar ze hier inzetten verlaagt de batchwaarde";
    OnlyAssignedHere => "only {n} expert(s) are eligible, and all are assigned here", "maar {n} expert(s) zijn geschikt, en die zijn allemaal hier toegewezen";
    NobodyAssigned => "nobody", "niemand";
    PinRule9 => "would go beyond their limits with the pins before it (rule 9)", "zou met de vastzettingen ervoor over de grenzen gaan (regel 9)";
    PinRule10 => "more pinned experts than seats (rule 10)", "meer vastgezette experts dan plekken (regel 10)";
    PinDeclined => "declined this request (decisions, rule 11)", "heeft deze aanvraag afgewezen (besluiten, regel 11)";
    PinRule8 => "already pinned in this slot (rule 8)", "staat in dit tijdvak al vast (regel 8)";
    PinRuleBroken => "{why} ({rule})", "{why} ({rule})";
    PinConflictText => "pin of {id} not kept: {why}", "vastzetting van {id} niet gehouden: {why}";

    // Given assignments that do not fit the batch (explain --assignments, the ledger's week).
    AssignmentsPinMissing => "the pin of {expert} to {request} is kept by the batch but missing from the assignments: re-run the batch on these inputs", "de vastzetting van {expert} op {request} houdt de batch, maar ontbreekt in de opdrachten: draai de batch opnieuw op deze invoer";
    AssignmentsNotEligible => "the assignment of {expert} to {request} breaks {rule} with these inputs: re-run the batch on these inputs", "de opdracht van {expert} voor {request} breekt {rule} met deze invoer: draai de batch opnieuw op deze invoer";
    HeavyPauseWeek => "has a heavy-theme seat this week already (the heavy-theme pause, rule 9)", "heeft deze week al een plek met een zwaar thema (de pauze na zware thema's, regel 9)";
    AssignmentsOverCount => "the assignments give {id} {n} assignments, at most {max} this week: re-run the batch on these inputs", "de opdrachten geven {id} {n} inzetten, deze week hoogstens {max}: draai de batch opnieuw op deze invoer";
    AssignmentsOverLoad => "the assignments give {id} a load of {n}, at most {max} this week: re-run the batch on these inputs", "de opdrachten geven {id} een belasting van {n}, deze week hoogstens {max}: draai de batch opnieuw op deze invoer";
    AssignmentsOverSeats => "the assignments give {id} {n} experts, for {max} seat(s): re-run the batch on these inputs", "de opdrachten geven {id} {n} deskundigen, voor {max} plek(ken): draai de batch opnieuw op deze invoer";
    AssignmentsRefusedPin => "a refused pin", "een geweigerde vastzetting";
    AssignmentsLimit => "the assignments break a limit ({why}): re-run the batch on these inputs", "de opdrachten gaan over een grens ({why}): draai de batch opnieuw op deze invoer";

    // The changes a runner-up or a fix makes elsewhere.
    CostNothing => "nothing else changes", "verder verandert er niets";
    ChangesIntro => ": {list}", ": {list}";
    SeatLost => "{request} is left without an expert", "{request} blijft zonder expert";
    SeatLostSome => "{request} loses a seat ({filled} of {seats} filled)", "{request} verliest een plek ({filled} van {seats} gevuld)";
    SeatGained => "{request} gets a seat filled", "{request} krijgt een plek gevuld";
    ExpertMoves => "{expert} moves from {from} to {to}", "{expert} gaat van {from} naar {to}";
    ExpertAdded => "{expert} takes {to}", "{expert} neemt {to}";
    ExpertDropped => "{expert} leaves {from}", "{expert} laat {from} los";
    PinDropped => "the pin of {expert} on {request} can no longer be kept", "de vastzetting van {expert} op {request} kan niet meer gehouden worden";
    MoreChanges => "{n} more change(s)", "nog {n} wijziging(en)";
    NotProven => "(not proven optimal within the time limit)", "(niet bewezen optimaal binnen de tijdslimiet)";

    // Fixes: the smallest change that fills an open seat.
    FixLimits => "let {expert} take one more assignment (max {max})", "laat {expert} één inzet meer doen (max {max})";
    FixLoad => "raise {expert}'s load budget to {budget} (+{extra})", "verhoog de belastingsgrens van {expert} naar {budget} (+{extra})";
    FixLimitsAndLoad => "let {expert} take one more assignment (max {max}) with load budget {budget} (+{extra})", "laat {expert} één inzet meer doen (max {max}) met belastingsgrens {budget} (+{extra})";
    FixTravel => "{expert} is {km} km away, limit {max}: raise the limit to {to} km", "{expert} woont op {km} km, grens {max}: verhoog de grens naar {to} km";
    FixOnline => "hold {request} online instead of on site", "houd {request} online in plaats van op locatie";
    FixSlot => "move {request} to {slot}", "verplaats {request} naar {slot}";
    FixLanguage => "hold {request} in {language}", "houd {request} in de taal {language}";
    FixDropPin => "drop the pin of {expert} on {request}", "haal de vastzetting van {expert} op {request} weg";
    FixPin => "pin {expert} to {request}", "zet {expert} vast op {request}";
    FixCostNothing => "nothing is lost elsewhere (objective {delta})", "elders gaat niets verloren (batchwaarde {delta})";
    FixCost => "elsewhere: {list} (objective {delta})", "elders: {list} (batchwaarde {delta})";
    FixLine => "{change}: {effect}", "{change}: {effect}";
    FixNone => "no single change fills it; {funnel}", "geen enkele wijziging alleen vult deze plek; {funnel}";
    FixNoneRules => "no single change fills it", "geen enkele wijziging alleen vult deze plek";
    FixNotComputed => "not computed: {why}", "niet berekend: {why}";
    FixWorkLimit => "the work limit for fixes was reached; run matchpunt explain --request {request}", "de werkgrens voor oplossingen is bereikt; gebruik matchpunt explain --request {request}";
    FixTimeLimit => "the run's time limit was reached; run matchpunt explain --request {request}", "de tijdslimiet van de run is bereikt; gebruik matchpunt explain --request {request}";
    FixBatchTooLarge => "the batch has {pairs} candidate pairs, too many to re-solve for every open seat; run matchpunt explain --request {request}", "de batch heeft {pairs} kandidaat-paren, te veel om voor elke open plek opnieuw op te lossen; gebruik matchpunt explain --request {request}";
    FixTooLarge => "the request is in a group of {arcs} connected pairs, too large to re-solve for every change; run matchpunt explain --request {request}", "de aanvraag zit in een groep van {arcs} verbonden paren, te groot om voor elke wijziging opnieuw op te lossen; gebruik matchpunt explain --request {request}";

    // explain --expert.
    ExpertHead => "{name} ({id}): {count} of {max} assignment(s), load {load} of {budget}", "{name} ({id}): {count} van {max} inzet(ten), belasting {load} van {budget}";
    ExpertOnLeave => "{name} ({id}) is on leave this week", "{name} ({id}) is deze week met verlof";
    ExpertAssignment => "{request} ({org}, {role}, {slot}), load {load}, score {score}{pinned}", "{request} ({org}, {role}, {slot}), belasting {load}, score {score}{pinned}";
    ExpertEligibleHead => "eligible for, but not assigned:", "geschikt voor, maar niet toegewezen:";
    ExpertNotAssigned => "{request} ({org}, {role}, {slot}), score {score}: {why}", "{request} ({org}, {role}, {slot}), score {score}: {why}";
    WentTo => "went to {experts}", "ging naar {experts}";
    StaysOpen => "stays open", "blijft open";
    ForcedCost => "putting {name} there: {cost} in total{changes}", "{name} daar inzetten: {cost} in totaal{changes}";
    ExpertNoEligible => "eligible for no request of this batch", "voor geen enkele aanvraag van deze batch geschikt";
    ExpertMoreEligible => "{n} more", "nog {n}";

    // check, the dropped proposals of a round, book and the ledger's declines (issue 20: every
    // command in the reader's language).
    CheckOk => "ok: {experts} experts ({active} active, {certified} certified), {requests} requests, {history} history rows; batch week {week}", "in orde: {experts} deskundigen ({active} actief, {certified} gecertificeerd), {requests} aanvragen, {history} regels historie; batchweek {week}";
    CheckRead => "read {files}", "gelezen: {files}";
    CheckSheet => "{file} (sheet {sheets})", "{file} (blad {sheets})";
    CheckSheets => "{file} (sheets {sheets})", "{file} (bladen {sheets})";
    CheckPolicyFile => "policy {file}", "beleid {file}";
    CheckNoHistory => " (no history: {why})", " (geen historie: {why})";
    CheckColRole => "by role", "per rol";
    CheckColProvince => "by province", "per provincie";
    CheckColTheme => "by theme (counts only)", "per thema (alleen aantallen)";
    CheckColExperts => "experts", "deskundigen";
    CheckColRequests => "requests", "aanvragen";
    CheckColSeats => "seats", "plekken";
    CheckColAvoiding => "avoiding", "mijdend";
    CheckCoordinates => "(coordinates)", "(coördinaten)";
    CheckMoreThemes => "... and {n} more themes", "... en nog {n} thema's";
    CheckNoAvailability => "active experts with no availability: {n}{list}", "actieve deskundigen zonder beschikbaarheid: {n}{list}";
    CheckSafeSideHead => "excluded organisations taken on the safe side (confirm: write the name as the requests file does, or list both names in organisations.csv): {n} in {pairs} pair(s) of spellings", "uitgesloten organisaties aan de veilige kant genomen (bevestig: schrijf de naam zoals het aanvragenbestand, of zet beide namen in organisations.csv): {n} in {pairs} paar (paren) van schrijfwijzen";
    CheckSafeSideLine => "{written} as {org} ({why}): {n} row(s): {rows}", "{written} als {org} ({why}): {n} regel(s): {rows}";
    CheckSupervisionUnchecked => "supervision: not checked (experts.csv has no last_supervision column)", "intervisie: niet gecontroleerd (experts.csv heeft geen kolom last_supervision)";
    CheckSupervisionLapsed => "supervision older than {weeks} weeks, not deployed: {n}{list}", "intervisie ouder dan {weeks} weken, niet ingezet: {n}{list}";
    CheckSupervisionSoon => "supervision lapsing within two weeks: {n}{list}", "intervisie verloopt binnen twee weken: {n}{list}";
    CheckNoCoach => "active experts without a coach: {n} ({list})", "actieve deskundigen zonder coach: {n} ({list})";
    CheckNoCoaches => "coaches: not given (experts.csv has no coach column, or it is empty)", "coaches: niet opgegeven (experts.csv heeft geen kolom coach, of die is leeg)";
    CheckPairs => "eligible pairs: {pairs}; requests no expert could ever take: {n}", "geschikte paren: {pairs}; aanvragen die geen deskundige ooit kan nemen: {n}";
    CheckImpossible => "{request} ({org}, {role}): {why}", "{request} ({org}, {role}): {why}";
    CheckBlockedBy => "blocked by {list}", "geblokkeerd door {list}";
    CheckUnknownThemes => "themes not in the theme vocabulary (data/themes.csv): {n}; each is compared as written (case, diacritics, hyphens and spaces aside)", "thema's die niet in de themalijst staan (data/themes.csv): {n}; elk wordt vergeleken zoals geschreven (hoofdletters, accenten, streepjes en spaties daargelaten)";
    CheckUnknownTheme => "{spelling} in {n} cell(s){hint}", "{spelling} in {n} cel(len){hint}";
    CheckDidYouMean => ": did you mean {name}?", ": bedoelt u {name}?";
    CheckMore => "... and {n} more", "... en nog {n}";
    CheckCharacters => "… ({n} characters)", "… ({n} tekens)";
    Warning => "warning: {text}", "waarschuwing: {text}";
    NoDataHint => "{error} (no --data given: the bundled sample data/sample is read from the project's folder; give --data FOLDER with experts.csv and requests.csv, or --data WORKBOOK)", "{error} (geen --data opgegeven: het meegeleverde voorbeeld data/sample wordt uit de projectmap gelezen; geef --data MAP met experts.csv en requests.csv, of --data WERKMAP)";

    // A proposal of the previous run that the round drops, and why.
    DropDeclined => "declined", "afgewezen";
    DropWithdrawn => "request withdrawn", "aanvraag ingetrokken";
    DropExpertGone => "expert no longer in the experts file", "deskundige staat niet meer in het deskundigenbestand";
    DropExpertInactive => "expert now inactive", "deskundige nu niet actief";
    DropRuleBroken => "rule now broken: {why} ({rule})", "regel nu gebroken: {why} ({rule})";
    DropPersonal => "not for this request now, for a personal reason", "niet voor deze aanvraag op dit moment, om een persoonlijke reden";
    DropMoved => "moved: the re-run found a better use of the seats", "verschoven: de nieuwe run vond een betere inzet van de plekken";

    // Said of a named expert: the first rule they do not meet (rules 3 and 4 read alike).
    StageTooFarSaid => "lives beyond their travel distance", "woont verder dan de reisafstand";
    StageLanguageSaid => "does not speak the request's language", "spreekt de taal van de aanvraag niet";
    StageAgeSaid => "differs too much in age from the young person", "scheelt te veel in leeftijd met de jongere";
    StageSlotSaid => "is not available in the request's slot", "kan niet in het tijdvak van de aanvraag";
    StagePinnedSaid => "is already pinned in this slot", "staat in dit tijdvak al vast";
    StagePinLimitsSaid => "would go beyond their limits with the pins before it", "zou met de vastzettingen ervoor over de grenzen gaan";
    StagePinSeatsSaid => "is pinned to a request whose seats are taken by the pins before it", "staat vast op een aanvraag waarvan de plekken al door de vastzettingen ervoor bezet zijn";
    StageDeclinedSaid => "declined this request", "heeft deze aanvraag afgewezen";
    StagePersonalSaid => "is not for this request now, for a personal reason", "is niet voor deze aanvraag op dit moment, om een persoonlijke reden";

    // book: why a booking is refused; the ledger's declines in unmatched.csv.
    BookRefused => "not booked: {why}", "niet geboekt: {why}";
    BookDone => "booked expert {expert} for request {request} in week {week} (booking {id}); the next `run --ledger` keeps it as a pin", "deskundige {expert} geboekt voor aanvraag {request} in week {week} (boeking {id}); de volgende `run --ledger` houdt die vast";
    BookTime => "time: checked and written in one transaction in {ms} ms", "tijd: gecontroleerd en geschreven in één transactie in {ms} ms";
    DeclinedOnly => "the only eligible expert ({expert}) declined this week", "de enige geschikte deskundige ({expert}) heeft deze week afgewezen";
    DeclinedSome => "{n} expert(s) declined this week ({experts})", "{n} deskundige(n) hebben deze week afgewezen ({experts})";
    SafeSidePair => "{written} as {org} ({why})", "{written} als {org} ({why})";
    SafeSideMore => " and {n} more (check lists them all)", " en nog {n} (check noemt ze allemaal)";
    SafeSideWarning => "{file}:{line}: expert {expert}: excluded_orgs taken on the safe side: {pairs}{more}; the expert is kept away from them: confirm: write the name as the requests file does, or list both names in organisations.csv", "{file}:{line}: deskundige {expert}: excluded_orgs aan de veilige kant genomen: {pairs}{more}; de deskundige wordt er weggehouden: bevestig: schrijf de naam zoals het aanvragenbestand, of zet beide namen in organisations.csv";
    SafeSideSummary => "excluded organisations taken on the safe side in {n} expert row(s) ({rows}): those experts are kept away from them; matchpunt check lists each pair of spellings to confirm", "uitgesloten organisaties aan de veilige kant genomen in {n} regel(s) van deskundigen ({rows}): die deskundigen worden er weggehouden; matchpunt check noemt elk paar van schrijfwijzen om te bevestigen";
    SafeSideRowsMore => "and {n} more", "en nog {n}";
    MetricsHead => "week {week}: {filled} assignments of {seats} seats", "week {week}: {filled} toewijzingen van {seats} plekken";
    DecideDone => "recorded {n} decision(s) for week {week}: {accepted} accepted, {declined} declined; re-run with `matchpunt run --ledger {ledger} --week {week}`", "{n} besluit(en) vastgelegd voor week {week}: {accepted} geaccepteerd, {declined} afgewezen; draai opnieuw met `matchpunt run --ledger {ledger} --week {week}`";
    CloseDone => "closed week {week}: {rows} history row(s) ({undecided} proposal(s) without a decision counted as taken place), {declined} declined row(s); the week is read-only now", "week {week} afgesloten: {rows} regel(s) historie ({undecided} voorstel(len) zonder besluit geteld als doorgegaan), {declined} afgewezen regel(s); de week is nu alleen-lezen";
    CloseTime => "time: written in one transaction in {ms} ms", "tijd: geschreven in één transactie in {ms} ms";
    OrgSame => "the same name", "dezelfde naam";
    OrgBothWays => "the cell reads both as this one name and as a list", "de cel leest zowel als deze ene naam als als een lijst";
    OrgContained => "all the words of one are in the other, in order", "alle woorden van de een staan in de ander, in volgorde";
    OrgNearMiss => "a spelling close to it", "een schrijfwijze die er dichtbij ligt";

    // Booking refusals (`book` and the web page's book button, one check).
    BookInlineIdTaken => "a request {request} was booked this week already: book it by its id, or give the new request another id", "een aanvraag {request} is deze week al geboekt: boek hem op zijn id, of geef de nieuwe aanvraag een ander id";
    BookAlreadyBooked => "expert {expert} is booked for request {request} already", "expert {expert} is al geboekt voor aanvraag {request}";
    BookDeclined => "expert {expert} declined request {request} this week", "expert {expert} heeft aanvraag {request} deze week afgewezen";
    BookNotEligible => "expert {expert} is not eligible for this request ({rule})", "expert {expert} is niet geschikt voor deze aanvraag ({rule})";
    BookBusy => "expert {expert} has a seat in this slot this week already", "expert {expert} heeft deze week al een plek in dit dagdeel";
    BookAtCount => "expert {expert} is at their most assignments this week ({count} of {max})", "expert {expert} zit deze week aan het maximum aantal toewijzingen ({count} van {max})";
    BookAtLoad => "expert {expert} has {left} of their load budget {budget} left this week; this request needs {needs}", "expert {expert} heeft deze week nog {left} van het belastingsbudget {budget} over; deze aanvraag vraagt {needs}";
    BookLimit => "expert {expert} cannot be booked this week", "expert {expert} kan deze week niet geboekt worden";
    BookSeatsTaken => "request {request} has {seats} seat(s), all booked or accepted this week already", "aanvraag {request} heeft {seats} plek(ken), deze week al allemaal geboekt of geaccepteerd";
    DeclinedThisWeek => "declined this week by {experts} (not proposed again)", "afgewezen deze week door {experts} (wordt niet opnieuw voorgesteld)";
    NoFixWithoutDeclined => "no single change fills it without the expert(s) who declined", "geen enkele wijziging vult de plek zonder wie afwees";
    // Team rules (issue 24): why a team seat is open. Never why two experts are kept apart.
    TeamNoExperiencedInSlot => "no experienced partner free in the slot", "geen ervaren collega vrij in dit tijdvak";
    TeamNoExperienced => "no experienced partner free this week", "geen ervaren collega vrij deze week";
    TeamNotTogether => "{a} and {b} are not sent together", "{a} en {b} worden niet samen ingezet";
    TeamWhole => "a team of {n} is staffed whole or left open", "een team van {n} wordt helemaal gevuld of blijft open";
    TeamNewOnlyInTeam => "{id} is new and goes only beside an experienced expert", "{id} is nieuw en gaat alleen mee met een ervaren collega";
    TeamProposals => "teams that keep the team rules: {teams}", "teams die aan de teamregels voldoen: {teams}";
    TeamNoProposal => "no team of {n} among the free experts keeps the team rules", "geen team van {n} uit de vrije experts voldoet aan de teamregels";
    // After the match (issue 23): standbys.
    StandbyReplace => "put {expert} in {request} in place of {out}", "zet {expert} in op {request} in plaats van {out}";
    StandbyNone => "no standby for {request} in place of {out}: nobody else eligible is free for it with the other proposals as they are", "geen reserve voor {request} in plaats van {out}: niemand anders die geschikt is, is er vrij voor met de andere voorstellen zoals ze zijn";
    StandbyFirst => "first standby for {request}: {expert} (rank {rank}, {cost} points below the assigned expert with the other proposals kept); accept with `matchpunt decide --ledger {ledger} --week {week} --request {request} --expert {id} --accepted`", "eerste reserve voor {request}: {expert} (plaats {rank}, {cost} punten onder de toegewezen deskundige met de andere voorstellen zoals ze zijn); accepteer met `matchpunt decide --ledger {ledger} --week {week} --request {request} --expert {id} --accepted`";
    StandbyNoneLeft => "no standby of {request} is still free for it this week: ask `matchpunt suggest` or re-run", "geen reserve van {request} is er deze week nog vrij voor: vraag `matchpunt suggest` of draai opnieuw";
    StandbyCostNotProven => ", not proven", ", niet bewezen";
    StandbysHead => "standbys (who to call if the assigned expert drops out; cost by re-solving the batch):", "reserves (wie te bellen als de toegewezen deskundige afvalt; kosten door de batch opnieuw op te lossen):";
    StandbyLine => "{standby} in place of {expert}: rank {rank}, costs {cost} points{proven}", "{standby} in plaats van {expert}: plaats {rank}, kost {cost} punten{proven}";
    NoStandbys => "no standbys", "geen reserves";
    // After the match (issue 23): mail-merge texts of `matchpunt messages` (placeholders in
    // report::mail::PLACEHOLDERS; {topics} is the request's own themes, never an expert's).
    MailSubject => "{request}: {role}, {date}", "{request}: {role}, {date}";
    MailProposalExpert => "Hello {name},\n\nWe would like to ask you as {role} for {org} on {date} ({where}), about {topics}. Can you let us know whether you can come?\n\nKind regards,\nthe match point", "Hoi {name},\n\nWe willen je graag vragen als {role} voor {org} op {date} ({where}), over {topics}. Laat je ons weten of je kunt?\n\nGroet,\nhet matchpunt";
    MailProposalOrg => "Dear {name},\n\nFor your request {request} ({role}, {date}, {where}) we propose {expert}. We will confirm once they have said yes.\n\nKind regards,\nthe match point", "Beste {name},\n\nVoor uw aanvraag {request} ({role}, {date}, {where}) stellen we {expert} voor. We bevestigen zodra die ja heeft gezegd.\n\nMet vriendelijke groet,\nhet matchpunt";
    MailAcceptedExpert => "Hello {name},\n\nThank you: you are confirmed as {role} for {org} on {date} ({where}).\n\nKind regards,\nthe match point", "Hoi {name},\n\nDank je: je bent bevestigd als {role} voor {org} op {date} ({where}).\n\nGroet,\nhet matchpunt";
    MailAcceptedOrg => "Dear {name},\n\n{expert} is confirmed for your request {request} ({role}, {date}, {where}).\n\nKind regards,\nthe match point", "Beste {name},\n\n{expert} is bevestigd voor uw aanvraag {request} ({role}, {date}, {where}).\n\nMet vriendelijke groet,\nhet matchpunt";
    MailDeclinedExpert => "Hello {name},\n\nWe have noted that you will not take the request of {org} on {date}. Thank you for letting us know.\n\nKind regards,\nthe match point", "Hoi {name},\n\nWe hebben genoteerd dat je de aanvraag van {org} op {date} niet doet. Dank je voor het laten weten.\n\nGroet,\nhet matchpunt";
    MailDeclinedOrg => "Dear {name},\n\nThe expert we proposed for your request {request} ({role}, {date}) cannot come. We are looking for someone else and will let you know.\n\nKind regards,\nthe match point", "Beste {name},\n\nDe deskundige die we voor uw aanvraag {request} ({role}, {date}) voorstelden, kan niet. We zoeken iemand anders en laten het u weten.\n\nMet vriendelijke groet,\nhet matchpunt";
    MailBookingExpert => "Hello {name},\n\nAs agreed on the phone: you are booked as {role} for {org} on {date} ({where}), about {topics}.\n\nKind regards,\nthe match point", "Hoi {name},\n\nZoals telefonisch afgesproken: je bent geboekt als {role} voor {org} op {date} ({where}), over {topics}.\n\nGroet,\nhet matchpunt";
    MailBookingOrg => "Dear {name},\n\nAs agreed on the phone: {expert} is booked for your request {request} ({role}, {date}, {where}).\n\nKind regards,\nthe match point", "Beste {name},\n\nZoals telefonisch afgesproken: {expert} is geboekt voor uw aanvraag {request} ({role}, {date}, {where}).\n\nMet vriendelijke groet,\nhet matchpunt";
    MailOnline => "online", "online";
    MailDateFlexible => "week {week}, at a time to agree", "week {week}, op een tijd in overleg";

    // Issue 25: the ledger keeps what the next batch's wellbeing limits need.
    PurgeInsideWindow => "ledger purge --before {before} refused: the batch of week {batch} still needs the weeks from {from} ({why}); erasing them would make it forget the load of those weeks. Purge before {from} at the latest, or give the policy of the coming batches with --policy", "ledger purge --before {before} geweigerd: de batch van week {batch} heeft de weken vanaf {from} nog nodig ({why}); wie ze wist, laat die batch de belasting van die weken vergeten. Wis hoogstens tot {from}, of geef het beleid van de komende batches met --policy";
    WindowRolling => "rules.rolling_weeks = {n}: the rolling load budget", "rules.rolling_weeks = {n}: het rollende belastingbudget";
    WindowHeavyPause => "rules.heavy_pause_weeks = {n}: the pause after a heavy theme", "rules.heavy_pause_weeks = {n}: de pauze na een zwaar thema";
    WindowWaiting => "history.waiting_weeks = {n}: the waiting advantage", "history.waiting_weeks = {n}: het wachtvoordeel";
    ForgottenHistoryConflict => "the history file conflicts with the ledger for week {week}: {what}. The ledger's history is the one in force: an expert was erased from it at their request (`ledger forget`), and the file may still hold their rows. Give no history file, or write the ledger's with `matchpunt ledger export --history FILE`", "het historiebestand botst met het grootboek voor week {week}: {what}. De historie van het grootboek geldt: daaruit is een deskundige op eigen verzoek gewist (`ledger forget`), en het bestand kan hun regels nog bevatten. Geef geen historiebestand, of schrijf dat van het grootboek met `matchpunt ledger export --history FILE`";
    ForgottenHistoryNewWeeks => "the history file has rows of week(s) {weeks}, which the ledger does not hold; they are not imported: an expert was erased from the ledger at their request (`ledger forget`), and a history file could bring their rows back. The ledger's history is the one in force: give no history file, or one without those weeks", "het historiebestand heeft regels van week/weken {weeks}, die het grootboek niet heeft; ze worden niet ingelezen: uit het grootboek is een deskundige op eigen verzoek gewist (`ledger forget`), en een historiebestand kan hun regels terugbrengen. De historie van het grootboek geldt: geef geen historiebestand, of een zonder die weken";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(t: &str) -> Vec<String> {
        let mut out: Vec<String> = t
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|x| x.0.to_string()))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for &m in Msg::ALL {
            assert_eq!(
                placeholders(m.template(Lang::En)),
                placeholders(m.template(Lang::Nl)),
                "{m:?}"
            );
            assert!(!m.template(Lang::Nl).is_empty(), "{m:?}");
        }
    }

    #[test]
    fn no_template_has_a_place_for_an_experts_themes() {
        for &m in Msg::ALL {
            for p in placeholders(m.template(Lang::En)) {
                assert!(!p.contains("theme"), "{m:?} has {{{p}}}");
            }
        }
    }

    #[test]
    fn fill_numbers_lists_and_slots() {
        let t = Lang::Nl.fill(
            Msg::TooFarKm,
            &[("km", &Lang::Nl.num(55.04, 1)), ("max", &30)],
        );
        assert_eq!(t, "woont op 55,0 km en reist tot 30 km");
        assert_eq!(Lang::En.list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(Lang::Nl.list(&["a", "b"]), "a en b");
        assert_eq!(Lang::Nl.slot(Slot::parse("wed-pm").unwrap()), "wo-middag");
        assert_eq!(Lang::En.signed(-193.94), "-193.9");
        assert_eq!(Lang::Nl.signed(6.1), "+6,1");
        assert_eq!(Lang::En.signed(-0.01), "±0.0");
        assert_eq!(Lang::En.num(-0.0001, 1), "0.0");
        assert_eq!(Lang::parse(" NL "), Some(Lang::Nl));
        assert_eq!(Lang::parse("fr"), None);
    }
}
