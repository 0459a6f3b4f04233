//! The award report and letters: golden text, and the PDF checked with poppler and qpdf.

use crate::support::demo;
use std::path::{Path, PathBuf};
use std::process::Command;
use tenderbench::report::model::{Block, Column, Document, Table};
use tenderbench::report::verify::{Discrepancy, pdftotext, verify};
use tenderbench::report::{pdf, text};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> Document {
    let path = root().join("fixtures/report").join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn run(program: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

/// What `check` found out about a rendered document.
struct Checked {
    pdf: PathBuf,
    pages: usize,
    text_layer: String,
}

/// Renders `document` to text and PDF and checks everything that holds for every document: the text equals
/// the golden file (when one is named; `BLESS=1` rewrites it), the PDF is the same bytes twice, its text
/// layer holds every golden line, qpdf finds no fault and every font is embedded and subset.
fn check(name: &str, document: &Document, golden: bool) -> Checked {
    let rendered = text::render(document);
    if golden {
        let path = root().join("fixtures/report").join(format!("{name}.txt"));
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, &rendered).unwrap();
        }
        assert_eq!(rendered, std::fs::read_to_string(&path).unwrap(), "{name}: text differs from {}", path.display());
    }
    let bytes = pdf::render(document).unwrap();
    assert!(bytes == pdf::render(document).unwrap(), "{name}: two renderings differ");
    let dir = root().join("artifacts/report");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, &bytes).unwrap();
    let file = path.to_str().unwrap();

    let text_layer = pdftotext(&path).unwrap();
    verify(document, &text_layer).unwrap_or_else(|d| panic!("{name}: {d}"));
    let (clean, report) = run("qpdf", &["--check", file]);
    assert!(clean, "{name}: qpdf --check failed:\n{report}");
    let (_, fonts) = run("pdffonts", &[file]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{name}: no fonts");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // pdffonts columns from the right: object id (2), uni, sub, emb.
        let n = columns.len();
        assert_eq!((columns[n - 5], columns[n - 4]), ("yes", "yes"), "{name}: font not embedded and subset: {row}");
    }
    let (_, info) = run("pdfinfo", &[file]);
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    Checked { pdf: path, pages, text_layer }
}

fn png(pdf: &Path, page: usize, name: &str) {
    let out = root().join("artifacts/report").join(name);
    let page = page.to_string();
    let (ok, _) = run(
        "pdftoppm",
        &["-png", "-r", "80", "-singlefile", "-f", &page, "-l", &page, pdf.to_str().unwrap(), out.to_str().unwrap()],
    );
    assert!(ok && out.with_extension("png").exists());
}

#[test]
fn award_report_matches_its_golden_text_and_pdf() {
    let checked = check("w1-award-da", &fixture("w1-award-da"), true);
    assert_eq!(checked.pages, 5);
    png(&checked.pdf, 1, "w1-award-da-page1");
    png(&checked.pdf, 3, "w1-award-da-page3");
}

#[test]
fn letter_to_an_unsuccessful_bidder_matches_its_golden_text_and_pdf() {
    let checked = check("w1-letter-unsuccessful-da", &fixture("w1-letter-unsuccessful-da"), true);
    assert_eq!(checked.pages, 1);
    png(&checked.pdf, 1, "w1-letter-unsuccessful-da-page1");
}

#[test]
fn danish_letters_and_signs_survive_the_text_layer() {
    let mut document = fixture("w1-letter-unsuccessful-da");
    document.sections[0].blocks.push(Block::Paragraph("æ ø å Æ Ø Å § € – Ærø, Østergård, Åbenrå".into()));
    let checked = check("letters-and-signs", &document, false);
    assert!(checked.text_layer.contains("æ ø å Æ Ø Å § € – Ærø, Østergård, Åbenrå"));
}

#[test]
fn a_long_table_breaks_across_pages_and_repeats_its_header() {
    let mut document = fixture("w1-letter-unsuccessful-da");
    let rows = (1..=400)
        .map(|n| {
            vec![format!("K{n:03}"), format!("Krav nummer {n} om reservedele i {} år", n % 12 + 1), format!("{n},00")]
        })
        .collect();
    document.sections[1].blocks.push(Block::Table(Table {
        columns: vec![Column::left("Krav", 2), Column::left("Beskrivelse", 8), Column::right("Point", 2)],
        rows,
    }));
    let checked = check("long-table", &document, false);
    assert!(checked.pages >= 8, "{} pages", checked.pages);
    let headed =
        checked.text_layer.split('\u{c}').filter(|page| page.contains("Krav  ") || page.contains("Krav ")).count();
    assert!(headed >= checked.pages - 1, "header row on {headed} of {} pages", checked.pages);
    assert!(checked.text_layer.contains(&format!("Side {} af {}", checked.pages, checked.pages)));
    png(&checked.pdf, 2, "long-table-page2");
}

#[test]
fn an_altered_total_is_named() {
    let original = fixture("w1-award-da");
    let mut altered = original.clone();
    let ranking = altered.sections.iter_mut().find(|s| s.title == "Rangorden").unwrap();
    let Block::Table(table) = &mut ranking.blocks[0] else { panic!("the ranking starts with its table") };
    table.rows[0][4] = "7,50".into();
    let path = root().join("artifacts/report/altered-total.pdf");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, pdf::render(&altered).unwrap()).unwrap();
    let found = verify(&original, &pdftotext(&path).unwrap());
    assert_eq!(
        found,
        Err(Discrepancy::Number {
            expected: "7,40".into(),
            found: "7,50".into(),
            line: "1 Sonora Medical A/S 3,20 4,20 7,40".into()
        })
    );
}

/// A tender file with two lots, three bids for lot 1 (one failing a minimum requirement, one excluded by the
/// consultant as abnormally low) and a panel with one declared conflict.
fn tender_file(dir: &Path) -> PathBuf {
    use chrono::TimeZone;
    use tenderbench::audit::Stamp;
    use tenderbench::bid::{Response, Submission};
    use tenderbench::panel::Declaration;
    use tenderbench::requirement::{RequirementKind, RequirementText};
    use tenderbench::store::TenderFile;
    use tenderbench::tender::{NewTender, TenderField};

    let path = dir.join("ultralyd.tender");
    let stamp = Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 11, 20, 14, 5, 0).unwrap());
    let new = NewTender {
        title: "Ultralydsscannere til Region Syddanmark".into(),
        authority: "Region Syddanmark".into(),
        reference: "RSD-2026-0412".into(),
    };
    let mut store = TenderFile::create(&path, &new, &stamp).unwrap();
    for (field, value) in [
        (TenderField::CpvCodes, "33112200-0"),
        (TenderField::EstimatedValue, "14500000"),
        (TenderField::AwardDate, "2026-11-20"),
        (TenderField::StandstillEnds, "2026-11-30"),
    ] {
        store.set_tender_field(&stamp, field, value).unwrap();
    }
    let lot = store.add_lot(&stamp, "Stationære ultralydsscannere til radiologi").unwrap();
    store.set_lot_field(&stamp, lot.id, "estimated_value", "11000000").unwrap();
    store.add_lot(&stamp, "Håndholdte ultralydsscannere til akutmodtagelser").unwrap();
    let requirement = RequirementText {
        code: "M1".into(),
        kind: RequirementKind::Minimum,
        title_da: "CE-mærkning".into(),
        title_en: "CE marking".into(),
        text_da: "Udstyret er CE-mærket efter forordning (EU) 2017/745.".into(),
        text_en: "The equipment is CE marked under Regulation (EU) 2017/745.".into(),
        evidence: String::new(),
        area: String::new(),
        source: String::new(),
        template_id: None,
        catalogue_version: None,
        parameters: "{}".into(),
    };
    store.add_requirement(&stamp, lot.id, &requirement).unwrap();
    let submission = |bidder: &str, met: bool| Submission {
        bidder: bidder.into(),
        lot_number: 1,
        received_at: None,
        source_file: String::new(),
        source_sha256: String::new(),
        responses: vec![Response {
            requirement_code: "M1".into(),
            compliant: Some(met),
            value: String::new(),
            document_ref: String::new(),
            comment: String::new(),
        }],
        price_lines: Vec::new(),
        subcontracting: None,
        lcc: None,
        original: None,
    };
    let ids = store
        .import_submissions(
            &stamp,
            &[
                submission("Sonora Medical A/S", true),
                submission("Bølge & Ekko ApS", true),
                submission("Nordisk Billeddiagnostik ApS", false),
                submission("Lavpris Scan ApS", true),
            ],
        )
        .unwrap();
    let other = tenderbench::rejection::Rejection {
        ground: tenderbench::rejection::Ground::Other,
        reason: "Unormalt lavt tilbud; forklaringen af prisen blev ikke godtaget.".into(),
    };
    store.set_exclusion(&stamp, ids[3], Some(&other)).unwrap();
    store.reveal_prices(&stamp, lot.id, "Kvalitetspointene er aftalt.").unwrap();
    let karen = store.add_evaluator(&stamp, "Karen Østergaard", "Overlæge").unwrap();
    let jens = store.add_evaluator(&stamp, "Jens Ærø", "Biomedicinsk ingeniør").unwrap();
    store.declare(&stamp, karen, &Declaration::NoConflict).unwrap();
    let conflict = Declaration::Conflict {
        description: "Tidligere ansat hos Bølge & Ekko ApS".into(),
        measure: "Deltog ikke i scoringen af Bølge & Ekko ApS.".into(),
    };
    store.declare(&stamp, jens, &conflict).unwrap();
    path
}

