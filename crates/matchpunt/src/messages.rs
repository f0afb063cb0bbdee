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
//!
//! Why one file: it is the one table of every text, so that both languages of a key stay side by
//! side and a test can hold them to the same placeholders.

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
    ("swap_cost", "ruilkosten"),
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

    /// "every week" for 1, else "every N weeks" ([`Msg::EveryWeek`], [`Msg::EveryWeeks`]): how
    /// often a trajectory meets.
    pub fn every_weeks(self, n: u32) -> String {
        if n == 1 {
            self.text(Msg::EveryWeek).to_string()
        } else {
            self.fill(Msg::EveryWeeks, &[("n", &n)])
        }
    }

    /// The code, `en` or `nl`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// The template of `msg` with each `{name}` replaced by its value in `args`, and each
    /// `{name:one|many}` by `one` when that value reads `1`, else by `many` (a word that agrees
    /// with a count: `{n} {n:deskundige|deskundigen}`). A name without a value stays as written.
    /// Linear in the template's length.
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
            // `{n:one|many}`: the word that agrees with the value of `n` (one for 1, else many).
            let (name, forms) = match name.split_once(':') {
                Some((n, forms)) => (n, forms.split_once('|')),
                None => (name, None),
            };
            match args.iter().find(|a| a.0 == name) {
                Some((_, v)) => match forms {
                    Some((one, many)) => out.push_str(if v.to_string().trim() == "1" {
                        one
                    } else {
                        many
                    }),
                    None => out.push_str(&v.to_string()),
                },
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

    /// A language as written in the data (a code like `en`) as the reader calls it: in Dutch
    /// the name of a known ISO 639 code (`en` → `Engels`, so that "geen spreekt en" cannot be
    /// read as the word "and"); in English, and for a code the table does not know, as written.
    pub fn language(self, code: &str) -> String {
        const NL: &[(&str, &str)] = &[
            ("nl", "Nederlands"),
            ("en", "Engels"),
            ("de", "Duits"),
            ("fr", "Frans"),
            ("es", "Spaans"),
            ("pt", "Portugees"),
            ("it", "Italiaans"),
            ("ar", "Arabisch"),
            ("tr", "Turks"),
            ("pl", "Pools"),
            ("ro", "Roemeens"),
            ("bg", "Bulgaars"),
            ("uk", "Oekraïens"),
            ("ru", "Russisch"),
            ("so", "Somalisch"),
            ("ti", "Tigrinya"),
            ("am", "Amhaars"),
            ("fa", "Perzisch"),
            ("prs", "Dari"),
            ("ps", "Pasjtoe"),
            ("ku", "Koerdisch"),
            ("zgh", "Tamazight"),
            ("ber", "Berbers"),
            ("pap", "Papiaments"),
            ("srn", "Sranantongo"),
            ("hi", "Hindi"),
            ("zh", "Chinees"),
            ("fy", "Fries"),
            ("ngt", "Nederlandse Gebarentaal"),
        ];
        match self {
            Lang::En => code.to_string(),
            Lang::Nl => {
                let key = code.trim().to_ascii_lowercase();
                NL.iter()
                    .find(|(c, _)| *c == key)
                    .map_or_else(|| code.to_string(), |(_, n)| n.to_string())
            }
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
    Seats => "{n} seat(s)", "{n} {n:plek|plekken}";

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
    Waiting => "{n} {n:week|weeks} without a seat: {pts} in the batch, beside the score", "{n} {n:week|weken} zonder inzet: {pts} in de batch, naast de score";
    SpreadFew => "few recent assignments", "de laatste weken weinig ingezet";
    SpreadMany => "several recent assignments", "de laatste weken vaak ingezet";
    RoleOnce => "did this role once before", "deed deze rol al eens";
    RoleTimes => "did this role {n} times before", "deed deze rol al {n} keer";
    AgeGap => "{years} years apart in age from the young person", "{years} jaar leeftijdsverschil met de jongere";
    AgeSame => "the same age as the young person", "even oud als de jongere";
    WeekFree => "no assignment yet this week; load {left} of {budget} left after this request", "deze week nog niet ingezet; na deze aanvraag nog {left} van {budget} belasting over";
    WeekBooked => "{n} assignment(s) this week already (costs {spread} in the batch); load {left} of {budget} left after this request", "deze week al {n} keer ingezet (kost {spread} in de batch); na deze aanvraag nog {left} van {budget} belasting over";
    WeekRollingBinds => " (the rolling budget over {weeks} {weeks:week|weeks} leaves less than the weekly one)", " (het rollende budget over {weeks} {weeks:week|weken} laat minder over dan het wekelijkse)";

    // suggest.
    SuggestHead => "{request} ({org}, {role}, {where}, {slot}): {n} eligible expert(s)", "{request} ({org}, {role}, {where}, {slot}): {n} geschikte {n:deskundige|deskundigen}";
    SuggestHeadBooked => "{request} ({org}, {role}, {where}, {slot}): {n} eligible expert(s), {free} of them free this week", "{request} ({org}, {role}, {where}, {slot}): {n} geschikte {n:deskundige|deskundigen}, van wie {free} deze week vrij";
    CandidateLine => "{rank}. {who}, score {score}{km}", "{rank}. {who}, score {score}{km}";
    NearMissesHead => "near misses (closest first):", "bijna geschikt (dichtstbij eerst):";
    NobodyFree => "nobody who meets the rules is free this week", "niemand die aan de regels voldoet is deze week vrij";
    OwnAssignments => "this request already has {n} assignment(s) in the assignments file ({experts}); they are not counted as bookings", "deze aanvraag heeft al {n} {n:toewijzing|toewijzingen} in het toewijzingenbestand ({experts}); die tellen niet als bezet";

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
    AtMaxCount => "has {n} of {max} {max:assignment|assignments} this week", "heeft deze week {n} van {max} {max:inzet|inzetten}";
    AtLoad => "would carry load {load} of {budget} this week", "zou deze week {load} van {budget} belasting dragen";
    AtRollingLoad => "the rolling budget over {weeks} {weeks:week|weeks} leaves {left} this week; this request needs {needs}", "het rollende budget over {weeks} {weeks:week|weken} laat deze week {left} over; deze aanvraag vraagt {needs}";
    Unsure => "a booking row of this week could not be read: treated as unavailable", "een boeking van deze week was onleesbaar: als niet beschikbaar behandeld";
    NearMissLine => "{who}: {why}{extra}", "{who}: {why}{extra}";
    NearExtraKm => "{km} km", "{km} km";
    NearExtraFree => "free: {free}", "vrij: {free}";

    // Funnel: the first rule that no expert meets.
    FunnelNobody => "no expert {stage} ({rule})", "geen deskundige {stage} ({rule})";
    FunnelAmong => "{n} expert(s) meet the rules before it ({experts}), but none {stage} ({rule})", "{n} {n:deskundige voldoet|deskundigen voldoen} aan de regels ervoor ({experts}), maar geen van hen {stage} ({rule})";
    FunnelAmongUnnamed => "{n} expert(s) meet the rules before it, but none {stage} ({rule})", "{n} {n:deskundige voldoet|deskundigen voldoen} aan de regels ervoor, maar geen van hen {stage} ({rule})";
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
    SumHead => "week {week}: {experts} {experts:expert|experts} ({active} active), {requests} {requests:request|requests}, {pairs} {pairs:eligible pair|eligible pairs}", "week {week}: {experts} {experts:deskundige|deskundigen} ({active} actief), {requests} {requests:aanvraag|aanvragen}, {pairs} {pairs:geschikt paar|geschikte paren}";
    SumTableHead => "role      requests  seats  filled  fill%", "rol      aanvragen plekken gevuld %gevuld";
    SumObjectiveLine => "objective {objective} (proven bound {bound}, gap {gap} = {share}%){proof}", "doelwaarde {objective} (bewezen grens {bound}, verschil {gap} = {share}%){proof}";
    SumProven => ", optimal", ", optimaal";
    SumStoppedWork => ", not proven: stopped by the work limit", ", niet bewezen: gestopt bij de werkgrens";
    SumStoppedTime => ", not proven: stopped by the time limit", ", niet bewezen: gestopt bij de tijdgrens";
    SumPins => "pins: {kept} kept, {conflicts} {conflicts:conflict|conflicts}; solver: {components} {components:component|components}, {nodes} {nodes:branch-and-bound node|branch-and-bound nodes} ({branched} {branched:component|components} branched, {listed} closed by listing bundles)", "vastzettingen: {kept} gehouden, {conflicts} {conflicts:conflict|conflicten}; oplosser: {components} {components:component|componenten}, {nodes} {nodes:branch-and-bound-knoop|branch-and-bound-knopen} ({branched} {branched:component|componenten} vertakt, {listed} gesloten door bundels op te sommen)";
    SumPinNotKept => "pin not kept: {request} ({org}): {text}", "vastzetting niet gehouden: {request} ({org}): {text}";
    SumRound => "round: {kept} proposal(s) kept ({accepted} accepted), {dropped} dropped, {new} new; see changes.csv (the objective includes the keep bonus)", "ronde: {kept} {kept:voorstel|voorstellen} behouden ({accepted} geaccepteerd), {dropped} vervallen, {new} nieuw; zie changes.csv (de doelwaarde telt de bonus voor behouden mee)";
    SumAllFilled => "every seat is filled", "elke plek is gevuld";
    SumOpenOne => "{n} seat open, see {see}: {causes}", "{n} plek open, zie {see}: {causes}";
    SumOpen => "{n} {n:seat|seats} open, see {see}: {causes}", "{n} {n:plek|plekken} open, zie {see}: {causes}";

    // explain --request.
    ExplainHead => "{request} ({org}, {role}, {where}, {slot}), {filled} of {seats} seat(s) filled", "{request} ({org}, {role}, {where}, {slot}), {filled} van {seats} {seats:plek|plekken} gevuld";
    AssignedHead => "assigned:", "toegewezen:";
    AssignedPinned => "pinned by the coordinator", "vastgezet door de coördinator";
    RunnersUpHead => "runners-up (exact cost of putting each in, by re-solving the batch with that pair fixed):", "alternatieven (exacte kosten om elk in te zetten, door de batch opnieuw op te lossen met dat paar vast):";
    RunnerUpLine => "{who}, score {score} ({diff} against {other}): {status}; putting {name} here: {cost} in total{changes}", "{who}, score {score} ({diff} t.o.v. {other}): {status}; {name} hier inzetten: {cost} in totaal{changes}";
    RunnerUpLineOpen => "{who}, score {score}: {status}; putting {name} here: {cost} in total{changes}", "{who}, score {score}: {status}; {name} hier inzetten: {cost} in totaal{changes}";
    StatusFree => "free this week", "deze week vrij";
    // The web page's first view (issue 26): what is still being re-solved, never a guess.
    RunnerUpLinePending => "{who}, score {score} ({diff} against {other}): {status}; putting {name} here: cost being computed", "{who}, score {score} ({diff} t.o.v. {other}): {status}; {name} hier inzetten: kosten worden berekend";
    RunnerUpLineOpenPending => "{who}, score {score}: {status}; putting {name} here: cost being computed", "{who}, score {score}: {status}; {name} hier inzetten: kosten worden berekend";
    FixesPending => "fixes being computed (each checked by re-solving the batch)", "oplossingen worden berekend (elk gecontroleerd door de batch opnieuw op te lossen)";
    WhyFreePending => "{n} eligible expert(s) are free; whether putting one here raises the batch objective is being computed", "{n} geschikte {n:deskundige is|deskundigen zijn} vrij; of {n:die|een van hen} hier inzetten de batchwaarde verhoogt, wordt berekend";
    StandbysPending => "standbys being computed", "reserves worden berekend";
    PagePending => "The costs on this page are being computed (each by re-solving the batch); the page fills in by itself.", "De kosten op deze pagina worden berekend (elk door de batch opnieuw op te lossen); de pagina vult zichzelf aan.";
    PageCostsFailed => "The costs could not be computed; read the data again to retry.", "De kosten konden niet worden berekend; lees de gegevens opnieuw in om het nog eens te proberen.";
    StatusUsedElsewhere => "assigned to {requests}", "ingezet bij {requests}";
    CannotForce => "{who}, score {score}: cannot be put here: {why}", "{who}, score {score}: kan hier niet worden ingezet: {why}";
    NoRunnersUp => "no other eligible expert", "geen andere geschikte deskundige";
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
    RulesFolded => "rules 3-11", "regels 3-11";
    RuleWhatFolded => "themes, personal reasons or other rules", "thema's, persoonlijke redenen of andere regels";
    FewerThan3 => "fewer than 3", "minder dan 3";
    OpenSeatsHead => "{n} seat(s) open: {why}", "{n} {n:plek|plekken} open: {why}";
    FixesHead => "changes that fill a seat, smallest first (each checked by re-solving the batch):", "wijzigingen die een plek vullen, kleinste eerst (elk gecontroleerd door de batch opnieuw op te lossen):";
    WhyAllBusy => "{n} eligible expert(s), all used to the limit this week: {list}", "{n} geschikte {n:deskundige|deskundigen}, {n:deze week al tot de grens ingezet|allemaal deze week tot de grens ingezet}: {list}";
    WhyBetterElsewhere => "{n} eligible expert(s) are free, but putting them here lowers the batch objective", "{n} geschikte {n:deskundige is|deskundigen zijn} vrij, maar {n:die|ze} hier inzetten verlaagt de batchwaarde";
    WhyFreeGain => "{n} eligible expert(s) are free, and putting one here raises the batch objective (see the fixes): re-run the batch or pin one of them", "{n} geschikte {n:deskundige is|deskundigen zijn} vrij, en {n:die|een van hen} hier inzetten verhoogt de batchwaarde (zie de oplossingen): draai de batch opnieuw of zet {n:die|er een} vast";
    OnlyAssignedHere => "only {n} expert(s) are eligible, and all are assigned here", "maar {n} {n:deskundige is|deskundigen zijn} geschikt, en {n:die is|die zijn allemaal} hier toegewezen";
    NobodyAssigned => "nobody", "niemand";
    PinRule9 => "would go beyond their limits with the pins before it (rule 9)", "zou met de vastzettingen ervoor over de grenzen gaan (regel 9)";
    PinRule10 => "more pinned experts than seats (rule 10)", "meer vastgezette deskundigen dan plekken (regel 10)";
    PinDeclined => "declined this request (decisions, rule 11)", "heeft deze aanvraag afgewezen (besluiten, regel 11)";
    PinRule8 => "already pinned in this slot (rule 8)", "staat in dit tijdvak al vast (regel 8)";
    PinRuleBroken => "{why} ({rule})", "{why} ({rule})";
    PinSeatsTaken => "not assigned: the {seats} {seats:seat is|seats are} taken by the pins before it ({taken}) (rule 10)", "niet ingezet: {seats} {seats:plek is|plekken zijn} al bezet door de vastzettingen ervoor ({taken}) (regel 10)";
    PinMaxAssignments => "would exceed max_assignments {max} with the pins before it (rule 9)", "zou met de vastzettingen ervoor boven het maximum van {max} {max:inzet|inzetten} uitkomen (regel 9)";
    PinLoadBudget => "would exceed load budget {budget} (load {load} + {intensity}) with the pins before it (rule 9)", "zou met de vastzettingen ervoor boven het belastingbudget van {budget} uitkomen (belasting {load} + {intensity}) (regel 9)";
    PinRollingBudget => "would exceed rolling budget {budget} with this trajectory's {meetings} {meetings:meeting|meetings} in the window and the pins before it (rule 9)", "zou met de {meetings} {meetings:bijeenkomst|bijeenkomsten} van dit traject in het rollende venster en de vastzettingen ervoor boven het rollende budget van {budget} uitkomen (regel 9)";
    PinPausedTrajectory => "not assigned: this heavy-theme trajectory has {every} {every:week|weeks} between its meetings, within the heavy-theme pause of {pause} {pause:week|weeks}, so its later meetings would fall in the pause (rule 9)", "niet ingezet: dit traject met een zwaar thema heeft {every} {every:week|weken} tussen de bijeenkomsten, binnen de pauze na een zwaar thema van {pause} {pause:week|weken}, dus de latere bijeenkomsten zouden in de pauze vallen (regel 9)";
    PinSecondHeavy => "would have a second heavy-theme seat in the pause with the pins before it (rule 9)", "zou met de vastzettingen ervoor een tweede plek met een zwaar thema in de pauze krijgen (regel 9)";
    PinInSlot => "is already pinned in slot {slot} (rule 8)", "staat al vast in tijdvak {slot} (regel 8)";
    PinNoTeam => "no team that keeps the team rules holds the pair", "geen team dat aan de teamregels voldoet, heeft dit paar";
    PinTeamNewAlone => "is new and goes only on a request of 2 or more seats beside an experienced expert already on it (team rule)", "is nieuw en gaat alleen op een aanvraag van 2 of meer plekken naast een ervaren deskundige die er al op staat (teamregel)";
    PinTeamNotWith => "is not sent together with {other} (team rule)", "wordt niet samen met {other} ingezet (teamregel)";
    PinTeamExperiencedMin => "is not experienced and request {request} keeps {min} of its {seats} {seats:seat|seats} for experienced experts (team rule)", "is niet ervaren en aanvraag {request} houdt {min} van de {seats} {seats:plek|plekken} vrij voor ervaren deskundigen (teamregel)";
    PinConflictText => "pin of {id} not kept: {why}", "vastzetting van {id} niet gehouden: {why}";

    // Given assignments that do not fit the batch (explain --assignments, the ledger's week).
    AssignmentsPinMissing => "the pin of {expert} to {request} is kept by the batch but missing from the assignments: re-run the batch on these inputs", "de vastzetting van {expert} op {request} houdt de batch, maar ontbreekt in de opdrachten: draai de batch opnieuw op deze invoer";
    AssignmentsNotEligible => "the assignment of {expert} to {request} breaks {rule} with these inputs: re-run the batch on these inputs", "de opdracht van {expert} voor {request} breekt {rule} met deze invoer: draai de batch opnieuw op deze invoer";
    HeavyPauseWeek => "has a heavy-theme seat this week already (the heavy-theme pause, rule 9)", "heeft deze week al een plek met een zwaar thema (de pauze na zware thema's, regel 9)";
    AssignmentsOverCount => "the assignments give {id} {n} {n:assignment|assignments}, at most {max} this week: re-run the batch on these inputs", "de opdrachten geven {id} {n} {n:inzet|inzetten}, deze week hoogstens {max}: draai de batch opnieuw op deze invoer";
    AssignmentsOverLoad => "the assignments give {id} a load of {n}, at most {max} this week: re-run the batch on these inputs", "de opdrachten geven {id} een belasting van {n}, deze week hoogstens {max}: draai de batch opnieuw op deze invoer";
    AssignmentsOverSeats => "the assignments give {id} {n} {n:expert|experts}, for {max} seat(s): re-run the batch on these inputs", "de opdrachten geven {id} {n} {n:deskundige|deskundigen}, voor {max} {max:plek|plekken}: draai de batch opnieuw op deze invoer";
    AssignmentsRefusedPin => "a refused pin", "een geweigerde vastzetting";
    AssignmentsLimit => "the assignments break a limit ({why}): re-run the batch on these inputs", "de opdrachten gaan over een grens ({why}): draai de batch opnieuw op deze invoer";

    // The changes a runner-up or a fix makes elsewhere.
    CostNothing => "nothing else changes", "verder verandert er niets";
    ChangesIntro => ": {list}", ": {list}";
    SeatLost => "{request} is left without an expert", "{request} blijft zonder deskundige";
    SeatLostSome => "{request} loses a seat ({filled} of {seats} filled)", "{request} verliest een plek ({filled} van {seats} gevuld)";
    SeatGained => "{request} gets a seat filled", "{request} krijgt een plek gevuld";
    ExpertMoves => "{expert} moves from {from} to {to}", "{expert} gaat van {from} naar {to}";
    ExpertAdded => "{expert} takes {to}", "{expert} neemt {to}";
    ExpertDropped => "{expert} leaves {from}", "{expert} laat {from} los";
    PinDropped => "the pin of {expert} on {request} can no longer be kept", "de vastzetting van {expert} op {request} kan niet meer gehouden worden";
    MoreChanges => "{n} more change(s)", "nog {n} {n:wijziging|wijzigingen}";
    NotProven => "(not proven optimal within the time limit)", "(niet bewezen optimaal binnen de tijdslimiet)";
    NotProvenRepair => "(not proven: too large to re-solve here; this batch with them in keeps every rule, and the best one is at least as good)", "(niet bewezen: te groot om hier opnieuw op te lossen; deze batch met deze persoon erin houdt elke regel, en de beste is minstens zo goed)";

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
    ExpertHead => "{who}: {count} of {max} assignment(s), load {load} of {budget}", "{who}: {count} van {max} {max:inzet|inzetten}, belasting {load} van {budget}";
    ExpertOnLeave => "{who} is on leave this week", "{who} is deze week met verlof";
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
    CheckOk => "ok: {experts} {experts:expert|experts} ({active} active, {certified} certified), {requests} {requests:request|requests}, {history} {history:history row|history rows}; batch week {week}", "in orde: {experts} {experts:deskundige|deskundigen} ({active} actief, {certified} gecertificeerd), {requests} {requests:aanvraag|aanvragen}, {history} {history:regel|regels} historie; batchweek {week}";
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
    CheckCoordinates => "(coordinates)", "(coördinaten)";
    CheckMoreThemes => "... and {n} more themes", "... en nog {n} thema's";
    CheckNoAvailability => "active experts with no availability: {n}{list}", "actieve deskundigen zonder beschikbaarheid: {n}{list}";
    CheckSafeSideHead => "excluded organisations taken on the safe side (confirm: write the name as the requests file does, or list both names in organisations.csv): {n} in {pairs} pair(s) of spellings", "uitgesloten organisaties aan de veilige kant genomen (bevestig: schrijf de naam zoals het aanvragenbestand, of zet beide namen in organisations.csv): {n} {n:regel|regels} in {pairs} {pairs:paar|paren} van schrijfwijzen";
    CheckSafeSideLine => "{written} as {org} ({why}): {n} row(s): {rows}", "{written} als {org} ({why}): {n} {n:regel|regels}: {rows}";
    CheckSupervisionUnchecked => "supervision: not checked (experts.csv has no last_supervision column)", "intervisie: niet gecontroleerd (experts.csv heeft geen kolom last_supervision)";
    CheckSupervisionLapsed => "supervision older than {weeks} {weeks:week|weeks}, not deployed: {n}{list}", "intervisie ouder dan {weeks} {weeks:week|weken}, niet ingezet: {n}{list}";
    CheckSupervisionSoon => "supervision lapsing within two weeks: {n}{list}", "intervisie verloopt binnen twee weken: {n}{list}";
    CheckNoCoach => "active experts without a coach: {n} ({list})", "actieve deskundigen zonder coach: {n} ({list})";
    CheckNoCoaches => "coaches: not given (experts.csv has no coach column, or it is empty)", "coaches: niet opgegeven (experts.csv heeft geen kolom coach, of die is leeg)";
    CheckPairs => "eligible pairs: {pairs}; requests no expert could ever take: {n}", "geschikte paren: {pairs}; aanvragen die geen deskundige ooit kan nemen: {n}";
    CheckImpossible => "{request} ({org}, {role}): {why}", "{request} ({org}, {role}): {why}";
    CheckBlockedBy => "blocked by {list}", "geblokkeerd door {list}";
    CheckUnknownThemes => "themes not in the theme vocabulary (data/themes.csv): {n}; each is compared as written (case, diacritics, hyphens and spaces aside)", "thema's die niet in de themalijst staan (data/themes.csv): {n}; elk wordt vergeleken zoals geschreven (hoofdletters, accenten, streepjes en spaties daargelaten)";
    CheckUnknownTheme => "{spelling} in {n} cell(s){hint}", "{spelling} in {n} {n:cel|cellen}{hint}";
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
    DeclinedSome => "{n} expert(s) declined this week ({experts})", "{n} {n:deskundige heeft|deskundigen hebben} deze week afgewezen ({experts})";
    SafeSideSummary => "personal cells read on the safe side in {n} expert row(s) ({cells}): those experts are kept away from what the cells may name; matchpunt check lists each cell to confirm", "persoonlijke cellen aan de veilige kant gelezen in {n} {n:regel|regels} van deskundigen ({cells}): die deskundigen worden weggehouden van wat de cellen kunnen noemen; matchpunt check noemt elke cel om te bevestigen";
    SafeSideCell => "{file}:{line}: expert {expert}: column '{column}' read on the safe side: the expert is kept away from what it may name; confirm or correct the cell", "{file}:{line}: deskundige {expert}: kolom '{column}' aan de veilige kant gelezen: de deskundige wordt weggehouden van wat de cel kan noemen; bevestig of verbeter de cel";
    SafeSideAllThemes => "{file}:{line}: expert {expert}: column '{column}' read as every theme: the expert is deployed on no request until the cell names themes; confirm or correct the cell", "{file}:{line}: deskundige {expert}: kolom '{column}' gelezen als elk thema: de deskundige wordt op geen enkele aanvraag ingezet tot de cel thema's noemt; bevestig of verbeter de cel";
    SafeSideHeavyThemes => "{file}:{line}: expert {expert}: column '{column}' read as the policy's heavy themes (heavy_themes): the expert is kept away from them; confirm or correct the cell", "{file}:{line}: deskundige {expert}: kolom '{column}' gelezen als de zware thema's van het beleid (heavy_themes): de deskundige wordt daarvan weggehouden; bevestig of verbeter de cel";
    AvoidItemNoTheme => "{file}:{line}: expert {expert}: column '{column}' has an item that matches no theme of the vocabulary (Dutch or English) nor of this batch's requests: it keeps the expert from nothing; correct the cell if it means a theme", "{file}:{line}: deskundige {expert}: kolom '{column}' heeft een onderdeel dat bij geen thema van de themalijst (Nederlands of Engels) of van de aanvragen van deze batch past: het houdt de deskundige nergens van weg; verbeter de cel als er een thema mee bedoeld is";
    AvoidItemNoThemeSummary => "personal cells with an item that matches no theme in {n} expert row(s) ({cells}): such an item keeps the expert from nothing; matchpunt check names each cell", "persoonlijke cellen met een onderdeel dat bij geen thema past in {n} {n:regel|regels} van deskundigen ({cells}): zo'n onderdeel houdt de deskundige nergens van weg; matchpunt check noemt elke cel";
    SafeSideRowsMore => "and {n} more", "en nog {n}";
    MetricsHead => "week {week}: {filled} {filled:assignment|assignments} of {seats} {seats:seat|seats}", "week {week}: {filled} {filled:toewijzing|toewijzingen} van {seats} {seats:plek|plekken}";
    DecideDone => "recorded {n} decision(s) for week {week}: {accepted} accepted, {declined} declined; re-run with `matchpunt run --ledger {ledger} --week {week}`", "{n} {n:besluit|besluiten} vastgelegd voor week {week}: {accepted} geaccepteerd, {declined} afgewezen; draai opnieuw met `matchpunt run --ledger {ledger} --week {week}`";
    CloseDone => "closed week {week}: {rows} history row(s) ({undecided} proposal(s) without a decision counted as taken place), {declined} declined row(s); the week is read-only now", "week {week} afgesloten: {rows} {rows:regel|regels} historie ({undecided} {undecided:voorstel|voorstellen} zonder besluit geteld als doorgegaan), {declined} afgewezen {declined:regel|regels}; de week is nu alleen-lezen";
    CloseTime => "time: written in one transaction in {ms} ms", "tijd: geschreven in één transactie in {ms} ms";
    OrgSame => "the same name", "dezelfde naam";
    OrgBothWays => "the cell reads both as this one name and as a list", "de cel leest zowel als deze ene naam als als een lijst";
    OrgContained => "all the words of one are in the other, in order", "alle woorden van de een staan in de ander, in volgorde";
    OrgNearMiss => "a spelling close to it", "een schrijfwijze die er dichtbij ligt";
    OrgAbbreviated => "one is an abbreviation or the initials of the other", "de een is een afkorting of de beginletters van de ander";
    OrgBranch => "the same name with another place at the end (a branch)", "dezelfde naam met een andere plaats aan het eind (een vestiging)";
    OrgCategory => "the cell names a kind of organisation or all of them (`alle ...`, a plural, `-instellingen`, `*`)", "de cel noemt een soort organisatie of ze allemaal (`alle ...`, een meervoud, `-instellingen`, `*`)";

    // Booking refusals (`book` and the web page's book button, one check).
    BookInlineIdTaken => "a request {request} was booked this week already: book it by its id, or give the new request another id", "een aanvraag {request} is deze week al geboekt: boek hem op zijn id, of geef de nieuwe aanvraag een ander id";
    BookAlreadyBooked => "expert {expert} is booked for request {request} already", "deskundige {expert} is al geboekt voor aanvraag {request}";
    BookDeclined => "expert {expert} declined request {request} this week", "deskundige {expert} heeft aanvraag {request} deze week afgewezen";
    BookNotEligible => "expert {expert} is not eligible for this request ({rule})", "deskundige {expert} is niet geschikt voor deze aanvraag ({rule})";
    BookBusy => "expert {expert} has a seat in this slot this week already", "deskundige {expert} heeft deze week al een plek in dit dagdeel";
    BookAtCount => "expert {expert} is at their most assignments this week ({count} of {max})", "deskundige {expert} zit deze week aan het maximum aantal toewijzingen ({count} van {max})";
    BookAtLoad => "expert {expert} has {left} of their load budget {budget} left this week; this request needs {needs}", "deskundige {expert} heeft deze week nog {left} van het belastingsbudget {budget} over; deze aanvraag vraagt {needs}";
    BookLimit => "expert {expert} cannot be booked this week", "deskundige {expert} kan deze week niet geboekt worden";
    BookSeatsTaken => "request {request} has {seats} seat(s), all booked or accepted this week already", "aanvraag {request} heeft {seats} {seats:plek|plekken}, deze week al allemaal geboekt of geaccepteerd";
    DeclinedThisWeek => "declined this week by {experts} (not proposed again)", "afgewezen deze week door {experts} (wordt niet opnieuw voorgesteld)";
    // Team rules (issue 24): why a team seat is open. Never why two experts are kept apart.
    TeamNoExperiencedInSlot => "no experienced partner free in the slot", "geen ervaren collega vrij in dit tijdvak";
    TeamNoExperienced => "no experienced partner free this week", "geen ervaren collega vrij deze week";
    TeamNotTogether => "{a} and {b} are not sent together", "{a} en {b} worden niet samen ingezet";
    TeamWhole => "a team of {n} is staffed whole or left open", "een team van {n} wordt helemaal gevuld of blijft open";
    TeamNewOnlyInTeam => "{id} is new and goes only beside an experienced expert", "{id} is nieuw en gaat alleen mee met een ervaren collega";
    TeamProposals => "teams that keep the team rules: {teams}", "teams die aan de teamregels voldoen: {teams}";
    TeamNoProposal => "no team of {n} among the free experts keeps the team rules", "geen team van {n} uit de vrije deskundigen voldoet aan de teamregels";
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
    // Trajectories (issue 24): the later meetings reserved in the ledger, and freed.
    TrajectoryReserved => "reserved meeting {meeting} of trajectory {request}: expert {expert} in week {week} (booking {id}); that week's `run --ledger` keeps it as a pin", "bijeenkomst {meeting} van traject {request} gereserveerd: deskundige {expert} in week {week} (boeking {id}); de `run --ledger` van die week houdt die vast";
    TrajectoryNotReserved => "meeting {meeting} of trajectory {request} not reserved for expert {expert} in week {week}: {why}", "bijeenkomst {meeting} van traject {request} niet gereserveerd voor deskundige {expert} in week {week}: {why}";
    TrajectoryFreed => "freed meeting {meeting} (expert {expert}, week {week}): the trajectory was declined", "bijeenkomst {meeting} vrijgegeven (deskundige {expert}, week {week}): het traject is afgewezen";
    TrajectoryMeetings => "trajectory of {n} meetings, {every}: weeks {weeks}", "traject van {n} bijeenkomsten, {every}: weken {weeks}";
    EveryWeek => "every week", "elke week";
    EveryWeeks => "every {n} {n:week|weeks}", "elke {n} {n:week|weken}";
    // A declined meeting of a trajectory: the trajectory stops for its expert, its later
    // meetings are freed ({meeting} the declined meeting's number, {trajectory} its request id).
    MailStoppedExpert => "Hello {name},\n\nWe have noted that you will not take meeting {meeting} of the trajectory of {org} on {date}. The trajectory's later meetings are cancelled for you, so those dates are free again. Thank you for letting us know.\n\nKind regards,\nthe match point", "Hoi {name},\n\nWe hebben genoteerd dat je bijeenkomst {meeting} van het traject bij {org} op {date} niet doet. De latere bijeenkomsten van het traject zijn voor jou geannuleerd, dus die data zijn weer vrij. Dank je voor het laten weten.\n\nGroet,\nhet matchpunt";
    MailStoppedOrg => "Dear {name},\n\nThe expert we proposed for meeting {meeting} of your trajectory {trajectory} ({role}, {date}) cannot come, and will not take the trajectory's later meetings either: those are cancelled for them, and their dates are free again. We are looking for someone else to take the trajectory over from this meeting on, and will let you know who, and from which date.\n\nKind regards,\nthe match point", "Beste {name},\n\nDe deskundige die we voor bijeenkomst {meeting} van uw traject {trajectory} ({role}, {date}) voorstelden, kan niet, en neemt ook de latere bijeenkomsten van het traject niet: die zijn voor deze deskundige geannuleerd, en de data zijn weer vrij. We zoeken iemand anders die het traject vanaf deze bijeenkomst overneemt, en laten u weten wie, en vanaf welke datum.\n\nMet vriendelijke groet,\nhet matchpunt";
    // Issue 20: the printouts of run, simulate, decide, messages and the ledger's subcommands.
    Note => "note: {text}", "let op: {text}";
    RunTime => "time: read {read} s, candidates {candidates} s, scoring {scoring} s, solve {solve} s, reasons {reasons} s, write {write} s, total {total} s", "tijd: inlezen {read} s, kandidaten {candidates} s, scoren {scoring} s, oplossen {solve} s, redenen {reasons} s, schrijven {write} s, totaal {total} s";
    Wrote => "wrote {files}", "geschreven: {files}";
    KeptEarlierBook => "moved {old} to {kept}: the workbook of an earlier run, kept as you may have worked in it (this run wrote no workbook; add --xlsx for one)", "{old} verplaatst naar {kept}: de werkmap van een eerdere run, bewaard omdat u erin gewerkt kunt hebben (deze run schreef geen werkmap; voeg --xlsx toe voor een nieuwe)";
    RemovedStale => "removed {files}: left by an earlier run, not written by this one (the folder holds one run's set)", "verwijderd: {files}: van een eerdere run, niet door deze geschreven (de map bevat de bestanden van één run)";
    SeeSheet => "{file}, sheet '{sheet}'", "{file}, blad '{sheet}'";
    RunLedger => "ledger: history read from its {closed} closed week(s); recorded run {id} of week {week} and its {n} proposal(s) in {file}", "ledger: historie gelezen uit {closed} afgesloten {closed:week|weken}; run {id} van week {week} met {n} {n:voorstel|voorstellen} vastgelegd in {file}";
    LedgerImported => "imported {n} history row(s) into the ledger {file}; from now on the ledger's history is the one in force", "{n} {n:regel|regels} historie ingelezen in de ledger {file}; vanaf nu geldt de historie van de ledger";
    LedgerCreated => "created the ledger {file} (schema version {version}, mode 0600); use it with --ledger {file} or MATCHPUNT_LEDGER", "ledger {file} aangemaakt (schemaversie {version}, modus 0600); gebruik hem met --ledger {file} of MATCHPUNT_LEDGER";
    LedgerOk => "{file}: ok (schema version {version}, {weeks} week(s), {closed} closed, {rows} history row(s))", "{file}: in orde (schemaversie {version}, {weeks} {weeks:week|weken}, {closed} afgesloten, {rows} {rows:regel|regels} historie)";
    LedgerProblem => "problem: {text}", "probleem: {text}";
    LedgerIntegrity => "SQLite integrity: {why}", "SQLite-integriteit: {why}";
    LedgerForeignKey => "a row of table {table} refers to a missing row", "een regel van tabel {table} verwijst naar een regel die ontbreekt";
    LedgerSchemaVersion => "schema version {have}, expected {want}", "schemaversie {have}, verwacht {want}";
    LedgerDecisionOnNothing => "week {week}: decision {id} on request {request}, expert {expert} is on no proposal or booking", "week {week}: besluit {id} over aanvraag {request}, deskundige {expert} hoort bij geen voorstel of boeking";
    LedgerBookedTwice => "week {week}: expert {expert} is booked twice for request {request}", "week {week}: deskundige {expert} is twee keer geboekt voor aanvraag {request}";
    LedgerTwoSeatsInSlot => "week {week}: expert {expert} has two seats in slot {slot} (requests {first} and {second})", "week {week}: deskundige {expert} heeft twee plekken in tijdvak {slot} (aanvragen {first} en {second})";
    LedgerClosedNoHistory => "week {week}: closed, but has no history rows", "week {week}: afgesloten, maar zonder regels historie";
    LedgerOpenWithHistory => "week {week}: open, but has {n} history {n:row|rows} (half closed)", "week {week}: open, maar met {n} {n:regel|regels} historie (half afgesloten)";
    LedgerOrphanHistory => "{n} history {n:row|rows} of a week that is not closed", "{n} {n:regel|regels} historie van een week die niet is afgesloten";
    LedgerInputsUnread => "week {week}: the inputs of run {run} no longer read; limits not checked", "week {week}: de invoer van run {run} is niet meer te lezen; grenzen niet gecontroleerd";
    LedgerTooManySeats => "week {week}: expert {expert} has {n} {n:seat|seats}, more than their most assignments ({max})", "week {week}: deskundige {expert} heeft {n} {n:plek|plekken}, meer dan het maximum aantal opdrachten ({max})";
    LedgerOverBudget => "week {week}: expert {expert} carries load {load}, more than their weekly budget ({budget})", "week {week}: deskundige {expert} draagt belasting {load}, meer dan het weekbudget ({budget})";
    LedgerProblems => "{file}: {n} {n:problem|problems} found", "{file}: {n} {n:probleem|problemen} gevonden";
    HistoryExported => "wrote {file} ({rows} row(s) of {weeks} closed week(s))", "{file} geschreven ({rows} {rows:regel|regels} uit {weeks} afgesloten {weeks:week|weken})";
    AccessExported => "wrote {files} (everything the ledger holds about {id}: {inputs} input row(s), {proposals} proposal(s), {standbys} standby row(s), {decisions} decision(s), {bookings} booking(s), {history} history row(s), {log} log line(s)); the files hold health data: hand them to the person only", "{files} geschreven (alles wat de ledger over {id} bewaart: {inputs} {inputs:invoerregel|invoerregels}, {proposals} {proposals:voorstel|voorstellen}, {standbys} {standbys:reserveregel|reserveregels}, {decisions} {decisions:besluit|besluiten}, {bookings} {bookings:boeking|boekingen}, {history} {history:regel|regels} historie, {log} {log:logregel|logregels}); de bestanden bevatten gezondheidsgegevens: geef ze alleen aan de persoon zelf";
    Forgot => "forgot expert {id}: their rows in {weeks} week(s) now carry the anonymous id {anonymous} ({rows} row(s)); {inputs} stored input file(s) rewritten without them{workbooks}; freed space overwritten and the file vacuumed", "deskundige {id} vergeten: de regels in {weeks} {weeks:week|weken} dragen nu het anonieme id {anonymous} ({rows} {rows:regel|regels}); {inputs} {inputs:bewaard invoerbestand|bewaarde invoerbestanden} zonder deze deskundige herschreven{workbooks}; vrijgekomen ruimte overschreven en het bestand opgeschoond";
    ForgotWorkbooks => ", {n} stored workbook(s) replaced by a note", ", {n} bewaarde {n:werkmap|werkmappen} vervangen door een notitie";
    Purged => "purged the weeks before {week}: {weeks} week(s), {rows} row(s), {inputs} stored input file(s); freed space overwritten and the file vacuumed", "de weken voor {week} gewist: {weeks} {weeks:week|weken}, {rows} {rows:regel|regels}, {inputs} {inputs:bewaard invoerbestand|bewaarde invoerbestanden}; vrijgekomen ruimte overschreven en het bestand opgeschoond";
    OutOfReach => "outputs written earlier (run folders, workbooks, messages, exports, backups and copies of the ledger) are out of the ledger's reach: delete those by hand", "uitvoer die eerder is geschreven (runmappen, werkmappen, berichten, exports, back-ups en kopieën van de ledger) valt buiten het bereik van de ledger: verwijder die met de hand";
    StandbyBooked => "booked standby {expert} for request {request} in week {week} (booking {id}); the next `run --ledger` keeps it as a pin", "reserve {expert} geboekt voor aanvraag {request} in week {week} (boeking {id}); de volgende `run --ledger` houdt die vast";
    DecideRepeats => "{n} of the {total} decision(s) repeat the pair's current verdict and were not recorded again", "{n} van de {total} {total:besluit|besluiten} {n:herhaalt|herhalen} het huidige besluit over het paar en {n:is|zijn} niet opnieuw vastgelegd";
    MessagesWrote => "wrote {files}: {n} message(s) for week {week} ({proposals} proposal(s), {accepted} accepted, {declined} declined, {bookings} booking(s), {meetings} reserved trajectory meeting(s), {standbys} standby(s) accepted in place of an expert who declined), each to the expert and to the organisation", "{files} geschreven: {n} {n:bericht|berichten} voor week {week} ({proposals} {proposals:voorstel|voorstellen}, {accepted} geaccepteerd, {declined} afgewezen, {bookings} {bookings:boeking|boekingen}, {meetings} {meetings:gereserveerde bijeenkomst|gereserveerde bijeenkomsten} van een traject, {standbys} {standbys:reserve|reserves} geaccepteerd in plaats van wie afwees), elk aan de deskundige en aan de organisatie";
    MessagesSkipped => "{n} pair(s) of the week name a request or expert that the run's inputs no longer hold (an erased expert, or a request since removed): no message for them", "{n} {n:paar|paren} van de week {n:noemt|noemen} een aanvraag of deskundige die niet meer in de invoer van de run staat (een gewiste deskundige, of een sindsdien verwijderde aanvraag): daarvoor is er geen bericht";
    SimWeeks => "{weeks} {weeks:week|weeks} ({first} to {last}) from {file}: {experts} {experts:expert|experts} at the start, {source}; per week: leave {leave}, join {join}, week off {off}, decline {decline}.", "{weeks} {weeks:week|weken} ({first} tot en met {last}) uit {file}: {experts} {experts:deskundige|deskundigen} aan het begin, {source}; per week: vertrek {leave}, instroom {join}, week vrij {off}, afwijzing {decline}.";
    SimReplayed => "requests replayed from {dir}", "aanvragen opnieuw afgespeeld uit {dir}";
    SimGenerated => "about {n} generated requests a week, seed {seed}", "ongeveer {n} gegenereerde aanvragen per week, startwaarde {seed}";
    SimTime => "time: {s} s", "tijd: {s} s";
    SimColumns => "policy|asked|filled|fill%|urgent%|score|pts p90|pts max|load% p90|load% max|at budget%|3wk full|starved|starved/wk|pool|top10%|contin%|declined", "beleid|gevraagd|gevuld|%gevuld|%urgent|score|ptn p90|ptn max|%bel p90|%bel max|%aan budget|3wk vol|onbenut|onbenut/wk|poule|top10%|%contin|afgewezen";
    // simulate's report.html: its headings, notes, chart titles (in CHARTS order) and columns.
    SimHtmlTitle => "matchpunt simulation", "matchpunt-simulatie";
    SimHtmlSummary => "Summary", "Samenvatting";
    SimHtmlTeams => "Teams and trajectories", "Teams en trajecten";
    SimHtmlWeeks => "Week by week", "Week na week";
    SimHtmlTotals => "Totals", "Totalen";
    SimHtmlTeamColumns => "new experts alone|new beside an experienced one|trajectories started|later meetings that kept their expert|later meetings that lost it", "nieuwe deskundigen alleen|nieuw naast een ervaren deskundige|trajecten gestart|latere bijeenkomsten met hun deskundige|latere bijeenkomsten zonder";
    SimHtmlTotalsColumns => "weeks|proven optimal|eligible experts (mean)", "weken|bewezen optimaal|geschikte deskundigen (gemiddeld)";
    SimHtmlCharts => "Seats filled (%)|Urgent seats filled (%)|Mean score of the filled seats (points)|Load per expert-week with work, p90 (intensity points)|Load of the most loaded expert this week (intensity points)|Load used as a share of the budget, p90 (%)|Load used as a share of the budget, mean over experts with work (%)|Experts starved (eligible, no proposal for 4+ weeks)|Gini coefficient of assignments over active experts (0: all equal; 1: one expert holds all)|Active experts with an assignment (%)|Seats with continuity (%)|Mean travel distance of on-site seats (km)|Most heavy-theme seats held by one expert|Proposals declined by the expert", "Gevulde plekken (%)|Gevulde urgente plekken (%)|Gemiddelde score van de gevulde plekken (punten)|Belasting per deskundige-week met werk, p90 (intensiteitspunten)|Belasting van de zwaarst belaste deskundige deze week (intensiteitspunten)|Gebruikte belasting als deel van het budget, p90 (%)|Gebruikte belasting als deel van het budget, gemiddeld over deskundigen met werk (%)|Uitgehongerde deskundigen (geschikt, 4+ weken geen voorstel)|Gini-coëfficiënt van de inzetten over actieve deskundigen (0: allen gelijk; 1: één deskundige heeft alles)|Actieve deskundigen met een inzet (%)|Plekken met continuïteit (%)|Gemiddelde reisafstand van plekken op locatie (km)|Meeste plekken met een zwaar thema bij één deskundige|Voorstellen afgewezen door de deskundige";
    SimHtmlSummaryNote => "Every share is in %. fill%: seats filled after declines over seats asked; urgent%: the same for urgent seats. pts p90 and max: load in intensity points over every expert-week with an assignment (an absolute measure: a share of the budget reaches 100% under every policy at scale). load% p90 and max: load used as a share of the weekly budget over the same expert-weeks; at budget%: the share of those at the full budget; 3wk full: experts at their full weekly budget 3 weeks in a row, at any time. pool: experts eligible in some week. starved: experts eligible (an eligible pair within their weekly load budget) in 4 or more weeks in a row without a proposal, at any time; starved/wk: on average per week. top10%: share of the seats held by the top 10% of the experts who were eligible in some week. contin%: seats with the preferred expert or one who worked for the organisation before.", "Elk aandeel is in %. %gevuld: plekken gevuld na afwijzingen van de gevraagde plekken; %urgent: hetzelfde voor urgente plekken. ptn p90 en max: belasting in intensiteitspunten over elke deskundige-week met een inzet (een absolute maat: een deel van het budget haalt bij elk beleid op schaal 100%). %bel p90 en max: gebruikte belasting als deel van het weekbudget over dezelfde deskundige-weken; %aan budget: het deel daarvan op het volle budget; 3wk vol: deskundigen 3 weken op rij op hun volle weekbudget, op enig moment. poule: deskundigen die in een week geschikt waren. onbenut: deskundigen die 4 of meer weken op rij geschikt waren (een geschikt paar binnen hun weekbudget) zonder voorstel, op enig moment; onbenut/wk: gemiddeld per week. top10%: deel van de plekken bij de 10% deskundigen met de meeste, onder wie ooit geschikt was. %contin: plekken met de voorkeursdeskundige of iemand die eerder voor de organisatie werkte.";
    SimHtmlTeamsNote => "Over the whole run. A new expert (certified fewer than the policy's teams.new_weeks weeks ago) goes only on a request of two or more seats that also gets an experienced one, so \"new experts alone\" is 0. A trajectory's later meetings are pins of their weeks; one that lost its expert found them gone (left the pool, on leave) or the pin refused.", "Over de hele run. Een nieuwe deskundige (korter dan teams.new_weeks weken van het beleid gecertificeerd) gaat alleen op een aanvraag van twee of meer plekken die ook een ervaren deskundige krijgt, dus \"nieuwe deskundigen alleen\" is 0. De latere bijeenkomsten van een traject staan vast in hun weken; een bijeenkomst zonder haar deskundige vond die weg (uit de pool, met verlof) of de vastzetting geweigerd.";
    SimWrote => "wrote {n} files to {dir} (open {report})", "{n} bestanden geschreven naar {dir} (open {report})";
    SuggestDeclined => "{experts} declined this request this week and {n:is|are} not suggested again", "{experts} {n:heeft|hebben} deze aanvraag deze week afgewezen en {n:wordt|worden} niet opnieuw voorgesteld";
    NoHistoryFile => "{file} does not exist", "{file} bestaat niet";
    NoHistorySheet => "{file} has no sheet named {sheets}", "{file} heeft geen blad met de naam {sheets}";
    ProgressRead => "reading the inputs", "invoer inlezen";
    ProgressCandidates => "checking hard rules 1-8 (candidates)", "harde regels 1-8 controleren (kandidaten)";
    ProgressScoring => "scoring {n} {n:eligible pair|eligible pairs}", "{n} {n:geschikt paar|geschikte paren} scoren";
    ProgressSolving => "solving over {n} {n:pair|pairs} ({limit})", "oplossen over {n} {n:paar|paren} ({limit})";
    ProgressLimit => "time limit {s} s for the whole run", "tijdslimiet {s} s voor de hele run";
    ProgressNoLimit => "no time limit", "geen tijdslimiet";
    ProgressReasons => "explaining the open seats", "de open plekken verklaren";
    ProgressStandbys => "ranking standbys", "reserves rangschikken";
    ProgressWriting => "writing to {dir}", "schrijven naar {dir}";
    ProgressSimulate => "simulating", "simuleren";
    ProgressSimWeek => "simulate: week {week} of {weeks} done ({n} of {total} batches, {s} s)", "simulate: week {week} van {weeks} klaar ({n} van {total} batches, {s} s)";
    MailStandbyExpert => "Hello {name},\n\nThank you: you are confirmed as {role} for {org} on {date} ({where}), about {topics}, in place of the expert we proposed before.\n\nKind regards,\nthe match point", "Hoi {name},\n\nDank je: je bent bevestigd als {role} voor {org} op {date} ({where}), over {topics}, in plaats van de deskundige die we eerder voorstelden.\n\nGroet,\nhet matchpunt";
    MailStandbyOrg => "Dear {name},\n\nThe expert we proposed for your request {request} ({role}, {date}, {where}) cannot come; {expert} takes their place and is confirmed.\n\nKind regards,\nthe match point", "Beste {name},\n\nDe deskundige die we voor uw aanvraag {request} ({role}, {date}, {where}) voorstelden, kan niet; {expert} neemt de plek over en is bevestigd.\n\nMet vriendelijke groet,\nhet matchpunt";
    SimTeams => "{policy}: new experts deployed alone {alone} (beside an experienced one {beside}); trajectories started {started}, later meetings that kept their expert {kept} of {later}", "{policy}: nieuwe deskundigen alleen ingezet {alone} (naast een ervaren collega {beside}); trajecten begonnen {started}, latere bijeenkomsten met dezelfde deskundige {kept} van {later}";
    // Input errors (ingest::Problem; the place and value are the InputError's): what is wrong
    // and what was expected, and the frame of the error list.
    InErrorsOne => "{n} input error:", "{n} invoerfout:";
    InErrorsMany => "{n} input errors:", "{n} invoerfouten:";
    InErrorsMore => "... and {n} more (at most {max} are listed per file)", "... en nog {n} (per bestand worden er hoogstens {max} genoemd)";
    InColumn => "column '{name}'", "kolom '{name}'";
    InSheet => "sheet", "blad";
    InCell => "cell {cell} (column '{name}')", "cel {cell} (kolom '{name}')";
    InRow => "row {row}", "rij {row}";
    InCharacters => "characters", "tekens";
    InSaveAs => "in Excel, save it as \"CSV UTF-8\"", "sla het in Excel op als \"CSV UTF-8\"";
    InOr => "or", "of";
    InTab => "tab", "tab";
    InExpected => "expected {what}", "verwacht {what}";
    InEmptyExpected => "is empty: {expected}", "is leeg: {expected}";
    InNoColumn => "no '{column}' column: {problem}", "geen kolom '{column}': {problem}";
    InBoolExpected => "expected yes/no, ja/nee, true/false, y/n, j/n or 1/0", "verwacht ja/nee, yes/no, true/false, j/n, y/n of 1/0";
    InBoolAmbiguous => "is ambiguous (ticked or crossed out?): {expected}", "is dubbelzinnig (aangevinkt of doorgestreept?): {expected}";
    InWholeAmbiguous => "is ambiguous (a thousands separator or a decimal point?): expected a whole number from {min} to {max} without separators", "is dubbelzinnig (een scheidingsteken voor duizendtallen of een decimaalteken?): verwacht een geheel getal van {min} tot en met {max} zonder scheidingstekens";
    InNotWhole => "expected a whole number from {min} to {max}", "verwacht een geheel getal van {min} tot en met {max}";
    InNotYear => "expected a year from 1900 to 2100 (or a date such as 12-3-2001)", "verwacht een jaar van 1900 tot en met 2100 (of een datum zoals 12-3-2001)";
    InNotKm => "expected a number of km from {min} to {max}", "verwacht een aantal km van {min} tot en met {max}";
    InNotNumber => "expected a number from {min} to {max}", "verwacht een getal van {min} tot en met {max}";
    InWhatUniqueId => "a unique id", "een unieke id";
    InWhatRoles => "one or more of buddy, adviser, trainer, speaker", "een of meer van buddy, adviser, trainer, speaker (of maatje, adviseur, meedenker, spreker, voorlichter)";
    InWhatRequestingOrg => "the requesting organisation", "de aanvragende organisatie";
    InWhatOneRole => "one of buddy, adviser, trainer, speaker", "een van buddy, adviser, trainer, speaker (of maatje, adviseur, meedenker, spreker, voorlichter)";
    InWhatExpertId => "an expert id", "de id van een deskundige";
    InWhatAnOrg => "an organisation", "een organisatie";
    InWhatRequestId => "a request id", "de id van een aanvraag";
    InEmptyThemes => "is empty: expected one or more themes separated by |", "is leeg: verwacht een of meer thema's, gescheiden door |";
    InHalfCoordinates => "is empty while {given} is given: expected both", "is leeg terwijl {given} gegeven is: verwacht beide";
    InNotInNetherlands => "{lat}, {lon} is not in the Netherlands: expected lat {lat0}..{lat1} and lon {lon0}..{lon1}{hint}", "{lat}, {lon} ligt niet in Nederland: verwacht lat {lat0}..{lat1} en lon {lon0}..{lon1}{hint}";
    InLatLonSwapped => "; lat and lon swapped? (in the Netherlands lat is about 51-53, lon about 4-7)", "; lat en lon verwisseld? (in Nederland is lat ongeveer 51-53, lon ongeveer 4-7)";
    InEmptyPlace => "is empty: expected a place from the places table, or lat and lon", "is leeg: verwacht een plaats uit de plaatsentabel, of lat en lon";
    InNoPlaceColumnOnSite => "missing column 'place': this row is on site, so it needs a place from the places table (or lat and lon columns), or online yes", "kolom 'place' ontbreekt: deze regel is op locatie, dus hij heeft een plaats uit de plaatsentabel nodig (of kolommen lat en lon), of online ja";
    InUnknownPlace => "is not in the places table (or give lat and lon columns)", "staat niet in de plaatsentabel (of geef kolommen lat en lon)";
    InUnknownPlaceNear => "is not in the places table; did you mean {name} ({province})? (or give lat and lon columns)", "staat niet in de plaatsentabel; bedoelt u {name} ({province})? (of geef kolommen lat en lon)";
    InAmbiguousPlace => "names more than one place: {places}; write the one you mean (or give lat and lon columns)", "noemt meer dan één plaats: {places}; schrijf de plaats die u bedoelt (of geef kolommen lat en lon)";
    InUnknownExpert => "is not an expert id in the experts file", "is geen id van een deskundige in het deskundigenbestand";
    InUnknownExpertNear => "is not an expert id in the experts file; did you mean {id}?", "is geen id van een deskundige in het deskundigenbestand; bedoelt u {id}?";
    InAmbiguousExpert => "names more than one expert ({ids}): write the expert's id", "noemt meer dan één deskundige ({ids}): schrijf het id van de deskundige";
    InDuplicateIdRead => "is the same id as {id} on line {first} (E01, E 1 and E1 are one id): expected each expert in one row, with one id", "is hetzelfde id als {id} op regel {first} (E01, E 1 en E1 zijn één id): verwacht elke deskundige in één regel, met één id";
    InSamePerson => "has the same name and birth year ({year}) as the expert on line {line} ({id}): one person in two rows? Expected each person in one row (the other row's limits and exclusions would be lost); if they are two people, write their names apart (e.g. with an initial)", "heeft dezelfde naam en hetzelfde geboortejaar ({year}) als de deskundige op regel {line} ({id}): één persoon in twee regels? Verwacht elke persoon in één regel (de grenzen en uitsluitingen van de andere regel gaan anders verloren); zijn het twee mensen, schrijf hun namen dan verschillend (bijvoorbeeld met een voorletter)";
    InNotGenderWish => "is no gender wish: expected v/f/vrouw, m/man, x/nb, or empty (no wish; also \"geen voorkeur\", \"maakt niet uit\", \"v/m\")", "is geen gendervoorkeur: verwacht v/vrouw, m/man, x/nb, of leeg (geen voorkeur; ook \"geen voorkeur\", \"maakt niet uit\", \"v/m\")";
    InOneLanguage => "names several languages: expected one language, the one the conversation is in (e.g. nl or en)", "noemt meer dan één taal: verwacht één taal, die van het gesprek (bijvoorbeeld nl of en)";
    InDuplicateId => "duplicate id (first on line {first}): expected each id once", "dubbele id (eerst op regel {first}): verwacht elke id één keer";
    InMissingLocationColumn => "missing required column 'place' (or both 'lat' and 'lon')", "verplichte kolom 'place' ontbreekt (of beide kolommen 'lat' en 'lon')";
    InNotARole => "is not a role: expected buddy, adviser, trainer or speaker (or maatje, adviseur, meedenker, spreker, voorlichter){hint}", "is geen rol: verwacht buddy, adviser, trainer of speaker (of maatje, adviseur, meedenker, spreker, voorlichter){hint}";
    InErvaringsdeskundige => " (every expert is an ervaringsdeskundige: name the roles they take on)", " (elke deskundige is ervaringsdeskundige: noem de rollen die hij of zij op zich neemt)";
    InNotOneRole => "expected one role: buddy, adviser, trainer or speaker (or maatje, adviseur, meedenker, spreker, voorlichter)", "verwacht één rol: buddy, adviser, trainer of speaker (of maatje, adviseur, meedenker, spreker, voorlichter)";
    InNotHistoryRole => "expected buddy, adviser, trainer or speaker", "verwacht buddy, adviser, trainer of speaker (of maatje, adviseur, meedenker, spreker, voorlichter)";
    InNotSlotList => "is not a slot: expected day-part like wed-pm or wo-middag (days mon..sun or ma..zo, parts am/pm/eve or ochtend/middag/avond), or * for all", "is geen tijdvak: verwacht dag-dagdeel zoals wo-middag of wed-pm (dagen ma..zo of mon..sun, delen ochtend/middag/avond of am/pm/eve), of * voor alle";
    InNotSlot => "is not a slot: expected one day-part like wed-pm or wo-middag, or empty for flexible", "is geen tijdvak: verwacht één dagdeel zoals wo-middag of wed-pm, of leeg voor flexibel";
    InNotSupervisionDate => "expected a date (2026-11-24 or 24-11-2026) or an ISO week (2026-W48)", "verwacht een datum (2026-11-24 of 24-11-2026) of een ISO-week (2026-W48)";
    InNotCertifiedOnDate => "expected a date (2026-11-24 or 24-11-2026), an Excel date number or an ISO week (2026-W48)", "verwacht een datum (2026-11-24 of 24-11-2026), een Excel-datumgetal of een ISO-week (2026-W48)";
    InNotPriority => "expected 1 (low), 2 (normal) or 3 (urgent)", "verwacht 1 (laag), 2 (normaal) of 3 (spoed)";
    InNotWeek => "expected an ISO week like 2026-W47 (or a date like 2026-11-16)", "verwacht een ISO-week zoals 2026-W47 (of een datum zoals 2026-11-16)";
    InSafetyNoteThemes => "is a note or an unknown marker, not theme names: expected theme names, or empty/geen/nee/- for none (look the answer up; until then the expert cannot be matched safely)", "is een notitie of een onbekend-teken, geen thema's: verwacht namen van thema's, of leeg/geen/nee/- voor geen (zoek het antwoord op; tot dan kan de deskundige niet veilig gekoppeld worden)";
    InRequestThemesNote => "is a note or an unknown marker among the themes: expected only theme names separated by | (a theme not named may be one an expert avoids: look the themes up and write them)", "is een notitie of een onbekend-teken tussen de thema's: verwacht alleen namen van thema's, gescheiden door | (een thema dat niet genoemd is kan er een zijn die een deskundige vermijdt: zoek de thema's op en schrijf ze)";
    InHeavyIntensityZero => "is 0 on a seat with a heavy theme: a heavy-theme seat always weighs on the expert; expected 1 to 100, or empty for the default {default}", "is 0 bij een plek met een zwaar thema: een plek met een zwaar thema weegt altijd voor de deskundige; verwacht 1 tot en met 100, of leeg voor de standaard {default}";
    InOrgNote => "is a note or a placeholder, not an organisation's name: expected the requesting organisation's name (the experts' excluded organisations are compared with it, so an expert could be sent to an organisation they excluded; look the name up)", "is een notitie of een invulteken, geen naam van een organisatie: verwacht de naam van de aanvragende organisatie (de uitgesloten organisaties van de deskundigen worden ermee vergeleken, dus een deskundige zou naar een organisatie kunnen gaan die hij of zij uitsloot; zoek de naam op)";
    InSafetyNoteOrgs => "is a note or an unknown marker, not organisation names: expected organisation names, or empty/geen/nee/- for none (look the answer up; until then the expert cannot be matched safely)", "is een notitie of een onbekend-teken, geen organisaties: verwacht namen van organisaties, of leeg/geen/nee/- voor geen (zoek het antwoord op; tot dan kan de deskundige niet veilig gekoppeld worden)";
    InOrgIdLostDigits => "is a number in scientific notation (as a spreadsheet shows a long number): its digits are lost, so it cannot be compared with any organisation's id; expected the id in full, e.g. the KvK number 01234567 (format the column as text and type the digits again; until then this row cannot be matched safely)", "is een getal in wetenschappelijke notatie (zoals een spreadsheet een lang getal toont): de cijfers zijn verloren, dus het kan met geen enkel id van een organisatie vergeleken worden; verwacht het volledige id, bijv. het KvK-nummer 01234567 (maak de kolom tekst en typ de cijfers opnieuw; tot dan kan deze rij niet veilig gekoppeld worden)";
    InEmptyOrgName => "expected the organisation's name", "verwacht de naam van de organisatie";
    InCannotRead => "cannot be read: {why}", "kan niet gelezen worden: {why}";
    InNoSheet => "has no sheet named {wanted}; its sheets are: {have}", "heeft geen blad met de naam {wanted}; de bladen zijn: {have}";
    InEmptyTable => "is empty: expected a header line with the columns {columns}", "is leeg: verwacht een kopregel met de kolommen {columns}";
    InBadHeaderLine => "bad header line: {why}", "onleesbare kopregel: {why}";
    InAsColumn => " (as '{column}')", " (als '{column}')";
    InDuplicateColumn => "column '{header}' appears twice in the header{also}", "kolom '{header}' staat twee keer in de kopregel{also}";
    InUnknownRequestColumnNamesThemes => "column {n} '{header}' is no column matchpunt knows, and its cells name themes: a request's themes all belong in its themes column (separated by |), or an expert who avoids one of them could be sent; move them there, or remove the column from the file", "kolom {n} '{header}' is geen kolom die matchpunt kent, en de cellen noemen thema's: alle thema's van een aanvraag horen in de kolom thema's (gescheiden door |), anders kan een deskundige die er een vermijdt gestuurd worden; zet ze daar, of haal de kolom uit het bestand";
    InUnknownColumnNamesBatch => "column {n} '{header}' is no column matchpunt knows, and its cells name organisations or themes of this batch: if it says where an expert may not go or what they avoid, name it as the column it is (docs/reference/data.md lists every header); otherwise remove it from the file (a safety column must never be silently off)", "kolom {n} '{header}' is geen kolom die matchpunt kent, en de cellen noemen organisaties of thema's van deze batch: als de kolom zegt waar een deskundige niet heen mag of wat hij of zij vermijdt, geef hem de naam van die kolom (docs/reference/data.md noemt elke kolomnaam); haal hem anders uit het bestand (een veiligheidskolom mag nooit ongemerkt uit staan)";
    InNearMissColumn => "column {n} '{header}': did you mean '{suggestion}'{also}? (a column this close to a known one is not ignored, since a misspelt column would switch its rule off; a column of your own needs a name unlike any column)", "kolom {n} '{header}': bedoelt u '{suggestion}'{also}? (een kolom die zo dicht bij een bekende ligt wordt niet genegeerd, want een verkeerd gespelde kolom zou zijn regel uitschakelen; een eigen kolom heeft een naam nodig die op geen enkele kolom lijkt)";
    InNoHeaderLine => "has no header line: line {line} names none of the columns (its cells are not repeated here); expected a first line with the columns {columns}", "heeft geen kopregel: regel {line} noemt geen van de kolommen (de cellen worden hier niet herhaald); verwacht een eerste regel met de kolommen {columns}";
    InMissingColumn => "missing required column '{column}'; the header has: {have}", "verplichte kolom '{column}' ontbreekt; de kopregel heeft: {have}";
    InBadCsv => "bad CSV: {why}", "onleesbare CSV: {why}";
    InLongCell => "a cell of {chars} characters: at most {max} are read (is a text pasted into the wrong cell?)", "een cel van {chars} tekens: er worden er hoogstens {max} gelezen (is een tekst in de verkeerde cel geplakt?)";
    InUnclosedQuote => "opens a quote (\") that is never closed: the {n} line(s) after it were read into one cell; close the quote or delete it (no row after this one can be read until then)", "opent een aanhalingsteken (\") dat nergens gesloten wordt: de {n} {n:regel|regels} erna zijn in één cel gelezen; sluit het aanhalingsteken of verwijder het (tot dan kan geen regel hierna gelezen worden)";
    InFieldCount => "has {got} fields, expected {want} as in the header (a missing or extra {delimiter}?)", "heeft {got} velden, verwacht {want} zoals in de kopregel (een ontbrekende of extra {delimiter}?)";
    InMacRoman => "Mac Roman (Excel for Mac's \"CSV (Macintosh)\")", "Mac Roman (\"CSV (Macintosh)\" van Excel voor Mac)";
    InWindows1252 => "Windows-1252 (Excel's plain \"CSV\")", "Windows-1252 (gewone \"CSV\" van Excel)";
    InUndecidedEncoding => "column {n} '{header}' has a letter beyond ASCII, and the file's bytes read as well as {read} as as {other}: which one is not clear, and this column decides who may go where (the value is not repeated); save the file as \"CSV UTF-8\"", "kolom {n} '{header}' heeft een letter buiten ASCII, en de bytes van het bestand lezen even goed als {read} als als {other}: welke het is, is niet duidelijk, en deze kolom beslist wie waarheen mag (de waarde wordt niet herhaald); sla het bestand op als \"CSV UTF-8\"";
    InLooksUtf16 => "; it looks like UTF-16 text without a byte-order mark", "; het lijkt UTF-16-tekst zonder byte-order mark";
    InBinaryNul => "contains binary data (a NUL byte): expected CSV text{hint}; {save}", "bevat binaire gegevens (een NUL-byte): verwacht CSV-tekst{hint}; {save}";
    InBomNotUtf8 => "is not UTF-8 text, although it starts with a UTF-8 byte-order mark; {save}", "is geen UTF-8-tekst, hoewel het begint met een UTF-8-byte-order mark; {save}";
    InBadUtf16 => "starts as UTF-16 text (a byte-order mark) but is not valid UTF-16; {save}", "begint als UTF-16-tekst (een byte-order mark) maar is geen geldige UTF-16; {save}";
    InZipNotCsv => "is a zip file, such as an Excel or OpenDocument workbook (.xlsx, .ods), not CSV text; {save}", "is een zipbestand, zoals een Excel- of OpenDocument-werkmap (.xlsx, .ods), geen CSV-tekst; {save}";
    InXlsNotCsv => "is an old Excel workbook (.xls), not CSV text; {save}", "is een oude Excel-werkmap (.xls), geen CSV-tekst; {save}";
    InControlByte => "is not text (byte {byte} is a control character): expected CSV text; {save}", "is geen tekst (byte {byte} is een stuurteken): verwacht CSV-tekst; {save}";
    InMixedEncodings => "mixes UTF-8 with another encoding (this line has a byte that is not UTF-8, other lines have UTF-8 characters); {save}", "mengt UTF-8 met een andere codering (deze regel heeft een byte die geen UTF-8 is, andere regels hebben UTF-8-tekens); {save}";
    InSafetyFormulaZero => "a formula whose stored value is 0: a workbook written by a program stores 0 for a formula it never computed, so this 0 is not known to be the value; open and save the workbook in Excel or LibreOffice (which computes it), or type the value", "een formule met opgeslagen waarde 0: een werkmap die door een programma is geschreven slaat 0 op voor een formule die nooit is berekend, dus deze 0 is niet zeker de waarde; open en bewaar de werkmap in Excel of LibreOffice (dat hem berekent), of typ de waarde";
    InSafetyErrorValue => "an error value (a formula that failed) in a column that decides where an expert may go; expected {expected}: correct the formula or type the value (empty if there is none)", "een foutwaarde (een mislukte formule) in een kolom die beslist waar een deskundige heen mag; verwacht {expected}: verbeter de formule of typ de waarde (leeg als er geen is)";
    InSafetyNoValue => "a formula without a stored value (the workbook was written by a program and never computed), in a column that decides where an expert may go; expected {expected}: open and save the workbook in Excel or LibreOffice, or type the value", "een formule zonder opgeslagen waarde (de werkmap is door een programma geschreven en nooit berekend), in een kolom die beslist waar een deskundige heen mag; verwacht {expected}: open en bewaar de werkmap in Excel of LibreOffice, of typ de waarde";
    InSafeOrgs => "organisation names separated by |", "namen van organisaties, gescheiden door |";
    InSafeThemes => "themes separated by |", "thema's, gescheiden door |";
    InSafeWhole => "a whole number", "een geheel getal";
    InSafeYesNo => "yes or no", "ja of nee";
    InSafeKm => "a number of km", "een aantal km";
    InSafeDate => "a date", "een datum";
    InSafeIds => "expert ids separated by |", "id's van deskundigen, gescheiden door |";
    InSafeYear => "a year or a date", "een jaar of een datum";
    InSafeSlots => "slots such as wed-pm, or *", "tijdvakken zoals wo-middag, of *";
    InSafeOrg => "the organisation's name", "de naam van de organisatie";
    InSafeOrgIds => "organisation ids in full (e.g. the KvK number 01234567)", "volledige id's van organisaties (bijv. het KvK-nummer 01234567)";
    InSafeValue => "a value", "een waarde";
    InNoBatchSheets => "has no sheet named {wanted}; its sheets are: {have} (a batch workbook needs an experts and a requests sheet; a history sheet is optional)", "heeft geen blad met de naam {wanted}; de bladen zijn: {have} (een werkmap voor een batch heeft een blad met deskundigen en een met aanvragen nodig; een blad met historie mag)";
    InAndNoneNamed => ", and none named ", ", en geen met de naam ";
    InNotRequestOfBatch => "is not a request of this batch: expected the assignments of a run on the same inputs", "is geen aanvraag van deze batch: verwacht de toewijzingen van een run op dezelfde invoer";
    InNotExpertOfBatch => "is not an expert of this batch: expected the assignments of a run on the same inputs", "is geen deskundige van deze batch: verwacht de toewijzingen van een run op dezelfde invoer";
    InNoRequest => "holds no request", "bevat geen aanvraag";
    InNotDecision => "expected accepted or declined (geaccepteerd/afgewezen, ja/nee)", "verwacht geaccepteerd of afgewezen (accepted/declined, ja/nee)";
    InPairIdUndecidedEncoding => "has a letter beyond ASCII, and the file's bytes read as well as Windows-1252 as as Mac Roman: save the file as \"CSV UTF-8\"", "heeft een letter buiten ASCII, en de bytes van het bestand lezen even goed als Windows-1252 als als Mac Roman: sla het bestand op als \"CSV UTF-8\"";
    InPairAssignments => "the assignments.csv of a run (columns request, expert, ...)", "de assignments.csv van een run (kolommen `aanvraag`, `deskundige`, ... of `request`, `expert`, ...)";
    InPairDecisions => "a decisions file (columns request, expert, decision)", "een bestand met besluiten (kolommen `aanvraag`, `deskundige`, `besluit` of `request`, `expert`, `decision`)";
    InPairNoHeader => "has no header line: expected {what}", "heeft geen kopregel: verwacht {what}";
    InPairMissingColumn => "missing required column {columns}: expected {what}; the header has: {have}", "verplichte kolom {columns} ontbreekt: verwacht {what}; de kopregel heeft: {have}";
    InPairMissingColumns => "missing required columns {columns}: expected {what}; the header has: {have}", "verplichte kolommen {columns} ontbreken: verwacht {what}; de kopregel heeft: {have}";
    // Issue 20: the warnings of a load (ingest::Warning), the workbook's own errors, and the
    // texts of suggest, the CLI and the summary still English in a Dutch run.
    WPlaceOtherProvince => "\"{place}\" is read as {found} ({province}); the places table also has {others}: for another one, write the province after the name, e.g. \"{example}\"", "\"{place}\" is gelezen als {found} ({province}); de plaatsentabel heeft ook {others}: schrijf voor een andere de provincie achter de naam, bijv. \"{example}\"";
    WUnknownColumns => "{file}: ignoring unknown column{n:|s} {columns}", "{file}: onbekende {n:kolom|kolommen} {columns} genegeerd";
    WReadAs => "read as {encoding}", "gelezen als {encoding}";
    WEncUtf16Le => "UTF-16 LE (Excel's \"Unicode text\")", "UTF-16 LE (\"Unicode-tekst\" van Excel)";
    WEncUtf16Be => "UTF-16 BE", "UTF-16 BE";
    WEncWindows1252 => "Windows-1252, since it is not UTF-8 (Excel's plain \"CSV\"; \"CSV UTF-8\" is safer)", "Windows-1252, omdat het geen UTF-8 is (gewone \"CSV\" van Excel; \"CSV UTF-8\" is veiliger)";
    WEncMacRoman => "Mac Roman, since it is not UTF-8 and its accented letters are Mac Roman's (Excel for Mac's \"CSV (Macintosh)\"; \"CSV UTF-8\" is safer)", "Mac Roman, omdat het geen UTF-8 is en de letters met accenten die van Mac Roman zijn (\"CSV (Macintosh)\" van Excel voor Mac; \"CSV UTF-8\" is veiliger)";
    WEncUtf16LeNoBom => "UTF-16 LE without a byte-order mark", "UTF-16 LE zonder byte-order mark";
    WEncUtf16BeNoBom => "UTF-16 BE without a byte-order mark", "UTF-16 BE zonder byte-order mark";
    WSepLine => "separated by {delimiter} as its 'sep=' line 1 says", "gescheiden door {delimiter}, zoals de regel 'sep=' op regel 1 zegt";
    WTabSeparated => "tab-separated", "gescheiden door tabs";
    WBlankLines => "blank line{n:|s} {lines}", "lege {n:regel|regels} {lines}";
    WTitleLines => "line{n:|s} {lines} (naming no column: a title?)", "{n:regel|regels} {lines} (zonder kolomnaam: een titel?)";
    WHeaderOnLine => "the header is on line {line}; skipped {skipped} before it", "de kopregel staat op regel {line}; daarvoor overgeslagen: {skipped}";
    WDateAsYear => "a date, not a year: read as the year {year}", "een datum, geen jaar: gelezen als het jaar {year}";
    WSerialAsYear => "an Excel date serial number (a date cell saved as a number), not a year: read as the year {year}", "een Excel-datumgetal (een datumcel die als getal is opgeslagen), geen jaar: gelezen als het jaar {year}";
    WSameInMore => "{first} (and the same in {n} more cell(s) of this column, each read as its year)", "{first} (en hetzelfde in nog {n} {n:cel|cellen} van deze kolom, elk gelezen als het jaar)";
    WRowLeftOut => "{error} (this row is left out)", "{error} (deze regel wordt weggelaten)";
    WMoreRowErrors => "{n} more row error(s) not listed (those rows are left out)", "nog {n} {n:fout|fouten} in regels niet genoemd (die regels worden weggelaten)";
    InWorkbookDamaged => "cannot be read as a workbook (its reader failed on it); is it damaged? Open and save it again in Excel or LibreOffice", "kan niet als werkmap gelezen worden (het inlezen liep erop vast); is het beschadigd? Open en bewaar het opnieuw in Excel of LibreOffice";
    InWorkbookPassword => "is password-protected (encrypted): save a copy without a password (in Excel: File > Info > Protect Workbook > Encrypt with Password, empty the password) and read that", "is met een wachtwoord beveiligd (versleuteld): bewaar een kopie zonder wachtwoord (in Excel: Bestand > Info > Werkmap beveiligen > Versleutelen met wachtwoord, maak het wachtwoord leeg) en lees die in";
    InWorkbookUnreadable => "cannot be read as a workbook ({why}); is it password-protected or damaged?", "kan niet als werkmap gelezen worden ({why}); is het met een wachtwoord beveiligd of beschadigd?";
    InWorkbookPartRatio => "is refused before reading: its part {part} would expand from {stored} to {size} ({ratio}:1); no real sheet compresses more than {max}:1 (a damaged file or a zip bomb)", "wordt geweigerd voor het inlezen: het deel {part} zou uitpakken van {stored} tot {size} ({ratio}:1); geen echt blad is sterker gecomprimeerd dan {max}:1 (een beschadigd bestand of een zipbom)";
    InWorkbookTooLarge => "is refused before reading: its parts would expand to {size}, more than the {max} a workbook may take (save the tables of one batch in a workbook of their own)", "wordt geweigerd voor het inlezen: de delen zouden uitpakken tot {size}, meer dan de {max} die een werkmap mag innemen (bewaar de tabellen van één batch in een eigen werkmap)";
    InWorkbookStreamTooLarge => "is refused before reading: its workbook stream would take {mb} MB (at most {max} MB are read)", "wordt geweigerd voor het inlezen: de werkmapstroom zou {mb} MB innemen (er wordt hoogstens {max} MB gelezen)";
    CannotOpenFile => "cannot open {file}", "kan {file} niet openen";
    CannotOpenWhy => "cannot open {file}: {why}", "kan {file} niet openen: {why}";
    CausedBy => "caused by: {cause}", "oorzaak: {cause}";
    IoNotFound => "no such file or folder", "bestand of map bestaat niet";
    IoPermission => "no permission from the system", "geen toestemming van het systeem";
    IoIsFolder => "is a folder, not a file", "is een map, geen bestand";
    IoNotFolder => "a part of the path is not a folder", "een deel van het pad is geen map";
    IoExists => "exists already", "bestaat al";
    IoDiskFull => "the disk is full", "de schijf is vol";
    IoReadOnly => "the file system is read-only", "het bestandssysteem is alleen-lezen";
    IoOther => "{why}", "systeemfout: {why}";
    CannotBuildWorkbook => "cannot build the workbook: {why}", "kan de werkmap niet maken: {why}";
    OutIsFile => "--out {path}: is a file, not a folder", "--out {path}: is een bestand, geen map";
    OutIsFileBook => "--out {path}: is a file, not a folder (a name ending in .xlsx writes one workbook)", "--out {path}: is een bestand, geen map (een naam die eindigt op .xlsx schrijft één werkmap)";
    OutPartIsFile => "--out {path}: {part} is a file, not a folder", "--out {path}: {part} is een bestand, geen map";
    OutCannotCreateFolder => "cannot create the output folder {path}", "kan de uitvoermap {path} niet maken";
    OutCannotOpenFolder => "cannot open the output folder {path}", "kan de uitvoermap {path} niet openen";
    OutCannotCleanUp => "cannot clean up after an earlier, stopped run in {path}", "kan niet opruimen na een eerdere, afgebroken run in {path}";
    OutCannotCreate => "cannot create {path}", "kan {path} niet maken";
    OutCannotWrite => "cannot write {path}", "kan {path} niet schrijven";
    OutCannotWriteIn => "cannot write in {path}", "kan niet schrijven in {path}";
    OutCannotRead => "cannot read {path}", "kan {path} niet lezen";
    OutDamaged => "{path} is damaged", "{path} is beschadigd";
    OutBadJournalLine => "bad line {line}", "onleesbare regel {line}";
    OutCannotRemove => "cannot remove {path}", "kan {path} niet verwijderen";
    OutCannotLock => "cannot lock {path}", "kan {path} niet vergrendelen";
    OutLockReplaced => "cannot lock {path}: it keeps being replaced", "kan {path} niet vergrendelen: het wordt steeds vervangen";
    OutBusy => "another matchpunt run is writing to {path}: wait until it has finished, or choose another --out", "een andere matchpunt-run schrijft naar {path}: wacht tot die klaar is, of kies een andere --out";
    OutBusyPid => "another matchpunt run (process {pid}) is writing to {path}: wait until it has finished, or choose another --out", "een andere matchpunt-run (proces {pid}) schrijft naar {path}: wacht tot die klaar is, of kies een andere --out";
    OutTargetIsFolder => "{path} is a folder: move it away, or choose another output", "{path} is een map: zet die ergens anders neer, of kies een andere uitvoer";
    OutMoveUndone => "cannot move the new outputs into place at {path}{hint}; the previous files in {dir} are unchanged", "kan de nieuwe uitvoer niet op zijn plaats zetten bij {path}{hint}; de vorige bestanden in {dir} zijn ongewijzigd";
    OutMoveOpenElsewhere => " (is it open in another program?)", " (is het open in een ander programma?)";
    OutMoveStuck => "cannot move the new outputs into place at {path}, nor put the previous ones back; the next run on {dir} will finish moving the new ones", "kan de nieuwe uitvoer niet op zijn plaats zetten bij {path}, en de vorige niet terugzetten; de volgende run op {dir} maakt het verplaatsen af";
    OutRecoveredMoved => "an earlier run was stopped while moving its outputs into place: finished moving them", "een eerdere run werd gestopt tijdens het op hun plaats zetten van de uitvoer: het verplaatsen is afgemaakt";
    OutRecoveredRemoved => "an earlier run was stopped before its outputs were complete: removed its temporary files", "een eerdere run werd gestopt voordat de uitvoer compleet was: de tijdelijke bestanden zijn verwijderd";
    OutExpectedFileName => "{path}: expected a file name", "{path}: verwacht een bestandsnaam";
    OutNoFolder => "{path}: the folder {dir} does not exist", "{path}: de map {dir} bestaat niet";
    OutProtectedInput => "refusing to overwrite the input file {path} with an output; choose another --out folder", "het invoerbestand {path} wordt niet overschreven met uitvoer; kies een andere --out-map";
    OutCannotCreateTemp => "cannot create a temporary file in {path}", "kan geen tijdelijk bestand maken in {path}";
    OutCannotMoveOne => "cannot move the output into place at {path}", "kan de uitvoer niet op zijn plaats zetten bij {path}";
    InlineSource => "the request options", "de opties van de aanvraag";
    InlineErrors => "{n} error(s) in the request options:", "{n} {n:fout|fouten} in de opties van de aanvraag:";
    InlineDuplicate => "a request {quoted} is in the requests file already: ask for it with --request {id}, or give another --id", "een aanvraag {quoted} staat al in het aanvragenbestand: vraag ernaar met --request {id}, of geef een andere --id";
    CausePersonal => "{n} personal {n:reason|reasons}", "{n} persoonlijke {n:reden|redenen}";
    CauseAtLimit => "{n} {n:expert|experts} at their limit", "{n} {n:deskundige|deskundigen} aan {n:de|hun} grens";
    CauseNeededElsewhere => "{n} {n:expert|experts} needed elsewhere", "{n} {n:deskundige|deskundigen} elders nodig";
    WHeavyNearMiss => "{place}: request {id}: a theme may be a heavy theme of the policy written another way (one letter away, a plural, a synonym, a phrase or an adjective form): taken as heavy, so its default intensity includes the heavy extra, to be safe", "{place}: aanvraag {id}: een thema kan een zwaar thema van het beleid zijn, anders geschreven (een letter verschil, een meervoud, een synoniem, een omschrijving of een bijvoeglijke vorm): als zwaar gelezen, dus de standaardintensiteit telt de extra voor zware thema's mee, voor de zekerheid";
    WAliasParts => "{value} holds several names joined by /, en, and, & or +: read as each of them too ({parts}), on the safe side: separate aliases by |", "{value} bevat meer namen, verbonden door /, en, and, & of +: ook gelezen als elk daarvan ({parts}), aan de veilige kant: scheid aliassen door |";
    WNotWithRead => "{place}: column '{column}': {value} read as the ids {ids} on the safe side: separate ids by |", "{place}: kolom '{column}': {value} gelezen als de id's {ids}, aan de veilige kant: scheid id's door |";
    WNotWithUnknown => "{place}: column '{column}': {value} is not an expert id in the experts file: left out", "{place}: kolom '{column}': {value} is geen id van een deskundige in het deskundigenbestand: weggelaten";
    WEmptiedCells => "{file}: column '{column}': {n} cell{n:|s} with an error value (#N/A, #REF!, ...) or a formula without a stored value, read as empty (first {first})", "{file}: kolom '{column}': {n} {n:cel|cellen} met een foutwaarde (#N/A, #VERW!, ...) of een formule zonder opgeslagen waarde, als leeg gelezen (eerste {first})";
    WMerged => "{file}, {range} merged: its value is read for every row in it", "{file}, {range} samengevoegd: de waarde wordt voor elke rij erin gelezen";
    WHiddenSheet => "{file}: the hidden sheet '{hidden}' could hold the same table as sheet '{sheet}' and is not read (a hidden sheet is often an old copy); delete it, or unhide and rename it if it is the one to read", "{file}: het verborgen blad '{hidden}' kan dezelfde tabel bevatten als blad '{sheet}' en wordt niet gelezen (een verborgen blad is vaak een oude kopie); verwijder het, of maak het zichtbaar en hernoem het als dat het blad is dat gelezen moet worden";
    WHistoryLater => "{n} history row(s) are from week {week} or later and are ignored", "{n} {n:regel|regels} historie {n:is|zijn} van week {week} of later en {n:wordt|worden} genegeerd";
    // Trajectories in the one limit check (issue 24): the rolling budget with the later meetings.
    RollingTrajectory => "the rolling budget ({left} left) cannot carry the trajectory's {n} meetings in the window", "het rollende budget ({left} over) kan de {n} bijeenkomsten van het traject in het venster niet dragen";
    RollingReserved => "the rolling budget ({left} left) cannot carry this request beside the trajectory meetings already held in the window", "het rollende budget ({left} over) kan deze aanvraag niet dragen naast de bijeenkomsten van trajecten die al in het venster vastliggen";
    HeavyTrajectoryPause => "a heavy-theme trajectory with {every} {every:week|weeks} between its meetings would lose its later meetings to the heavy-theme pause of {pause} {pause:week|weeks}", "een traject met een zwaar thema en {every} {every:week|weken} tussen de bijeenkomsten zou de latere bijeenkomsten verliezen door de pauze na zware thema's van {pause} {pause:week|weken}";
    BookRolling => "expert {expert} has {left} of their rolling budget left; this request needs {needs} ({n} meeting(s) in the window)", "deskundige {expert} heeft nog {left} van het rollende budget over; deze aanvraag vraagt {needs} ({n} {n:bijeenkomst|bijeenkomsten} in het venster)";
    // The phone's and the web form's request; `messages` for a reserved meeting of a trajectory
    // ({meeting} its number, {trajectory} the trajectory's request id).
    MailMeetingExpert => "Hello {name},\n\nAs agreed: meeting {meeting} of your {role} trajectory with {org} is on {date} ({where}).\n\nKind regards,\nthe match point", "Hoi {name},\n\nZoals afgesproken: bijeenkomst {meeting} van je traject als {role} bij {org} is op {date} ({where}).\n\nGroet,\nhet matchpunt";
    MailMeetingOrg => "Dear {name},\n\nAs agreed: meeting {meeting} of your trajectory {trajectory} with {expert} is on {date} ({where}).\n\nKind regards,\nthe match point", "Beste {name},\n\nZoals afgesproken: bijeenkomst {meeting} van uw traject {trajectory} met {expert} is op {date} ({where}).\n\nMet vriendelijke groet,\nhet matchpunt";
    // Team inputs read on the safe side (issue 24, the trial's S6).
    WCertifiedOnAmbiguous => "{value} is a date day-first and month-first: read as the later, week {week}, so the expert stays new for longer (write 2026-01-11 to be sure)", "{value} is een datum met de dag of de maand voorop: gelezen als de latere, week {week}, zodat de deskundige langer nieuw blijft (schrijf 2026-01-11 om zeker te zijn)";
    WSupervisionAmbiguous => "{value} is a date day-first and month-first: read as the earlier, week {week}, so that a lapsed supervision is never missed (write the date year first, yyyy-mm-dd, to be sure)", "{value} is een datum met de dag of de maand voorop: gelezen als de vroegere, week {week}, zodat een verlopen intervisie nooit gemist wordt (schrijf de datum met het jaar voorop, jjjj-mm-dd, om zeker te zijn)";
    WSupervisionYear => "{value} is a year without a day: read as its first day, week {week}, so that a lapsed supervision is never missed (write the whole date, e.g. 2026-09-01)", "{value} is een jaar zonder dag: gelezen als de eerste dag ervan, week {week}, zodat een verlopen intervisie nooit gemist wordt (schrijf de hele datum, bijv. 01-09-2026)";
    WCertifiedOnYear => "{value} is a year without a day: read as its last day, week {week}, so the expert stays new for longest (write the whole date, e.g. 2026-09-01)", "{value} is een jaar zonder dag: gelezen als de laatste dag ervan, week {week}, zodat de deskundige het langst nieuw blijft (schrijf de hele datum, bijv. 01-09-2026)";
    WGenderPreference => "{value} read as the wish {gender} (rule 6 keeps a wish like any other: leave the cell empty if anyone may go)", "{value} gelezen als de wens {gender} (regel 6 houdt zich aan elke wens: laat de cel leeg als iedereen mag)";
    WGenderEither => "{value} read as no gender wish (it names both v and m)", "{value} gelezen als geen gendervoorkeur (de cel noemt v en m allebei)";
    WSameName => "the same name as the expert on line {line} ({id}), and no birth year on both to tell them apart: if this is one person in two rows, keep one row (each row is planned as its own expert)", "dezelfde naam als de deskundige op regel {line} ({id}), en geen geboortejaar bij beide om ze uit elkaar te houden: is dit één persoon in twee regels, houd dan één regel (elke regel wordt als eigen deskundige ingepland)";
    WHistoryRowCountedFor => "{error} (this history row's load is still counted, on the safe side, for every expert the cell could name: {ids})", "{error} (de belasting van deze regel historie telt toch mee, aan de veilige kant, voor elke deskundige die de cel kan bedoelen: {ids})";
    WHistoryRowNotCounted => "{error} (this history row names no expert of the batch, or no week: its load counts for nobody; if it belongs to an expert of the batch, correct the cell)", "{error} (deze regel historie noemt geen deskundige van de batch, of geen week: de belasting telt voor niemand; hoort hij bij een deskundige van de batch, verbeter dan de cel)";
    HistoryExpertRead => "expert {written} read as {expert} (the id written another way, or the expert's name): write the id as the experts file does", "deskundige {written} gelezen als {expert} (het id anders geschreven, of de naam van de deskundige): schrijf het id zoals in het deskundigenbestand";
    WHistoryRowCounted => "{error} (this history row's load is still counted, on the safe side: a decimal intensity rounded up, an unreadable one as the expert's whole rolling budget used that week, a missing one at the highest default intensity)", "{error} (de belasting van deze regel historie telt toch mee, aan de veilige kant: een intensiteit met decimalen naar boven afgerond, een onleesbare als het hele voortschrijdende budget van de deskundige in die week, een ontbrekende met de hoogste standaardintensiteit)";
    StagePinTeamSaid => "is pinned or booked against a team rule: a new expert goes only beside an experienced expert on a request of 2 or more seats, pairs kept apart are not sent together, the seats a request keeps for experienced experts stay theirs", "staat vast of is geboekt tegen een teamregel in: een nieuwe deskundige gaat alleen naast een ervaren deskundige op een aanvraag van 2 of meer plekken, duo's die niet samen mogen worden niet samen ingezet, de plekken die een aanvraag voor ervaren deskundigen vrijhoudt blijven voor hen";
    TeamNoTeamHolds => "{expert} is in no team of this request that keeps the team rules", "{expert} zit in geen team voor deze aanvraag dat aan de teamregels voldoet";
    TeamFixNewAlone => "{expert} is new and goes only on a request of 2 or more seats beside an experienced expert already on it (team rule)", "{expert} is nieuw en gaat alleen op een aanvraag van 2 of meer plekken naast een ervaren deskundige die er al op staat (teamregel)";
    TeamFixNotWith => "{expert} and {other} are not sent together (team rule)", "{expert} en {other} worden niet samen ingezet (teamregel)";
    TeamFixExperiencedMin => "{expert} is not experienced and request {request} keeps {min} of its {seats} seat(s) for experienced experts (team rule)", "{expert} is niet ervaren en aanvraag {request} houdt {min} van de {seats} {seats:plek|plekken} vrij voor ervaren deskundigen (teamregel)";

    // Issue 25: the ledger keeps what the next batch's wellbeing limits need.
    PurgeInsideWindow => "ledger purge --before {before} refused: the batch of week {batch} still needs the weeks from {from} ({why}); erasing them would make it forget the load of those weeks. Purge before {from} at the latest, or give the policy of the coming batches with --policy", "ledger purge --before {before} geweigerd: de batch van week {batch} heeft de weken vanaf {from} nog nodig ({why}); wie ze wist, laat die batch de belasting van die weken vergeten. Wis hoogstens tot {from}, of geef het beleid van de komende batches met --policy";
    WindowRolling => "rules.rolling_weeks = {n}: the rolling load budget", "rules.rolling_weeks = {n}: het rollende belastingbudget";
    WindowHeavyPause => "rules.heavy_pause_weeks = {n}: the pause after a heavy theme", "rules.heavy_pause_weeks = {n}: de pauze na een zwaar thema";
    WindowWaiting => "history.waiting_weeks = {n}: the waiting advantage", "history.waiting_weeks = {n}: het wachtvoordeel";
    ForgottenHistoryConflict => "the history file conflicts with the ledger for week {week}: {what}. The ledger's history is the one in force: an expert was erased from it at their request (`ledger forget`), and the file may still hold their rows. Give no history file, or write the ledger's with `matchpunt ledger export --history FILE`", "het historiebestand botst met de ledger voor week {week}: {what}. De historie van de ledger geldt: daaruit is een deskundige op eigen verzoek gewist (`ledger forget`), en het bestand kan hun regels nog bevatten. Geef geen historiebestand, of schrijf dat van de ledger met `matchpunt ledger export --history FILE`";
    ForgottenHistoryNewWeeks => "the history file has rows of {n:week|weeks} {weeks}, which the ledger does not hold; they are not imported: an expert was erased from the ledger at their request (`ledger forget`), and a history file could bring their rows back. The ledger's history is the one in force: give no history file, or one without those weeks", "het historiebestand heeft regels van {n:week|weken} {weeks}, die de ledger niet heeft; ze worden niet ingelezen: uit de ledger is een deskundige op eigen verzoek gewist (`ledger forget`), en een historiebestand kan hun regels terugbrengen. De historie van de ledger geldt: geef geen historiebestand, of een zonder die weken";
    // The ledger's errors and refusals (matchpunt_ledger::Error, Denial), in the reader's
    // language.
    LedgerMissing => "{file}: no such ledger; create it with `matchpunt ledger init {file}`", "{file}: die ledger bestaat niet; maak hem met `matchpunt ledger init {file}`";
    LedgerExists => "{file}: exists already; `ledger init` never overwrites a file", "{file}: bestaat al; `ledger init` overschrijft nooit een bestand";
    LedgerClosed => "week {week} is closed: its history is final, so it can no longer be run, decided or booked", "week {week} is afgesloten: de historie ligt vast, dus er kan niet meer in gedraaid, besloten of geboekt worden";
    LedgerSql => "ledger: {why}", "ledger: {why}";
    LedgerIo => "ledger {file}: {why}", "ledger {file}: {why}";
    LedgerCannotOpen => "{file}: cannot open as a ledger: {why}", "{file}: kan niet als ledger geopend worden: {why}";
    LedgerNoSchema => "{file}: is not a matchpunt ledger (no schema_version table); create one with `matchpunt ledger init FILE`", "{file}: is geen ledger van matchpunt (geen tabel schema_version); maak er een met `matchpunt ledger init FILE`";
    LedgerNewer => "{file}: ledger schema version {version} is newer than this matchpunt knows ({known}): use a newer matchpunt", "{file}: de schemaversie {version} van de ledger is nieuwer dan deze matchpunt kent ({known}): gebruik een nieuwere matchpunt";
    LedgerHistoryWeekNotClosed => "the history file has rows of week {week}, which is {state} in the ledger: the ledger keeps that week's history itself (close the week with `matchpunt close`); give no history file, or one without that week", "het historiebestand heeft regels van week {week}, die in de ledger {state} is: de ledger houdt de historie van die week zelf bij (sluit de week af met `matchpunt close`); geef geen historiebestand, of een zonder die week";
    LedgerWeekOpen => "open", "nog open";
    LedgerWeekNotOver => "not over yet", "nog niet voorbij";
    LedgerHistoryConflict => "the history file conflicts with the ledger for week {week}: {what}. The ledger's history is the one in force: give no history file (or write the ledger's with `matchpunt ledger export --history FILE`)", "het historiebestand botst met de ledger voor week {week}: {what}. De historie van de ledger geldt: geef geen historiebestand (of schrijf dat van de ledger met `matchpunt ledger export --history FILE`)";
    LedgerFileOnly => "the file has a row the ledger has not ({row})", "het bestand heeft een regel die de ledger niet heeft ({row})";
    LedgerLedgerOnly => "the ledger has a row the file has not ({row})", "de ledger heeft een regel die het bestand niet heeft ({row})";
    LedgerRowCounts => "the file has {file} {file:row|rows}, the ledger {ledger}", "het bestand heeft {file} {file:regel|regels}, de ledger {ledger}";
    LedgerRow => "expert {expert} at {org}, {role} intensity {intensity}{declined}", "deskundige {expert} bij {org}, {role} intensiteit {intensity}{declined}";
    LedgerRowDeclined => ", declined", ", afgewezen";
    LedgerRunChanged => "week {week} changed while this run was solving (a run, decision or booking was recorded meanwhile), so its proposals do not count it: nothing is recorded or written; run again", "week {week} is veranderd terwijl deze run rekende (intussen is er een run, besluit of boeking vastgelegd), dus de voorstellen houden er geen rekening mee: er is niets vastgelegd of geschreven; draai opnieuw";
    LedgerNotProposed => "no run of week {week} proposed expert {expert} for request {request}: a decision is on a proposal (see the run's assignments.csv)", "geen run van week {week} heeft deskundige {expert} voorgesteld voor aanvraag {request}: een besluit gaat over een voorstel (zie de assignments.csv van de run)";
    LedgerNoRunYet => "; the week has no run yet", "; de week heeft nog geen run";
    LedgerDeclineStands => "expert {expert} declined request {request} in week {week} already: a decline stands (the seat may have gone to someone else since), so it cannot be accepted again; nothing was recorded", "deskundige {expert} heeft aanvraag {request} in week {week} al afgewezen: een afwijzing blijft staan (de plek kan intussen naar iemand anders zijn gegaan), dus die kan niet alsnog geaccepteerd worden; er is niets vastgelegd";
    LedgerNothingToClose => "week {week} has no run, decision or booking in the ledger: nothing to close", "week {week} heeft geen run, besluit of boeking in de ledger: er valt niets af te sluiten";
    LedgerCloseBroken => "week {week} is not closed: its records break the ledger's rules ({problems}); fix them with `decide` before closing", "week {week} is niet afgesloten: de gegevens breken de regels van de ledger ({problems}); herstel ze met `decide` voor het afsluiten";
    LedgerCaseSpellings => "the ledger holds {n} spellings of this id that differ only in case: give the id exactly as one of them", "de ledger heeft {n} schrijfwijzen van dit id die alleen in hoofdletters verschillen: geef het id precies zoals een ervan";
    LedgerIdReadsAsSeveral => "{id} reads as several experts of the ledger ({ids}): give the id exactly as one of them", "{id} kan meerdere deskundigen van de ledger zijn ({ids}): geef het id precies zoals een ervan";
    LedgerNothingAbout => "the ledger {ledger} holds nothing about expert {id} (ids are read as everywhere: E01 and E 1 are E1)", "de ledger {ledger} bevat niets over deskundige {id} (id's worden gelezen zoals overal: E01 en E 1 zijn E1)";
    LedgerOpenWeeksBefore => "{n:week|weeks} {weeks} before {before} {n:is|are} still open: close them first (`matchpunt close`), so that their history was counted", "{n:week|weken} {weeks} voor {before} {n:is|zijn} nog open: sluit ze eerst af (`matchpunt close`), zodat hun historie meetelt";
    LedgerNotAStandby => "{standby} is no standby of request {request} in the latest run of week {week}", "{standby} is geen reserve voor aanvraag {request} in de laatste run van week {week}";
    LedgerNotDeclinedYet => "{standby} stands in for {of} on {request}, who has not declined it: record that decline first", "{standby} is reserve voor {of} op {request}, die niet heeft afgewezen: leg die afwijzing eerst vast";
    LedgerOr => " or ", " of ";
    LedgerNoProposal => "request {request} has no proposal this week", "aanvraag {request} heeft deze week geen voorstel";
    LedgerStandbyDeclined => "{standby} declined {request} this week", "{standby} heeft {request} deze week afgewezen";
    LedgerStandbyHasIt => "{standby} has {request} already", "{standby} heeft {request} al";
    LedgerBookedAfter => "{expert} was booked for {request} after the run", "{expert} is na de run geboekt voor {request}";
    LedgerSlotAfter => "{standby} was booked in slot {slot} after the run", "{standby} is na de run geboekt in tijdvak {slot}";
    LedgerCountAfter => "{standby} reached their most assignments with bookings after the run", "{standby} zit aan het maximum aantal inzetten door boekingen na de run";
    LedgerLoadAfter => "{standby} reached their load budget with bookings after the run", "{standby} zit aan het belastingsbudget door boekingen na de run";
    // Issue 20, the last plain strings: `metrics --assignments` refusing or warning about a
    // hand-made file, the bookings of an assignments file (`suggest --booked`), and a round's
    // decisions on ids not in the batch.
    MetricsUnknownExpert => "{file}:{line}: expert {id} is not in the experts file", "{file}:{line}: deskundige {id} staat niet in het deskundigenbestand";
    MetricsUnknownRequest => "{file}:{line}: request {id} is not in the requests file", "{file}:{line}: aanvraag {id} staat niet in het aanvragenbestand";
    MetricsBreaks => "{file}:{line}: {expert} to {request} breaks the hard rules ({rules})", "{file}:{line}: {expert} bij {request} breekt de harde regels ({rules})";
    MetricsTwice => "{file}: {expert} is assigned to {request} twice (rule 10)", "{file}: {expert} staat twee keer op {request} (regel 10)";
    MetricsTwoInSlot => "{expert} holds two assignments in slot {slot} (rule 8)", "{expert} heeft twee inzetten in tijdvak {slot} (regel 8)";
    MetricsOverCount => "{expert} holds {n} {n:assignment|assignments}, more than max_assignments {max} (rule 9)", "{expert} heeft {n} {n:inzet|inzetten}, meer dan max_assignments {max} (regel 9)";
    MetricsExpertRead => "line {line}: expert {written} read as {expert} (the id written another way): write the id as the experts file does", "regel {line}: deskundige {written} gelezen als {expert} (het id anders geschreven): schrijf het id zoals in het deskundigenbestand";
    MetricsOverLoad => "{expert} carries load {load}, more than the load budget {budget} (rule 9)", "{expert} draagt belasting {load}, meer dan het belastingsbudget {budget} (regel 9)";
    MetricsOverSeats => "{request} has {n} {n:expert|experts} for {seats} seat(s) (rule 10)", "{request} heeft {n} {n:deskundige|deskundigen} voor {seats} {seats:plek|plekken} (regel 10)";
    BookedExpertRead => "{file}:{line}: expert {written} read as {expert} (the id written another way, or the expert's name): write the id as the experts file does", "{file}:{line}: deskundige {written} gelezen als {expert} (het id anders geschreven, of de naam van de deskundige): schrijf het id zoals in het deskundigenbestand";
    BookedEmptySlot => "{file}:{line}: booking of expert {expert} on {request} has an empty slot: read as the request's slot {slot} (expert {expert} is not free then)", "{file}:{line}: de boeking van deskundige {expert} op {request} heeft een leeg tijdvak: gelezen als het tijdvak van de aanvraag, {slot} (deskundige {expert} is dan niet vrij)";
    BookedUnreadable => "{file}:{line}: booking of expert {expert} on {request}: {why}, so its slot or load is not known: {expert} is treated as unavailable this week to be safe", "{file}:{line}: de boeking van deskundige {expert} op {request}: {why}, dus het tijdvak of de belasting is niet bekend: {expert} geldt deze week als niet beschikbaar, voor de zekerheid";
    BookedWhyEmptySlot => "its slot is empty and the request is not in this batch", "het tijdvak is leeg en de aanvraag staat niet in deze batch";
    BookedWhyNoSlot => "the file has no slot column and the request is not in this batch", "het bestand heeft geen kolom slot en de aanvraag staat niet in deze batch";
    BookedWhyNoIntensity => "the file has no intensity column and the request is not in this batch", "het bestand heeft geen kolom intensity en de aanvraag staat niet in deze batch";
    BookedWhySlot => "its slot {value} cannot be read", "het tijdvak {value} is onleesbaar";
    BookedWhyIntensity => "its intensity {value} cannot be read", "de intensiteit {value} is onleesbaar";
    RoundUnknownRequest => "decisions line {line}: request {id}{hint} is not in this batch; the decision is not applied", "besluiten regel {line}: aanvraag {id}{hint} staat niet in deze batch; het besluit wordt niet toegepast";
    RoundUnknownExpert => "decisions line {line}: expert {id}{hint} is not in this batch; the decision is not applied", "besluiten regel {line}: deskundige {id}{hint} staat niet in deze batch; het besluit wordt niet toegepast";
    RoundDidYouMean => " (did you mean {id}?)", " (bedoelt u {id}?)";
    // The CLI's own refusals of decide, messages and book.
    DecideGiveVerdict => "give --accepted or --declined", "geef --accepted of --declined";
    DecideGivePairs => "give `--decisions FILE`, or `--request` and `--expert`", "geef `--decisions BESTAND`, of `--request` en `--expert`";
    MessagesOutForeign => "{file} exists and holds sheets this command does not write ({sheets}); it is not replaced: give another file name, or a folder for messages.csv", "{file} bestaat en bevat bladen die deze opdracht niet schrijft ({sheets}); het wordt niet vervangen: geef een andere bestandsnaam, of een map voor messages.csv";
    MessagesNoRun => "week {week} has no run in the ledger: run it first (`matchpunt run --ledger ... --week {week}`)", "week {week} heeft geen run in de ledger: draai die eerst (`matchpunt run --ledger ... --week {week}`)";
    // `messages --templates` and `--organisations`: every bad row, in the reader's language.
    MsgFileErrors => "{file}: {n} {n:error|errors}:", "{file}: {n} {n:fout|fouten}:";
    MsgFileHeader => "{at}: the header is {found}: expected {expected}", "{at}: de kop is {found}: verwacht {expected}";
    MsgFileKey => "{at}: message {key} is not one of {keys}", "{at}: bericht {key} is geen van {keys}";
    MsgFileLang => "{at}: language {value}: expected nl or en", "{at}: taal {value}: verwacht nl of en";
    MsgFileBrace => "{at}: an opening brace without its closing one in the text", "{at}: een openingsaccolade zonder sluitaccolade in de tekst";
    MsgFilePlaceholder => "{at}: unknown placeholder {found} in {key} ({lang}): expected one of {list}", "{at}: onbekende plaatshouder {found} in {key} ({lang}): verwacht een van {list}";
    MsgFileTwice => "{at}: {key} ({lang}) is given twice", "{at}: {key} ({lang}) staat er twee keer in";
    MsgFileBadCsv => "{at}: cannot be read as CSV: {why}", "{at}: niet te lezen als CSV: {why}";
    BookNeedsLedger => "book needs the ledger: --ledger FILE (or MATCHPUNT_LEDGER); create one with `matchpunt ledger init FILE`", "book heeft de ledger nodig: --ledger BESTAND (of MATCHPUNT_LEDGER); maak er een met `matchpunt ledger init FILE`";
    BookNoExpert => "no expert with id {id}{hint}", "geen deskundige met id {id}{hint}";
    BookDidYouMean => "; did you mean {id}?", "; bedoelt u {id}?";
    // compare (issue 20: --lang).
    CompareMetric => "metric", "maatstaf";
    CompareDiff => "{name} diff", "{name} verschil";
    CompareWeights => "the policies weigh the score's parts differently, so a mean_score difference is partly a difference of weights; with the weights of {first}: {scores}", "de beleidsregels wegen de delen van de score verschillend, dus een verschil in mean_score is deels een verschil in gewichten; met de gewichten van {first}: {scores}";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(t: &str) -> Vec<String> {
        let mut out: Vec<String> = t
            .split('{')
            .skip(1)
            .filter_map(|s| {
                s.split_once('}')
                    .map(|x| x.0.split(':').next().unwrap().to_string())
            })
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

    /// Dutch texts say "deskundige(n)", never the English "expert(s)" (a placeholder such as
    /// `{expert}` aside), and agree with their counts instead of writing "(s)" or "(en)".
    #[test]
    fn dutch_texts_say_deskundige_and_agree_with_counts() {
        for &m in Msg::ALL {
            let t = m.template(Lang::Nl);
            let words = t
                .split('{')
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        part
                    } else {
                        part.split_once('}').map_or(part, |x| x.1)
                    }
                })
                .collect::<String>()
                .split('`')
                .step_by(2)
                .collect::<String>()
                .replace("experts.csv", "");
            for bad in [
                "expert", "(s)", "(en)", "(n)", "(len)", "(ken)", "(ten)", "(paren)", "/weken",
            ] {
                assert!(!words.contains(bad), "{m:?}: {t}");
            }
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
        // A word agrees with its count; a count read as "fewer than 3" takes the plural.
        let one = Lang::Nl.fill(Msg::SuggestHead, &[("n", &1), ("request", &"R1")]);
        assert!(one.ends_with(": 1 geschikte deskundige"), "{one}");
        let few = Lang::Nl.count(2);
        let many = Lang::Nl.fill(Msg::DeclinedSome, &[("n", &few), ("experts", &"E1")]);
        assert!(
            many.starts_with("minder dan 3 deskundigen hebben"),
            "{many}"
        );
        assert_eq!(
            Lang::En.fill(Msg::SuggestHead, &[("n", &1), ("request", &"R1")]),
            "R1 ({org}, {role}, {where}, {slot}): 1 eligible expert(s)"
        );
        // A trajectory's weeks agree with their count in both languages.
        for (lang, one, two) in [
            (Lang::Nl, "elke week", "elke 2 weken"),
            (Lang::En, "every week", "every 2 weeks"),
        ] {
            assert_eq!(lang.every_weeks(1), one);
            assert_eq!(lang.every_weeks(2), two);
        }
        assert_eq!(Lang::Nl.language("EN"), "Engels");
        assert_eq!(Lang::Nl.language("xx"), "xx");
        assert_eq!(Lang::En.language("en"), "en");
        assert_eq!(Lang::parse(" NL "), Some(Lang::Nl));
        assert_eq!(Lang::parse("fr"), None);
    }
}
