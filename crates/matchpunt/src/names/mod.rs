//! Every comparison of spellings that decides a rule lives here, so that each kind of name has
//! one identity that every reader (batch files, the inline request of `suggest` and the web
//! form) and every text uses.
//!
//! - [`org`]: organisation names. An expert must never be sent to an organisation they exclude
//!   (rule 4), and people write one organisation many ways ("Stichting Jeugdhulp Utrecht",
//!   "Stg. Jeugdhulp Utrecht", "Jeugdhulp Utrecht"): one canonical form, one matching rule, the
//!   typo rule, and an index that resolves a whole batch in near-linear time.
//!
//! Ids, themes and places are compared by [`crate::model::normalize`],
//! [`crate::model::theme_key`] and [`crate::places`]; they may move here later.

pub mod org;