#[test]
fn report_and_letters_from_a_tender_file_are_checked_against_it() {
    use tenderbench::locale::Lang;
    use tenderbench::report::{self, ReportError, build};
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let tender = tender_file(dir.path());
    let store = TenderFile::open(&tender, Access::ReadOnly).unwrap();
    for lang in [Lang::Da, Lang::En] {
        let name = format!("tender-file-{}", lang.code());
        let document = build::award_report(&store, lang).unwrap();
        golden(&name, &document);
        check(&name, &document, false);
    }
    drop(store);

    // The file does not say when the notices are sent, so there are no letters to date yet, and nothing
    // is written when they are asked for.
    let out = dir.path().join("award.pdf");
    let refused = report::write(&tender, &out, Lang::Da, Some(&dir.path().join("letters"))).unwrap_err();
    assert!(refused.to_string().contains("notices_sent_on"), "{refused}");
    assert!(!dir.path().join("letters").exists());
    let written = report::write(&tender, &out, Lang::Da, None).unwrap();
    assert!(written.letters.is_empty());
    assert_eq!(report::check(&tender, &out).unwrap(), report::Checked::Matches);

    let other = dir.path().join("other.pdf");
    let mut altered = build::award_report(&TenderFile::open(&tender, Access::ReadOnly).unwrap(), Lang::Da).unwrap();
    let tender_section = altered.sections.iter_mut().find(|s| s.title == "Udbuddet og delaftalerne").unwrap();
    let Block::Facts(facts) = &mut tender_section.blocks[0] else { panic!("the tender section starts with facts") };
    facts[3].value = "15.500.000 kr.".into();
    std::fs::write(&other, pdf::render(&altered).unwrap()).unwrap();
    match report::check(&tender, &other) {
        Err(ReportError::Mismatch { discrepancy: Discrepancy::Number { expected, found, .. }, .. }) => {
            assert_eq!((expected.as_str(), found.as_str()), ("14.500.000", "15.500.000"));
        }
        other => panic!("expected a number mismatch, got {other:?}"),
    }
}

/// The hash part of a document's seal line, which like the file hash is named by role in golden files.
fn seal_hash(document: &Document) -> &str {
    document.seal.rsplit(' ').next().filter(|hash| !hash.is_empty()).unwrap_or("<no seal>")
}

/// Compares `document`'s text with a golden file, the file hash (which SQLite's page layout changes from
/// run to run) named by role; `BLESS=1` rewrites the golden file.
fn golden(name: &str, document: &Document) {
    let rendered =
        text::render(document).replace(&document.file_sha256, "<sha256>").replace(seal_hash(document), "<hash>");
    let path = root().join("fixtures/report").join(format!("{name}.txt"));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &rendered).unwrap();
    }
    assert_eq!(rendered, std::fs::read_to_string(&path).unwrap(), "{name}: text differs from {}", path.display());
}

#[test]
fn the_demo_report_carries_the_engine_sections_and_check_proves_them() {
    use tenderbench::locale::Lang;
    use tenderbench::report::{self, ReportError, build, letter};
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let tender = demo(dir.path());
    let store = TenderFile::open(&tender, Access::ReadOnly).unwrap();
    for lang in [Lang::Da, Lang::En] {
        let document = build::award_report(&store, lang).unwrap();
        golden(&format!("demo-award-{}", lang.code()), &document);
        check(&format!("demo-award-{}", lang.code()), &document, false);
    }
    let letters = letter::letters(&store, Lang::Da).unwrap();
    let names: Vec<String> = letters.iter().map(|l| l.file_name()).collect();
    assert_eq!(
        names,
        [
            "lot-1-echohealth-gmbh.pdf",
            "lot-1-medimaging-nordic-aps.pdf",
            "lot-1-sonoscan-a-s.pdf",
            "lot-1-ultralyd-danmark-a-s.pdf"
        ]
    );
    every_letter_is_dated_with_its_standstill_and_complaints(&letters);
    golden("demo-letter-echohealth-da", &letters[0].document);
    golden("demo-letter-ultralyd-danmark-da", &letters[3].document);
    golden("demo-letter-ultralyd-danmark-en", &letter::letters(&store, Lang::En).unwrap()[3].document);
    let ultralyd = &letters[3].document;
    let checked = check("demo-letter-ultralyd-danmark-da", ultralyd, false);
    for advantage in [
        "Det vindende tilbud fik 8,00 point på Brugervenlighed mod jeres 6,00",
        "Det vindende tilbud fik 10,00 point på Reservedelsperiode mod jeres 5,71",
    ] {
        assert!(checked.text_layer.contains(advantage), "{advantage}\n{}", checked.text_layer);
    }
    png(&checked.pdf, 1, "demo-letter-ultralyd-danmark-da-page1");
    golden("demo-letter-sonoscan-da", &letters[2].document);
    golden("demo-letter-sonoscan-en", &letter::letters(&store, Lang::En).unwrap()[2].document);
    drop(store);

    // The PDF the demo wrote is the one check proves; a changed total in the ranking is named.
    assert_eq!(report::check(&tender, &dir.path().join("award-report.pdf")).unwrap(), report::Checked::Matches);
    let letter = dir.path().join("letters/lot-1-sonoscan-a-s.pdf");
    assert_eq!(report::check(&tender, &letter).unwrap(), report::Checked::Matches, "a letter is checked too");
    let mut altered = build::award_report(&TenderFile::open(&tender, Access::ReadOnly).unwrap(), Lang::Da).unwrap();
    let ranking = altered.sections.iter_mut().find(|s| s.title == "Rangorden").unwrap();
    let Some(Block::Table(table)) = ranking.blocks.iter_mut().find(|b| matches!(b, Block::Table(_))) else {
        panic!("the ranking has its table")
    };
    let total = table.rows[0].last_mut().unwrap();
    let expected = total.clone();
    *total = "8,45".into();
    let other = dir.path().join("altered.pdf");
    std::fs::write(&other, pdf::render(&altered).unwrap()).unwrap();
    match report::check(&tender, &other) {
        Err(ReportError::Mismatch { discrepancy: Discrepancy::Number { expected: e, found, .. }, .. }) => {
            assert_eq!((e, found.as_str()), (expected, "8,45"));
        }
        other => panic!("expected a number mismatch, got {other:?}"),
    }
}

/// Every bidder of every decided lot gets one letter, and each is dated, names the end of the standstill
/// period, and says how to complain.
fn every_letter_is_dated_with_its_standstill_and_complaints(letters: &[tenderbench::report::letter::Letter]) {
    for letter in letters {
        let text = text::render(&letter.document);
        let danish = letter.document.lang == tenderbench::locale::Lang::Da;
        let (date, standstill, complaints) = if danish {
            ("Dato: ", "Standstill-perioden udløber den", "Klagevejledning")
        } else {
            ("Date: ", "The standstill period ends on", "Complaints procedure")
        };
        for part in [date, standstill, complaints] {
            assert!(text.contains(part), "{}: no {part:?} in\n{text}", letter.file_name());
        }
        assert!(!text.contains("udelukket") && !text.contains("excluded"), "{text}");
    }
}

