//! The evaluation engine: fixture cases (the worked examples of domain.md and one case per model and
//! method), validation messages, and properties of the ranking.

use rust_decimal::Decimal;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use tenderbench::evaluation::{Evaluation, SensitivitySettings, exchange};

fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/evaluation");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/evaluation exists")
        .map(|entry| entry.expect("readable fixture entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Runs one fixture folder: `input.json` through the engine (with the sensitivity analysis when
/// `expected.json` has a `sensitivity` key) and compares with `expected.json`.
fn check(dir: &Path) -> Result<(), String> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{name}: {e}"));
    let input = exchange::parse_input(&read("input.json")?).map_err(|e| e.to_string())?;
    let expected: Value = serde_json::from_str(&read("expected.json")?).map_err(|e| e.to_string())?;
    let evaluation = Evaluation::new(&input).map_err(|e| e.to_string())?;
    let sensitivity = match expected.get("sensitivity") {
        Some(_) => Some(evaluation.sensitivity(&SensitivitySettings::for_input(&input)).map_err(|e| e.to_string())?),
        None => None,
    };
    let output = exchange::write_result(
        &input.currency,
        &evaluation.result(),
        &evaluation.score_spreads(),
        sensitivity.as_ref(),
    );
    let actual: Value = serde_json::from_str(&output).map_err(|e| e.to_string())?;
    matches("$", &expected, &actual)
}

/// `expected` is a subset of `actual`: every key it has (except `_comment`) must be there and match;
/// arrays match element by element and have the same length; decimal strings compare numerically, and an
/// expected decimal ending in `...` gives leading digits, so the actual value is truncated to as many places.
fn matches(path: &str, expected: &Value, actual: &Value) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected.iter().filter(|(key, _)| !key.starts_with('_')) {
                let path = format!("{path}.{key}");
                let actual = actual.get(key).ok_or_else(|| format!("{path} is missing"))?;
                matches(&path, value, actual)?;
            }
            Ok(())
        }
        (Value::Array(expected), Value::Array(actual)) if expected.len() == actual.len() => {
            expected.iter().zip(actual).enumerate().try_for_each(|(i, (e, a))| matches(&format!("{path}[{i}]"), e, a))
        }
        (Value::String(e), Value::String(a)) if decimal_matches(e, a) => Ok(()),
        _ if expected == actual => Ok(()),
        _ => Err(format!("{path}: expected {expected}, got {actual}")),
    }
}

fn decimal_matches(expected: &str, actual: &str) -> bool {
    let Ok(actual) = Decimal::from_str(actual) else {
        return false;
    };
    match expected.strip_suffix("...") {
        Some(digits) => {
            let places = digits.split_once('.').map_or(0, |(_, fraction)| fraction.len() as u32);
            Decimal::from_str(digits).is_ok_and(|e| actual.trunc_with_scale(places) == e)
        }
        None => Decimal::from_str(expected).is_ok_and(|e| e == actual),
    }
}

