//! `tenderbench`: the command-line face of the core. Everything the app does can be done from here.
//!
//! Exit codes: 0 success; 1 a check or evaluation found problems; 2 wrong usage; 3 the file was refused
//! (missing, not a tender file, damaged, too new, opened by another program); 4 the input was invalid and
//! nothing was changed; 5 an internal error.
//!
//! `--lang da|en` chooses the language of what a command prints and of the document it writes; without it,
//! messages follow the locale and documents are Danish.

use chrono::Utc;
use clap::{Parser, Subcommand};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tenderbench::audit::{Seal, Stamp};
use tenderbench::bid::Selection;
use tenderbench::error::ErrorCode;
use tenderbench::evaluation::{Evaluation, EvaluationError, EvaluationInput, SensitivitySettings, exchange};
use tenderbench::locale::{Lang, Said};
use tenderbench::rejection::{Ground, Rejection};
use tenderbench::report::Checked;
use tenderbench::store::{Access, StoreError, TenderFile};
use tenderbench::tender::{NewTender, TenderField};
use tenderbench::tie_break::{DrawByLot, TieBreak};
use tenderbench::workbook::{ImportOutcome, Language, Severity, WorkbookError};

mod bench;
mod catalogue_commands;
mod demo;
mod question_commands;
mod scoring_commands;

