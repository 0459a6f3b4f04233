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
        assert!(error.message_en.contains("2026-11-22"), "{}", error.message_en);
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

    /// The projector window is on the wall: it may read what is projected and follow changes, nothing else.
    #[test]
    fn the_projector_window_may_only_follow_what_is_projected() {
        let capability = json(&app_dir().join("capabilities").join("projector.json"));
        assert_eq!(capability["windows"], serde_json::json!(["projector"]));
        assert_eq!(
            capability["permissions"],
            serde_json::json!(["allow-current-projection", "core:event:allow-listen", "core:event:allow-unlisten"])
        );
        let main = json(&app_dir().join("capabilities").join("main.json"));
        assert_eq!(main["windows"], serde_json::json!(["main"]));
    }
}

mod bindings {
    use std::collections::BTreeMap;
    use std::path::PathBuf;
    use tenderbench_app::bids::*;
    use tenderbench_app::documents::*;
    use tenderbench_app::ipc::*;
    use tenderbench_app::model::*;
    use tenderbench_app::panel::*;
    use tenderbench_app::report::*;
    use tenderbench_app::requirements::*;
    use tenderbench_app::results::*;
    use tenderbench_app::scoring::*;
    use tenderbench_app::strategy::*;
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
        one::<TotalsView>(&cfg, &mut out);
        one::<ProblemView>(&cfg, &mut out);
        one::<RankView>(&cfg, &mut out);
        one::<ScoreRequest>(&cfg, &mut out);
        one::<ScoreOutcome>(&cfg, &mut out);
        one::<LotRequest>(&cfg, &mut out);
        one::<ProjectorRequest>(&cfg, &mut out);
        one::<ProjectorView>(&cfg, &mut out);
        one::<ProjectedScoreView>(&cfg, &mut out);
        one::<ProjectedPriceView>(&cfg, &mut out);
        one::<AwardMethodCode>(&cfg, &mut out);
        one::<PriceModelCode>(&cfg, &mut out);
        one::<PriceBasisCode>(&cfg, &mut out);
        one::<ModelView>(&cfg, &mut out);
        one::<LockView>(&cfg, &mut out);
        one::<ScaleStepView>(&cfg, &mut out);
        one::<CriterionView>(&cfg, &mut out);
        one::<PriceRuleView>(&cfg, &mut out);
        one::<CurvePointView>(&cfg, &mut out);
        one::<LevelWarning>(&cfg, &mut out);
        one::<LccView>(&cfg, &mut out);
        one::<PriceRuleRequest>(&cfg, &mut out);
        one::<ModelEdit>(&cfg, &mut out);
        one::<ModelEditRequest>(&cfg, &mut out);
        one::<UnlockModelRequest>(&cfg, &mut out);
        one::<RuleProposalView>(&cfg, &mut out);
        one::<CheckCode>(&cfg, &mut out);
        one::<FindingView>(&cfg, &mut out);
        one::<DecideRuleRequest>(&cfg, &mut out);
        one::<ResultsView>(&cfg, &mut out);
        one::<ResultCriterion>(&cfg, &mut out);
        one::<ResultBid>(&cfg, &mut out);
        one::<LccBreakdownView>(&cfg, &mut out);
        one::<ResultExclusion>(&cfg, &mut out);
        one::<RobustnessView>(&cfg, &mut out);
        one::<WeightRangeView>(&cfg, &mut out);
        one::<WeightChangeView>(&cfg, &mut out);
        one::<RankReversalView>(&cfg, &mut out);
        one::<WinShareView>(&cfg, &mut out);
        one::<WeightOverride>(&cfg, &mut out);
        one::<WhatIfRequest>(&cfg, &mut out);
        one::<PanelMember>(&cfg, &mut out);
        one::<DeclarationView>(&cfg, &mut out);
        one::<AddEvaluatorRequest>(&cfg, &mut out);
        one::<DeclareRequest>(&cfg, &mut out);
        one::<Kind>(&cfg, &mut out);
        one::<Objective>(&cfg, &mut out);
        one::<Quadrant>(&cfg, &mut out);
        one::<Screening>(&cfg, &mut out);
        one::<Decision>(&cfg, &mut out);
        one::<QuestionnaireView>(&cfg, &mut out);
        one::<SectionView>(&cfg, &mut out);
        one::<QuestionView>(&cfg, &mut out);
        one::<AnswerTypeView>(&cfg, &mut out);
        one::<ChoiceView>(&cfg, &mut out);
        one::<AnswerView>(&cfg, &mut out);
        one::<KraljicView>(&cfg, &mut out);
        one::<WeightView>(&cfg, &mut out);
        one::<ProposalView>(&cfg, &mut out);
        one::<ModelTargetView>(&cfg, &mut out);
        one::<TopCriterionView>(&cfg, &mut out);
        one::<WeightTarget>(&cfg, &mut out);
        one::<StrategyState>(&cfg, &mut out);
        one::<StrategyView>(&cfg, &mut out);
        one::<SetAnswerRequest>(&cfg, &mut out);
        one::<AcceptWeightsRequest>(&cfg, &mut out);
        one::<DecideProposalRequest>(&cfg, &mut out);
        one::<ParameterView>(&cfg, &mut out);
        one::<TemplateView>(&cfg, &mut out);
        one::<CatalogueRequest>(&cfg, &mut out);
        one::<CatalogueView>(&cfg, &mut out);
        one::<RequirementView>(&cfg, &mut out);
        one::<SubCriterionView>(&cfg, &mut out);
        one::<RequirementsView>(&cfg, &mut out);
        one::<ParameterValue>(&cfg, &mut out);
        one::<AddTemplateRequest>(&cfg, &mut out);
        one::<UpdateRequirementRequest>(&cfg, &mut out);
        one::<MoveRequirementRequest>(&cfg, &mut out);
        one::<AssignRequirementRequest>(&cfg, &mut out);
        one::<RequirementRequest>(&cfg, &mut out);
        one::<SaveToCatalogueRequest>(&cfg, &mut out);
        one::<SavedToCatalogue>(&cfg, &mut out);
        one::<Language>(&cfg, &mut out);
        one::<BidSummaryView>(&cfg, &mut out);
        one::<ShortfallView>(&cfg, &mut out);
        one::<RejectBidRequest>(&cfg, &mut out);
        one::<RejectionRequest>(&cfg, &mut out);
        one::<GroundKind>(&cfg, &mut out);
        one::<SelectionView>(&cfg, &mut out);
        one::<SelectBidRequest>(&cfg, &mut out);
        one::<RevealPricesRequest>(&cfg, &mut out);
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
        one::<ExportOcdsRequest>(&cfg, &mut out);
        one::<ExportedOcds>(&cfg, &mut out);
        one::<DocumentsRequest>(&cfg, &mut out);
        one::<DocumentsView>(&cfg, &mut out);
        one::<DocumentPreview>(&cfg, &mut out);
        one::<PublishedView>(&cfg, &mut out);
        one::<ExportDocumentsRequest>(&cfg, &mut out);
        one::<ExportedDocuments>(&cfg, &mut out);
        one::<AskedQuestionsView>(&cfg, &mut out);
        one::<AskedQuestionView>(&cfg, &mut out);
        one::<AddQuestionRequest>(&cfg, &mut out);
        one::<AnswerQuestionRequest>(&cfg, &mut out);
        one::<ExportQuestionsRequest>(&cfg, &mut out);
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
    use tenderbench_app::scoring::{ProjectorView, ScoreRequest, ScoringView};

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
                subcontracting: None,
                lcc: None,
                original: None,
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
        // Sealed prices: the totals are the quality points, quality 8 and 5 × 60 %.
        let sealed = s.scoring_sheet(lot).unwrap();
        let totals = |sheet: &ScoringView| -> Vec<(String, String)> {
            sheet.totals.ranking.iter().map(|r| (r.bid.clone(), r.total.clone())).collect()
        };
        assert!(sealed.prices_sealed && sealed.totals.quality_only);
        assert_eq!(totals(&sealed), [("A".to_owned(), "4.8".to_owned()), ("B".into(), "3".into())]);
        let sheet = s.reveal_prices(lot, None).unwrap();
        assert!(!sheet.prices_sealed && !sheet.totals.quality_only);
        assert_eq!(totals(&sheet), [("A".to_owned(), "8".to_owned()), ("B".into(), "7".into())]);
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
        let row = outcome.row.unwrap();
        assert_eq!(
            (row.requirement_id, row.consensus[0].as_deref(), row.justification[0].as_str()),
            (request.requirement_id, Some("4"), "Svag")
        );
        assert_eq!(row.consensus[1].as_deref(), Some("5"), "the other bid's score is untouched");
        let undone = s.undo_score(lot, false).unwrap().unwrap();
        let consensus = undone.row.map(|r| r.consensus[0].clone());
        assert_eq!((consensus.flatten().as_deref(), undone.totals.ranking[0].bid.as_str()), (Some("8"), "A"));
        assert!(s.undo_score(lot, false).unwrap().is_none(), "nothing more to undo");
        s.close().unwrap();
        let log = TenderFile::open(&path, Access::ReadOnly).unwrap().audit_log().unwrap();
        assert_eq!(log.iter().filter(|e| e.field == "consensus").count(), 4, "two set, one edit, one undo");
    }

    #[test]
    fn the_projector_window_starts_from_what_was_last_projected_and_forgets_it_on_close() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        assert_eq!(s.current_projection().unwrap(), None);
        let projected = s.project(lot, 0, false).unwrap();
        assert!(projected.is_some());
        assert_eq!(s.current_projection().unwrap(), projected);
        s.close().unwrap();
        assert_eq!(s.current_projection().unwrap(), None, "a closed tender leaves nothing on the wall");
    }

    #[test]
    fn undo_of_a_delete_brings_back_the_scores_and_the_totals() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let ranking = |s: &Session| {
            s.scoring_sheet(lot)
                .unwrap()
                .totals
                .ranking
                .iter()
                .map(|r| (r.bid.clone(), r.total.clone()))
                .collect::<Vec<_>>()
        };
        let before = ranking(&s);
        assert!(!before.is_empty());
        let k1 = s.requirements(lot).unwrap().requirements[0].id;
        let request = tenderbench_app::requirements::RequirementRequest { lot_id: lot, id: k1 };
        assert!(s.remove_requirement(&request).unwrap().requirements.is_empty());
        let view = s.undo_remove_requirement(lot).unwrap();
        assert_eq!(view.requirements[0].criterion.as_deref(), Some("Q1"));
        assert_eq!(ranking(&s), before, "the consensus scores came back with K-1");
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
        let sealed = s.projector(lot, 0, true).unwrap().unwrap();
        assert!(sealed.prices.is_empty(), "the button shows no price while the lot's prices are sealed");
        s.reveal_prices(lot, None).unwrap();
        let revealed = s.projector(lot, 0, true).unwrap().unwrap();
        assert_eq!(revealed.prices[0].price.as_deref(), Some("1200000"));
        assert!(!serde_json::to_string(&revealed).unwrap().contains("Mette"));
    }
}

