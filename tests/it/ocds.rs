//! The open-contracting export: the demo's release package against its golden JSON and the Open Contracting
//! Partnership's validator run offline, broken packages that the same validator must refuse, and the
//! mappings from the tender file's terms to the standard's codes.

use crate::support::{cli, demo, fixtures, text};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The CLI with the clock fixed, so the audit rows a command writes, and the package dated by them, are
/// the same on every run.
fn at_fixed_time(args: &[&str]) -> std::process::Output {
    let output = cli().args(["--actor", "demo"]).args(args).env("SOURCE_DATE_EPOCH", "1795183500").output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", text(&output.stderr));
    output
}

/// The demo tender with an OCID prefix, exported by the CLI; returns the package's path.
fn demo_package(dir: &Path) -> PathBuf {
    let tender = demo(dir);
    let tender = tender.to_str().unwrap();
    at_fixed_time(&["set", tender, "ocid_prefix", "ocds-t3nd3r"]);
    let out = dir.join("release-package.json");
    at_fixed_time(&["export-ocds", tender, "--out", out.to_str().unwrap()]);
    out
}

/// Runs tests/ocds/validate.py with the virtual environment scripts/setup.sh makes (or the Python that
/// TENDERBENCH_OCDS_PYTHON names); returns whether the package is valid, and what the validator printed.
fn validate(package: &Path) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python =
        std::env::var_os("TENDERBENCH_OCDS_PYTHON").map_or_else(|| root.join(".venv-ocds/bin/python"), PathBuf::from);
    assert!(python.exists(), "{} is missing: scripts/setup.sh installs the OCDS validator", python.display());
    let output = Command::new(&python).arg(root.join("tests/ocds/validate.py")).arg(package).output().unwrap();
    let printed = format!("{}{}", text(&output.stdout), text(&output.stderr));
    match output.status.code() {
        Some(0) => (true, printed),
        Some(1) => (false, printed),
        _ => panic!("the validator could not run:\n{printed}"),
    }
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_demo_package_matches_its_golden_and_passes_the_validator_offline() {
    let dir = tempfile::tempdir().unwrap();
    let package = demo_package(dir.path());
    let written = std::fs::read_to_string(&package).unwrap();
    let golden = fixtures().join("ocds/demo-release-package.json");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&golden, &written).unwrap();
    }
    assert_eq!(written, std::fs::read_to_string(&golden).unwrap(), "the package differs from {}", golden.display());
    let (valid, printed) = validate(&package);
    assert!(valid, "{printed}");
    assert!(printed.contains("valid: 0 problem(s) in 1 release(s)"), "{printed}");
}

#[test]
fn a_broken_package_is_refused_by_the_validator_with_each_fault_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut package = read(&demo_package(dir.path()));
    let release = &mut package["releases"][0];
    release.as_object_mut().unwrap().remove("ocid");
    release["tender"]["evaluator"] = Value::from("Mette Holm");
    release["bids"]["details"][0]["status"] = Value::from("excluded");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, package.to_string()).unwrap();
    let (valid, printed) = validate(&broken);
    assert!(!valid, "{printed}");
    assert!(printed.contains("'ocid' is missing but required"), "{printed}");
    assert!(printed.contains("additional field") && printed.contains("evaluator"), "{printed}");
    assert!(printed.contains("closed codelist bidStatus.csv"), "{printed}");
}

