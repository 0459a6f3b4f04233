//! The demo tender: ultrasound scanners for a hospital region, in two lots.

use std::path::{Path, PathBuf};
use tenderbench::audit::Stamp;
use tenderbench::store::{Result, StoreError, TenderFile};
use tenderbench::tender::{NewTender, TenderField};

/// Writes the demo into `dir` (replacing an earlier demo there) and returns the paths written.
pub fn write(dir: &Path, stamp: &Stamp) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::Io { path: dir.to_owned(), source: e })?;
    let path = dir.join("ultrasound-demo.tender");
    if path.exists() {
        std::fs::remove_file(&path).map_err(|e| StoreError::Io { path: path.clone(), source: e })?;
    }
    let new = NewTender {
        title: "Ultralydsscannere til Region Syddanmark".into(),
        authority: "Region Syddanmark".into(),
        reference: "RSD-2026-0412".into(),
    };
    let mut store = TenderFile::create(&path, &new, stamp)?;
    for (field, value) in [
        (TenderField::Procedure, "open"),
        (TenderField::CpvCodes, "33112200-0"),
        (TenderField::EstimatedValue, "14500000"),
        (TenderField::PublishedOn, "2026-08-03"),
        (TenderField::BidDeadline, "2026-09-14"),
        (TenderField::AwardDate, "2026-11-20"),
        (TenderField::StandstillEnds, "2026-11-30"),
    ] {
        store.set_tender_field(stamp, field, value)?;
    }
    let lot1 = store.add_lot(stamp, "Stationære ultralydsscannere til radiologi")?;
    store.set_lot_field(stamp, lot1.id, "estimated_value", "11000000")?;
    let lot2 = store.add_lot(stamp, "Håndholdte ultralydsscannere til akutmodtagelser")?;
    store.set_lot_field(stamp, lot2.id, "estimated_value", "3500000")?;
    Ok(vec![path])
}