mod model_and_results {
    use super::*;
    use tenderbench::audit::Stamp;
    use tenderbench::store::{Access, TenderFile};
    use tenderbench_app::bids::Language;
    use tenderbench_app::model::{CheckCode, DecideRuleRequest, ModelEdit, PriceModelCode};
    use tenderbench_app::panel::{AddEvaluatorRequest, DeclarationView, DeclareRequest};
    use tenderbench_app::results::{WeightOverride, WhatIfRequest};

    fn weights(view: &tenderbench_app::model::ModelView) -> Vec<(String, Option<String>)> {
        view.criteria.iter().map(|c| (c.code.clone(), c.leaf_weight.clone())).collect()
    }

    #[test]
    fn the_editor_shows_the_engines_leaf_weights_and_warns_about_a_level_off_100() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let model = s.model(lot).unwrap();
        let expected = [("PRICE", Some("40")), ("QUALITY", None), ("Q1", Some("60"))];
        let expected: Vec<_> = expected.iter().map(|(c, w)| (c.to_string(), w.map(str::to_owned))).collect();
        assert_eq!(weights(&model), expected);
        assert!(model.level_warnings.is_empty());
        // Requirements go under scored leaves only: not under a price leaf or a criterion with sub-criteria.
        let takes: Vec<bool> = model.criteria.iter().map(|c| c.takes_requirements).collect();
        assert_eq!(takes, [false, false, true]);
        let price = model.criteria[0].price.as_ref().unwrap();
        assert_eq!(price.model, PriceModelCode::LinearFixed);
        // The curve runs from 10 % below full points to 10 % above zero points, clamped to the scale.
        assert_eq!(price.curve.len(), 21);
        assert_eq!((price.curve[0].price.as_str(), price.curve[0].points.as_str()), ("900000", "10"));
        assert_eq!(price.curve[20].points, "0");

