//! Tampering from outside Tenderbench, as a careful opponent would try it: each case changes a copy of the
//! demo tender file with plain SQL through `sqlite3`, mostly with every trigger dropped first, and `check`
//! (or, where only an anchor outside the file can tell, `check --seal` and `check --report`) must name what
//! was changed.

use super::support::{cli, demo, run_cli, text};
use std::path::{Path, PathBuf};

fn sqlite(path: &Path, sql: &str) -> String {
    let output = std::process::Command::new("sqlite3").arg(path).arg(sql).output().unwrap();
    assert!(output.status.success(), "{sql}: {}", text(&output.stderr));
    text(&output.stdout)
}

/// Drops every trigger: the append-only guards and the change log's, as a forger must to edit unseen.
fn unguard(path: &Path) {
    let triggers = sqlite(path, "SELECT name FROM sqlite_master WHERE type = 'trigger'");
    let drops: String = triggers.lines().map(|name| format!("DROP TRIGGER \"{name}\";")).collect();
    sqlite(path, &drops);
}

/// A copy of the demo file to tamper with.
fn copy(demo: &Path, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.tender"));
    std::fs::copy(demo, &path).unwrap();
    path
}

/// Runs `tenderbench check` with `args` after the file and asserts that it fails naming every fragment.
fn refused(path: &Path, args: &[&str], fragments: &[&str]) {
    let output = cli().arg("check").arg(path).args(args).output().unwrap();
    let said = text(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}: check passed a tampered file: {}",
        path.display(),
        text(&output.stdout)
    );
    for fragment in fragments {
        assert!(said.contains(fragment), "{}: expected \"{fragment}\" in:\n{said}", path.display());
    }
}

/// One tampering: the SQL run from outside, whether the triggers are dropped first, and what `check` must say.
struct Case {
    name: &'static str,
    unguarded: bool,
    sql: &'static str,
    found: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "consensus-score",
        unguarded: true,
        sql: "UPDATE consensus_score SET points = '10' WHERE rowid = (SELECT MIN(rowid) FROM consensus_score WHERE points <> '10')",
        found: &["table consensus_score, row requirement_id = ", "field points holds \"10\", but the audit log recorded"],
    },
    Case {
        name: "price-line",
        unguarded: true,
        sql: "UPDATE price_line SET unit_price = '1' WHERE id = (SELECT MIN(id) FROM price_line)",
        found: &["table price_line, row id = ", "field unit_price holds \"1\""],
    },
    Case {
        name: "weight",
        unguarded: true,
        sql: "UPDATE criterion SET weight = '99' WHERE id = (SELECT MIN(id) FROM criterion)",
        found: &["table criterion, row id = ", "field weight holds \"99\""],
    },
    Case {
        name: "answer",
        unguarded: true,
        sql: "UPDATE requirement_response SET value = 'Ja, fuldt ud' WHERE rowid = (SELECT MIN(rowid) FROM requirement_response)",
        found: &[
            "table requirement_response, row bid_id = ",
            "field value holds \"Ja, fuldt ud\"",
            "field value is \"Ja, fuldt ud\" in the file but ",
            "in the original workbook",
        ],
    },
    Case {
        name: "original-workbook",
        unguarded: true,
        sql: "UPDATE bid_original SET bytes = zeroblob(64) WHERE bid_id = (SELECT MIN(bid_id) FROM bid_original)",
        found: &["the original workbook kept in the file has SHA-256 ", "it was replaced outside Tenderbench"],
    },
    Case {
        name: "original-removed",
        unguarded: true,
        sql: "DELETE FROM bid_original",
        found: &["table bid_original lacks row bid_id = "],
    },
    Case {
        name: "declaration",
        unguarded: true,
        sql: "UPDATE evaluator SET coi_status = 'none', coi_text = '' WHERE coi_status = 'declared'",
        found: &["table evaluator, row id = ", "field coi_status holds \"none\", but the audit log recorded \"declared\""],
    },
    Case {
        name: "strategy-answer",
        unguarded: true,
        sql: "UPDATE strategy_answer SET value = 'forged' WHERE rowid = (SELECT MIN(rowid) FROM strategy_answer)",
        found: &["table strategy_answer, row question_id = ", "field value holds \"forged\""],
    },
    Case {
        name: "audit-row",
        unguarded: true,
        sql: "UPDATE audit_log SET new_value = 'forged' WHERE seq = 50",
        found: &["audit log row 50 does not match its hash"],
    },
    Case {
        name: "last-audit-rows",
        unguarded: true,
        sql: "DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 3 FROM audit_log)",
        found: &["was changed without an audit row: the file was edited outside Tenderbench"],
    },
    Case {
        name: "table-emptied",
        unguarded: true,
        sql: "DELETE FROM individual_score",
        found: &["table individual_score lacks row evaluator_id = ", "which the audit log recorded and never removed"],
    },
    Case {
        name: "row-added",
        unguarded: true,
        sql: "INSERT INTO exclusion (bid_id, reason) SELECT MIN(id), 'Unormalt lavt tilbud' FROM bid",
        found: &["table exclusion holds row bid_id = ", "which the audit log never recorded"],
    },
    Case {
        name: "logged-without-audit-row",
        unguarded: false,
        sql: "UPDATE bid SET received_at = '2026-01-01T00:00:00Z' WHERE id = (SELECT MIN(id) FROM bid)",
        found: &["table bid, row id = ", "was changed without an audit row"],
    },
    Case {
        name: "change-log-and-data",
        unguarded: true,
        sql: "UPDATE consensus_score SET points = '0' WHERE rowid = (SELECT MIN(rowid) FROM consensus_score);
              UPDATE change_row SET content = replace(content, '\"points\":\"', '\"points\":\"0') WHERE tbl = 'consensus_score'",
        found: &["the change log that audit log row ", "was altered"],
    },
];