/// The demo is scored in full on lot 1 and has lot 2 still to model, and the guided steps say so.
#[test]
fn the_demo_tenders_steps_follow_what_its_file_holds() {
    use tenderbench::store::{Access, TenderFile};
    use tenderbench::tender::{Progress, StepStatus, step_states};
    let dir = tempfile::tempdir().unwrap();
    let file = TenderFile::open(&demo(dir.path()), Access::ReadOnly).unwrap();
    let progress = file.progress().unwrap();
    // Three admissible bids (EchoHealth answered "no" to a minimum requirement) on the two award
    // requirements placed under sub-criteria and scored by the panel (the two measured ones are scored by
    // their functions): 3 × 2 consensus scores, all given, and the prices opened.
    let expected = Progress {
        requirements: 14,
        models_started: 1,
        models_locked: 1,
        bids: 4,
        scores: 6,
        scores_missing: 0,
        lots_sealed: 0,
    };
    assert_eq!(progress, expected);
    let open = tenderbench::strategy::Questionnaire::builtin().unanswered_sections(&file.strategy_answers().unwrap());
    assert_eq!(open, Vec::<String>::new(), "the demo answers every required section of the strategy");
    let states = step_states(&file.tender().unwrap(), &file.lots().unwrap(), &progress, &open);
    let statuses: Vec<StepStatus> = states.iter().map(|s| s.status).collect();
    use StepStatus::*;
    // Lot 2 has no published model yet, so the requirements and the model are still in progress.
    assert_eq!(statuses, [Done, InProgress, InProgress, Done, Done, Done, NotStarted]);
}

/// A lot whose quality criterion announces minimum points of 5, with three bids scored 8, 4 and 7.
fn threshold_tender(dir: &Path) -> PathBuf {
    use chrono::TimeZone;
    use tenderbench::audit::Stamp;
    use tenderbench::bid::{PriceLine, Response, Submission};
    use tenderbench::evaluation::exchange;
    use tenderbench::rejection::{Ground, Rejection};
    use tenderbench::requirement::{RequirementKind, RequirementText};
    use tenderbench::store::TenderFile;
    use tenderbench::tender::{NewTender, TenderField};

    const MODEL: &str = r#"{ "scale": { "min": "0", "max": "10" }, "award_method": "best_price_quality",
      "criteria": [
        { "id": "PRIS", "name": "Pris", "weight": "40", "price": { "model": "linear_fixed", "full_points_at": "1000000", "zero_points_at": "2000000" } },
        { "id": "KVALITET", "name": "Kvalitet", "weight": "60", "min_points": "5", "children": [
          { "id": "KV-1", "name": "Brugervenlighed", "weight": "100", "requirements": [ { "id": "K-1" } ] } ] } ] }"#;
    let path = dir.join("threshold.tender");
    let stamp = Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 11, 20, 14, 5, 0).unwrap());
    let new = NewTender { title: "Scannere".into(), authority: "Region Syddanmark".into(), reference: String::new() };
    let mut store = TenderFile::create(&path, &new, &stamp).unwrap();
    let lot = store.add_lot(&stamp, "Scannere").unwrap();
    let text = RequirementText {
        code: "K-1".into(),
        kind: RequirementKind::Award,
        title_da: "Brugervenlighed".into(),
        title_en: "Usability".into(),
        text_da: "Beskriv brugerfladen.".into(),
        text_en: "Describe the user interface.".into(),
        evidence: String::new(),
        area: "quality".into(),
        source: "test".into(),
        template_id: None,
        catalogue_version: None,
        parameters: "{}".into(),
    };
    let requirement = store.add_requirement(&stamp, lot.id, &text).unwrap();
    let ce = RequirementText {
        code: "M-1".into(),
        kind: RequirementKind::Minimum,
        title_da: "CE-mærkning".into(),
        title_en: "CE marking".into(),
        text_da: "Udstyret er CE-mærket efter forordning (EU) 2017/745.".into(),
        text_en: "The equipment is CE marked under Regulation (EU) 2017/745.".into(),
        ..text
    };
    store.add_requirement(&stamp, lot.id, &ce).unwrap();
    store.set_evaluation_model(&stamp, lot.id, &exchange::parse_input(MODEL).unwrap()).unwrap();
    store.set_tender_field(&stamp, TenderField::NoticesSentOn, "2026-11-20").unwrap();
    // Delta leaves the CE requirement blank; Epsilon is rejected by the authority after a § 169 request.
    let submissions: Vec<Submission> = ["Alfa A/S", "Beta ApS", "Gamma A/S", "Delta ApS", "Epsilon A/S"]
        .iter()
        .map(|name| Submission {
            bidder: name.to_string(),
            lot_number: lot.number,
            received_at: None,
            source_file: String::new(),
            source_sha256: String::new(),
            responses: (*name != "Delta ApS")
                .then(|| Response {
                    requirement_code: "M-1".into(),
                    compliant: Some(true),
                    value: String::new(),
                    document_ref: String::new(),
                    comment: String::new(),
                })
                .into_iter()
                .collect(),
            price_lines: vec![PriceLine { item: "Scanner".into(), quantity: 1.into(), unit_price: 1_200_000.into() }],
            subcontracting: None,
            lcc: None,
            original: None,
        })
        .collect();
    let bids = store.import_submissions(&stamp, &submissions).unwrap();
    for (bid, points) in bids.iter().zip([8, 4, 7]) {
        store.set_consensus_score(&stamp, requirement.id, *bid, Some(points.into()), "Begrundelse").unwrap();
    }
    store.reveal_prices(&stamp, lot.id, "Kvalitetspointene er aftalt.").unwrap();
    let abnormally_low = Rejection {
        ground: Ground::AbnormallyLow {
            requested_on: "2026-10-26".parse().unwrap(),
            answered_on: Some("2026-11-02".parse().unwrap()),
        },
        reason: "Redegørelsen forklarer ikke, hvordan scanneren kan leveres under kostprisen.".into(),
    };
    store.set_exclusion(&stamp, bids[4], Some(&abnormally_low)).unwrap();
    path
}

#[test]
fn every_bidder_gets_the_letter_its_status_calls_for_with_the_reasons() {
    use tenderbench::locale::Lang;
    use tenderbench::report::{build, letter};
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let store = TenderFile::open(&threshold_tender(dir.path()), Access::ReadOnly).unwrap();
    let letters = letter::letters(&store, Lang::Da).unwrap();
    let names: Vec<String> = letters.iter().map(|l| l.file_name()).collect();
    assert_eq!(
        names,
        [
            "lot-1-alfa-a-s.pdf",
            "lot-1-beta-aps.pdf",
            "lot-1-delta-aps.pdf",
            "lot-1-epsilon-a-s.pdf",
            "lot-1-gamma-a-s.pdf"
        ],
        "one letter to every bidder of the lot"
    );
    every_letter_is_dated_with_its_standstill_and_complaints(&letters);
    let rendered: Vec<String> = letters.iter().map(|l| text::render(&l.document)).collect();
    let [alfa, beta, delta, epsilon, gamma] = &rendered[..] else { unreachable!("five letters") };
    assert!(alfa.starts_with("Meddelelse om tildeling\n"), "{alfa}");
    assert!(alfa.contains("Region Syddanmark har besluttet at tildele jer kontrakten om delaftale 1"), "{alfa}");
    assert!(gamma.starts_with("Meddelelse om tildelingsbeslutning"), "{gamma}");
    assert!(
        gamma.contains("det vindende tilbuds pris er 1.200.000 kr. mod jeres 1.200.000 kr."),
        "a price criterion's comparison gives both prices:\n{gamma}"
    );
    assert!(beta.starts_with("Meddelelse om afvisning af tilbud"), "{beta}");
    assert!(
        beta.contains("Kriteriet Kvalitet (KVALITET) fik 4,00 point, under de fastsatte mindstepoint på 5,00."),
        "{beta}"
    );
    assert!(beta.contains("kontrakten om delaftale 1 til Alfa A/S"), "a rejected bidder is told the award:\n{beta}");
    assert!(
        delta.contains(
            "Mindstekrav M-1 CE-mærkning. \"Udstyret er CE-mærket efter forordning (EU) 2017/745.\" Jeres besvarelse: ikke besvaret."
        ),
        "an unanswered minimum requirement is a reason, with its text:\n{delta}"
    );
    assert!(delta.contains("Tilbuddet er ukonditionsmæssigt"), "{delta}");
    assert!(
        epsilon.contains(
            "Region Syddanmark fandt tilbuddet unormalt lavt og anmodede den 26. oktober 2026 tilbudsgiveren om at redegøre for priserne og omkostningerne i tilbuddet (udbudslovens § 169, stk. 1). Redegørelsen blev modtaget den 2. november 2026. Den godtgør ikke det lave pris- og omkostningsniveau, og tilbuddet afvises derfor efter § 169, stk. 2. Vurdering: Redegørelsen forklarer ikke, hvordan scanneren kan leveres under kostprisen."
        ),
        "{epsilon}"
    );
    let english = text::render(&letter::letters(&store, Lang::En).unwrap()[1].document);
    assert!(
        english.contains("Criterion Kvalitet (KVALITET) scored 4.00 points, below its announced minimum of 5.00."),
        "{english}"
    );
    // The award report names the same rejections, and no rejected bidder is listed as admitted.
    let report = text::render(&build::award_report(&store, Lang::Da).unwrap());
    assert!(report.contains("Beta ApS: tilbuddet er afvist. Kriteriet Kvalitet (KVALITET) fik 4,00 point"), "{report}");
    assert!(
        report.contains("Delta ApS: tilbuddet er ukonditionsmæssigt og afvist. Mindstekrav M-1 CE-mærkning er ikke opfyldt (ikke besvaret)."),
        "{report}"
    );
    assert!(report.contains("Optagne tilbudsgivere: Alfa A/S (delaftale 1); Gamma A/S (delaftale 1)"), "{report}");
    assert!(
        report.contains(
            "Unormalt lave tilbud, der er afvist: Epsilon A/S (delaftale 1): redegørelse anmodet om 26. oktober 2026, modtaget 2. november 2026"
        ),
        "{report}"
    );
    assert!(!report.contains("udelukket"), "{report}");
}

