//! Any bytes given to the bid workbook reader are reported as diagnostics, never a panic or a hang.
//!
//! The reader gets past its tender check only for workbooks of the tender it is given. By default the
//! target builds the test tender the committed fixtures were made for (lot 1 of `tender()` in
//! tests/it/bid_import.rs), so the fixtures are the starting corpus:
//!
//!     mkdir -p fuzz/corpus/bid_workbook && cp fixtures/workbooks/*.xls* fixtures/workbooks/*.ods fixtures/workbooks/bad/*.xlsx fuzz/corpus/bid_workbook
//!     cd fuzz && cargo +nightly fuzz run bid_workbook -- -max_total_time=600
//!
//! TENDERBENCH_FUZZ_TENDER=FILE.tender fuzzes against another tender instead, such as the demo's
//! (`tenderbench demo DIR` writes it with its bid workbooks).

#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tenderbench::audit::Stamp;
use tenderbench::bid_workbook::BidForm;
use tenderbench::requirement::{RequirementKind, RequirementText};
use tenderbench::store::{Access, Result, TenderFile};
use tenderbench::tender::{NewTender, TenderField};

/// The forms of the tender to fuzz against, read once.
fn forms() -> &'static [BidForm] {
    static FORMS: OnceLock<Vec<BidForm>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let path = match std::env::var_os("TENDERBENCH_FUZZ_TENDER") {
            Some(path) => PathBuf::from(path),
            None => fixture_tender().expect("the fixtures' tender can be built in the temporary folder"),
        };
        let store = TenderFile::open(&path, Access::ReadOnly).expect("the tender to fuzz against opens");
        BidForm::load_all(&store).expect("the tender to fuzz against has readable lots")
    })
}

/// Writes the tender the committed fixture workbooks were made for into the temporary folder; it must stay
/// as `tender()` in tests/it/bid_import.rs builds it, or the fixtures stop at the tender check.
fn fixture_tender() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("tenderbench-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the temporary folder is writable");
    let path = dir.join("test.tender");
    let _ = std::fs::remove_file(&path);
    write_fixture_tender(&path)?;
    Ok(path)
}

fn write_fixture_tender(path: &Path) -> Result<()> {
    let stamp = Stamp::new("kim", Utc.with_ymd_and_hms(2026, 9, 15, 9, 0, 0).unwrap());
    let new = NewTender {
        title: "Ultralydsscannere (test)".into(),
        authority: "Region Syddanmark".into(),
        reference: "RSD-TEST-01".into(),
    };
    let mut store = TenderFile::create(path, &new, &stamp)?;
    store.set_tender_field(&stamp, TenderField::BidDeadline, "2026-09-14")?;
    let lot = store.add_lot(&stamp, "Stationære scannere")?;
    store.add_lot(&stamp, "Håndholdte scannere")?;
    let requirements = [
        ("M-01", RequirementKind::Minimum),
        ("M-02", RequirementKind::Minimum),
        ("M-03", RequirementKind::Minimum),
        ("T-01", RequirementKind::Award),
        ("T-02", RequirementKind::Award),
        ("MÅL-01", RequirementKind::Award),
        ("I-01", RequirementKind::Information),
    ];
    for (code, kind) in requirements {
        let text = RequirementText {
            code: code.into(),
            kind,
            title_da: format!("Krav {code}"),
            title_en: format!("Requirement {code}"),
            text_da: format!("Tekst til {code}, med æøå."),
            text_en: format!("Text of {code}."),
            evidence: "Datablad".into(),
            area: String::new(),
            source: String::new(),
            template_id: None,
            catalogue_version: None,
            parameters: "{}".into(),
        };
        let added = store.add_requirement(&stamp, lot.id, &text)?;
        if code == "MÅL-01" {
            store.assign_requirement(&stamp, added.id, None, "1", Some(r#"{"unit":"dB"}"#))?;
        }
    }
    for (item, quantity) in
        [("Scanner", Decimal::from(12)), ("Transducer", Decimal::from(36)), ("Uddannelse, dage", Decimal::new(25, 1))]
    {
        store.add_price_item(&stamp, lot.id, item, "stk.", quantity)?;
    }
    store.set_life_cycle_years(&stamp, lot.id, Some(8))?;
    Ok(())
}

fuzz_target!(|bytes: &[u8]| {
    let _ = tenderbench::bid_import::read_bid(forms(), "fuzz.xlsx", bytes, None);
});
