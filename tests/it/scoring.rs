//! Scoring a lot: the sheet, undo and redo through the audited store, the projector's blind view, the
//! model editor's steps and preview curve, and what-if weights — on domain.md's W1 as a tender file.

use crate::support::{requirement, run_cli, stamp, text};
use crate::tender_evaluation::w1_tender;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;
use tenderbench::evaluation::{PriceBasis, PriceModel, PriceRule, Scale, price_curve};
use tenderbench::model_change::{self, ModelChange};
use tenderbench::panel::Declaration;
use tenderbench::projector::ProjectorScreen;
use tenderbench::requirement::RequirementKind;
use tenderbench::scoring::{EditHistory, ScoreEdit, ScoringSession, SheetFilter, Totals};
use tenderbench::store::{Access, TenderFile};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// W1 with a panel: Mette and Jens declared, Sofie not yet. Mette and Jens disagree on K-1 for A (8 and 3,
/// a spread of 5 on a 0–10 scale: above 40 %), agree within the limit on K-2 for A (7 and 3, exactly 40 %),
/// and Jens has not scored K-1 for B.
fn panel_tender(dir: &Path) -> (std::path::PathBuf, TenderFile, i64) {
    let path = w1_tender(dir);
    let mut file = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let lot = file.lots().unwrap()[0].id;
    let s = stamp(10);
    let mette = file.add_evaluator(&s, "Mette", "Sygeplejerske").unwrap();
    let jens = file.add_evaluator(&s, "Jens", "Tekniker").unwrap();
    file.add_evaluator(&s, "Sofie", "Overlæge").unwrap();
    file.declare(&s, mette, &Declaration::NoConflict).unwrap();
    file.declare(&s, jens, &Declaration::NoConflict).unwrap();
    let session = ScoringSession::open(&file, lot).unwrap();
    for (evaluator, code, bidder, points) in [
        (mette, "K-1", "A", "8"),
        (jens, "K-1", "A", "3"),
        (mette, "K-2", "A", "7"),
        (jens, "K-2", "A", "3"),
        (mette, "K-1", "B", "5"),
    ] {
        let (requirement, bid) = session.find(code, bidder).unwrap();
        file.set_individual_score(&s, evaluator, requirement, bid, Some(d(points)), "").unwrap();
    }
    (path, file, lot)
}

