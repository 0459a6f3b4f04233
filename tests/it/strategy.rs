//! The category-strategy questionnaire, its answer checks and the results derived from fixture answer sets.

use chrono::TimeZone;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;
use tenderbench::audit::Stamp;
use tenderbench::catalogue::{Catalogue, REQUIREMENT_TYPES};
use tenderbench::store::{Access, TenderFile};
use tenderbench::strategy::{self, Answer, AnswerType, Decision, Objective, Quadrant, Questionnaire};
use tenderbench::tender::NewTender;

#[derive(serde::Deserialize)]
struct Fixture {
    answers: BTreeMap<String, String>,
    #[serde(default)]
    reasons: BTreeMap<String, String>,
}

/// Loads fixtures/strategy/NAME.json as answers, checking each against the questionnaire on the way.
fn answers(name: &str) -> Vec<Answer> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/strategy/{name}.json"));
    let fixture: Fixture = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let questionnaire = Questionnaire::builtin();
    fixture
        .answers
        .iter()
        .map(|(question_id, value)| {
            let reason = fixture.reasons.get(question_id).cloned().unwrap_or_default();
            let value = questionnaire.check_answer(question_id, value, &reason).unwrap();
            Answer {
                question_id: question_id.clone(),
                value,
                reason,
                questionnaire_version: questionnaire.version.clone(),
            }
        })
        .collect()
}

fn stamp() -> Stamp {
    Stamp::new("kim", chrono::Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap())
}

#[test]
fn the_builtin_questionnaire_is_sound() {
    let questionnaire = Questionnaire::builtin();
    assert_eq!(questionnaire.problems(), Vec::<String>::new());
    let kinds: Vec<&str> = questionnaire
        .questions()
        .map(|q| match q.answer {
            AnswerType::Choice { .. } => "choice",
            AnswerType::Scale { .. } => "scale",
            AnswerType::Number { .. } => "number",
            AnswerType::Amount { .. } => "amount",
            AnswerType::Text => "text",
            AnswerType::Screening => "screening",
        })
        .collect();
    for kind in ["choice", "scale", "number", "amount", "text", "screening"] {
        assert!(kinds.contains(&kind), "no {kind} question");
    }
    assert_eq!(kinds.iter().filter(|k| **k == "screening").count(), REQUIREMENT_TYPES.len());
    let sections: Vec<&str> = questionnaire.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        sections,
        ["demand", "market", "risk", "sustainability", "importance", "negotiation", "levers", "objectives"]
    );
    assert!(questionnaire.questions().all(|q| q.source.starts_with("Seed 00")), "every help text names its seed");
}

#[test]
fn a_broken_questionnaire_is_reported() {
    let mut questionnaire = Questionnaire::builtin().clone();
    questionnaire.sections[0].questions[1].id = questionnaire.sections[0].questions[0].id.clone();
    questionnaire.sections[1].questions[0].help_en.clear();
    questionnaire.sections.retain(|s| s.id != "objectives");
    let problems = questionnaire.problems().join("\n");
    assert!(problems.contains("Question id demand.category is used twice."), "{problems}");
    assert!(problems.contains("Question market.suppliers has no help_en."), "{problems}");
    assert!(problems.contains("Objective Quality is rated by 0 questions"), "{problems}");
}

