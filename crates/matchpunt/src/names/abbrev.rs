//! Abbreviations and initials in organisation names: "JB West" for "Jeugdbescherming West",
//! "RvdK" for "Raad voor de Kinderbescherming", "GGZ Centraal" for "Geestelijke Gezondheidszorg
//! Centraal".
//!
//! Why a table and a rule: rule 4 must hold however an expert writes the organisation where they
//! were a client, and youth care is written in abbreviations. Two readings are used by
//! [`crate::names::org`], both on the safe side (a match by either is an exclusion with a
//! warning, never a silent one):
//!
//! - [`ABBREVIATIONS`]: the common Dutch youth-care abbreviations, each with the words it stands
//!   for, in any case (`jb`, `JB`, `J.B.`), and those of provinces (`NH`, `ZH`, `NB`) and of
//!   Amsterdam and Rotterdam (`A'dam`, `Adam`, `R'dam`). A name holding one is also read with
//!   the words spelled out.
//! - Initials ([`initials_runs`]): a word written in capitals (`JBW`, `GGD`) or in mixed case
//!   with two or more capitals (`RvdK`) may stand for a run of the other name's words, one
//!   letter a word, where a word may also give the initials of its parts when it is a compound
//!   of the known parts of [`COMPOUND_PARTS`] (`Jeugdbescherming` is `jeugd` + `bescherming`:
//!   `JB`), and the small words of [`SKIPPABLE`] may be left out (`CJG` is "Centrum voor Jeugd
//!   en Gezin").

/// Common abbreviations of Dutch youth care, lower case, with what they stand for (folded: lower
/// case, no diacritics, hyphens as spaces, places as [`crate::names::place::canonical_place`]
/// writes them); also of provinces (`NH`, `ZH`, `NB`, `Gld`, `Utr`, `Frl`, ...) and the
/// contracted towns `A'dam`/`Adam` and `R'dam` (the apostrophe joined by the organisation
/// reader). An abbreviation of one organisation type stands
/// for the type: "GGZ" alone reads "geestelijke gezondheidszorg", so an expert who excludes just
/// "GGZ" is kept from every GGZ organisation of the batch (as "GGZ" already is contained in
/// "Altrecht GGZ"), while "GGZ Centraal" stays apart from "GGZ Noord".
pub const ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("adam", &["amsterdam"]),
    (
        "amhk",
        &["advies en meldpunt huiselijk geweld en kindermishandeling"],
    ),
    ("amk", &["advies en meldpunt kindermishandeling"]),
    ("bjz", &["bureau jeugdzorg"]),
    ("cjg", &["centrum voor jeugd en gezin"]),
    ("coa", &["centraal orgaan opvang asielzoekers"]),
    ("fr", &["friesland"]),
    ("frl", &["friesland"]),
    ("ggd", &["gemeentelijke gezondheidsdienst"]),
    ("ggz", &["geestelijke gezondheidszorg"]),
    ("gi", &["gecertificeerde instelling"]),
    ("gld", &["gelderland"]),
    ("jb", &["jeugdbescherming"]),
    ("jgz", &["jeugdgezondheidszorg"]),
    ("jji", &["justitiele jeugdinrichting"]),
    ("jr", &["jeugdreclassering"]),
    ("jz", &["jeugdzorg"]),
    ("kjp", &["kinder en jeugdpsychiatrie"]),
    (
        "lvb",
        &[
            "licht verstandelijke beperking",
            "licht verstandelijk beperkten",
        ],
    ),
    ("mkd", &["medisch kinderdagverblijf"]),
    ("nb", &["noord brabant"]),
    ("nh", &["noord holland"]),
    ("ov", &["overijssel"]),
    ("rdam", &["rotterdam"]),
    ("ribw", &["regionale instelling voor beschermd wonen"]),
    ("rvdk", &["raad voor de kinderbescherming"]),
    ("rvk", &["raad voor de kinderbescherming"]),
    ("swt", &["sociaal wijkteam"]),
    ("utr", &["utrecht"]),
    ("vng", &["vereniging van nederlandse gemeenten"]),
    ("vt", &["veilig thuis"]),
    ("wmo", &["wet maatschappelijke ondersteuning"]),
    ("wsg", &["william schrikker groep"]),
    ("zh", &["zuid holland"]),
    ("zld", &["zeeland"]),
];

