//! Every message that reaches a consultant is worded in Danish and English: each error variant, and a
//! sample of the real refusals the store, the domain checks and the catalogue give.

use crate::support::{new_tender, requirement, run_cli, stamp, text};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::PathBuf;
use tenderbench::audit::{ChainBreak, SealBreak};
use tenderbench::bid::Submission;
use tenderbench::catalogue::{Catalogue, CatalogueError, ImportProblem};
use tenderbench::evaluation::{EvaluationError, Problem, ScaleStep};
use tenderbench::locale::Said;
use tenderbench::model_change::{self, ModelChange};
use tenderbench::ocds::OcdsError;
use tenderbench::panel::Declaration;
use tenderbench::report::ReportError;
use tenderbench::report::pdf::PdfError;
use tenderbench::report::verify::Discrepancy;
use tenderbench::requirement::RequirementKind;
use tenderbench::store::{Access, DataBreak, StoreError, TenderFile};
use tenderbench::strategy::Questionnaire;
use tenderbench::tender::{NewTender, TenderField};
use tenderbench::workbook::WorkbookError;

/// Words that give an English sentence away; a Danish wording holds none of them outside what it quotes.
const ENGLISH_WORDS: [&str; 9] = ["the", "is", "not", "has", "must", "needs", "there", "already", "cannot"];

/// Fails unless `said` has a Danish wording of its own.
fn assert_bilingual(said: &Said) {
    assert!(!said.en.trim().is_empty(), "no English wording: {said:?}");
    assert!(!said.da.trim().is_empty(), "no Danish wording for: {}", said.en);
    assert_ne!(said.da, said.en, "the Danish wording is the English one");
}

/// As [`assert_bilingual`], and the Danish wording reads as Danish: none of the give-away English words
/// occurs in it outside quotation marks.
fn assert_danish(said: &Said) {
    assert_bilingual(said);
    let unquoted: String = said.da.split('\'').step_by(2).collect::<Vec<_>>().join(" ");
    // Codes such as not_relevant and market.concentration are quoted identifiers, not words.
    for word in unquoted.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')) {
        assert!(!ENGLISH_WORDS.contains(&word.to_lowercase().as_str()), "'{word}' in the Danish wording: {}", said.da);
    }
}

fn refusal<T: std::fmt::Debug>(result: Result<T, StoreError>) -> Said {
    let error = result.expect_err("the store refuses");
    assert!(matches!(error, StoreError::Invalid(_) | StoreError::NotFound(_)), "{error}");
    error.said()
}

/// One instance of every variant; the match below stops compiling when a variant is added and not listed.
fn every_store_error() -> Vec<StoreError> {
    let path = PathBuf::from("/tmp/udbud.tender");
    let said = || Said::new("a reason", "en begrundelse");
    let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied");
    let all = vec![
        StoreError::Missing { path: path.clone() },
        StoreError::Exists { path: path.clone() },
        StoreError::NotATenderFile { path: path.clone(), reason: said() },
        StoreError::Damaged { path: path.clone(), reason: said() },
        StoreError::TooNew { path: path.clone(), version: 9, supported: 1 },
        StoreError::Locked { path: path.clone() },
        StoreError::Invalid(said()),
        StoreError::NotFound(said()),
        StoreError::Io { path, source: io() },
        StoreError::Sqlite(rusqlite::Error::InvalidQuery),
        StoreError::Unrecorded,
        StoreError::BidsIn { lot: 1, bids: 3 },
    ];
    for error in &all {
        match error {
            StoreError::Missing { .. }
            | StoreError::Exists { .. }
            | StoreError::NotATenderFile { .. }
            | StoreError::Damaged { .. }
            | StoreError::TooNew { .. }
            | StoreError::Locked { .. }
            | StoreError::Invalid(_)
            | StoreError::NotFound(_)
            | StoreError::Io { .. }
            | StoreError::Sqlite(_)
            | StoreError::Unrecorded
            | StoreError::BidsIn { .. } => {}
        }
    }
    all
}

