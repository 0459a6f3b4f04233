//! Any bytes given to the bid workbook reader are reported as diagnostics, never a panic or a hang.
//!
//! The reader gets past its tender check only for workbooks of the tender it is given, so run it against
//! the demo tender with the demo's bid workbooks as the starting corpus:
//!
//!     tenderbench demo /tmp/demo
//!     mkdir -p /tmp/corpus && cp /tmp/demo/*.xlsx /tmp/corpus
//!     TENDERBENCH_FUZZ_TENDER=/tmp/demo/ultrasound-demo.tender cargo +nightly fuzz run bid_workbook /tmp/corpus

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tenderbench::bid_workbook::BidForm;
use tenderbench::store::{Access, TenderFile};

/// The forms of the tender named by TENDERBENCH_FUZZ_TENDER, read once; none without it.
fn forms() -> &'static [BidForm] {
    static FORMS: OnceLock<Vec<BidForm>> = OnceLock::new();
    FORMS.get_or_init(|| {
        std::env::var_os("TENDERBENCH_FUZZ_TENDER")
            .and_then(|path| TenderFile::open(std::path::Path::new(&path), Access::ReadOnly).ok())
            .and_then(|store| BidForm::load_all(&store).ok())
            .unwrap_or_default()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let _ = tenderbench::bid_import::read_bid(forms(), "fuzz.xlsx", bytes, None);
});