/// A lot the engine cannot evaluate is reported with the engine's problems, in the report's language.
#[test]
fn a_lot_that_cannot_be_evaluated_names_its_problems_in_the_reports_language() {
    use chrono::TimeZone;
    use tenderbench::audit::Stamp;
    use tenderbench::locale::Lang;
    use tenderbench::report::build;
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let mut store = TenderFile::open(&threshold_tender(dir.path()), Access::ReadWrite).unwrap();
    let lot = store.lots().unwrap()[0].id;
    let beta = store.bids(lot).unwrap().into_iter().find(|b| b.bidder == "Beta ApS").unwrap();
    let requirement = store.requirements(lot).unwrap()[0].id;
    let stamp = Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap());
    store.set_consensus_score(&stamp, requirement, beta.id, None, "").unwrap();
    let danish = text::render(&build::award_report(&store, Lang::Da).unwrap());
    assert!(
        danish.contains(
            "Evalueringen kan ikke gennemføres, før dette er rettet: tilbuddet Beta ApS mangler point eller en værdi for K-1."
        ),
        "{danish}"
    );
    let english = text::render(&build::award_report(&store, Lang::En).unwrap());
    assert!(
        english.contains(
            "The evaluation cannot be made until this is corrected: bid Beta ApS has no score or value for K-1."
        ),
        "{english}"
    );
}

/// The demo's lot 1 was published on 3 August and its bids are in. A late requirement is refused while the
/// lot is published; an unlock needs a second confirmation; the changes it allows cannot be published again
/// after the bid deadline, and the report shows the model as first published, the model used, and each
/// change with its time, reason, and old and new value. The letters point to it.
#[test]
fn a_change_after_publication_is_confirmed_twice_and_shown_in_the_report() {
    use crate::support::{requirement, run_cli, stamp, text as output_text};
    use tenderbench::locale::Lang;
    use tenderbench::model_change::ModelChange;
    use tenderbench::report::{build, letter};
    use tenderbench::requirement::RequirementKind;
    use tenderbench::store::{Access, StoreError, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let tender = demo(dir.path());
    let file = tender.to_str().unwrap();
    let late = run_cli(&["requirements", "add", file, "--lot", "1", "RET-005"]);
    assert_eq!(late.status.code(), Some(4));
    assert!(output_text(&late.stderr).contains("are frozen"), "{}", output_text(&late.stderr));
    let once = run_cli(&["lock-model", file, "--unlock", "Rettelsesblad 3"]);
    assert_eq!(once.status.code(), Some(4));
    assert!(output_text(&once.stderr).contains("needs a second confirmation"), "{}", output_text(&once.stderr));

    let mut store = TenderFile::open(&tender, Access::ReadWrite).unwrap();
    let lot = store.lots().unwrap()[0].id;
    let reason = "Klage over vægtningen; kvalitet vægtes højere efter aftale med brugergruppen";
    store.unlock_evaluation_model(&stamp(0), lot, reason, true).unwrap();
    let reweight = ModelChange::Reweight { code: "KVALITET".into(), weight: rust_decimal::Decimal::from(50) };
    store.change_evaluation_model(&stamp(1), lot, &reweight).unwrap();
    store.add_requirement(&stamp(2), lot, &requirement("I-02", RequirementKind::Information)).unwrap();
    let relock = store.lock_evaluation_model(&stamp(3), lot).unwrap_err();
    assert!(matches!(relock, StoreError::Invalid(_)));
    assert!(relock.to_string().contains("after the bid deadline (14 September 2026)"), "{relock}");

    for lang in [Lang::Da, Lang::En] {
        let report = build::award_report(&store, lang).unwrap();
        let changes = report
            .sections
            .iter()
            .find(|s| s.title == lang.pick("Ændringer efter offentliggørelse", "Changes after publication"));
        let model = report
            .sections
            .iter()
            .find(|s| s.title.starts_with(lang.pick("Evalueringsmodellen", "The evaluation model")));
        let shown = format!(
            "{}\n{}",
            text::section_body(model.unwrap()),
            text::section_body(changes.expect("the changes section"))
        );
        let path = root().join("fixtures/report").join(format!("changed-after-publication-{}.txt", lang.code()));
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, &shown).unwrap();
        }
        assert_eq!(shown, std::fs::read_to_string(&path).unwrap(), "{} differs", path.display());
        let letter = text::render(&letter::letters(&store, lang).unwrap()[0].document);
        assert!(letter.contains(reason), "the letter names the unlock and its reason:\n{letter}");
    }
    // The PDF with the changes section and its letters are proved against the file by check --report.
    drop(store);
    let out = dir.path().join("changed.pdf");
    let written =
        tenderbench::report::write(&tender, &out, Lang::En, Some(&dir.path().join("changed-letters"))).unwrap();
    for pdf in std::iter::once(&out).chain(&written.letters) {
        let checked = run_cli(&["check", file, "--report", pdf.to_str().unwrap()]);
        assert!(checked.status.success(), "{}: {}", pdf.display(), output_text(&checked.stderr));
    }
}

/// The threshold tender with the shared first rank of Alfa and Gamma, left open or decided by a draw.
fn tied_tender(dir: &Path, drawn: bool) -> PathBuf {
    use chrono::TimeZone;
    use tenderbench::audit::Stamp;
    use tenderbench::store::{Access, TenderFile};
    use tenderbench::tender::TenderField;
    use tenderbench::tie_break::DrawByLot;

    let path = threshold_tender(dir);
    let mut store = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let lot = store.lots().unwrap()[0].id;
    let bids = store.bids(lot).unwrap();
    let gamma = bids.iter().find(|b| b.bidder == "Gamma A/S").unwrap();
    let requirement = store.requirements(lot).unwrap().into_iter().find(|r| r.text.code == "K-1").unwrap();
    let stamp = Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap());
    store.set_consensus_score(&stamp, requirement.id, gamma.id, Some(8.into()), "Lige så god som Alfa").unwrap();
    if drawn {
        store.set_tender_field(&stamp, TenderField::TieBreakRule, "draw").unwrap();
        let draw = DrawByLot {
            bidder: "Gamma A/S".into(),
            held_on: "2026-11-21".parse().unwrap(),
            held_by: "Mette Holm, udbudsjurist".into(),
            witnesses: "Jens Lund, indkøbschef".into(),
        };
        store.set_draw(&stamp, lot, Some((gamma.id, &draw))).unwrap();
    }
    path
}