#[test]
fn every_error_variant_is_worded_in_both_languages() {
    for error in every_store_error() {
        let said = error.said();
        assert_bilingual(&said);
        assert_eq!(said.en, error.to_string(), "Display is the English wording");
    }
    let path = PathBuf::from("/tmp/bud.xlsx");
    let workbook = [
        WorkbookError::Store(StoreError::Locked { path: path.clone() }),
        WorkbookError::no_lot(4),
        WorkbookError::Write { path: path.clone(), message: "disk full".into() },
    ];
    for error in &workbook {
        match error {
            WorkbookError::Store(_) | WorkbookError::Invalid(_) | WorkbookError::Write { .. } => {}
        }
        assert_bilingual(&error.said());
    }
    let problem = ImportProblem {
        sheet: "Skabeloner".into(),
        row: 3,
        column: "C (area)".into(),
        message: Said::new("'x' is not a valid area", "'x' er ikke et gyldigt område"),
    };
    let catalogue = [
        CatalogueError::Invalid(vec![Said::new("A catalogue needs a name.", "Et katalog skal have et navn.")]),
        CatalogueError::Rejected(vec![problem]),
        CatalogueError::File { path: path.clone(), message: "No such file".into(), missing: true },
        CatalogueError::File { path: path.clone(), message: "Permission denied".into(), missing: false },
        CatalogueError::Store(StoreError::Exists { path: path.clone() }),
    ];
    for error in &catalogue {
        match error {
            CatalogueError::Invalid(_)
            | CatalogueError::Rejected(_)
            | CatalogueError::File { .. }
            | CatalogueError::Store(_) => {}
        }
        assert_bilingual(&error.said());
    }
    let discrepancy = Discrepancy::Number { expected: "7,40".into(), found: "7,30".into(), line: "Point 7,40".into() };
    let report = [
        ReportError::Store(StoreError::Missing { path: path.clone() }),
        ReportError::Pdf(PdfError::Font("DejaVuSans")),
        ReportError::Pdf(PdfError::Write("broken pipe".into())),
        ReportError::Io { path: path.clone(), source: std::io::Error::other("disk full") },
        ReportError::Mismatch { pdf: path.clone(), tender: path.clone(), discrepancy },
        ReportError::Mismatch {
            pdf: path.clone(),
            tender: path.clone(),
            discrepancy: Discrepancy::Missing { line: "Tildeling".into() },
        },
    ];
    let seals = [
        SealBreak::Malformed { line: "tenderbench seal x".into() },
        SealBreak::Truncated { sealed: 9, last: 7 },
        SealBreak::Diverged { seq: 9, sealed: "a".repeat(24), found: "b".repeat(24) },
        SealBreak::Unsealed,
    ];
    for broken in &seals {
        match broken {
            SealBreak::Malformed { .. }
            | SealBreak::Truncated { .. }
            | SealBreak::Diverged { .. }
            | SealBreak::Unsealed => {}
        }
    }
    let report = report.into_iter().chain(seals.into_iter().map(|broken| ReportError::Seal {
        pdf: path.clone(),
        tender: path.clone(),
        broken,
    }));
    for error in report {
        match &error {
            ReportError::Store(_)
            | ReportError::Pdf(_)
            | ReportError::Io { .. }
            | ReportError::Mismatch { .. }
            | ReportError::Seal { .. } => {}
        }
        assert_bilingual(&error.said());
    }
    let problem = Problem {
        subject: "K1".into(),
        message_da: "kriterium K1 har ingen vægt".into(),
        message_en: "criterion K1 has no weight".into(),
    };
    for error in [
        EvaluationError::Json { line: 3, column: 7, message: "expected value".into() },
        EvaluationError::Invalid(vec![problem]),
    ] {
        assert_bilingual(&error.said());
    }
    for broken in [ChainBreak::Altered { seq: 3 }, ChainBreak::Gap { seq: 5, previous: 3 }] {
        assert_bilingual(&broken.said());
    }
    let (table, row) = (|| "consensus_score".to_owned(), || "bid_id = 1".to_owned());
    for broken in [
        DataBreak::LogAltered { seq: 4 },
        DataBreak::Unrecorded { table: table(), row: row() },
        DataBreak::Differs {
            table: table(),
            row: row(),
            field: "points".into(),
            found: "10".into(),
            logged: "6".into(),
        },
        DataBreak::Added { table: table(), row: row() },
        DataBreak::Removed { table: table(), row: row() },
    ] {
        match broken {
            DataBreak::LogAltered { .. }
            | DataBreak::Unrecorded { .. }
            | DataBreak::Differs { .. }
            | DataBreak::Added { .. }
            | DataBreak::Removed { .. } => {}
        }
        assert_bilingual(&broken.said());
    }
    for error in [
        OcdsError::NoPrefix,
        OcdsError::NoReference,
        OcdsError::PricesSealed { lot: 1 },
        OcdsError::Store(StoreError::no_lot(2)),
    ] {
        match error {
            OcdsError::NoPrefix | OcdsError::NoReference | OcdsError::PricesSealed { .. } | OcdsError::Store(_) => {}
        }
        assert_danish(&error.said());
    }
    use tenderbench::tender_documents::DocumentsError;
    let weightless = Problem {
        subject: "K1".into(),
        message_da: "kriterium K1 har ingen vægt".into(),
        message_en: "criterion K1 has no weight".into(),
    };
    for error in [
        DocumentsError::Store(StoreError::no_lot(2)),
        DocumentsError::Invalid { lot: 1, problems: vec![weightless] },
        DocumentsError::Pdf(PdfError::Font("DejaVuSans")),
        DocumentsError::Docx(zip::result::ZipError::Io(std::io::Error::other("disk full"))),
        DocumentsError::Io { path: path.clone(), source: std::io::Error::other("disk full") },
    ] {
        match error {
            DocumentsError::Store(_)
            | DocumentsError::Invalid { .. }
            | DocumentsError::Pdf(_)
            | DocumentsError::Docx(_)
            | DocumentsError::Io { .. } => {}
        }
        assert_danish(&error.said());
    }
}