#[test]
fn the_sheet_shows_scores_spreads_compliance_and_the_engines_totals() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file, lot) = panel_tender(dir.path());
    // Sealed prices: the totals are the quality points, 8 and 6 × 30 % for A, 5 and 5 × 30 % for B.
    match ScoringSession::open(&file, lot).unwrap().totals() {
        Totals::Ranked { ranking, quality_only: true, .. } => {
            let totals: Vec<(&str, Decimal)> = ranking.iter().map(|r| (r.bid.as_str(), r.total)).collect();
            assert_eq!(totals, [("A", d("4.2")), ("B", d("3"))]);
            assert!(ranking.iter().all(|r| !r.points.contains_key("PRICE")), "no price points while sealed");
        }
        other => panic!("W1 evaluates on quality: {other:?}"),
    }
    tenderbench::price_seal::reveal(&mut file, &stamp(30), lot, None).unwrap();
    let sheet = ScoringSession::open(&file, lot).unwrap().sheet();

    let names: Vec<&str> = sheet.evaluators.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Mette", "Jens", "Sofie"]);
    assert_eq!(sheet.evaluators.iter().map(|e| e.declared).collect::<Vec<_>>(), [true, true, false]);
    let bids: Vec<&str> = sheet.bids.iter().map(|b| b.bidder.as_str()).collect();
    assert_eq!(bids, ["A", "B"], "C fails M1 and is not scored");
    let c = sheet.compliance.iter().find(|c| c.bidder == "C").unwrap();
    assert!(!c.admissible);
    assert_eq!(c.minimum[0].code, "M1");
    assert_eq!(c.minimum[0].met, Some(false));
    assert_eq!(c.exclusion_reasons, ["minimum requirement M1 is not met"]);
    assert!(sheet.compliance.iter().filter(|c| c.bidder != "C").all(|c| c.admissible));

    let codes: Vec<&str> = sheet.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["K-1", "K-2"]);
    let k1 = &sheet.rows[0];
    assert_eq!((k1.criterion.as_str(), k1.criterion_path.clone()), ("Q1", vec!["QUALITY".to_owned(), "Q1".to_owned()]));
    assert_eq!((k1.title_da.as_str(), k1.title_en.as_str()), ("Krav K-1", "Requirement K-1"));
    let a = &k1.cells[0];
    assert_eq!(a.individual, [Some(d("8")), Some(d("3")), None]);
    assert_eq!((a.consensus, a.justification.as_str()), (Some(d("8")), "Begrundelse"));
    let spread = a.spread.as_ref().unwrap();
    assert_eq!((spread.spread, spread.disagreement), (d("5"), true));
    let k2_a = sheet.rows[1].cells[0].spread.as_ref().unwrap();
    assert_eq!((k2_a.spread, k2_a.disagreement), (d("4"), false), "exactly 40 % of the range is not a disagreement");

    match &sheet.totals {
        Totals::Ranked { ranking, excluded, quality_only: false } => {
            let totals: Vec<(&str, Decimal)> = ranking.iter().map(|r| (r.bid.as_str(), r.total)).collect();
            assert_eq!(totals, [("A", d("7.4")), ("B", d("7"))]);
            assert_eq!(excluded[0].bid, "C");
        }
        other => panic!("W1 evaluates: {other:?}"),
    }

    assert_eq!(sheet.filter(&SheetFilter { criterion: Some("Q2".into()), ..Default::default() }), [1]);
    assert_eq!(sheet.filter(&SheetFilter { criterion: Some("QUALITY".into()), ..Default::default() }), [0, 1]);
    assert_eq!(sheet.filter(&SheetFilter { only_disagreements: true, ..Default::default() }), [0]);
}

#[test]
fn a_blank_individual_score_is_missing_not_zero() {
    let dir = tempfile::tempdir().unwrap();
    let (_, file, lot) = panel_tender(dir.path());
    let sheet = ScoringSession::open(&file, lot).unwrap().sheet();
    let b = &sheet.rows[0].cells[1];
    assert_eq!(b.individual, [Some(d("5")), None, None]);
    let spread = b.spread.as_ref().unwrap();
    // Were the blank a zero, the spread would be 5 and flagged.
    assert_eq!((spread.lowest, spread.highest, spread.spread, spread.disagreement), (d("5"), d("5"), d("0"), false));
    assert_eq!((spread.scored, spread.blank), (1, 2));
    let missing = sheet.filter(&SheetFilter { only_missing: true, ..Default::default() });
    assert_eq!(missing, [0, 1], "Jens has not scored K-1 for B, nor anyone K-2 for B");
}

#[test]
fn only_missing_finds_a_cleared_consensus_and_totals_wait_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, mut session) = w1_session(dir.path());
    let only_missing = SheetFilter { only_missing: true, ..Default::default() };
    assert!(session.sheet().filter(&only_missing).is_empty());
    let (requirement_id, bid_id) = session.find("K-2", "B").unwrap();
    let clear = ScoreEdit::Consensus { requirement_id, bid_id, points: None, justification: String::new() };
    session.apply(&mut file, &stamp(20), &clear).unwrap();
    let sheet = session.sheet();
    assert_eq!(sheet.filter(&only_missing), [1]);
    match sheet.totals {
        Totals::Incomplete { problems } => {
            assert!(problems.iter().any(|p| p.message_en.contains("bid B has no score")), "{problems:?}")
        }
        other => panic!("a missing consensus score leaves no totals: {other:?}"),
    }
}

