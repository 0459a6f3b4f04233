//! Shared helpers: fixed stamps, the CLI binary, fresh tender files in temporary folders.

use chrono::{TimeZone, Utc};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tenderbench::audit::Stamp;
use tenderbench::requirement::{RequirementKind, RequirementText};
use tenderbench::store::TenderFile;
use tenderbench::tender::NewTender;

/// A stamp at a fixed time, `minute` minutes after 09:00 on 23 November 2026.
pub fn stamp(minute: u32) -> Stamp {
    Stamp::new("test", Utc.with_ymd_and_hms(2026, 11, 23, 9, minute, 0).unwrap())
}

/// The CLI binary built for these tests. Its messages are English whatever the machine's locale, as the
/// tests that read them expect; a test of another language sets it explicitly.
pub fn cli() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tenderbench"));
    command.env("LC_ALL", "C");
    command
}

pub fn run_cli(args: &[&str]) -> Output {
    cli().args(args).output().expect("the CLI runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Creates a tender file named `name` in `dir`.
pub fn new_tender(dir: &Path, name: &str) -> (PathBuf, TenderFile) {
    let path = dir.join(name);
    let new = NewTender {
        title: "Ultralydsscannere".into(),
        authority: "Region Syddanmark".into(),
        reference: "RSD-2026-0412".into(),
    };
    let file = TenderFile::create(&path, &new, &stamp(0)).expect("a new tender file");
    (path, file)
}

/// The repository's fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A requirement with texts in both languages, as a consultant would write it.
pub fn requirement(code: &str, kind: RequirementKind) -> RequirementText {
    RequirementText {
        code: code.into(),
        kind,
        title_da: format!("Krav {code}"),
        title_en: format!("Requirement {code}"),
        text_da: "Udstyret skal være CE-mærket.".into(),
        text_en: "The equipment must be CE marked.".into(),
        evidence: "Declaration of conformity".into(),
        area: "quality".into(),
        source: "test".into(),
        template_id: Some("T-1".into()),
        catalogue_version: Some("2026.1".into()),
        parameters: r#"{"years":7}"#.into(),
    }
}

/// The demo tender as `tenderbench demo` writes it, with the clock fixed so that its audit trail, and so the
/// report's "as of" line, is the same on every run.
pub fn demo(dir: &Path) -> PathBuf {
    let output = cli().args(["--actor", "demo", "demo"]).arg(dir).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let listed = String::from_utf8_lossy(&output.stdout);
    for name in ["award-report.pdf", "letters/lot-1-sonoscan-a-s.pdf", "letters/lot-1-echohealth-gmbh.pdf"] {
        assert!(listed.lines().any(|l| l.ends_with(name)), "the demo lists {name}:\n{listed}");
    }
    dir.join("ultrasound-demo.tender")
}