        let add = ModelEdit::AddCriterion {
            parent: Some("QUALITY".into()),
            code: "Q2".into(),
            name: "Service".into(),
            weight: "50".into(),
        };
        let model = s.edit_model(lot, &add).unwrap();
        assert_eq!(model.level_warnings.len(), 1);
        assert_eq!(
            (model.level_warnings[0].parent.as_deref(), model.level_warnings[0].sum.as_str()),
            (Some("QUALITY"), "150")
        );
        // Q1 100 and Q2 50 share QUALITY's 60 %: 40 % and 20 %.
        let leaf = |code: &str| model.criteria.iter().find(|c| c.code == code).unwrap().leaf_weight.clone();
        assert_eq!((leaf("Q1").as_deref(), leaf("Q2").as_deref()), (Some("40"), Some("20")));

        let refused = s.edit_model(lot, &ModelEdit::Reweight { code: "Q2".into(), weight: "abc".into() }).unwrap_err();
        assert_eq!(refused.code, ErrorCode::Validation);
        assert!(refused.message_en.contains("'abc' is not a number"), "{}", refused.message_en);
        assert_eq!(refused.message_da, "Q2: 'abc' er ikke et tal.");

        // A criterion named in English is no longer listed as missing an English text; the report that
        // lists it waits for the prices to be opened, here before Q2 is scored, so with a reason.
        s.reveal_prices(lot, Some("Modellens engelske tekster gennemgås før pointgivningen.")).unwrap();
        let english = |s: &Session| s.report_preview(Language::En).unwrap().missing_english;
        let named = |text: &str| english(&s).iter().any(|m| m.message_en.contains(&format!("criterion {text},")));
        assert!(named("Q2"), "{:?}", english(&s));
        let model = s.edit_model(lot, &ModelEdit::NameCriterionInEnglish { code: "Q2".into(), name: "Service".into() });
        assert_eq!(model.unwrap().criteria.iter().find(|c| c.code == "Q2").unwrap().name_en, "Service");
        assert!(named("Q2"), "an English name identical to the Danish one still counts as missing");
        s.edit_model(lot, &ModelEdit::NameCriterionInEnglish { code: "Q2".into(), name: "After-sales service".into() })
            .unwrap();
        assert!(!named("Q2"), "{:?}", english(&s));
    }

    #[test]
    fn a_publication_later_than_the_tenders_published_date_is_shown_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        s.set_tender_field(TenderField::PublishedOn, "2026-01-05").unwrap();
        let view = s.lock_model(lot).unwrap();
        let warning = view.publication_warning.expect("a warning for a lot published after the tender");
        assert!(warning.message_en.contains("5 January 2026"), "{}", warning.message_en);
        assert!(s.model(lot).unwrap().publication_warning.is_none(), "the warning belongs to the publication");
    }

    #[test]
    fn the_editor_lists_the_templates_proposals_and_the_consistency_findings_and_decides_them() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = super::scoring::tender(dir.path());
        {
            let mut file = TenderFile::open(&path, Access::ReadWrite).unwrap();
            let s = Stamp::new("test", chrono::Utc::now());
            let catalogue = tenderbench::catalogue::Catalogue::builtin();
            let energy =
                tenderbench::catalogue::add_to_lot(&mut file, &s, lot, catalogue, "BRU-002", &Default::default())
                    .unwrap();
            file.assign_requirement(&s, energy.id, Some("Q1"), "1", None).unwrap();
        }
        let s = session(dir.path());
        s.open(&path).unwrap();
        let view = s.model(lot).unwrap();
        let ids: Vec<&str> = view.proposals.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["measure:K-002"]);
        assert!(view.proposals[0].proposal.message_da.contains("bedst 500 kWh"), "{:?}", view.proposals[0]);
        // BRU-002 is green, so the lot meets the region's policy on green requirements.
        assert_eq!(view.findings, []);

        let reject =
            DecideRuleRequest { lot_id: lot, proposal_id: "measure:K-002".into(), accept: false, reason: " ".into() };
        assert_eq!(s.decide_rule(&reject).unwrap_err().code, ErrorCode::Validation, "a rejection needs a reason");
        let accept = DecideRuleRequest { accept: true, reason: String::new(), ..reject };
        let view = s.decide_rule(&accept).unwrap();
        assert_eq!(view.proposals, []);
        let measured = view.criteria.iter().find(|c| c.code == "Q1").unwrap();
        assert!(measured.requirements.contains(&"K-002".to_owned()));
        assert_eq!(s.decide_rule(&accept).unwrap_err().code, ErrorCode::NotFound, "a decided proposal is closed");

        // Price at 90 leaves quality a tenth.
        let view = s.edit_model(lot, &ModelEdit::Reweight { code: "PRICE".into(), weight: "540".into() }).unwrap();
        let checks: Vec<CheckCode> = view.findings.iter().map(|f| f.check).collect();
        assert_eq!(checks, [CheckCode::QualityWeightLow]);
        assert!(view.findings[0].fix.message_en.contains("at least 30 %"), "{:?}", view.findings[0]);
    }

    #[test]
    fn a_locked_model_refuses_changes_until_unlocked_with_a_reason_which_the_audit_log_keeps() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        assert!(s.lock_model(lot).unwrap().locked.is_some());
        let reweight = ModelEdit::Reweight { code: "PRICE".into(), weight: "30".into() };
        assert_eq!(s.edit_model(lot, &reweight).unwrap_err().code, ErrorCode::Validation);
        assert_eq!(s.unlock_model(lot, "  ", true).unwrap_err().code, ErrorCode::Validation);
        // The bids are in, so the unlock waits for the consultant's second confirmation.
        assert_eq!(s.unlock_model(lot, "Rettelsesblad 2", false).unwrap_err().code, ErrorCode::NeedsConfirmation);
        assert!(s.unlock_model(lot, "Rettelsesblad 2", true).unwrap().locked.is_none());
        assert_eq!(s.edit_model(lot, &reweight).unwrap().criteria[0].weight.as_deref(), Some("30"));
        s.close().unwrap();
        let log = TenderFile::open(&path, Access::ReadOnly).unwrap().audit_log().unwrap();
        assert!(log.iter().any(|e| e.field == "unlocked" && e.new_value.as_deref() == Some("Rettelsesblad 2")));
    }

    #[test]
    fn results_show_the_engines_ranking_and_what_if_changes_it_without_saving() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let sealed = s.results(lot).unwrap();
        assert!(sealed.prices_sealed && sealed.ranking.is_empty(), "no ranking while the prices are sealed");
        s.reveal_prices(lot, None).unwrap();
        let results = s.results(lot).unwrap();
        let table: Vec<_> = results
            .ranking
            .iter()
            .map(|b| (b.bid.as_str(), b.rank, b.total.as_str(), b.contributions.clone()))
            .collect();
        // A: price 8 points × 40 % = 3.2, quality 8 × 60 % = 4.8; B: 10 × 40 % = 4, 5 × 60 % = 3.
        assert_eq!(
            table,
            [("A", 1, "8", vec!["3.2".to_owned(), "4.8".to_owned()]), ("B", 2, "7", vec!["4".into(), "3".into()])]
        );
        let percents: Vec<_> = results.criteria.iter().map(|c| c.percent.as_str()).collect();
        assert_eq!(percents, ["40", "60"]);

        let tried = WhatIfRequest {
            lot_id: lot,
            weights: vec![
                WeightOverride { code: "PRICE".into(), weight: "90".into() },
                WeightOverride { code: "QUALITY".into(), weight: "10".into() },
            ],
        };
        // A: 8 × 0.9 + 8 × 0.1 = 8; B: 10 × 0.9 + 5 × 0.1 = 9.5.
        let what_if = s.what_if(&tried).unwrap();
        let table: Vec<_> = what_if.ranking.iter().map(|b| (b.bid.as_str(), b.total.as_str())).collect();
        assert_eq!(table, [("B", "9.5"), ("A", "8")]);
        assert_eq!(s.results(lot).unwrap().ranking[0].bid, "A", "what-if saved nothing");
    }

    #[test]
    fn robustness_gives_the_price_weight_that_keeps_the_winner() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        assert!(s.robustness(lot).is_err(), "no robustness while the prices are sealed");
        s.reveal_prices(lot, None).unwrap();
        let robustness = s.robustness(lot).unwrap();
        assert_eq!(robustness.winner.as_deref(), Some("A"));
        // A's total is 8 at every price weight x; B's is 5 + 5x, which passes 8 above x = 60 %.
        let price = robustness.weight_ranges.iter().find(|r| r.criterion == "PRICE").unwrap();
        assert_eq!((price.from.as_str(), price.to.as_str()), ("0", "60"));
        assert_eq!(robustness.draws, 100_000);
        assert_eq!(robustness.win_shares[0].bid, "A");
    }

    #[test]
    fn an_evaluator_is_registered_and_must_declare_with_a_measure_for_a_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let panel = s.add_evaluator(&AddEvaluatorRequest { name: "Jens".into(), role: "Tekniker".into() }).unwrap();
        let jens = panel.iter().find(|m| m.name == "Jens").unwrap();
        assert_eq!(jens.declaration, DeclarationView::Missing);
        let conflict = DeclarationView::Conflict { description: "Tidligere ansat hos A".into(), measure: " ".into() };
        let refused = s.declare(&DeclareRequest { evaluator_id: jens.id, declaration: conflict }).unwrap_err();
        assert_eq!(refused.code, ErrorCode::Validation);
        let conflict = DeclarationView::Conflict {
            description: "Tidligere ansat hos A".into(),
            measure: "Scorer ikke A's tilbud".into(),
        };
        let panel = s.declare(&DeclareRequest { evaluator_id: jens.id, declaration: conflict.clone() }).unwrap();
        assert_eq!(panel.iter().find(|m| m.name == "Jens").unwrap().declaration, conflict);
        let twice = s.add_evaluator(&AddEvaluatorRequest { name: "Jens".into(), role: String::new() }).unwrap_err();
        assert!(twice.message_en.contains("already an evaluator called Jens"), "{}", twice.message_en);
        assert_eq!(twice.message_da, "Der findes allerede en bedømmer med navnet Jens.");
    }
}

