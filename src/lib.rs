//! Tenderbench core: the tender file, the evaluation engine, imports and the award report.
//!
//! Nothing in this crate knows about the desktop shell; the app and the CLI are thin layers over it.

pub mod audit;
pub mod bid;
pub mod error;
pub mod locale;
pub mod panel;
pub mod report;
pub mod requirement;
pub mod store;
pub mod tender;
