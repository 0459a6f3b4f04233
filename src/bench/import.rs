//! `tenderbench bench import DIR`: timings of the bid import on generated data, for release notes. The
//! data is made first and not timed; each figure is the time of the step named beside it. DIR keeps the
//! data: `bench.tender` with its 30 bid workbooks, and `large.tender` with the 130,000-cell `large.xlsx`
//! made for it, which `scripts/compare.sh` reads with other tools.

use chrono::Utc;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tenderbench::audit::Stamp;
use tenderbench::bid::{PriceLine, Response, Submission};
use tenderbench::bid_import::{check_bids, read_bid};
use tenderbench::bid_workbook::{BidForm, workbook_bytes};
use tenderbench::requirement::{RequirementKind, RequirementText};
use tenderbench::store::TenderFile;
use tenderbench::tender::NewTender;
use tenderbench::workbook::{Language, WorkbookError};

const BIDS: usize = 30;
const REQUIREMENTS: usize = 2_000;
/// Requirement rows giving a 130,000-cell requirement sheet at nine columns a row.
const LARGE_ROWS: usize = 14_445;
const LARGE_READS: usize = 20;

fn text(number: usize) -> RequirementText {
    let kind = match number % 4 {
        0 => RequirementKind::Minimum,
        1 | 2 => RequirementKind::Award,
        _ => RequirementKind::Information,
    };
    RequirementText {
        code: format!("K-{number:05}"),
        kind,
        title_da: format!("Krav {number}"),
        title_en: format!("Requirement {number}"),
        text_da: "Udstyret skal kunne rengøres med de desinfektionsmidler, regionen bruger.".into(),
        text_en: "The equipment must withstand the disinfectants the region uses.".into(),
        evidence: "Datablad".into(),
        area: String::new(),
        source: String::new(),
        template_id: None,
        catalogue_version: None,
        parameters: "{}".into(),
    }
}

fn submission(form: &BidForm, bidder: usize) -> Submission {
    Submission {
        bidder: format!("Leverandør {bidder:02} A/S"),
        lot_number: form.lot.number,
        received_at: None,
        source_file: String::new(),
        source_sha256: String::new(),
        responses: form
            .requirements
            .iter()
            .map(|r| Response {
                requirement_code: r.text.code.clone(),
                compliant: (r.text.kind == RequirementKind::Minimum).then_some(true),
                value: if r.text.kind == RequirementKind::Minimum { String::new() } else { format!("Svar {bidder}") },
                document_ref: "Bilag 3".into(),
                comment: String::new(),
            })
            .collect(),
        price_lines: form
            .price_items
            .iter()
            .map(|item| PriceLine {
                item: item.item.clone(),
                quantity: item.quantity,
                unit_price: Decimal::new(1_000_000 + bidder as i64 * 1_234 + item.position, 2),
            })
            .collect(),
        subcontracting: None,
        lcc: None,
        original: None,
    }
}

pub fn import(dir: &Path) -> Result<(), WorkbookError> {
    std::fs::create_dir_all(dir).map_err(|e| WorkbookError::write(dir, e))?;
    let path = dir.join("bench.tender");
    if path.exists() {
        std::fs::remove_file(&path).map_err(|e| WorkbookError::write(&path, e))?;
    }
    let stamp = Stamp::new("bench", Utc::now());
    let new = NewTender { title: "Benchmark".into(), authority: "Tenderbench".into(), reference: "BENCH-1".into() };
    let mut store = TenderFile::create(&path, &new, &stamp)?;
    let lot = store.add_lot(&stamp, "Benchmark lot")?;
    let started = Instant::now();
    for number in 1..=REQUIREMENTS {
        store.add_requirement(&stamp, lot.id, &text(number))?;
    }
    for item in 1..=20 {
        store.add_price_item(&stamp, lot.id, &format!("Scanner model {item}"), "stk.", Decimal::from(item))?;
    }
    let form = BidForm::load(&store, lot.number)?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for bidder in 1..=BIDS {
        let bytes = workbook_bytes(&form, Language::Da, Some(&submission(&form, bidder)))?;
        let path = dir.join(format!("bid-{bidder:02}.xlsx"));
        std::fs::write(&path, bytes).map_err(|e| WorkbookError::write(&path, e))?;
        paths.push(path);
    }
    println!("setup: {REQUIREMENTS} requirements and {BIDS} workbooks made in {:.1?} (not timed)", started.elapsed());

    let started = Instant::now();
    let check = check_bids(&store, &paths, None)?;
    let read = started.elapsed();
    if !check.diagnostics.is_empty() {
        return Err(WorkbookError::invalid(
            format!("the generated bids were refused: {:?}", check.diagnostics),
            format!("de genererede tilbud blev afvist: {:?}", check.diagnostics),
        ));
    }
    store.import_submissions(&stamp, &check.submissions)?;
    let elapsed = started.elapsed();
    println!(
        "import of {BIDS} workbooks x {REQUIREMENTS} requirement rows: {elapsed:.1?} in total (target 1 s): \
         reading and checking {read:.1?}, saving {:.1?}",
        elapsed - read
    );

    // The large workbook is made from a tender file of its own, which is kept beside it so that a whole
    // process (`tenderbench import-bids --check large.tender large.xlsx`) can be timed against other readers.
    let large_path = dir.join("large.tender");
    if large_path.exists() {
        std::fs::remove_file(&large_path).map_err(|e| WorkbookError::write(&large_path, e))?;
    }
    let mut large_store = TenderFile::create(&large_path, &new, &stamp)?;
    let large_lot = large_store.add_lot(&stamp, "Benchmark lot")?;
    for number in 1..=LARGE_ROWS {
        large_store.add_requirement(&stamp, large_lot.id, &text(number))?;
    }
    for item in 1..=20 {
        large_store.add_price_item(
            &stamp,
            large_lot.id,
            &format!("Scanner model {item}"),
            "stk.",
            Decimal::from(item),
        )?;
    }
    let large = BidForm::load(&large_store, large_lot.number)?;
    let bytes = workbook_bytes(&large, Language::Da, Some(&submission(&large, 1)))?;
    let large_xlsx = dir.join("large.xlsx");
    std::fs::write(&large_xlsx, &bytes).map_err(|e| WorkbookError::write(&large_xlsx, e))?;
    // Twenty reads, as one read of some 60 ms on a shared machine is easily doubled by a neighbour.
    let figures =
        super::timed(LARGE_READS, || match read_bid(std::slice::from_ref(&large), "large.xlsx", &bytes, None) {
            reading if reading.submission.is_some() => Ok(()),
            reading => Err(WorkbookError::invalid(
                format!("the large workbook was refused: {:?}", reading.diagnostics),
                format!("den store projektmappe blev afvist: {:?}", reading.diagnostics),
            )),
        })?;
    println!(
        "read and validate one workbook of {} requirement cells ({} KB): {figures} of {LARGE_READS} (target 60 ms)",
        LARGE_ROWS * 9,
        bytes.len() / 1024,
    );
    Ok(())
}
