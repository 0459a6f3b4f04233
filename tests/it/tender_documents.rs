//! The tender documents: the chapter on the award criteria and the evaluation for the worked examples
//! W1–W3 as golden text in both languages, each as a PDF checked with qpdf and poppler and as a Word file
//! opened by LibreOffice and read by python-docx; and the documents of the demo tender from the CLI.

use crate::support::{cli, fixtures};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;
use tenderbench::evaluation::{Criterion, EvaluationInput, exchange};
use tenderbench::locale::Lang;
use tenderbench::report::model::Document;
use tenderbench::report::verify::{pdftotext, verify};
use tenderbench::report::{pdf, text};
use tenderbench::tender_documents::{Heading, docx, evaluation_chapter};
use tenderbench::tie_break::TieBreak;

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts/tender_documents");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(program: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    let mut said = String::from_utf8_lossy(&output.stdout).into_owned();
    said.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.success(), said)
}

/// Checks `document` in every form a bidder can get it, named `name`: its text equals the golden file
/// (`BLESS=1` rewrites it) when `golden` is set; the PDF passes qpdf and its text layer holds every line
/// of the text form; the Word file is the same bytes twice, LibreOffice converts it to a PDF whose text
/// holds each of `expected`, and python-docx finds Heading 1–3 and a header row on every table.
fn check(name: &str, document: &Document, golden: bool, expected: &[String]) {
    let rendered = text::render(document);
    if golden {
        let path = fixtures().join("tender_documents").join(format!("{name}.txt"));
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, &rendered).unwrap();
        }
        assert_eq!(rendered, std::fs::read_to_string(&path).unwrap(), "{name}: text differs from {}", path.display());
    }
    let dir = artifacts();
    let pdf_path = dir.join(format!("{name}.pdf"));
    std::fs::write(&pdf_path, pdf::render(document).unwrap()).unwrap();
    let (clean, report) = run("qpdf", &["--check", pdf_path.to_str().unwrap()]);
    assert!(clean, "{name}: qpdf --check failed:\n{report}");
    verify(document, &pdftotext(&pdf_path).unwrap()).unwrap_or_else(|d| panic!("{name}: {d}"));

    let bytes = docx::render(document).unwrap();
    assert!(bytes == docx::render(document).unwrap(), "{name}: two Word files differ");
    let docx_path = dir.join(format!("{name}.docx"));
    std::fs::write(&docx_path, &bytes).unwrap();
    // Each conversion gets its own LibreOffice profile, so that tests running at once do not share one.
    let converted = dir.join("libreoffice").join(name);
    std::fs::create_dir_all(&converted).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", converted.join("profile").display());
    let (opened, said) = run(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            converted.to_str().unwrap(),
            docx_path.to_str().unwrap(),
        ],
    );
    assert!(opened, "{name}: LibreOffice could not open the Word file:\n{said}");
    let office_text = pdftotext(&converted.join(format!("{name}.pdf"))).unwrap();
    for wanted in expected {
        assert!(office_text.contains(wanted.as_str()), "{name}: LibreOffice's PDF lacks {wanted:?}:\n{office_text}");
    }

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/docx/structure.py");
    let (read, structure) = run("python3", &[script.to_str().unwrap(), docx_path.to_str().unwrap()]);
    assert!(read, "{name}: python-docx could not read the Word file:\n{structure}");
    for style in ["Heading 1", "Heading 2", "Heading 3", "Normal"] {
        assert!(structure.lines().any(|l| l == format!("style {style}")), "{name}: no {style}:\n{structure}");
    }
    let tables: Vec<&str> = structure.lines().filter(|l| l.starts_with("table ")).collect();
    assert!(!tables.is_empty(), "{name}: no table:\n{structure}");
    for table in tables {
        assert!(table.ends_with(" 1"), "{name}: a table without exactly one header row: {table}");
    }
}

/// The exchange-format model of worked example `example`, with the SHA-256 of its file.
fn model(example: &str) -> (EvaluationInput, String) {
    let bytes = std::fs::read(fixtures().join("evaluation").join(example).join("input.json")).unwrap();
    let input = exchange::parse_input(std::str::from_utf8(&bytes).unwrap()).unwrap();
    (input, hex::encode(Sha256::digest(&bytes)))
}