/// Each answer is checked against its question's type; the stored form is normalised.
#[test]
fn answers_are_checked_against_their_question() {
    fn check(question: &str, value: &str, reason: &str, expected: Result<&str, &str>) {
        let got = Questionnaire::builtin().check_answer(question, value, reason);
        match expected {
            Ok(stored) => assert_eq!(got, Ok(stored.to_owned()), "{question} = {value}"),
            Err(fragment) => {
                let message = got.expect_err(&format!("{question} = {value} should be refused"));
                assert!(message.en.contains(fragment), "{message}");
            }
        }
    }
    check("demand.category", "it", "", Ok("it"));
    check("demand.category", "toys", "", Err("not an option"));
    check("demand.category", "it,services", "", Err("takes one option"));
    // Several levers are stored in the questionnaire's order whatever order they were given in.
    check("risk.supply_levers", "penalties, regional_stock", "", Ok("regional_stock,penalties"));
    check("market.concentration", "5", "", Ok("5"));
    check("market.concentration", "6", "", Err("from 1 to 5"));
    check("market.concentration", "2.5", "", Err("from 1 to 5"));
    check("demand.contract_years", "4.50", "", Ok("4.5"));
    check("demand.contract_years", "21", "", Err("between 0 and 20"));
    check("demand.contract_years", "fire", "", Err("a number"));
    check("demand.annual_spend", "14500000.00", "", Ok("14500000"));
    check("demand.annual_spend", "-1", "", Err("negative"));
    check("demand.user_group", "  Radiologer og radiografer ", "", Ok("Radiologer og radiografer"));
    check("screening.repair", "award", "Egne teknikere", Ok("award"));
    check("screening.repair", "award", " ", Err("needs a reason"));
    check("screening.repair", "minimum_and_award", "Gulv og belønning", Ok("minimum_and_award"));
    check("screening.repair", "maybe", "x", Err("not_relevant, minimum, award or minimum_and_award"));
    check("proposal.REP-001", "accepted", "", Ok("accepted"));
    check("proposal.REP-001", "perhaps", "", Err("'accepted' or 'rejected'"));
    check("market.concentration", "", "", Ok(""));
    check("no.such.question", "1", "", Err("There is no question"));
}

