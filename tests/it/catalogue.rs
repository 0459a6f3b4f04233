//! The built-in and personal requirement catalogues, filling templates into a tender, and the .xlsx form.

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::TimeZone;
use std::collections::BTreeMap;
use std::path::Path;
use tenderbench::audit::Stamp;
use tenderbench::catalogue::{
    self, Area, Catalogue, CatalogueError, Category, Filter, REQUIREMENT_TYPES, Template, Track, xlsx,
};
use tenderbench::locale::Said;
use tenderbench::requirement::RequirementKind;
use tenderbench::store::TenderFile;
use tenderbench::tender::NewTender;

fn stamp() -> Stamp {
    Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap())
}

fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn tender(dir: &Path) -> (TenderFile, i64) {
    let new = NewTender { title: "Scannere".into(), authority: "Region Syddanmark".into(), reference: String::new() };
    let mut file = TenderFile::create(&dir.join("t.tender"), &new, &stamp()).unwrap();
    let lot = file.add_lot(&stamp(), "Stationære scannere").unwrap();
    (file, lot.id)
}

#[test]
fn the_builtin_catalogue_is_sound_and_large_enough() {
    let catalogue = Catalogue::builtin();
    assert_eq!(catalogue.problems(), Vec::new());
    assert!(catalogue.templates.len() >= 80, "{} templates", catalogue.templates.len());
    for kind in REQUIREMENT_TYPES {
        assert!(
            catalogue.templates.iter().any(|t| t.requirement_type.as_deref() == Some(kind)),
            "no template proposes requirement type {kind}"
        );
    }
    for area in [
        Area::Quality,
        Area::Tco,
        Area::GreenMinimum,
        Area::GreenAward,
        Area::Repairability,
        Area::TakeBack,
        Area::SupplySecurity,
        Area::Packaging,
        Area::Transport,
        Area::UsePhase,
        Area::Documentation,
    ] {
        assert!(catalogue.templates.iter().any(|t| t.area == area), "no template in {area:?}");
    }
    // Every default kind occurs; that only award templates carry a scoring hint is one of the checks above.
    for kind in [RequirementKind::Minimum, RequirementKind::Award, RequirementKind::Information] {
        assert!(catalogue.templates.iter().any(|t| t.kind == kind));
    }
}

