//! Evaluating a tender file: the model stored per lot, the engine's input assembled from bids and scores,
//! and the exchange file exported from it giving the same result.

use crate::support::{new_tender, requirement, run_cli, stamp, text};
use rust_decimal::Decimal;
use std::path::Path;
use tenderbench::bid::{PriceLine, Response, Submission};
use tenderbench::evaluation::exchange;
use tenderbench::panel::Declaration;
use tenderbench::requirement::RequirementKind;
use tenderbench::store::{Access, TenderFile};

/// The model of domain.md's W1, with each quality leaf scored through one award requirement.
const W1_MODEL: &str = r#"{
  "scale": { "min": "0", "max": "10", "steps": [ { "value": "0", "label": "Ikke opfyldt" }, { "value": "10", "label": "Fremragende" } ] },
  "award_method": "best_price_quality",
  "criteria": [
    { "id": "PRICE", "name": "Pris", "weight": "40",
      "price": { "model": "linear_fixed", "full_points_at": "1000000", "zero_points_at": "2000000" } },
    { "id": "QUALITY", "name": "Kvalitet", "weight": "60", "children": [
      { "id": "Q1", "name": "Brugervenlighed", "weight": "50", "requirements": [ { "id": "K-1", "weight": "1" } ] },
      { "id": "Q2", "name": "Service", "weight": "50", "requirements": [ { "id": "K-2", "weight": "1" } ] } ] }
  ]
}"#;

/// W1 as a tender file: bids A, B and C with their prices, M1 answers and consensus scores; the scoring tests
/// start from it too.
pub fn w1_tender(dir: &Path) -> std::path::PathBuf {
    let (path, mut file) = new_tender(dir, "w1.tender");
    let s = stamp(1);
    let lot = file.add_lot(&s, "Scannere").unwrap();
    for (code, kind) in
        [("M1", RequirementKind::Minimum), ("K-1", RequirementKind::Award), ("K-2", RequirementKind::Award)]
    {
        file.add_requirement(&s, lot.id, &requirement(code, kind)).unwrap();
    }
    let model = exchange::parse_input(W1_MODEL).unwrap();
    file.set_evaluation_model(&s, lot.id, &model).unwrap();
    let bids = [("A", "1200000", true, "8", "6"), ("B", "1000000", true, "5", "5"), ("C", "900000", false, "9", "9")];
    let submissions: Vec<Submission> = bids
        .iter()
        .map(|(name, price, compliant, _, _)| Submission {
            bidder: name.to_string(),
            lot_number: lot.number,
            received_at: None,
            source_file: format!("{name}.xlsx"),
            source_sha256: String::new(),
            responses: vec![Response {
                requirement_code: "M1".into(),
                compliant: Some(*compliant),
                value: String::new(),
                document_ref: String::new(),
                comment: String::new(),
            }],
            price_lines: vec![PriceLine {
                item: "Scanner".into(),
                quantity: Decimal::ONE,
                unit_price: price.parse().unwrap(),
            }],
            subcontracting: None,
            lcc: None,
            original: None,
        })
        .collect();
    let bid_ids = file.import_submissions(&s, &submissions).unwrap();
    let requirements = file.requirements(lot.id).unwrap();
    for (bid_id, (_, _, _, q1, q2)) in bid_ids.iter().zip(bids) {
        for (requirement, points) in [(&requirements[1], q1), (&requirements[2], q2)] {
            let points = Some(points.parse().unwrap());
            file.set_consensus_score(&s, requirement.id, *bid_id, points, "Begrundelse").unwrap();
        }
    }
    path
}