/// The prices are opened once the lot can be evaluated on quality, or earlier with the consultant's reason;
/// the audit log keeps when, by whom and why, and opening them again records nothing.
#[test]
fn prices_open_once_quality_is_agreed_or_with_a_reason_and_the_audit_log_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, mut session) = w1_session(dir.path());
    let lot = session.lot_id();
    let (requirement_id, bid_id) = session.find("K-2", "B").unwrap();
    let clear = ScoreEdit::Consensus { requirement_id, bid_id, points: None, justification: String::new() };
    session.apply(&mut file, &stamp(20), &clear).unwrap();
    let refused = tenderbench::price_seal::reveal(&mut file, &stamp(21), lot, None).unwrap_err();
    assert!(refused.to_string().contains("bid B has no score"), "{refused}");
    assert!(refused.to_string().contains("Give the reason to open them now."), "{refused}");
    assert_eq!(file.prices_revealed(lot).unwrap(), None);

    let reason = "Kvalitetsscoren for B afventer en præcisering; priserne åbnes efter aftale med ledelsen.";
    tenderbench::price_seal::reveal(&mut file, &stamp(22), lot, Some(reason)).unwrap();
    assert_eq!(file.prices_revealed(lot).unwrap(), Some(stamp(22).at_text()));
    let log = file.audit_log().unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.field.as_str(), last.new_value.as_deref(), last.actor.as_str()),
        ("lot 1", "prices revealed", Some(reason), "test")
    );
    tenderbench::price_seal::reveal(&mut file, &stamp(23), lot, None).unwrap();
    assert_eq!(file.audit_log().unwrap().len(), log.len(), "opening them again records nothing");
    assert!(!ScoringSession::open(&file, lot).unwrap().prices_sealed());
}

#[test]
fn the_sheet_with_one_row_is_that_row_of_the_whole_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, mut session) = w1_session(dir.path());
    let (requirement_id, bid_id) = session.find("K-2", "B").unwrap();
    let edit = ScoreEdit::Consensus { requirement_id, bid_id, points: Some(d("2")), justification: "Svag".into() };
    session.apply(&mut file, &stamp(20), &edit).unwrap();
    let (whole, one) = (session.sheet(), session.sheet_with_row(edit.requirement_id()));
    let row = whole.rows.iter().find(|r| r.requirement_id == requirement_id).unwrap();
    assert_eq!(one.rows, std::slice::from_ref(row));
    assert_eq!(row.cells[1].consensus, Some(d("2")));
    assert_eq!((&one.totals, &one.compliance, &one.bids), (&whole.totals, &whole.compliance, &whole.bids));
    assert_eq!(one.missing(&one.rows[0]), whole.missing(row));
}

/// Worked example W1 opened for editing, with a scoring session on its lot.
fn w1_session(dir: &Path) -> (TenderFile, ScoringSession) {
    let file = TenderFile::open(&w1_tender(dir), Access::ReadWrite).unwrap();
    let lot = file.lots().unwrap()[0].id;
    let session = ScoringSession::open(&file, lot).unwrap();
    (file, session)
}

fn total(session: &ScoringSession, bid: &str) -> Decimal {
    match session.totals() {
        Totals::Ranked { ranking, .. } => ranking.iter().find(|r| r.bid == bid).unwrap().total,
        other => panic!("evaluates: {other:?}"),
    }
}

