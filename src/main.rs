//! The `tenderbench` command line.

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use tenderbench::evaluation::synthetic::{self, TenderSize};
use tenderbench::evaluation::{
    Evaluation, EvaluationError, SensitivitySettings, evaluate, exchange,
};

#[derive(Parser)]
#[command(
    name = "tenderbench",
    version,
    about = "Offline workbench for evaluating public tenders"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate an evaluation exchange file (JSON) and print the result as JSON.
    Evaluate {
        model: PathBuf,
        /// Add weight ranges, the smallest winner-changing weight change, rank reversals and a Monte Carlo.
        #[arg(long)]
        sensitivity: bool,
        /// Monte Carlo draws (default 100000, or the file's monte_carlo.draws); 0 skips the Monte Carlo.
        #[arg(long, requires = "sensitivity")]
        draws: Option<u32>,
        /// Monte Carlo seed (default 1, or the file's monte_carlo.seed).
        #[arg(long, requires = "sensitivity")]
        seed: Option<u64>,
    },
    /// Measure the evaluation engine on generated tenders.
    Bench {
        #[command(subcommand)]
        target: BenchTarget,
    },
}

#[derive(Subcommand)]
enum BenchTarget {
    /// 50 bids × 2,000 award requirements × 10 evaluators: evaluation and robustness, median of several runs.
    Evaluation {
        #[arg(long, default_value_t = 21)]
        runs: usize,
        /// Also write a 30-bid × 2,000-requirement exchange file here, to time `tenderbench evaluate` on.
        #[arg(long)]
        write_exchange: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let outcome = match Cli::parse().command {
        Command::Evaluate {
            model,
            sensitivity,
            draws,
            seed,
        } => evaluate_command(&model, sensitivity, draws, seed),
        Command::Bench {
            target:
                BenchTarget::Evaluation {
                    runs,
                    write_exchange,
                },
        } => bench_evaluation(runs, write_exchange.as_deref()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("tenderbench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn evaluate_command(
    model: &Path,
    sensitivity: bool,
    draws: Option<u32>,
    seed: Option<u64>,
) -> Result<(), String> {
    let text = std::fs::read_to_string(model)
        .map_err(|e| format!("cannot read {}: {e}", model.display()))?;
    let in_file = |e: EvaluationError| format!("{}: {e}", model.display());
    let input = exchange::parse_input(&text).map_err(in_file)?;
    let evaluation = Evaluation::new(&input).map_err(in_file)?;
    let sensitivity = if sensitivity {
        let mut settings = SensitivitySettings::for_input(&input);
        settings.draws = draws.unwrap_or(settings.draws);
        settings.seed = seed.unwrap_or(settings.seed);
        Some(evaluation.sensitivity(&settings).map_err(in_file)?)
    } else {
        None
    };
    println!(
        "{}",
        exchange::write_result(
            &input.currency,
            &evaluation.result(),
            &evaluation.score_spreads(),
            sensitivity.as_ref()
        )
    );
    Ok(())
}

fn bench_evaluation(runs: usize, write_exchange: Option<&Path>) -> Result<(), String> {
    let size = TenderSize {
        bids: 50,
        requirements: 2_000,
        evaluators: 10,
    };
    let input = synthetic::tender(size, 7);
    let evaluation = Evaluation::new(&input).map_err(|e| e.to_string())?;
    let settings = SensitivitySettings::default();
    println!(
        "tender: {} bids × {} award requirements × {} evaluators",
        size.bids, size.requirements, size.evaluators
    );
    let full = median(runs, || evaluate(&input).map(drop))?;
    println!("full evaluation (validate, score, rank): median {full:?} over {runs} runs");
    let ranking = median(runs, || {
        std::hint::black_box(evaluation.result());
        Ok(())
    })?;
    println!("ranking again after a change of weights or prices: median {ranking:?}");
    let robustness = median(runs, || evaluation.sensitivity(&settings).map(drop))?;
    println!(
        "robustness with {} Monte Carlo draws: median {robustness:?}",
        settings.draws
    );
    if let Some(path) = write_exchange {
        let file = synthetic::tender(
            TenderSize {
                bids: 30,
                requirements: 2_000,
                evaluators: 0,
            },
            7,
        );
        std::fs::write(path, exchange::write_input(&file))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!(
            "wrote a 30-bid × 2,000-requirement exchange file to {}",
            path.display()
        );
    }
    Ok(())
}

/// Median wall time of `runs` calls (at least one).
fn median(
    runs: usize,
    mut run: impl FnMut() -> Result<(), EvaluationError>,
) -> Result<Duration, String> {
    let mut times = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        run().map_err(|e| e.to_string())?;
        times.push(start.elapsed());
    }
    times.sort_unstable();
    Ok(times[times.len() / 2])
}
