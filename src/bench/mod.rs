//! `tenderbench bench`: speed measurements in release builds. Targets live here and in the closing notes of
//! the work that set them, never in timed tests.

pub mod import;

use std::path::Path;
use std::time::{Duration, Instant};
use tenderbench::audit::Stamp;
use tenderbench::bid::{PriceLine, Response, Submission};
use tenderbench::bid_import::read_bid;
use tenderbench::bid_workbook::{BidForm, workbook_bytes};
use tenderbench::evaluation::synthetic::{self, TenderSize};
use tenderbench::evaluation::{Evaluation, EvaluationError, SensitivitySettings, evaluate, exchange};
use tenderbench::locale::Said;
use tenderbench::panel::Declaration;
use tenderbench::projector::ProjectorScreen;
use tenderbench::requirement::{RequirementKind, RequirementText};
use tenderbench::scoring::{ScoreEdit, ScoringSession, Totals};
use tenderbench::store::{Access, Result, StoreError, TenderFile};
use tenderbench::tender::{NewTender, TenderField};
use tenderbench::workbook::{Language, WorkbookError};

/// The median of a set of timings.
pub fn median(mut timings: Vec<Duration>) -> Duration {
    timings.sort();
    timings[timings.len() / 2]
}

/// One durable edit: a tender field changed, its audit row chained, the transaction synced to disk.
/// Target: median ≤ 5 ms.
pub fn edit(stamp: &Stamp) -> Result<String> {
    let dir = std::env::temp_dir().join(format!("tenderbench-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Io { path: dir.clone(), source: e })?;
    let path = dir.join("bench.tender");
    let _ = std::fs::remove_file(&path);
    let new = NewTender { title: "Benchmark".into(), authority: "Region".into(), reference: String::new() };
    let mut file = TenderFile::create(&path, &new, stamp)?;
    let mut timings = Vec::new();
    for i in 0..300 {
        let started = Instant::now();
        file.set_tender_field(stamp, TenderField::Title, &format!("Benchmark {i}"))?;
        timings.push(started.elapsed());
    }
    drop(file);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(format!("durable edit: median {:.2} ms over 300 edits (target ≤ 5 ms)", median(timings).as_secs_f64() * 1e3))
}

/// The evaluation engine on a generated tender of 50 bids × 2,000 award requirements × 10 evaluators.
/// Targets: evaluation ≤ 5 ms, robustness with 100,000 Monte Carlo draws ≤ 250 ms.
pub fn evaluation(runs: usize, write_exchange: Option<&Path>) -> std::result::Result<(), Said> {
    let size = TenderSize { bids: 50, requirements: 2_000, evaluators: 10 };
    let input = synthetic::tender(size, 7);
    let evaluation = Evaluation::new(&input).map_err(|e| e.said())?;
    let settings = SensitivitySettings::default();
    println!("tender: {} bids × {} award requirements × {} evaluators", size.bids, size.requirements, size.evaluators);
    let full = timed(runs, || evaluate(&input).map(drop)).map_err(|e| e.said())?;
    println!("full evaluation (validate, score, rank): {full} over {runs} runs");
    let ranking = timed(runs, || {
        std::hint::black_box(evaluation.result());
        Ok::<_, EvaluationError>(())
    })
    .map_err(|e| e.said())?;
    println!("ranking again after a change of weights or prices: {ranking}");
    let robustness = timed(runs, || evaluation.sensitivity(&settings).map(drop)).map_err(|e| e.said())?;
    println!("robustness with {} Monte Carlo draws: {robustness}", settings.draws);
    if let Some(path) = write_exchange {
        let file = synthetic::tender(TenderSize { bids: 30, requirements: 2_000, evaluators: 0 }, 7);
        std::fs::write(path, exchange::write_input(&file)).map_err(|e| {
            Said::new(
                format!("cannot write {}: {e}", path.display()),
                format!("kan ikke skrive {}: {e}", path.display()),
            )
        })?;
        println!("wrote a 30-bid × 2,000-requirement exchange file to {}", path.display());
    }
    Ok(())
}

/// The best and the median wall time of `runs` calls (at least one), as text. Both are given because the
/// machine is shared: the best shows what the code costs, the median what a user would see meanwhile.
pub(crate) fn timed<E>(
    runs: usize,
    mut run: impl FnMut() -> std::result::Result<(), E>,
) -> std::result::Result<String, E> {
    let mut times = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        run()?;
        times.push(start.elapsed());
    }
    let best = times.iter().min().copied().unwrap_or_default();
    Ok(format!("best {:.2} ms, median {:.2} ms", best.as_secs_f64() * 1e3, median(times).as_secs_f64() * 1e3))
}

/// A requirement of the generated scoring tender.
fn requirement(code: &str, kind: RequirementKind) -> RequirementText {
    RequirementText {
        code: code.to_owned(),
        kind,
        title_da: format!("Krav {code}"),
        title_en: format!("Requirement {code}"),
        text_da: "Tilbudsgiver beskriver løsningen.".into(),
        text_en: "The bidder describes the solution.".into(),
        evidence: String::new(),
        area: "quality".into(),
        source: "bench".into(),
        template_id: None,
        catalogue_version: None,
        parameters: "{}".into(),
    }
}

/// A tender file at `path` of 30 bids × 2,000 award requirements, every consensus score set, and a panel of
/// `evaluators` who declared no conflict and scored every requirement of every bid. Returns the file and the
/// lot's id.
fn scored_tender(stamp: &Stamp, path: &Path, evaluators: usize) -> Result<(TenderFile, i64)> {
    let _ = std::fs::remove_file(path);
    let new = NewTender { title: "Benchmark".into(), authority: "Region".into(), reference: String::new() };
    let mut file = TenderFile::create(path, &new, stamp)?;
    let lot = file.add_lot(stamp, "Scannere")?;
    let model = synthetic::tender(TenderSize { bids: 30, requirements: 2_000, evaluators }, 7);
    file.add_requirement(stamp, lot.id, &requirement("M1", RequirementKind::Minimum))?;
    for leaf in model.criteria.iter().flat_map(|c| &c.children) {
        for award in &leaf.requirements {
            file.add_requirement(stamp, lot.id, &requirement(&award.id, RequirementKind::Award))?;
        }
    }
    file.add_price_item(stamp, lot.id, "Scanner", "stk.", rust_decimal::Decimal::ONE)?;
    file.set_evaluation_model(stamp, lot.id, &model)?;
    let submissions: Vec<Submission> = model
        .bids
        .iter()
        .map(|bid| Submission {
            bidder: bid.id.clone(),
            lot_number: lot.number,
            received_at: None,
            source_file: format!("{}.xlsx", bid.id),
            source_sha256: String::new(),
            responses: std::iter::once(Response {
                requirement_code: "M1".into(),
                compliant: Some(true),
                value: String::new(),
                document_ref: String::new(),
                comment: String::new(),
            })
            .chain(bid.values.iter().map(|(code, value)| Response {
                requirement_code: code.to_owned(),
                compliant: None,
                value: value.to_string(),
                document_ref: String::new(),
                comment: String::new(),
            }))
            .collect(),
            price_lines: vec![PriceLine {
                item: "Scanner".into(),
                quantity: rust_decimal::Decimal::ONE,
                unit_price: bid.price.unwrap_or_default(),
            }],
            subcontracting: None,
            lcc: None,
            original: None,
        })
        .collect();
    // The bids go in through real workbooks, as a bidder's would, so the file keeps their originals and
    // `check` reads them all again.
    let unworkable = |e: WorkbookError| StoreError::invalid(e.to_string(), e.to_string());
    let form = BidForm::load(&file, lot.number).map_err(unworkable)?;
    let submissions = submissions
        .iter()
        .map(|submission| {
            let bytes = workbook_bytes(&form, Language::Da, Some(submission)).map_err(unworkable)?;
            let reading = read_bid(std::slice::from_ref(&form), &submission.source_file, &bytes, Some(lot.number));
            reading.submission.ok_or_else(|| {
                let problems = format!("{:?}", reading.diagnostics);
                StoreError::invalid(problems.clone(), problems)
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let bid_ids = file.import_submissions(stamp, &submissions)?;
    let ids: std::collections::HashMap<String, i64> =
        file.requirements(lot.id)?.into_iter().map(|r| (r.text.code, r.id)).collect();
    let scores: Vec<_> = model
        .bids
        .iter()
        .zip(&bid_ids)
        .flat_map(|(bid, bid_id)| {
            bid.scores.iter().map(|(code, points)| (ids[code], *bid_id, Some(*points), "Begrundelse".to_owned()))
        })
        .collect();
    file.import_consensus_scores(stamp, &scores)?;

    let mut panel = Vec::new();
    for e in 0..evaluators {
        let id = file.add_evaluator(stamp, &format!("evaluator {e}"), "Bedømmer")?;
        file.declare(stamp, id, &Declaration::NoConflict)?;
        panel.push(id);
    }
    let individual: Vec<_> = model
        .bids
        .iter()
        .zip(&bid_ids)
        .flat_map(|(bid, bid_id)| {
            bid.individual_scores.entries().map(|(requirement, evaluator, points)| {
                let evaluator: usize = evaluator.trim_start_matches("evaluator ").parse().unwrap_or(0);
                (panel[evaluator], ids[requirement], *bid_id, points, String::new())
            })
        })
        .collect();
    file.import_individual_scores(stamp, &individual)?;
    Ok((file, lot.id))
}

/// One consensus score edited on a tender file of 30 bids × 2,000 award requirements, from the keystroke
/// to the updated totals: the durable, audited store write, the session's copy updated, and the lot
/// evaluated again. Target: median ≤ 50 ms. Also reports opening the session and building the whole sheet,
/// which happen once when the scoring screen opens, and projecting one requirement, which happens on every
/// move while the projector is on. With `keep`, the tender file is written there and kept.
pub fn scoring(stamp: &Stamp, keep: Option<&Path>) -> Result<String> {
    let dir = std::env::temp_dir().join(format!("tenderbench-bench-scoring-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Io { path: dir.clone(), source: e })?;
    let path = keep.map_or_else(|| dir.join("scoring.tender"), Path::to_owned);
    let (mut file, lot) = scored_tender(stamp, &path, 0)?;
    let started = Instant::now();
    let mut session = ScoringSession::open(&file, lot)?;
    let opening = started.elapsed();
    let started = Instant::now();
    let sheet = session.sheet();
    let sheet_time = started.elapsed();
    let projecting = timed(21, || match ProjectorScreen::new(&session, 1_000, false) {
        Some(_) => Ok(()),
        None => Err(StoreError::invalid(
            "the generated tender has no row to project",
            "det genererede udbud har ingen række at vise på projektoren",
        )),
    })?;
    let row = &sheet.rows[1];
    let (requirement_id, bid_id) = (row.requirement_id, sheet.bids[0].id);
    let (mut timings, mut writes) = (Vec::new(), Vec::new());
    for i in 0..50 {
        let points = Some(rust_decimal::Decimal::from(i % 11));
        let edit = ScoreEdit::Consensus { requirement_id, bid_id, points, justification: "Ændret".into() };
        let started = Instant::now();
        session.apply(&mut file, stamp, &edit)?;
        let saved = started.elapsed();
        let totals = session.totals();
        timings.push(started.elapsed());
        writes.push(saved);
        if let Totals::Incomplete { problems } = totals {
            return Err(StoreError::invalid(
                format!("the generated tender does not evaluate: {}", problems[0].message_en),
                format!("det genererede udbud kan ikke evalueres: {}", problems[0].message_da),
            ));
        }
    }
    drop(file);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(format!(
        "tender file: 30 bids × 2,000 award requirements\n\
         score edit to updated totals: median {:.1} ms over 50 edits, of which the durable store write {:.1} ms \
         (target ≤ 50 ms)\n\
         opening the scoring session: {:.0} ms; building the whole sheet: {:.0} ms\n\
         projecting one requirement (the projector's next row): {projecting}",
        median(timings).as_secs_f64() * 1e3,
        median(writes).as_secs_f64() * 1e3,
        opening.as_secs_f64() * 1e3,
        sheet_time.as_secs_f64() * 1e3
    ))
}

/// `tenderbench check` on a tender file of 30 bids × 2,000 award requirements × 10 evaluators: SQLite's
/// integrity check, the audit chain, and every table replayed from the change log. Target: median ≤ 1 s.
/// With `keep`, the tender file is written there and kept.
pub fn check(stamp: &Stamp, runs: usize, keep: Option<&Path>) -> Result<String> {
    let dir = std::env::temp_dir().join(format!("tenderbench-bench-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Io { path: dir.clone(), source: e })?;
    let path = keep.map_or_else(|| dir.join("check.tender"), Path::to_owned);
    let started = Instant::now();
    let (file, _) = scored_tender(stamp, &path, 10)?;
    let building = started.elapsed();
    let audit_rows = file.audit_log()?.len();
    drop(file);
    let size = std::fs::metadata(&path).map_err(|e| StoreError::Io { path: path.clone(), source: e })?.len();
    let mut timings = Vec::new();
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let file = TenderFile::open(&path, Access::ReadOnly)?;
        let checked = tenderbench::check::run(&file).map_err(|e| StoreError::invalid(e.to_string(), e.to_string()))?;
        timings.push(started.elapsed());
        if !checked.is_ok() || checked.originals.kept != 30 {
            return Err(StoreError::invalid(
                format!("the generated tender fails its check: {checked:?}"),
                format!("det genererede udbud består ikke sin kontrol: {checked:?}"),
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(format!(
        "tender file: 30 bids × 2,000 award requirements × 10 evaluators, {audit_rows} audit rows, {:.0} MB \
         (made in {:.0} s)\n\
         check (integrity, chain, every table against the change log, 30 original workbooks read again): median {:.0} ms over {} runs (target ≤ 1,000 ms)",
        size as f64 / 1e6,
        building.as_secs_f64(),
        median(timings).as_secs_f64() * 1e3,
        runs.max(1)
    ))
}
