//! Bid workbooks and score sheets in and out of Excel, against workbooks filled by a third-party writer
//! (openpyxl) and saved by LibreOffice, as fixtures/workbooks/make_fixtures.py makes them.
//!
//! The committed fixtures were made from lot 1 of `tender()` below. To make them again after changing the
//! workbook format or the test tender, run this module's tests with TENDERBENCH_WRITE_FIXTURES=1.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use tenderbench::audit::Stamp;
use tenderbench::bid::{LccInputs, PriceLine, Response, Subcontracting, Submission};
use tenderbench::bid_import::{import_bids, read_bid};
use tenderbench::bid_workbook::{BidForm, export_template, fill_for_demo, workbook_bytes};
use tenderbench::locale::Lang;
use tenderbench::panel::Declaration;
use tenderbench::requirement::{RequirementKind, RequirementText};
use tenderbench::score_sheet::{export_score_sheets, import_scores};
use tenderbench::store::{Access, TenderFile};
use tenderbench::tender::{NewTender, TenderField};
use tenderbench::workbook::{ImportOutcome, Language, Severity};

fn stamp() -> Stamp {
    Stamp::new("kim", Utc.with_ymd_and_hms(2026, 9, 15, 9, 0, 0).unwrap())
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/workbooks")
}

/// The test tender: lot 1 with three minimum, three award (one measured) and one information
/// requirement, three price items and life-cycle cost; lot 2 empty.
fn tender(dir: &Path) -> PathBuf {
    let path = dir.join("test.tender");
    let new = NewTender {
        title: "Ultralydsscannere (test)".into(),
        authority: "Region Syddanmark".into(),
        reference: "RSD-TEST-01".into(),
    };
    let mut store = TenderFile::create(&path, &new, &stamp()).unwrap();
    store.set_tender_field(&stamp(), TenderField::BidDeadline, "2026-09-14").unwrap();
    let lot = store.add_lot(&stamp(), "Stationære scannere").unwrap();
    store.add_lot(&stamp(), "Håndholdte scannere").unwrap();
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
        let added = store.add_requirement(&stamp(), lot.id, &text).unwrap();
        if code == "MÅL-01" {
            store.assign_requirement(&stamp(), added.id, None, "1", Some(r#"{"unit":"dB"}"#)).unwrap();
        }
    }
    for (item, quantity) in [("Scanner", "12"), ("Transducer", "36"), ("Uddannelse, dage", "2.5")] {
        store.add_price_item(&stamp(), lot.id, item, "stk.", Decimal::from_str(quantity).unwrap()).unwrap();
    }
    store.set_life_cycle_years(&stamp(), lot.id, Some(8)).unwrap();
    path
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// The answers make_fixtures.py wrote, as a submission.
fn expected(dir: &Path) -> Submission {
    let json: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let text = |v: &Value| v.as_str().unwrap().to_owned();
    let items = [("Scanner", "12"), ("Transducer", "36"), ("Uddannelse, dage", "2.5")];
    let price_lines: Vec<PriceLine> = json["unit_prices"]
        .as_array()
        .unwrap()
        .iter()
        .zip(items)
        .map(|(price, (item, quantity))| PriceLine {
            item: item.into(),
            quantity: decimal(quantity),
            unit_price: decimal(&text(price)),
        })
        .collect();
    let lcc = |key: &str| decimal(&text(&json["lcc"][key]));
    Submission {
        bidder: text(&json["bidder"]),
        lot_number: 1,
        received_at: None,
        source_file: "good.xlsx".into(),
        source_sha256: String::new(),
        responses: json["responses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| Response {
                requirement_code: text(&r["code"]),
                compliant: r["compliant"].as_bool(),
                value: text(&r["value"]),
                document_ref: text(&r["document_ref"]),
                comment: text(&r["comment"]),
            })
            .collect(),
        // The committed workbooks were filled before the workbook asked about subcontracting.
        subcontracting: json.get("subcontracting").map(|declared| Subcontracting {
            share: decimal(&text(&declared["share"])),
            subcontractors: text(&declared["subcontractors"]),
        }),
        lcc: Some(LccInputs {
            acquisition: tenderbench::bid::bid_price(&price_lines),
            energy_kwh_per_year: lcc("energy_kwh_per_year"),
            maintenance_per_year: lcc("maintenance_per_year"),
            consumables_per_year: lcc("consumables_per_year"),
            other_per_year: lcc("other_per_year"),
            end_of_life_cost: lcc("end_of_life_cost"),
            take_back_value: lcc("take_back_value"),
            costs: Default::default(),
        }),
        price_lines,
        original: None,
    }
}

/// Imports the workbooks into a fresh test tender and checks the outcome. When `expected` names a
/// diagnostic, the import must be refused with that diagnostic among those printed, and the tender file
/// must be byte-for-byte as before.
fn check(
    workbooks: &[PathBuf],
    lot: Option<i64>,
    accept: bool,
    expected: Option<&str>,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = tender(dir.path());
    let before = std::fs::read(&path).unwrap();
    let outcome = {
        let mut store = TenderFile::open(&path, Access::ReadWrite).unwrap();
        import_bids(&mut store, &stamp(), workbooks, lot, accept).unwrap()
    };
    match (expected, &outcome) {
        (None, ImportOutcome::Imported { .. }) => {}
        (
            Some(text),
            ImportOutcome::Rejected { diagnostics } | ImportOutcome::NeedsConfirmation { warnings: diagnostics },
        ) => {
            for d in diagnostics {
                assert!(!d.message_da.is_empty() && d.message_da != d.message_en, "{d} has no Danish wording");
            }
            let shown: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            assert!(shown.iter().any(|d| d == text), "expected {text:?} among {shown:#?}");
            assert_eq!(std::fs::read(&path).unwrap(), before, "the tender file changed");
        }
        _ => panic!("unexpected outcome {outcome:#?}"),
    }
    (dir, path)
}

fn bid_of(path: &Path, bidder: &str) -> Submission {
    let store = TenderFile::open(path, Access::ReadOnly).unwrap();
    let lot = &store.lots().unwrap()[0];
    let bid = store.bids(lot.id).unwrap().into_iter().find(|b| b.bidder == bidder).unwrap();
    Submission {
        bidder: bid.bidder,
        lot_number: lot.number,
        received_at: bid.received_at,
        source_file: bid.source_file,
        source_sha256: String::new(),
        responses: store.responses(bid.id).unwrap(),
        price_lines: store.price_lines(bid.id).unwrap(),
        subcontracting: store.subcontracting(bid.id).unwrap(),
        lcc: store.lcc_inputs(bid.id).unwrap(),
        original: None,
    }
}

#[test]
fn a_workbook_filled_by_openpyxl_and_saved_by_libreoffice_imports_every_answer_and_price() {
    let (_dir, path) = check(&[fixtures().join("good.xlsx")], None, false, None);
    assert_eq!(bid_of(&path, "Sonoscan A/S"), expected(&fixtures()));
}

/// A bidder may save the workbook in another format Excel or LibreOffice offers; the bid reads the same.
#[test]
fn the_same_bid_saved_as_xlsm_xls_or_ods_imports_every_answer_and_price() {
    for name in ["good.xlsm", "good.xls", "good.ods"] {
        let (_dir, path) = check(&[fixtures().join(name)], None, false, None);
        assert_eq!(bid_of(&path, "Sonoscan A/S"), Submission { source_file: name.into(), ..expected(&fixtures()) });
    }
}

#[test]
fn each_bad_workbook_is_refused_with_its_file_sheet_and_cell_and_changes_nothing() {
    let catalogue = [
        ("missing-sheet", "missing-sheet.xlsx: the sheet Priser is missing; use the workbook exported by Tenderbench."),
        (
            "unknown-id",
            "unknown-id.xlsx, sheet Krav, cell A3: unknown requirement id X-99: lot 1 has no such requirement.",
        ),
        (
            "duplicate-id",
            "duplicate-id.xlsx, sheet Krav, cell A4: the requirement id M-01 appears twice (also in row 2).",
        ),
        (
            "text-in-number",
            "text-in-number.xlsx, sheet Priser, cell E3: 'ca. 100' is text in a number cell; enter a number such as 1250.50.",
        ),
        (
            "negative-price",
            "negative-price.xlsx, sheet Priser, cell E2: the unit price of item 1 is negative (-5); it must be 0 or more.",
        ),
        ("formula-error", "formula-error.xlsx, sheet Priser, cell F3: the cell shows the error #DIV/0!; correct it."),
        (
            "no-cached-value",
            "no-cached-value.xlsx, sheet Priser, cell F2: the formula =D2*E2 was saved without its result; open the workbook in Excel or LibreOffice and save it again.",
        ),
        (
            "empty-mandatory",
            "empty-mandatory.xlsx, sheet Krav, cell F2: minimum requirement M-01 is not answered; choose Ja/Yes or Nej/No.",
        ),
        ("other-tender", "other-tender.xlsx: this workbook was made for the tender RSD-ANDET-99, not for RSD-TEST-01."),
        ("other-lot", "other-lot.xlsx: this workbook was made for lot 7, which this tender does not have."),
        // Found by fuzzing: a cell reference with an overlong column makes calamine panic in its arithmetic.
        (
            "overlong-column",
            "overlong-column.xlsx, sheet LCC: the sheet is damaged: a cell reference in it cannot be read.",
        ),
        (
            "missing-bidder",
            "missing-bidder.xlsx, sheet Vejledning, cell B9: the bidder's name is missing; write the company name here.",
        ),
    ];
    for (name, diagnostic) in catalogue {
        let bad = fixtures().join("bad").join(format!("{name}.xlsx"));
        // A good workbook alongside proves the import is all or nothing.
        check(&[fixtures().join("good.xlsx"), bad], None, true, Some(diagnostic));
    }
    // The app shows the consultant's language; Danish numbers have a decimal comma.
    let danish = [
        ("text-in-number", "'ca. 100' er tekst i en talcelle; skriv et tal som 1250,50."),
        ("negative-price", "enhedsprisen for post 1 er negativ (-5); den skal være 0 eller mere."),
        ("empty-mandatory", "mindstekravet M-01 er ikke besvaret; vælg Ja/Yes eller Nej/No."),
        ("formula-error", "cellen viser fejlen #DIV/0!; ret den."),
    ];
    let dir = tempfile::tempdir().unwrap();
    let store = TenderFile::open(&tender(dir.path()), Access::ReadOnly).unwrap();
    let forms = BidForm::load_all(&store).unwrap();
    for (name, message) in danish {
        let bytes = std::fs::read(fixtures().join("bad").join(format!("{name}.xlsx"))).unwrap();
        let reading = read_bid(&forms, name, &bytes, None);
        let shown: Vec<&str> = reading.diagnostics.iter().map(|d| d.message(Lang::Da)).collect();
        assert!(shown.contains(&message), "{name}: expected {message:?} among {shown:#?}");
    }
    check(
        &[fixtures().join("good.xlsx")],
        Some(2),
        true,
        Some("good.xlsx: this workbook was made for lot 1, not for lot 2."),
    );
    check(
        &[Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")],
        None,
        true,
        Some("Cargo.toml: this is not a workbook Tenderbench can read (.xlsx, .xlsm, .xls or .ods), or it is damaged."),
    );
}

/// A cell at the far corner of a sheet is one more cell to read: a grid from A1 to XFD1048576 would need
/// some 550 GB, and the reader once tried to allocate it and took the app down.
#[test]
fn stray_entries_in_the_last_row_and_column_are_read_without_a_grid_of_the_whole_sheet() {
    let far = fixtures().join("far-cells.xlsx");
    let warning =
        "far-cells.xlsx, sheet Krav, cell A1048576: this row has answers but no requirement id; it is ignored.";
    check(std::slice::from_ref(&far), None, false, Some(warning));
    let (_dir, path) = check(&[far], None, true, None);
    let bid = bid_of(&path, "Sonoscan A/S");
    assert_eq!(bid, Submission { source_file: "far-cells.xlsx".into(), ..expected(&fixtures()) });

    // calamine reads an .ods sheet as a grid, and refuses this one; the bidder is told what to do.
    check(
        &[fixtures().join("far-cells.ods")],
        None,
        true,
        Some(
            "far-cells.ods: a sheet in this workbook has entries too far from its table to be read; delete what is typed far below or to the right of the table, and save the workbook again.",
        ),
    );
}

#[test]
fn warnings_wait_for_confirmation_and_a_corrected_workbook_replaces_the_earlier_bid() {
    let warning =
        "warnings.xlsx, sheet Krav, cell G5: award requirement T-01 is not answered; it will be scored as unanswered.";
    check(&[fixtures().join("warnings.xlsx")], None, false, Some(warning));
    let (_dir, path) = check(&[fixtures().join("warnings.xlsx")], None, true, None);
    assert_eq!(
        bid_of(&path, "Sonoscan A/S").responses.iter().find(|r| r.requirement_code == "T-01").unwrap().value,
        ""
    );
    let mut store = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let outcome = import_bids(&mut store, &stamp(), &[fixtures().join("good.xlsx")], None, false).unwrap();
    assert_eq!(outcome, ImportOutcome::Imported { warnings: vec![] });
    let last = store.audit_log().unwrap().pop().unwrap();
    assert_eq!((last.entity.as_str(), last.field.as_str()), ("lot 1 bid Sonoscan A/S", "replaced"));
    drop(store);
    assert_eq!(bid_of(&path, "Sonoscan A/S"), expected(&fixtures()));
}

#[test]
fn the_cli_prints_every_diagnostic_and_exits_4_on_a_refused_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = tender(dir.path());
    let output = crate::support::cli()
        .arg("import-bids")
        .arg(&path)
        .arg(fixtures().join("bad/duplicate-id.xlsx"))
        .arg(fixtures().join("bad/missing-bidder.xlsx"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error: duplicate-id.xlsx, sheet Krav, cell A4: the requirement id M-01 appears twice"));
    assert!(stderr.contains("error: missing-bidder.xlsx, sheet Vejledning, cell B9: the bidder's name is missing"));
}

/// `import-bids --check` reads and checks as the import does, says so, and saves nothing either way.
#[test]
fn the_cli_checks_workbooks_without_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = tender(dir.path());
    let before = std::fs::read(&path).unwrap();
    let output = crate::support::cli()
        .arg("import-bids")
        .arg("--check")
        .arg(&path)
        .arg(fixtures().join("good.xlsx"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "1 bids read and checked\n");
    let refused = crate::support::cli()
        .args(["--lang", "en", "import-bids", "--check"])
        .arg(&path)
        .arg(fixtures().join("bad/duplicate-id.xlsx"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("the requirement id M-01 appears twice"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "a check saves nothing");
}

fn run(program: &str, args: &[&std::ffi::OsStr]) {
    let status =
        Command::new(program).args(args).status().unwrap_or_else(|e| panic!("{program} must be installed: {e}"));
    assert!(status.success(), "{program} failed");
}

/// Exports a fresh template, fills it with openpyxl, saves it through LibreOffice and imports it: the
/// whole round trip with today's code, not only the committed files.
#[test]
fn round_trip_through_openpyxl_and_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let path = tender(dir.path());
    let template = dir.path().join("template.xlsx");
    export_template(&TenderFile::open(&path, Access::ReadOnly).unwrap(), 1, Language::Da, &template).unwrap();
    let out =
        if std::env::var_os("TENDERBENCH_WRITE_FIXTURES").is_some() { fixtures() } else { dir.path().join("out") };
    let script = fixtures().join("make_fixtures.py");
    run("python3", &[script.as_os_str(), "bids".as_ref(), template.as_os_str(), out.as_os_str()]);
    // Each format replaces the bid imported before it.
    for name in ["good.xlsx", "good.xlsm", "good.xls", "good.ods"] {
        let mut store = TenderFile::open(&path, Access::ReadWrite).unwrap();
        let outcome = import_bids(&mut store, &stamp(), &[out.join(name)], None, true).unwrap();
        assert_eq!(outcome, ImportOutcome::Imported { warnings: vec![] }, "{name}");
        let bid = store.bids(store.lots().unwrap()[0].id).unwrap().into_iter().find(|b| b.source_file == name);
        let original = store.original(bid.unwrap().id).unwrap();
        assert_eq!(original, Some(std::fs::read(out.join(name)).unwrap()), "{name} is kept byte for byte");
        drop(store);
        assert_eq!(bid_of(&path, "Sonoscan A/S"), Submission { source_file: name.into(), ..expected(&out) });
    }
}

#[test]
fn a_workbook_filled_by_tenderbench_reads_back_as_the_same_submission() {
    let dir = tempfile::tempdir().unwrap();
    let path = tender(dir.path());
    let store = TenderFile::open(&path, Access::ReadOnly).unwrap();
    let mut submission = expected(&fixtures());
    submission.source_file = "filled.xlsx".into();
    submission.responses.iter_mut().find(|r| r.requirement_code == "T-02").unwrap().value = "0012".into();
    for language in [Language::Da, Language::En] {
        let form = BidForm::load(&store, 1).unwrap();
        let bytes = workbook_bytes(&form, language, Some(&submission)).unwrap();
        let reading = read_bid(std::slice::from_ref(&form), "filled.xlsx", &bytes, Some(1));
        assert_eq!(reading.diagnostics, vec![]);
        let read = reading.submission.unwrap();
        assert_eq!(read.original.as_deref(), Some(bytes.as_slice()), "the import keeps the workbook's bytes");
        assert_eq!(Submission { source_sha256: String::new(), original: None, ..read }, submission);
    }
}

/// Lot 1 of the test tender with three announced cost lines: a service agreement per unit from year 3, an
/// overhaul in total in year 5, and filters as a unit price against 10,000 a year per unit; 4 units.
fn tender_with_cost_lines(dir: &Path) -> PathBuf {
    let path = tender(dir);
    let mut store = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let lot = store.lots().unwrap()[0].id;
    let mut model = store.evaluation_input(lot).unwrap();
    let costs = serde_json::json!([
        { "id": "SERVICE", "name": "Serviceaftale", "name_en": "Service agreement", "per": "unit",
          "from_year": 3, "to_year": 8 },
        { "id": "OVERHAUL", "name": "Hovedeftersyn", "per": "total", "from_year": 5, "to_year": 5 },
        { "id": "FILTERS", "name": "Filtre", "name_en": "Filters", "per": "unit", "from_year": 1, "to_year": 8,
          "volume": "10000" }
    ]);
    let lcc = model.lcc.as_mut().unwrap();
    lcc.quantity = decimal("4");
    lcc.costs = serde_json::from_value(costs).unwrap();
    store.set_evaluation_model(&stamp(), lot, &model).unwrap();
    path
}

#[test]
fn announced_cost_lines_go_out_in_the_workbook_and_come_back_with_their_amounts() {
    let dir = tempfile::tempdir().unwrap();
    let path = tender_with_cost_lines(dir.path());
    let mut submission = expected(&fixtures());
    submission.source_file = "costs.xlsx".into();
    let amounts = [("SERVICE", "4500"), ("OVERHAUL", "25000"), ("FILTERS", "2.35")];
    submission.lcc.as_mut().unwrap().costs = amounts.iter().map(|(id, amount)| (*id, decimal(amount))).collect();
    let form = BidForm::load(&TenderFile::open(&path, Access::ReadOnly).unwrap(), 1).unwrap();
    let workbook = dir.path().join("costs.xlsx");
    for language in [Language::En, Language::Da] {
        let bytes = workbook_bytes(&form, language, Some(&submission)).unwrap();
        let reading = read_bid(std::slice::from_ref(&form), "costs.xlsx", &bytes, Some(1));
        assert_eq!(reading.diagnostics, vec![]);
        let read = reading.submission.unwrap();
        assert_eq!(Submission { source_sha256: String::new(), original: None, ..read }, submission);
        std::fs::write(&workbook, bytes).unwrap();
    }
    // What the bidder reads: per unit or in total for the lot's 4 units, the years, and the volume.
    let labels = {
        let script = "import openpyxl, sys\nws = openpyxl.load_workbook(sys.argv[1])['LCC']\nfor row in ws.iter_rows(min_row=2, values_only=True):\n    print(row[0], '|', row[1], '|', row[2])\n";
        let output = Command::new("python3").args(["-c", script]).arg(&workbook).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    for line in [
        "energy_kwh_per_year | Energiforbrug pr. år | kWh pr. enhed",
        "maintenance_per_year | Vedligehold og service pr. år | kr. i alt for 4 enheder",
        "SERVICE | Serviceaftale (år 3–8) | kr. pr. år pr. enhed",
        "OVERHAUL | Hovedeftersyn (år 5) | kr. i alt for 4 enheder",
        "FILTERS | Filtre (år 1–8) | kr. pr. stk. × 10.000 stk./år pr. enhed",
    ] {
        assert!(labels.lines().any(|l| l == line), "expected {line:?} in\n{labels}");
    }
    // The import keeps the amounts, and check reads the original workbook again and finds them equal.
    let mut store = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let outcome = import_bids(&mut store, &stamp(), std::slice::from_ref(&workbook), None, true).unwrap();
    assert!(matches!(outcome, ImportOutcome::Imported { .. }), "{outcome:#?}");
    drop(store);
    assert_eq!(bid_of(&path, "Sonoscan A/S").lcc, submission.lcc);
    let store = TenderFile::open(&path, Access::ReadOnly).unwrap();
    let checked = tenderbench::check::run(&store).unwrap();
    assert!(checked.is_ok(), "{checked:#?}");
    let evaluation = store.evaluation_input(store.lots().unwrap()[0].id).unwrap();
    assert_eq!(evaluation.bids[0].lcc_inputs, submission.lcc);
}

#[test]
fn a_bad_or_empty_cost_line_cell_is_refused_at_its_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let store = TenderFile::open(&tender_with_cost_lines(dir.path()), Access::ReadOnly).unwrap();
    let form = BidForm::load(&store, 1).unwrap();
    let cases = [
        (
            Some("-5"),
            "costs.xlsx, sheet LCC, cell D11: the cost line FILTERS, Filters (years 1–8), is negative (-5); it must be 0 or more.",
        ),
        (None, "costs.xlsx, sheet LCC, cell D11: the cost line FILTERS, Filters (years 1–8), is missing."),
    ];
    for (filters, diagnostic) in cases {
        let mut submission = expected(&fixtures());
        let costs = [("SERVICE", Some("4500")), ("OVERHAUL", Some("25000")), ("FILTERS", filters)];
        submission.lcc.as_mut().unwrap().costs =
            costs.iter().filter_map(|(id, amount)| Some((*id, decimal((*amount)?)))).collect();
        let bytes = workbook_bytes(&form, Language::Da, Some(&submission)).unwrap();
        let reading = read_bid(std::slice::from_ref(&form), "costs.xlsx", &bytes, Some(1));
        let shown: Vec<String> = reading.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(shown.iter().any(|d| d == diagnostic), "expected {diagnostic:?} among {shown:#?}");
        assert!(reading.submission.is_none());
    }
}

/// The share subcontracted is a per cent: the workbook's validation asks for 0–100, and a workbook that gets
/// past it is refused at the cell; subcontractors named without a share are refused too.
#[test]
fn a_subcontracted_share_outside_0_to_100_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let store = TenderFile::open(&tender(dir.path()), Access::ReadOnly).unwrap();
    let form = BidForm::load(&store, 1).unwrap();
    let cases = [
        (
            Some("120"),
            "Underleverandør ApS",
            "share.xlsx, sheet Vejledning, cell B10: the share subcontracted is 120 %; it must be from 0 to 100.",
        ),
        (
            None,
            "Underleverandør ApS",
            "share.xlsx, sheet Vejledning, cell B10: the share subcontracted is missing; the bid names subcontractors, so give their share in per cent.",
        ),
    ];
    for (share, subcontractors, diagnostic) in cases {
        let mut submission = expected(&fixtures());
        submission.subcontracting =
            share.map(|share| Subcontracting { share: decimal(share), subcontractors: subcontractors.into() });
        let mut bytes = workbook_bytes(&form, Language::Da, Some(&submission)).unwrap();
        if share.is_none() {
            // The writer leaves both cells empty without a declaration; the names go in as a bidder would type them.
            let path = dir.path().join("names-only.xlsx");
            std::fs::write(&path, &bytes).unwrap();
            let script = "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['Vejledning']['B11'] = sys.argv[2]\nwb.save(sys.argv[1])\n";
            run("python3", &["-c".as_ref(), script.as_ref(), path.as_os_str(), subcontractors.as_ref()]);
            bytes = std::fs::read(&path).unwrap();
        }
        let reading = read_bid(std::slice::from_ref(&form), "share.xlsx", &bytes, Some(1));
        let shown: Vec<String> = reading.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(shown.iter().any(|d| d == diagnostic), "expected {diagnostic:?} among {shown:#?}");
        assert!(reading.submission.is_none());
    }
}

#[test]
fn score_sheets_go_out_per_evaluator_and_come_back_as_individual_scores() {
    let dir = tempfile::tempdir().unwrap();
    let path = tender(dir.path());
    let mut store = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let mut second = expected(&fixtures());
    second.bidder = "MedImaging Nordic ApS".into();
    let second_path = dir.path().join("second.xlsx");
    fill_for_demo(&store, 1, Language::En, &second, &second_path).unwrap();
    let outcome = import_bids(&mut store, &stamp(), &[fixtures().join("good.xlsx"), second_path], None, false).unwrap();
    assert_eq!(outcome, ImportOutcome::Imported { warnings: vec![] });
    let anna = store.add_evaluator(&stamp(), "Anna Holm", "radiograf").unwrap();
    store.declare(&stamp(), anna, &Declaration::NoConflict).unwrap();
    store.add_evaluator(&stamp(), "Bo Lund", "overlæge").unwrap();
    let sheets = export_score_sheets(&store, 1, Language::Da, &dir.path().join("scores")).unwrap();
    let names: Vec<String> = sheets.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["scores-lot1-anna-holm.xlsx", "scores-lot1-bo-lund.xlsx"]);
    let filled: Vec<PathBuf> = sheets.iter().map(|p| p.with_extension("filled.xlsx")).collect();
    for (sheet, out) in sheets.iter().zip(&filled) {
        let script = fixtures().join("make_fixtures.py");
        run("python3", &[script.as_os_str(), "scores".as_ref(), sheet.as_os_str(), out.as_os_str()]);
    }

    // Bo has not declared his conflict of interest: both sheets are refused and nothing is written.
    let before = std::fs::read(&path).unwrap();
    let outcome = import_scores(&mut store, &stamp(), &filled, false).unwrap();
    let ImportOutcome::Rejected { diagnostics } = outcome else { panic!("{outcome:?}") };
    assert_eq!(
        diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "scores-lot1-bo-lund.filled.xlsx: Bo Lund has not declared whether they have a conflict of interest, and cannot score yet."
        ]
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let outcome = import_scores(&mut store, &stamp(), &filled[..1], false).unwrap();
    assert_eq!(outcome, ImportOutcome::Imported { warnings: vec![] });
    let given: Value =
        serde_json::from_str(&std::fs::read_to_string(filled[0].with_extension("xlsx.json")).unwrap()).unwrap();
    let mut given: Vec<(String, String, Decimal, String)> = given
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let text = |key: &str| g[key].as_str().unwrap().to_owned();
            (text("code"), text("bidder"), decimal(&text("points")), text("comment"))
        })
        .collect();
    let lot = store.lots().unwrap()[0].id;
    let mut stored: Vec<(String, String, Decimal, String)> = store
        .individual_scores(lot)
        .unwrap()
        .into_iter()
        .map(|s| {
            assert_eq!(s.evaluator, "Anna Holm");
            (s.requirement_code, s.bidder, s.points, s.comment)
        })
        .collect();
    given.sort();
    stored.sort();
    assert_eq!(stored.len(), 6, "three award requirements × two bids");
    assert_eq!(stored, given);
    // Prices are never shown to evaluators.
    let sheet = std::fs::read(&sheets[0]).unwrap();
    let reading = read_bid(&BidForm::load_all(&store).unwrap(), "s.xlsx", &sheet, None);
    assert_eq!(reading.diagnostics[0].severity, Severity::Error);
    assert!(reading.diagnostics[0].message_en.contains("not a Tenderbench bid workbook"));
}

static FORMS: std::sync::OnceLock<Vec<BidForm>> = std::sync::OnceLock::new();

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Damaged workbooks (bytes changed, or the file cut short) are reported, never a panic, in each of
    /// calamine's formats.
    #[test]
    fn a_damaged_workbook_never_panics_the_reader(
        name in prop::sample::select(&["good.xlsx", "good.xls", "good.ods"][..]),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..16),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let forms = FORMS.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            BidForm::load_all(&TenderFile::open(&tender(dir.path()), Access::ReadOnly).unwrap()).unwrap()
        });
        let mut bytes = std::fs::read(fixtures().join(name)).unwrap();
        for (at, value) in flips {
            let at = at.index(bytes.len());
            bytes[at] ^= value;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        let reading = read_bid(forms, "damaged.xlsx", &bytes, None);
        prop_assert!(reading.submission.is_some() || !reading.diagnostics.is_empty());
    }
}