fn heading(sha256: String) -> Heading {
    Heading {
        authority: "Region Syddanmark".into(),
        reference: "RSD-2026-0412".into(),
        title: "Ultralydsscannere".into(),
        lot_number: 1,
        lot_title: "Stationære ultralydsscannere".into(),
        file_sha256: sha256,
        seal: String::new(),
        as_of: "2026-11-23T09:00:00Z".into(),
    }
}

/// Every criterion's name and announced weight as the chapter prints them: the weight as a percentage of
/// its level.
fn names_and_weights(lang: Lang, criteria: &[Criterion], out: &mut Vec<String>) {
    let total: rust_decimal::Decimal = criteria.iter().filter_map(|c| c.weight).sum();
    for criterion in criteria {
        let english = criterion.name_en.trim();
        let translated = lang == Lang::En && !english.is_empty() && english != criterion.name.trim();
        out.push(if translated { english.to_owned() } else { criterion.name.clone() });
        out.push(lang.percent(criterion.weight.unwrap() / total));
        names_and_weights(lang, &criterion.children, out);
    }
}

#[test]
fn the_chapter_of_each_worked_example_reads_as_its_golden_text_in_every_format() {
    for example in ["w1", "w2", "w3"] {
        let (input, sha256) = model(example);
        for lang in [Lang::Da, Lang::En] {
            let document = evaluation_chapter(&heading(sha256.clone()), &input, TieBreak::LowestPrice, "", lang)
                .unwrap_or_else(|problems| panic!("{example}: {problems:?}"));
            let mut expected = Vec::new();
            names_and_weights(lang, &input.criteria, &mut expected);
            expected.push(document.heading.clone());
            check(&format!("{example}-evaluation-model-{}", lang.code()), &document, true, &expected);
        }
    }
}

#[test]
fn the_worked_examples_are_the_engines_numbers() {
    let (input, sha256) = model("w1");
    let text = text::render(&evaluation_chapter(&heading(sha256), &input, TieBreak::None, "", Lang::Da).unwrap());
    // W1's price model gives 10 points at 1,000,000 and 0 at 2,000,000: the invented prices a fifth apart
    // get 10, 8 and 4 points, one beyond the zero-points price gets 0, weighted by the leaf weight 40 %.
    for row in [
        "Tilbud A  1.000.000 kr.  10,00           4,00",
        "Tilbud B  1.200.000 kr.   8,00           3,20",
        "Tilbud C  1.600.000 kr.   4,00           1,60",
        "Tilbud D  2.200.000 kr.   0,00           0,00",
    ] {
        assert!(text.contains(row), "no {row:?} in\n{text}");
    }
    assert!(!text.contains("Relativ prismodel"), "a fixed model has no warning:\n{text}");
    assert!(text.contains("ingen regel"), "{text}");

    let (input, sha256) = model("w2");
    let text = text::render(&evaluation_chapter(&heading(sha256), &input, TieBreak::None, "", Lang::Da).unwrap());
    // Proportional: 10 · 1,000,000 / p. Without tender A, B is the lowest and gets the full 10 points.
    for line in ["Tilbud B  1.250.000 kr.   8,00", "tilbud B få 10,00 point i stedet for 8,00", "Modellen er relativ"]
    {
        assert!(text.contains(line), "no {line:?} in\n{text}");
    }

    let (input, sha256) = model("w3");
    let text = text::render(&evaluation_chapter(&heading(sha256), &input, TieBreak::None, "", Lang::En).unwrap());
    assert!(text.contains("Discount rate (r): 5%") && text.contains("Life-cycle cost in total"), "{text}");
}

#[test]
fn a_model_that_cannot_be_applied_is_not_announced() {
    let (mut input, sha256) = model("w1");
    input.criteria[0].weight = None;
    let problems = evaluation_chapter(&heading(sha256), &input, TieBreak::None, "", Lang::Da).unwrap_err();
    assert!(problems.iter().any(|p| p.subject == "PRICE"), "{problems:?}");
}

