//! The strategy's decisions and the region's policies held against a lot (each check triggered by one step
//! and cleared by the fix it names), and the rules the catalogue templates propose for the model.

use crate::support::{new_tender, requirement, stamp};
use rust_decimal::Decimal;
use tenderbench::catalogue::{Catalogue, add_to_lot};
use tenderbench::consistency::Check;
use tenderbench::evaluation::{PriceBasis, exchange};
use tenderbench::model_change::ModelChange;
use tenderbench::requirement::{Requirement, RequirementKind};
use tenderbench::store::TenderFile;
use tenderbench::strategy::{Decision, Questionnaire};

/// Price 40 on the price, quality 60 with one sub-criterion that takes requirements.
const MODEL: &str = r#"{
  "scale": { "min": "0", "max": "10" },
  "award_method": "best_price_quality",
  "criteria": [
    { "id": "PRIS", "name": "Pris", "weight": "40", "price": { "model": "proportional" } },
    { "id": "KVAL", "name": "Kvalitet", "weight": "60", "children": [
      { "id": "Q-E", "name": "Energi", "weight": "100" } ] }
  ]
}"#;

fn answer(file: &mut TenderFile, question: &str, value: &str) {
    let questionnaire = Questionnaire::builtin();
    let value = questionnaire.check_answer(question, value, "Begrundelse").unwrap();
    file.set_strategy_answer(&stamp(1), question, &value, "Begrundelse", &questionnaire.version).unwrap();
}

fn add(file: &mut TenderFile, lot: i64, template: &str) -> Requirement {
    add_to_lot(file, &stamp(2), lot, Catalogue::builtin(), template, &Default::default()).unwrap()
}

fn change(file: &mut TenderFile, lot: i64, change: ModelChange) {
    file.change_evaluation_model(&stamp(3), lot, &change).unwrap();
}

/// The checks that fail for `lot`, in order, and that each finding names its lot and a fix.
fn check(file: &TenderFile, lot: i64, expected: &[Check]) {
    let findings = file.consistency(lot).unwrap();
    let checks: Vec<Check> = findings.iter().map(|f| f.check).collect();
    assert_eq!(checks, expected, "{findings:#?}");
    for finding in findings {
        assert!(finding.problem.da.contains("elaftale") && finding.problem.en.contains("ot "), "{finding:?}");
        assert!(!finding.fix.da.is_empty() && !finding.fix.en.is_empty(), "{finding:?}");
    }
}