/// Every scenario's report and letters, in Danish and in English, as golden text that each PDF's text layer
/// must hold: the threshold tender (a minimum requirement left unanswered, an abnormally low tender
/// rejected after a § 169 request, and a second lot without bids), a shared first rank left open, and one
/// decided by a recorded draw.
#[test]
fn each_scenario_reads_as_its_golden_report_and_letters() {
    use tenderbench::locale::Lang;
    use tenderbench::report::{build, letter};
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    for scenario in ["threshold", "tie-open", "tie-drawn"] {
        std::fs::create_dir(dir.path().join(scenario)).unwrap();
    }
    let with_empty_lot = |dir: &Path| {
        let path = threshold_tender(dir);
        let mut store = TenderFile::open(&path, Access::ReadWrite).unwrap();
        store.add_lot(&crate::support::stamp(0), "Håndholdte scannere").unwrap();
        path
    };
    let scenarios: [(&str, PathBuf); 3] = [
        ("threshold", with_empty_lot(&dir.path().join("threshold"))),
        ("tie-open", tied_tender(&dir.path().join("tie-open"), false)),
        ("tie-drawn", tied_tender(&dir.path().join("tie-drawn"), true)),
    ];
    for (scenario, path) in &scenarios {
        let store = TenderFile::open(path, Access::ReadOnly).unwrap();
        for lang in [Lang::Da, Lang::En] {
            let report = build::award_report(&store, lang).unwrap();
            let mut documents = vec![(format!("scenario-{scenario}-report-{}", lang.code()), report)];
            for letter in letter::letters(&store, lang).unwrap() {
                let name = letter.file_name().trim_end_matches(".pdf").to_owned();
                documents.push((format!("scenario-{scenario}-{name}-{}", lang.code()), letter.document));
            }
            for (name, document) in &documents {
                golden(name, document);
                check(name, document, false);
            }
        }
    }
}

/// The letter to the bidder that lost under a plain price, a price per quality point or a value-adjusted
/// price gives what the totals are made of: the two prices, with the quality points or the money value of
/// the quality where the method uses them. Each is golden text, in Danish and English, proved in a PDF.
#[test]
fn a_price_built_total_is_explained_in_the_unsuccessful_bidders_letter() {
    use tenderbench::evaluation::exchange;
    use tenderbench::locale::Lang;
    use tenderbench::report::evaluation::{self as engine, EvaluatedLot, Format};

    for (method, expected) in [
        (
            "linear_from_lowest",
            vec![
                "Det vindende tilbud fik 10,00 point på PRICE mod jeres 5,00: det vindende tilbuds pris er 100 kr. mod jeres 150 kr.",
            ],
        ),
        (
            "price_per_quality_point",
            vec![
                "Pris, det vindende tilbud: 1.200 kr.",
                "Kvalitetspoint, det vindende tilbud: 7,00",
                "Pris, jeres tilbud: 1.000 kr.",
                "Kvalitetspoint, jeres tilbud: 5,00",
            ],
        ),
        (
            "value_adjusted_price",
            vec![
                "Pris, det vindende tilbud: 1.000.000 kr.",
                "Kvalitetens værdi, det vindende tilbud: 150.000 kr.",
                "Pris, jeres tilbud: 1.200.000 kr.",
                "Kvalitetens værdi, jeres tilbud: 220.000 kr.",
            ],
        ),
    ] {
        let input = std::fs::read_to_string(root().join("fixtures/evaluation").join(method).join("input.json"));
        let lot = EvaluatedLot::evaluate(1, "Scannere", None, exchange::parse_input(&input.unwrap()).unwrap());
        let (_, unsuccessful) = engine::unsuccessful(&lot).expect("a winner and a runner-up");
        for lang in [Lang::Da, Lang::En] {
            let f = Format { lang, currency: "DKK" };
            let sections = engine::comparison(f, "Region Syddanmark", &lot, &unsuccessful[0]);
            let decision = sections.iter().map(text::section_body).collect::<Vec<_>>().join("\n");
            for line in expected.iter().filter(|_| lang == Lang::Da) {
                assert!(decision.contains(line), "{method}: no {line:?} in\n{decision}");
            }
            // The decision and the relative advantages as the letter gives them, golden and proved in a PDF.
            let mut document = fixture("w1-letter-unsuccessful-da");
            document.lang = lang;
            document.heading = lang.pick("Meddelelse om tildelingsbeslutning", "Notice of the award decision").into();
            document.preamble = vec![
                format!("{} {}", lang.pick("Til:", "To:"), unsuccessful[0].bid),
                format!("{} Region Syddanmark", lang.pick("Fra:", "From:")),
            ];
            document.sections = sections;
            let name = format!("comparison-{method}-{}", lang.code());
            check(&name, &document, true);
        }
    }
}

/// Two tenders with the same total share the first rank: the report says the decision is open rather than
/// claiming a tie-break rule decided, and no letter tells the co-first bidder it was not chosen.
#[test]
fn tied_tenders_share_the_first_rank_and_no_notices_go_out() {
    use chrono::TimeZone;
    use tenderbench::audit::Stamp;
    use tenderbench::locale::Lang;
    use tenderbench::report::{build, letter};
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let mut store = TenderFile::open(&threshold_tender(dir.path()), Access::ReadWrite).unwrap();
    let lot = store.lots().unwrap()[0].id;
    let gamma = store.bids(lot).unwrap().into_iter().find(|b| b.bidder == "Gamma A/S").unwrap();
    let requirement = store.requirements(lot).unwrap().into_iter().find(|r| r.text.code == "K-1").unwrap();
    let stamp = Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap());
    store.set_consensus_score(&stamp, requirement.id, gamma.id, Some(8.into()), "Lige så god som Alfa").unwrap();
    let report = text::render(&build::award_report(&store, Lang::Da).unwrap());
    assert!(report.contains("Ikke afgjort: Alfa A/S, Gamma A/S"), "{report}");
    assert!(report.contains("Alfa A/S og Gamma A/S har samme samlede resultat og deler første plads."), "{report}");
    assert!(!report.contains("afgjort efter reglen"), "{report}");
    assert!(
        report.contains("Vinder og begrundelse: Ingen\n"),
        "the record names no winner of a shared rank:\n{report}"
    );
    assert!(report.contains("Værdi af de tildelte kontrakter: Ingen\n"), "{report}");
    assert!(!report.contains("Det indstilles"), "no award is recommended while the rank is shared:\n{report}");
    assert!(letter::letters(&store, Lang::Da).unwrap().is_empty(), "no notices while the award is undecided");
}

/// Under the rule of drawing lots, the draw is recorded from the CLI only for a tender that shares the first
/// rank; it then decides, and the report, the record and the letters say who drew, when and before whom.
/// The selection result recorded for a tenderer goes into the record.
#[test]
fn a_recorded_draw_decides_a_shared_rank_and_the_record_tells_it() {
    use crate::support::run_cli;
    use chrono::TimeZone;
    use tenderbench::audit::Stamp;
    use tenderbench::locale::Lang;
    use tenderbench::report::{build, letter};
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let path = threshold_tender(dir.path());
    let mut store = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let lot = store.lots().unwrap()[0].id;
    let gamma = store.bids(lot).unwrap().into_iter().find(|b| b.bidder == "Gamma A/S").unwrap();
    let requirement = store.requirements(lot).unwrap().into_iter().find(|r| r.text.code == "K-1").unwrap();
    let stamp = Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap());
    store.set_consensus_score(&stamp, requirement.id, gamma.id, Some(8.into()), "Lige så god som Alfa").unwrap();
    drop(store);
    let file = path.to_str().unwrap();
    let draw = |bidder: &str| {
        run_cli(&[
            "--lang",
            "en",
            "draw",
            file,
            "--lot",
            "1",
            "--bidder",
            bidder,
            "--held-on",
            "2026-11-21",
            "--held-by",
            "Mette Holm, udbudsjurist",
            "--witnesses",
            "Jens Lund, indkøbschef, og Bo Ravn, Alfa A/S",
        ])
    };
    let refused = draw("Gamma A/S");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("lots are drawn only under the rule of drawing lots"), "{said}");
    assert!(run_cli(&["set", file, "tie_break_rule", "draw"]).status.success());
    let refused = draw("Beta ApS");
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(
        said.contains("Beta ApS does not share the first rank of lot 1; the tenders that do: Alfa A/S, Gamma A/S."),
        "{said}"
    );
    let drawn = draw("Gamma A/S");
    assert!(drawn.status.success(), "{}", String::from_utf8_lossy(&drawn.stderr));
    let selected = run_cli(&[
        "select",
        file,
        "--lot",
        "1",
        "--bidder",
        "Alfa A/S",
        "--result",
        "qualified",
        "--reason",
        "ESPD og referencer opfylder egnethedskravene.",
    ]);
    assert!(selected.status.success(), "{}", String::from_utf8_lossy(&selected.stderr));

    let store = TenderFile::open(&path, Access::ReadOnly).unwrap();
    let report = text::render(&build::award_report(&store, Lang::Da).unwrap());
    let told = "Efter reglen ved lige point i udbudsmaterialet er der trukket lod den 21. november 2026. Lodtrækningen \
                blev foretaget af Mette Holm, udbudsjurist i overværelse af Jens Lund, indkøbschef, og Bo Ravn, Alfa A/S, \
                og den valgte Gamma A/S.";
    assert!(report.contains(told), "{report}");
    assert!(report.contains("Lodtrækning, delaftale 1"), "the timeline has the draw:\n{report}");
    assert!(report.contains("Alfa A/S (delaftale 1): egnet: ESPD og referencer opfylder egnethedskravene"), "{report}");
    assert!(report.contains("Beta ApS (delaftale 1): resultatet er ikke registreret"), "{report}");
    let letters = letter::letters(&store, Lang::Da).unwrap();
    let alfa = letters.iter().find(|l| l.bidder == "Alfa A/S").expect("the draw decided, so Alfa is told");
    assert!(text::render(&alfa.document).contains("og den valgte Gamma A/S."));
}