/// Words that are written cut short with a dot (`Gem.`, `St.`) and stand for a word they are not
/// the start of, or one that the organisation reader drops: lower case, sorted. A word cut
/// short with a dot also stands for every longer word it is the start of (`Gem.`, `Jeugdz.`,
/// `Utr.`: see [`crate::names::org::Match::Abbreviated`]) and for a legal form it is the start of
/// (`Ver.`, `Stich.`): this table is only for the rest.
pub const CUT_WORDS: &[(&str, &[&str])] = &[
    ("gem", &["gemeente"]),
    ("mij", &["maatschappij"]),
    ("st", &["sint", "stichting"]),
    ("stg", &["stichting"]),
    ("ver", &["vereniging"]),
    ("zkh", &["ziekenhuis"]),
];

/// What `word` (folded, lower case), written cut short with a dot, stands for by [`CUT_WORDS`].
pub fn cut_expansions(word: &str) -> &'static [&'static str] {
    CUT_WORDS
        .binary_search_by(|(a, _)| a.cmp(&word))
        .map_or(&[], |i| CUT_WORDS[i].1)
}

/// What the abbreviation `word` (folded, lower case) stands for, if [`ABBREVIATIONS`] has it.
pub fn expansions(word: &str) -> &'static [&'static str] {
    ABBREVIATIONS
        .binary_search_by(|(a, _)| a.cmp(&word))
        .map_or(&[], |i| ABBREVIATIONS[i].1)
}

/// The parts that Dutch youth-care compounds are made of, for the initials of a compound
/// (`jeugdbescherming` → `j`, `b`): a word is split only when it is two or more of these parts
/// and nothing else (with a linking `s` or `en` between them: `gezondheidszorg`,
/// `gezinsvoogdij`).
pub const COMPOUND_PARTS: &[&str] = &[
    "advies",
    "begeleiding",
    "beperking",
    "bescherming",
    "buurt",
    "centrum",
    "crisis",
    "dag",
    "dienst",
    "gezin",
    "gezondheid",
    "huis",
    "hulp",
    "inrichting",
    "instelling",
    "jeugd",
    "kind",
    "kinder",
    "meld",
    "mishandeling",
    "ondersteuning",
    "opvang",
    "pleeg",
    "psychiatrie",
    "punt",
    "reclassering",
    "school",
    "team",
    "verblijf",
    "verslaving",
    "voogdij",
    "vrouwen",
    "welzijn",
    "werk",
    "wijk",
    "woon",
    "wonen",
    "zorg",
];

/// Small words that a run of initials may leave out: `van`, `voor`, `de`, `en`, ...
pub const SKIPPABLE: &[&str] = &[
    "aan", "de", "den", "der", "en", "het", "in", "of", "op", "s", "t", "te", "van", "voor",
];

/// The initials of `word`'s parts when it is a compound of [`COMPOUND_PARTS`] (two parts or
/// more, optionally joined by `s` or `en`), else `None`. `"jeugdbescherming"` → `"jb"`,
/// `"gezondheidszorg"` → `"gz"`. O(length² × parts).
pub fn compound_initials(word: &str) -> Option<String> {
    if !word.is_ascii() {
        return None;
    }
    let n = word.len();
    // best[i]: initials of a split of word[..i] into parts, when there is one.
    let mut best: Vec<Option<String>> = vec![None; n + 1];
    best[0] = Some(String::new());
    for i in 0..n {
        let Some(so_far) = best[i].clone() else {
            continue;
        };
        for start in [i, i + 1, i + 2] {
            let link = &word[i..start.min(n)];
            if !(link.is_empty() || (i > 0 && (link == "s" || link == "en"))) {
                continue;
            }
            for part in COMPOUND_PARTS {
                if word[start.min(n)..].starts_with(part) {
                    let end = start + part.len();
                    if best[end].is_none() {
                        let mut s = so_far.clone();
                        s.push_str(&part[..1]);
                        best[end] = Some(s);
                    }
                }
            }
        }
    }
    best[n].clone().filter(|s| s.len() >= 2)
}

