//! The commands of the first two steps: the category strategy, the catalogues, and a lot's requirements.

use crate::{Failure, lot_id};
use clap::{Args, Subcommand};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tenderbench::audit::Stamp;
use tenderbench::catalogue::{self, Area, Catalogue, CatalogueError, Category, Filter, Template, Track, xlsx};
use tenderbench::error::ErrorCode;
use tenderbench::locale::{Lang, Said};
use tenderbench::requirement::{Requirement, RequirementKind};
use tenderbench::store::{Access, TenderFile};
use tenderbench::strategy::{self, Decision, Questionnaire};

impl From<CatalogueError> for Failure {
    fn from(e: CatalogueError) -> Self {
        Failure::Refused(e.said(), e.code())
    }
}

#[derive(Args)]
pub struct StrategyArgs {
    file: PathBuf,
    /// Answer one question, e.g. --set market.concentration 4 (an empty VALUE clears the answer).
    #[arg(long, num_args = 2, value_names = ["QUESTION", "VALUE"])]
    set: Option<Vec<String>>,
    /// The reason for the answer; a screening of a requirement type needs one.
    #[arg(long, default_value = "")]
    reason: String,
}

#[derive(Args)]
pub struct RulesArgs {
    file: PathBuf,
    #[arg(long)]
    lot: i64,
    /// Accept the proposal with this id (as the list shows it): its changes are made to the model.
    #[arg(long, conflicts_with = "reject")]
    accept: Option<String>,
    /// Reject the proposal with this id; it is not proposed again.
    #[arg(long, requires = "reason")]
    reject: Option<String>,
    /// The reason for the decision, kept with it.
    #[arg(long, default_value = "")]
    reason: String,
}

#[derive(Args)]
pub struct CatalogueArgs {
    /// A personal catalogue file to use instead of the built-in catalogue.
    #[arg(long, global = true)]
    catalogue: Option<PathBuf>,
    #[command(subcommand)]
    action: CatalogueAction,
}

#[derive(Subcommand)]
enum CatalogueAction {
    /// List the templates, optionally filtered.
    List(Filters),
    /// List the templates whose id, titles, texts or source contain every word of TEXT (Danish or English).
    Search {
        text: String,
        #[command(flatten)]
        filters: Filters,
    },
    /// Print one template in full.
    Show { id: String },
    /// Write the catalogue to an .xlsx workbook, one row per template.
    Export { out: PathBuf },
    /// Check an .xlsx catalogue; with --into, add its templates to a personal catalogue file.
    Import {
        input: PathBuf,
        #[arg(long)]
        into: Option<PathBuf>,
    },
    /// Save a requirement of a tender to a personal catalogue file (created if missing) for reuse.
    Save {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
        code: String,
        #[arg(long)]
        into: PathBuf,
        /// The template id in the personal catalogue.
        #[arg(long)]
        id: String,
        #[arg(long, required = true, value_parser = code::<Category>)]
        category: Vec<Category>,
    },
}

#[derive(Args)]
struct Filters {
    #[arg(long, value_parser = code::<Area>)]
    area: Option<Area>,
    #[arg(long, value_parser = code::<RequirementKind>)]
    kind: Option<RequirementKind>,
    #[arg(long, value_parser = code::<Category>)]
    category: Option<Category>,
    #[arg(long, value_parser = code::<Track>)]
    track: Option<Track>,
}

#[derive(Subcommand)]
pub enum RequirementsAction {
    /// Fill a catalogue template into a lot under the lot's next code (K-001, K-002, ...).
    Add {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
        template: String,
        /// A parameter value, e.g. --param years=7; repeat for several.
        #[arg(long = "param", value_parser = parameter)]
        params: Vec<(String, String)>,
        /// A personal catalogue file to take the template from instead of the built-in catalogue.
        #[arg(long)]
        catalogue: Option<PathBuf>,
    },
    /// List a lot's requirements in order.
    List {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
    },
    /// Remove a lot's requirement by its code.
    Remove {
        file: PathBuf,
        #[arg(long)]
        lot: i64,
        code: String,
    },
}

fn code<T: serde::de::DeserializeOwned>(value: &str) -> Result<T, String> {
    catalogue::parse_code(value).ok_or_else(|| format!("'{value}' is not one of the known codes"))
}

fn parameter(value: &str) -> Result<(String, String), String> {
    let (name, value) = value.split_once('=').ok_or("expected NAME=VALUE")?;
    Ok((name.trim().to_owned(), value.to_owned()))
}

fn chosen_catalogue(path: Option<&Path>) -> Result<Catalogue, Failure> {
    Ok(match path {
        Some(path) => Catalogue::load(path)?,
        None => Catalogue::builtin().clone(),
    })
}

