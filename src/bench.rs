//! `tenderbench bench`: speed measurements in release builds. Targets live here and in the closing notes of
//! the work that set them, never in timed tests.

use std::time::{Duration, Instant};
use tenderbench::audit::Stamp;
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