/// A weight announced as a range (art. 67(5)) is printed with its range and the weight in the model, and a
/// weight outside its range, or a range of a criterion the model lacks, cannot be announced.
#[test]
fn a_weight_range_is_announced_and_holds_the_weight() {
    let (mut input, sha256) = model("w1");
    let id = input.criteria[0].id.clone();
    let weight = input.criteria[0].weight.unwrap();
    let range = |min: i64, max: i64, criterion: &str| tenderbench::evaluation::AnnouncedRange {
        criterion: criterion.into(),
        min: min.into(),
        max: max.into(),
    };
    input.weight_ranges = vec![range(30, 50, &id)];
    let chapter =
        text::render(&evaluation_chapter(&heading(sha256.clone()), &input, TieBreak::None, "", Lang::Da).unwrap());
    assert!(chapter.contains("art. 67, stk. 5"), "{chapter}");
    let row = chapter.lines().find(|line| line.starts_with(&id) && line.contains("30 – 50")).unwrap_or_default();
    assert!(row.trim_end().ends_with(&Lang::Da.exact(weight)), "{row:?} in\n{chapter}");

    // The tender file keeps the range with the model.
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file) = crate::support::new_tender(dir.path(), "ranges.tender");
    let lot = file.add_lot(&crate::support::stamp(1), "Scannere").unwrap().id;
    file.set_evaluation_model(&crate::support::stamp(2), lot, &input).unwrap();
    assert_eq!(file.evaluation_input(lot).unwrap().weight_ranges, input.weight_ranges);

    input.weight_ranges = vec![range(10, 20, &id), range(1, 2, "NOPE")];
    let problems = evaluation_chapter(&heading(sha256), &input, TieBreak::None, "", Lang::En).unwrap_err();
    let said: Vec<String> = problems.iter().map(|p| p.message_en.clone()).collect();
    assert!(said.iter().any(|s| s.contains("outside its announced range 10–20")), "{said:?}");
    assert!(said.iter().any(|s| s.contains("names criterion NOPE")), "{said:?}");
}

#[test]
fn the_demo_tenders_documents_come_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let tender = crate::support::demo(dir.path());
    let out = dir.path().join("documents");
    let output = cli().arg("documents").arg(&tender).args(["--lot", "1", "--out"]).arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let listed = String::from_utf8_lossy(&output.stdout);
    for name in [
        "evaluation-model.docx",
        "evaluation-model.pdf",
        "requirement-specification.docx",
        "requirement-specification.pdf",
    ] {
        assert!(listed.lines().any(|l| l.ends_with(name)) && out.join(name).is_file(), "{name} in\n{listed}");
    }

    let english = dir.path().join("documents-en");
    let output = cli().args(["--lang", "en", "documents"]).arg(&tender).arg("--out").arg(&english).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let chapter = pdftotext(&english.join("evaluation-model.pdf")).unwrap();
    assert!(chapter.contains("Award criteria and evaluation"), "{chapter}");
    let output =
        cli().arg("documents").arg(&tender).args(["--lot", "9", "--out"]).arg(dir.path().join("none")).output();
    let output = output.unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!dir.path().join("none").exists(), "nothing is written for a lot that does not exist");

    let (path, mut file) = crate::support::new_tender(dir.path(), "empty.tender");
    file.add_lot(&crate::support::stamp(1), "Scannere").unwrap();
    drop(file);
    let output = cli().arg("documents").arg(&path).arg("--out").arg(dir.path().join("none")).output().unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    // A new lot's model has no criteria yet, which the engine refuses, so nothing can be announced.
    assert!(output.status.code() == Some(4) && said.contains("cannot be announced"), "{said}");

    use tenderbench::store::{Access, TenderFile};
    let store = TenderFile::open(&tender, Access::ReadOnly).unwrap();
    let lot = store.lots().unwrap().into_iter().find(|l| l.number == 1).unwrap();
    let requirements = store.requirements(lot.id).unwrap();
    for lang in [Lang::Da, Lang::En] {
        let documents = tenderbench::tender_documents::from_file(&store, 1, lang).unwrap();
        let mut expected: Vec<String> = requirements.iter().map(|r| r.text.code.clone()).collect();
        expected.push(documents.requirement_specification.heading.clone());
        let name = format!("demo-requirement-specification-{}", lang.code());
        check(&name, &documents.requirement_specification, false, &expected);
        let specification = text::render(&documents.requirement_specification);
        for requirement in &requirements {
            let title = if lang == Lang::Da { &requirement.text.title_da } else { &requirement.text.title_en };
            assert!(specification.contains(title.as_str()), "{name}: no {title:?}");
        }
        let name = format!("demo-evaluation-model-{}", lang.code());
        let mut expected = vec![documents.evaluation_model.heading.clone()];
        names_and_weights(lang, &store.evaluation_input(lot.id).unwrap().criteria, &mut expected);
        check(&name, &documents.evaluation_model, false, &expected);
    }
}