/// Kraljic position and suggested weights for each fixture, worked out by hand.
///
/// Supply risk = mean(market.concentration, risk.criticality, 6 − risk.substitutes);
/// profit impact = mean(importance.core_service, importance.spend_share, importance.cost_effect), over the
/// answered ones; an axis is high at 3 or more. Weights: 100·rᵢ/Σr rounded down, the missing points to the
/// largest remainders, ties in the order quality, efficiency, sustainability, supply security.
#[test]
fn kraljic_and_weights_follow_the_documented_rules() {
    fn check(fixture: &str, expected: Option<(&str, &str, Quadrant)>, weights: Option<[u32; 4]>) {
        let questionnaire = Questionnaire::builtin();
        let answers = answers(fixture);
        let position = strategy::kraljic(questionnaire, &answers);
        match (position, expected) {
            (Some(p), Some((risk, impact, quadrant))) => {
                assert_eq!(p.supply_risk.round_dp(2).normalize().to_string(), risk, "{fixture}: supply risk");
                assert_eq!(p.profit_impact.round_dp(2).normalize().to_string(), impact, "{fixture}: profit impact");
                assert_eq!(p.quadrant, quadrant, "{fixture}: quadrant");
            }
            (None, None) => {}
            (got, want) => panic!("{fixture}: Kraljic {got:?}, expected {want:?}"),
        }
        let suggested = strategy::suggested_weights(questionnaire, &answers);
        let got = suggested.as_ref().map(|w| {
            assert_eq!(w.iter().map(|s| s.objective).collect::<Vec<_>>(), Objective::ALL);
            assert_eq!(w.iter().map(|s| s.weight).sum::<Decimal>(), Decimal::from(100), "{fixture}: sum");
            w.iter().map(|s| s.weight.to_string().parse::<u32>().unwrap()).collect::<Vec<_>>()
        });
        assert_eq!(got, weights.map(Vec::from), "{fixture}: weights");
    }
    // Risk (4 + 4 + (6 − 2)) / 3 = 4, impact (5 + 4 + 3) / 3 = 4: both high, strategic.
    // Ratings 5, 3, 2, 1 sum to 11: 500/11 = 45 r 5, 300/11 = 27 r 3, 200/11 = 18 r 2, 100/11 = 9 r 1;
    // 45 + 27 + 18 + 9 = 99, the missing point goes to quality (remainder 5): 46, 27, 18, 9.
    check("ultrasound", Some(("4", "4", Quadrant::Strategic)), Some([46, 27, 18, 9]));
    // Risk (2 + 2 + (6 − 5)) / 3 = 5/3 = 1.67 low, impact (3 + 5 + 4) / 3 = 4 high: leverage.
    // Ratings 3, 4, 4, 1 sum to 12: 25 r 0, 33 r 4, 33 r 4, 8 r 4 = 99; the remainders tie at 4, so the
    // point goes to the first of them in order, efficiency: 25, 34, 33, 8.
    check("laptops", Some(("1.67", "4", Quadrant::Leverage)), Some([25, 34, 33, 8]));
    // Risk (5 + 5 + (6 − 1)) / 3 = 5 high, impact (2 + 2 + 2) / 3 = 2 low: bottleneck.
    // Ratings 2, 2, 2, 5 sum to 11: 18 r 2 three times and 45 r 5 = 99; supply security gets the point.
    check("dialysis-consumables", Some(("5", "2", Quadrant::Bottleneck)), Some([18, 18, 18, 46]));
    // Risk (3 + 3 + (6 − 3)) / 3 = 3 exactly, which counts as high; impact has two answers, (3 + 2) / 2 =
    // 2.5, low: bottleneck.
    // Ratings 3, 2, 1, 1 sum to 7: 300/7 = 42 r 6, 200/7 = 28 r 4, 100/7 = 14 r 2 twice = 98; the two
    // missing points go to quality (6) and efficiency (4): 43, 29, 14, 14.
    check("cleaning-service", Some(("3", "2.5", Quadrant::Bottleneck)), Some([43, 29, 14, 14]));
    // Risk (1 + 2 + (6 − 4)) / 3 = 5/3 = 1.67, impact (1 + 1 + 2) / 3 = 4/3 = 1.33: non-critical.
    // Ratings 4, 5, 1, 1 sum to 11: 36 r 4, 45 r 5, 9 r 1, 9 r 1 = 99; efficiency gets the point.
    check("office-monitors", Some(("1.67", "1.33", Quadrant::NonCritical)), Some([36, 46, 9, 9]));
    // No profit-impact answer yet, and supply security is not rated: neither result can be given.
    check("unfinished", None, None);
}

/// A screening proposes the templates of its type and level for the category, in catalogue order.
#[test]
fn screening_answers_propose_catalogue_templates() {
    let questionnaire = Questionnaire::builtin();
    let catalogue = Catalogue::builtin();
    let mut answers = answers("ultrasound");
    let ids = |answers: &[Answer]| -> Vec<String> {
        strategy::proposals(questionnaire, answers, catalogue).into_iter().map(|p| p.template_id).collect()
    };
    // Medical-technical equipment only. Use phase as award criterion: TCO-001, BRU-002, BRU-006, BRU-008
    // (BRU-001 and BRU-005 are minimum requirements; TCO-007, GMK-005, BRU-011 and BRU-012 are for IT).
    // Life extension as award criterion: the information template TCO-004 and the award template LEV-002.
    // Repair as minimum requirement: GMK-010, REP-001, REP-003, REP-005 to REP-008 (REP-002 and REP-004 are
    // award templates; REP-011, REP-012 and REP-015 are for IT). Transport is not relevant: nothing.
    assert_eq!(
        ids(&answers),
        [
            "TCO-001", "TCO-004", "GMK-010", "REP-001", "REP-003", "REP-005", "REP-006", "REP-007", "REP-008",
            "LEV-002", "BRU-002", "BRU-006", "BRU-008"
        ]
    );
    let decide = |answers: &mut Vec<Answer>, template: &str, value: &str| {
        answers.push(Answer {
            question_id: format!("{}{template}", strategy::PROPOSAL_PREFIX),
            value: value.into(),
            reason: String::new(),
            questionnaire_version: questionnaire.version.clone(),
        })
    };
    decide(&mut answers, "REP-001", "accepted");
    decide(&mut answers, "REP-005", "rejected");
    let decisions: Vec<(String, Option<Decision>)> = strategy::proposals(questionnaire, &answers, catalogue)
        .into_iter()
        .filter(|p| p.template_id.starts_with("REP-00"))
        .map(|p| (p.template_id, p.decision))
        .collect();
    assert_eq!(decisions[0], ("REP-001".to_owned(), Some(Decision::Accepted)));
    assert_eq!(decisions[1], ("REP-003".to_owned(), None));
    assert_eq!(decisions[2], ("REP-005".to_owned(), Some(Decision::Rejected)));
    // Without a category every category's templates are proposed, so the IT repair templates join in.
    answers.retain(|a| a.question_id != strategy::CATEGORY_QUESTION);
    assert!(ids(&answers).contains(&"REP-012".to_owned()));
}