pub fn strategy(args: StrategyArgs, stamp: &Stamp) -> Result<(), Failure> {
    let questionnaire = Questionnaire::builtin();
    if let Some([question, value]) = args.set.as_deref() {
        let value = questionnaire.check_answer(question, value, &args.reason).map_err(Failure::invalid)?;
        let mut store = TenderFile::open(&args.file, Access::ReadWrite)?;
        store.set_strategy_answer(stamp, question, &value, &args.reason, &questionnaire.version)?;
        println!("saved {question} = {value}");
        return Ok(());
    }
    let answers = TenderFile::open(&args.file, Access::ReadOnly)?.strategy_answers()?;
    println!("Kategoristrategi (spørgeskema {})", questionnaire.version);
    for section in &questionnaire.sections {
        println!("\n{}", section.title_da);
        for question in &section.questions {
            let answer = answers.iter().find(|a| a.question_id == question.id);
            let shown = answer.map_or("-".to_owned(), |a| question.display_da(&a.value));
            println!("  {:<36} {}: {shown}", question.id, question.text_da);
            if let Some(answer) = answer.filter(|a| !a.reason.is_empty()) {
                println!("  {:<36}   begrundelse: {}", "", answer.reason);
            }
        }
    }
    println!();
    match strategy::kraljic(questionnaire, &answers) {
        Some(p) => println!(
            "Kraljic: forsyningsrisiko {:.2}, økonomisk betydning {:.2} -> {}",
            p.supply_risk,
            p.profit_impact,
            p.quadrant.label_da()
        ),
        None => println!("Kraljic: besvar mindst ét spørgsmål om forsyningsrisiko og ét om økonomisk betydning"),
    }
    match strategy::suggested_weights(questionnaire, &answers) {
        Some(weights) => {
            let parts: Vec<String> =
                weights.iter().map(|w| format!("{} {} %", w.objective.label_da(), w.weight)).collect();
            println!("Foreslåede vægte: {}", parts.join(", "));
        }
        None => println!("Foreslåede vægte: vurdér alle fire målsætninger"),
    }
    let proposals = strategy::proposals(questionnaire, &answers, Catalogue::builtin());
    println!("Foreslåede krav: {}", proposals.len());
    for proposal in proposals {
        let title = Catalogue::builtin().template(&proposal.template_id).map_or("", |t| t.title_da.as_str());
        let decision = proposal.decision.map_or("".to_owned(), |d| format!(" [{}]", catalogue::code_of(&d)));
        println!(
            "  {:<8} {:<11} {:<24} {title}{decision}",
            proposal.template_id,
            proposal.kind.code(),
            proposal.requirement_type
        );
    }
    Ok(())
}

fn print_list(templates: &[&Template]) {
    for t in templates {
        println!("{:<8} {:<11} {:<15} {}", t.id, t.kind.code(), catalogue::code_of(&t.area), t.title_da);
    }
    println!("{} templates", templates.len());
}

pub fn catalogue(args: CatalogueArgs) -> Result<(), Failure> {
    let filter =
        |text: String, f: Filters| Filter { text, area: f.area, kind: f.kind, category: f.category, track: f.track };
    match args.action {
        CatalogueAction::List(filters) => {
            print_list(&chosen_catalogue(args.catalogue.as_deref())?.search(&filter(String::new(), filters)))
        }
        CatalogueAction::Search { text, filters } => {
            print_list(&chosen_catalogue(args.catalogue.as_deref())?.search(&filter(text, filters)))
        }
        CatalogueAction::Show { id } => {
            let catalogue = chosen_catalogue(args.catalogue.as_deref())?;
            let template = catalogue.template(&id).ok_or_else(|| {
                let said = Said::new(format!("There is no template {id}."), format!("Der findes ingen skabelon {id}."));
                Failure::Refused(said, ErrorCode::NotFound)
            })?;
            println!("{}", serde_json::to_string_pretty(template).unwrap_or_default());
        }
        CatalogueAction::Export { out } => {
            let catalogue = chosen_catalogue(args.catalogue.as_deref())?;
            xlsx::export(&catalogue, &out)?;
            println!("{} ({} templates, version {})", out.display(), catalogue.templates.len(), catalogue.version);
        }
        CatalogueAction::Import { input, into } => {
            let imported = xlsx::import(&input)?;
            println!("{}: {} templates, all valid", input.display(), imported.templates.len());
            if let Some(into) = into {
                let mut personal = personal(&into, &imported.name)?;
                personal.put(imported.templates);
                personal.save(&into)?;
                println!(
                    "{} now holds {} templates (version {})",
                    into.display(),
                    personal.templates.len(),
                    personal.version
                );
            }
        }
        CatalogueAction::Save { file, lot, code, into, id, category } => {
            let store = TenderFile::open(&file, Access::ReadOnly)?;
            let requirement = find(&store.requirements(lot_id(&store, lot)?)?, &code)?;
            let mut personal = personal(&into, "Mit katalog")?;
            personal.put(vec![Template::from_requirement(&id, &requirement.text, category)?]);
            personal.save(&into)?;
            println!("saved {code} as {id} in {} (version {})", into.display(), personal.version);
        }
    }
    Ok(())
}