#[test]
fn undo_and_redo_restore_scores_through_audited_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut file, lot) = panel_tender(dir.path());
    tenderbench::price_seal::reveal(&mut file, &stamp(30), lot, None).unwrap();
    let mut session = ScoringSession::open(&file, lot).unwrap();
    let mut history = EditHistory::default();
    let (requirement_id, bid_id) = session.find("K-1", "A").unwrap();
    let jens = session.evaluator("Jens").unwrap();
    let audit_rows = |file: &TenderFile| file.audit_log().unwrap().len();
    let before = audit_rows(&file);

    let lower = ScoreEdit::Consensus {
        requirement_id,
        bid_id,
        points: Some(d("4")),
        justification: "Mangler dokumentation".into(),
    };
    history.push(session.apply(&mut file, &stamp(30), &lower).unwrap());
    assert_eq!(total(&session, "A"), d("6.2"), "0.4·8 + 0.3·4 + 0.3·6");
    let (_, blank_bid) = session.find("K-1", "B").unwrap();
    let first_score = ScoreEdit::Individual {
        evaluator_id: jens,
        requirement_id,
        bid_id: blank_bid,
        points: Some(d("6")),
        comment: String::new(),
    };
    history.push(session.apply(&mut file, &stamp(31), &first_score).unwrap());
    assert_eq!(audit_rows(&file), before + 3, "consensus, justification and the individual score");

    let undo = |history: &mut EditHistory, file: &mut TenderFile, session: &mut ScoringSession| {
        history.undo(|edit| session.apply(file, &stamp(32), edit)).expect("something to undo").unwrap();
    };
    undo(&mut history, &mut file, &mut session);
    assert_eq!(file.individual_score(jens, requirement_id, blank_bid).unwrap(), None, "the blank comes back as blank");
    undo(&mut history, &mut file, &mut session);
    assert_eq!(file.consensus_score(requirement_id, bid_id).unwrap(), Some((d("8"), "Begrundelse".to_owned())));
    assert_eq!(total(&session, "A"), d("7.4"));
    assert!(!history.can_undo() && history.can_redo());
    assert_eq!(audit_rows(&file), before + 6, "an undo appends rows; it never removes any");

    history.redo(|edit| session.apply(&mut file, &stamp(33), edit)).unwrap().unwrap();
    assert_eq!(
        file.consensus_score(requirement_id, bid_id).unwrap(),
        Some((d("4"), "Mangler dokumentation".to_owned()))
    );
    assert_eq!(total(&session, "A"), d("6.2"));

    let log = file.audit_log().unwrap();
    let consensus: Vec<(Option<&str>, Option<&str>)> = log
        .iter()
        .filter(|e| e.field == "consensus" && e.entity.ends_with("bid A requirement K-1") && e.old_value.is_some())
        .map(|e| (e.old_value.as_deref(), e.new_value.as_deref()))
        .collect();
    assert_eq!(consensus, [(Some("8"), Some("4")), (Some("4"), Some("8")), (Some("8"), Some("4"))]);
    drop(file);
    let reopened = TenderFile::open(&path, Access::ReadOnly).unwrap();
    assert!(reopened.check().unwrap().is_ok());
    assert_eq!(
        ScoringSession::open(&reopened, lot).unwrap().input(),
        session.input(),
        "the session kept in step with the file"
    );
}

#[test]
fn a_refused_undo_stays_on_the_stack() {
    let mut history = EditHistory::default();
    let edit =
        ScoreEdit::Consensus { requirement_id: 1, bid_id: 1, points: Some(d("5")), justification: String::new() };
    history.push(tenderbench::scoring::Change { edit: edit.clone(), inverse: edit });
    assert_eq!(history.undo(|_| Err::<(), _>("locked")), Some(Err("locked")));
    assert!(history.can_undo() && !history.can_redo());
}