#[test]
fn answers_are_saved_in_the_tender_file_with_an_audit_trail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.tender");
    let new = NewTender { title: "Scannere".into(), authority: "Region Syddanmark".into(), reference: String::new() };
    let mut file = TenderFile::create(&path, &new, &stamp()).unwrap();
    let version = &Questionnaire::builtin().version;
    file.set_strategy_answer(&stamp(), "market.concentration", "4", "", version).unwrap();
    file.set_strategy_answer(&stamp(), "screening.repair", "minimum", "Egne teknikere", version).unwrap();
    file.set_strategy_answer(&stamp(), "market.concentration", "5", "", version).unwrap();
    // Saving the same value again, as a wizard does on every keystroke, logs nothing.
    file.set_strategy_answer(&stamp(), "market.concentration", "5", "", version).unwrap();
    file.set_strategy_answer(&stamp(), "screening.repair", "", "", version).unwrap();
    drop(file);

    let file = TenderFile::open(&path, Access::ReadOnly).unwrap();
    let saved = file.strategy_answers().unwrap();
    assert_eq!(
        saved,
        [Answer {
            question_id: "market.concentration".into(),
            value: "5".into(),
            reason: String::new(),
            questionnaire_version: version.clone()
        }]
    );
    let log: Vec<(String, String, Option<String>, Option<String>)> =
        file.audit_log().unwrap().into_iter().skip(1).map(|e| (e.entity, e.field, e.old_value, e.new_value)).collect();
    let row = |entity: &str, field: &str, old: Option<&str>, new: Option<&str>| {
        (entity.to_owned(), field.to_owned(), old.map(str::to_owned), new.map(str::to_owned))
    };
    assert_eq!(
        log,
        [
            row("strategy market.concentration", "value", None, Some("4")),
            row("strategy screening.repair", "value", None, Some("minimum")),
            row("strategy screening.repair", "reason", None, Some("Egne teknikere")),
            row("strategy market.concentration", "value", Some("4"), Some("5")),
            row("strategy screening.repair", "value", Some("minimum"), None),
        ]
    );
    assert!(file.check().unwrap().is_ok());
}