#[derive(Parser)]
#[command(name = "tenderbench", version, about = "Evaluate a public tender from strategy to award report, offline.")]
struct Cli {
    /// Who is making the changes, as recorded in the audit log (defaults to the login name).
    #[arg(long, global = true)]
    actor: Option<String>,
    /// The language, da or en, of what the command prints and of the document it writes. Without it,
    /// messages are in the locale's language (LC_ALL, then LC_MESSAGES, then LANG) and documents in Danish,
    /// the language of the tender.
    #[arg(long, global = true, value_parser = ["da", "en"])]
    lang: Option<String>,
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
    /// Verify a tender file: SQLite's integrity check, the audit log's hash chain, and every table against the
    /// change log the chain vouches for. With --seal, that the file still holds the sealed audit row; with
    /// --report, that the award report or letter PDF belongs to the file and prints the numbers it gives.
    Check {
        file: PathBuf,
        #[arg(long)]
        report: Option<PathBuf>,
        /// A seal line as `tenderbench seal` printed it.
        #[arg(long)]
        seal: Option<String>,
    },
    /// Print the audit log's head as one line to file in the case file (ESDH), at publication and at award.
    Seal { file: PathBuf },
    /// Set one field of the tender (title, reference, authority, procedure, cpv_codes, currency,
    /// estimated_value, published_on, bid_deadline, award_date, notices_sent_on, notices_sent_by (electronic or
    /// letter), standstill_ends, tie_break, ocid_prefix).
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
    Demo {
        dir: PathBuf,
        /// How far the tender goes: to the agreed quality scores with the prices still sealed, or to the
        /// award with its report and letters.
        #[arg(long, value_enum, default_value = "awarded")]
        stage: demo::Stage,
    },
    /// Write the award report as PDF and, with --letters, the letters to the bidders into DIR.
    Report {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        letters: Option<PathBuf>,
    },
    /// Write a lot's tender documents into DIR, in the language of --lang (Danish by default): the chapter
    /// on the award criteria and the evaluation (evaluation-model.docx and .pdf) and the requirement
    /// specification (requirement-specification.docx and .pdf).
    Documents {
        file: PathBuf,
        #[arg(long, default_value_t = 1)]
        lot: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Evaluate an evaluation exchange file (JSON, see docs/evaluation-format.md) or a lot of a tender file,
    /// and print the result as JSON.
    Evaluate {
        model: PathBuf,
        /// The lot to evaluate when MODEL is a tender file.
        #[arg(long, default_value_t = 1)]
        lot: i64,
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
    /// Write a lot's evaluation (model, bids, scores) as an evaluation exchange file.
    ExportEvaluation {
        file: PathBuf,
        #[arg(long, default_value_t = 1)]
        lot: i64,
        /// Where to write; standard output if not given.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write the tender's open-contracting data (an OCDS 1.1 release package with the bids extension) as JSON.
    /// Needs the tender's reference and OCID prefix (set T.tender ocid_prefix ocds-a1b2c3).
    ExportOcds {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Where the authority will publish the package; without it the package is named by its ocid.
        #[arg(long)]
        uri: Option<String>,
    },
    /// Set a lot's evaluation model from the model part of an evaluation exchange file (its bids are ignored).
    ImportModel {
        file: PathBuf,
        model: PathBuf,
        #[arg(long, default_value_t = 1)]
        lot: i64,
    },
    /// Publish a lot: lock its evaluation model, requirements and price schedule as announced, or unlock
    /// them with a reason that the report and the audit log keep.
    LockModel {
        file: PathBuf,
        #[arg(long, default_value_t = 1)]
        lot: i64,
        /// Unlock instead, for this reason.
        #[arg(long)]
        unlock: Option<String>,
        /// Confirm an unlock after the bids are in: the bidders have bid on the published terms.
        #[arg(long, requires = "unlock")]
        after_bids: bool,
    },
    /// Write the bidder response workbook of a lot (--lang da or en).
    ExportBidTemplate {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import filled bid workbooks, all or nothing; with only warnings, nothing is saved without
    /// --accept-warnings.
    ImportBids {
        file: PathBuf,
        #[arg(required = true)]
        workbooks: Vec<PathBuf>,
        /// Refuse workbooks made for any other lot.
        #[arg(long)]
        lot: Option<i64>,
        #[arg(long)]
        accept_warnings: bool,
        /// Only read and check the workbooks, and print what is wrong; nothing is saved.
        #[arg(long, conflicts_with = "accept_warnings")]
        check: bool,
    },
    /// Write a bid's original workbook, exactly as the bidder sent it and the import read it.
    ExportOriginal {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
        /// The bidder's name, as the bid list shows it.
        #[arg(long)]
        bidder: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Reject a bid on the authority's own assessment (abnormally low after a § 169 request, late, documentation
    /// that does not prove a minimum requirement, or another reason), or withdraw the rejection.
    Reject {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
        /// The bidder's name, as the bid list shows it.
        #[arg(long)]
        bidder: String,
        #[arg(long, value_enum, required_unless_present = "withdraw")]
        ground: Option<RejectionGround>,
        /// The authority's assessment, given to the bidder word for word.
        #[arg(long, required_unless_present = "withdraw")]
        reason: Option<String>,
        /// abnormally-low: the day the explanation of the prices was asked for (udbudslovens § 169, stk. 1).
        #[arg(long)]
        requested: Option<chrono::NaiveDate>,
        /// abnormally-low: the day the explanation was received; leave out when none came.
        #[arg(long)]
        answered: Option<chrono::NaiveDate>,
        /// late: when the tender was received, as 2026-09-14T12:05:00+02:00.
        #[arg(long)]
        received: Option<String>,
        /// documentation: the minimum requirement the documentation does not prove.
        #[arg(long)]
        requirement: Option<String>,
        /// Lift the rejection.
        #[arg(long, conflicts_with_all = ["ground", "reason"])]
        withdraw: bool,
    },
    /// Record the result of a bidder's selection: whether it meets the suitability criteria and no exclusion
    /// ground applies (art. 84(1)(b) and (c) of Directive 2014/24/EU), with the authority's reasons.
    Select {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
        /// The bidder's name, as the bid list shows it.
        #[arg(long)]
        bidder: String,
        #[arg(long, value_enum, required_unless_present = "clear")]
        result: Option<SelectionResult>,
        /// The authority's reasons, as the record gives them.
        #[arg(long, required_unless_present = "clear")]
        reason: Option<String>,
        /// Remove the recorded result.
        #[arg(long, conflicts_with_all = ["result", "reason"])]
        clear: bool,
    },
    /// Record the draw by lot held for a lot's shared first rank under the tie-break rule "draw": the
    /// bidder drawn, the day, who held the draw and who witnessed it.
    Draw {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
        /// The bidder drawn, as the bid list shows it.
        #[arg(long, required_unless_present = "clear")]
        bidder: Option<String>,
        #[arg(long, required_unless_present = "clear")]
        held_on: Option<chrono::NaiveDate>,
        /// Who held the draw (name and role).
        #[arg(long, required_unless_present = "clear")]
        held_by: Option<String>,
        /// Who witnessed it (names and roles).
        #[arg(long, required_unless_present = "clear")]
        witnesses: Option<String>,
        /// Remove the recorded draw.
        #[arg(long, conflicts_with_all = ["bidder", "held_on", "held_by", "witnesses"])]
        clear: bool,
    },
    /// Open a lot's sealed prices. Refused while the lot cannot be evaluated on quality (a consensus score
    /// missing, say) unless a reason is given; recorded in the audit log and the procedure record.
    RevealPrices {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
        /// Why the prices are opened before every consensus score is agreed.
        #[arg(long)]
        reason: Option<String>,
    },
    /// Write one score sheet per evaluator for a lot into DIR.
    ExportScoreSheets {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import evaluators' filled score sheets, all or nothing.
    ImportScores {
        file: PathBuf,
        #[arg(required = true)]
        workbooks: Vec<PathBuf>,
        #[arg(long)]
        accept_warnings: bool,
    },
    /// Measure the speed of one part of the product (build with --release for meaningful figures).
    Bench {
        #[command(subcommand)]
        target: BenchTarget,
    },
    /// Print the category strategy's answers, Kraljic position, suggested weights and proposed requirements,
    /// or set one answer with --set.
    Strategy(catalogue_commands::StrategyArgs),
    /// Browse, search, export and import requirement catalogues, and save requirements to a personal one.
    Catalogue(catalogue_commands::CatalogueArgs),
    /// Add catalogue requirements to a lot, list them and remove them.
    #[command(subcommand)]
    Requirements(catalogue_commands::RequirementsAction),
    /// List what a lot's catalogue templates propose for its evaluation model (measured scoring, the
    /// life-cycle cost), or accept or reject one proposal.
    Rules(catalogue_commands::RulesArgs),
    /// Hold the strategy's screening and the region's policies against each lot, and say how to fix what fails.
    Consistency {
        file: PathBuf,
        /// Only this lot.
        #[arg(long)]
        lot: Option<i64>,
    },
    /// The questions bidders ask in the tender period and the answers given to all of them.
    #[command(subcommand)]
    Questions(question_commands::QuestionsAction),
    /// Register the evaluation panel and record their declarations of conflict of interest.
    #[command(subcommand)]
    Evaluators(scoring_commands::EvaluatorsAction),
    /// Set or clear an evaluator's score or the consensus score of a requirement for a bid, and print the totals.
    Score(scoring_commands::ScoreArgs),
    /// Print a lot's scoring sheet: scores, spreads and disagreements, exclusions, and the totals.
    ScoringSheet(scoring_commands::SheetArgs),
}

#[derive(Subcommand)]
enum BenchTarget {
    /// A ~100-page award report (50 bids × 2,000 requirements) and its 49 letters; median of several runs.
    Report {
        #[arg(long, default_value_t = 7)]
        runs: usize,
        /// Also write the report into this folder as report.pdf, report.docx and report.txt, for
        /// scripts/compare.sh to render with other tools.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Leave out the letters, so that the run renders one document, as the reference tools do.
        #[arg(long)]
        without_letters: bool,
    },
    /// One durable edit of a tender file.
    Edit,
    /// 50 bids × 2,000 award requirements × 10 evaluators: evaluation and robustness, median of several runs.
    Evaluation {
        #[arg(long, default_value_t = 21)]
        runs: usize,
        /// Also write a 30-bid × 2,000-requirement exchange file here, to time `tenderbench evaluate` on.
        #[arg(long)]
        write_exchange: Option<PathBuf>,
    },
    /// One score edit on a 30-bid × 2,000-requirement tender file, to the updated totals.
    Scoring {
        /// Keep the generated tender file here, to measure the app with it open.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Import of 30 bid workbooks × 2,000 requirement rows and one 130,000-cell workbook, made in DIR.
    Import { dir: PathBuf },
    /// `check` on a tender file of 30 bids × 2,000 requirements × 10 evaluators; median of several runs.
    Check {
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Keep the generated tender file here.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
}

/// A failure of a command, carried to `main` to be printed in the chosen language and turned into an exit
/// code.
enum Failure {
    Refused(Said, ErrorCode),
    Problems(Said),
}

impl From<tenderbench::report::ReportError> for Failure {
    fn from(e: tenderbench::report::ReportError) -> Self {
        Failure::Refused(e.said(), e.code())
    }
}

impl From<WorkbookError> for Failure {
    fn from(e: WorkbookError) -> Self {
        Failure::Refused(e.said(), e.code())
    }
}

impl From<tenderbench::ocds::OcdsError> for Failure {
    fn from(e: tenderbench::ocds::OcdsError) -> Self {
        Failure::Refused(e.said(), e.code())
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Refused(e.said(), e.code())
    }
}

/// Writes a command's output file, naming the file when the system refuses.
fn write_out(out: &Path, text: impl AsRef<[u8]>) -> Result<(), Failure> {
    std::fs::write(out, text).map_err(|e| {
        let said = Said::new(format!("{e}"), format!("filen kunne ikke skrives ({e})"));
        Failure::Refused(said.at(out.display()), ErrorCode::Internal)
    })
}

impl Failure {
    fn invalid(message: Said) -> Failure {
        Failure::Refused(message, ErrorCode::Validation)
    }
}

/// The locale's language as POSIX resolves it: the first of LC_ALL, LC_MESSAGES and LANG that is set
/// decides; "da" and "da_DK.UTF-8" are Danish, anything else (C, POSIX, en_GB) English.
fn locale_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
        .filter(|value| value.starts_with("da"))
        .map_or(Lang::En, |_| Lang::Da)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let actor = cli.actor.clone().or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| "tenderbench".into());
    let chosen = cli.lang.as_deref().and_then(Lang::from_code);
    let messages = chosen.unwrap_or_else(locale_lang);
    match run(cli.command, &actor, messages, chosen.unwrap_or(Lang::Da)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Problems(message)) => {
            eprintln!("{}", message.pick(messages));
            ExitCode::from(1)
        }
        Err(Failure::Refused(message, code)) => {
            eprintln!("{}: {}", messages.pick("fejl", "error"), message.pick(messages));
            ExitCode::from(match code {
                ErrorCode::NotFound | ErrorCode::NotATenderFile | ErrorCode::FileTooNew | ErrorCode::Locked => 3,
                ErrorCode::Validation | ErrorCode::ImportRejected | ErrorCode::NeedsConfirmation => 4,
                ErrorCode::Internal => 5,
            })
        }
    }
}

/// The bid of `bidder` (named as the bid list shows it, in any case) for lot `lot`.
fn find_bid(store: &TenderFile, file: &Path, lot: i64, bidder: &str) -> Result<tenderbench::bid::Bid, Failure> {
    let bid = store.bids(lot_id(store, lot)?)?.into_iter().find(|b| b.bidder.eq_ignore_ascii_case(bidder.trim()));
    bid.ok_or_else(|| {
        let path = file.display();
        Failure::Refused(
            Said::new(
                format!("{path} has no bid from {bidder} for lot {lot}."),
                format!("{path} har intet tilbud fra {bidder} på delaftale {lot}."),
            ),
            ErrorCode::NotFound,
        )
    })
}

/// The results of `tenderbench select`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SelectionResult {
    Qualified,
    NotQualified,
}

/// The grounds of `tenderbench reject`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum RejectionGround {
    AbnormallyLow,
    Late,
    Documentation,
    Other,
}

impl RejectionGround {
    /// The ground with the facts its options give; an option the ground needs and did not get is refused.
    fn with(
        self,
        requested: Option<chrono::NaiveDate>,
        answered: Option<chrono::NaiveDate>,
        received: Option<String>,
        requirement: Option<String>,
    ) -> Result<Ground, Failure> {
        let needs = |option: &str| {
            Failure::invalid(Said::new(
                format!("this ground needs {option}"),
                format!("denne afvisningsgrund kræver {option}"),
            ))
        };
        Ok(match self {
            RejectionGround::AbnormallyLow => Ground::AbnormallyLow {
                requested_on: requested.ok_or_else(|| needs("--requested DATE"))?,
                answered_on: answered,
            },
            RejectionGround::Late => Ground::Late { received_at: received.ok_or_else(|| needs("--received TIME"))? },
            RejectionGround::Documentation => {
                Ground::Documentation { requirement: requirement.ok_or_else(|| needs("--requirement CODE"))? }
            }
            RejectionGround::Other => Ground::Other,
        })
    }
}

/// The time recorded for a change: now, or the time SOURCE_DATE_EPOCH names (seconds since 1970, the
/// reproducible-builds convention), so that the demo and scripted edits can give the same file contents and
/// the same award report on every run.
fn stamp(actor: &str) -> Stamp {
    let fixed = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    Stamp::new(actor, fixed.and_then(|s| chrono::DateTime::from_timestamp(s, 0)).unwrap_or_else(Utc::now))
}

/// Runs one command; `messages` is the language of what it prints, `document` of the file it writes.
fn run(command: Command, actor: &str, messages: Lang, document: Lang) -> Result<(), Failure> {
    match command {
        Command::New { file, title, authority, reference } => {
            TenderFile::create(&file, &NewTender { title, authority, reference }, &stamp(actor))?;
            println!("{}", file.display());
        }
        Command::Info { file } => print!("{}", info(&TenderFile::open(&file, Access::ReadOnly)?)?),
        Command::Check { file, report, seal } => {
            check(&file, seal.as_deref(), messages)?;
            if let Some(pdf) = report {
                check_report(&file, &pdf)?;
            }
        }
        Command::Seal { file } => {
            let entries = TenderFile::open(&file, Access::ReadOnly)?.audit_log()?;
            let seal = Seal::of(&entries).ok_or_else(|| {
                Failure::invalid(Said::new(
                    format!("{} has no audit log to seal", file.display()),
                    format!("{} har intet revisionsspor at forsegle", file.display()),
                ))
            })?;
            println!("{seal}");
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
        Command::Report { file, out, letters } => {
            let written = tenderbench::report::write(&file, &out, document, letters.as_deref())?;
            if document == Lang::En {
                let store = TenderFile::open(&file, Access::ReadOnly)?;
                for missing in tenderbench::report::build::missing_english(&store)? {
                    eprintln!(
                        "{} {}",
                        messages.pick(
                            "advarsel: ingen engelsk tekst, så den danske er brugt:",
                            "warning: no English text, so the Danish one is used:"
                        ),
                        missing.pick(messages)
                    );
                }
            }
            println!("{} ({} pages)", written.report.display(), written.pages);
            written.letters.iter().for_each(|letter| println!("{}", letter.display()));
        }
        Command::Documents { file, lot, out } => {
            let written = tenderbench::tender_documents::write(&file, lot, &out, document)
                .map_err(|e| Failure::Refused(e.said(), e.code()))?;
            written.iter().for_each(|path| println!("{}", path.display()));
        }
        Command::Evaluate { model, lot, sensitivity, draws, seed } => evaluate(&model, lot, sensitivity, draws, seed)?,
        Command::ExportEvaluation { file, lot, out } => {
            let store = TenderFile::open(&file, Access::ReadOnly)?;
            let text = exchange::write_input(&opened_input(&store, lot)?);
            match out {
                Some(out) => write_out(&out, text)?,
                None => println!("{text}"),
            }
        }
        Command::ExportOcds { file, out, uri } => {
            let store = TenderFile::open(&file, Access::ReadOnly)?;
            let package = tenderbench::ocds::release_package(&store, uri.as_deref())?;
            write_out(&out, tenderbench::ocds::to_json(&package))?;
            println!("{}", out.display());
        }
        Command::ImportModel { file, model, lot } => {
            let input = read_exchange(&model)?;
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let lot = lot_id(&store, lot)?;
            store.set_evaluation_model(&stamp(actor), lot, &input)?;
        }
        Command::LockModel { file, lot, unlock, after_bids } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let lot = lot_id(&store, lot)?;
            match unlock {
                Some(reason) => store.unlock_evaluation_model(&stamp(actor), lot, &reason, after_bids)?,
                None => {
                    if let Some(warning) = store.lock_evaluation_model(&stamp(actor), lot)? {
                        eprintln!("{}: {}", messages.pick("advarsel", "warning"), warning.pick(messages));
                    }
                }
            }
        }
        Command::Bench { target } => match target {
            BenchTarget::Edit => println!("{}", bench::edit(&stamp(actor))?),
            BenchTarget::Scoring { keep } => println!("{}", bench::scoring(&stamp(actor), keep.as_deref())?),
            BenchTarget::Evaluation { runs, write_exchange } => {
                bench::evaluation(runs, write_exchange.as_deref()).map_err(Failure::invalid)?
            }
            BenchTarget::Import { dir } => bench::import::import(&dir)?,
            BenchTarget::Check { runs, keep } => {
                println!("{}", bench::check(&stamp(actor), runs, keep.as_deref())?)
            }
            BenchTarget::Report { runs, out, without_letters } => bench_report(runs, out.as_deref(), !without_letters)?,
        },
        Command::Demo { dir, stage } => {
            for path in demo::write(&dir, actor, stage)? {
                println!("{}", path.display());
            }
        }
        Command::Strategy(args) => catalogue_commands::strategy(args, &stamp(actor))?,
        Command::Catalogue(args) => catalogue_commands::catalogue(args)?,
        Command::Requirements(action) => catalogue_commands::requirements(action, &stamp(actor))?,
        Command::Rules(args) => catalogue_commands::rules(args, &stamp(actor), messages)?,
        Command::Consistency { file, lot } => catalogue_commands::consistency(&file, lot, messages)?,
        Command::Questions(action) => question_commands::questions(action, &stamp(actor), messages, document)?,
        Command::Evaluators(action) => scoring_commands::evaluators(action, &stamp(actor))?,
        Command::Score(args) => scoring_commands::score(args, &stamp(actor))?,
        Command::ScoringSheet(args) => scoring_commands::sheet(args)?,
        Command::ExportBidTemplate { file, lot, out } => {
            let store = TenderFile::open(&file, Access::ReadOnly)?;
            tenderbench::bid_workbook::export_template(&store, lot, workbook_language(document), &out)?;
            println!("{}", out.display());
        }
        Command::ImportBids { file, workbooks, lot, check: true, .. } => {
            let store = TenderFile::open(&file, Access::ReadOnly)?;
            let checked = tenderbench::bid_import::check_bids(&store, &workbooks, lot)?;
            print_diagnostics(&checked.diagnostics, messages);
            if checked.diagnostics.iter().any(|d| d.severity == Severity::Error) {
                let refusal =
                    Said::new("errors were found; nothing was saved", "der blev fundet fejl; intet blev gemt");
                return Err(Failure::Refused(refusal, ErrorCode::ImportRejected));
            }
            println!(
                "{} {}",
                checked.submissions.len(),
                messages.pick("tilbud læst og kontrolleret", "bids read and checked")
            );
        }
        Command::ImportBids { file, workbooks, lot, accept_warnings, check: false } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let stamp = stamp(actor);
            let outcome = tenderbench::bid_import::import_bids(&mut store, &stamp, &workbooks, lot, accept_warnings)?;
            report(outcome, messages)?;
        }
        Command::ExportOriginal { file, lot, bidder, out } => {
            let store = TenderFile::open(&file, Access::ReadOnly)?;
            let bid = find_bid(&store, &file, lot, &bidder)?;
            let path = file.display();
            let bytes = store.original(bid.id)?.ok_or_else(|| {
                Failure::Refused(
                    Said::new(
                        format!("{path} keeps no original of the bid from {bidder}: it was imported before tender files kept them."),
                        format!("{path} har ikke originalen af tilbuddet fra {bidder}: det blev indlæst, før udbudsfiler gemte dem."),
                    ),
                    ErrorCode::NotFound,
                )
            })?;
            write_out(&out, bytes)?;
            println!("{} ({})", out.display(), bid.source_file);
        }
        Command::Reject { file, lot, bidder, ground, reason, requested, answered, received, requirement, withdraw } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let bid = find_bid(&store, &file, lot, &bidder)?;
            let rejection = match ground {
                _ if withdraw => None,
                None => unreachable!("clap asks for --ground unless --withdraw"),
                Some(ground) => Some(Rejection {
                    ground: ground.with(requested, answered, received, requirement)?,
                    reason: reason.unwrap_or_default(),
                }),
            };
            store.set_exclusion(&stamp(actor), bid.id, rejection.as_ref())?;
            match rejection {
                Some(rejection) => println!("{}", rejection.statement(messages, &store.tender()?.authority)),
                None => println!("{}", messages.pick("Afvisningen er trukket tilbage.", "The rejection is withdrawn.")),
            }
        }
        Command::Select { file, lot, bidder, result, reason, clear } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let bid = find_bid(&store, &file, lot, &bidder)?;
            let selection = result.filter(|_| !clear).map(|result| Selection {
                qualified: result == SelectionResult::Qualified,
                reason: reason.unwrap_or_default(),
            });
            store.set_selection(&stamp(actor), bid.id, selection.as_ref())?;
            println!(
                "{}",
                match selection.map(|s| s.qualified) {
                    Some(true) => messages.pick("Egnet.", "Qualified."),
                    Some(false) => messages.pick("Ikke egnet.", "Not qualified."),
                    None => messages.pick("Resultatet er fjernet.", "The result is removed."),
                }
            );
        }
        Command::Draw { file, lot, bidder, held_on, held_by, witnesses, clear } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let lot_id = lot_id(&store, lot)?;
            let drawn = match (bidder, held_on) {
                (Some(bidder), Some(held_on)) if !clear => Some((bidder, held_on)),
                _ => None,
            };
            let Some((bidder, held_on)) = drawn else {
                store.set_draw(&stamp(actor), lot_id, None)?;
                println!("{}", messages.pick("Lodtrækningen er fjernet.", "The draw is removed."));
                return Ok(());
            };
            let rule = store.tender()?.settings.tie_break_rule;
            if rule != TieBreak::Draw {
                return Err(Failure::Refused(
                    Said::new(
                        format!(
                            "The tie-break rule of {} is {}; lots are drawn only under the rule of drawing lots.",
                            file.display(),
                            rule.describe(Lang::En)
                        ),
                        format!(
                            "Reglen ved lige point i {} er {}; der trækkes kun lod efter reglen om lodtrækning.",
                            file.display(),
                            rule.describe(Lang::Da)
                        ),
                    ),
                    ErrorCode::Validation,
                ));
            }
            let bid = find_bid(&store, &file, lot, &bidder)?;
            let tied = tenderbench::tie_break::tied(&store, lot_id)?;
            if !tied.contains(&bid.bidder) {
                let shared = if tied.is_empty() { "–".to_owned() } else { tied.join(", ") };
                return Err(Failure::Refused(
                    Said::new(
                        format!(
                            "{} does not share the first rank of lot {lot}; the tenders that do: {shared}.",
                            bid.bidder
                        ),
                        format!(
                            "{} deler ikke første plads på delaftale {lot}; de tilbud, der gør: {shared}.",
                            bid.bidder
                        ),
                    ),
                    ErrorCode::Validation,
                ));
            }
            let draw = DrawByLot {
                bidder: bid.bidder.clone(),
                held_on,
                held_by: held_by.unwrap_or_default(),
                witnesses: witnesses.unwrap_or_default(),
            };
            store.set_draw(&stamp(actor), lot_id, Some((bid.id, &draw)))?;
            println!(
                "{}",
                messages
                    .pick(&format!("Lodtrækningen valgte {}.", bid.bidder), &format!("The draw chose {}.", bid.bidder))
            );
        }
        Command::RevealPrices { file, lot, reason } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let lot_id = lot_id(&store, lot)?;
            tenderbench::price_seal::reveal(&mut store, &stamp(actor), lot_id, reason.as_deref())?;
            println!(
                "{}",
                messages.pick(
                    &format!("Priserne for delaftale {lot} er åbnet."),
                    &format!("The prices of lot {lot} are open.")
                )
            );
        }
        Command::ExportScoreSheets { file, lot, out } => {
            let store = TenderFile::open(&file, Access::ReadOnly)?;
            for path in tenderbench::score_sheet::export_score_sheets(&store, lot, workbook_language(document), &out)? {
                println!("{}", path.display());
            }
        }
        Command::ImportScores { file, workbooks, accept_warnings } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let outcome =
                tenderbench::score_sheet::import_scores(&mut store, &stamp(actor), &workbooks, accept_warnings)?;
            report(outcome, messages)?;
        }
    }
    Ok(())
}