mod catalogue {
    use super::*;
    use tenderbench::audit::Stamp;
    use tenderbench::evaluation::exchange;
    use tenderbench::store::{Access, TenderFile};
    use tenderbench_app::requirements::{
        AddTemplateRequest, AssignRequirementRequest, CatalogueRequest, MoveRequirementRequest, ParameterValue,
        RequirementRequest, SaveToCatalogueRequest, UpdateRequirementRequest,
    };
    use tenderbench_app::strategy::{
        AcceptWeightsRequest, DecideProposalRequest, Kind, Objective, Quadrant, SetAnswerRequest, WeightTarget,
    };

    const MODEL: &str = r#"{ "scale": { "min": "0", "max": "10" }, "award_method": "best_price_quality",
      "criteria": [
        { "id": "PRIS", "name": "Pris", "weight": "40", "price": { "model": "linear_fixed", "full_points_at": "1000000", "zero_points_at": "2000000" } },
        { "id": "KVALITET", "name": "Kvalitet", "weight": "60", "children": [
          { "id": "KV-1", "name": "Brugervenlighed", "weight": "100" } ] } ] }"#;

    /// A tender with one lot whose model has a price leaf and the sub-criterion KV-1; returns the lot id.
    fn tender(dir: &Path) -> (PathBuf, i64) {
        let path = dir.join("t.tender");
        let s = Stamp::new("test", chrono::Utc::now());
        let new = tenderbench::tender::NewTender { title: "T".into(), authority: "A".into(), reference: String::new() };
        let mut file = TenderFile::create(&path, &new, &s).unwrap();
        let lot = file.add_lot(&s, "Scannere").unwrap();
        file.set_evaluation_model(&s, lot.id, &exchange::parse_input(MODEL).unwrap()).unwrap();
        (path, lot.id)
    }

    fn answer(question_id: &str, value: &str, reason: &str) -> SetAnswerRequest {
        SetAnswerRequest { question_id: question_id.into(), value: value.into(), reason: reason.into() }
    }

    fn audit_mentions(path: &Path, entity: &str) -> usize {
        let file = TenderFile::open(path, Access::ReadOnly).unwrap();
        file.audit_log().unwrap().iter().filter(|row| row.entity.contains(entity)).count()
    }

    #[test]
    fn an_answer_is_checked_saved_and_survives_reopening_with_the_derived_results() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let view = s.strategy().unwrap();
        assert!(view.questionnaire.sections.len() >= 7);
        assert!(view.state.kraljic.is_none());

        let refused = s.set_strategy_answer(&answer("market.concentration", "6", "")).unwrap_err();
        assert_eq!(refused.code, ErrorCode::Validation);
        assert!(refused.message_en.contains("1 to 5"), "{}", refused.message_en);
        let refused = s.set_strategy_answer(&answer("screening.repair", "minimum", " ")).unwrap_err();
        assert!(refused.message_en.contains("reason"), "{}", refused.message_en);

        // Supply risk (4 + 5 + (6 − 2)) / 3 = 4.33, profit impact 2: high risk, low impact, a bottleneck.
        for (question, value) in [
            ("market.concentration", "4"),
            ("risk.criticality", "5"),
            ("risk.substitutes", "2"),
            ("importance.core_service", "2"),
        ] {
            s.set_strategy_answer(&answer(question, value, "")).unwrap();
        }
        let state = s.set_strategy_answer(&answer("screening.repair", "minimum", "Egne teknikere")).unwrap();
        let kraljic = state.kraljic.unwrap();
        assert_eq!((kraljic.supply_risk.as_str(), kraljic.profit_impact.as_str()), ("4.33", "2"));
        assert_eq!(kraljic.quadrant, Quadrant::Bottleneck);
        assert!(!state.proposals.is_empty(), "the repair screening proposes templates");
        s.close().unwrap();

        assert!(audit_mentions(&path, "strategy screening.repair") >= 2, "value and reason are audited");
        s.open(&path).unwrap();
        let state = s.strategy().unwrap().state;
        let repair = state.answers.iter().find(|a| a.question_id == "screening.repair").unwrap();
        assert_eq!((repair.value.as_str(), repair.reason.as_str()), ("minimum", "Egne teknikere"));
        assert_eq!(state.kraljic.unwrap().quadrant, Quadrant::Bottleneck);
    }

    #[test]
    fn suggested_weights_are_accepted_into_the_lot_model_unless_it_is_locked() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let accept =
            |targets: Vec<WeightTarget>| s.accept_suggested_weights(&AcceptWeightsRequest { lot_id: lot, targets });
        let target = |objective, criterion: &str| WeightTarget { objective, criterion: Some(criterion.into()) };
        assert_eq!(accept(vec![]).unwrap_err().code, ErrorCode::Validation, "no weights before all four are rated");

        // Ratings 4, 4, 1, 1 sum to 10: 40, 40, 10, 10.
        let mut state = None;
        for (question, value) in [
            ("objectives.quality", "4"),
            ("objectives.efficiency", "4"),
            ("objectives.sustainability", "1"),
            ("objectives.supply_security", "1"),
        ] {
            state = Some(s.set_strategy_answer(&answer(question, value, "")).unwrap());
        }
        let state = state.unwrap();
        let weights: Vec<&str> = state.weights.iter().map(|w| w.weight.as_str()).collect();
        assert_eq!(weights, ["40", "40", "10", "10"]);
        let model = &state.models[0];
        let guessed: Vec<Option<&str>> = model.targets.iter().map(|t| t.criterion.as_deref()).collect();
        assert_eq!(guessed, [Some("KVALITET"), Some("PRIS"), None, None]);

        // Quality, sustainability and supply security into KVALITET (60), efficiency into PRIS (40).
        let targets = vec![
            target(Objective::Quality, "KVALITET"),
            target(Objective::Efficiency, "PRIS"),
            target(Objective::Sustainability, "KVALITET"),
            target(Objective::SupplySecurity, "KVALITET"),
        ];
        let state = accept(targets.clone()).unwrap();
        let top: Vec<(&str, Option<&str>)> =
            state.models[0].criteria.iter().map(|c| (c.code.as_str(), c.weight.as_deref())).collect();
        assert_eq!(top, [("PRIS", Some("40")), ("KVALITET", Some("60"))]);

        s.close().unwrap();
        let mut file = TenderFile::open(&path, Access::ReadWrite).unwrap();
        file.lock_evaluation_model(&Stamp::new("test", chrono::Utc::now()), lot).unwrap();
        drop(file);
        s.open(&path).unwrap();
        let refused = accept(targets).unwrap_err();
        assert!(refused.message_en.contains("locked"), "{}", refused.message_en);
    }

    #[test]
    fn a_parameterised_template_is_added_edited_assigned_moved_and_restored_after_delete() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let search = |text: &str, category: Option<&str>| {
            s.search_catalogue(&CatalogueRequest {
                text: text.into(),
                area: None,
                kind: None,
                category: category.map(Into::into),
                track: None,
                catalogue_path: None,
            })
        };
        // Danish and English words find the same template.
        let danish = search("reservedele smartphones", None).unwrap();
        let english = search("spare parts smartphones", None).unwrap();
        assert!(danish.templates.iter().any(|t| t.id == "LEV-008"));
        assert_eq!(
            danish.templates.iter().map(|t| &t.id).collect::<Vec<_>>(),
            english.templates.iter().map(|t| &t.id).collect::<Vec<_>>()
        );
        assert_eq!(search("", Some("no-such-category")).unwrap_err().code, ErrorCode::Validation);
        let template = english.templates.iter().find(|t| t.id == "LEV-008").unwrap();
        assert_eq!((template.parameters[0].name.as_str(), template.parameters[0].numeric), ("years", true));

        let add = |id: &str, years: &str| {
            s.add_template(&AddTemplateRequest {
                lot_id: lot,
                template_id: id.into(),
                parameters: vec![ParameterValue { name: "years".into(), value: years.into() }],
                catalogue_path: None,
            })
        };
        assert_eq!(add("LEV-008", "otte").unwrap_err().code, ErrorCode::Validation);
        add("LEV-008", "8").unwrap();
        add("LEV-001", "10").unwrap();
        let view = add("LEV-011", "5").unwrap();
        let codes: Vec<&str> = view.requirements.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["K-001", "K-002", "K-003"]);
        assert!(view.requirements[0].text_da.contains('8') && !view.requirements[0].text_da.contains("{years}"));
        assert_eq!(view.criteria.iter().map(|c| c.path.as_str()).collect::<Vec<_>>(), ["Kvalitet › Brugervenlighed"]);

        let first = view.requirements[0].clone();
        let view = s
            .update_requirement(&UpdateRequirementRequest {
                lot_id: lot,
                id: first.id,
                kind: Kind::Award,
                title_da: first.title_da.clone(),
                title_en: "Spare parts for phones".into(),
                text_da: first.text_da.clone(),
                text_en: first.text_en.clone(),
            })
            .unwrap();
        assert_eq!(view.requirements[0].kind, Kind::Award);
        assert_eq!(view.requirements[0].title_en, "Spare parts for phones");
        let cleared = UpdateRequirementRequest {
            lot_id: lot,
            id: first.id,
            kind: Kind::Award,
            title_da: String::new(),
            title_en: "x".into(),
            text_da: "x".into(),
            text_en: "x".into(),
        };
        assert_eq!(s.update_requirement(&cleared).unwrap_err().code, ErrorCode::Validation);
        let assign = AssignRequirementRequest { lot_id: lot, id: first.id, criterion: Some("KV-1".into()) };
        assert_eq!(s.assign_requirement(&assign).unwrap().requirements[0].criterion.as_deref(), Some("KV-1"));
        let view = s.move_requirement(&MoveRequirementRequest { lot_id: lot, id: first.id, position: 2 }).unwrap();
        let codes: Vec<&str> = view.requirements.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["K-002", "K-001", "K-003"]);

        // Deleting offers undo; undo puts it back in its place, under its sub-criterion, with its texts.
        let view = s.remove_requirement(&RequirementRequest { lot_id: lot, id: first.id }).unwrap();
        assert_eq!(view.requirements.len(), 2);
        assert!(view.undo.as_deref().unwrap().starts_with("K-001"));
        let view = s.undo_remove_requirement(lot).unwrap();
        assert!(view.undo.is_none());
        let restored = &view.requirements[1];
        assert_eq!((restored.code.as_str(), restored.criterion.as_deref()), ("K-001", Some("KV-1")));
        assert_eq!((restored.title_en.as_str(), restored.kind), ("Spare parts for phones", Kind::Award));
        assert_eq!(s.undo_remove_requirement(lot).unwrap_err().code, ErrorCode::NotFound, "undo happens once");
        s.close().unwrap();
        assert!(audit_mentions(&path, "requirement K-001") >= 5, "add, edit, assign, move, remove, re-add");

        s.open(&path).unwrap();
        let view = s.requirements(lot).unwrap();
        assert!(view.undo.is_none());
        assert!(view.requirements[1].text_da.contains('8'));
    }

    #[test]
    fn a_requirement_is_saved_to_a_personal_catalogue_and_found_there() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let view = s
            .add_template(&AddTemplateRequest {
                lot_id: lot,
                template_id: "LEV-008".into(),
                parameters: vec![ParameterValue { name: "years".into(), value: "8".into() }],
                catalogue_path: None,
            })
            .unwrap();
        let id = view.requirements[0].id;
        let save = |template_id: &str, categories: Vec<String>| {
            s.save_to_catalogue(&SaveToCatalogueRequest {
                lot_id: lot,
                id,
                path: dir.path().join("mine").display().to_string(),
                template_id: template_id.into(),
                categories,
            })
        };
        assert_eq!(save("MIT-1", vec![]).unwrap_err().code, ErrorCode::Validation, "a category is needed");
        let saved = save("MIT-1", vec!["it".into()]).unwrap();
        assert!(saved.path.ends_with("mine.json"));
        assert_eq!(saved.templates, 1);
        let found = s
            .search_catalogue(&CatalogueRequest {
                text: "8".into(),
                area: None,
                kind: None,
                category: Some("it".into()),
                track: None,
                catalogue_path: Some(saved.path.clone()),
            })
            .unwrap();
        assert_eq!(found.templates.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["MIT-1"]);
    }

    #[test]
    fn accepting_a_proposal_adds_its_template_and_rejecting_records_the_decision() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let state = s.set_strategy_answer(&answer("screening.repair", "minimum", "Egne teknikere")).unwrap();
        let first = state.proposals[0].template_id.clone();
        let second = state.proposals[1].template_id.clone();
        let decide = |template_id: &str, accept| {
            s.decide_proposal(&DecideProposalRequest { template_id: template_id.into(), accept, lot_id: lot })
        };
        let state = decide(&first, true).unwrap();
        assert_eq!(state.proposals[0].decision, Some(tenderbench_app::strategy::Decision::Accepted));
        let state = decide(&second, false).unwrap();
        assert_eq!(state.proposals[1].decision, Some(tenderbench_app::strategy::Decision::Rejected));
        let requirements = s.requirements(lot).unwrap().requirements;
        assert_eq!(requirements.len(), 1);
        assert_eq!(requirements[0].template_id.as_deref(), Some(first.as_str()));
    }
}

