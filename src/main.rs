//! `tenderbench`: the command-line face of the core. Everything the app does can be done from here.
//!
//! Exit codes: 0 success; 1 a check or evaluation found problems; 2 wrong usage; 3 the file was refused
//! (missing, not a tender file, damaged, too new, opened by another program); 4 the input was invalid and
//! nothing was changed; 5 an internal error.

use chrono::Utc;
use clap::{Parser, Subcommand};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tenderbench::audit::Stamp;
use tenderbench::error::ErrorCode;
use tenderbench::store::{Access, StoreError, TenderFile};
use tenderbench::tender::{NewTender, TenderField};

mod demo;

#[derive(Parser)]
#[command(name = "tenderbench", version, about = "Evaluate a public tender from strategy to award report, offline.")]
struct Cli {
    /// Who is making the changes, as recorded in the audit log (defaults to the login name).
    #[arg(long, global = true)]
    actor: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new tender file.
    New {
        file: PathBuf,
        #[arg(long)]
        title: String,
        /// The contracting authority, for example "Region Syddanmark".
        #[arg(long)]
        authority: String,
        #[arg(long, default_value = "")]
        reference: String,
    },
    /// Print a readable summary of a tender file.
    Info { file: PathBuf },
    /// Verify a tender file: SQLite's integrity check and the audit log's hash chain; with --report, that an
    /// award report PDF prints the numbers the tender file gives.
    Check {
        file: PathBuf,
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Set one field of the tender (title, reference, authority, procedure, cpv_codes, currency,
    /// estimated_value, published_on, bid_deadline, award_date, standstill_ends, tie_break).
    Set { file: PathBuf, field: String, value: String },
    /// Add a lot to the tender.
    AddLot {
        file: PathBuf,
        #[arg(long)]
        title: String,
    },
    /// Apply edits read from standard input, one per line as FIELD<TAB>VALUE, each saved on its own and
    /// acknowledged with "saved N" on standard output.
    Batch { file: PathBuf },
    /// Write a realistic demo tender into DIR and print the paths of what was written.
    Demo { dir: PathBuf },
    /// Write the award report as PDF and, with --letters, the letters to the bidders into DIR.
    Report {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "da", value_parser = ["da", "en"])]
        lang: String,
        #[arg(long)]
        letters: Option<PathBuf>,
    },
    /// Measure Tenderbench on generated tenders.
    Bench {
        #[command(subcommand)]
        target: BenchTarget,
    },
}

#[derive(Subcommand)]
enum BenchTarget {
    /// A ~100-page award report (50 bids × 2,000 requirements) and its 49 letters; median of several runs.
    Report {
        #[arg(long, default_value_t = 7)]
        runs: usize,
    },
}

/// A failure of a command, carried to `main` to be printed and turned into an exit code.
enum Failure {
    Refused(String, ErrorCode),
    Problems(String),
}

impl From<tenderbench::report::ReportError> for Failure {
    fn from(e: tenderbench::report::ReportError) -> Self {
        Failure::Refused(e.to_string(), e.code())
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Refused(e.to_string(), e.code())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let actor = cli.actor.clone().or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| "tenderbench".into());
    match run(cli.command, &actor) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Problems(message)) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
        Err(Failure::Refused(message, code)) => {
            eprintln!("error: {message}");
            ExitCode::from(match code {
                ErrorCode::NotFound | ErrorCode::NotATenderFile | ErrorCode::FileTooNew | ErrorCode::Locked => 3,
                ErrorCode::Validation | ErrorCode::ImportRejected => 4,
                ErrorCode::Internal => 5,
            })
        }
    }
}

fn stamp(actor: &str) -> Stamp {
    Stamp::new(actor, Utc::now())
}

fn run(command: Command, actor: &str) -> Result<(), Failure> {
    match command {
        Command::New { file, title, authority, reference } => {
            TenderFile::create(&file, &NewTender { title, authority, reference }, &stamp(actor))?;
            println!("{}", file.display());
        }
        Command::Info { file } => print!("{}", info(&TenderFile::open(&file, Access::ReadOnly)?)?),
        Command::Check { file, report: None } => check(&file)?,
        Command::Check { file, report: Some(pdf) } => {
            tenderbench::report::check(&file, &pdf)
                .map_err(|e| Failure::Problems(format!("{}: {e}", file.display())))?;
            println!("{}: ok (every line and number matches {})", pdf.display(), file.display());
        }
        Command::Set { file, field, value } => {
            let field = tender_field(&field)?;
            TenderFile::open(&file, Access::ReadWrite)?.set_tender_field(&stamp(actor), field, &value)?;
        }
        Command::AddLot { file, title } => {
            let lot = TenderFile::open(&file, Access::ReadWrite)?.add_lot(&stamp(actor), &title)?;
            println!("lot {}", lot.number);
        }
        Command::Batch { file } => batch(&file, actor)?,
        Command::Report { file, out, lang, letters } => {
            let lang = tenderbench::locale::Lang::from_code(&lang).unwrap_or(tenderbench::locale::Lang::Da);
            let written = tenderbench::report::write(&file, &out, lang, letters.as_deref())?;
            println!("{} ({} pages)", written.report.display(), written.pages);
            written.letters.iter().for_each(|letter| println!("{}", letter.display()));
        }
        Command::Bench { target: BenchTarget::Report { runs } } => bench_report(runs)?,
        Command::Demo { dir } => {
            for path in demo::write(&dir, &stamp(actor))? {
                println!("{}", path.display());
            }
        }
    }
    Ok(())
}