/// A consensus score without the panel's reason is refused: the report and the letters would have nothing
/// to tell the bidder.
#[test]
fn a_consensus_score_needs_the_panels_justification() {
    use chrono::TimeZone;
    use tenderbench::audit::Stamp;
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let mut store = TenderFile::open(&threshold_tender(dir.path()), Access::ReadWrite).unwrap();
    let lot = store.lots().unwrap()[0].id;
    let alfa = store.bids(lot).unwrap().into_iter().find(|b| b.bidder == "Alfa A/S").unwrap();
    let requirement = store.requirements(lot).unwrap().into_iter().find(|r| r.text.code == "K-1").unwrap();
    let stamp = Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap());
    let before = store.audit_log().unwrap().len();
    let refused = store.set_consensus_score(&stamp, requirement.id, alfa.id, Some(9.into()), "  ").unwrap_err();
    assert_eq!(
        refused.said().en,
        "Requirement K-1, Alfa A/S: a consensus score needs the panel's justification; write why the panel agreed on it."
    );
    assert!(refused.said().da.starts_with("Krav K-1, Alfa A/S: konsensuspoint skal have panelets begrundelse"));
    assert_eq!(store.consensus_score(requirement.id, alfa.id).unwrap().unwrap().0, 8.into(), "nothing changed");
    assert_eq!(store.audit_log().unwrap().len(), before);
    store.set_consensus_score(&stamp, requirement.id, alfa.id, None, "").unwrap();
}

/// The procedure record gives the procedure's timeline from the file and its audit log, the value awarded,
/// and each lot not awarded with the reason; a declaration given after the evaluator's first score is named.
#[test]
fn the_procedure_record_has_the_timeline_and_names_a_declaration_after_scoring() {
    use chrono::TimeZone;
    use tenderbench::audit::Stamp;
    use tenderbench::locale::Lang;
    use tenderbench::panel::Declaration;
    use tenderbench::report::build;
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let mut store = TenderFile::open(&threshold_tender(dir.path()), Access::ReadWrite).unwrap();
    let lot = store.lots().unwrap()[0].id;
    let alfa = store.bids(lot).unwrap().into_iter().find(|b| b.bidder == "Alfa A/S").unwrap();
    let requirement = store.requirements(lot).unwrap().into_iter().find(|r| r.text.code == "K-1").unwrap();
    let at = |day, hour| Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap());
    let karen = store.add_evaluator(&at(21, 8), "Karen Østergaard", "Overlæge").unwrap();
    store.declare(&at(21, 8), karen, &Declaration::NoConflict).unwrap();
    store.set_individual_score(&at(21, 9), karen, requirement.id, alfa.id, Some(8.into()), "").unwrap();
    let conflict = Declaration::Conflict {
        description: "Søster ansat hos Alfa A/S".into(),
        measure: "Scorer ikke Alfa A/S".into(),
    };
    store.declare(&at(23, 10), karen, &conflict).unwrap();

    let report = text::render(&build::award_report(&store, Lang::Da).unwrap());
    for line in [
        "Værdi af de tildelte kontrakter: delaftale 1: 1.200.000 kr. (Alfa A/S)",
        "Karen Østergaard gav sin første score 21. november 2026 kl. 10.00 (dansk tid), før sin erklæring 23. november 2026 kl. 11.00 (dansk tid).",
    ] {
        assert!(report.contains(line), "no {line:?} in\n{report}");
    }
    let scoring = report.lines().find(|line| line.starts_with("Individuel bedømmelse, delaftale 1 "));
    assert!(scoring.is_some_and(|line| line.ends_with(" 21. november 2026 kl. 10.00 (dansk tid)")), "{report}");
    let english = text::render(&build::award_report(&store, Lang::En).unwrap());
    assert!(english.contains("Lots not awarded: None"), "{english}");
}

/// `tenderbench reject` records the authority's own rejection with the facts its ground needs, refuses one
/// whose facts do not hold, and the letter to the bidder follows it; a withdrawn rejection gives the bidder
/// its place in the ranking back.
#[test]
fn a_rejection_from_the_command_line_reaches_the_bidders_letter() {
    use crate::support::{run_cli, text as output};
    use tenderbench::locale::Lang;
    use tenderbench::report::letter;
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let tender = demo(dir.path());
    let file = tender.to_str().unwrap();
    let reject = |extra: &[&str]| {
        let mut args = vec!["--lang", "en", "reject", file, "--lot", "1", "--bidder", "medimaging nordic aps"];
        args.extend_from_slice(extra);
        run_cli(&args)
    };
    let letter_to_medimaging = || {
        let store = TenderFile::open(&tender, Access::ReadOnly).unwrap();
        let letters = letter::letters(&store, Lang::Da).unwrap();
        text::render(&letters.iter().find(|l| l.bidder == "MedImaging Nordic ApS").unwrap().document)
    };
    let before = std::fs::read(&tender).unwrap();

    let refused = reject(&["--ground", "abnormally-low", "--reason", "Prisen er ikke forklaret."]);
    assert!(!refused.status.success());
    assert!(output(&refused.stderr).contains("this ground needs --requested DATE"), "{}", output(&refused.stderr));
    let early = ["--ground", "late", "--received", "2026-09-01T10:00:00+02:00", "--reason", "For sent."];
    let refused = reject(&early);
    assert!(
        output(&refused.stderr).contains("a tender received on 2026-09-01 is not late: the deadline is 2026-09-14"),
        "{}",
        output(&refused.stderr)
    );
    assert_eq!(std::fs::read(&tender).unwrap(), before, "a refused rejection changes nothing");

    let done = reject(&[
        "--ground",
        "abnormally-low",
        "--requested",
        "2026-10-12",
        "--reason",
        "Anskaffelsesprisen ligger 30 % under de øvrige tilbud uden forklaring.",
    ]);
    assert!(done.status.success(), "{}", output(&done.stderr));
    assert!(output(&done.stdout).contains("No explanation was received"), "{}", output(&done.stdout));
    let letter = letter_to_medimaging();
    assert!(letter.starts_with("Meddelelse om afvisning af tilbud"), "{letter}");
    assert!(
        letter
            .contains("Der er ikke modtaget en redegørelse, så det lave pris- og omkostningsniveau er ikke begrundet"),
        "{letter}"
    );
    assert!(letter.contains("Vurdering: Anskaffelsesprisen ligger 30 % under de øvrige tilbud uden forklaring."));

    assert!(reject(&["--withdraw"]).status.success());
    let letter = letter_to_medimaging();
    assert!(letter.starts_with("Meddelelse om tildelingsbeslutning"), "{letter}");
    let checked = run_cli(&["check", file]);
    assert!(checked.status.success(), "{}", output(&checked.stdout));
}