#[test]
fn measured_criteria_are_announced_with_their_functions_and_the_engines_points() {
    let (input, sha256) = model("measured");
    let document =
        evaluation_chapter(&heading(sha256), &input, TieBreak::Draw, "Lodtrækning under vidner.", Lang::Da).unwrap();
    let text = text::render(&document);
    // E2 scores lower values better: 500 kWh gets 0 points, 300 half the scale and 100 the full 10.
    for line in ["bedst 100, værst 500 (lavere er bedre)", "500 → 0,00", "300 → 5,00", "100 → 10,00"] {
        assert!(text.contains(line), "no {line:?} in\n{text}");
    }
    assert!(text.contains("S1: den ideelle værdi er 10"), "{text}");
    assert!(text.contains("«Lodtrækning under vidner.»"), "{text}");
    let mut expected = Vec::new();
    names_and_weights(Lang::Da, &input.criteria, &mut expected);
    expected.retain(|name| !name.is_empty());
    check("measured-evaluation-model-da", &document, false, &expected);
}

#[test]
fn every_award_method_of_the_engines_fixtures_is_announced() {
    for entry in std::fs::read_dir(fixtures().join("evaluation")).unwrap() {
        let example = entry.unwrap().file_name().into_string().unwrap();
        let (input, sha256) = model(&example);
        for lang in [Lang::Da, Lang::En] {
            let document = evaluation_chapter(&heading(sha256.clone()), &input, TieBreak::None, "", lang)
                .unwrap_or_else(|problems| panic!("{example}: {problems:?}"));
            pdf::render(&document).unwrap();
            docx::render(&document).unwrap();
            let text = text::render(&document);
            assert!(text.contains(input.award_method.name(lang)), "{example}: no award method in\n{text}");
        }
    }
}

#[test]
fn a_measured_award_requirement_is_specified_with_its_unit_function_and_sub_criterion() {
    use tenderbench::catalogue::{Catalogue, add_to_lot};
    use tenderbench::requirement::RequirementKind;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file) = crate::support::new_tender(dir.path(), "energi.tender");
    let stamp = crate::support::stamp(1);
    let lot = file.add_lot(&stamp, "Stationære ultralydsscannere").unwrap();
    file.set_evaluation_model(&stamp, lot.id, &model("w1").0).unwrap();
    file.add_requirement(&stamp, lot.id, &crate::support::requirement("M-01", RequirementKind::Minimum)).unwrap();
    // BRU-002, "Lavt energiforbrug i brug", is measured in kWh; the measure carries the unit.
    let energy = add_to_lot(&mut file, &stamp, lot.id, Catalogue::builtin(), "BRU-002", &Default::default()).unwrap();
    let measure = r#"{"worst":"500","best":"100","direction":"lower_is_better","unit":"kWh"}"#;
    file.assign_requirement(&stamp, energy.id, Some("Q1"), "1", Some(measure)).unwrap();

    let documents = tenderbench::tender_documents::from_file(&file, 1, Lang::Da).unwrap();
    let specification = text::render(&documents.requirement_specification);
    for line in [
        format!("{} Lavt energiforbrug i brug", energy.text.code),
        "Underkriterium: Q1 Usability".into(),
        "Enhed: kWh".into(),
        "Pointfunktion: bedst 100 kWh, værst 500 kWh (lavere er bedre); lineært imellem".into(),
        "Dokumentation: Declaration of conformity".into(),
    ] {
        assert!(specification.contains(&line), "no {line:?} in\n{specification}");
    }
    let chapter = text::render(&documents.evaluation_model);
    assert!(chapter.contains("300 → 5,00"), "the chapter names the measured requirement:\n{chapter}");
    let expected = vec![energy.text.code.clone(), "M-01".into(), "kWh".into()];
    check("measured-requirement-specification-da", &documents.requirement_specification, false, &expected);
}