fn workbook_language(lang: Lang) -> Language {
    match lang {
        Lang::Da => Language::Da,
        Lang::En => Language::En,
    }
}

/// Prints each diagnostic to standard error in `messages`, with its severity.
fn print_diagnostics(diagnostics: &[tenderbench::workbook::Diagnostic], messages: Lang) {
    for diagnostic in diagnostics {
        let severity = match diagnostic.severity {
            Severity::Error => messages.pick("fejl", "error"),
            _ => messages.pick("advarsel", "warning"),
        };
        eprintln!("{severity}: {}", diagnostic.said().pick(messages));
    }
}

/// Prints every diagnostic of an import to standard error in `messages` and turns a refusal into exit
/// code 4.
fn report(outcome: ImportOutcome, messages: Lang) -> Result<(), Failure> {
    let (diagnostics, refusal) = match &outcome {
        ImportOutcome::Imported { warnings } => (warnings, None),
        ImportOutcome::Rejected { diagnostics } => (
            diagnostics,
            Some(Said::new("errors were found; nothing was imported", "der blev fundet fejl; intet blev importeret")),
        ),
        ImportOutcome::NeedsConfirmation { warnings } => (
            warnings,
            Some(Said::new(
                "there are warnings; nothing was imported. Run again with --accept-warnings to import anyway",
                "der er advarsler; intet blev importeret. Kør igen med --accept-warnings for at importere alligevel",
            )),
        ),
    };
    print_diagnostics(diagnostics, messages);
    match refusal {
        Some(reason) => Err(Failure::Refused(reason, ErrorCode::ImportRejected)),
        None => {
            println!("imported");
            Ok(())
        }
    }
}