#[test]
fn every_tampering_is_found_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo(dir.path());
    let untouched = run_cli(&["check", demo.to_str().unwrap()]);
    assert!(untouched.status.success(), "the untouched demo fails: {}", text(&untouched.stderr));
    assert!(text(&untouched.stdout).contains("every table matches the change log"));
    for case in CASES {
        let path = copy(&demo, dir.path(), case.name);
        if case.unguarded {
            unguard(&path);
        }
        sqlite(&path, case.sql);
        refused(&path, &[], case.found);
    }

    // The refusal is worded in Danish too.
    let path = copy(&demo, dir.path(), "danish");
    unguard(&path);
    sqlite(&path, CASES[0].sql);
    let output = cli().args(["--lang", "da", "check"]).arg(&path).output().unwrap();
    assert!(
        text(&output.stderr).contains("tabellen consensus_score, rækken requirement_id = "),
        "{}",
        text(&output.stderr)
    );
    assert!(text(&output.stderr).contains("feltet points indeholder \"10\", men revisionssporet har registreret"));
}

/// The bidder's workbook comes out of the file as it went in, and `check` reads every one of them again.
#[test]
fn a_bid_keeps_its_original_workbook_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo(dir.path());
    let file = demo.to_str().unwrap();
    let checked = run_cli(&["check", file]);
    assert!(text(&checked.stdout).contains("4 bids match their original workbooks"), "{}", text(&checked.stdout));
    let out = dir.path().join("original.xlsx");
    let exported =
        run_cli(&["export-original", file, "--lot", "1", "--bidder", "sonoscan a/s", "--out", out.to_str().unwrap()]);
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let sent = std::fs::read(dir.path().join("bid-lot1-sonoscanas.xlsx")).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), sent);
    let unknown =
        run_cli(&["export-original", file, "--lot", "1", "--bidder", "Nobody ApS", "--out", out.to_str().unwrap()]);
    assert!(text(&unknown.stderr).contains("has no bid from Nobody ApS for lot 1"), "{}", text(&unknown.stderr));
}