/// The catalogue covers what issue 5 names; each search must find the templates listed.
#[test]
fn the_catalogue_covers_the_named_requirements() {
    fn check(
        text: &str,
        area: Option<Area>,
        kind: Option<RequirementKind>,
        category: Option<Category>,
        track: Option<Track>,
        expected: &[&str],
    ) {
        let filter = Filter { text: text.into(), area, kind, category, track };
        let found: Vec<&str> = Catalogue::builtin().search(&filter).iter().map(|t| t.id.as_str()).collect();
        for id in expected {
            assert!(found.contains(id), "{filter:?} should find {id}, found {found:?}");
        }
        assert!(found.iter().all(|id| {
            let t = Catalogue::builtin().template(id).unwrap();
            area.is_none_or(|a| a == t.area)
                && kind.is_none_or(|k| k == t.kind)
                && category.is_none_or(|c| t.categories.contains(&c))
                && track.is_none_or(|tr| t.track == Some(tr))
        }));
    }
    use Category::{It, MedicalTechnical};
    check("right to repair", None, None, None, None, &["REP-001"]);
    check("remote service", Some(Area::Repairability), None, None, None, &["REP-003", "REP-004"]);
    check("brugte reservedele", None, None, None, None, &["REP-005"]);
    check("reservedele år", None, Some(RequirementKind::Minimum), Some(MedicalTechnical), None, &["LEV-001"]);
    check("forebyggende vedligeholdelse", None, None, None, None, &["LEV-003"]);
    check("serviceforpligtelse", None, None, None, None, &["LEV-004"]);
    check("opgraderinger", None, None, Some(MedicalTechnical), None, &["LEV-013"]);
    check("skilles ad", None, None, None, None, &["REP-009", "REP-010"]);
    check("take back", Some(Area::TakeBack), None, None, None, &["RET-001", "RET-005"]);
    check("buy-back price", None, Some(RequirementKind::Award), None, None, &["RET-004", "RET-007"]);
    check("flergangsemballage", Some(Area::Packaging), None, None, None, &["EMB-001"]);
    check("fossilfri", None, None, None, Some(Track::C1), &["TRA-001", "TRA-002"]);
    check("vandforbrug", Some(Area::UsePhase), None, None, None, &["BRU-005", "BRU-006"]);
    check("kemikalie", None, None, None, Some(Track::C3), &["BRU-007", "BRU-008"]);
    check("standby", None, None, Some(MedicalTechnical), None, &["BRU-003", "BRU-004"]);
    check("sporingsenhed", None, None, None, None, &["BRU-009"]);
    check("totalomkostninger energi", Some(Area::Tco), None, None, None, &["TCO-001"]);
    check("TCO Certified", None, None, Some(It), None, &["GMK-003", "GAW-007"]);
    check("EU Ecolabel", None, None, None, None, &["GMK-004"]);
    check("GPP spare parts", None, None, Some(It), None, &["LEV-007"]);
    check("2023/1670 spare parts 7", None, None, Some(It), None, &["LEV-008"]);
    check("arbejdsdage reservedele", None, None, Some(It), None, &["LEV-009"]);
    check("800 80 %", None, None, Some(It), None, &["LEV-010"]);
    check("operating system updates", None, None, Some(It), None, &["LEV-011"]);
    check("repairability class", None, None, Some(It), None, &["REP-012", "REP-013"]);
    check("indice de réparabilité", None, Some(RequirementKind::Award), None, None, &["REP-014"]);
    check("compensation serial", None, None, Some(It), None, &["RET-002"]);
    check("energy measured in use", None, None, Some(MedicalTechnical), None, &["BRU-001", "BRU-002"]);
    check("SVHC", None, None, None, None, &["GMK-001"]);
    check("ftalater DEHP", None, None, None, None, &["GMK-002"]);
    check("servicemanualer egne teknikere", None, None, None, None, &["REP-006"]);
    check("brugsanvisning dansk", Some(Area::Documentation), None, None, None, &["DOK-001"]);
    check("lager", Some(Area::SupplySecurity), None, None, None, &["FOR-001"]);
    let scored = Catalogue::builtin().templates.iter().filter(|t| t.scoring.is_some()).count();
    assert!(scored >= 10, "{scored} measured award templates");
}

#[test]
fn a_broken_catalogue_names_template_and_field() {
    let mut catalogue = Catalogue::builtin().clone();
    catalogue.templates[1].id = catalogue.templates[0].id.clone();
    let lev = catalogue.templates.iter_mut().find(|t| t.id == "LEV-001").unwrap();
    lev.parameters.clear();
    lev.evidence.clear();
    lev.title_en.clear();
    let problems = Said::lines(&catalogue.problems()).en;
    assert!(problems.contains("KVA-001: the id is used twice."), "{problems}");
    assert!(problems.contains("LEV-001 text_da: The placeholder {years} has no parameter."), "{problems}");
    assert!(problems.contains("LEV-001 evidence:"), "{problems}");
    assert!(problems.contains("LEV-001 title_en: title_en is empty."), "{problems}");
}

