//! Evaluators' score sheets: one workbook per evaluator with a row per award requirement and bid, the
//! bidder's answer beside it, a points cell limited to the lot's scale and a comment cell. Prices are never
//! shown, so the quality scores are given without knowing them.
//!
//! Importing reads the sheets back as individual scores with the same diagnostics and the same all-or-
//! nothing rule as bids: any error in any sheet and nothing is written.

use crate::audit::Stamp;
use crate::bid::{Bid, Response};
use crate::locale::{Lang, Said};
use crate::panel::Evaluator;
use crate::requirement::{Requirement, RequirementKind};
use crate::store::TenderFile;
use crate::tender::Lot;
use crate::workbook::{
    Book, Diagnostic, Findings, ImportOutcome, Language, META_SHEET, NumberCell, Styles, WorkbookError, display_name,
    tender_identity, write_metadata,
};
use rust_decimal::Decimal;
use rust_xlsxwriter::{DataValidation, Workbook, XlsxError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const FORMAT: &str = "tenderbench-scores-1";

/// Score sheet columns (0-based).
const REQUIREMENT: u16 = 0;
const BIDDER: u16 = 2;
const POINTS: u16 = 5;
const COMMENT: u16 = 6;

fn sheet_name(language: Language) -> &'static str {
    language.pick("Point", "Scores")
}

/// One individual score as the store imports it: evaluator, requirement and bid ids, points (none clears
/// an earlier score) and comment.
pub type ScoreRow = (i64, i64, i64, Option<Decimal>, String);

/// What a lot's score sheets show and accept, read once from the tender file.
#[derive(Debug, Clone)]
pub struct ScoreForm {
    pub identity: String,
    pub lot: Lot,
    pub requirements: Vec<Requirement>,
    pub bids: Vec<Bid>,
    answers: HashMap<(i64, String), Response>,
    pub scale: Vec<Decimal>,
}

impl ScoreForm {
    pub fn load(store: &TenderFile, lot_number: i64) -> Result<ScoreForm, WorkbookError> {
        let lot = store
            .lots()?
            .into_iter()
            .find(|l| l.number == lot_number)
            .ok_or_else(|| WorkbookError::no_lot(lot_number))?;
        let requirements: Vec<Requirement> =
            store.requirements(lot.id)?.into_iter().filter(|r| r.text.kind == RequirementKind::Award).collect();
        let bids = store.bids(lot.id)?;
        let mut answers = HashMap::new();
        for bid in &bids {
            for response in store.responses(bid.id)? {
                answers.insert((bid.id, response.requirement_code.clone()), response);
            }
        }
        Ok(ScoreForm {
            identity: tender_identity(&store.tender()?),
            scale: store.scale_points(lot.id)?,
            lot,
            requirements,
            bids,
            answers,
        })
    }
}