fn tender_field(name: &str) -> Result<TenderField, Failure> {
    TenderField::from_column(name).ok_or_else(|| {
        Failure::invalid(Said::new(
            format!("'{name}' is not a field of a tender."),
            format!("'{name}' er ikke et felt i et udbud."),
        ))
    })
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

fn check(file: &Path, seal: Option<&str>, messages: Lang) -> Result<(), Failure> {
    let store = TenderFile::open(file, Access::ReadOnly)?;
    let tenderbench::check::FileCheck { store: report, originals, documents } = tenderbench::check::run(&store)?;
    let mut problems: Vec<Said> = report
        .integrity_problems
        .iter()
        .map(|p| Said::new(format!("integrity: {p}"), format!("integritet: {p}")))
        .collect();
    problems.extend(report.chain.err().map(|broken| broken.said()));
    problems.extend(report.data.err().map(|broken| broken.said()));
    problems.extend(originals.breaks);
    problems.extend(documents.altered);
    let mut sealed = String::new();
    if let Some(line) = seal {
        let entries = store.audit_log()?;
        match Seal::parse(line).and_then(|seal| seal.verify(&entries).map(|()| seal)) {
            Ok(seal) => sealed = format!(", the sealed row {} is in it unchanged", seal.seq),
            Err(broken) => problems.push(broken.said()),
        }
    }
    if problems.is_empty() {
        let without = match originals.without {
            0 => String::new(),
            n => format!(", {n} imported before the file kept originals"),
        };
        let published = match documents.kept {
            0 => String::new(),
            n => format!(", {n} published tender documents match the terms"),
        };
        println!(
            "{}: ok (integrity check passed, {} audit rows verified, every table matches the change log, {} bids \
             match their original workbooks{without}{published}{sealed})",
            file.display(),
            report.audit_rows,
            originals.kept
        );
        for differ in &documents.differ {
            eprintln!("{}: {}", messages.pick("advarsel", "warning"), differ.at(file.display()).pick(messages));
        }
        return Ok(());
    }
    let problems: Vec<Said> = problems.into_iter().map(|p| p.at(file.display())).collect();
    Err(Failure::Problems(Said::lines(&problems)))
}

fn check_report(file: &Path, pdf: &Path) -> Result<(), Failure> {
    match tenderbench::report::check(file, pdf).map_err(|e| Failure::Problems(e.said().at(file.display())))? {
        Checked::Matches => println!("{}: ok (every line and number matches {})", pdf.display(), file.display()),
        Checked::Since { seal, changes } => println!(
            "{}: ok (its seal, audit row {}, is in {}; the file has {changes} later audit rows, so make the \
             document again to check its numbers against the file as it is now)",
            pdf.display(),
            seal.seq,
            file.display()
        ),
    }
    Ok(())
}

fn batch(file: &Path, actor: &str) -> Result<(), Failure> {
    let mut store = TenderFile::open(file, Access::ReadWrite)?;
    let mut out = std::io::stdout().lock();
    for (index, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| {
            Failure::Refused(
                Said::new(format!("standard input: {e}"), format!("standardinput: {e}")),
                ErrorCode::Internal,
            )
        })?;
        let (field, value) = line.split_once('\t').ok_or_else(|| {
            let line = index + 1;
            Failure::invalid(Said::new(
                format!("line {line}: expected FIELD<TAB>VALUE"),
                format!("linje {line}: forventede FELT<TAB>VÆRDI"),
            ))
        })?;
        store.set_tender_field(&stamp(actor), tender_field(field)?, value)?;
        // The acknowledgement goes out only after the commit, so every printed edit is on disk.
        writeln!(out, "saved {}", index + 1).and_then(|()| out.flush()).ok();
    }
    Ok(())
}

