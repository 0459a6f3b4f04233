//! The tender file: round trips, refusals that leave files untouched, the audit chain, locking, crashes.

use crate::support::{cli, fixtures, new_tender, requirement, run_cli, stamp, text};
use rust_decimal::Decimal;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tenderbench::bid::{LccInputs, PriceLine, Response, Submission};
use tenderbench::panel::Declaration;
use tenderbench::requirement::RequirementKind;
use tenderbench::store::{Access, StoreError, TenderFile};
use tenderbench::tender::TenderField;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// Everything a tender file holds, read back through the store, for comparing before and after reopening.
fn snapshot(file: &TenderFile) -> String {
    let mut out = format!("{:?}\n", file.tender().unwrap());
    for lot in file.lots().unwrap() {
        out += &format!("{lot:?}\n{:?}\n", file.requirements(lot.id).unwrap());
        for bid in file.bids(lot.id).unwrap() {
            out += &format!(
                "{bid:?}\n{:?}\n{:?}\n{:?}\n",
                file.responses(bid.id).unwrap(),
                file.price_lines(bid.id).unwrap(),
                file.lcc_inputs(bid.id).unwrap()
            );
        }
        out +=
            &format!("{:?}\n{:?}\n", file.individual_scores(lot.id).unwrap(), file.consensus_scores(lot.id).unwrap());
    }
    out +=
        &format!("{:?}\n{:?}\n{:?}\n", file.bidders().unwrap(), file.evaluators().unwrap(), file.exclusions().unwrap());
    out + &format!("{:?}", file.audit_log().unwrap())
}

#[test]
fn every_table_survives_close_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut file) = new_tender(dir.path(), "round-trip.tender");
    let s = stamp(1);
    file.set_tender_field(&s, TenderField::EstimatedValue, "14500000.50").unwrap();
    file.set_tender_field(&s, TenderField::CpvCodes, "33112200-0").unwrap();
    file.set_tender_field(&s, TenderField::StandstillEnds, "2026-12-04").unwrap();
    let lot = file.add_lot(&s, "Stationære scannere").unwrap();
    file.set_lot_field(&s, lot.id, "description", "Til radiologi").unwrap();
    let minimum = file.add_requirement(&s, lot.id, &requirement("M-1", RequirementKind::Minimum)).unwrap();
    let award = file.add_requirement(&s, lot.id, &requirement("K-1", RequirementKind::Award)).unwrap();
    let submission = Submission {
        bidder: "Sonoscan A/S".into(),
        lot_number: lot.number,
        received_at: Some("2026-09-14T11:02:00Z".into()),
        source_file: "sonoscan.xlsx".into(),
        source_sha256: "ab".repeat(32),
        responses: vec![
            Response {
                requirement_code: "M-1".into(),
                compliant: Some(true),
                value: String::new(),
                document_ref: "Bilag 3".into(),
                comment: String::new(),
            },
            Response {
                requirement_code: "K-1".into(),
                compliant: None,
                value: "7 år".into(),
                document_ref: String::new(),
                comment: "æøå".into(),
            },
        ],
        price_lines: vec![PriceLine { item: "Scanner".into(), quantity: d("4"), unit_price: d("312500.25") }],
        subcontracting: None,
        lcc: Some(LccInputs { acquisition: d("1250001"), energy_kwh_per_year: d("900.5"), ..Default::default() }),
        original: None,
    };
    let bids = file.import_submissions(&s, &[submission]).unwrap();
    let evaluator = file.add_evaluator(&s, "Anne Jensen", "Radiograf").unwrap();
    file.declare(&s, evaluator, &Declaration::NoConflict).unwrap();
    file.set_individual_score(&s, evaluator, award.id, bids[0], Some(d("7.5")), "God billedkvalitet").unwrap();
    file.set_consensus_score(&s, award.id, bids[0], Some(d("7")), "Panelet enedes om 7.").unwrap();
    let abnormally_low = tenderbench::rejection::Rejection {
        ground: tenderbench::rejection::Ground::AbnormallyLow {
            requested_on: "2026-10-20".parse().unwrap(),
            answered_on: Some("2026-10-27".parse().unwrap()),
        },
        reason: "Prisen på serviceaftalen er ikke forklaret.".into(),
    };
    file.set_exclusion(&s, bids[0], Some(&abnormally_low)).unwrap();
    file.move_requirement(&s, award.id, 1).unwrap();
    assert_eq!(file.requirements(lot.id).unwrap()[1].id, minimum.id);

    let before = snapshot(&file);
    drop(file);
    let reopened = TenderFile::open(&path, Access::ReadWrite).unwrap();
    assert_eq!(snapshot(&reopened), before);
    assert!(reopened.check().unwrap().is_ok());
    assert_eq!(reopened.tender().unwrap().estimated_value, Some(d("14500000.5")));
    assert_eq!(reopened.price_lines(bids[0]).unwrap()[0].total(), d("1250001.00"));
}