#[test]
fn the_projector_never_shows_evaluators_and_shows_prices_only_when_revealed() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file, lot) = panel_tender(dir.path());
    // An award requirement not yet under a sub-criterion comes first, and is no row: positions count rows.
    let unplaced = file.add_requirement(&stamp(50), lot, &requirement("K-0", RequirementKind::Award)).unwrap();
    file.move_requirement(&stamp(50), unplaced.id, 1).unwrap();
    let session = ScoringSession::open(&file, lot).unwrap();
    let hidden = ProjectorScreen::new(&session, 0, false).unwrap();
    let json = serde_json::to_string(&hidden).unwrap();
    for name in ["Mette", "Jens", "Sofie", "Sygeplejerske"] {
        assert!(!json.contains(name), "{name} on the projector: {json}");
    }
    for price in ["1200000", "1000000", "price", "cost"] {
        assert!(!json.contains(price), "{price} on the projector before it was revealed: {json}");
    }
    let ProjectorScreen::Hidden { view } = hidden else { panic!("prices are hidden unless revealed") };
    assert_eq!((view.code.as_str(), view.position, view.count), ("K-1", 0, 2));
    let scores: Vec<(&str, Option<Decimal>)> = view.scores.iter().map(|s| (s.bidder.as_str(), s.consensus)).collect();
    assert_eq!(scores, [("A", Some(d("8"))), ("B", Some(d("5")))]);

    // The projector builds only the row it shows; it is the sheet's row at that position.
    let sheet = session.sheet();
    assert_eq!(sheet.unassigned, ["K-0"]);
    assert_eq!(session.row_count(), sheet.rows.len());
    for (position, row) in sheet.rows.iter().enumerate() {
        assert_eq!(session.sheet_with_row_at(position).rows, std::slice::from_ref(row));
    }

    // The button shows no price while the lot's prices are sealed; once they are opened, it does.
    assert!(matches!(ProjectorScreen::new(&session, 9, true), Some(ProjectorScreen::Hidden { .. })));
    tenderbench::price_seal::reveal(&mut file, &stamp(30), lot, None).unwrap();
    let session = ScoringSession::open(&file, lot).unwrap();
    let revealed = ProjectorScreen::new(&session, 9, true).unwrap();
    let json = serde_json::to_string(&revealed).unwrap();
    assert!(!json.contains("Mette") && !json.contains("Jens"));
    let ProjectorScreen::Revealed { view, prices } = revealed else { panic!("revealed") };
    assert_eq!(view.code, "K-2", "a position past the end shows the last requirement");
    let prices: Vec<(&str, Option<Decimal>)> = prices.iter().map(|p| (p.bidder.as_str(), p.price)).collect();
    assert_eq!(prices, [("A", Some(d("1200000"))), ("B", Some(d("1000000")))], "C was excluded and is not shown");
}

#[test]
fn the_model_editor_changes_the_model_step_by_step_and_refuses_a_locked_model() {
    let dir = tempfile::tempdir().unwrap();
    let path = w1_tender(dir.path());
    let mut file = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let lot = file.lots().unwrap()[0].id;
    let s = stamp(40);

    let model = file
        .change_evaluation_model(&s, lot, &ModelChange::Reweight { code: "PRICE".into(), weight: d("50") })
        .unwrap();
    let overview = model_change::overview(&model);
    assert_eq!(overview.level_sums.len(), 1);
    assert_eq!((overview.level_sums[0].parent.clone(), overview.level_sums[0].sum), (None, d("110")));
    assert_eq!(overview.leaf_weights["PRICE"], d("50") / d("110"));
    file.change_evaluation_model(&s, lot, &ModelChange::Reweight { code: "QUALITY".into(), weight: d("50") }).unwrap();
    let add = ModelChange::AddCriterion {
        parent: Some("QUALITY".into()),
        code: "Q3".into(),
        name: "Miljø".into(),
        weight: d("20"),
    };
    file.change_evaluation_model(&s, lot, &add).unwrap();
    let assign =
        ModelChange::AssignRequirement { requirement: "K-2".into(), criterion: Some("Q3".into()), weight: d("1") };
    file.change_evaluation_model(&s, lot, &assign).unwrap();
    let moved = ModelChange::MoveCriterion { code: "Q3".into(), parent: None, position: 0 };
    let model = file.change_evaluation_model(&s, lot, &moved).unwrap();
    let top: Vec<&str> = model.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(top, ["Q3", "PRICE", "QUALITY"]);
    assert!(model_change::overview(&model).problems.is_empty(), "Q2 lost its requirement but is still scored directly");
    let reread = file.evaluation_input(lot).unwrap();
    assert_eq!(reread.criteria, model.criteria, "the store saved exactly the edited model");
    assert_eq!(reread.criteria[0].requirements[0].id, "K-2");

    let unassign = ModelChange::AssignRequirement { requirement: "K-2".into(), criterion: None, weight: d("1") };
    file.change_evaluation_model(&s, lot, &unassign).unwrap();
    let sheet = ScoringSession::open(&file, lot).unwrap().sheet();
    assert_eq!(sheet.unassigned, ["K-2"]);
    let refused = file.change_evaluation_model(
        &s,
        lot,
        &ModelChange::AddCriterion {
            parent: Some("PRICE".into()),
            code: "P2".into(),
            name: String::new(),
            weight: d("1"),
        },
    );
    assert!(refused.unwrap_err().to_string().contains("cannot have sub-criteria"));

    file.lock_evaluation_model(&s, lot).unwrap();
    let rows = file.audit_log().unwrap().len();
    let before = file.evaluation_input(lot).unwrap();
    for change in [
        ModelChange::Reweight { code: "PRICE".into(), weight: d("40") },
        ModelChange::RemoveCriterion { code: "Q3".into() },
        ModelChange::SetScale { min: d("0"), max: d("5"), steps: Vec::new() },
    ] {
        let error = file.change_evaluation_model(&s, lot, &change).unwrap_err();
        assert!(error.to_string().contains("are frozen"), "{error}");
    }
    assert_eq!(file.evaluation_input(lot).unwrap(), before);
    assert_eq!(file.audit_log().unwrap().len(), rows);
}

