//! Tests of the app without a window: the commands' logic on real tender files, the security settings, and
//! the TypeScript bindings. The window itself is tested by the end-to-end suite in e2e/.

use std::path::{Path, PathBuf};
use tenderbench_app::ipc::{ErrorCode, LotField, Procedure, StepStatus, TenderField};
use tenderbench_app::session::Session;

fn session(dir: &Path) -> Session {
    Session::new(dir.join("config").join("recent.json"), "tester".into())
}

mod commands {
    use super::*;

    #[test]
    fn create_edit_close_and_reopen_keeps_the_edit() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        let path = dir.path().join("scanners.tender");
        let created = s.create(&path, "Scannere", "Region Syddanmark").unwrap();
        assert_eq!((created.title.as_str(), created.procedure), ("Scannere", Procedure::Open));
        assert_eq!(created.steps.len(), 7);
        assert_eq!(created.steps[0].status, StepStatus::InProgress);

        let edited = s.set_tender_field(TenderField::Title, "Ultralydsscannere").unwrap();
        assert_eq!(edited.title, "Ultralydsscannere");
        s.close().unwrap();
        assert_eq!(s.view().unwrap_err().code, ErrorCode::NotFound);

        assert_eq!(s.open(&path).unwrap().title, "Ultralydsscannere");
        // Opening the open file again must not trip over the app's own lock on it.
        assert_eq!(s.open(&path).unwrap().title, "Ultralydsscannere");
    }

    #[test]
    fn a_new_file_gets_the_tender_extension() {
        let dir = tempfile::tempdir().unwrap();
        let view = session(dir.path()).create(&dir.path().join("bare"), "T", "A").unwrap();
        assert!(view.path.ends_with("bare.tender"));
    }

    #[test]
    fn the_cores_validation_reaches_the_ui_as_a_code_and_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        s.create(&dir.path().join("t.tender"), "T", "A").unwrap();
        let error = s.set_tender_field(TenderField::BidDeadline, "22/11/2026").unwrap_err();
        assert_eq!(error.code, ErrorCode::Validation);
        assert!(error.message.contains("2026-11-22"), "{}", error.message);
        let value = s.set_tender_field(TenderField::EstimatedValue, "1234567.890").unwrap();
        assert_eq!(value.estimated_value.as_deref(), Some("1234567.89"));
        assert_eq!(s.create(&dir.path().join("x.tender"), " ", "A").unwrap_err().code, ErrorCode::Validation);
    }

    #[test]
    fn lots_are_added_edited_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        s.create(&dir.path().join("t.tender"), "T", "A").unwrap();
        let view = s.add_lot("Stationære scannere").unwrap();
        let id = view.lots[0].id;
        let view = s.set_lot_field(id, LotField::EstimatedValue, "11000000").unwrap();
        assert_eq!(view.lots[0].estimated_value.as_deref(), Some("11000000"));
        assert_eq!(s.set_lot_field(id, LotField::Title, "").unwrap_err().code, ErrorCode::Validation);
        assert!(s.remove_lot(id).unwrap().lots.is_empty());
        assert_eq!(s.remove_lot(id).unwrap_err().code, ErrorCode::NotFound);
    }

    #[test]
    fn refused_files_are_named_by_code_and_the_open_tender_stays_open() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        let newer = dir.path().join("newer.tender");
        s.create(&newer, "Newer", "A").unwrap();
        s.create(&dir.path().join("current.tender"), "Current", "A").unwrap();
        // A file from a newer Tenderbench: the format version is the SQLite header's user_version at byte 60.
        let mut bytes = std::fs::read(&newer).unwrap();
        bytes[60..64].copy_from_slice(&99_i32.to_be_bytes());
        std::fs::write(&newer, bytes).unwrap();
        assert_eq!(s.open(&newer).unwrap_err().code, ErrorCode::FileTooNew);

        let text = dir.path().join("notes.tender");
        std::fs::write(&text, "not a database").unwrap();
        assert_eq!(s.open(&text).unwrap_err().code, ErrorCode::NotATenderFile);
        assert_eq!(s.open(&dir.path().join("gone.tender")).unwrap_err().code, ErrorCode::NotFound);
        assert_eq!(s.view().unwrap().title, "Current");
    }

    #[test]
    fn recent_tenders_are_newest_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        let a = dir.path().join("a.tender");
        s.create(&a, "A", "X").unwrap();
        s.create(&dir.path().join("b.tender"), "B", "X").unwrap();
        s.open(&a).unwrap();
        let titles: Vec<String> = s.recent().into_iter().map(|r| r.title).collect();
        assert_eq!(titles, ["A", "B"]);
        // A damaged list is forgotten, not fatal.
        std::fs::write(dir.path().join("config").join("recent.json"), "{").unwrap();
        assert!(s.recent().is_empty());
    }
}

