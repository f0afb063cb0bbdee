//! Every comparison of spellings that decides a rule lives here, so that each kind of name has
//! one identity that every reader (batch files, the inline request of `suggest` and the web
//! form) and every text uses.
//!
//! - [`org`]: organisation names. An expert must never be sent to an organisation they exclude
//!   (rule 4), and people write one organisation many ways ("Stichting Jeugdhulp Utrecht",
//!   "Stg. Jeugdhulp Utrecht", "Jeugdhulp Utrecht"): one canonical form, one matching rule, the
//!   typo rule, and an index that resolves a whole batch in near-linear time.
//!
//! - [`themes`]: the theme vocabulary (canonical Dutch themes, synonyms, plurals), theme keys and
//!   the one-letter near misses that the safe side of rule 3 uses.
//!
//! - [`normalize`], [`fold_theme`], [`theme_key`]: how a cell's spelling is folded before any
//!   comparison (invisible characters, look-alike punctuation, case, Unicode NFKC; diacritics for
//!   themes).
//!
//! - [`theme_words`]: a theme found in words written another way (a phrase, a derivation, an
//!   everyday word) and the avoided-themes words that mean all or the heavy themes, for rule 3
//!   and the heavy themes.
//!
//! - [`notes`]: whether a safety cell (`avoid_themes`, `excluded_orgs`) means none, holds names,
//!   or is a note (`zie opmerking`, `misschien`, `?`) that must be an input error.
//!
//! - [`place`]: the key of a place name and the bundled places table's names and aliases, for the
//!   `place` columns ([`crate::model::places`]) and for place names inside organisation names.

pub mod abbrev;
mod fold;
pub mod notes;
pub mod org;
pub mod place;
pub mod theme_words;
pub mod themes;

pub use fold::{fold_theme, is_invisible, normalize, theme_key, tidy};
