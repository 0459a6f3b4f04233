//! `tenderbench bench`: speed measurements in release builds. Targets live here and in the closing notes of
//! the work that set them, never in timed tests.

pub mod import;

use std::path::Path;
use std::time::{Duration, Instant};
use tenderbench::audit::Stamp;
use tenderbench::evaluation::synthetic::{self, TenderSize};
use tenderbench::evaluation::{Evaluation, EvaluationError, SensitivitySettings, evaluate, exchange};
use tenderbench::store::{Result, StoreError, TenderFile};
use tenderbench::tender::{NewTender, TenderField};

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
pub fn evaluation(runs: usize, write_exchange: Option<&Path>) -> std::result::Result<(), String> {
    let size = TenderSize { bids: 50, requirements: 2_000, evaluators: 10 };
    let input = synthetic::tender(size, 7);
    let evaluation = Evaluation::new(&input).map_err(|e| e.to_string())?;
    let settings = SensitivitySettings::default();
    println!("tender: {} bids × {} award requirements × {} evaluators", size.bids, size.requirements, size.evaluators);
    let full = timed(runs, || evaluate(&input).map(drop))?;
    println!("full evaluation (validate, score, rank): median {full:?} over {runs} runs");
    let ranking = timed(runs, || {
        std::hint::black_box(evaluation.result());
        Ok(())
    })?;
    println!("ranking again after a change of weights or prices: median {ranking:?}");
    let robustness = timed(runs, || evaluation.sensitivity(&settings).map(drop))?;
    println!("robustness with {} Monte Carlo draws: median {robustness:?}", settings.draws);
    if let Some(path) = write_exchange {
        let file = synthetic::tender(TenderSize { bids: 30, requirements: 2_000, evaluators: 0 }, 7);
        std::fs::write(path, exchange::write_input(&file))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("wrote a 30-bid × 2,000-requirement exchange file to {}", path.display());
    }
    Ok(())
}

/// The median wall time of `runs` calls (at least one).
fn timed(
    runs: usize,
    mut run: impl FnMut() -> std::result::Result<(), EvaluationError>,
) -> std::result::Result<Duration, String> {
    let mut times = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        run().map_err(|e| e.to_string())?;
        times.push(start.elapsed());
    }
    Ok(median(times))
}