mod security {
    use super::*;
    use serde_json::Value;

    fn app_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn json(path: &Path) -> Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_csp_is_set_and_strict() {
        let config = json(&app_dir().join("tauri.conf.json"));
        let csp = config["app"]["security"]["csp"].as_object().expect("a CSP is set");
        assert_eq!(csp["default-src"], "'self'");
        for (directive, sources) in csp {
            let sources = sources.as_str().unwrap();
            for source in sources.split_whitespace() {
                assert!(!source.contains("unsafe-eval"), "{directive} allows eval");
                assert!(!source.contains("unsafe-inline"), "{directive} allows inline code");
                assert_ne!(source, "*", "{directive} allows everything");
                // The one http: source allowed is Tauri's own IPC endpoint, which never leaves the process.
                let remote = source.starts_with("http") || source.starts_with("ws") || source == "data:";
                assert!(!remote || source == "http://ipc.localhost", "{directive} allows {source}");
            }
        }
        assert!(config["app"]["security"].get("dangerousDisableAssetCspModification").is_none());
    }

    #[test]
    fn capabilities_name_their_windows_and_grant_no_shell_or_http() {
        let mut granted = Vec::new();
        for entry in std::fs::read_dir(app_dir().join("capabilities")).unwrap() {
            let capability = json(&entry.unwrap().path());
            let windows = capability["windows"].as_array().expect("windows are named");
            assert!(!windows.is_empty());
            assert!(windows.iter().all(|w| w.as_str().is_some_and(|w| !w.contains('*'))), "{windows:?}");
            assert!(capability.get("remote").is_none(), "no remote URL may use the IPC");
            for permission in capability["permissions"].as_array().unwrap() {
                let name = permission.as_str().expect("permissions are plain identifiers");
                assert!(!name.starts_with("shell:") && !name.starts_with("http:"), "{name}");
                assert!(!name.starts_with("fs:"), "files are reached only through the commands: {name}");
                if name.starts_with("dialog:") {
                    assert!(["dialog:allow-open", "dialog:allow-save"].contains(&name), "{name}");
                }
                // The opener may only show a file in the file manager: never open a path or a URL with a program.
                if name.starts_with("opener:") {
                    assert_eq!(name, "opener:allow-reveal-item-in-dir");
                }
                assert!(!name.ends_with(":default"), "a plugin's default set grants more than is needed: {name}");
                granted.push(name.to_owned());
            }
        }
        for command in tenderbench_app::COMMANDS {
            assert!(granted.contains(&format!("allow-{}", command.replace('_', "-"))), "{command} is not granted");
        }
    }
}

mod bindings {
    use std::collections::BTreeMap;
    use std::path::PathBuf;
    use tenderbench_app::bids::*;
    use tenderbench_app::ipc::*;
    use tenderbench_app::report::*;
    use tenderbench_app::scoring::*;
    use ts_rs::{Config, TS};

