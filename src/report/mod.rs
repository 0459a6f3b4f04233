//! The award report and the letters to bidders (Udbudsloven § 171, stk. 4).
//!
//! A report is first a [`model::Document`]: plain data with every number already formatted. The text
//! renderer gives the golden form used by the tests and by `check --report`; the PDF renderer gives what is
//! signed and sent.

pub mod model;
pub mod pdf;
pub mod text;
pub mod verify;

pub use model::Document;
