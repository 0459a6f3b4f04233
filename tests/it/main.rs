//! The one integration-test binary: each module covers one area of the product through real files.

mod bid_import;
mod catalogue;
mod consistency;
mod evaluation;
mod messages;
mod ocds;
mod questions;
mod report;
mod scoring;
mod strategy;
mod support;
mod tamper;
mod tender_documents;
mod tender_evaluation;
mod tender_file;