    fn generated() -> BTreeMap<String, String> {
        // Every integer crossing IPC (lot ids and numbers) is far below 2^53, so plain numbers are exact.
        let cfg = Config::new().with_large_int("number");
        fn one<T: TS + 'static>(cfg: &Config, out: &mut BTreeMap<String, String>) {
            out.insert(format!("{}.ts", T::name(cfg)), T::export_to_string(cfg).unwrap());
        }
        let mut out = BTreeMap::new();
        one::<ErrorCode>(&cfg, &mut out);
        one::<IpcError>(&cfg, &mut out);
        one::<Procedure>(&cfg, &mut out);
        one::<TenderField>(&cfg, &mut out);
        one::<LotField>(&cfg, &mut out);
        one::<Step>(&cfg, &mut out);
        one::<StepStatus>(&cfg, &mut out);
        one::<StepView>(&cfg, &mut out);
        one::<LotView>(&cfg, &mut out);
        one::<TenderView>(&cfg, &mut out);
        one::<RecentTender>(&cfg, &mut out);
        one::<CreateTenderRequest>(&cfg, &mut out);
        one::<OpenTenderRequest>(&cfg, &mut out);
        one::<SetTenderFieldRequest>(&cfg, &mut out);
        one::<AddLotRequest>(&cfg, &mut out);
        one::<SetLotFieldRequest>(&cfg, &mut out);
        one::<RemoveLotRequest>(&cfg, &mut out);
        one::<ScoringView>(&cfg, &mut out);
        one::<EvaluatorView>(&cfg, &mut out);
        one::<ScoredBidView>(&cfg, &mut out);
        one::<ExclusionView>(&cfg, &mut out);
        one::<RowView>(&cfg, &mut out);
        one::<CellView>(&cfg, &mut out);
        one::<TotalsView>(&cfg, &mut out);
        one::<RankView>(&cfg, &mut out);
        one::<ScoreRequest>(&cfg, &mut out);
        one::<ScoreOutcome>(&cfg, &mut out);
        one::<LotRequest>(&cfg, &mut out);
        one::<ProjectorRequest>(&cfg, &mut out);
        one::<ProjectorView>(&cfg, &mut out);
        one::<ProjectedScoreView>(&cfg, &mut out);
        one::<ProjectedPriceView>(&cfg, &mut out);
        one::<Language>(&cfg, &mut out);
        one::<BidSummaryView>(&cfg, &mut out);
        one::<ShortfallView>(&cfg, &mut out);
        one::<ExportBidTemplateRequest>(&cfg, &mut out);
        one::<ExportScoreSheetsRequest>(&cfg, &mut out);
        one::<CheckWorkbooksRequest>(&cfg, &mut out);
        one::<ImportWorkbooksRequest>(&cfg, &mut out);
        one::<Severity>(&cfg, &mut out);
        one::<DiagnosticView>(&cfg, &mut out);
        one::<ImportState>(&cfg, &mut out);
        one::<ImportView>(&cfg, &mut out);
        one::<ReportRequest>(&cfg, &mut out);
        one::<ReportPreview>(&cfg, &mut out);
        one::<PreviewSection>(&cfg, &mut out);
        one::<LetterPreview>(&cfg, &mut out);
        one::<ExportReportRequest>(&cfg, &mut out);
        one::<ReportProgress>(&cfg, &mut out);
        one::<ExportedReport>(&cfg, &mut out);
        out
    }

    /// Fails when ui/src/bindings/ differs from what the Rust types generate. Run with UPDATE_BINDINGS=1 to
    /// rewrite the folder, then commit it.
    #[test]
    fn committed_typescript_bindings_match_the_rust_types() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
        let expected = generated();
        if std::env::var("UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(&dir).unwrap();
            for entry in std::fs::read_dir(&dir).unwrap() {
                std::fs::remove_file(entry.unwrap().path()).unwrap();
            }
            for (name, text) in &expected {
                std::fs::write(dir.join(name), text).unwrap();
            }
        }
        let mut committed = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            committed.insert(name, std::fs::read_to_string(&path).unwrap());
        }
        for (name, text) in &expected {
            assert_eq!(committed.get(name), Some(text), "ui/src/bindings/{name} is stale: run UPDATE_BINDINGS=1");
        }
        let extra: Vec<_> = committed.keys().filter(|k| !expected.contains_key(*k)).collect();
        assert!(extra.is_empty(), "ui/src/bindings has files no Rust type generates: {extra:?}");
    }
}