#[test]
fn each_check_is_triggered_by_one_step_and_cleared_by_its_fix() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file) = new_tender(dir.path(), "checks.tender");
    let lot = file.add_lot(&stamp(1), "Ultralydsscannere").unwrap().id;
    file.set_evaluation_model(&stamp(1), lot, &exchange::parse_input(MODEL).unwrap()).unwrap();
    file.add_requirement(&stamp(1), lot, &requirement("M-01", RequirementKind::Minimum)).unwrap();
    answer(&mut file, "demand.category", "medical_technical");
    // A lot of hand-written requirements has nothing green (seed 003, A.1).
    check(&file, lot, &[Check::NoGreenRequirement]);

    // Screening use phase as an award criterion asks for a scored requirement of the type; BRU-002 is one,
    // and it is green, but not scored until it is placed.
    answer(&mut file, "screening.use_phase", "award");
    let energy = add(&mut file, lot, "BRU-002");
    check(&file, lot, &[Check::ScreenedAwardNotScored]);
    let place = ModelChange::AssignRequirement {
        requirement: energy.text.code.clone(),
        criterion: Some("Q-E".into()),
        weight: Decimal::ONE,
    };
    change(&mut file, lot, place);
    check(&file, lot, &[]);

    // Screening repair as both a minimum requirement and an award criterion asks for both.
    answer(&mut file, "screening.repair", "minimum_and_award");
    check(&file, lot, &[Check::ScreenedAwardNotScored, Check::ScreenedMinimumNotRequired]);
    add(&mut file, lot, "REP-001");
    check(&file, lot, &[Check::ScreenedAwardNotScored]);
    answer(&mut file, "screening.repair", "minimum");
    check(&file, lot, &[]);

    // IT equipment needs a take-back requirement (seed 003, A.2).
    answer(&mut file, "demand.category", "it");
    check(&file, lot, &[Check::ItWithoutTakeBack]);
    add(&mut file, lot, "RET-001");
    check(&file, lot, &[]);

    // Price at 80 leaves quality a fifth; seed 001 asks for quality with significant weight.
    change(&mut file, lot, ModelChange::Reweight { code: "PRIS".into(), weight: Decimal::from(240) });
    check(&file, lot, &[Check::QualityWeightLow]);
    change(&mut file, lot, ModelChange::Reweight { code: "PRIS".into(), weight: Decimal::from(40) });
    check(&file, lot, &[]);

    // Pricing energy in the life-cycle cost while scoring BRU-002 counts energy twice.
    let mut lcc: tenderbench::evaluation::LccParameters =
        serde_json::from_str(r#"{ "years": 8, "energy_price_per_kwh": "1.5" }"#).unwrap();
    change(&mut file, lot, ModelChange::SetLcc { lcc: Some(lcc.clone()) });
    let rule = serde_json::from_str(r#"{ "model": "proportional", "basis": "lcc" }"#).unwrap();
    change(&mut file, lot, ModelChange::SetPriceRule { code: "PRIS".into(), rule: Some(rule) });
    check(&file, lot, &[Check::EnergyCountedTwice]);
    lcc.energy_price_per_kwh = Decimal::ZERO;
    change(&mut file, lot, ModelChange::SetLcc { lcc: Some(lcc) });
    check(&file, lot, &[]);
}

#[test]
fn templates_propose_their_rules_and_the_decision_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file) = new_tender(dir.path(), "rules.tender");
    let lot = file.add_lot(&stamp(1), "Ultralydsscannere").unwrap().id;
    file.set_evaluation_model(&stamp(1), lot, &exchange::parse_input(MODEL).unwrap()).unwrap();
    let energy = add(&mut file, lot, "BRU-002");
    assert_eq!(file.template_rules(lot).unwrap(), [], "a measure is proposed once the requirement is placed");
    let place = ModelChange::AssignRequirement {
        requirement: energy.text.code.clone(),
        criterion: Some("Q-E".into()),
        weight: Decimal::ONE,
    };
    change(&mut file, lot, place);
    let tco = add(&mut file, lot, "TCO-001");
    let buy_back = add(&mut file, lot, "RET-004");
    let ids: Vec<String> = file.template_rules(lot).unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        [
            format!("measure:{}", energy.text.code),
            format!("lcc:{}", tco.text.code),
            format!("lcc:{}", buy_back.text.code)
        ]
    );

    let proposals = file.template_rules(lot).unwrap();
    let measure = &proposals[0];
    assert!(measure.said.da.contains("bedst 500 kWh, værst 5.000 kWh (lavere er bedre)"), "{:?}", measure.said);
    file.decide_template_rule(&stamp(4), lot, measure, Decision::Accepted, "").unwrap();
    let stored = file.requirements(lot).unwrap().into_iter().find(|r| r.id == energy.id).unwrap();
    let stored: serde_json::Value = serde_json::from_str(stored.measure.as_deref().unwrap()).unwrap();
    assert_eq!((&stored["worst"], &stored["best"], &stored["unit"]), (&"5000".into(), &"500".into(), &"kWh".into()));

    // A rejected proposal is not proposed again, and the decision keeps its reason.
    let proposals = file.template_rules(lot).unwrap();
    let rejected = proposals.iter().find(|p| p.requirement == buy_back.text.code).unwrap();
    file.decide_template_rule(&stamp(6), lot, rejected, Decision::Rejected, "Udstyret bruges til endt levetid.")
        .unwrap();
    assert_eq!(file.template_rules(lot).unwrap().len(), 1);
    let key = format!("rule.1.lcc:{}", buy_back.text.code);
    let answers = file.strategy_answers().unwrap();
    let decision = answers.iter().find(|a| a.question_id == key).unwrap();
    assert_eq!((decision.value.as_str(), decision.reason.as_str()), ("rejected", "Udstyret bruges til endt levetid."));
    // TCO-001 prices energy at its 2,000 kr. per MWh over its 8 years and compares the price on the cost.
    let proposals = file.template_rules(lot).unwrap();
    let lcc = proposals.iter().find(|p| p.requirement == tco.text.code).unwrap();
    file.decide_template_rule(&stamp(5), lot, lcc, Decision::Accepted, "Som i strategien").unwrap();
    let model = file.evaluation_input(lot).unwrap();
    let parameters = model.lcc.as_ref().unwrap();
    assert_eq!((parameters.years, parameters.energy_price_per_kwh), (8, Decimal::TWO));
    assert_eq!(model.criteria[0].price.as_ref().unwrap().basis, PriceBasis::Lcc);
    // With energy now in the cost and BRU-002 scored, the consistency check says so.
    assert_eq!(file.consistency(lot).unwrap().iter().map(|f| f.check).collect::<Vec<_>>(), [Check::EnergyCountedTwice]);

    assert_eq!(file.template_rules(lot).unwrap(), [], "every proposal is decided");
    let logged = file.audit_log().unwrap();
    assert!(logged.iter().any(|e| e.entity == format!("strategy {key}")), "the decision is in the audit log");
}

