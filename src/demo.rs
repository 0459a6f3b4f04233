//! The demo tender: ultrasound scanners for a hospital region, in two lots, with four bidders in lot 1 read
//! from filled bid workbooks as a consultant would receive them.

use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use tenderbench::audit::Stamp;
use tenderbench::bid::{LccInputs, PriceLine, Response, Submission};
use tenderbench::bid_workbook::fill_for_demo;
use tenderbench::requirement::{RequirementKind, RequirementText};
use tenderbench::store::{StoreError, TenderFile};
use tenderbench::tender::{NewTender, TenderField};
use tenderbench::workbook::{ImportOutcome, Language, WorkbookError};

type Result<T> = std::result::Result<T, WorkbookError>;

/// Lot 1's requirements: id, kind, Danish and English title, Danish and English text, evidence.
const REQUIREMENTS: [(&str, RequirementKind, &str, &str, &str, &str, &str); 5] = [
    (
        "M-01",
        RequirementKind::Minimum,
        "CE-mærkning",
        "CE marking",
        "Scanneren skal være CE-mærket som medicinsk udstyr klasse IIa efter MDR.",
        "The scanner must be CE marked as a class IIa medical device under the MDR.",
        "EU-overensstemmelseserklæring",
    ),
    (
        "M-02",
        RequirementKind::Minimum,
        "Reservedele i 10 år",
        "Spare parts for 10 years",
        "Leverandøren skal kunne levere reservedele i mindst 10 år fra levering.",
        "The supplier must supply spare parts for at least 10 years from delivery.",
        "Erklæring",
    ),
    (
        "T-01",
        RequirementKind::Award,
        "Billedkvalitet",
        "Image quality",
        "Beskriv billedkvaliteten ved abdominal- og karundersøgelser.",
        "Describe the image quality in abdominal and vascular examinations.",
        "Produktbeskrivelse og billedeksempler",
    ),
    (
        "T-02",
        RequirementKind::Award,
        "Brugervenlighed",
        "Ease of use",
        "Beskriv arbejdsgangen fra patientregistrering til færdig undersøgelse.",
        "Describe the workflow from patient registration to a completed examination.",
        "Brugermanual",
    ),
    (
        "I-01",
        RequirementKind::Information,
        "Leveringstid",
        "Delivery time",
        "Oplys leveringstiden i uger fra ordre.",
        "State the delivery time in weeks from order.",
        "",
    ),
];

/// The four demo bidders: name, unit prices of the two price items, whether M-02 is met, yearly energy.
const BIDDERS: [(&str, i64, i64, bool, i64); 4] = [
    ("Sonoscan A/S", 98_500_000, 4_500_000, true, 2_100),
    ("MedImaging Nordic ApS", 91_000_000, 5_200_000, true, 2_600),
    ("Ultralyd Danmark A/S", 104_000_000, 3_900_000, true, 1_900),
    ("EchoHealth GmbH", 86_000_000, 6_100_000, false, 3_000),
];

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
    for (code, kind, title_da, title_en, text_da, text_en, evidence) in REQUIREMENTS {
        let text = RequirementText {
            code: code.into(),
            kind,
            title_da: title_da.into(),
            title_en: title_en.into(),
            text_da: text_da.into(),
            text_en: text_en.into(),
            evidence: evidence.into(),
            area: String::new(),
            source: String::new(),
            template_id: None,
            catalogue_version: None,
            parameters: "{}".into(),
        };
        store.add_requirement(stamp, lot1.id, &text)?;
    }
    store.add_price_item(
        stamp,
        lot1.id,
        "Stationær ultralydsscanner inkl. 3 transducere",
        "stk.",
        Decimal::from(12),
    )?;
    store.add_price_item(stamp, lot1.id, "Serviceaftale, 5 år", "stk.", Decimal::from(12))?;
    store.set_life_cycle_years(stamp, lot1.id, Some(8))?;
    let items = store.price_items(lot1.id)?;
    let mut written = vec![path.clone()];
    for (name, scanner, service, spare_parts, kwh) in BIDDERS {
        let prices = [scanner, service].into_iter().zip(&items);
        let submission = Submission {
            bidder: name.into(),
            lot_number: lot1.number,
            received_at: None,
            source_file: String::new(),
            source_sha256: String::new(),
            responses: REQUIREMENTS
                .iter()
                .map(|(code, kind, ..)| Response {
                    requirement_code: (*code).into(),
                    compliant: (*kind == RequirementKind::Minimum).then_some(*code != "M-02" || spare_parts),
                    value: match kind {
                        RequirementKind::Minimum => String::new(),
                        RequirementKind::Award => format!("Se bilag {code} fra {name}."),
                        RequirementKind::Information => "8".into(),
                    },
                    document_ref: format!("Bilag {code}"),
                    comment: String::new(),
                })
                .collect(),
            price_lines: prices
                .map(|(cents, item)| PriceLine {
                    item: item.item.clone(),
                    quantity: item.quantity,
                    unit_price: Decimal::new(cents, 2),
                })
                .collect(),
            lcc: Some(LccInputs {
                energy_kwh_per_year: Decimal::from(kwh * 12),
                maintenance_per_year: Decimal::from(60_000),
                end_of_life_cost: Decimal::from(24_000),
                take_back_value: Decimal::from(if spare_parts { 36_000 } else { 0 }),
                ..LccInputs::default()
            }),
        };
        let slug: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        let workbook = dir.join(format!("bid-lot1-{}.xlsx", slug.to_lowercase()));
        fill_for_demo(&store, lot1.number, Language::Da, &submission, &workbook)?;
        written.push(workbook);
    }
    let outcome = tenderbench::bid_import::import_bids(&mut store, stamp, &written[1..], Some(lot1.number), false)?;
    match outcome {
        ImportOutcome::Imported { .. } => Ok(written),
        refused => Err(WorkbookError::Invalid(format!("The demo bids were refused: {refused:?}"))),
    }
}
