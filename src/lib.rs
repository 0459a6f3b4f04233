//! Tenderbench core: the tender file, the evaluation engine, imports and the award report.
//!
//! Nothing in this crate knows about the desktop shell; the app and the CLI are thin layers over it.

pub mod audit;
pub mod bid;
pub mod bid_import;
pub mod bid_original;
pub mod bid_overview;
pub mod bid_workbook;
pub mod catalogue;
pub mod check;
pub mod consistency;
pub mod error;
pub mod evaluation;
pub mod locale;
pub mod model_change;
pub mod ocds;
pub mod panel;
pub mod price_seal;
pub mod projector;
pub mod publication;
pub mod questions;
pub mod rejection;
pub mod report;
pub mod requirement;
pub mod score_sheet;
pub mod scoring;
pub mod standstill;
pub mod store;
pub mod strategy;
pub mod template_rule;
pub mod tender;
pub mod tender_documents;
pub mod tie_break;
pub mod workbook;
