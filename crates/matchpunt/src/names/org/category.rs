//! An `excluded_orgs` item written as a category rather than one organisation: `alle GGZ`,
//! `GGZ-instellingen`, `gemeenten`, `jeugdzorginstellingen`, and `*`, `alle`, `alles` for every
//! organisation.
//!
//! Why: a coordinator writes what the expert said ("nergens in de GGZ", "geen gemeenten"), and
//! the bare kind word (`GGZ`, `Gemeente`) already excludes every organisation of that kind (it is
//! all in their names). Read as one organisation's name, the word `alle` or a plural matches
//! nothing, and the exclusion is silently off. So an item that reads as a category is read as
//! its kind word (the safe side, with a warning naming the cell), and an item meaning "all" as
//! every organisation.

/// Whole items (folded: lower case, spaces collapsed) that mean every organisation.
pub const ALL_ITEMS: &[&str] = &[
    "*",
    "**",
    "alle",
    "alles",
    "allemaal",
    "overal",
    "all",
    "everything",
    "everywhere",
    "any",
    "iedereen",
    "organisaties",
    "instellingen",
    "zorginstellingen",
    "zorgaanbieders",
    "aanbieders",
    "hulpverlening",
    "organisations",
    "organizations",
];

/// Words before a kind that make an item a category: `alle GGZ`, `elke gemeente`, `all GGZ`.
pub const PREFIXES: &[&str] = &[
    "alle", "elke", "iedere", "ieder", "all", "every", "any", "geen", "nooit",
];

/// Endings that make an item a category of the kind before them, longest first:
/// `GGZ-instellingen`, `jeugdzorginstellingen`, `jeugdzorg organisaties` (a `zorg` left before
/// one is all of care: [`Category::All`]).
pub const SUFFIXES: &[&str] = &[
    "instellingen",
    "organisaties",
    "organisations",
    "organizations",
    "aanbieders",
    "instelling",
    "organisatie",
    "aanbieder",
    "providers",
    "provider",
];

/// Kinds of organisation whose plural alone is a category (`gemeenten`, `wijkteams`,
/// `ziekenhuizen`): folded, singular. The abbreviations of
/// [`crate::names::abbrev::ABBREVIATIONS`] are kinds too (`GGZ's`, `GI's`).
pub const KIND_WORDS: &[&str] = &[
    "gemeente",
    "ggz",
    "ggd",
    "jeugdzorg",
    "jeugdhulp",
    "jeugdbescherming",
    "jeugdreclassering",
    "kinderbescherming",
    "wijkteam",
    "buurtteam",
    "jeugdteam",
    "pleegzorg",
    "pleegzorgorganisatie",
    "ziekenhuis",
    "kliniek",
    "internaat",
    "gezinshuis",
    "woongroep",
    "opvang",
    "crisisopvang",
    "jeugdinrichting",
    "jeugdpsychiatrie",
    "zorgboerderij",
    "school",
    "gecertificeerde instelling",
    "veilig thuis",
];

/// How an item reads as a category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Category {
    /// Every organisation (`*`, `alle`, `alles`, `alle organisaties`).
    All,
    /// The organisations of a kind: the item read as each of these names (its kind word, and
    /// where it was a plural, each singular it may be), to be matched by the rule of
    /// [`super::OrgName::matches`].
    Kind(Vec<String>),
}

/// The singulars a Dutch or English plural `word` (folded) may be, most likely first:
/// `gemeenten` → `gemeente`, `ziekenhuizen` → `ziekenhuis`, `scholen` → `school`, `wijkteams`
/// → `wijkteam`, `ggz's` → `ggz`. Empty when `word` looks like no plural. O(length).
pub fn singulars(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let n = word.chars().count();
    if n < 3 {
        return out;
    }
    if let Some(base) = word.strip_suffix("'s") {
        out.push(base.to_string());
    } else if let Some(base) = word.strip_suffix("en") {
        out.push(format!("{base}e")); // gemeenten → gemeente (the -n of -en)
        if let Some(b) = base.strip_suffix('z') {
            out.push(format!("{b}s")); // ziekenhuizen
        }
        if let Some(b) = base.strip_suffix('v') {
            out.push(format!("{b}f")); // brieven → brief
        }
        let chars: Vec<char> = base.chars().collect();
        if let [.., v, c] = chars.as_slice() {
            if "aeou".contains(*v) && !"aeiou".contains(*c) {
                // scholen → school: a long vowel is written once before -en.
                let mut s: String = chars[..chars.len() - 1].iter().collect();
                s.push(*v);
                s.push(*c);
                out.push(s);
            }
        }
        // A doubled consonant before -en: wijkteam has none, instellingen none; `bussen` → bus.
        if let [.., a, b] = chars.as_slice() {
            if a == b && !"aeiou".contains(*a) {
                out.push(chars[..chars.len() - 1].iter().collect());
            }
        }
        out.push(base.to_string()); // instellingen → instelling
    } else if let Some(base) = word.strip_suffix('s') {
        out.push(base.to_string());
        if let Some(b) = word.strip_suffix("es") {
            out.push(b.to_string());
        }
    }
    out.retain(|s| s.chars().count() >= 2);
    out.dedup();
    out
}

