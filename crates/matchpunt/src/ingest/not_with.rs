//! Experts' `not_with` cells read into pairs kept apart. Why its own file: the items are
//! written every way a coordinator writes a colleague (ids, names, initials, several in one
//! item), and each reading is on the safe side (more pairs apart, never fewer); an item that
//! names nobody must not be dropped in silence.

#[allow(unused_imports)]
use super::*;
use crate::ingest::ids::IdKeys;
use crate::messages::Msg;

/// Resolves the experts' `not_with` cells into pairs of expert indexes (symmetric). An item
/// that is several ids separated by spaces, commas or semicolons is read as those ids (the safe
/// side), with a warning. An item written as an id (letters and a number, [`crate::ingest::ids`])
/// that names no expert, or the row's own id, is left out with a warning naming the file, line
/// and column: a pair rule cannot hold for someone not in the batch. An item that is no id and
/// names nobody by any reading is an input error naming the cell: it names a colleague the
/// coordinator meant to keep apart, and dropping it would send the pair together. `O(cells)`.
pub(crate) fn resolve_not_with(
    t: &Table,
    rows: &[ExpertRow],
    ids: &ExpertIds,
    inst: &mut Instance,
    warnings: &mut Vec<Warning>,
    errs: &mut Errs,
) {
    let keys = IdKeys::new(
        ids.index
            .iter()
            .filter_map(|(id, i)| i.map(|i| (i, id.as_str()))),
    );
    // The file's own header (`niet_samen_met`), as every input message names a column.
    let column = t
        .cols
        .get("not_with")
        .and_then(|&i| t.headers.get(i))
        .cloned()
        .unwrap_or_else(|| "not_with".to_string());
    for row in rows {
        let Some(a) = row.expert else { continue };
        for other in split_list(&row.not_with) {
            match ids.index.get(&normalize(other)) {
                Some(Some(b)) if *b != a => {
                    inst.teams.not_with.insert((a.min(*b), a.max(*b)));
                }
                Some(Some(_)) => warnings.push(
                    format!(
                        "{}:{}: not_with names the expert's own id {other:?}: left out",
                        t.file, row.line
                    )
                    .into(),
                ),
                // A row with an error of its own: that error stops the batch already.
                Some(None) => {}
                None => {
                    let (place, value) = (format!("{}:{}", t.file, row.line), format!("{other:?}"));
                    match not_with_others(other, ids, inst)
                        .or_else(|| not_with_loose(other, &keys, ids, inst))
                    {
                        Some(found) => {
                            let mut names: Vec<String> = Vec::new();
                            for b in found.into_iter().filter(|&b| b != a) {
                                inst.teams.not_with.insert((a.min(b), a.max(b)));
                                names.push(inst.experts[b].id.clone());
                            }
                            let ids = names.join(", ");
                            warnings.push(Warning::new(|lang| {
                                lang.fill(
                                    Msg::WNotWithRead,
                                    &[
                                        ("place", &place),
                                        ("column", &column),
                                        ("value", &value),
                                        ("ids", &ids),
                                    ],
                                )
                            }));
                        }
                        None if crate::ingest::ids::id_key(other).is_some() => {
                            warnings.push(Warning::new(|lang| {
                                lang.fill(
                                    Msg::WNotWithUnknown,
                                    &[("place", &place), ("column", &column), ("value", &value)],
                                )
                            }))
                        }
                        // No id and no one's name: the safe side is to stop, naming the cell.
                        // A load that skips bad rows (the phone path) says the row is left out;
                        // the expert is already in the batch, so they are made inactive, which
                        // no rule deploys.
                        None => {
                            inst.experts[a].active = false;
                            let near = NearNames::new(ids.sorted.iter().map(String::as_str))
                                .closest(other)
                                .map(|s| s.to_string());
                            errs.push_cell(
                                t,
                                row.line,
                                "not_with",
                                other,
                                Problem::UnknownExpert(near),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// A `not_with` item that names nobody as written ([`not_with_others`]), read once more on the
/// safe side (trial 2, #7): without a leading `niet met`/`not with`, surrounding punctuation
/// (`e3.`, `E3?`), an id written another way ([`crate::ingest::ids::id_key`]: `E 3`, `E03`,
/// `E-3`, `nr. 3`, `expert 3`; a number alone names every expert with that number); an id in
/// brackets and the name beside it (`Daan (E3)`: both); every expert one of whose name words
/// (3 letters or more) the item holds (`D. de Vries`); and initials with dots (`D.V.`,
/// `D.d.V.`) as every expert whose name has them. None when nothing could name anyone.
/// `O(parts × experts)`.
fn not_with_loose(
    item: &str,
    keys: &IdKeys,
    ids: &ExpertIds,
    inst: &Instance,
) -> Option<Vec<usize>> {
    let mut s = normalize(item);
    for lead in ["niet samen met ", "niet met ", "not with ", "never with "] {
        if let Some(rest) = s.strip_prefix(lead) {
            s = rest.to_string();
        }
    }
    let s = s.trim_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != ')');
    let (inside, outside) = match (s.find('('), s.rfind(')')) {
        (Some(i), Some(j)) if i < j => (Some(&s[i + 1..j]), format!("{} {}", &s[..i], &s[j + 1..])),
        _ => (None, s.to_string()),
    };
    let id_of = |p: &str| keys.lookup(p);
    let words = |p: &str| -> Vec<usize> {
        let mine: Vec<&str> = p
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .filter(|w| !["van", "der", "den", "ter", "met", "niet", "not", "with"].contains(w))
            .collect();
        inst.experts
            .iter()
            .enumerate()
            .filter(|(_, e)| normalize(&e.name).split(' ').any(|w| mine.contains(&w)))
            .map(|(i, _)| i)
            .collect()
    };
    let mut found = Vec::new();
    for part in inside.into_iter().chain([outside.as_str()]) {
        let part = part.trim_matches(|c: char| !c.is_alphanumeric());
        if part.is_empty() {
            continue;
        }
        let mut named = id_of(part);
        if named.is_empty() {
            named = not_with_others(part, ids, inst).unwrap_or_default();
        }
        if named.is_empty() {
            named = words(part);
        }
        if named.is_empty() {
            named = initials(part, inst);
        }
        found.extend(named);
    }
    found.sort_unstable();
    found.dedup();
    (!found.is_empty()).then_some(found)
}

/// The experts a `not_with` item that is not one id names, read on the safe side (keeping two
/// experts apart never sends anyone where they should not go): the whole item as an expert's
/// full name; else its parts, split on `,`, `;`, `/`, `&`, `+` and the words `en` and `and`, each
/// an id, a full name or a first name (every expert with it), or else ids and first names
/// separated by spaces. None when some
/// part names nobody (the item is then left out with a warning). `O(parts × experts)`.
fn not_with_others(item: &str, ids: &ExpertIds, inst: &Instance) -> Option<Vec<usize>> {
    let by_name = |what: &str, first_only: bool| -> Vec<usize> {
        let key = normalize(what);
        inst.experts
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                let name = normalize(&e.name);
                if first_only {
                    name.split(' ').next() == Some(key.as_str())
                } else {
                    name == key
                }
            })
            .map(|(i, _)| i)
            .collect()
    };
    let whole = by_name(item, false);
    if !whole.is_empty() {
        return Some(whole);
    }
    let one = |p: &str| -> Vec<usize> {
        match ids.index.get(&normalize(p)) {
            Some(Some(b)) => vec![*b],
            _ => {
                let full = by_name(p, false);
                if full.is_empty() {
                    by_name(p, true)
                } else {
                    full
                }
            }
        }
    };
    let mut found = Vec::new();
    let spaced = format!(" {} ", normalize(item));
    let chunks = spaced.replace(" en ", ",").replace(" and ", ",");
    for chunk in chunks
        .split([',', ';', '/', '&', '+'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let named = one(chunk);
        if !named.is_empty() {
            found.extend(named);
            continue;
        }
        // Ids or first names separated by spaces ("E3 E1").
        for token in chunk.split(' ').filter(|t| !t.is_empty()) {
            let named = one(token);
            if named.is_empty() {
                return None;
            }
            found.extend(named);
        }
    }
    (!found.is_empty()).then_some(found)
}

/// Name words that are no one's initial (`Daan de Vries` is `D.V.` or `D.d.V.`).
const PARTICLES: &[&str] = &[
    "de", "der", "den", "van", "ter", "te", "het", "t", "in", "op",
];

/// The experts whose name has the initials `part` writes with dots (`d.v.`, `d. v.`,
/// `d.d.v.`): the first letters of all its words, or of its words other than [`PARTICLES`].
/// Empty when `part` is not initials. `O(experts)`.
fn initials(part: &str, inst: &Instance) -> Vec<usize> {
    let p = normalize(part);
    if !p.contains('.') {
        return Vec::new();
    }
    let letters: Vec<&str> = p
        .split(|c: char| c == '.' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if letters.len() < 2 || letters.iter().any(|w| w.chars().count() != 1) {
        return Vec::new();
    }
    let want: String = letters.concat();
    let first = |words: &mut dyn Iterator<Item = &str>| -> String {
        words.filter_map(|w| w.chars().next()).collect()
    };
    inst.experts
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let name = normalize(&e.name);
            let all = first(&mut name.split(' ').filter(|w| !w.is_empty()));
            let main = first(
                &mut name
                    .split(' ')
                    .filter(|w| !w.is_empty() && !PARTICLES.contains(w)),
            );
            want == all || want == main
        })
        .map(|(i, _)| i)
        .collect()
}
