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
    let read =
        |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{name}: {e}"));
    let input = exchange::parse_input(&read("input.json")?).map_err(|e| e.to_string())?;
    let expected: Value =
        serde_json::from_str(&read("expected.json")?).map_err(|e| e.to_string())?;
    let evaluation = Evaluation::new(&input).map_err(|e| e.to_string())?;
    let sensitivity = match expected.get("sensitivity") {
        Some(_) => Some(
            evaluation
                .sensitivity(&SensitivitySettings::for_input(&input))
                .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    let output =
        exchange::write_result(&input.currency, &evaluation.result(), sensitivity.as_ref());
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
                let actual = actual
                    .get(key)
                    .ok_or_else(|| format!("{path} is missing"))?;
                matches(&path, value, actual)?;
            }
            Ok(())
        }
        (Value::Array(expected), Value::Array(actual)) if expected.len() == actual.len() => {
            expected
                .iter()
                .zip(actual)
                .enumerate()
                .try_for_each(|(i, (e, a))| matches(&format!("{path}[{i}]"), e, a))
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
            let places = digits
                .split_once('.')
                .map_or(0, |(_, fraction)| fraction.len() as u32);
            Decimal::from_str(digits).is_ok_and(|e| actual.trunc_with_scale(places) == e)
        }
        None => Decimal::from_str(expected).is_ok_and(|e| e == actual),
    }
}

#[test]
fn every_fixture_matches_its_expected_result() {
    let dirs = fixture_dirs();
    assert!(dirs.len() >= 3, "the worked examples W1-W3 are fixtures");
    let failures: Vec<String> = dirs
        .iter()
        .filter_map(|dir| check(dir).err().map(|e| format!("{}: {e}", dir.display())))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_fixture_comparison_catches_a_wrong_digit() {
    assert!(decimal_matches(
        "118594.1043083900...",
        "118594.104308390022675"
    ));
    assert!(!decimal_matches(
        "118594.1043083901...",
        "118594.104308390022675"
    ));
    assert!(decimal_matches("7.4", "7.40"));
    assert!(!decimal_matches("7.4", "7.4000000001"));
    let expected: Value = serde_json::json!({ "a": ["1", { "b": "2" }] });
    assert!(
        matches(
            "$",
            &expected,
            &serde_json::json!({ "a": ["1.0", { "b": "2", "c": "9" }] })
        )
        .is_ok()
    );
    assert!(
        matches(
            "$",
            &expected,
            &serde_json::json!({ "a": ["1", { "b": "3" }] })
        )
        .is_err()
    );
    assert!(matches("$", &expected, &serde_json::json!({ "a": ["1"] })).is_err());
}