mod files {
    use super::*;
    use tenderbench::bid::{Response, Submission};
    use tenderbench::bid_workbook;
    use tenderbench::store::{Access, TenderFile};
    use tenderbench::workbook::{self, Diagnostic};
    use tenderbench_app::bids::{
        CheckWorkbooksRequest, DiagnosticView, ExportBidTemplateRequest, GroundKind, ImportState,
        ImportWorkbooksRequest, Language, RejectBidRequest, RejectionRequest, SelectBidRequest, SelectionView,
        Severity,
    };
    use tenderbench_app::report::{ExportOcdsRequest, ExportReportRequest, OCDS_FILE_NAME, ReportProgress};

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
            subcontracting: None,
            lcc: None,
            original: None,
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
            message_da: "m".into(),
            message_en: "m".into(),
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
        let s = session(dir.path());
        s.open(&path).unwrap();
        let sealed = s.bid_overview().unwrap();
        assert!(sealed.iter().all(|b| b.prices_sealed && b.price.is_none() && b.life_cycle_cost.is_none()));
        s.reveal_prices(lot, None).unwrap();
        let b = s.bid_overview().unwrap().into_iter().find(|b| b.bidder == "B").unwrap().bid_id;
        let request = |ground, requested_on: Option<&str>, received_at: Option<&str>| RejectBidRequest {
            bid_id: b,
            rejection: Some(RejectionRequest {
                ground,
                requested_on: requested_on.map(Into::into),
                answered_on: Some(String::new()),
                received_at: received_at.map(Into::into),
                requirement: None,
                reason: "Prisen er ikke forklaret".into(),
            }),
        };
        let refused = s.reject_bid(&request(GroundKind::AbnormallyLow, None, None)).unwrap_err();
        assert_eq!(refused.message_en, "Give the day the explanation was asked for.");