/// The personal catalogue at `path`, or a new one if there is no such file yet.
fn personal(path: &Path, name: &str) -> Result<Catalogue, Failure> {
    if path.exists() { Ok(Catalogue::load(path)?) } else { Ok(Catalogue::personal(name)) }
}

fn find(requirements: &[Requirement], code: &str) -> Result<Requirement, Failure> {
    requirements.iter().find(|r| r.text.code == code).cloned().ok_or_else(|| {
        let said =
            Said::new(format!("The lot has no requirement {code}."), format!("Delaftalen har intet krav {code}."));
        Failure::Refused(said, ErrorCode::NotFound)
    })
}

pub fn requirements(action: RequirementsAction, stamp: &Stamp) -> Result<(), Failure> {
    match action {
        RequirementsAction::Add { file, lot, template, params, catalogue } => {
            let catalogue = chosen_catalogue(catalogue.as_deref())?;
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let lot = lot_id(&store, lot)?;
            let values: BTreeMap<String, String> = params.into_iter().collect();
            let added = catalogue::add_to_lot(&mut store, stamp, lot, &catalogue, &template, &values)?;
            println!("{} {}", added.text.code, added.text.title_da);
        }
        RequirementsAction::List { file, lot } => {
            let store = TenderFile::open(&file, Access::ReadOnly)?;
            for r in store.requirements(lot_id(&store, lot)?)? {
                let origin = match (&r.text.template_id, &r.text.catalogue_version) {
                    (Some(t), Some(v)) => format!(" ({t}, katalog {v})"),
                    _ => String::new(),
                };
                println!(
                    "{:<6} {:<11} {:<15} {}{origin}",
                    r.text.code,
                    r.text.kind.code(),
                    r.text.area,
                    r.text.title_da
                );
            }
        }
        RequirementsAction::Remove { file, lot, code } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let requirement = find(&store.requirements(lot_id(&store, lot)?)?, &code)?;
            store.remove_requirement(stamp, requirement.id)?;
            println!("removed {code} {}", requirement.text.title_da);
        }
    }
    Ok(())
}

pub fn rules(args: RulesArgs, stamp: &Stamp, lang: Lang) -> Result<(), Failure> {
    let decided = match (args.accept, args.reject) {
        (Some(id), _) => Some((id, Decision::Accepted)),
        (None, Some(id)) => Some((id, Decision::Rejected)),
        (None, None) => None,
    };
    let access = if decided.is_some() { Access::ReadWrite } else { Access::ReadOnly };
    let mut store = TenderFile::open(&args.file, access)?;
    let lot = lot_id(&store, args.lot)?;
    let proposals = store.template_rules(lot)?;
    let Some((id, decision)) = decided else {
        if proposals.is_empty() {
            println!("{}", lang.pick("Skabelonerne foreslår intet.", "The templates propose nothing."));
        }
        for proposal in proposals {
            println!("{:<24} {:<8} {}", proposal.id, proposal.template_id, proposal.said.pick(lang));
        }
        return Ok(());
    };
    let proposal = proposals.into_iter().find(|p| p.id == id).ok_or_else(|| {
        Failure::Refused(
            Said::new(
                format!("Lot {} has no open proposal {id}; `tenderbench rules` lists them.", args.lot),
                format!("Delaftale {} har intet åbent forslag {id}; `tenderbench rules` viser dem.", args.lot),
            ),
            ErrorCode::NotFound,
        )
    })?;
    store.decide_template_rule(stamp, lot, &proposal, decision, &args.reason)?;
    println!(
        "{} {id}",
        match decision {
            Decision::Accepted => lang.pick("Accepteret:", "Accepted:"),
            Decision::Rejected => lang.pick("Afvist:", "Rejected:"),
        }
    );
    Ok(())
}

pub fn consistency(file: &Path, only: Option<i64>, lang: Lang) -> Result<(), Failure> {
    let store = TenderFile::open(file, Access::ReadOnly)?;
    let mut found = 0;
    for lot in store.lots()?.into_iter().filter(|l| only.is_none_or(|n| n == l.number)) {
        for finding in store.consistency(lot.id)? {
            found += 1;
            println!("{}\n  {} {}", finding.problem.pick(lang), lang.pick("Løsning:", "Fix:"), finding.fix.pick(lang));
        }
    }
    if found == 0 {
        println!("{}", lang.pick("Ingen fund.", "Nothing found."));
    }
    Ok(())
}