mod scoring {
    use super::*;
    use tenderbench::audit::Stamp;
    use tenderbench::bid::{PriceLine, Submission};
    use tenderbench::evaluation::exchange;
    use tenderbench::panel::Declaration;
    use tenderbench::requirement::{RequirementKind, RequirementText};
    use tenderbench::store::{Access, TenderFile};
    use tenderbench_app::scoring::{ProjectorView, ScoreRequest};

    const MODEL: &str = r#"{ "scale": { "min": "0", "max": "10" }, "award_method": "best_price_quality",
      "criteria": [
        { "id": "PRICE", "weight": "40", "price": { "model": "linear_fixed", "full_points_at": "1000000", "zero_points_at": "2000000" } },
        { "id": "QUALITY", "weight": "60", "children": [ { "id": "Q1", "weight": "100", "requirements": [ { "id": "K-1" } ] } ] } ] }"#;

    /// Two bids scored 8 and 5 on K-1, priced 1,200,000 and 1,000,000, and an evaluator, Mette.
    pub fn tender(dir: &Path) -> (PathBuf, i64) {
        let path = dir.join("t.tender");
        let s = Stamp::new("test", chrono::Utc::now());
        let new = tenderbench::tender::NewTender { title: "T".into(), authority: "A".into(), reference: String::new() };
        let mut file = TenderFile::create(&path, &new, &s).unwrap();
        let lot = file.add_lot(&s, "Scannere").unwrap();
        let text = RequirementText {
            code: "K-1".into(),
            kind: RequirementKind::Award,
            title_da: "Brugervenlighed".into(),
            title_en: "Usability".into(),
            text_da: "Beskriv".into(),
            text_en: "Describe".into(),
            evidence: String::new(),
            area: "quality".into(),
            source: "test".into(),
            template_id: None,
            catalogue_version: None,
            parameters: "{}".into(),
        };
        let requirement = file.add_requirement(&s, lot.id, &text).unwrap();
        file.set_evaluation_model(&s, lot.id, &exchange::parse_input(MODEL).unwrap()).unwrap();
        let submissions: Vec<Submission> = [("A", 1_200_000), ("B", 1_000_000)]
            .iter()
            .map(|(name, price)| Submission {
                bidder: name.to_string(),
                lot_number: lot.number,
                received_at: None,
                source_file: format!("{name}.xlsx"),
                source_sha256: String::new(),
                responses: Vec::new(),
                price_lines: vec![PriceLine { item: "x".into(), quantity: 1.into(), unit_price: (*price).into() }],
                lcc: None,
            })
            .collect();
        let bids = file.import_submissions(&s, &submissions).unwrap();
        for (bid, points) in bids.iter().zip([8, 5]) {
            file.set_consensus_score(&s, requirement.id, *bid, Some(points.into()), "Begrundelse").unwrap();
        }
        let mette = file.add_evaluator(&s, "Mette", "Sygeplejerske").unwrap();
        file.declare(&s, mette, &Declaration::NoConflict).unwrap();
        drop(file);
        (path, lot.id)
    }

    #[test]
    fn a_score_updates_the_totals_and_undo_restores_them() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let sheet = s.scoring_sheet(lot).unwrap();
        let ranking: Vec<(&str, &str)> =
            sheet.totals.ranking.iter().map(|r| (r.bid.as_str(), r.total.as_str())).collect();
        assert_eq!(ranking, [("A", "8"), ("B", "7")]);
        let request = ScoreRequest {
            lot_id: lot,
            requirement_id: sheet.rows[0].requirement_id,
            bid_id: sheet.bids[0].id,
            evaluator_id: None,
            points: Some("4".into()),
            note: "Svag".into(),
        };
        let outcome = s.score(&request).unwrap();
        assert_eq!(outcome.totals.ranking[0].bid, "B");
        assert!(outcome.can_undo);
        let undone = s.undo_score(lot, false).unwrap().unwrap();
        assert_eq!((undone.points.as_deref(), undone.totals.ranking[0].bid.as_str()), (Some("8"), "A"));
        assert!(s.undo_score(lot, false).unwrap().is_none(), "nothing more to undo");
        s.close().unwrap();
        let log = TenderFile::open(&path, Access::ReadOnly).unwrap().audit_log().unwrap();
        assert_eq!(log.iter().filter(|e| e.field == "consensus").count(), 4, "two set, one edit, one undo");
    }

    #[test]
    fn the_projector_shows_no_evaluator_and_prices_only_when_revealed() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let hidden: ProjectorView = s.projector(lot, 0, false).unwrap().unwrap();
        let json = serde_json::to_string(&hidden).unwrap();
        assert!(!json.contains("Mette") && !json.contains("1200000"), "{json}");
        assert!(!hidden.prices_revealed && hidden.prices.is_empty());
        let revealed = s.projector(lot, 0, true).unwrap().unwrap();
        assert_eq!(revealed.prices[0].price.as_deref(), Some("1200000"));
        assert!(!serde_json::to_string(&revealed).unwrap().contains("Mette"));
    }
}

