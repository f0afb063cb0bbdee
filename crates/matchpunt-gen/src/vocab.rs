//! Fixed vocabularies and frequency tables of the generator.

/// Role codes as written (index = role id).
pub(crate) const ROLES: [&str; 4] = ["buddy", "adviser", "trainer", "speaker"];
/// Dutch aliases per role, as accepted by the contract. The trainer role has none.
pub(crate) const ROLE_ALIASES: [&[&str]; 4] = [
    &["maatje", "ervaringsmaatje"],
    &["adviseur", "meedenker"],
    &[],
    &["spreker", "voorlichter"],
];
/// How often an expert holds each role (buddy and speaker most common).
pub(crate) const EXPERT_ROLE_WEIGHTS: [f64; 4] = [0.40, 0.17, 0.11, 0.32];

/// Theme: name, frequency weight, cluster (themes of a cluster co-occur), heavy (emotionally).
pub(crate) struct Theme {
    pub name: &'static str,
    pub weight: f64,
    pub cluster: u8,
    pub heavy: bool,
}

const fn t(name: &'static str, weight: f64, cluster: u8, heavy: bool) -> Theme {
    Theme {
        name,
        weight,
        cluster,
        heavy,
    }
}

// Clusters: 0 care and placement, 1 mental health, 2 school and neurodiversity, 3 family and social.
pub(crate) const THEMES: [Theme; 20] = [
    t("uithuisplaatsing", 10.0, 0, false),
    t("verslaving", 5.0, 3, true),
    t("eetstoornis", 4.0, 1, true),
    t("schooluitval", 7.0, 2, false),
    t("echtscheiding", 6.0, 3, false),
    t("pesten", 7.0, 2, false),
    t("suicidaliteit", 3.5, 1, true),
    t("zelfbeschadiging", 4.5, 1, true),
    t("trauma", 8.0, 1, true),
    t("dakloosheid", 3.0, 0, false),
    t("mantelzorg", 3.0, 3, false),
    t("lvb", 2.5, 2, false),
    t("autisme", 6.0, 2, false),
    t("adhd", 6.0, 2, false),
    t("depressie", 9.0, 1, false),
    t("angst", 8.0, 1, false),
    t("jeugdzorg", 14.0, 0, false),
    t("gesloten jeugdzorg", 4.0, 0, true),
    t("armoede", 3.0, 3, false),
    t("lgbtiq", 3.0, 3, false),
];

/// Index of a theme by name (panics on an unknown name: tables are static).
pub(crate) const fn theme(name: &str) -> u8 {
    let mut i = 0;
    while i < THEMES.len() {
        if const_eq(THEMES[i].name, name) {
            return i as u8;
        }
        i += 1;
    }
    panic!("unknown theme");
}

const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Kinds of requesting organisations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OrgKind {
    /// Youth care provider (jeugdhulp, pleegzorg, jeugdbescherming).
    Care,
    /// Mental health care (GGZ).
    Ggz,
    /// Municipality.
    Gemeente,
    /// School, ROC, hogeschool.
    School,
    /// Youth work and welfare.
    Youthwork,
}

impl OrgKind {
    /// Share of each kind among organisations.
    pub(crate) const ALL: [(OrgKind, f64); 5] = [
        (OrgKind::Care, 0.32),
        (OrgKind::Ggz, 0.13),
        (OrgKind::Gemeente, 0.25),
        (OrgKind::School, 0.20),
        (OrgKind::Youthwork, 0.10),
    ];

    /// Role mix (buddy, adviser, trainer, speaker) of the kind's requests.
    pub(crate) fn role_weights(self) -> [f64; 4] {
        match self {
            OrgKind::Care => [0.62, 0.14, 0.10, 0.14],
            OrgKind::Ggz => [0.45, 0.20, 0.15, 0.20],
            OrgKind::Gemeente => [0.18, 0.45, 0.12, 0.25],
            OrgKind::School => [0.12, 0.08, 0.25, 0.55],
            OrgKind::Youthwork => [0.40, 0.18, 0.12, 0.30],
        }
    }