/// Filling a template puts the parameter values into both texts and records where it came from.
#[test]
fn templates_are_filled_with_parameters() {
    fn check(id: &str, given: &[(&str, &str)], expected: Result<(&str, &str), &str>) {
        let template = Catalogue::builtin().template(id).unwrap();
        match (template.fill("2026.1", "K-007", &params(given)), expected) {
            (Ok(text), Ok((fragment_da, parameters))) => {
                assert!(text.text_da.contains(fragment_da), "{}", text.text_da);
                assert!(!text.text_da.contains('{') && !text.text_en.contains('{'));
                assert_eq!(text.parameters, parameters);
                assert_eq!((text.code.as_str(), text.kind), ("K-007", template.kind));
                assert_eq!(text.template_id.as_deref(), Some(id));
                assert_eq!(text.catalogue_version.as_deref(), Some("2026.1"));
            }
            (Err(e), Err(fragment)) => assert!(e.to_string().contains(fragment), "{e}"),
            (got, want) => panic!("{id}: {got:?}, expected {want:?}"),
        }
    }
    check("LEV-008", &[], Ok(("mindst 7 år", r#"{"years":7}"#)));
    check("LEV-008", &[("years", "10")], Ok(("mindst 10 år", r#"{"years":10}"#)));
    check("LEV-010", &[("cycles", "1000")], Ok(("1000 fulde opladningscyklusser", r#"{"capacity":80,"cycles":1000}"#)));
    check("REP-012", &[("class", "A")], Ok(("reparationsklasse A eller bedre", r#"{"class":"A"}"#)));
    check("KVA-001", &[], Ok(("CE-mærket", "{}")));
    check("LEV-008", &[("years", "syv")], Err("takes a number"));
    check("LEV-008", &[("months", "7")], Err("has no parameter months; its parameters are: years"));
}

/// A requirement added to a tender is a copy: editing or replacing the catalogue later leaves it alone.
#[test]
fn a_tender_keeps_its_snapshot_when_the_catalogue_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, lot) = tender(dir.path());
    let mut mine = Catalogue::personal("Kims krav");
    let mut template = Catalogue::builtin().template("LEV-001").unwrap().clone();
    mine.put(vec![template.clone()]);
    assert_eq!(mine.version, "2");
    let added = catalogue::add_to_lot(&mut file, &stamp(), lot, &mine, "LEV-001", &params(&[("years", "12")])).unwrap();
    let second =
        catalogue::add_to_lot(&mut file, &stamp(), lot, Catalogue::builtin(), "RET-001", &params(&[])).unwrap();
    assert_eq!((added.text.code.as_str(), second.text.code.as_str()), ("K-001", "K-002"));

    template.text_da = "Reservedele i {years} år fra levering, ny formulering.".into();
    template.parameters.insert("years".into(), serde_json::json!(15));
    mine.put(vec![template]);
    assert_eq!(mine.version, "3");

    let stored = &file.requirements(lot).unwrap()[0];
    assert_eq!(stored.text, added.text);
    assert!(stored.text.text_da.contains("i mindst 12 år fra godkendt levering"), "{}", stored.text.text_da);
    assert_eq!(stored.text.catalogue_version.as_deref(), Some("2"));
    assert_eq!(stored.text.parameters, r#"{"years":12}"#);
}

#[test]
fn requirement_codes_continue_after_the_highest() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, lot) = tender(dir.path());
    for id in ["KVA-001", "KVA-003", "KVA-004"] {
        catalogue::add_to_lot(&mut file, &stamp(), lot, Catalogue::builtin(), id, &params(&[])).unwrap();
    }
    let middle = file.requirements(lot).unwrap()[1].id;
    file.remove_requirement(&stamp(), middle).unwrap();
    assert_eq!(catalogue::next_code(&file.requirements(lot).unwrap()), "K-004");
    let missing = catalogue::add_to_lot(&mut file, &stamp(), lot, Catalogue::builtin(), "NOPE-1", &params(&[]));
    assert!(matches!(missing, Err(CatalogueError::Invalid(_))));
}

/// A consultant saves a tender's requirement to a personal catalogue and reuses it in another tender.
#[test]
fn a_personal_catalogue_is_saved_and_reused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, lot) = tender(dir.path());
    let added =
        catalogue::add_to_lot(&mut file, &stamp(), lot, Catalogue::builtin(), "BRU-003", &params(&[("minutes", "10")]))
            .unwrap();
    let path = dir.path().join("kim.json");
    let mut mine = Catalogue::personal("Kims krav");
    mine.put(vec![Template::from_requirement("KIM-STANDBY", &added.text, vec![Category::MedicalTechnical]).unwrap()]);
    mine.save(&path).unwrap();

    let loaded = Catalogue::load(&path).unwrap();
    assert_eq!(loaded, mine);
    let template = loaded.template("KIM-STANDBY").unwrap();
    assert!(template.text_da.contains("efter højst 10 minutter"));
    assert_eq!(template.evidence, Catalogue::builtin().template("BRU-003").unwrap().evidence);

    let other = tempfile::tempdir().unwrap();
    let (mut file, lot) = tender(other.path());
    let reused = catalogue::add_to_lot(&mut file, &stamp(), lot, &loaded, "KIM-STANDBY", &params(&[])).unwrap();
    assert_eq!(reused.text.text_da, added.text.text_da);
    assert_eq!(reused.text.catalogue_version.as_deref(), Some("2"));

    std::fs::write(&path, "{\"name\": \"x\"}").unwrap();
    assert!(Catalogue::load(&path).unwrap_err().to_string().contains("Not a catalogue"));
}

#[test]
fn xlsx_export_and_import_are_lossless() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalogue.xlsx");
    xlsx::export(Catalogue::builtin(), &path).unwrap();
    let imported = xlsx::import(&path).unwrap();
    assert_eq!(&imported, Catalogue::builtin());
}

/// Rewrites an exported workbook with one cell of the templates sheet replaced (row and column 0-based).
fn edited(source: &Path, target: &Path, row: u32, column: u16, value: &str) {
    let mut workbook: Xlsx<_> = open_workbook(source).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in [xlsx::CATALOGUE_SHEET, xlsx::TEMPLATES_SHEET] {
        let range = workbook.worksheet_range(name).unwrap();
        let sheet = out.add_worksheet().set_name(name).unwrap();
        for (r, cells) in range.rows().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                let text = match cell {
                    _ if name == xlsx::TEMPLATES_SHEET && (r as u32, c as u16) == (row, column) => value.to_owned(),
                    Data::String(s) => s.clone(),
                    Data::Empty => continue,
                    other => panic!("unexpected cell {other:?}"),
                };
                sheet.write_string(r as u32, c as u16, text).unwrap();
            }
        }
        if name == xlsx::TEMPLATES_SHEET && row as usize >= range.height() {
            sheet.write_string(row, column, value).unwrap();
        }
    }
    out.save(target).unwrap();
}

/// A malformed row is reported with sheet, Excel row and column, and nothing is imported.
#[test]
fn a_malformed_row_is_reported_and_nothing_is_imported() {
    fn check(row: u32, column: &str, value: &str, expected_column: &str, fragment: &str) {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.xlsx");
        xlsx::export(Catalogue::builtin(), &good).unwrap();
        let bad = dir.path().join("bad.xlsx");
        let index = xlsx::COLUMNS.iter().position(|c| *c == column).unwrap() as u16;
        edited(&good, &bad, row - 1, index, value);
        match xlsx::import(&bad) {
            Err(CatalogueError::Rejected(problems)) => {
                let found = problems.iter().any(|p| {
                    p.sheet == "Templates"
                        && p.row == row
                        && p.column == expected_column
                        && p.message.en.contains(fragment)
                });
                assert!(found, "expected row {row}, {expected_column}: {fragment}; got {problems:#?}");
            }
            other => panic!("{column} = {value:?} should be rejected, got {:?}", other.map(|c| c.templates.len())),
        }
    }
    check(5, "area", "greenish", "C (area)", "'greenish' is not a valid area");
    check(2, "kind", "", "B (kind)", "is not a valid kind");
    check(9, "evidence", "", "G (evidence)", "evidence");
    check(12, "evidence", "datablad, blodprøve", "G (evidence)", "'blodprøve' is not a kind of evidence");
    check(3, "title_en", "", "I (title_en)", "title_en is empty");
    check(40, "text_da", "Reservedele i {aar} år.", "J (text_da)", "placeholder {aar} has no parameter");
    check(40, "parameters", "{years: 7}", "M (parameters)", "must be a JSON object");
    check(4, "id", "KVA-001", "A (id)", "used on an earlier row");
    check(20, "categories", "it, toys", "F (categories)", "'toys' is not a valid entry of categories");
    check(20, "track", "C4", "E (track)", "'C4' is not a valid track");
    check(20, "requirement_type", "magic", "D (requirement_type)", "not a requirement type of seed 003");
    let scored = Catalogue::builtin().templates.iter().position(|t| t.scoring.is_some()).unwrap() as u32 + 2;
    check(scored, "scoring_best", "ti", "P (scoring_best)", "'ti' is not a number");
    check(1, "source", "kilde", "L (source)", "the heading must be 'source'");
    // A row added below the last template with only a title is a row of its own, and is refused.
    let below = Catalogue::builtin().templates.len() as u32 + 2;
    check(below, "title_da", "Løs titel", "B (kind)", "'' is not a valid kind");
}