        let overview = s.reject_bid(&request(GroundKind::AbnormallyLow, Some("2026-10-20"), None)).unwrap();
        let summary: Vec<(&str, Option<&str>, bool)> =
            overview.iter().map(|b| (b.bidder.as_str(), b.price.as_deref(), b.admissible)).collect();
        assert_eq!(summary, [("A", Some("1200000"), true), ("B", Some("1000000"), false)]);
        let worded = overview[1].exclusion.as_ref().unwrap();
        assert!(worded.message_da.contains("anmodede den 20. oktober 2026"), "{}", worded.message_da);
        assert!(worded.message_en.ends_with("Assessment: Prisen er ikke forklaret."), "{}", worded.message_en);

        // A late tender's time comes from the window's date-time field, in Danish time.
        let overview = s.reject_bid(&request(GroundKind::Late, None, Some("2026-09-14T12:05"))).unwrap();
        let worded = &overview[1].exclusion.as_ref().unwrap().message_da;
        assert!(worded.starts_with("Tilbuddet blev modtaget 14. september 2026 kl. 12.05 (dansk tid)"), "{worded}");

        let overview = s.reject_bid(&RejectBidRequest { bid_id: b, rejection: None }).unwrap();
        assert!(overview.iter().all(|b| b.admissible && b.exclusion.is_none()), "the rejection is withdrawn");