/// Evaluates the generated tender, builds its report and letters through the same sections as a tender
/// file's, and renders them, `runs` times; prints the median times and the sizes.
fn bench_report(runs: usize, out: Option<&Path>, with_letters: bool) -> Result<(), Failure> {
    use tenderbench::report::{pdf, synthetic, text};
    let failed = |e: pdf::PdfError| Failure::Refused(e.said(), ErrorCode::Internal);
    let median = |mut times: Vec<std::time::Duration>| {
        times.sort();
        times[times.len() / 2].as_secs_f64() * 1e3
    };
    let (mut engine_times, mut report_times, mut letter_times) = (Vec::new(), Vec::new(), Vec::new());
    let (mut size, mut pages, mut letters_size, mut letters) = (0, 0, 0, 0);
    for _ in 0..runs.max(1) {
        let started = std::time::Instant::now();
        let lot = synthetic::tender(50, 2_000);
        engine_times.push(started.elapsed());
        let started = std::time::Instant::now();
        let (bytes, count) = pdf::render_counted(&synthetic::award_report(&lot)).map_err(failed)?;
        report_times.push(started.elapsed());
        (size, pages) = (bytes.len(), count);
        if with_letters {
            let started = std::time::Instant::now();
            let rendered =
                synthetic::letters(&lot).iter().map(pdf::render).collect::<Result<Vec<_>, _>>().map_err(failed)?;
            letter_times.push(started.elapsed());
            (letters, letters_size) = (rendered.len(), rendered.iter().map(Vec::len).sum());
        }
    }
    println!("report: 50 bids × 2,000 requirements, {pages} pages, {size} bytes");
    println!(
        "engine: median {:.1} ms (evaluation and robustness with 100,000 Monte Carlo draws)",
        median(engine_times)
    );
    println!("report: median {:.1} ms over {} runs (build and render)", median(report_times), runs.max(1));
    if with_letters {
        println!("letters: {letters} letters, {letters_size} bytes in all, median {:.1} ms", median(letter_times));
    }
    if let Some(out) = out {
        let document = synthetic::award_report(&synthetic::tender(50, 2_000));
        let docx = tenderbench::tender_documents::docx::render(&document).map_err(|e| {
            Failure::Refused(tenderbench::tender_documents::DocumentsError::from(e).said(), ErrorCode::Internal)
        })?;
        std::fs::create_dir_all(out)
            .map_err(|e| Failure::Refused(WorkbookError::write(out, e).said(), ErrorCode::Internal))?;
        for (name, bytes) in [
            ("report.pdf", pdf::render(&document).map_err(failed)?),
            ("report.docx", docx),
            ("report.txt", text::render(&document).into_bytes()),
        ] {
            write_out(&out.join(name), bytes)?;
        }
        println!("wrote report.pdf, report.docx and report.txt to {}", out.display());
    }
    Ok(())
}

