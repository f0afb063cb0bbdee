//! One module per subcommand, each with its help text (the doc comment of its `Args`) and `run`.

pub mod book;
pub mod check;
pub mod close;
pub mod compare;
pub mod decide;
pub mod explain;
pub mod flow;
pub mod generate;
pub mod ledger;
pub mod messages;
pub mod metrics;
pub mod policy;
pub mod rights;
pub mod run;
pub mod serve;
pub mod simulate;
pub mod suggest;
pub mod trajectory;