        // The selection result needs the authority's reasons, and the overview shows what was recorded.
        let select = |reason: &str| SelectBidRequest {
            bid_id: b,
            selection: Some(SelectionView { qualified: false, reason: reason.into() }),
        };
        let refused = s.select_bid(&select(" ")).unwrap_err();
        assert_eq!(refused.message_en, "The selection result needs the authority's reasons.");
        let overview = s.select_bid(&select("Omsætningen er for lav")).unwrap();
        assert_eq!(
            overview[1].selection,
            Some(SelectionView { qualified: false, reason: "Omsætningen er for lav".into() })
        );
        assert_eq!(overview[0].selection, None);
        let overview = s.select_bid(&SelectBidRequest { bid_id: b, selection: None }).unwrap();
        assert!(overview.iter().all(|b| b.selection.is_none()), "the result is removed");
    }

    /// The model step's documents: both previewed, the published chapter with its hash, the export; and the
    /// questions kept with who asked, flagged when late, and exported without who asked.
    #[test]
    fn the_documents_and_the_questions_are_previewed_kept_and_exported() {
        use tenderbench_app::documents::*;
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let view = s.documents(&DocumentsRequest { lot_id: lot, language: Language::Da }).unwrap();
        let headings: Vec<&str> = view.documents.iter().map(|d| d.heading.as_str()).collect();
        assert_eq!(headings, ["Tildelingskriterier og evaluering", "Kravspecifikation"]);
        assert!(view.published.is_empty(), "the lot is not published yet");
        let view =
            s.lock_model(lot).and_then(|_| s.documents(&DocumentsRequest { lot_id: lot, language: Language::Da }));
        let published = &view.unwrap().published;
        assert_eq!(published.len(), 1);
        assert_eq!((published[0].title.as_str(), published[0].sha256.len()), ("Tildelingskriterier og evaluering", 64));
        let out = dir.path().join("documents");
        let folder = out.display().to_string();
        let request = ExportDocumentsRequest { lot_id: lot, language: Language::En, folder: folder.clone() };
        let exported = s.export_documents(&request).unwrap();
        assert_eq!(exported.files.len(), 4);
        assert!(exported.files.iter().all(|f| Path::new(f).is_file()), "{:?}", exported.files);

        s.set_tender_field(TenderField::BidDeadline, "2026-12-14").unwrap();
        let add = |text: &str, on: &str| AddQuestionRequest {
            received_on: on.into(),
            asker: "Sonoscan A/S".into(),
            text: text.into(),
            language: Language::En,
        };
        s.add_question(&add("Are wireless probes allowed?", "2026-11-20")).unwrap();
        let view = s.add_question(&add("May delivery take 16 weeks?", "2026-12-10")).unwrap();
        assert_eq!(view.last_answer_day, "7 December 2026");
        assert!(view.questions[0].flags.is_empty());
        assert!(view.questions[1].flags[0].message_en.contains("received after 7 December 2026"), "{view:?}");
        let refused = s.add_question(&add("No day", "")).unwrap_err();
        assert_eq!(refused.code, ErrorCode::Validation);
        let answer = AnswerQuestionRequest {
            number: 1,
            answered_on: "2026-11-24".into(),
            text: "Yes.".into(),
            corrigendum: true,
            language: Language::En,
        };
        let view = s.answer_question(&answer).unwrap();
        assert_eq!((view.questions[0].answer.as_deref(), view.questions[0].corrigendum), (Some("Yes."), true));
        let list = s.export_questions(&ExportQuestionsRequest { language: Language::En, folder }).unwrap();
        let pdf = list.files.iter().find(|f| f.ends_with(".pdf")).unwrap();
        let shown = tenderbench::report::verify::pdftotext(Path::new(pdf)).unwrap();
        assert!(shown.contains("Are wireless probes allowed?") && !shown.contains("Sonoscan"), "{shown}");
    }

    #[test]
    fn the_report_and_its_letters_are_exported_with_progress_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let sealed = s.report_preview(Language::En).unwrap_err();
        assert!(sealed.message_en.contains("The prices of lot 1 are sealed"), "{}", sealed.message_en);
        s.reveal_prices(lot, None).unwrap();
        let preview = s.report_preview(Language::En).unwrap();
        assert_eq!(preview.heading, "Award report");
        assert!(preview.seal.starts_with("tenderbench seal "), "{}", preview.seal);
        let ranking = preview.sections.iter().find(|p| p.title == "Ranking").expect("a ranking section");
        assert!(ranking.text.contains("A"), "{}", ranking.text);
        assert!(preview.letters_undated && preview.letters.is_empty(), "no letters before the day they are sent");
        s.set_tender_field(TenderField::NoticesSentOn, "2026-11-20").unwrap();
        let preview = s.report_preview(Language::En).unwrap();
        assert!(!preview.letters_undated);
        let letters: Vec<(&str, &str)> =
            preview.letters.iter().map(|l| (l.bidder.as_str(), l.heading.as_str())).collect();
        assert_eq!(letters, [("A", "Notice of award"), ("B", "Notice of the award decision")], "every bidder gets one");

        let out = dir.path().join("out");
        let mut steps: Vec<ReportProgress> = Vec::new();
        let request = ExportReportRequest { language: Language::Da, folder: out.display().to_string() };
        let written = s.export_report(&request, |p| steps.push(p)).unwrap();
        let done: Vec<(u32, u32)> = steps.iter().map(|p| (p.done, p.total)).collect();
        assert_eq!(done, [(0, 3), (1, 3), (2, 3), (3, 3)]);
        assert_eq!(steps[0].file, "tildelingsrapport.pdf");
        assert!(written.pages >= 2);
        assert!(std::fs::read(&written.report).unwrap().starts_with(b"%PDF"));
        let letter = |name: &str| out.join("breve").join(name).display().to_string();
        assert_eq!(written.letters, [letter("lot-1-a.pdf"), letter("lot-1-b.pdf")]);
        assert!(std::fs::read(&written.letters[0]).unwrap().starts_with(b"%PDF"));
    }

    #[test]
    fn the_open_contracting_data_is_exported_once_the_tender_names_its_ocid() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lot) = super::scoring::tender(dir.path());
        let s = session(dir.path());
        s.open(&path).unwrap();
        let out = dir.path().join("open-data");
        let request = ExportOcdsRequest { folder: out.display().to_string() };
        let refused = s.export_ocds(&request).unwrap_err();
        assert_eq!(refused.code, ErrorCode::Validation);
        assert!(!out.exists(), "a refused export writes nothing");

        s.set_tender_field(TenderField::OcidPrefix, "ocds-t3nd3r").unwrap();
        s.set_tender_field(TenderField::Reference, "RSD-2026-0412").unwrap();
        let sealed = s.export_ocds(&request).unwrap_err();
        assert!(sealed.message_en.starts_with("The prices of lot 1 are sealed"), "{}", sealed.message_en);
        assert!(!out.exists(), "the bids' prices do not leave before they are opened");
        s.reveal_prices(lot, None).unwrap();
        let written = s.export_ocds(&request).unwrap();
        assert_eq!(written.ocid, "ocds-t3nd3r-RSD-2026-0412");
        assert_eq!((written.bids, written.awards), (2, 1), "A wins; B is second");
        assert_eq!(written.path, out.join(OCDS_FILE_NAME).display().to_string());
        let package: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&written.path).unwrap()).unwrap();
        assert_eq!(package["releases"][0]["awards"][0]["suppliers"][0]["name"], "A");
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