/// The id of the lot with this number.
fn lot_id(store: &TenderFile, number: i64) -> Result<i64, Failure> {
    store.lots()?.into_iter().find(|l| l.number == number).map(|l| l.id).ok_or_else(|| {
        let path = store.path().display();
        Failure::Refused(
            Said::new(format!("{path} has no lot {number}."), format!("{path} har ingen delaftale {number}.")),
            ErrorCode::NotFound,
        )
    })
}

/// A lot's engine input from a tender file, for printing or exporting it: refused while the lot's prices
/// are sealed, since the output would show them.
fn opened_input(store: &TenderFile, lot: i64) -> Result<EvaluationInput, Failure> {
    let id = lot_id(store, lot)?;
    if store.prices_revealed(id)?.is_none() {
        let path = store.path().display();
        return Err(Failure::Refused(
            Said::new(
                format!(
                    "The prices of lot {lot} in {path} are sealed. Open them once the panel has agreed the quality \
                     scores: tenderbench reveal-prices {path} --lot {lot}"
                ),
                format!(
                    "Priserne for delaftale {lot} i {path} er forseglet. Åbn dem, når bedømmelsesgruppen har fastlagt \
                     kvalitetsscorerne: tenderbench reveal-prices {path} --lot {lot}"
                ),
            ),
            ErrorCode::Validation,
        ));
    }
    Ok(store.evaluation_input(id)?)
}