fn evaluate(path: &Path) -> serde_json::Value {
    let output = run_cli(&["evaluate", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn a_tender_file_evaluates_like_w1_and_like_its_exported_exchange_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = w1_tender(dir.path());
    // Sealed prices: neither the evaluation nor the export is given until they are opened.
    for refused in
        [run_cli(&["evaluate", path.to_str().unwrap()]), run_cli(&["export-evaluation", path.to_str().unwrap()])]
    {
        assert_eq!(refused.status.code(), Some(4));
        assert!(text(&refused.stderr).contains("The prices of lot 1 in"), "{}", text(&refused.stderr));
    }
    assert!(run_cli(&["reveal-prices", path.to_str().unwrap(), "--lot", "1"]).status.success());
    let result = evaluate(&path);
    let totals: Vec<(String, String)> = result["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["bid"].as_str().unwrap().to_owned(), r["total"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(totals, [("A".to_owned(), "7.4".to_owned()), ("B".to_owned(), "7".to_owned())]);
    assert_eq!(result["excluded"][0]["bid"], "C");
    assert_eq!(result["excluded"][0]["reasons"][0], "M1");
    assert_eq!(result["leaf_weights"]["Q1"], "0.3");

    let exported = dir.path().join("w1.json");
    let output = run_cli(&["export-evaluation", path.to_str().unwrap(), "--out", exported.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(evaluate(&exported), result);
}

#[test]
fn a_published_model_changes_only_after_an_unlock_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = w1_tender(dir.path());
    let model = dir.path().join("model.json");
    std::fs::write(&model, W1_MODEL.replace("\"40\"", "\"50\"").replace("\"60\"", "\"50\"")).unwrap();
    let file = path.to_str().unwrap();
    assert!(run_cli(&["reveal-prices", file, "--lot", "1"]).status.success());
    assert!(run_cli(&["lock-model", file]).status.success());
    let refused = run_cli(&["import-model", file, model.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(4));
    assert!(text(&refused.stderr).contains("are frozen"));
    assert_eq!(evaluate(&path)["leaf_weights"]["PRICE"], "0.4");

    assert!(
        run_cli(&["lock-model", file, "--unlock", "Rettelsesblad 2 ændrede vægtene", "--after-bids"]).status.success()
    );
    assert!(run_cli(&["import-model", file, model.to_str().unwrap()]).status.success());
    assert_eq!(evaluate(&path)["leaf_weights"]["PRICE"], "0.5");
    let log = TenderFile::open(&path, Access::ReadOnly).unwrap().audit_log().unwrap();
    let unlock = log.iter().find(|e| e.field == "unlocked").unwrap();
    assert_eq!(unlock.new_value.as_deref(), Some("Rettelsesblad 2 ændrede vægtene"));
    assert!(log.last().unwrap().new_value.as_deref().unwrap().contains("\"50\""));
}

#[test]
fn an_evaluator_scores_only_after_declaring() {
    let dir = tempfile::tempdir().unwrap();
    let path = w1_tender(dir.path());
    let mut file = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let lot = file.lots().unwrap()[0].id;
    let requirement = file.requirements(lot).unwrap()[1].id;
    let bid = file.bids(lot).unwrap()[0].id;
    let s = stamp(5);
    let evaluator = file.add_evaluator(&s, "Mette", "Sygeplejerske").unwrap();
    let error = file.set_individual_score(&s, evaluator, requirement, bid, Some(Decimal::from(7)), "").unwrap_err();
    assert!(error.to_string().contains("has not declared"));
    let conflict = Declaration::Conflict { description: "Tidligere ansat hos B".into(), measure: String::new() };
    assert!(file.declare(&s, evaluator, &conflict).is_err(), "a conflict needs the measure taken");
    file.declare(&s, evaluator, &Declaration::NoConflict).unwrap();
    let error = file.set_individual_score(&s, evaluator, requirement, bid, Some(Decimal::from(11)), "").unwrap_err();
    assert!(error.to_string().contains("outside the scale 0–10"), "{error}");
    file.set_individual_score(&s, evaluator, requirement, bid, Some(Decimal::from(7)), "").unwrap();
    let input = file.evaluation_input(lot).unwrap();
    assert_eq!(input.bids[0].individual_scores.get("K-1", "Mette"), Some(Some(Decimal::from(7))));
}

/// Deleting K-1 of W1 takes its consensus scores with it; restoring it brings back the requirement in its
/// place under Q1 with every score, so the engine's input is exactly as before the delete.
#[test]
fn a_deleted_requirement_is_restored_with_its_place_criterion_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let path = w1_tender(dir.path());
    let mut file = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let lot = file.lots().unwrap()[0].id;
    let before = file.evaluation_input(lot).unwrap();
    let requirements = file.requirements(lot).unwrap();
    let k1 = requirements.iter().find(|r| r.text.code == "K-1").unwrap();

    let removed = file.delete_requirement(&stamp(2), k1.id).unwrap();
    assert_ne!(file.evaluation_input(lot).unwrap(), before, "the delete took K-1's scores with it");
    let codes = |file: &TenderFile| -> Vec<String> {
        file.requirements(lot).unwrap().into_iter().map(|r| r.text.code).collect()
    };
    assert_eq!(codes(&file), ["M1", "K-2"]);

    let restored = file.restore_requirement(&stamp(3), &removed).unwrap();
    assert_eq!((restored.position, restored.criterion.as_deref()), (2, Some("Q1")));
    assert_eq!(restored.text, k1.text);
    assert_eq!(codes(&file), ["M1", "K-1", "K-2"]);
    assert_eq!(file.evaluation_input(lot).unwrap(), before);
    let last = file.audit_log().unwrap().pop().unwrap();
    assert_eq!((last.entity.as_str(), last.field.as_str()), ("lot 1 requirement K-1", "restored"));

    // Restoring twice would give the lot two K-1s; it is refused and nothing changes.
    let error = file.restore_requirement(&stamp(4), &removed).unwrap_err();
    assert!(error.to_string().contains("already has a requirement K-1"), "{error}");
    assert_eq!(codes(&file), ["M1", "K-1", "K-2"]);
}