#[test]
fn the_stores_refusals_are_worded_in_danish_too() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut file) = new_tender(dir.path(), "udbud.tender");
    let at = stamp(1);
    let mut refusals = Vec::new();
    for (field, value) in [
        (TenderField::Title, " "),
        (TenderField::Authority, ""),
        (TenderField::Procedure, "auction"),
        (TenderField::Currency, "kr"),
        (TenderField::CpvCodes, "3311"),
        (TenderField::EstimatedValue, "-1"),
        (TenderField::EstimatedValue, "1.234,5"),
        (TenderField::BidDeadline, "22/11/2026"),
    ] {
        refusals.push(refusal(file.set_tender_field(&at, field, value)));
    }
    refusals.push(refusal(file.add_lot(&at, " ")));
    let lot = file.add_lot(&at, "Scannere").unwrap();
    refusals.push(refusal(file.set_lot_field(&at, lot.id, "title", "")));
    refusals.push(refusal(file.set_lot_field(&at, lot.id, "colour", "blå")));
    refusals.push(refusal(file.set_lot_field(&at, 999, "title", "Nyt")));
    refusals.push(refusal(file.remove_lot(&at, 999)));

    refusals.push(refusal(file.add_evaluator(&at, " ", "")));
    let jens = file.add_evaluator(&at, "Jens Holm", "Radiolog").unwrap();
    refusals.push(refusal(file.add_evaluator(&at, "Jens Holm", "")));
    let conflict = Declaration::Conflict { description: "Tidligere ansat".into(), measure: " ".into() };
    refusals.push(refusal(file.declare(&at, jens, &conflict)));
    refusals.push(refusal(file.declare(&at, 999, &Declaration::NoConflict)));
    refusals.push(refusal(file.set_individual_score(&at, jens, 1, 1, Some(Decimal::ONE), "")));
    refusals.push(refusal(file.set_consensus_score(&at, 998, 999, Some(Decimal::ONE), "")));

    refusals.push(refusal(file.add_price_item(&at, lot.id, " ", "stk.", Decimal::ONE)));
    refusals.push(refusal(file.add_price_item(&at, lot.id, "Scanner", "stk.", Decimal::ZERO)));
    refusals.push(refusal(file.set_life_cycle_years(&at, lot.id, Some(0))));
    refusals.push(refusal(file.scale_points(999)));

    let mut untitled = requirement("K-1", RequirementKind::Award);
    untitled.title_da.clear();
    refusals.push(refusal(file.add_requirement(&at, lot.id, &untitled)));
    let mut unnamed = requirement(" ", RequirementKind::Award);
    unnamed.code.clear();
    refusals.push(refusal(file.add_requirement(&at, lot.id, &unnamed)));
    let mut bad_parameters = requirement("K-1", RequirementKind::Award);
    bad_parameters.parameters = "[1]".into();
    refusals.push(refusal(file.add_requirement(&at, lot.id, &bad_parameters)));
    let added = file.add_requirement(&at, lot.id, &requirement("K-1", RequirementKind::Award)).unwrap();
    refusals.push(refusal(file.add_requirement(&at, lot.id, &requirement("K-1", RequirementKind::Award))));
    refusals.push(refusal(file.assign_requirement(&at, added.id, Some("X9"), "1", None)));
    refusals.push(refusal(file.assign_requirement(&at, added.id, None, "-2", None)));
    refusals.push(refusal(file.remove_requirement(&at, 999)));

    let bid = Submission {
        bidder: "Sonoscan A/S".into(),
        lot_number: 9,
        received_at: None,
        source_file: "bud.xlsx".into(),
        source_sha256: String::new(),
        responses: Vec::new(),
        price_lines: Vec::new(),
        subcontracting: None,
        lcc: None,
        original: None,
    };
    refusals.push(refusal(file.import_submissions(&at, std::slice::from_ref(&bid))));
    let nameless = Submission { bidder: " ".into(), lot_number: lot.number, ..bid };
    refusals.push(refusal(file.import_submissions(&at, &[nameless])));

    let change =
        ModelChange::AddCriterion { parent: None, code: "K1".into(), name: "Kvalitet".into(), weight: Decimal::ONE };
    refusals.push(refusal(file.change_evaluation_model(
        &at,
        lot.id,
        &ModelChange::RemoveCriterion { code: "X".into() },
    )));
    file.change_evaluation_model(&at, lot.id, &change).unwrap();
    // A model the engine cannot apply cannot be announced, so it is not published.
    refusals.push(refusal(file.lock_evaluation_model(&at, lot.id)));
    let priced = ModelChange::SetPriceRule {
        code: "K1".into(),
        rule: Some(serde_json::from_str(r#"{ "model": "proportional" }"#).unwrap()),
    };
    file.change_evaluation_model(&at, lot.id, &priced).unwrap();
    file.lock_evaluation_model(&at, lot.id).unwrap();
    refusals.push(refusal(file.change_evaluation_model(&at, lot.id, &change)));
    refusals.push(refusal(file.lock_evaluation_model(&at, lot.id)));
    refusals.push(refusal(file.unlock_evaluation_model(&at, lot.id, " ", false)));
    for (field, value) in [
        (TenderField::OcidPrefix, "ocds-12"),
        (TenderField::NoticesSentBy, "fax"),
        (TenderField::BidDeadline, "2026-09-14"),
        (TenderField::PublishedOn, "2026-09-15"),
        (TenderField::AwardDate, "2026-11-18"),
        (TenderField::NoticesSentOn, "2026-11-17"),
        (TenderField::NoticesSentOn, "2026-11-18"),
        (TenderField::StandstillEnds, "2026-11-27"),
    ] {
        if let Err(error) = file.set_tender_field(&at, field, value) {
            refusals.push(error.said());
        }
    }
    let out_of_order = |s: &&Said| s.en.contains(") must be ") || s.en.contains("at the earliest");
    assert_eq!(refusals.iter().filter(out_of_order).count(), 3, "three dates out of their order");
    drop(file);

    for said in &refusals {
        assert_danish(said);
    }
    let locked = refusals.iter().find(|s| s.en.contains("are frozen")).unwrap();
    assert!(locked.da.contains("kl."), "the Danish wording gives the time the Danish way: {}", locked.da);

    let new = NewTender { title: "Scannere".into(), authority: "Region Syddanmark".into(), reference: String::new() };
    let exists = TenderFile::create(&path, &new, &at).unwrap_err();
    assert!(matches!(exists, StoreError::Exists { .. }));
    assert_bilingual(&exists.said());
    let missing = TenderFile::open(&dir.path().join("ingen.tender"), Access::ReadOnly).unwrap_err();
    assert!(missing.said().da.contains("filen findes ikke"), "{}", missing.said().da);
}

#[test]
fn the_domain_checks_are_worded_in_danish_too() {
    let mut refusals = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file) = new_tender(dir.path(), "udbud.tender");
    let lot = file.add_lot(&stamp(1), "Scannere").unwrap();
    let mut model = file.evaluation_input(lot.id).unwrap();
    let add = |code: &str, parent: Option<&str>| ModelChange::AddCriterion {
        parent: parent.map(str::to_owned),
        code: code.into(),
        name: String::new(),
        weight: Decimal::TEN,
    };
    model_change::apply(&mut model, &add("K1", None)).unwrap();
    model_change::apply(&mut model, &add("K1.1", Some("K1"))).unwrap();
    for change in [
        add(" ", None),
        add("K1", None),
        ModelChange::AddCriterion { parent: None, code: "K2".into(), name: String::new(), weight: Decimal::ZERO },
        ModelChange::RenameCriterion { code: "X".into(), name: "Y".into() },
        ModelChange::MoveCriterion { code: "K1".into(), parent: Some("K1.1".into()), position: 0 },
        ModelChange::SetScale { min: Decimal::TEN, max: Decimal::ONE, steps: Vec::new() },
        ModelChange::SetScale {
            min: Decimal::ZERO,
            max: Decimal::TEN,
            steps: vec![ScaleStep {
                value: Decimal::new(125, 1),
                label: "Fremragende".into(),
                label_en: String::new(),
            }],
        },
        ModelChange::AssignRequirement {
            requirement: "K-1".into(),
            criterion: Some("K1".into()),
            weight: Decimal::ONE,
        },
    ] {
        refusals.push(model_change::apply(&mut model, &change).unwrap_err());
    }
    let scale = refusals.iter().find(|s| s.en.contains("12.5")).unwrap();
    assert!(scale.da.contains("12,5"), "Danish decimals in Danish: {}", scale.da);

    let questionnaire = Questionnaire::builtin();
    for (question, value, reason) in [
        ("proposal.REP-001", "maybe", ""),
        ("no.such.question", "1", ""),
        ("market.concentration", "9", ""),
        ("screening.repair", "award", " "),
        ("screening.repair", "sometimes", "Egne teknikere"),
    ] {
        refusals.push(questionnaire.check_answer(question, value, reason).unwrap_err());
    }

    let builtin = Catalogue::builtin();
    let template = builtin.templates.iter().find(|t| !t.parameters.is_empty()).unwrap();
    let unknown = BTreeMap::from([("colour".to_owned(), "blå".to_owned())]);
    let fill = |values: &BTreeMap<String, String>| template.fill(&builtin.version, "K-001", values).unwrap_err().said();
    refusals.push(fill(&unknown));
    let mut broken = builtin.clone();
    broken.name.clear();
    broken.templates[0].categories.clear();
    refusals.extend(broken.problems());

    for said in &refusals {
        assert_danish(said);
    }
}

#[test]
fn the_command_line_prints_a_refusal_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = new_tender(dir.path(), "udbud.tender");
    drop(file);
    let file = path.to_str().unwrap();
    let danish = run_cli(&["--lang", "da", "set", file, "currency", "kr"]);
    assert_eq!(danish.status.code(), Some(4));
    assert_eq!(
        text(&danish.stderr).trim(),
        "fejl: 'kr' er ikke en valutakode på tre store bogstaver, for eksempel DKK."
    );
    let english = run_cli(&["set", file, "currency", "kr", "--lang", "en"]);
    assert_eq!(english.status.code(), Some(4));
    assert_eq!(text(&english.stderr).trim(), "error: 'kr' is not a three-letter currency code such as DKK.");
    let from_locale =
        crate::support::cli().env("LC_ALL", "da_DK.UTF-8").args(["set", file, "title", ""]).output().unwrap();
    assert_eq!(text(&from_locale.stderr).trim(), "fejl: Titlen må ikke være tom.");
}