mod files {
    use super::*;
    use tenderbench::audit::Stamp;
    use tenderbench::bid::{Response, Submission};
    use tenderbench::bid_workbook;
    use tenderbench::store::{Access, TenderFile};
    use tenderbench::workbook::{self, Diagnostic};
    use tenderbench_app::bids::{
        CheckWorkbooksRequest, DiagnosticView, ExportBidTemplateRequest, ImportState, ImportWorkbooksRequest, Language,
        Severity,
    };
    use tenderbench_app::report::{ExportReportRequest, ReportProgress};

    /// A filled response workbook from bidder C for lot 1 of the scoring tender, written before the app opens
    /// the file (the app holds the tender file's lock while it is open).
    fn filled_workbook(tender: &Path, dir: &Path) -> PathBuf {
        let store = TenderFile::open(tender, Access::ReadOnly).unwrap();
        let submission = Submission {
            bidder: "C".into(),
            lot_number: 1,
            received_at: None,
            source_file: String::new(),
            source_sha256: String::new(),
            responses: vec![Response {
                requirement_code: "K-1".into(),
                compliant: None,
                value: "Touchskærm".into(),
                document_ref: String::new(),
                comment: String::new(),
            }],
            // The lot asks for no price items, so the workbook has no price lines to fill in.
            price_lines: Vec::new(),
            lcc: None,
        };
        let path = dir.join("c.xlsx");
        bid_workbook::fill_for_demo(&store, 1, workbook::Language::Da, &submission, &path).unwrap();
        path
    }

    #[test]
    fn an_import_with_an_error_changes_nothing_and_the_corrected_one_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = super::scoring::tender(dir.path());
        let good = filled_workbook(&path, dir.path());
        let broken = dir.path().join("broken.xlsx");
        std::fs::write(&broken, b"not a workbook").unwrap();
        let s = session(dir.path());
        s.open(&path).unwrap();
        let both = vec![good.display().to_string(), broken.display().to_string()];

        let found = s.check_bid_workbooks(&CheckWorkbooksRequest { paths: both.clone() }).unwrap();
        assert!(found.iter().all(|d| d.file == "broken.xlsx" && d.severity == Severity::Error), "{found:?}");
        assert!(!found.is_empty());
        let before = std::fs::read(&path).unwrap();
        let refused = s.import_bid_workbooks(&ImportWorkbooksRequest { paths: both, accept_warnings: true }).unwrap();
        assert_eq!(refused.state, ImportState::Rejected);
        assert_eq!(std::fs::read(&path).unwrap(), before, "a refused import must not touch the tender file");
        assert_eq!(s.bid_overview().unwrap().len(), 2);