    /// Themes this kind asks about more often (weight x3).
    pub(crate) fn boosted_themes(self) -> &'static [u8] {
        const CARE: [u8; 6] = [
            theme("uithuisplaatsing"),
            theme("jeugdzorg"),
            theme("gesloten jeugdzorg"),
            theme("trauma"),
            theme("verslaving"),
            theme("lvb"),
        ];
        const GGZ: [u8; 6] = [
            theme("depressie"),
            theme("angst"),
            theme("eetstoornis"),
            theme("suicidaliteit"),
            theme("zelfbeschadiging"),
            theme("trauma"),
        ];
        const GEMEENTE: [u8; 5] = [
            theme("armoede"),
            theme("dakloosheid"),
            theme("jeugdzorg"),
            theme("mantelzorg"),
            theme("uithuisplaatsing"),
        ];
        const SCHOOL: [u8; 6] = [
            theme("pesten"),
            theme("schooluitval"),
            theme("lgbtiq"),
            theme("depressie"),
            theme("angst"),
            theme("adhd"),
        ];
        const YOUTHWORK: [u8; 5] = [
            theme("verslaving"),
            theme("schooluitval"),
            theme("armoede"),
            theme("dakloosheid"),
            theme("lgbtiq"),
        ];
        match self {
            OrgKind::Care => &CARE,
            OrgKind::Ggz => &GGZ,
            OrgKind::Gemeente => &GEMEENTE,
            OrgKind::School => &SCHOOL,
            OrgKind::Youthwork => &YOUTHWORK,
        }
    }
}

/// Fictional organisation names without a place (brand-like names).
pub(crate) const CARE_BRANDS: [&str; 16] = [
    "Kompas Jeugdhulp",
    "Horizonzorg",
    "De Vonk Jeugd en Gezin",
    "Het Anker Jeugdzorg",
    "Kwadraat Jeugdhulp",
    "Lindenhof Jeugdzorg",
    "Overstag Jeugdhulp",
    "De Brug Jeugd en Gezin",
    "Stichting Thuisbasis",
    "Samen Sterk Jeugdhulp",
    "De Waterlelie Pleegzorg",
    "Stichting Perspectief",
    "Koersvast Jeugdzorg",
    "Het Palet Jeugdhulp",
    "Stichting Vlonder",
    "Driestroom Jeugdzorg",
];
/// Templates for place-bound care organisations (`{}` = place).
pub(crate) const CARE_TEMPLATES: [&str; 4] = [
    "Jeugdbescherming {}",
    "Pleegzorg {}",
    "Jeugdhulp {}",
    "Stichting Opvoedhulp {}",
];
/// Fictional mental health care names.
pub(crate) const GGZ_BRANDS: [&str; 6] = [
    "Mindwijs Jeugd-GGZ",
    "Kinder- en Jeugdpsychiatrie De Kei",
    "Psyzorg Jeugd",
    "Stichting Heldergrond",
    "Jeugd-GGZ Windkracht",
    "De Linde Kinderpsychiatrie",
];
/// Templates for place-bound mental health care.
pub(crate) const GGZ_TEMPLATES: [&str; 2] = ["GGZ {}", "Jeugd-GGZ {}"];
/// Templates for schools.
pub(crate) const SCHOOL_TEMPLATES: [&str; 7] = [
    "ROC {}",
    "Stedelijk College {}",
    "Christelijk Lyceum {}",
    "Praktijkschool {}",
    "Hogeschool {}",
    "Scholengemeenschap {}",
    "Vakcollege {}",
];
/// Templates for youth work.
pub(crate) const YOUTHWORK_TEMPLATES: [&str; 3] =
    ["Jongerenwerk {}", "Welzijn {}", "Jongerencentrum {}"];