/// TCO-004's service contract and TCO-005's consumables become announced cost lines: the service per unit in
/// the template's years that fall within the period, the consumables per piece against the lot's yearly
/// volume in every year; the consumables requirement leaves the scored quality.
#[test]
fn service_and_consumables_templates_propose_cost_lines() {
    use tenderbench::evaluation::{LccCost, LccCostBasis};
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file) = new_tender(dir.path(), "lines.tender");
    let lot = file.add_lot(&stamp(1), "Infusionspumper").unwrap().id;
    file.set_evaluation_model(&stamp(1), lot, &exchange::parse_input(MODEL).unwrap()).unwrap();
    let tco = add(&mut file, lot, "TCO-001");
    let accept = |file: &mut TenderFile, code: &str| {
        let proposal = file.template_rules(lot).unwrap().into_iter().find(|p| p.requirement == code).unwrap();
        file.decide_template_rule(&stamp(5), lot, &proposal, Decision::Accepted, "").unwrap();
    };
    accept(&mut file, &tco.text.code);
    let service = add(&mut file, lot, "TCO-004");
    let consumables = add(&mut file, lot, "TCO-005");
    let place = ModelChange::AssignRequirement {
        requirement: consumables.text.code.clone(),
        criterion: Some("Q-E".into()),
        weight: Decimal::ONE,
    };
    change(&mut file, lot, place);
    let proposals = file.template_rules(lot).unwrap();
    let said = &proposals.iter().find(|p| p.requirement == service.text.code).unwrap().said;
    assert!(said.da.contains("pr. enhed i år 3–8"), "{said:?}");
    accept(&mut file, &service.text.code);
    accept(&mut file, &consumables.text.code);

    let model = file.evaluation_input(lot).unwrap();
    let line = |id: &str, name: &str, per, from_year, to_year, volume: Option<u32>| LccCost {
        id: id.to_owned(),
        name: Catalogue::builtin().template(name).unwrap().title_da.clone(),
        name_en: Catalogue::builtin().template(name).unwrap().title_en.clone(),
        per,
        from_year,
        to_year,
        volume: volume.map(Decimal::from),
    };
    assert_eq!(
        model.lcc.as_ref().unwrap().costs,
        [
            line(&service.text.code, "TCO-004", LccCostBasis::Unit, 3, 8, None),
            line(&consumables.text.code, "TCO-005", LccCostBasis::Total, 1, 8, Some(10_000)),
        ]
    );
    let placed = file.requirements(lot).unwrap().into_iter().find(|r| r.id == consumables.id).unwrap();
    assert_eq!(placed.criterion, None, "the consumables count in the price, not in the scored quality");
    assert_eq!(file.template_rules(lot).unwrap(), []);
}