        let imported = s
            .import_bid_workbooks(&ImportWorkbooksRequest {
                paths: vec![good.display().to_string()],
                accept_warnings: true,
            })
            .unwrap();
        assert_eq!(imported.state, ImportState::Imported, "{:?}", imported.diagnostics);
        let overview = s.bid_overview().unwrap();
        let c = overview.iter().find(|b| b.bidder == "C").expect("C's bid is on the overview");
        assert_eq!((c.admissible, c.source_file.as_str()), (true, "c.xlsx"));
        assert!(s.check_bid_workbooks(&CheckWorkbooksRequest { paths: Vec::new() }).is_err());
    }

    #[test]
    fn a_diagnostic_names_its_cell_as_excel_does() {
        let diagnostic = |sheet: Option<&str>, row, column: Option<&str>| Diagnostic {
            severity: workbook::Severity::Warning,
            file: "a.xlsx".into(),
            sheet: sheet.map(Into::into),
            row,
            column: column.map(Into::into),
            message: "m".into(),
        };
        let reference = |d: Diagnostic| DiagnosticView::new(&d).reference;
        assert_eq!(reference(diagnostic(Some("Krav"), Some(14), Some("D"))).as_deref(), Some("Krav!D14"));
        assert_eq!(reference(diagnostic(Some("My sheet"), Some(2), Some("AA"))).as_deref(), Some("'My sheet'!AA2"));
        assert_eq!(reference(diagnostic(Some("Priser"), None, None)).as_deref(), Some("Priser"));
        assert_eq!(reference(diagnostic(None, None, None)), None);
    }

    #[test]
    fn the_overview_shows_each_bids_price_and_status() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = super::scoring::tender(dir.path());
        {
            let mut store = TenderFile::open(&path, Access::ReadWrite).unwrap();
            let stamp = Stamp::new("test", chrono::Utc::now());
            let b = store.bids(lot).unwrap().into_iter().find(|b| b.bidder == "B").unwrap();
            store.set_exclusion(&stamp, b.id, Some("Unormalt lavt tilbud")).unwrap();
        }
        let s = session(dir.path());
        s.open(&path).unwrap();
        let overview = s.bid_overview().unwrap();
        let summary: Vec<(&str, Option<&str>, bool, Option<&str>)> = overview
            .iter()
            .map(|b| (b.bidder.as_str(), b.price.as_deref(), b.admissible, b.exclusion.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [("A", Some("1200000"), true, None), ("B", Some("1000000"), false, Some("Unormalt lavt tilbud"))]
        );
    }

    #[test]
    fn the_report_and_its_letters_are_exported_with_progress_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let preview = s.report_preview(Language::En).unwrap();
        assert_eq!(preview.heading, "Award report");
        let ranking = preview.sections.iter().find(|p| p.title == "Ranking").expect("a ranking section");
        assert!(ranking.text.contains("A"), "{}", ranking.text);
        assert_eq!(preview.letters.len(), 1, "B, second, gets a letter");

        let out = dir.path().join("out");
        let mut steps: Vec<ReportProgress> = Vec::new();
        let request = ExportReportRequest { language: Language::Da, folder: out.display().to_string() };
        let written = s.export_report(&request, |p| steps.push(p)).unwrap();
        let done: Vec<(u32, u32)> = steps.iter().map(|p| (p.done, p.total)).collect();
        assert_eq!(done, [(0, 2), (1, 2), (2, 2)]);
        assert_eq!(steps[0].file, "tildelingsrapport.pdf");
        assert!(written.pages >= 2);
        assert!(std::fs::read(&written.report).unwrap().starts_with(b"%PDF"));
        assert_eq!(written.letters, [out.join("breve").join("lot-1-b.pdf").display().to_string()]);
        assert!(std::fs::read(&written.letters[0]).unwrap().starts_with(b"%PDF"));
    }

    #[test]
    fn a_bid_template_is_written_with_its_extension() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let request = ExportBidTemplateRequest {
            lot_number: 1,
            language: Language::En,
            path: dir.path().join("template").display().to_string(),
        };
        let written = s.export_bid_template(&request).unwrap();
        assert!(written.ends_with("template.xlsx"));
        assert!(std::fs::read(&written).unwrap().starts_with(b"PK"));
        let wrong = ExportBidTemplateRequest { lot_number: 9, ..request };
        assert_eq!(s.export_bid_template(&wrong).unwrap_err().code, ErrorCode::Validation);
    }
}