#[test]
fn every_fixture_matches_its_expected_result() {
    let dirs = fixture_dirs();
    assert!(dirs.len() >= 3, "the worked examples W1-W3 are fixtures");
    let failures: Vec<String> =
        dirs.iter().filter_map(|dir| check(dir).err().map(|e| format!("{}: {e}", dir.display()))).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_fixture_comparison_catches_a_wrong_digit() {
    assert!(decimal_matches("118594.1043083900...", "118594.104308390022675"));
    assert!(!decimal_matches("118594.1043083901...", "118594.104308390022675"));
    assert!(decimal_matches("7.4", "7.40"));
    assert!(!decimal_matches("7.4", "7.4000000001"));
    let expected: Value = serde_json::json!({ "a": ["1", { "b": "2" }] });
    assert!(matches("$", &expected, &serde_json::json!({ "a": ["1.0", { "b": "2", "c": "9" }] })).is_ok());
    assert!(matches("$", &expected, &serde_json::json!({ "a": ["1", { "b": "3" }] })).is_err());
    assert!(matches("$", &expected, &serde_json::json!({ "a": ["1"] })).is_err());
}

mod validation {
    use serde_json::{Value, json};
    use tenderbench::evaluation::{EvaluationError, evaluate, exchange};
    use tenderbench::locale::Lang;

    /// W1 as a starting point that every test breaks in one way.
    fn valid() -> Value {
        json!({
            "scale": { "min": "0", "max": "10" },
            "award_method": "best_price_quality",
            "minimum_requirements": [ { "id": "M1" } ],
            "criteria": [
                { "id": "PRICE", "weight": "40",
                  "price": { "model": "linear_fixed", "full_points_at": "1000000", "zero_points_at": "2000000" } },
                { "id": "QUALITY", "weight": "60", "children": [
                    { "id": "Q1", "weight": "50" }, { "id": "Q2", "weight": "50" } ] }
            ],
            "bids": [
                { "id": "A", "price": "1200000", "minimum": { "M1": true }, "scores": { "Q1": "8", "Q2": "6" } },
                { "id": "B", "price": "1000000", "minimum": { "M1": true }, "scores": { "Q1": "5", "Q2": "5" } },
                { "id": "C", "price": "900000", "minimum": { "M1": false } }
            ]
        })
    }

    /// The problems in English, after checking that each is worded in Danish too.
    fn problems(model: &Value) -> Vec<String> {
        let input = exchange::parse_input(&model.to_string()).expect("well-formed JSON");
        match evaluate(&input) {
            Err(EvaluationError::Invalid(problems)) => {
                for problem in &problems {
                    let (da, en) = (&problem.message_da, &problem.message_en);
                    assert!(!da.is_empty() && da != en, "{en:?} has no Danish wording");
                }
                problems.into_iter().map(|p| p.message_en).collect()
            }
            other => panic!("expected validation problems, got {other:?}"),
        }
    }

    /// Asserts that one of the problems mentions every fragment (the criterion or bid id among them).
    fn assert_problem(model: &Value, fragments: &[&str]) {
        let problems = problems(model);
        assert!(
            problems.iter().any(|p| fragments.iter().all(|f| p.contains(f))),
            "no problem mentions {fragments:?}: {problems:?}"
        );
    }

    fn with(edit: impl FnOnce(&mut Value)) -> Value {
        let mut model = valid();
        edit(&mut model);
        model
    }

    #[test]
    fn the_starting_model_is_valid_and_an_excluded_bid_needs_no_scores() {
        let input = exchange::parse_input(&valid().to_string()).unwrap();
        let result = evaluate(&input).unwrap();
        assert_eq!(result.excluded[0].bid, "C");
    }

    #[test]
    fn a_criterion_without_weight() {
        let model =
            with(|m| m["criteria"][1]["children"][0].as_object_mut().unwrap().remove("weight").map(drop).unwrap());
        assert_problem(&model, &["criterion Q1", "no weight"]);
    }

    #[test]
    fn a_criterion_with_zero_or_negative_weight() {
        assert_problem(
            &with(|m| m["criteria"][1]["children"][1]["weight"] = json!("0")),
            &["criterion Q2", "positive"],
        );
        assert_problem(&with(|m| m["criteria"][0]["weight"] = json!("-5")), &["criterion PRICE", "positive"]);
    }

    /// The Danish wording names the same things and quotes numbers with a decimal comma.
    #[test]
    fn problems_are_worded_in_danish_with_danish_numbers() {
        let model = with(|m| {
            m["criteria"][0]["price"]["full_points_at"] = json!("2500000.5");
            m["criteria"][1]["children"][0]["min_points"] = json!("10.5");
            m["bids"][1]["price"] = json!("-1000.25");
        });
        let input = exchange::parse_input(&model.to_string()).unwrap();
        let Err(EvaluationError::Invalid(problems)) = evaluate(&input) else { panic!("the model must be refused") };
        let danish: Vec<&str> = problems.iter().map(|p| p.message(Lang::Da)).collect();
        assert_eq!(
            danish,
            [
                "kriteriet PRICE: prisen for fuldt pointtal (2.500.000,5) skal være under prisen for nul point (2.000.000)",
                "kriteriet Q1 har et mindste pointtal på 10,5 uden for pointskalaen",
                "tilbuddet B har en negativ pris (-1.000,25)",
            ]
        );
    }

    #[test]
    fn a_score_outside_the_scale() {
        assert_problem(&with(|m| m["bids"][0]["scores"]["Q1"] = json!("11")), &["bid A", "Q1", "outside the scale"]);
    }

    #[test]
    fn a_missing_score() {
        let model = with(|m| m["bids"][1]["scores"].as_object_mut().unwrap().remove("Q2").map(drop).unwrap());
        assert_problem(&model, &["bid B", "no score", "Q2"]);
    }

    #[test]
    fn linear_fixed_end_points_reversed() {
        let model = with(|m| m["criteria"][0]["price"]["full_points_at"] = json!("3000000"));
        assert_problem(&model, &["criterion PRICE", "end points reversed"]);
    }

    #[test]
    fn linear_fixed_without_end_points() {
        let model = with(|m| m["criteria"][0]["price"] = json!({ "model": "linear_fixed", "full_points_at": "1" }));
        assert_problem(&model, &["criterion PRICE", "zero_points_at"]);
    }

    #[test]
    fn linear_from_lowest_without_percentage() {
        let model = with(|m| m["criteria"][0]["price"] = json!({ "model": "linear_from_lowest" }));
        assert_problem(&model, &["criterion PRICE", "zero_at_percent_above_lowest"]);
    }

    #[test]
    fn best_price_quality_without_a_price_leaf() {
        let model = with(|m| {
            m["criteria"].as_array_mut().unwrap().remove(0);
        });
        assert_problem(&model, &["best_price_quality", "price leaf"]);
    }

    #[test]
    fn duplicate_criterion_and_bid_ids() {
        assert_problem(&with(|m| m["criteria"][1]["children"][1]["id"] = json!("Q1")), &["Q1", "used twice"]);
        assert_problem(&with(|m| m["bids"][1]["id"] = json!("A")), &["bid id A", "used twice"]);
    }

    #[test]
    fn a_score_for_an_unknown_criterion() {
        assert_problem(&with(|m| m["bids"][0]["scores"]["Q9"] = json!("5")), &["bid A", "unknown criterion Q9"]);
    }

    #[test]
    fn a_score_for_a_criterion_that_is_not_scored() {
        assert_problem(&with(|m| m["bids"][0]["scores"]["PRICE"] = json!("5")), &["bid A", "PRICE", "not scored"]);
    }

    #[test]
    fn an_answer_to_an_unknown_minimum_requirement() {
        assert_problem(&with(|m| m["bids"][0]["minimum"]["M7"] = json!(true)), &["bid A", "M7"]);
    }

    #[test]
    fn an_lcc_basis_without_lcc_parameters() {
        assert_problem(&with(|m| m["criteria"][0]["price"]["basis"] = json!("lcc")), &["lcc parameters"]);
    }

    #[test]
    fn lcc_parameters_out_of_range() {
        let model = with(|m| {
            m["award_method"] = json!("lowest_cost");
            m["lcc"] = json!({ "years": 0, "discount_rate": "0.9" });
        });
        assert_problem(&model, &["lcc years 0"]);
        assert_problem(&model, &["discount_rate 0.9"]);
    }

    #[test]
    fn lowest_cost_with_a_bid_without_lcc_inputs() {
        let model = with(|m| {
            m["award_method"] = json!("lowest_cost");
            m["lcc"] = json!({ "years": 3, "discount_rate": "0.05" });
            m["bids"][0]["lcc_inputs"] = json!({ "acquisition": "100" });
        });
        let problems = problems(&model);
        assert!(problems.iter().any(|p| p.contains("bid B") && p.contains("lcc_inputs")), "{problems:?}");
        assert!(!problems.iter().any(|p| p.contains("bid C")), "C is excluded and needs no LCC: {problems:?}");
    }

    #[test]
    fn a_nil_price_under_a_relative_model_names_bid_criterion_and_price_line() {
        let model = with(|m| {
            m["criteria"][0]["price"] = json!({ "model": "proportional" });
            m["bids"][1].as_object_mut().unwrap().remove("price");
            m["bids"][1]["price_lines"] = json!([
                { "line": "1.1 Pump", "amount": "0" }, { "line": "1.2 Service", "amount": "0" } ]);
        });
        assert_problem(&model, &["bid B", "price 0", "1.1 Pump", "criterion PRICE"]);
    }

    #[test]
    fn a_zero_price_under_a_fixed_model_is_fine() {
        let model = with(|m| m["bids"][1]["price"] = json!("0"));
        let result = evaluate(&exchange::parse_input(&model.to_string()).unwrap()).unwrap();
        let b = result.ranking.iter().find(|r| r.bid == "B").unwrap();
        assert_eq!(b.points["PRICE"].to_string(), "10");
    }

    #[test]
    fn a_missing_or_negative_price() {
        let missing = with(|m| m["bids"][0].as_object_mut().unwrap().remove("price").map(drop).unwrap());
        assert_problem(&missing, &["bid A", "no price"]);
        assert_problem(&with(|m| m["bids"][1]["price"] = json!("-1")), &["bid B", "negative price"]);
    }

    #[test]
    fn a_scale_without_range() {
        assert_problem(&with(|m| m["scale"] = json!({ "min": "5", "max": "5" })), &["scale minimum 5"]);
    }

    #[test]
    fn a_scale_step_off_the_scale() {
        let model = with(|m| m["scale"]["steps"] = json!([{ "value": "12", "label": "Excellent" }]));
        assert_problem(&model, &["scale step 12", "Excellent"]);
    }

    #[test]
    fn a_measure_contradicting_its_direction() {
        let model = with(|m| {
            m["criteria"][1]["children"][0]["measure"] =
                json!({ "worst": "10", "best": "2", "direction": "higher_is_better" });
        });
        assert_problem(&model, &["measured criterion Q1", "contradict"]);
    }

    #[test]
    fn a_measure_without_range() {
        let model = with(|m| {
            m["criteria"][1]["children"][0]["measure"] =
                json!({ "worst": "5", "best": "5", "direction": "higher_is_better" });
            for bid in 0..2 {
                m["bids"][bid]["scores"].as_object_mut().unwrap().remove("Q1");
                m["bids"][bid]["values"] = json!({ "Q1": "5" });
            }
        });
        assert_eq!(problems(&model).len(), 1, "{:?}", problems(&model));
        assert_problem(&model, &["measured criterion Q1", "same worst and best"]);
    }

    #[test]
    fn a_measured_value_beyond_a_measure_that_does_not_clamp() {
        let model = with(|m| {
            m["criteria"][1]["children"][0]["measure"] =
                json!({ "worst": "2", "best": "10", "direction": "higher_is_better", "clamp": false });
            for bid in 0..2 {
                m["bids"][bid]["scores"].as_object_mut().unwrap().remove("Q1");
                m["bids"][bid]["values"] = json!({ "Q1": "5" });
            }
            m["bids"][1]["values"]["Q1"] = json!("11");
        });
        assert_problem(&model, &["bid B", "value 11", "Q1"]);
    }

    #[test]
    fn a_score_for_a_measured_criterion() {
        let model = with(|m| {
            m["criteria"][1]["children"][0]["measure"] =
                json!({ "worst": "2", "best": "10", "direction": "higher_is_better" });
        });
        assert_problem(&model, &["bid A", "measured criterion Q1", "value"]);
    }

    #[test]
    fn min_points_outside_the_scale() {
        assert_problem(
            &with(|m| m["criteria"][1]["min_points"] = json!("12")),
            &["criterion QUALITY", "min_points 12"],
        );
    }

    #[test]
    fn value_adjusted_price_without_value_per_point() {
        let model = with(|m| m["award_method"] = json!("value_adjusted_price"));
        assert_problem(&model, &["criterion Q1", "value_per_point"]);
    }

    #[test]
    fn price_per_quality_point_with_zero_quality() {
        let model = with(|m| {
            m["award_method"] = json!("price_per_quality_point");
            m["bids"][1]["scores"] = json!({ "Q1": "0", "Q2": "0" });
        });
        assert_problem(&model, &["bid B", "0 quality points"]);
    }

    #[test]
    fn an_award_requirement_without_weight() {
        let model = with(|m| {
            m["criteria"][1]["children"][0]["requirements"] = json!([{ "id": "R1" }]);
            m["bids"][0]["scores"] = json!({ "R1": "5", "Q2": "6" });
            m["bids"][1]["scores"] = json!({ "R1": "5", "Q2": "6" });
        });
        assert_problem(&model, &["award requirement R1", "weight"]);
    }

    #[test]
    fn a_criterion_with_both_sub_criteria_and_a_price_model() {
        let model = with(|m| m["criteria"][1]["price"] = json!({ "model": "proportional" }));
        assert_problem(&model, &["criterion QUALITY", "sub-criteria"]);
    }

    #[test]
    fn an_individual_score_outside_the_scale() {
        let model = with(|m| m["bids"][0]["individual_scores"] = json!({ "Q1": { "Anna": "15", "Bo": null } }));
        assert_problem(&model, &["bid A", "Anna", "Q1"]);
    }

    #[test]
    fn a_disagreement_share_out_of_range() {
        assert_problem(&with(|m| m["disagreement_share"] = json!("1.5")), &["disagreement_share 1.5"]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let model = with(|m| {
            m["criteria"][0]["price"]["full_points_at"] = json!("3000000");
            m["bids"][0]["scores"]["Q1"] = json!("11");
            m["bids"][1]["scores"]["Q9"] = json!("1");
        });
        assert_eq!(problems(&model).len(), 3, "{:?}", problems(&model));
    }

    #[test]
    fn malformed_json_gives_line_and_column() {
        let text = "{\n  \"scale\": { \"min\": \"0\", \"max\": \"10\" },\n  \"award_method\": \"lowest_price\",,\n}";
        match exchange::parse_input(text) {
            Err(EvaluationError::Json { line, column, .. }) => assert_eq!((line, column), (3, 34)),
            other => panic!("expected a JSON error, got {other:?}"),
        }
    }

    #[test]
    fn a_wrong_type_gives_line_and_column() {
        let text = "{\n  \"scale\": { \"min\": \"0\", \"max\": \"10\" },\n  \"award_method\": \"cheapest\"\n}";
        let error = exchange::parse_input(text).unwrap_err();
        assert!(matches!(error, EvaluationError::Json { line: 3, .. }), "{error}");
        assert!(error.to_string().contains("cheapest"), "{error}");
    }

    #[test]
    fn a_fractional_json_number_is_refused_with_its_position() {
        let text = "{\n  \"scale\": { \"min\": 0, \"max\": 10.5 },\n  \"award_method\": \"lowest_price\"\n}";
        match exchange::parse_input(text) {
            Err(EvaluationError::Json { line, column, message }) => {
                assert_eq!((line, column), (2, 31));
                assert!(message.contains("string"), "{message}");
            }
            other => panic!("expected a JSON error, got {other:?}"),
        }
    }

    #[test]
    fn the_cli_reports_a_malformed_file_with_its_name_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.json");
        std::fs::write(&path, "{\n  \"scale\": {\n}").unwrap();
        let output = crate::support::cli().arg("evaluate").arg(&path).output().unwrap();
        assert!(!output.status.success());
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("model.json") && stderr.contains("line 3"), "{stderr}");
    }

    #[test]
    fn the_cli_prints_the_result_with_sensitivity() {
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/evaluation/w2/input.json");
        let output = crate::support::cli()
            .args(["evaluate", fixture, "--sensitivity", "--draws", "500", "--seed", "3"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let result: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(result["ranking"][0]["bid"], "B");
        assert_eq!(result["sensitivity"]["rank_reversals"][0]["removed"], "C");
        assert_eq!(result["sensitivity"]["monte_carlo"]["draws"], 500);
        assert_eq!(result["sensitivity"]["monte_carlo"]["seed"], 3);
    }

    /// The fixture with announced cost lines, which every test below breaks in one way.
    fn with_costs(edit: impl FnOnce(&mut Value)) -> Value {
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/evaluation/lcc_costs/input.json");
        let mut model: Value = serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
        edit(&mut model);
        model
    }

    #[test]
    fn a_bid_gives_an_amount_for_an_unknown_cost_line() {
        let model = with_costs(|m| m["bids"][0]["lcc_inputs"]["costs"]["TONER"] = json!("4"));
        assert_problem(&model, &["bid X", "unknown life-cycle cost line TONER"]);
    }

    #[test]
    fn a_bid_gives_no_amount_for_an_announced_cost_line() {
        let model = with_costs(|m| {
            m["bids"][1]["lcc_inputs"]["costs"].as_object_mut().unwrap().remove("OVERHAUL");
        });
        assert_problem(&model, &["bid Y", "no amount for life-cycle cost line OVERHAUL"]);
    }

    #[test]
    fn a_cost_line_outside_the_period_or_with_its_years_reversed() {
        let model = with_costs(|m| m["lcc"]["costs"][0]["to_year"] = json!(5));
        assert_problem(&model, &["cost line SERVICE", "year 5", "outside the period of 1 to 4 years"]);
        let model = with_costs(|m| m["lcc"]["costs"][1]["from_year"] = json!(0));
        assert_problem(&model, &["cost line OVERHAUL", "year 0", "outside the period"]);
        let model = with_costs(|m| {
            m["lcc"]["costs"][0]["from_year"] = json!(4);
            m["lcc"]["costs"][0]["to_year"] = json!(3);
        });
        assert_problem(&model, &["cost line SERVICE", "from year 4 to year 3", "must not come after the last"]);
    }

    #[test]
    fn a_cost_line_announced_twice_or_with_a_bad_volume() {
        let model = with_costs(|m| m["lcc"]["costs"][1]["id"] = json!("SERVICE"));
        assert_problem(&model, &["cost line SERVICE", "announced twice"]);
        let model = with_costs(|m| m["lcc"]["costs"][2]["volume"] = json!("0"));
        assert_problem(&model, &["cost line FILTERS", "volume 0", "positive"]);
        let model = with_costs(|m| m["lcc"]["costs"][2]["id"] = json!("maintenance_per_year"));
        assert_problem(&model, &["cost line maintenance_per_year", "fixed life-cycle-cost input"]);
        let model = with_costs(|m| m["bids"][0]["lcc_inputs"]["costs"]["FILTERS"] = json!("-1"));
        assert_problem(&model, &["bid X", "negative amount -1", "FILTERS"]);
    }

    /// A model without cost lines writes no `costs`, and one with them reads back equal.
    #[test]
    fn cost_lines_survive_writing_and_reading_and_are_absent_when_not_announced() {
        let input = exchange::parse_input(&with_costs(|_| {}).to_string()).unwrap();
        assert_eq!(exchange::parse_input(&exchange::write_input(&input)).unwrap(), input);
        let w3 = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/evaluation/w3/input.json");
        let written = exchange::write_input(&exchange::parse_input(&std::fs::read_to_string(w3).unwrap()).unwrap());
        assert!(!written.contains("costs"), "{written}");
        let result = evaluate(&exchange::parse_input(&std::fs::read_to_string(w3).unwrap()).unwrap()).unwrap();
        let shown = serde_json::to_string(&result.lcc).unwrap();
        assert!(!shown.contains("costs"), "a model without cost lines reports its LCC as before: {shown}");
    }

    #[test]
    fn an_input_survives_writing_and_reading() {
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/evaluation/requirements/input.json");
        let input = exchange::parse_input(&std::fs::read_to_string(fixture).unwrap()).unwrap();
        assert_eq!(exchange::parse_input(&exchange::write_input(&input)).unwrap(), input);
    }
}

mod properties {
    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use serde_json::{Value, json};
    use std::collections::BTreeMap;
    use tenderbench::evaluation::{
        Evaluation, EvaluationInput, EvaluationResult, SensitivitySettings, evaluate, exchange,
    };

    /// A generated best price-quality tender: PRICE, Q (leaf), S (S1, S2) and E (leaf) with random weights,
    /// one of the three price models, and bids with random prices and half-point scores.
    #[derive(Debug, Clone)]
    struct Case {
        price_model: u8,
        weights: Vec<u32>,
        bids: Vec<(u32, Vec<u8>)>,
    }

    const SCORED: [&str; 4] = ["Q", "S1", "S2", "E"];

    fn case() -> impl Strategy<Value = Case> {
        let bid = (100u32..10_000, prop::collection::vec(0u8..=20, 4));
        (0u8..3, prop::collection::vec(1u32..100, 6), prop::collection::vec(bid, 2..6))
            .prop_map(|(price_model, weights, bids)| Case { price_model, weights, bids })
    }

    fn model(case: &Case, scale_weights: &str) -> Value {
        let k: Decimal = scale_weights.parse().unwrap();
        let w = |i: usize| (Decimal::from(case.weights[i]) * k).to_string();
        let price = match case.price_model {
            0 => {
                json!({ "model": "linear_fixed", "full_points_at": "1000", "zero_points_at": "9000" })
            }
            1 => json!({ "model": "proportional" }),
            _ => json!({ "model": "linear_from_lowest", "zero_at_percent_above_lowest": "150" }),
        };
        let bids: Vec<Value> = case
            .bids
            .iter()
            .enumerate()
            .map(|(i, (price, scores))| {
                let scores: BTreeMap<&str, String> = SCORED
                    .iter()
                    .zip(scores)
                    .map(|(id, s)| (*id, (Decimal::from(*s) / Decimal::TWO).to_string()))
                    .collect();
                json!({ "id": format!("B{i}"), "price": price.to_string(), "scores": scores })
            })
            .collect();
        json!({
            "scale": { "min": "0", "max": "10" },
            "award_method": "best_price_quality",
            "criteria": [
                { "id": "PRICE", "weight": w(0), "price": price },
                { "id": "Q", "weight": w(1) },
                { "id": "S", "weight": w(2), "children": [ { "id": "S1", "weight": w(4) }, { "id": "S2", "weight": w(5) } ] },
                { "id": "E", "weight": w(3) }
            ],
            "bids": bids,
            "monte_carlo": { "draws": 300 }
        })
    }

    fn input(model: &Value) -> EvaluationInput {
        exchange::parse_input(&model.to_string()).expect("generated models are well-formed")
    }

    fn result(model: &Value) -> EvaluationResult {
        evaluate(&input(model)).expect("generated models are valid")
    }

    fn total(result: &EvaluationResult, bid: &str) -> Decimal {
        result.ranking.iter().find(|r| r.bid == bid).expect("bid is ranked").total
    }

    /// The model with top-level criterion `j` at `percent` and the others rescaled in proportion.
    fn with_weight(case: &Case, j: usize, percent: Decimal) -> Value {
        let mut model = model(case, "1");
        let criteria = model["criteria"].as_array_mut().unwrap();
        let weights: Vec<Decimal> = criteria.iter().map(|c| c["weight"].as_str().unwrap().parse().unwrap()).collect();
        let sum: Decimal = weights.iter().sum();
        let share = percent / Decimal::ONE_HUNDRED;
        let rest = sum - weights[j];
        for (i, criterion) in criteria.iter_mut().enumerate() {
            let weight = if i == j { share } else { weights[i] / rest * (Decimal::ONE - share) };
            criterion["weight"] = json!(weight.to_string());
        }
        model
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn scaling_all_weights_changes_nothing(case in case(), k in prop::sample::select(vec!["2", "7", "1000", "0.5", "0.01"])) {
            prop_assert_eq!(result(&model(&case, "1")), result(&model(&case, k)));
        }

        #[test]
        fn a_dominated_bid_never_outranks_its_dominator(case in case(), worse in prop::collection::vec(0u8..=4, 4), dearer in 0u32..2000) {
            let mut case = case;
            let (price, scores) = case.bids[0].clone();
            let dominated = scores.iter().zip(&worse).map(|(s, w)| s.saturating_sub(*w)).collect();
            case.bids.push((price + dearer, dominated));
            let result = result(&model(&case, "1"));
            let rank = |bid: &str| result.ranking.iter().find(|r| r.bid == bid).unwrap().rank;
            let dominated = format!("B{}", case.bids.len() - 1);
            prop_assert!(rank("B0") <= rank(&dominated));
            prop_assert!(total(&result, "B0") >= total(&result, &dominated));
        }

        #[test]
        fn under_linear_fixed_other_bids_do_not_change_points(case in case(), extra in (100u32..10_000, prop::collection::vec(0u8..=20, 4))) {
            let mut case = case;
            case.price_model = 0;
            let before = result(&model(&case, "1"));
            case.bids.push(extra);
            let after = result(&model(&case, "1"));
            for ranked in &before.ranking {
                let again = after.ranking.iter().find(|r| r.bid == ranked.bid).unwrap();
                prop_assert_eq!(&ranked.points, &again.points);
                prop_assert_eq!(ranked.total, again.total);
            }
            // Removing the first bid renumbers the others: B1 becomes B0 and so on.
            case.bids.remove(0);
            let removed = result(&model(&case, "1"));
            for ranked in &removed.ranking {
                let index: usize = ranked.bid[1..].parse().unwrap();
                let original = after.ranking.iter().find(|r| r.bid == format!("B{}", index + 1)).unwrap();
                prop_assert_eq!(&ranked.points, &original.points);
            }
        }

        #[test]
        fn contributions_sum_to_the_total_exactly(case in case()) {
            for ranked in result(&model(&case, "1")).ranking {
                prop_assert_eq!(ranked.contributions.values().sum::<Decimal>(), ranked.total);
                prop_assert_eq!(ranked.criterion_contributions.values().sum::<Decimal>(), ranked.total);
            }
        }

        #[test]
        fn ranks_are_consistent_with_totals(case in case()) {
            let ranking = result(&model(&case, "1")).ranking;
            for ranked in &ranking {
                let better = ranking.iter().filter(|other| other.total > ranked.total).count();
                prop_assert_eq!(ranked.rank as usize, better + 1);
            }
            prop_assert!(ranking.windows(2).all(|pair| pair[0].total >= pair[1].total));
        }

        #[test]
        fn weight_ranges_keep_the_winner_inside_and_lose_it_just_outside(case in case()) {
            let evaluation = Evaluation::new(&input(&model(&case, "1"))).unwrap();
            let settings = SensitivitySettings { draws: 0, ..SensitivitySettings::default() };
            let sensitivity = evaluation.sensitivity(&settings).unwrap();
            let winner = sensitivity.winner.clone().unwrap();
            let step = Decimal::new(1, 3);
            let keeps = |j: usize, percent: Decimal| {
                let result = result(&with_weight(&case, j, percent));
                let best = result.ranking.iter().map(|r| r.total).max().unwrap();
                total(&result, &winner) >= best
            };
            for (j, range) in sensitivity.weight_ranges.iter().enumerate() {
                prop_assert!(range.from <= range.weight && range.weight <= range.to);
                if range.to - range.from > step + step {
                    prop_assert!(keeps(j, range.from + step), "inside from: {:?}", range);
                    prop_assert!(keeps(j, range.to - step), "inside to: {:?}", range);
                }
                // Just outside is checked only where it is still a possible weight: a boundary within one
                // step of 0 % or 100 % has no valid weight beyond it.
                if range.from > step {
                    prop_assert!(!keeps(j, range.from - step), "outside from: {:?}", range);
                }
                if range.to < Decimal::ONE_HUNDRED - step {
                    prop_assert!(!keeps(j, range.to + step), "outside to: {:?}", range);
                }
            }
        }

        #[test]
        fn monte_carlo_shares_sum_to_one_and_repeat_for_a_seed(case in case(), seed in any::<u64>()) {
            let evaluation = Evaluation::new(&input(&model(&case, "1"))).unwrap();
            let settings = SensitivitySettings { draws: 300, seed, perturbation_percent: Decimal::new(25, 0) };
            let first = evaluation.sensitivity(&settings).unwrap().monte_carlo.unwrap();
            let again = evaluation.sensitivity(&settings).unwrap().monte_carlo.unwrap();
            let sum: Decimal = first.win_shares.values().sum();
            prop_assert!((sum - Decimal::ONE).abs() < Decimal::new(1, 20), "shares sum to {}", sum);
            prop_assert_eq!(first, again);
        }
    }

    #[test]
    fn a_bid_best_on_every_criterion_wins_every_draw() {
        let case = Case {
            price_model: 1,
            weights: vec![40, 30, 20, 10, 1, 1],
            bids: vec![(1000, vec![10, 10, 10, 10]), (1200, vec![20, 20, 20, 20]), (900, vec![4, 4, 4, 4])],
        };
        let evaluation = Evaluation::new(&input(&model(&case, "1"))).unwrap();
        let monte_carlo = evaluation.sensitivity(&SensitivitySettings::default()).unwrap().monte_carlo.unwrap();
        assert_eq!(monte_carlo.draws, 100_000);
        let leader = evaluation.result().ranking[0].bid.clone();
        assert_eq!(monte_carlo.win_shares[&leader], Decimal::ONE);
        assert_eq!(monte_carlo.win_shares.values().filter(|s| s.is_zero()).count(), 2);
    }

    #[test]
    fn identical_bids_split_every_draw() {
        let case = Case { price_model: 1, weights: vec![1; 6], bids: vec![(500, vec![8; 4]), (500, vec![8; 4])] };
        let evaluation = Evaluation::new(&input(&model(&case, "1"))).unwrap();
        let settings = SensitivitySettings { draws: 1000, ..SensitivitySettings::default() };
        let monte_carlo = evaluation.sensitivity(&settings).unwrap().monte_carlo.unwrap();
        assert_eq!(monte_carlo.tied_draws, 1000);
        assert_eq!(monte_carlo.win_shares["B0"], Decimal::new(5, 1));
    }
}

/// A tender with enough scores to be scored on several threads gives its spreads and its problems in bid
/// order, as a small one does, and problems on both sides of a split are all reported.
#[test]
fn a_large_tender_reports_spreads_and_problems_in_bid_order() {
    use tenderbench::evaluation::EvaluationError;
    use tenderbench::evaluation::synthetic::{TenderSize, tender};
    use tenderbench::locale::Lang;
    let mut input = tender(TenderSize { bids: 12, requirements: 2_000, evaluators: 2 }, 7);
    let spreads = Evaluation::new(&input).unwrap().score_spreads();
    assert!(spreads.windows(2).all(|pair| (&pair[0].bid, &pair[0].item) < (&pair[1].bid, &pair[1].item)));
    assert_eq!((spreads[0].bid.as_str(), spreads.last().unwrap().bid.as_str()), ("B000", "B011"));

    input.bids[9].scores.insert("R00001", Decimal::from(11));
    input.bids[2].scores.insert("R00001", Decimal::from(12));
    input.bids[7].id = input.bids[1].id.clone();
    let Err(EvaluationError::Invalid(problems)) = Evaluation::new(&input) else {
        panic!("the changed tender must be refused");
    };
    let messages: Vec<&str> = problems.iter().map(|p| p.message_en.as_str()).collect();
    assert_eq!(
        messages,
        [
            "bid B002 has score 12 for R00001, outside the scale",
            "bid id B001 is used twice",
            "bid B009 has score 11 for R00001, outside the scale",
        ]
    );
    let messages: Vec<&str> = problems.iter().map(|p| p.message(Lang::Da)).collect();
    assert_eq!(
        messages,
        [
            "tilbuddet B002 har 12 point for R00001, uden for pointskalaen",
            "tilbuddet B001 findes to gange",
            "tilbuddet B009 har 11 point for R00001, uden for pointskalaen",
        ]
    );
}