/// Whether `s` (folded) is a kind of organisation: one of [`KIND_WORDS`], or an abbreviation of
/// [`crate::names::abbrev::ABBREVIATIONS`], or a word those stand for written out.
fn is_kind(s: &str) -> bool {
    KIND_WORDS.contains(&s)
        || crate::names::abbrev::ABBREVIATIONS
            .iter()
            .any(|(a, full)| *a == s || full.contains(&s))
}

/// How the `excluded_orgs` item `item` (as written) reads as a category, if it does: `*`,
/// `alle`, `alles` and the other [`ALL_ITEMS`] (also after a [`PREFIXES`] word: `alle
/// organisaties`) are [`Category::All`]; an item with a [`PREFIXES`] word before it or a
/// [`SUFFIXES`] ending after it (`alle GGZ`, `GGZ-instellingen`, `jeugdzorginstellingen`),
/// or that is the plural of a kind ([`KIND_WORDS`], the abbreviations: `gemeenten`, `GGZ's`),
/// is [`Category::Kind`] with the kind word and its singulars. `None` for any other item (a
/// name). O(length of `item`).
pub fn category(item: &str) -> Option<Category> {
    let folded = crate::names::normalize(item);
    let folded = folded.trim_matches(|c: char| c == '.' || c == ':' || c == '!');
    if ALL_ITEMS.contains(&folded) {
        return Some(Category::All);
    }
    let mut marked = false;
    let mut rest = folded;
    if let Some((first, after)) = rest.split_once(' ') {
        if PREFIXES.contains(&first) {
            rest = after.trim();
            marked = true;
        }
    }
    if marked && (rest.is_empty() || ALL_ITEMS.contains(&rest)) {
        return Some(Category::All);
    }
    for s in SUFFIXES {
        if let Some(base) = rest.strip_suffix(s) {
            let base = base.trim_end_matches(['-', ' ', '\'']).trim();
            rest = base;
            marked = true;
            break;
        }
    }
    if marked && (rest.is_empty() || ["zorg", "hulp", "alle"].contains(&rest)) {
        return Some(Category::All);
    }
    // The plural of the last word.
    let (head, last) = match rest.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), rest),
    };
    let singular: Vec<String> = singulars(last)
        .into_iter()
        .map(|s| format!("{head}{s}"))
        .collect();
    let kind_plural = singular.iter().any(|s| is_kind(s));
    if !marked && !kind_plural {
        return None;
    }
    let mut readings = vec![rest.to_string()];
    if marked || kind_plural {
        readings.extend(singular);
    }
    readings.retain(|r| r.chars().any(char::is_alphanumeric));
    readings.dedup();
    if readings.is_empty() {
        return Some(Category::All);
    }
    Some(Category::Kind(readings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(item: &str) -> Vec<String> {
        match category(item) {
            Some(Category::Kind(r)) => r,
            other => panic!("{item}: {other:?}"),
        }
    }

    #[test]
    fn the_trials_categories() {
        for item in [
            "*",
            "alle",
            "Alles",
            "alle organisaties",
            "ALL",
            "instellingen",
        ] {
            assert_eq!(category(item), Some(Category::All), "{item}");
        }
        assert!(kind("alle ggz").contains(&"ggz".to_string()));
        assert!(kind("alle GGZ-instellingen").contains(&"ggz".to_string()));
        assert!(kind("GGZ-instellingen").contains(&"ggz".to_string()));
        assert!(kind("alle gemeenten").contains(&"gemeente".to_string()));
        assert!(kind("gemeenten").contains(&"gemeente".to_string()));
        assert!(kind("Gemeentes").contains(&"gemeente".to_string()));
        assert!(kind("alle jeugdbescherming").contains(&"jeugdbescherming".to_string()));
        assert!(kind("jeugdzorginstellingen").contains(&"jeugdzorg".to_string()));
        assert!(kind("ziekenhuizen").contains(&"ziekenhuis".to_string()));
        assert!(kind("scholen").contains(&"school".to_string()));
        assert!(kind("GGZ's").contains(&"ggz".to_string()));
        assert!(kind("wijkteams").contains(&"wijkteam".to_string()));
        for name in [
            "Kwintes",
            "GGZ Centraal",
            "Gemeente Utrecht",
            "Jeugdbescherming",
            "Altrecht",
            "Lister",
            "Youké",
            "De Opvangers",
        ] {
            assert_eq!(category(name), None, "{name}");
        }
    }
}