/// Publishing keeps the lot's documents with their hash: the award report cites the chapter by title, date
/// and hash, `check` passes while the terms are as announced, names the difference once the model changes
/// after an unlock, and names a kept text altered behind the file's back.
#[test]
fn the_published_documents_are_kept_cited_and_checked() {
    use crate::support::{run_cli, text as output_text};
    use tenderbench::publication::DocumentKind;
    use tenderbench::store::{Access, TenderFile};
    let dir = tempfile::tempdir().unwrap();
    let tender = crate::support::demo(dir.path());
    let path = tender.to_str().unwrap();
    let store = TenderFile::open(&tender, Access::ReadOnly).unwrap();
    let lot = store.lots().unwrap()[0].id;
    let published = store.publications(lot).unwrap().pop().unwrap();
    let kinds: Vec<(DocumentKind, Lang)> = published.documents.iter().map(|d| (d.kind, d.lang)).collect();
    let both = |kind| [(kind, Lang::Da), (kind, Lang::En)];
    assert_eq!(kinds, [both(DocumentKind::EvaluationModel), both(DocumentKind::RequirementSpecification)].concat());
    let chapter = &published.documents[0];
    let made = tenderbench::tender_documents::from_file(&store, 1, Lang::Da).unwrap();
    assert_eq!(chapter.content, text::sections(&made.evaluation_model), "the kept text is the chapter as made");
    assert_eq!(chapter.sha256, hex::encode(Sha256::digest(chapter.content.as_bytes())));
    let report = text::render(&tenderbench::report::build::award_report(&store, Lang::Da).unwrap());
    let grouped: Vec<&str> = chapter.sha256.as_bytes().chunks(8).map(|c| std::str::from_utf8(c).unwrap()).collect();
    let cited = format!(
        "Offentliggjort dokument: «Tildelingskriterier og evaluering», 3. august 2026 kl. 09.00 (dansk tid)\n\
         Dokumentets SHA-256: {}",
        grouped.join(" ")
    );
    assert!(report.contains(&cited), "{cited:?} is not in\n{report}");
    drop(store);

    let checked = run_cli(&["check", path]);
    assert!(output_text(&checked.stdout).contains("4 published tender documents match the terms"), "{checked:?}");
    let unlocked = run_cli(&["lock-model", path, "--lot", "1", "--unlock", "Rettelsesblad 1", "--after-bids"]);
    assert!(unlocked.status.success(), "{}", output_text(&unlocked.stderr));
    assert!(run_cli(&["check", path]).status.success(), "an unlock alone changes no term");
    let model = dir.path().join("model.json");
    assert!(run_cli(&["export-evaluation", path, "--lot", "1", "--out", model.to_str().unwrap()]).status.success());
    let mut changed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    changed["criteria"][1]["weight"] = "50".into();
    changed.as_object_mut().unwrap().remove("bids");
    std::fs::write(&model, changed.to_string()).unwrap();
    let imported = run_cli(&["import-model", path, model.to_str().unwrap(), "--lot", "1"]);
    assert!(imported.status.success(), "{}", output_text(&imported.stderr));
    // The file is sound, so check passes, but it reports that the lot is evaluated on other terms.
    let warned = run_cli(&["check", path]);
    let said = output_text(&warned.stderr);
    assert!(warned.status.success(), "{said}");
    let differ = format!(
        "the announced model and the model used now differ (published 3 August 2026 09:00 (Danish time), SHA-256 {})",
        chapter.sha256
    );
    assert!(said.contains(&differ), "{said}");
    assert!(!said.contains("requirements used now"), "the requirements did not change: {said}");

    let copy = dir.path().join("altered.tender");
    std::fs::copy(&tender, &copy).unwrap();
    let connection = rusqlite::Connection::open(&copy).unwrap();
    connection
        .execute("UPDATE published_document SET content = content || ' ' WHERE kind = 'requirement_specification' AND lang = 'da'", [])
        .unwrap();
    drop(connection);
    let refused = run_cli(&["check", copy.to_str().unwrap()]);
    assert!(!refused.status.success());
    let said = output_text(&refused.stderr);
    assert!(
        said.contains(
            "lot 1: Requirement specification as published 3 August 2026 09:00 (Danish time) no longer has its SHA-256"
        ),
        "{said}"
    );
}
