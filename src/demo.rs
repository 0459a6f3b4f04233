//! The demo tender: ultrasound scanners for a hospital region, in two lots.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tenderbench::audit::Stamp;
use tenderbench::catalogue::{self, Catalogue, CatalogueError};
use tenderbench::store::{Result, StoreError, TenderFile};
use tenderbench::strategy::Questionnaire;
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
    strategy_and_requirements(&mut store, stamp, lot1.id, lot2.id)?;
    Ok(vec![path])
}

/// Answers the category strategy for ultrasound scanners and adds a few catalogue requirements to each lot.
fn strategy_and_requirements(store: &mut TenderFile, stamp: &Stamp, lot1: i64, lot2: i64) -> Result<()> {
    let questionnaire = Questionnaire::builtin();
    for (question, value, reason) in [
        ("demand.category", "medical_technical", ""),
        ("demand.user_group", "Radiologer, radiografer og akutlæger fra de fire sygehusenheder; MTU-teknikere", ""),
        ("market.suppliers", "5", ""),
        ("market.concentration", "4", ""),
        ("market.monopoly_like", "no", ""),
        ("risk.criticality", "4", ""),
        ("risk.substitutes", "2", ""),
        ("risk.supply_levers", "supplier_stock,penalties", ""),
        ("importance.core_service", "5", ""),
        ("importance.spend_share", "4", ""),
        ("importance.cost_effect", "3", ""),
        ("objectives.quality", "5", ""),
        ("objectives.efficiency", "3", ""),
        ("objectives.sustainability", "2", ""),
        ("objectives.supply_security", "1", ""),
        ("screening.transport", "not_relevant", "Få store leverancer; lille reduktionspotentiale."),
        ("screening.repair", "minimum", "Regionens MTU-teknikere reparerer selv scannerne."),
        ("screening.life_extension", "award", "Reservedele ud over 10 år skal belønnes."),
        ("screening.use_phase", "award", "Scannerne står tændt det meste af døgnet."),
        ("proposal.REP-001", "accepted", ""),
        ("proposal.REP-005", "rejected", "Brugte transducere giver ringere billedkvalitet."),
    ] {
        let value = questionnaire.check_answer(question, value, reason).map_err(StoreError::Invalid)?;
        store.set_strategy_answer(stamp, question, &value, reason, &questionnaire.version)?;
    }
    let none = BTreeMap::new();
    let years = BTreeMap::from([("years".to_owned(), "12".to_owned())]);
    for (lot, template, values) in [
        (lot1, "REP-001", &none),
        (lot1, "LEV-001", &years),
        (lot1, "BRU-002", &none),
        (lot2, "KVA-003", &none),
        (lot2, "BRU-003", &none),
        (lot2, "RET-005", &none),
    ] {
        catalogue::add_to_lot(store, stamp, lot, Catalogue::builtin(), template, values).map_err(|e| match e {
            CatalogueError::Store(e) => e,
            other => StoreError::Invalid(other.to_string()),
        })?;
    }
    Ok(())
}