#[test]
fn the_version_1_fixture_migrates_with_a_backup_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("v1.tender");
    std::fs::copy(fixtures().join("tender/v1-demo.tender"), &copy).unwrap();
    let original = std::fs::read(&copy).unwrap();
    let refused = TenderFile::open(&copy, Access::ReadOnly).unwrap_err();
    assert!(matches!(refused, StoreError::Invalid(_)), "a reader does not migrate: {refused}");
    assert_eq!(std::fs::read(&copy).unwrap(), original, "the refusal changed nothing");

    let file = TenderFile::open(&copy, Access::ReadWrite).unwrap();
    assert_eq!(file.format_version().unwrap(), tenderbench::store::CURRENT_VERSION);
    assert_eq!(std::fs::read(dir.path().join("v1.v1.backup.tender")).unwrap(), original);
    let tender = file.tender().unwrap();
    assert_eq!(tender.title, "Ultralydsscannere til Region Syddanmark");
    assert_eq!(tender.ocid_prefix, "", "a migrated file has no OCID prefix until one is set");
    assert_eq!(file.lots().unwrap().len(), 2);
    let checked = tenderbench::check::run(&file).unwrap();
    assert!(checked.is_ok(), "{checked:?}");
    let originals = checked.originals;
    assert_eq!((originals.kept, originals.breaks.len()), (0, 0), "bids from before format 5 have no original");
    assert!(originals.without > 0);
    drop(file);

    // The migrated file is one a new file could be: the same tables, columns and triggers.
    let (_, fresh) = new_tender(dir.path(), "fresh.tender");
    drop(fresh);
    let schema = |path: &Path| {
        let output = std::process::Command::new("sqlite3").arg(path).arg(".schema").output().unwrap();
        text(&output.stdout)
    };
    let columns = |path: &Path| {
        let sql = "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY 1, 2";
        let output = std::process::Command::new("sqlite3").arg(path).arg(sql).output().unwrap();
        text(&output.stdout)
    };
    assert_eq!(columns(&copy), columns(&dir.path().join("fresh.tender")));
    assert!(schema(&copy).contains("ocid_prefix"));
}

/// The file's bytes and modification time, to prove a refusal changed nothing.
fn fingerprint(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    (std::fs::read(path).unwrap(), std::fs::metadata(path).unwrap().modified().unwrap())
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = new_tender(dir.path(), "newer.tender");
    drop(file);
    let status = std::process::Command::new("sqlite3").arg(&path).arg("PRAGMA user_version = 99").status().unwrap();
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(20));
    let before = fingerprint(&path);
    for access in [Access::ReadWrite, Access::ReadOnly] {
        let error = TenderFile::open(&path, access).unwrap_err();
        assert!(
            matches!(error, StoreError::TooNew { version: 99, supported: tenderbench::store::CURRENT_VERSION, .. }),
            "{error}"
        );
    }
    let output = run_cli(&["set", path.to_str().unwrap(), "title", "Changed"]);
    assert_eq!(output.status.code(), Some(3));
    assert!(text(&output.stderr).contains("saved by a newer version of Tenderbench (file format 99"));
    assert_eq!(fingerprint(&path), before);
    assert!(std::fs::read_dir(dir.path()).unwrap().count() == 1, "no journal or backup is left beside the file");
}