/// Short words without a vowel that are abbreviations of one word, not initials: `St.` (Sint),
/// `Dr.`, `Mr.`, `Mw.`, `Hr.`.
pub const NOT_INITIALS: &[&str] = &["dr", "hr", "mr", "mw", "st"];

/// Whether `original` (a word as written, before lower-casing) is written as initials: 2 to 6
/// letters, all capitals (`JB`, `GGD`), or mixed case with two or more capitals (`RvdK`), or 2 to
/// 5 letters without a vowel in any case (`hm`, `rvdk`: hardly a Dutch word), and not one of the
/// small words of [`SKIPPABLE`] (an all-capitals name's `DE` or `EN`) or of [`NOT_INITIALS`].
pub fn looks_like_initials(original: &str) -> bool {
    let letters = original.chars().count();
    if !(2..=6).contains(&letters) || !original.chars().all(char::is_alphabetic) {
        return false;
    }
    let upper = original.chars().filter(|c| c.is_uppercase()).count();
    let all_upper = upper == letters;
    let mixed = upper >= 2 && !original.chars().next().is_some_and(char::is_lowercase);
    let no_vowel = letters <= 5
        && !original
            .to_lowercase()
            .chars()
            .any(|c| "aeiouy".contains(c));
    let lower = original.to_lowercase();
    (all_upper || mixed || no_vowel)
        && !SKIPPABLE.contains(&lower.as_str())
        && !NOT_INITIALS.contains(&lower.as_str())
}

/// Every run `words[j..k]` whose initials are `letters` (lower case): each word gives its first
/// letter, or the initials of its parts ([`compound_initials`]), and a word of [`SKIPPABLE`]
/// inside the run may give nothing; the run starts and ends with a word that gives a letter.
/// O(words × letters × words).
pub fn initials_runs(words: &[String], letters: &str) -> Vec<(usize, usize)> {
    let letters: Vec<char> = letters.chars().collect();
    let options: Vec<Vec<Vec<char>>> = words
        .iter()
        .map(|w| {
            let mut o: Vec<Vec<char>> = w.chars().next().map(|c| vec![c]).into_iter().collect();
            if let Some(c) = compound_initials(w) {
                o.push(c.chars().collect());
            }
            o
        })
        .collect();
    let mut out = Vec::new();
    for j in 0..words.len() {
        // reach[p]: letters[..p] are given by words[j..k] for the current k, the last word
        // giving a letter.
        let mut reach = vec![false; letters.len() + 1];
        reach[0] = true;
        let mut skip_ok = vec![false; letters.len() + 1];
        for k in j..words.len() {
            let mut next = vec![false; letters.len() + 1];
            let mut next_skip = vec![false; letters.len() + 1];
            for p in 0..=letters.len() {
                if !(reach[p] || skip_ok[p]) {
                    continue;
                }
                for o in &options[k] {
                    if letters[p..].starts_with(o) {
                        next[p + o.len()] = true;
                    }
                }
                if p > 0 && SKIPPABLE.contains(&words[k].as_str()) {
                    next_skip[p] = true;
                }
            }
            if next[letters.len()] {
                out.push((j, k + 1));
            }
            if next.iter().chain(&next_skip).all(|b| !b) {
                break;
            }
            reach = next;
            skip_ok = next_skip;
            if k == j {
                // A run starts with a word that gives a letter.
                skip_ok = vec![false; letters.len() + 1];
            }
        }
    }
    out
}