#[test]
fn the_package_tells_the_demo_as_its_file_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let package = read(&demo_package(dir.path()));
    let release = &package["releases"][0];
    assert_eq!(release["ocid"], "ocds-t3nd3r-RSD-2026-0412");
    assert_eq!(package["uri"], "urn:ocds:ocds-t3nd3r-RSD-2026-0412");
    assert_eq!(release["tender"]["procurementMethod"], "open");
    assert_eq!(release["tender"]["awardCriteria"], "ratedCriteria");
    assert_eq!(release["tender"]["mainProcurementCategory"], "goods");
    assert_eq!(release["tender"]["items"][0]["classification"]["id"], "33112200");
    // The deadline is a date in the file: the end of that day in Copenhagen, in summer time.
    assert_eq!(release["tender"]["tenderPeriod"]["endDate"], "2026-09-14T23:59:59+02:00");
    let status = |bidder: &str| {
        let bid = release["bids"]["details"].as_array().unwrap().iter().find(|b| b["tenderers"][0]["name"] == bidder);
        bid.unwrap_or_else(|| panic!("a bid of {bidder}"))["status"].as_str().unwrap().to_owned()
    };
    assert_eq!(status("EchoHealth GmbH"), "disqualified", "it does not meet minimum requirement K-002");
    assert_eq!(status("Sonoscan A/S"), "valid");
    let award = &release["awards"][0];
    assert_eq!(award["status"], "pending", "the file records the decision, not a signed contract");
    assert_eq!(award["date"], "2026-11-20T00:00:00+01:00");
    let winner = &award["suppliers"][0];
    let winning_bid = release["bids"]["details"].as_array().unwrap().iter().find(|b| b["id"] == award["relatedBid"]);
    assert_eq!(winning_bid.unwrap()["tenderers"][0], *winner);
    assert_eq!(winning_bid.unwrap()["value"], award["value"], "the award is worth the winner's bid price");
    let parties = release["parties"].as_array().unwrap();
    assert_eq!(parties.len(), 5, "the authority and the four bidders");
    assert!(
        parties.iter().any(|p| p["id"] == winner["id"] && p["roles"] == serde_json::json!(["tenderer", "supplier"]))
    );
}

#[test]
fn the_export_is_refused_without_an_ocid_prefix_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let tender = demo(dir.path());
    let out = dir.path().join("release-package.json");
    let output =
        cli().args(["export-ocds", tender.to_str().unwrap(), "--out", out.to_str().unwrap()]).output().unwrap();
    assert_eq!(output.status.code(), Some(4));
    assert!(text(&output.stderr).contains("ocid_prefix"), "{}", text(&output.stderr));
    assert!(!out.exists());
    let output = cli().args(["set", tender.to_str().unwrap(), "ocid_prefix", "ocds-123"]).output().unwrap();
    assert_eq!(output.status.code(), Some(4), "a prefix is ocds- and six letters or digits");
}

mod mappings {
    use tenderbench::evaluation::AwardMethod;
    use tenderbench::ocds::{award_criteria, main_procurement_category, procurement_method};
    use tenderbench::tender::Procedure;

    #[test]
    fn each_procedure_has_its_procurement_method() {
        let methods: Vec<(&str, &str)> =
            Procedure::ALL.into_iter().map(|p| (p.code(), procurement_method(p))).collect();
        assert_eq!(
            methods,
            [
                ("open", "open"),
                ("restricted", "selective"),
                ("competitive_negotiation", "selective"),
                ("competitive_dialogue", "selective"),
                ("innovation_partnership", "selective"),
                ("negotiated_without_notice", "limited"),
                ("mini_competition", "selective"),
            ]
        );
    }

    #[test]
    fn each_award_method_has_its_award_criteria() {
        use AwardMethod::*;
        let codes: Vec<&str> = [LowestPrice, LowestCost, BestPriceQuality, PricePerQualityPoint, ValueAdjustedPrice]
            .map(award_criteria)
            .into();
        assert_eq!(codes, ["priceOnly", "costOnly", "ratedCriteria", "ratedCriteria", "ratedCriteria"]);
    }

    #[test]
    fn the_main_category_follows_the_cpv_division() {
        let categories: Vec<Option<&str>> =
            ["33112200-0", "45215100", "48000000", "50421000", "03000000", "x"].map(main_procurement_category).into();
        assert_eq!(categories, [Some("goods"), Some("works"), Some("goods"), Some("services"), Some("goods"), None]);
    }
}