/// The CLI prints the demo tender's strategy with its derived results, and refuses an invalid answer.
#[test]
fn the_cli_prints_the_demo_strategy() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = crate::support::cli().args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let demo = dir.path().join("demo");
    let (code, _, err) = run(&["demo", demo.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let file = demo.join("ultrasound-demo.tender");
    let file = file.to_str().unwrap();
    let (code, out, _) = run(&["strategy", file]);
    assert_eq!(code, Some(0));
    assert!(out.contains("Kraljic: forsyningsrisiko 4.00, økonomisk betydning 4.00 -> Strategisk"), "{out}");
    assert!(
        out.contains("Foreslåede vægte: Kvalitet 46 %, Effektivitet 27 %, Bæredygtighed 18 %, Forsyningssikkerhed 9 %")
    );
    assert!(
        out.contains("REP-001  minimum     repair                   Ret til reparation (right to repair) [accepted]")
    );
    let (code, _, err) = run(&["strategy", file, "--set", "screening.packaging", "minimum"]);
    assert_eq!(code, Some(4));
    assert!(err.contains("needs a reason"), "{err}");
    let (code, out, _) = run(&["requirements", "list", file, "--lot", "1"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("K-001  minimum     repairability   Ret til reparation"), "{out}");
}

/// The suggested weights of the ultrasound fixture (quality 46, efficiency 27, sustainability 18, supply
/// security 9, worked out above) go into a model with the demo's three top-level criteria.
#[test]
fn suggested_weights_are_accepted_into_the_top_level_of_a_model() {
    use tenderbench::evaluation::exchange;
    use tenderbench::model_change;
    let mut model = exchange::parse_input(
        r#"{ "scale": { "min": "0", "max": "10" }, "award_method": "best_price_quality", "criteria": [
          { "id": "PRIS", "name": "Pris (livscyklusomkostninger)", "weight": "40",
            "price": { "model": "linear_fixed", "full_points_at": "1000000", "zero_points_at": "2000000" } },
          { "id": "KVALITET", "name": "Kvalitet", "weight": "45", "children": [
            { "id": "KV-1", "name": "Billedkvalitet", "weight": "100", "requirements": [ { "id": "K-1" } ] } ] },
          { "id": "MILJØ", "name": "Energi og miljø", "weight": "15", "children": [
            { "id": "MI-1", "name": "Energiforbrug", "weight": "100", "requirements": [ { "id": "K-2" } ] } ] } ] }"#,
    )
    .unwrap();
    let weights = strategy::suggested_weights(Questionnaire::builtin(), &answers("ultrasound")).unwrap();

    // Codes and names in Danish point each objective at its criterion; supply security has none here.
    let guess = |o| model_change::objective_criterion(&model, o);
    assert_eq!(guess(Objective::Quality).as_deref(), Some("KVALITET"));
    assert_eq!(guess(Objective::Efficiency).as_deref(), Some("PRIS"));
    assert_eq!(guess(Objective::Sustainability).as_deref(), Some("MILJØ"));
    assert_eq!(guess(Objective::SupplySecurity), None);

    // Leaving MILJØ without an objective is refused and changes nothing.
    let partial: BTreeMap<Objective, String> =
        [(Objective::Quality, "KVALITET".to_owned()), (Objective::Efficiency, "PRIS".to_owned())].into();
    let before = model.clone();
    let refused = model_change::apply_suggested_weights(&mut model, &weights, &partial).unwrap_err();
    assert!(refused.en.contains("MILJØ"), "{refused}");
    assert_eq!(model, before);
    let unknown: BTreeMap<Objective, String> = [(Objective::Quality, "KV-1".to_owned())].into();
    assert!(model_change::apply_suggested_weights(&mut model, &weights, &unknown).is_err());

    // Supply security goes with quality: KVALITET 46 + 9 = 55, PRIS 27, MILJØ 18, summing to 100.
    let mut targets = partial;
    targets.insert(Objective::Sustainability, "MILJØ".into());
    targets.insert(Objective::SupplySecurity, "KVALITET".into());
    model_change::apply_suggested_weights(&mut model, &weights, &targets).unwrap();
    let top: Vec<(String, Option<Decimal>)> = model.criteria.iter().map(|c| (c.id.clone(), c.weight)).collect();
    let d = |n: i64| Some(Decimal::from(n));
    assert_eq!(top, [("PRIS".into(), d(27)), ("KVALITET".into(), d(55)), ("MILJØ".into(), d(18))]);
    assert_eq!(model.criteria[1].children, before.criteria[1].children, "sub-criteria are left alone");
}