#[test]
fn the_price_preview_curve_is_the_engines_model() {
    let scale = Scale { min: d("0"), max: d("10"), steps: Vec::new() };
    let rule = |model, full: Option<&str>, zero: Option<&str>, percent: Option<&str>| PriceRule {
        model,
        full_points_at: full.map(d),
        zero_points_at: zero.map(d),
        zero_at_percent_above_lowest: percent.map(d),
        basis: PriceBasis::Price,
    };
    let points = |rule: &PriceRule, lowest: &str, from: &str, to: &str, n| -> Vec<(Decimal, Decimal)> {
        price_curve(rule, &scale, d(lowest), d(from), d(to), n)
            .unwrap()
            .into_iter()
            .map(|p| (p.price, p.points))
            .collect()
    };
    // W1's fixed end points: 1,000,000 → 10 points, 2,000,000 → 0, clamped outside.
    let fixed = rule(PriceModel::LinearFixed, Some("1000000"), Some("2000000"), None);
    let expected: Vec<(Decimal, Decimal)> =
        [("500000", "10"), ("1000000", "10"), ("1500000", "5"), ("2000000", "0"), ("2500000", "0")]
            .iter()
            .map(|(p, s)| (d(p), d(s)))
            .collect();
    assert_eq!(points(&fixed, "1", "500000", "2500000", 5), expected);
    // Proportional, lowest 100: 10 · 100 / p.
    let proportional = points(&rule(PriceModel::Proportional, None, None, None), "100", "100", "200", 3);
    assert_eq!(proportional[0], (d("100"), d("10")));
    assert_eq!(proportional[1].1.round_dp(10), d("6.6666666667"));
    assert_eq!(proportional[2], (d("200"), d("5")));
    // Linear from the lowest with d = 50 %: 10 · (1 − (p − 100) / 50), clamped at 0.
    let from_lowest = points(&rule(PriceModel::LinearFromLowest, None, None, Some("50")), "100", "100", "175", 4);
    let expected: Vec<(Decimal, Decimal)> =
        [("100", "10"), ("125", "5"), ("150", "0"), ("175", "0")].iter().map(|(p, s)| (d(p), d(s))).collect();
    assert_eq!(from_lowest, expected);
    let broken = rule(PriceModel::LinearFixed, Some("2000000"), Some("1000000"), None);
    assert!(price_curve(&broken, &scale, d("1"), d("1"), d("2"), 2).is_err());
}

