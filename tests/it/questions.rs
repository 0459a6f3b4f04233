//! Questions and answers in the tender period: kept with who asked, flagged when too late to answer
//! lawfully, published to all bidders without who asked, and dated in the procedure record.

use crate::support::{demo, run_cli, text};
use std::io::Read;
use tenderbench::report::verify::pdftotext;

fn ok(args: &[&str]) -> String {
    let output = run_cli(args);
    assert!(output.status.success(), "{args:?}: {}", text(&output.stderr));
    text(&output.stdout)
}

/// The demo's tender deadline is 14 September 2026, so the last day to answer is 7 September.
#[test]
fn questions_are_flagged_when_late_and_published_without_who_asked() {
    let dir = tempfile::tempdir().unwrap();
    let tender = demo(dir.path());
    let file = tender.to_str().unwrap();
    let early = "Må transducerne være trådløse?";
    let late = "Kan leveringstiden forlænges til 16 uger?";
    let open = "Hvor mange scannere leveres i 2027?";
    assert_eq!(ok(&["questions", "add", file, early, "--received-on", "2026-08-20", "--from", "Sonoscan A/S"]), "1\n");
    assert_eq!(
        ok(&["questions", "add", file, late, "--received-on", "2026-09-10", "--from", "EchoHealth GmbH"]),
        "2\n"
    );
    ok(&["questions", "add", file, open, "--received-on", "2026-09-01", "--from", "MedImaging Nordic ApS"]);
    ok(&["questions", "answer", file, "1", "Ja, når de opfylder K-001.", "--answered-on", "2026-08-25"]);
    let changed = "Ja; leveringstiden er nu 16 uger, se rettelsesblad 1.";
    ok(&["questions", "answer", file, "2", changed, "--answered-on", "2026-09-11", "--corrigendum"]);
    let before = run_cli(&["questions", "answer", file, "3", "Tolv.", "--answered-on", "2026-08-01"]);
    assert!(text(&before.stderr).contains("cannot be answered before it was received"), "{}", text(&before.stderr));
    let unknown = run_cli(&["questions", "answer", file, "9", "Svar.", "--answered-on", "2026-09-02"]);
    assert_eq!(unknown.status.code(), Some(3), "{}", text(&unknown.stderr));

    let listed = ok(&["--lang", "en", "questions", "list", file]);
    assert!(listed.starts_with("Last day to answer: 7 September 2026\n"), "{listed}");
    let flagged: Vec<&str> = listed.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(flagged.len(), 2, "only question 2 is late, received and answered:\n{listed}");
    assert!(flagged[0].contains("received after 7 September 2026") && flagged[1].contains("answered after"));
    assert!(listed.contains("(EchoHealth GmbH)"), "the authority's own list names who asked:\n{listed}");

    let out = dir.path().join("qa");
    let written = ok(&["questions", "export", file, "--out", out.to_str().unwrap()]);
    assert_eq!(written.lines().count(), 2, "{written}");
    let pdf = pdftotext(&out.join("questions-and-answers.pdf")).unwrap();
    let mut docx = String::new();
    let archive = std::fs::File::open(out.join("questions-and-answers.docx")).unwrap();
    zip::ZipArchive::new(archive).unwrap().by_name("word/document.xml").unwrap().read_to_string(&mut docx).unwrap();
    for published in [&pdf, &docx] {
        for shown in
            ["Spørgsmål 1 (modtaget 20. august 2026)", early, "Svar (11. september 2026 – rettelsesblad)", late]
        {
            assert!(published.contains(shown), "{shown:?} is not published in\n{published}");
        }
        for hidden in ["Sonoscan", "EchoHealth", "MedImaging", open] {
            assert!(!published.contains(hidden), "{hidden:?} is published in\n{published}");
        }
    }

    let report = dir.path().join("award.pdf");
    ok(&["report", file, "--out", report.to_str().unwrap()]);
    let record = pdftotext(&report).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        record.contains("Spørgsmål og svar (2 besvaret) 25. august 2026 – 11. september 2026"),
        "the timeline has the answers"
    );
}