/// Dutch first names by gender code (`f`, `m`, `x`).
pub(crate) const NAMES_F: [&str; 40] = [
    "Sanne",
    "Lotte",
    "Emma",
    "Julia",
    "Sophie",
    "Anouk",
    "Fleur",
    "Lisa",
    "Eva",
    "Iris",
    "Noor",
    "Tess",
    "Femke",
    "Roos",
    "Isa",
    "Lieke",
    "Britt",
    "Esmee",
    "Demi",
    "Naomi",
    "Amira",
    "Yasmin",
    "Sara",
    "Fatima",
    "Imane",
    "Chantal",
    "Kimberley",
    "Shanice",
    "Zoë",
    "Mila",
    "Nina",
    "Jasmijn",
    "Merel",
    "Romy",
    "Puck",
    "Floor",
    "Maud",
    "Ilse",
    "Dewi",
    "Nienke",
];
/// Dutch first names, male.
pub(crate) const NAMES_M: [&str; 36] = [
    "Daan", "Sem", "Lucas", "Milan", "Thijs", "Jesse", "Bram", "Ruben", "Lars", "Tim", "Stijn",
    "Niels", "Joey", "Kevin", "Mohamed", "Youssef", "Ayoub", "Mehmet", "Emre", "Dylan", "Jayden",
    "Rayan", "Bilal", "Sven", "Jelle", "Luuk", "Gijs", "Koen", "Wessel", "Tygo", "Finn", "Mats",
    "Jurre", "Dirk-Jan", "Sjoerd", "Quincy",
];
/// Gender-neutral first names.
pub(crate) const NAMES_X: [&str; 14] = [
    "Sam", "Robin", "Noa", "Kim", "Charlie", "Alex", "Jip", "Lou", "Sasha", "Quinn", "Luca",
    "Dani", "Max", "Ari",
];
/// Surname initials, roughly by Dutch frequency.
pub(crate) const INITIALS: &[u8] = b"BBBDDDHHHJJKKKMMMPPRSSSTVVVVVWWWGGLO";

/// Day codes: English and Dutch.
pub(crate) const DAYS_EN: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// Dutch day codes.
pub(crate) const DAYS_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
/// Parts of the day: English and Dutch.
pub(crate) const PARTS_EN: [&str; 3] = ["am", "pm", "eve"];
/// Dutch parts of the day.
pub(crate) const PARTS_NL: [&str; 3] = ["ochtend", "middag", "avond"];

/// Slot index `day * 3 + part` written in English (`wed-pm`) or Dutch (`wo-middag`).
pub(crate) fn slot_code(slot: u8, dutch: bool) -> String {
    let (d, p) = ((slot / 3) as usize, (slot % 3) as usize);
    if dutch {
        format!("{}-{}", DAYS_NL[d], PARTS_NL[p])
    } else {
        format!("{}-{}", DAYS_EN[d], PARTS_EN[p])
    }
}

/// How likely an expert is available in each slot (young people: school or work by day).
pub(crate) const EXPERT_SLOT_WEIGHTS: [f64; 21] = [
    0.55, 1.0, 1.1, // mon
    0.55, 1.0, 1.1, // tue
    0.65, 1.2, 1.1, // wed
    0.55, 1.0, 1.1, // thu
    0.6, 1.0, 0.6, // fri
    0.5, 0.9, 0.5, // sat
    0.25, 0.55, 0.5, // sun
];

/// When requests of each role take place (buddy after school, talks and trainings in office hours).
pub(crate) const REQUEST_SLOT_WEIGHTS: [[f64; 21]; 4] = [
    // buddy
    [
        0.2, 1.0, 0.8, 0.2, 1.0, 0.8, 0.3, 1.3, 0.8, 0.2, 1.0, 0.8, 0.2, 0.9, 0.3, 0.3, 0.9, 0.2,
        0.1, 0.4, 0.1,
    ],
    // adviser
    [
        0.8, 1.0, 0.4, 0.8, 1.0, 0.4, 0.8, 1.0, 0.4, 0.8, 1.0, 0.4, 0.6, 0.6, 0.0, 0.0, 0.0, 0.0,
        0.0, 0.0, 0.0,
    ],
    // trainer
    [
        1.0, 1.0, 0.3, 1.0, 1.0, 0.3, 1.0, 1.0, 0.3, 1.0, 1.0, 0.3, 0.8, 0.6, 0.0, 0.3, 0.1, 0.0,
        0.0, 0.0, 0.0,
    ],
    // speaker
    [
        1.0, 0.9, 0.4, 1.0, 0.9, 0.4, 1.0, 0.7, 0.4, 1.0, 0.9, 0.4, 0.8, 0.5, 0.1, 0.1, 0.1, 0.0,
        0.0, 0.0, 0.0,
    ],
];