/// Writes one score sheet per evaluator into `dir` and returns their paths.
pub fn export_score_sheets(
    store: &TenderFile,
    lot_number: i64,
    language: Language,
    dir: &Path,
) -> Result<Vec<PathBuf>, WorkbookError> {
    let form = ScoreForm::load(store, lot_number)?;
    if form.bids.is_empty() || form.requirements.is_empty() {
        return Err(WorkbookError::invalid(
            format!("Lot {lot_number} has no bids or no award requirements to score yet."),
            format!("Delaftale {lot_number} har endnu ingen tilbud eller ingen tildelingskrav at give point."),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| WorkbookError::write(dir, e))?;
    let mut written = Vec::new();
    for evaluator in store.evaluators()? {
        let slug: String =
            evaluator.name.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
        let path = dir.join(format!("scores-lot{lot_number}-{slug}.xlsx"));
        let bytes = score_sheet_bytes(&form, &evaluator, language).map_err(|e| {
            WorkbookError::invalid(
                format!("The score sheet could not be made: {e}"),
                format!("Pointarket kunne ikke laves: {e}"),
            )
        })?;
        std::fs::write(&path, bytes).map_err(|e| WorkbookError::write(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// The bytes of one evaluator's score sheet.
pub fn score_sheet_bytes(form: &ScoreForm, evaluator: &Evaluator, language: Language) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(language))?;
    let scale: Vec<String> = form.scale.iter().map(Decimal::to_string).collect();
    let range = format!("{}–{}", scale.first().map_or("", String::as_str), scale.last().map_or("", String::as_str));
    let headings = match language {
        Language::Da => ["Krav-id", "Krav", "Tilbudsgiver", "Svar", "Dokumentreference", "Point", "Begrundelse"],
        Language::En => ["Requirement id", "Requirement", "Bidder", "Answer", "Document reference", "Points", "Reason"],
    };
    for (column, (heading, width)) in headings.iter().zip([12, 40, 24, 40, 20, 10, 40]).enumerate() {
        let text = if column as u16 == POINTS { format!("{heading} ({range})") } else { (*heading).to_owned() };
        sheet.write_string_with_format(0, column as u16, text, &styles.heading)?;
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let mut row = 1;
    for requirement in &form.requirements {
        let title = match language {
            Language::Da => &requirement.text.title_da,
            Language::En => &requirement.text.title_en,
        };
        for bid in &form.bids {
            let answer = form.answers.get(&(bid.id, requirement.text.code.clone()));
            sheet.write_string_with_format(row, REQUIREMENT, &requirement.text.code, &styles.wrap)?;
            sheet.write_string_with_format(row, 1, title, &styles.wrap)?;
            sheet.write_string_with_format(row, BIDDER, &bid.bidder, &styles.wrap)?;
            sheet.write_string_with_format(row, 3, answer.map_or("", |a| a.value.as_str()), &styles.wrap)?;
            sheet.write_string_with_format(row, 4, answer.map_or("", |a| a.document_ref.as_str()), &styles.wrap)?;
            sheet.write_blank(row, POINTS, &styles.input)?;
            sheet.write_blank(row, COMMENT, &styles.input)?;
            row += 1;
        }
    }
    let validation = DataValidation::new().allow_list_strings(&scale)?.set_error_message(format!(
        "{} {range}.",
        language.pick("Vælg et point på skalaen", "Choose points on the scale")
    ))?;
    sheet.add_data_validation(1, POINTS, row.max(2) - 1, POINTS, &validation)?;
    sheet.protect();
    write_metadata(
        &mut workbook,
        &[
            ("format", FORMAT.to_owned()),
            ("tender", form.identity.clone()),
            ("lot", form.lot.number.to_string()),
            ("language", language.code().to_owned()),
            ("evaluator", evaluator.name.clone()),
        ],
    )?;
    workbook.save_to_buffer()
}

/// The result of reading score sheets before anything is written.
#[derive(Debug, Clone)]
pub struct ScoreCheck {
    pub scores: Vec<ScoreRow>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every score sheet; two sheets of the same evaluator for the same lot are an error.
pub fn check_scores(store: &TenderFile, paths: &[PathBuf]) -> Result<ScoreCheck, WorkbookError> {
    let mut forms: HashMap<i64, ScoreForm> = HashMap::new();
    for lot in store.lots()? {
        forms.insert(lot.number, ScoreForm::load(store, lot.number)?);
    }
    let evaluators = store.evaluators()?;
    let mut check = ScoreCheck { scores: Vec::new(), diagnostics: Vec::new() };
    let mut origins: HashMap<(i64, i64), String> = HashMap::new();
    for path in paths {
        let file = display_name(path);
        let mut findings = Findings::new(&file);
        let read = match std::fs::read(path) {
            Ok(bytes) => read_scores(&forms, &evaluators, &mut findings, &bytes),
            Err(e) => {
                findings.file_error(Said::new(
                    format!("the file cannot be read: {e}"),
                    format!("filen kan ikke læses: {e}"),
                ));
                None
            }
        };
        if let Some((lot, evaluator, scores)) = read {
            if let Some(first) = origins.insert((lot, evaluator.id), file.clone()) {
                let name = &evaluator.name;
                findings.file_error(Said::new(
                    format!("{first} is also {name}'s score sheet for lot {lot}."),
                    format!("{first} er også pointarket fra {name} til delaftale {lot}."),
                ));
            }
            check.scores.extend(scores);
        }
        check.diagnostics.extend(findings.list);
    }
    Ok(check)
}

/// Reads score sheets and, when they allow it, saves all their scores in one transaction.
pub fn import_scores(
    store: &mut TenderFile,
    stamp: &Stamp,
    paths: &[PathBuf],
    accept_warnings: bool,
) -> Result<ImportOutcome, WorkbookError> {
    let check = check_scores(store, paths)?;
    if let Some(refusal) = ImportOutcome::refusal(&check.diagnostics, accept_warnings) {
        return Ok(refusal);
    }
    store.import_individual_scores(stamp, &check.scores)?;
    Ok(ImportOutcome::Imported { warnings: check.diagnostics })
}

/// Reads one score sheet: its lot, its evaluator and its scores. Never panics, whatever the bytes.
pub fn read_score_sheet(
    forms: &HashMap<i64, ScoreForm>,
    evaluators: &[Evaluator],
    file: &str,
    bytes: &[u8],
) -> (Option<Vec<ScoreRow>>, Vec<Diagnostic>) {
    let mut findings = Findings::new(file);
    let read = read_scores(forms, evaluators, &mut findings, bytes).map(|(_, _, scores)| scores);
    (read.filter(|_| !findings.has_errors()), findings.list)
}

fn read_scores<'e>(
    forms: &HashMap<i64, ScoreForm>,
    evaluators: &'e [Evaluator],
    findings: &mut Findings,
    bytes: &[u8],
) -> Option<(i64, &'e Evaluator, Vec<ScoreRow>)> {
    let mut book = Book::open(bytes, findings)?;
    let meta = book.metadata(findings)?;
    let field = |key: &str| meta.get(key).map_or("", String::as_str);
    if field("format") != FORMAT {
        let format = field("format");
        findings.file_error(Said::new(
            format!("this is not a Tenderbench score sheet (the sheet {META_SHEET} gives the format '{format}')."),
            format!("dette er ikke et pointark fra Tenderbench (arket {META_SHEET} angiver formatet '{format}')."),
        ));
        return None;
    }
    let Some(form) = field("lot").parse::<i64>().ok().and_then(|n| forms.get(&n)) else {
        let lot = field("lot");
        findings.file_error(Said::new(
            format!("this score sheet was made for lot {lot}, which this tender does not have."),
            format!("dette pointark er dannet til delaftale {lot}, som dette udbud ikke har."),
        ));
        return None;
    };
    if field("tender") != form.identity {
        let (tender, identity) = (field("tender"), &form.identity);
        findings.file_error(Said::new(
            format!("this score sheet was made for the tender {tender}, not for {identity}."),
            format!("dette pointark er dannet til udbuddet {tender}, ikke til {identity}."),
        ));
        return None;
    }
    let Some(evaluator) = evaluators.iter().find(|e| e.name == field("evaluator")) else {
        let name = field("evaluator");
        findings.file_error(Said::new(
            format!("{name} is not an evaluator of this tender."),
            format!("{name} er ikke bedømmer i dette udbud."),
        ));
        return None;
    };
    if evaluator.declaration.is_none() {
        let name = &evaluator.name;
        findings.file_error(Said::new(
            format!("{name} has not declared whether they have a conflict of interest, and cannot score yet."),
            format!("{name} har ikke erklæret, om der er en interessekonflikt, og kan endnu ikke give point."),
        ));
    }
    let language = Language::from_code(field("language")).unwrap_or(Language::Da);
    let sheet = book.sheet(sheet_name(language), findings)?;
    sheet.check_formulas(findings);
    let requirements: HashMap<&str, i64> = form.requirements.iter().map(|r| (r.text.code.as_str(), r.id)).collect();
    let bids: HashMap<&str, i64> = form.bids.iter().map(|b| (b.bidder.as_str(), b.id)).collect();
    let mut seen: HashMap<(i64, i64), u32> = HashMap::new();
    let mut scores = Vec::new();
    for row in sheet.body() {
        let code = row.text(REQUIREMENT.into());
        let bidder = row.text(BIDDER.into());
        if code.is_empty() && bidder.is_empty() {
            continue;
        }
        let Some(&requirement_id) = requirements.get(code.as_str()) else {
            let lot = form.lot.number;
            let message = Said::new(
                format!("unknown award requirement id '{code}' in lot {lot}."),
                format!("ukendt tildelingskrav-id '{code}' i delaftale {lot}."),
            );
            findings.error(&sheet.name, (row.index, REQUIREMENT.into()), message);
            continue;
        };
        let Some(&bid_id) = bids.get(bidder.as_str()) else {
            let lot = form.lot.number;
            let message = Said::new(
                format!("{bidder} has no bid in lot {lot}."),
                format!("{bidder} har intet tilbud på delaftale {lot}."),
            );
            findings.error(&sheet.name, (row.index, BIDDER.into()), message);
            continue;
        };
        if let Some(first) = seen.insert((requirement_id, bid_id), row.index) {
            let earlier = first + 1;
            let message = Said::new(
                format!("{code} for {bidder} appears twice (also in row {earlier})."),
                format!("{code} for {bidder} står to gange (også i række {earlier})."),
            );
            findings.error(&sheet.name, (row.index, REQUIREMENT.into()), message);
            continue;
        }
        let cell = (row.index, POINTS.into());
        let points = match row.number(POINTS.into()) {
            NumberCell::Value(points) if form.scale.contains(&points) => Some(points),
            NumberCell::Value(points) => {
                // Danish decimals have a comma, so the Danish list of steps is separated by semicolons.
                let steps_en: Vec<String> = form.scale.iter().map(Decimal::to_string).collect();
                let steps_da: Vec<String> = form.scale.iter().map(|step| Lang::Da.exact(*step)).collect();
                let message = Said::new(
                    format!("{points} is not on the scale ({}).", steps_en.join(", ")),
                    format!("{} er ikke på pointskalaen ({}).", Lang::Da.exact(points), steps_da.join("; ")),
                );
                findings.error(&sheet.name, cell, message);
                None
            }
            NumberCell::Empty => {
                let message = Said::new(
                    format!("{code} for {bidder} has no points; it stays unscored."),
                    format!("{code} for {bidder} har ingen point; der gives ikke point."),
                );
                findings.warning(&sheet.name, cell, message);
                None
            }
            NumberCell::Invalid(message) => {
                findings.error(&sheet.name, cell, message);
                None
            }
            NumberCell::Reported => None,
        };
        scores.push((evaluator.id, requirement_id, bid_id, points, row.text(COMMENT.into())));
    }
    Some((form.lot.number, evaluator, scores))
}