/// No page ends with a heading: a section's heading and a subheading keep the start of what they head on
/// their page, in the demo report and in a report of about a hundred pages.
#[test]
fn no_page_ends_with_a_heading() {
    use tenderbench::locale::Lang;
    use tenderbench::report::{build, synthetic};
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let store = TenderFile::open(&demo(dir.path()), Access::ReadOnly).unwrap();
    let mut documents: Vec<(String, Document)> = [Lang::Da, Lang::En]
        .map(|lang| (format!("demo-{}", lang.code()), build::award_report(&store, lang).unwrap()))
        .into();
    documents.push(("synthetic".into(), synthetic::award_report(&synthetic::tender(50, 2000))));
    for (name, document) in documents {
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, pdf::render(&document).unwrap()).unwrap();
        let text = pdftotext(&path).unwrap();
        let mut headings: Vec<String> =
            document.sections.iter().enumerate().map(|(i, s)| format!("{}. {}", i + 1, s.title)).collect();
        for section in &document.sections {
            headings.extend(section.blocks.iter().filter_map(|b| match b {
                Block::Subheading(text) => Some(text.clone()),
                _ => None,
            }));
        }
        let furniture = |line: &str| {
            line == document.running_head()
                || line.starts_with(&document.file_line())
                || document.seal_line().is_some_and(|seal| line.starts_with(&seal))
                || line.starts_with(Lang::Da.pick("Side ", "Page "))
                || line.starts_with("Page ")
        };
        let pages: Vec<&str> = text.split('\u{c}').filter(|page| !page.trim().is_empty()).collect();
        assert!(name != "synthetic" || pages.len() >= 90, "{name}: only {} pages", pages.len());
        for (number, page) in pages.iter().enumerate().skip(1) {
            let last = page.lines().map(str::trim).rfind(|l| !l.is_empty() && !furniture(l)).unwrap_or("");
            assert!(!headings.iter().any(|h| h == last), "{name}: page {} ends with the heading {last:?}", number + 1);
        }
    }
}

/// A bid far below the others' mean price is flagged for a request for explanation at the share the tender
/// sets, never rejected by the flag; a share outside 0–100 % is refused.
#[test]
fn a_bid_far_below_the_others_is_flagged_as_possibly_abnormally_low() {
    use crate::support::{run_cli, text as output};
    use rust_decimal::Decimal;
    use tenderbench::bid_overview::bid_overview;
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let tender = demo(dir.path());
    let file = tender.to_str().unwrap();
    let flagged = || {
        let store = TenderFile::open(&tender, Access::ReadOnly).unwrap();
        let overview = bid_overview(&store).unwrap();
        overview
            .into_iter()
            .filter_map(|b| Some((b.bidder, b.abnormally_low?.round_dp(2), b.rejection.is_none())))
            .collect::<Vec<_>>()
    };
    assert_eq!(flagged(), [], "at the default 20 % no demo bid is flagged");
    assert!(run_cli(&["set", file, "abnormally_low_share", "8"]).status.success());
    // MedImaging's 11.544.000 kr. against the mean of 12.948.000 and 12.360.000 kr.: 8,77 % below.
    assert_eq!(flagged(), [("MedImaging Nordic ApS".to_owned(), Decimal::new(877, 2), true)]);
    let refused = run_cli(&["--lang", "en", "set", file, "abnormally_low_share", "120"]);
    assert!(
        output(&refused.stderr).contains("is not a share in per cent between 0 and 100"),
        "{}",
        output(&refused.stderr)
    );
}

/// The English report and letters use the English texts of the criteria, the requirements and the scale;
/// where a text has no English version the consultant is told which, rather than Danish slipping through.
#[test]
fn the_english_report_speaks_english_and_names_each_missing_english_text() {
    use tenderbench::locale::Lang;
    use tenderbench::report::{build, letter};
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let store = TenderFile::open(&demo(dir.path()), Access::ReadOnly).unwrap();
    assert_eq!(build::missing_english(&store).unwrap(), [], "the demo has every English text");
    let mut english = text::render(&build::award_report(&store, Lang::En).unwrap());
    for letter in letter::letters(&store, Lang::En).unwrap() {
        english += &text::render(&letter.document);
    }
    for danish in [
        "Pris (livscyklusomkostninger)",
        "Billedkvalitet",
        "Brugervenlighed",
        "Energiforbrug i brug",
        "Energi og miljø",
        "Fremragende opfyldelse",
        "Ringe opfyldelse",
        "Reservedele i et antal år fra levering",
        "Lavt energiforbrug i brug",
    ] {
        assert!(!english.contains(danish), "the English report says {danish:?}");
    }
    assert!(english.contains("Image quality") && english.contains("Excellent fulfilment"), "{english}");

    let threshold = TenderFile::open(&threshold_tender(dir.path()), Access::ReadOnly).unwrap();
    let missing: Vec<String> = build::missing_english(&threshold).unwrap().into_iter().map(|s| s.en).collect();
    assert_eq!(
        missing,
        [
            "lot 1: the name of criterion PRIS, \"Pris\"",
            "lot 1: the name of criterion KVALITET, \"Kvalitet\"",
            "lot 1: the name of criterion KV-1, \"Brugervenlighed\"",
        ]
    );
}

/// A paragraph that runs on to the next page is read whole by the check, page counter and all between.
#[test]
fn a_paragraph_broken_across_pages_is_verified_whole() {
    let mut document = fixture("w1-letter-unsuccessful-da");
    let sentence = "Tilbuddet beskriver arbejdsgangen grundigt, og brugergruppen fandt den logisk og hurtig at lære.";
    for n in 1..=40 {
        document.sections[0].blocks.push(Block::Paragraph(format!("{n}. {}", [sentence; 4].join(" "))));
    }
    let checked = check("paragraph-across-pages", &document, false);
    assert!(checked.pages >= 3, "{} pages", checked.pages);
}

/// The tender's tie-break rule decides a shared first rank where the file holds what it needs: the lowest
/// price or the most quality points. Drawing lots, or no rule, leaves the decision open.
#[test]
fn the_announced_tie_break_rule_decides_a_shared_first_rank() {
    use tenderbench::evaluation::exchange;
    use tenderbench::locale::Lang;
    use tenderbench::report::evaluation::{self as engine, EvaluatedLot, Format};
    use tenderbench::tie_break::{DrawByLot, TieBreak};

    // A: price 1.000.000 kr. (10 points) and quality 6; B: 1.400.000 kr. (6 points) and quality 10. Both 8,00.
    const TIED: &str = r#"{ "scale": { "min": "0", "max": "10" }, "award_method": "best_price_quality",
      "criteria": [
        { "id": "PRIS", "name": "Pris", "weight": "50",
          "price": { "model": "linear_fixed", "full_points_at": "1000000", "zero_points_at": "2000000" } },
        { "id": "KVAL", "name": "Kvalitet", "weight": "50" } ],
      "bids": [
        { "id": "A", "bidder": "Alfa A/S", "price": "1000000", "scores": { "KVAL": "6" } },
        { "id": "B", "bidder": "Beta ApS", "price": "1400000", "scores": { "KVAL": "10" } } ] }"#;
    let f = Format { lang: Lang::Da, currency: "DKK" };
    let decided_by = |rule: TieBreak, draw: Option<&DrawByLot>| {
        let mut lot = EvaluatedLot::evaluate(1, "Scannere", None, exchange::parse_input(TIED).unwrap());
        lot.break_tie(rule, draw);
        let decision = text::section_body(&engine::decision(f, std::slice::from_ref(&lot), String::new()));
        let letter = engine::unsuccessful(&lot)
            .filter(|(winner, rest)| rest.first().is_some_and(|r| r.rank > winner.rank))
            .map(|(_, rest)| text::section_body(&engine::comparison(f, "Region Syddanmark", &lot, &rest[0])[0]));
        (decision, letter)
    };
    let decided = |rule: TieBreak| decided_by(rule, None);

    let (decision, letter) = decided(TieBreak::LowestPrice);
    assert!(
        decision.contains(
            "Alfa A/S og Beta ApS har samme samlede resultat. Efter reglen ved lige point i udbudsmaterialet, laveste pris, er Alfa A/S valgt."
        ),
        "{decision}"
    );
    let letter = letter.expect("the rule decided, so the other tied tender gets its letter");
    assert!(letter.contains("Jeres tilbud er ikke valgt; det blev nr. 2 af 2."), "{letter}");
    assert!(letter.contains("laveste pris, er Alfa A/S valgt."), "{letter}");

    let (decision, _) = decided(TieBreak::HighestQuality);
    assert!(decision.contains("flest kvalitetspoint, er Beta ApS valgt."), "{decision}");

    for rule in [TieBreak::None, TieBreak::Draw] {
        let (decision, letter) = decided(rule);
        assert!(decision.contains("Ikke afgjort: Alfa A/S, Beta ApS"), "{decision}");
        assert!(letter.is_none(), "no letter while the decision is open");
    }

    // A recorded draw decides under the rule of drawing lots, and under no other rule.
    let draw = DrawByLot {
        bidder: "Beta ApS".into(),
        held_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        held_by: "Mette Holm, udbudsjurist".into(),
        witnesses: "Jens Lund, indkøbschef".into(),
    };
    let (decision, letter) = decided_by(TieBreak::Draw, Some(&draw));
    assert!(
        decision.contains(
            "Efter reglen ved lige point i udbudsmaterialet er der trukket lod den 20. november 2026. Lodtrækningen blev foretaget af Mette Holm, udbudsjurist i overværelse af Jens Lund, indkøbschef, og den valgte Beta ApS."
        ),
        "{decision}"
    );
    assert!(letter.expect("the draw decided").contains("det blev nr. 2 af 2."));
    let (decision, _) = decided_by(TieBreak::None, Some(&draw));
    assert!(decision.contains("Ikke afgjort: Alfa A/S, Beta ApS"), "{decision}");
}