#[test]
fn what_if_weights_change_the_ranking_without_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = w1_tender(dir.path());
    let file = TenderFile::open(&path, Access::ReadOnly).unwrap();
    let lot = file.lots().unwrap()[0].id;
    let input = file.evaluation_input(lot).unwrap();
    // W1: A stays the winner while PRICE is at most 50 %; at 60 % B wins: A 7.6, B 8.0.
    let weights = BTreeMap::from([("PRICE".to_owned(), d("60")), ("QUALITY".to_owned(), d("40"))]);
    let result = model_change::what_if(&input, &weights).unwrap();
    let ranking: Vec<(&str, Decimal)> = result.ranking.iter().map(|r| (r.bid.as_str(), r.total)).collect();
    assert_eq!(ranking, [("B", d("8")), ("A", d("7.6"))]);
    assert_eq!(file.evaluation_input(lot).unwrap(), input, "nothing saved");
    let unknown = BTreeMap::from([("NOPE".to_owned(), d("1"))]);
    assert!(model_change::what_if(&input, &unknown).unwrap_err().to_string().contains("no criterion NOPE"));
}

#[test]
fn the_cli_registers_the_panel_scores_and_prints_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = w1_tender(dir.path());
    let file = path.to_str().unwrap();
    assert!(run_cli(&["evaluators", "add", file, "Mette", "--role", "Sygeplejerske"]).status.success());
    let refused = run_cli(&["score", file, "--requirement", "K-1", "--bid", "A", "--evaluator", "Mette", "7"]);
    assert_eq!(refused.status.code(), Some(4));
    assert!(text(&refused.stderr).contains("has not declared"));
    assert!(run_cli(&["evaluators", "declare", file, "Mette"]).status.success());
    let listed = text(&run_cli(&["evaluators", "list", file]).stdout);
    assert!(listed.contains("Mette") && listed.contains("no conflict of interest"), "{listed}");
    let scored = run_cli(&["score", file, "--requirement", "K-1", "--bid", "A", "--evaluator", "Mette", "2"]);
    assert!(scored.status.success(), "{}", text(&scored.stderr));
    let consensus =
        run_cli(&["score", file, "--requirement", "K-1", "--bid", "A", "--consensus", "4", "--justification", "Svag"]);
    assert!(consensus.status.success(), "{}", text(&consensus.stderr));
    // Sealed prices: quality points only, A 0.3·4 + 0.3·6 and B 0.3·5 + 0.3·5.
    assert_eq!(text(&consensus.stdout), "prices sealed: quality points only\n1. A 3\n1. B 3\n");
    let opened = run_cli(&["reveal-prices", file, "--lot", "1"]);
    assert!(opened.status.success(), "{}", text(&opened.stderr));
    let again =
        run_cli(&["score", file, "--requirement", "K-1", "--bid", "A", "--consensus", "4", "--justification", "Svag"]);
    assert_eq!(text(&again.stdout), "1. B 7\n2. A 6.2\n");
    let sheet = run_cli(&["scoring-sheet", file, "--criterion", "Q1"]);
    let out = text(&sheet.stdout);
    assert!(sheet.status.success(), "{}", text(&sheet.stderr));
    assert!(out.starts_with("K-1 [Q1] Krav K-1\n"), "{out}");
    assert!(out.contains("consensus 4      individual [2]  Svag"), "{out}");
    assert!(out.contains("rejected C: minimum requirement M1 is not met"), "{out}");
    assert!(!out.contains("K-2"), "{out}");
    let cleared = run_cli(&["score", file, "--requirement", "K-1", "--bid", "A", "--consensus", "--clear"]);
    assert!(text(&cleared.stdout).starts_with("no totals yet"), "{}", text(&cleared.stdout));
}