/// Every string of initials of up to `max` letters that some run of `words` gives (see
/// [`initials_runs`]), for an index. At most a few dozen for a name of a few words.
pub fn all_initials(words: &[String], max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for j in 0..words.len() {
        // Partial initials of runs starting at j.
        let mut partial: Vec<String> = vec![String::new()];
        let mut skipped: Vec<String> = Vec::new();
        for (k, w) in words.iter().enumerate().skip(j) {
            let mut opts: Vec<String> = w.chars().next().map(String::from).into_iter().collect();
            opts.extend(compound_initials(w));
            let mut next: Vec<String> = Vec::new();
            for p in partial.iter().chain(&skipped) {
                for o in &opts {
                    let s = format!("{p}{o}");
                    if s.chars().count() <= max {
                        next.push(s);
                    }
                }
            }
            next.sort();
            next.dedup();
            let mut next_skip: Vec<String> = Vec::new();
            if k > j && SKIPPABLE.contains(&w.as_str()) {
                next_skip = partial.iter().chain(&skipped).cloned().collect();
                next_skip.retain(|s| !s.is_empty());
                next_skip.sort();
                next_skip.dedup();
            }
            out.extend(next.iter().filter(|s| s.chars().count() >= 2).cloned());
            if next.is_empty() && next_skip.is_empty() {
                break;
            }
            partial = next;
            skipped = next_skip;
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn the_table_is_sorted_for_its_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|p| p[0].0 < p[1].0));
        assert!(CUT_WORDS.windows(2).all(|p| p[0].0 < p[1].0));
        assert_eq!(cut_expansions("st"), &["sint", "stichting"]);
        assert_eq!(expansions("jb"), &["jeugdbescherming"]);
        assert!(expansions("kwintes").is_empty());
    }

    #[test]
    fn compounds_split_at_known_parts_only() {
        assert_eq!(compound_initials("jeugdbescherming").as_deref(), Some("jb"));
        assert_eq!(compound_initials("gezondheidszorg").as_deref(), Some("gz"));
        assert_eq!(
            compound_initials("jeugdgezondheidszorg").as_deref(),
            Some("jgz")
        );
        assert_eq!(
            compound_initials("kinderbescherming").as_deref(),
            Some("kb")
        );
        assert_eq!(compound_initials("jeugd"), None);
        assert_eq!(compound_initials("kwintes"), None);
        assert_eq!(compound_initials("jeugdhulpx"), None);
    }

    #[test]
    fn initials_read_runs_of_words_and_compounds() {
        let rvdk = w("raad voor de kinderbescherming utrecht");
        assert_eq!(initials_runs(&rvdk, "rvdk"), vec![(0, 4)]);
        assert_eq!(
            initials_runs(&w("jeugdbescherming west"), "jb"),
            vec![(0, 1)]
        );
        assert_eq!(
            initials_runs(&w("centrum voor jeugd en gezin"), "cjg"),
            vec![(0, 5)]
        );
        assert_eq!(
            initials_runs(&w("geestelijke gezondheidszorg centraal"), "ggz"),
            vec![(0, 2)]
        );
        assert!(initials_runs(&w("jeugdhulp utrecht"), "jb").is_empty());
        // A run neither starts nor ends with a small word left out.
        assert_eq!(initials_runs(&w("de jeugd"), "j"), vec![(1, 2)]);
        assert_eq!(initials_runs(&w("jeugd en"), "j"), vec![(0, 1)]);
        let all = all_initials(&w("raad voor de kinderbescherming"), 6);
        assert!(all.contains(&"rvdk".to_string()) && all.contains(&"rk".to_string()));
    }

    #[test]
    fn what_looks_like_initials() {
        for (s, want) in [
            ("JB", true),
            ("RvdK", true),
            ("GGD", true),
            ("Jb", true),
            ("Jeugd", false),
            ("Dr", false),
            ("hm", true),
            ("rvdk", true),
            ("ggd", true),
            ("st", false),
            ("jeugd", false),
            ("DE", false),
            ("KWINTESX", false),
            ("Utrecht", false),
            ("J", false),
        ] {
            assert_eq!(looks_like_initials(s), want, "{s}");
        }
    }
}