#[test]
fn foreign_and_damaged_files_are_refused_with_their_own_messages() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.tender");
    let status = std::process::Command::new("sqlite3").arg(&other).arg("CREATE TABLE t (x)").status().unwrap();
    assert!(status.success());
    let text_file = dir.path().join("notes.tender");
    std::fs::write(&text_file, "Tilbudsfrist 14. september\n").unwrap();
    let (good, file) = new_tender(dir.path(), "good.tender");
    drop(file);
    let truncated = dir.path().join("truncated.tender");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();

    for (path, expected) in [
        (&other, "is not a tender file: it is an SQLite database made by another program"),
        (&text_file, "is not a tender file: it is not a Tenderbench database"),
        (&truncated, "is damaged: it is"),
        (&dir.path().join("missing.tender"), "no such file"),
    ] {
        let error = TenderFile::open(path, Access::ReadWrite).unwrap_err();
        assert!(error.to_string().contains(expected), "{}: {error}", path.display());
        assert!(error.to_string().contains(path.to_str().unwrap()), "the message names the file: {error}");
        let output = run_cli(&["info", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(3));
        assert!(text(&output.stderr).contains(expected));
    }
}

#[test]
fn an_audit_row_edited_outside_tenderbench_fails_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut file) = new_tender(dir.path(), "tampered.tender");
    for (minute, title) in [(1, "Første titel"), (2, "Anden titel"), (3, "Tredje titel")] {
        file.set_tender_field(&stamp(minute), TenderField::Title, title).unwrap();
    }
    drop(file);
    let ok = run_cli(&["check", path.to_str().unwrap()]);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains("4 audit rows verified"));

    // The log refuses edits through SQL, so a forger has to drop the guard first; the chain still tells.
    let forged = std::process::Command::new("sqlite3")
        .arg(&path)
        .arg("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new_value = 'Forfalsket' WHERE seq = 3;")
        .output()
        .unwrap();
    assert!(forged.status.success(), "{}", text(&forged.stderr));
    let broken = run_cli(&["check", path.to_str().unwrap()]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(text(&broken.stderr).contains("audit log row 3 does not match its hash"), "{}", text(&broken.stderr));
}

#[test]
fn the_audit_log_cannot_be_changed_through_sql() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = new_tender(dir.path(), "guarded.tender");
    drop(file);
    let output = std::process::Command::new("sqlite3").arg(&path).arg("DELETE FROM audit_log").output().unwrap();
    assert!(text(&output.stderr).contains("append-only"));
    assert!(TenderFile::open(&path, Access::ReadOnly).unwrap().check().unwrap().is_ok());
}

#[test]
fn a_second_writer_is_told_the_file_is_open_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let (path, first) = new_tender(dir.path(), "locked.tender");
    let error = TenderFile::open(&path, Access::ReadWrite).unwrap_err();
    assert!(matches!(error, StoreError::Locked { .. }));
    let output = run_cli(&["set", path.to_str().unwrap(), "title", "Fra en anden"]);
    assert_eq!(output.status.code(), Some(3));
    assert!(text(&output.stderr).contains("is opened by another program"));
    drop(first);
    let output = run_cli(&["set", path.to_str().unwrap(), "title", "Fra en anden"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn invalid_edits_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut file) = new_tender(dir.path(), "invalid.tender");
    let log = file.audit_log().unwrap();
    let error = file.set_tender_field(&stamp(1), TenderField::EstimatedValue, "-5").unwrap_err();
    assert!(error.to_string().contains("negative"));
    let error = file.add_requirement(&stamp(1), 99, &requirement("K-1", RequirementKind::Award)).unwrap_err();
    assert!(error.to_string().contains("no lot 99"));
    let lot = file.add_lot(&stamp(1), "Lot").unwrap();
    file.add_requirement(&stamp(1), lot.id, &requirement("K-1", RequirementKind::Award)).unwrap();
    let before = file.audit_log().unwrap().len();
    let error = file.add_requirement(&stamp(2), lot.id, &requirement("K-1", RequirementKind::Award)).unwrap_err();
    assert!(error.to_string().contains("already has a requirement K-1"));
    assert_eq!(file.audit_log().unwrap().len(), before);
    assert_eq!(log.len(), 1);
    drop(file);
    let output = run_cli(&["set", path.to_str().unwrap(), "bid_deadline", "14/9/2026"]);
    assert_eq!(output.status.code(), Some(4));
    assert!(text(&output.stderr).contains("not a date"));
}