fn tender_field(name: &str) -> Result<TenderField, Failure> {
    TenderField::from_column(name)
        .ok_or_else(|| Failure::Refused(format!("'{name}' is not a field of a tender."), ErrorCode::Validation))
}

fn info(store: &TenderFile) -> Result<String, StoreError> {
    let tender = store.tender()?;
    let lots = store.lots()?;
    let audit = tenderbench::audit::summarize(&store.audit_log()?);
    let mut out = format!(
        "{}\n  reference: {}\n  authority: {}\n  procedure: {}\n  currency: {}\n  file format: {}\n  lots: {}\n",
        tender.title,
        tender.reference,
        tender.authority,
        tender.procedure.code(),
        tender.currency,
        store.format_version()?,
        lots.len()
    );
    for lot in &lots {
        out += &format!("    {}. {}\n", lot.number, lot.title);
    }
    out += &format!(
        "  changes: {} (last {} by {})\n",
        audit.changes,
        audit.last_change.unwrap_or_default(),
        audit.last_actor.unwrap_or_default()
    );
    Ok(out)
}

fn check(file: &Path) -> Result<(), Failure> {
    let report = TenderFile::open(file, Access::ReadOnly)?.check()?;
    if report.is_ok() {
        println!("{}: ok (integrity check passed, {} audit rows verified)", file.display(), report.audit_rows);
        return Ok(());
    }
    let mut problems: Vec<String> =
        report.integrity_problems.iter().map(|p| format!("{}: integrity: {p}", file.display())).collect();
    if let Err(broken) = &report.chain {
        problems.push(format!("{}: {broken}", file.display()));
    }
    Err(Failure::Problems(problems.join("\n")))
}

fn batch(file: &Path, actor: &str) -> Result<(), Failure> {
    let mut store = TenderFile::open(file, Access::ReadWrite)?;
    let mut out = std::io::stdout().lock();
    for (index, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| Failure::Refused(format!("standard input: {e}"), ErrorCode::Internal))?;
        let (field, value) = line.split_once('\t').ok_or_else(|| {
            Failure::Refused(format!("line {}: expected FIELD<TAB>VALUE", index + 1), ErrorCode::Validation)
        })?;
        store.set_tender_field(&stamp(actor), tender_field(field)?, value)?;
        // The acknowledgement goes out only after the commit, so every printed edit is on disk.
        writeln!(out, "saved {}", index + 1).and_then(|()| out.flush()).ok();
    }
    Ok(())
}

/// Renders the generated report and letters `runs` times and prints the median times and the sizes.
fn bench_report(runs: usize) -> Result<(), Failure> {
    use tenderbench::report::{pdf, synthetic};
    let failed = |e: pdf::PdfError| Failure::Refused(e.to_string(), ErrorCode::Internal);
    let median = |mut times: Vec<std::time::Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (mut report_times, mut letter_times) = (Vec::new(), Vec::new());
    let (mut size, mut pages, mut letters_size, mut letters) = (0, 0, 0, 0);
    for _ in 0..runs.max(1) {
        let started = std::time::Instant::now();
        let (bytes, count) = pdf::render_counted(&synthetic::award_report(50, 2_000)).map_err(failed)?;
        report_times.push(started.elapsed());
        (size, pages) = (bytes.len(), count);
        let started = std::time::Instant::now();
        let rendered = synthetic::letters(50).iter().map(pdf::render).collect::<Result<Vec<_>, _>>().map_err(failed)?;
        letter_times.push(started.elapsed());
        (letters, letters_size) = (rendered.len(), rendered.iter().map(Vec::len).sum());
    }
    println!("report: 50 bids × 2,000 requirements, {pages} pages, {size} bytes");
    println!(
        "report: median {:.1} ms over {} runs (build and render)",
        median(report_times).as_secs_f64() * 1e3,
        runs.max(1)
    );
    println!(
        "letters: {letters} letters, {letters_size} bytes in all, median {:.1} ms",
        median(letter_times).as_secs_f64() * 1e3
    );
    Ok(())
}