/// A measured requirement's relative advantage gives the two measured values and the announced function.
#[test]
fn a_measured_requirement_is_compared_by_its_values_and_function() {
    use tenderbench::evaluation::exchange;
    use tenderbench::locale::Lang;
    use tenderbench::report::evaluation::{self as engine, EvaluatedLot, Format};

    let input = std::fs::read_to_string(root().join("fixtures/evaluation/measured/input.json")).unwrap();
    let lot = EvaluatedLot::evaluate(1, "Scannere", None, exchange::parse_input(&input).unwrap());
    let (winner, rest) = engine::unsuccessful(&lot).unwrap();
    let f = Format { lang: Lang::Da, currency: "DKK" };
    let letter = text::section_body(&engine::comparison(f, "Region Syddanmark", &lot, &rest[0])[2]);
    let (theirs, yours) = if winner.bid == "B" { ("50", "300") } else { ("300", "50") };
    assert!(
        letter.contains(&format!(
            "det vindende tilbuds målte værdi er {theirs} mod jeres {yours} (den offentliggjorte funktion: bedst 100, værst 500 (lavere er bedre))."
        )),
        "{letter}"
    );
}

/// A procedure the law asks reasons for is recorded with them, or with the note that they are missing.
#[test]
fn the_record_gives_the_reasons_for_a_negotiated_procedure() {
    use crate::support::run_cli;
    use tenderbench::locale::Lang;
    use tenderbench::report::build;
    use tenderbench::store::{Access, TenderFile};

    let dir = tempfile::tempdir().unwrap();
    let tender = threshold_tender(dir.path());
    let file = tender.to_str().unwrap();
    let record = || {
        let store = TenderFile::open(&tender, Access::ReadOnly).unwrap();
        text::render(&build::award_report(&store, Lang::Da).unwrap())
    };
    assert!(record().contains("Udbudsform: Offentligt udbud\n"), "an open procedure needs no reasons");
    assert!(run_cli(&["set", file, "procedure", "competitive_negotiation"]).status.success());
    assert!(record().contains("begrundelsen for udbudsformen er ikke angivet"));
    let reasons = "Scannerne skal tilpasses regionens PACS, og kravene kan ikke fastlægges uden forhandling.";
    assert!(run_cli(&["set", file, "procedure_justification", reasons]).status.success());
    assert!(record().contains(&format!("; begrundelse: {reasons}")), "{}", record());
}

/// While a lot's prices are sealed, the report and the letters, which give every bid's price, are refused
/// and nothing is written.
#[test]
fn the_report_waits_for_the_prices_to_be_opened() {
    use crate::support::{cli, text};
    let dir = tempfile::tempdir().unwrap();
    let output = cli().args(["--actor", "demo", "demo", "--stage", "quality-agreed"]).arg(dir.path()).output().unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let tender = dir.path().join("ultrasound-demo.tender");
    let out = dir.path().join("sealed-report.pdf");
    let refused = cli().arg("report").arg(&tender).arg("--out").arg(&out).output().unwrap();
    assert_eq!(refused.status.code(), Some(4), "{}", text(&refused.stderr));
    assert!(text(&refused.stderr).contains("The prices of lot 1 are sealed"), "{}", text(&refused.stderr));
    assert!(!out.exists(), "nothing is written while the prices are sealed");
    let opened = cli().args(["reveal-prices"]).arg(&tender).args(["--lot", "1"]).output().unwrap();
    assert!(opened.status.success(), "{}", text(&opened.stderr));
    let written = cli().arg("report").arg(&tender).arg("--out").arg(&out).output().unwrap();
    assert!(written.status.success() && out.exists(), "{}", text(&written.stderr));
}

/// The report's life-cycle cost shows each announced cost line: in the model with its years and what the
/// bidder's amount is, and for each bid its yearly amount as computed (unit price × volume × units) and its
/// present value, from the hand-worked fixture `lcc_costs` put into a tender file.
#[test]
fn the_report_shows_each_announced_cost_line_with_its_yearly_amount_and_present_value() {
    use chrono::TimeZone;
    use tenderbench::audit::Stamp;
    use tenderbench::bid::Submission;
    use tenderbench::evaluation::exchange;
    use tenderbench::locale::Lang;
    use tenderbench::report::build;
    use tenderbench::store::TenderFile;
    use tenderbench::tender::NewTender;

    let dir = tempfile::tempdir().unwrap();
    let fixture = root().join("fixtures/evaluation/lcc_costs/input.json");
    let mut model = exchange::parse_input(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    let stamp = Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 11, 20, 14, 5, 0).unwrap());
    let new =
        NewTender { title: "Ventilation".into(), authority: "Region Syddanmark".into(), reference: String::new() };
    let mut store = TenderFile::create(&dir.path().join("lcc.tender"), &new, &stamp).unwrap();
    let lot = store.add_lot(&stamp, "Ventilationsaggregater").unwrap();
    let bids = std::mem::take(&mut model.bids);
    model.award_method = tenderbench::evaluation::AwardMethod::BestPriceQuality;
    model.criteria = serde_json::from_str(
        r#"[ { "id": "LCC", "name": "Totalomkostninger", "weight": "100",
               "price": { "model": "proportional", "basis": "lcc" } } ]"#,
    )
    .unwrap();
    store.set_evaluation_model(&stamp, lot.id, &model).unwrap();
    let submissions: Vec<Submission> = bids
        .into_iter()
        .map(|bid| Submission {
            bidder: bid.id,
            lot_number: lot.number,
            received_at: None,
            source_file: String::new(),
            source_sha256: String::new(),
            responses: Vec::new(),
            price_lines: Vec::new(),
            subcontracting: None,
            lcc: bid.lcc_inputs,
            original: None,
        })
        .collect();
    store.import_submissions(&stamp, &submissions).unwrap();
    store.reveal_prices(&stamp, lot.id, "").unwrap();
    let danish = text::render(&build::award_report(&store, Lang::Da).unwrap());
    for shown in [
        "Serviceaftale efter garantien (år 3–4)",
        "kr. pr. år pr. enhed",
        "Hovedeftersyn (år 2)",
        "kr. i alt for 2 enheder",
        "kr. pr. stk. × 100 stk./år pr. enhed",
        "2,50 kr. × 100 stk./år × 2 enheder = 500,00 kr./år",
        "3.000,00 kr.",
        "1.165 kr.",
        "14.878 kr.",
    ] {
        assert!(danish.contains(shown), "{shown:?} is missing from\n{danish}");
    }
    let english = text::render(&build::award_report(&store, Lang::En).unwrap());
    for shown in [
        "Service agreement after the warranty (years 3–4)",
        "Overhaul (year 2)",
        "DKK 2.50 × 100 pieces/year × 2 units = DKK 500.00/year",
    ] {
        assert!(english.contains(shown), "{shown:?} is missing from\n{english}");
    }
}