/// A small deterministic generator, so a failing crash round can be replayed from its printed seed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// A child process applies a stream of edits and acknowledges each after its commit; it is killed with
/// SIGKILL at a random moment. Afterwards the file must pass the check and hold every acknowledged edit.
#[test]
fn a_killed_writer_loses_no_acknowledged_edit() {
    let rounds: u64 = std::env::var("TENDERBENCH_CRASH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(50);
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut random = SplitMix(seed);
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = new_tender(dir.path(), "crash.tender");
    drop(file);
    let mut acknowledged_total = 0;
    for round in 0..rounds {
        let mut child = cli()
            .args(["batch", path.to_str().unwrap()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let edits: Vec<String> = (0..400).map(|i| format!("round {round} edit {i}")).collect();
        let mut stdin = child.stdin.take().unwrap();
        let input: String = edits.iter().map(|e| format!("title\t{e}\n")).collect();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        std::thread::sleep(Duration::from_micros(random.next() % 40_000));
        child.kill().unwrap();
        child.wait().unwrap();
        let _ = writer.join();
        let acknowledged = BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok).count();
        acknowledged_total += acknowledged;

        let context = format!("round {round} of seed {seed}, {acknowledged} edits acknowledged");
        let file = TenderFile::open(&path, Access::ReadOnly).unwrap_or_else(|e| panic!("{context}: {e}"));
        let report = file.check().unwrap();
        assert!(report.is_ok(), "{context}: {report:?}");
        let titles: Vec<String> = file
            .audit_log()
            .unwrap()
            .into_iter()
            .filter(|e| e.field == "title")
            .filter_map(|e| e.new_value)
            .filter(|v| v.starts_with(&format!("round {round} ")))
            .collect();
        assert!(titles.len() >= acknowledged, "{context}: only {} edits are in the file", titles.len());
        assert_eq!(titles[..], edits[..titles.len()], "{context}");
        let current = file.tender().unwrap().title;
        if let Some(last) = titles.last() {
            assert_eq!(&current, last, "{context}");
        }
    }
    assert!(acknowledged_total > 0, "the writer was always killed before its first edit (seed {seed})");
}

#[test]
fn the_tender_dates_keep_their_legal_order_and_the_standstill_period_its_length() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file) = new_tender(dir.path(), "dates.tender");
    let set = |file: &mut TenderFile, field, value: &str| file.set_tender_field(&stamp(1), field, value);
    set(&mut file, TenderField::PublishedOn, "2026-08-03").unwrap();
    set(&mut file, TenderField::BidDeadline, "2026-09-14").unwrap();
    let refused = set(&mut file, TenderField::AwardDate, "2026-09-01").unwrap_err();
    assert_eq!(
        refused.to_string(),
        "The award decision (1 September 2026) must be on or after the bid deadline (14 September 2026)."
    );
    assert_eq!(file.tender().unwrap().award_date, None, "the refused date was not saved");
    set(&mut file, TenderField::AwardDate, "2026-11-18").unwrap();
    set(&mut file, TenderField::NoticesSentOn, "2026-11-18").unwrap();
    // Ten days from the day after a Wednesday is a Saturday, so the period runs to Monday 30 November.
    let refused = set(&mut file, TenderField::StandstillEnds, "2026-11-28").unwrap_err();
    assert!(refused.to_string().contains("ends on 30 November 2026 at the earliest"), "{refused}");
    assert_eq!(
        tenderbench::standstill::ends(&file.tender().unwrap()),
        Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
    );
    set(&mut file, TenderField::NoticesSentBy, "letter").unwrap();
    assert_eq!(
        tenderbench::standstill::ends(&file.tender().unwrap()),
        Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap())
    );
    set(&mut file, TenderField::StandstillEnds, "2026-12-03").unwrap();
    // Another field can still be edited, and the title says nothing of the dates.
    set(&mut file, TenderField::Title, "Scannere").unwrap();
}