/// An older copy of the file passes every check made inside it; only the seal filed outside finds it.
#[test]
fn a_seal_finds_an_older_copy_and_a_rewritten_log() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo(dir.path());
    let older = copy(&demo, dir.path(), "older");
    let file = demo.to_str().unwrap();
    let set = run_cli(&["--actor", "kim", "set", file, "title", "Ultralydsscannere, 2. udgave"]);
    assert!(set.status.success(), "{}", text(&set.stderr));
    let sealed = run_cli(&["seal", file]);
    let seal = text(&sealed.stdout).trim().to_owned();
    assert!(seal.starts_with("tenderbench seal "), "{seal}");
    let held = run_cli(&["check", file, "--seal", &seal]);
    assert!(text(&held.stdout).contains("is in it unchanged"), "{}", text(&held.stderr));

    std::fs::copy(&older, &demo).unwrap();
    assert!(run_cli(&["check", file]).status.success(), "the older copy is a sound file by itself");
    refused(&demo, &["--seal", &seal], &["but the file's log ends at row", "this is an older copy of the file"]);

    let other = run_cli(&["--actor", "kim", "set", file, "title", "Ultralydsscannere, forfalsket"]);
    assert!(other.status.success(), "{}", text(&other.stderr));
    refused(&demo, &["--seal", &seal], &["has hash", "the log was rewritten after the seal was taken"]);
    refused(&demo, &["--seal", "tenderbench seal 12"], &["is not a seal"]);
}

/// The report and the letters carry the seal, so `check --report` ties them to the file even after the
/// file moved on, and refuses a file rolled back behind them.
#[test]
fn a_report_is_tied_to_the_file_by_its_seal() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo(dir.path());
    let older = copy(&demo, dir.path(), "older");
    let file = demo.to_str().unwrap();
    let set = run_cli(&["--actor", "kim", "set", file, "title", "Ultralydsscannere, 2. udgave"]);
    assert!(set.status.success(), "{}", text(&set.stderr));
    let report = dir.path().join("later-report.pdf");
    let written = run_cli(&["report", file, "--out", report.to_str().unwrap()]);
    assert!(written.status.success(), "{}", text(&written.stderr));
    let matches = run_cli(&["check", file, "--report", report.to_str().unwrap()]);
    assert!(text(&matches.stdout).contains("every line and number matches"), "{}", text(&matches.stderr));

    let earlier = dir.path().join("award-report.pdf");
    let since = run_cli(&["check", file, "--report", earlier.to_str().unwrap()]);
    assert!(since.status.success(), "{}", text(&since.stderr));
    assert!(text(&since.stdout).contains("the file has 1 later audit rows"), "{}", text(&since.stdout));

    std::fs::copy(&older, &demo).unwrap();
    refused(
        &demo,
        &["--report", report.to_str().unwrap()],
        &["does not belong to", "this is an older copy of the file"],
    );
}

/// Every change Tenderbench saves is vouched for by its audit rows, including one that repeats what the file
/// already holds: that is saved as no change at all, never as a logged write without an audit row.
#[test]
fn a_change_repeated_as_it_stands_is_no_change() {
    use super::support::stamp;
    use tenderbench::store::{Access, TenderFile};
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let mut file = TenderFile::open(&path, Access::ReadWrite).unwrap();
    let lot = file.lots().unwrap()[0].id;
    let bid = file.bids(lot).unwrap()[0].id;
    let requirement = file.requirements(lot).unwrap().into_iter().find(|r| r.criterion.is_some()).unwrap().id;
    let evaluator = file.evaluators().unwrap()[0].id;
    let points = Some(rust_decimal::Decimal::from(7));
    let rejection = tenderbench::rejection::Rejection {
        ground: tenderbench::rejection::Ground::Other,
        reason: "Unormalt lavt tilbud".into(),
    };
    let mut rows = Vec::new();
    for minute in [1, 2] {
        file.set_consensus_score(&stamp(minute), requirement, bid, points, "Godt dokumenteret").unwrap();
        file.set_individual_score(&stamp(minute), evaluator, requirement, bid, points, "Set i demo").unwrap();
        file.set_exclusion(&stamp(minute), bid, Some(&rejection)).unwrap();
        rows.push(file.audit_log().unwrap().len());
    }
    assert_eq!(rows[0], rows[1], "the repeated changes added audit rows");
    let report = file.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
}