fn read_exchange(path: &Path) -> Result<EvaluationInput, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::Refused(
            Said::new(format!("{e}"), format!("filen kunne ikke læses ({e})")).at(path.display()),
            ErrorCode::NotFound,
        )
    })?;
    exchange::parse_input(&text).map_err(|e| Failure::invalid(e.said().at(path.display())))
}

/// A tender file is recognised by its content, not its name, so a renamed file still evaluates.
fn is_tender_file(path: &Path) -> bool {
    let mut magic = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic)).is_ok()
        && &magic == b"SQLite format 3\0"
}

fn evaluate(model: &Path, lot: i64, sensitivity: bool, draws: Option<u32>, seed: Option<u64>) -> Result<(), Failure> {
    let input = if is_tender_file(model) {
        opened_input(&TenderFile::open(model, Access::ReadOnly)?, lot)?
    } else {
        read_exchange(model)?
    };
    let in_file = |e: EvaluationError| Failure::invalid(e.said().at(model.display()));
    let evaluation = Evaluation::new(&input).map_err(in_file)?;
    let sensitivity = if sensitivity {
        let mut settings = SensitivitySettings::for_input(&input);
        settings.draws = draws.unwrap_or(settings.draws);
        settings.seed = seed.unwrap_or(settings.seed);
        Some(evaluation.sensitivity(&settings).map_err(in_file)?)
    } else {
        None
    };
    let spreads = evaluation.score_spreads();
    println!("{}", exchange::write_result(&input.currency, &evaluation.result(), &spreads, sensitivity.as_ref()));
    Ok(())
}
