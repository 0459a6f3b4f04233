//! The commands of the scoring step: the panel, scores, and the scoring sheet.

use crate::{Failure, lot_id};
use clap::{Args, Subcommand};
use rust_decimal::Decimal;
use std::path::PathBuf;
use tenderbench::audit::Stamp;
use tenderbench::evaluation::display::round_points;
use tenderbench::panel::Declaration;
use tenderbench::scoring::{ScoreEdit, ScoringSession, SheetFilter, Totals};
use tenderbench::store::{Access, StoreError, TenderFile};

#[derive(Subcommand)]
pub enum EvaluatorsAction {
    /// Register an evaluator with their role in the panel.
    Add {
        file: PathBuf,
        name: String,
        #[arg(long, default_value = "")]
        role: String,
    },
    /// Record an evaluator's declaration under Udbudsloven § 4: no conflict of interest, or (with
    /// --conflict and --measure) the conflict and the measure taken.
    Declare {
        file: PathBuf,
        name: String,
        #[arg(long, requires = "measure")]
        conflict: Option<String>,
        #[arg(long, requires = "conflict")]
        measure: Option<String>,
    },
    /// List the panel with their declarations.
    List { file: PathBuf },
}

#[derive(Args)]
pub struct ScoreArgs {
    file: PathBuf,
    #[arg(long, default_value_t = 1)]
    lot: i64,
    /// The award requirement's code.
    #[arg(long)]
    requirement: String,
    /// The bidder's name.
    #[arg(long)]
    bid: String,
    /// The evaluator giving an individual score.
    #[arg(long, required_unless_present = "consensus", conflicts_with = "consensus")]
    evaluator: Option<String>,
    /// Set the panel's consensus score instead.
    #[arg(long)]
    consensus: bool,
    /// The points on the lot's scale; leave out with --clear.
    #[arg(required_unless_present = "clear", conflicts_with = "clear")]
    points: Option<Decimal>,
    /// Clear the score: a blank score is missing, not zero.
    #[arg(long)]
    clear: bool,
    /// The consensus justification, or the evaluator's comment.
    #[arg(long, default_value = "")]
    justification: String,
}

#[derive(Args)]
pub struct SheetArgs {
    file: PathBuf,
    #[arg(long, default_value_t = 1)]
    lot: i64,
    /// Only requirements scored under this criterion or sub-criterion.
    #[arg(long)]
    criterion: Option<String>,
    /// Only requirements where the evaluators disagree.
    #[arg(long)]
    disagreements: bool,
    /// Only requirements with a missing score.
    #[arg(long)]
    missing: bool,
}

pub fn evaluators(action: EvaluatorsAction, stamp: &Stamp) -> Result<(), Failure> {
    match action {
        EvaluatorsAction::Add { file, name, role } => {
            TenderFile::open(&file, Access::ReadWrite)?.add_evaluator(stamp, &name, &role)?;
        }
        EvaluatorsAction::Declare { file, name, conflict, measure } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let evaluator = store
                .evaluators()?
                .into_iter()
                .find(|e| e.name == name)
                .ok_or_else(|| StoreError::no_evaluator_named(&name))?;
            let declaration = match conflict.zip(measure) {
                Some((description, measure)) => Declaration::Conflict { description, measure },
                None => Declaration::NoConflict,
            };
            store.declare(stamp, evaluator.id, &declaration)?;
        }
        EvaluatorsAction::List { file } => {
            for e in TenderFile::open(&file, Access::ReadOnly)?.evaluators()? {
                let declared = match &e.declaration {
                    None => "not declared yet".to_owned(),
                    Some(Declaration::NoConflict) => "no conflict of interest".to_owned(),
                    Some(Declaration::Conflict { description, measure }) => {
                        format!("conflict: {description}; measure: {measure}")
                    }
                };
                println!("{:<24} {:<24} {declared}", e.name, e.role);
            }
        }
    }
    Ok(())
}

pub fn score(args: ScoreArgs, stamp: &Stamp) -> Result<(), Failure> {
    let mut store = TenderFile::open(&args.file, Access::ReadWrite)?;
    let mut session = ScoringSession::open(&store, lot_id(&store, args.lot)?)?;
    let (requirement_id, bid_id) = session.find(&args.requirement, &args.bid)?;
    let edit = match &args.evaluator {
        Some(name) => ScoreEdit::Individual {
            evaluator_id: session.evaluator(name)?,
            requirement_id,
            bid_id,
            points: args.points,
            comment: args.justification,
        },
        None => ScoreEdit::Consensus { requirement_id, bid_id, points: args.points, justification: args.justification },
    };
    session.apply(&mut store, stamp, &edit)?;
    print_totals(&session.totals());
    Ok(())
}

pub fn sheet(args: SheetArgs) -> Result<(), Failure> {
    let store = TenderFile::open(&args.file, Access::ReadOnly)?;
    let sheet = ScoringSession::open(&store, lot_id(&store, args.lot)?)?.sheet();
    let filter =
        SheetFilter { criterion: args.criterion, only_disagreements: args.disagreements, only_missing: args.missing };
    let shown = |points: Option<Decimal>| points.map_or("-".to_owned(), |p| round_points(p).normalize().to_string());
    for index in sheet.filter(&filter) {
        let row = &sheet.rows[index];
        println!("{} [{}] {}", row.code, row.criterion, row.title_da);
        if let Some(m) = &row.measure {
            println!("  measured: {} gives {} points, {} gives {}", m.worst, sheet.scale.min, m.best, sheet.scale.max);
        }
        for (bid, cell) in sheet.bids.iter().zip(&row.cells) {
            let individual: Vec<String> = cell.individual.iter().map(|s| shown(*s)).collect();
            let flag = if cell.spread.as_ref().is_some_and(|s| s.disagreement) { "  DISAGREEMENT" } else { "" };
            let value = cell.value.map(|v| format!("value {v} → {}", shown(cell.measured_points))).unwrap_or_default();
            println!(
                "  {:<24} consensus {:<6} individual [{}]{value}{flag}  {}",
                bid.bidder,
                shown(cell.consensus),
                individual.join(" "),
                cell.justification
            );
        }
    }
    for bid in sheet.compliance.iter().filter(|c| !c.admissible) {
        println!("rejected {}: {}", bid.bidder, bid.exclusion_reasons.join("; "));
    }
    print_totals(&sheet.totals);
    Ok(())
}

fn print_totals(totals: &Totals) {
    match totals {
        Totals::Ranked { ranking, quality_only, .. } => {
            if *quality_only {
                println!("prices sealed: quality points only");
            }
            for bid in ranking {
                println!("{}. {} {}", bid.rank, bid.bid, round_points(bid.total).normalize());
            }
        }
        Totals::Incomplete { problems } => {
            let first = problems.first().map(|p| p.message_en.as_str()).unwrap_or_default();
            println!("no totals yet: {} problem(s), first: {first}", problems.len());
        }
    }
}
