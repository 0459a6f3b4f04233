//! Reading filled bidder response workbooks back into submissions, with a diagnostic for every problem.
//!
//! One workbook is one bid for the lot it was made for. Rows are matched by the requirement id, price item
//! number or LCC key, never by position, so a bidder who sorts or filters the sheet loses nothing. The
//! import is all or nothing: any error in any workbook means nothing is written, and warnings must be
//! accepted before anything is written.

use crate::audit::Stamp;
use crate::bid::{LccInputs, PriceLine, Response, Subcontracting, Submission, bid_price};
use crate::bid_workbook::{
    BIDDER_CELL, BidForm, FORMAT, LCC_ROWS, SUBCONTRACTED_SHARE_CELL, SUBCONTRACTORS_CELL, lcc_column, lcc_cost_label,
    lcc_field, price_column, requirement_column, sheet_names,
};
use crate::locale::{Lang, Said};
use crate::requirement::RequirementKind;
use crate::store::TenderFile;
use crate::workbook::{
    Book, Diagnostic, Findings, ImportOutcome, Language, META_SHEET, NumberCell, Row, Sheet, WorkbookError, cell_text,
    display_name,
};
use calamine::Data;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What one workbook yielded: the submission if it could be read at all, and everything found wrong.
#[derive(Debug, Clone)]
pub struct BidReading {
    pub submission: Option<Submission>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The result of reading several workbooks before anything is written.
#[derive(Debug, Clone)]
pub struct BidCheck {
    pub submissions: Vec<Submission>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one workbook's bytes against the forms of the tender's lots. `lot`, when given, is the only lot
/// the workbook may be for. Never panics, whatever the bytes.
pub fn read_bid(forms: &[BidForm], file: &str, bytes: &[u8], lot: Option<i64>) -> BidReading {
    let mut findings = Findings::new(file);
    let submission = read(forms, &mut findings, bytes, lot);
    BidReading { submission: submission.filter(|_| !findings.has_errors()), diagnostics: findings.list }
}

/// Reads every workbook and checks them together: two workbooks of the same bidder for the same lot are
/// an error, since one would silently replace the other.
pub fn check_bids(store: &TenderFile, paths: &[PathBuf], lot: Option<i64>) -> Result<BidCheck, WorkbookError> {
    let forms = BidForm::load_all(store)?;
    let mut check = BidCheck { submissions: Vec::new(), diagnostics: Vec::new() };
    let mut origins: HashMap<(String, i64), String> = HashMap::new();
    for (path, reading) in paths.iter().zip(read_all(&forms, paths, lot)) {
        let file = display_name(path);
        check.diagnostics.extend(reading.diagnostics);
        if let Some(submission) = reading.submission {
            let key = (submission.bidder.to_lowercase(), submission.lot_number);
            if let Some(first) = origins.insert(key, file.clone()) {
                let mut findings = Findings::new(&file);
                let (bidder, lot) = (&submission.bidder, submission.lot_number);
                findings.file_error(Said::new(
                    format!("{first} is also a bid from {bidder} for lot {lot}; import one workbook per bidder and lot."),
                    format!(
                        "{first} er også et tilbud fra {bidder} på delaftale {lot}; indlæs ét regneark pr. tilbudsgiver og delaftale."
                    ),
                ));
                check.diagnostics.extend(findings.list);
            }
            check.submissions.push(submission);
        }
    }
    Ok(check)
}

/// Reads the workbooks on all cores, keeping their order.
fn read_all(forms: &[BidForm], paths: &[PathBuf], lot: Option<i64>) -> Vec<BidReading> {
    on_all_cores(paths, |path| read_path(forms, path, lot))
}

/// Applies `work` to every item, spread over all cores, and keeps the items' order: reading a workbook is
/// the slow part of an import and of `check`.
pub(crate) fn on_all_cores<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(workers).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let parts: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(work).collect::<Vec<_>>())).collect();
        // A worker that panicked is a bug, not bad data: let it surface rather than lose a result.
        parts.into_iter().flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

fn read_path(forms: &[BidForm], path: &Path, lot: Option<i64>) -> BidReading {
    let file = display_name(path);
    match std::fs::read(path) {
        Ok(bytes) => read_bid(forms, &file, &bytes, lot),
        Err(e) => {
            let mut findings = Findings::new(&file);
            findings
                .file_error(Said::new(format!("the file cannot be read: {e}"), format!("filen kan ikke læses: {e}")));
            BidReading { submission: None, diagnostics: findings.list }
        }
    }
}

/// Reads the workbooks and, when they allow it, saves every bid in one transaction. A bidder's earlier
/// bid for the same lot is replaced, and the audit log records it.
pub fn import_bids(
    store: &mut TenderFile,
    stamp: &Stamp,
    paths: &[PathBuf],
    lot: Option<i64>,
    accept_warnings: bool,
) -> Result<ImportOutcome, WorkbookError> {
    let check = check_bids(store, paths, lot)?;
    if let Some(refusal) = ImportOutcome::refusal(&check.diagnostics, accept_warnings) {
        return Ok(refusal);
    }
    store.import_submissions(stamp, &check.submissions)?;
    Ok(ImportOutcome::Imported { warnings: check.diagnostics })
}

/// Reads a workbook into a submission, or `None` when it cannot be read at all; what is wrong with it is
/// in `findings`.
pub(crate) fn read(forms: &[BidForm], findings: &mut Findings, bytes: &[u8], lot: Option<i64>) -> Option<Submission> {
    let mut book = Book::open(bytes, findings)?;
    let meta = book.metadata(findings)?;
    let field = |key: &str| meta.get(key).map_or("", String::as_str);
    if field("format") != FORMAT {
        let format = field("format");
        findings.file_error(Said::new(
            format!(
                "this is not a Tenderbench bid workbook (the sheet {META_SHEET} gives the format '{format}'); use the workbook exported for this tender."
            ),
            format!(
                "dette er ikke et tilbudsark fra Tenderbench (arket {META_SHEET} angiver formatet '{format}'); brug det regneark, der er dannet til dette udbud."
            ),
        ));
        return None;
    }
    let identity = forms.first().map(BidForm::identity).unwrap_or_default();
    if field("tender") != identity {
        let tender = field("tender");
        findings.file_error(Said::new(
            format!("this workbook was made for the tender {tender}, not for {identity}."),
            format!("dette regneark er dannet til udbuddet {tender}, ikke til {identity}."),
        ));
        return None;
    }
    let Ok(number) = field("lot").parse::<i64>() else {
        findings.file_error(Said::new(
            format!("the sheet {META_SHEET} names no lot; use the workbook exported for this tender."),
            format!("arket {META_SHEET} angiver ingen delaftale; brug det regneark, der er dannet til dette udbud."),
        ));
        return None;
    };
    if let Some(expected) = lot.filter(|&expected| expected != number) {
        findings.file_error(Said::new(
            format!("this workbook was made for lot {number}, not for lot {expected}."),
            format!("dette regneark er dannet til delaftale {number}, ikke til delaftale {expected}."),
        ));
        return None;
    }
    let Some(form) = forms.iter().find(|f| f.lot.number == number) else {
        findings.file_error(Said::new(
            format!("this workbook was made for lot {number}, which this tender does not have."),
            format!("dette regneark er dannet til delaftale {number}, som dette udbud ikke har."),
        ));
        return None;
    };
    let Some(language) = Language::from_code(field("language")) else {
        findings.file_error(Said::new(
            format!("the sheet {META_SHEET} names no language; use the workbook exported for this tender."),
            format!("arket {META_SHEET} angiver intet sprog; brug det regneark, der er dannet til dette udbud."),
        ));
        return None;
    };
    let names = sheet_names(language);
    let instructions = book.sheet(names.instructions, findings);
    // Only the requirement sheet's id and answer columns are read below, so only their text is kept.
    let requirements = {
        use requirement_column::*;
        let read_columns = [ID, COMPLIANT, VALUE, DOCUMENT, COMMENT].map(u32::from);
        book.sheet_columns(names.requirements, Some(&read_columns), findings)
    };
    let prices = book.sheet(names.prices, findings);
    let lcc = if form.lcc.is_some() { book.sheet(names.lcc, findings).map(Some) } else { Some(None) };
    for sheet in [&instructions, &requirements, &prices].into_iter().flatten().chain(lcc.iter().flatten()) {
        sheet.check_formulas(findings);
    }
    let bidder = instructions.as_ref().map(|sheet| bidder(sheet, findings));
    let subcontracting = instructions.as_ref().map(|sheet| subcontracting(sheet, findings));
    let responses = requirements.map(|sheet| read_requirements(form, &sheet, findings));
    let price_lines = prices.and_then(|sheet| read_prices(form, &sheet, findings));
    let lcc = lcc?.map(|sheet| read_lcc(form, &sheet, findings));
    let price_lines = price_lines?;
    let lcc = match lcc {
        Some(inputs) => Some(LccInputs { acquisition: bid_price(&price_lines), ..inputs? }),
        None => None,
    };
    Some(Submission {
        bidder: bidder??,
        lot_number: number,
        received_at: None,
        source_file: findings.file.clone(),
        source_sha256: hex::encode(Sha256::digest(bytes)),
        responses: responses?,
        price_lines,
        lcc,
        subcontracting: subcontracting??,
        original: Some(bytes.to_vec()),
    })
}

/// The share the bid declares it subcontracts, and to whom: `Some(None)` where both cells are empty, as in a
/// workbook made before the question was asked; `None` after an error.
fn subcontracting(sheet: &Sheet, findings: &mut Findings) -> Option<Option<Subcontracting>> {
    let subcontractors = sheet.row(SUBCONTRACTORS_CELL.0).text(SUBCONTRACTORS_CELL.1);
    let row = sheet.row(SUBCONTRACTED_SHARE_CELL.0);
    let cell = SUBCONTRACTED_SHARE_CELL;
    let share = match row.number(cell.1) {
        NumberCell::Empty if subcontractors.is_empty() => return Some(None),
        NumberCell::Empty => {
            let message = Said::new(
                "the share subcontracted is missing; the bid names subcontractors, so give their share in per cent.",
                "andelen i underentreprise mangler; tilbuddet nævner underleverandører, så angiv deres andel i procent.",
            );
            findings.error(&sheet.name, cell, message);
            return None;
        }
        NumberCell::Value(share) if share < Decimal::ZERO || share > Decimal::ONE_HUNDRED => {
            let message = Said::new(
                format!("the share subcontracted is {share} %; it must be from 0 to 100."),
                format!("andelen i underentreprise er {} %; den skal være fra 0 til 100.", Lang::Da.exact(share)),
            );
            findings.error(&sheet.name, cell, message);
            return None;
        }
        NumberCell::Value(share) => share,
        NumberCell::Invalid(message) => {
            findings.error(&sheet.name, cell, message);
            return None;
        }
        NumberCell::Reported => return None,
    };
    Some(Some(Subcontracting { share, subcontractors }))
}

fn bidder(sheet: &Sheet, findings: &mut Findings) -> Option<String> {
    let name = sheet.row(BIDDER_CELL.0).text(BIDDER_CELL.1);
    if name.is_empty() {
        findings.error(
            &sheet.name,
            BIDDER_CELL,
            Said::new(
                "the bidder's name is missing; write the company name here.",
                "tilbudsgiverens navn mangler; skriv virksomhedens navn her.",
            ),
        );
        return None;
    }
    Some(name)
}

/// Reads a yes/no answer in either language; Excel's TRUE/FALSE count too.
fn yes_no(data: &Data) -> Result<Option<bool>, Said> {
    let neither = |given: &str| {
        Said::new(
            format!("'{given}' is neither Ja/Yes nor Nej/No."),
            format!("'{given}' er hverken Ja/Yes eller Nej/No."),
        )
    };
    match data {
        Data::Empty => Ok(None),
        Data::Bool(b) => Ok(Some(*b)),
        Data::String(s) => match s.trim().to_lowercase().as_str() {
            "" => Ok(None),
            "ja" | "yes" => Ok(Some(true)),
            "nej" | "no" => Ok(Some(false)),
            other => Err(neither(other)),
        },
        other => Err(neither(&cell_text(other))),
    }
}

fn read_requirements(form: &BidForm, sheet: &Sheet, findings: &mut Findings) -> Vec<Response> {
    use requirement_column::*;
    let mut by_code: Option<HashMap<&str, usize>> = None;
    let mut seen: Vec<Option<u32>> = vec![None; form.requirements.len()];
    let mut responses = Vec::with_capacity(form.requirements.len());
    for row in sheet.body() {
        let code = row.str(ID.into());
        if code.is_empty() {
            if [COMPLIANT, VALUE, DOCUMENT, COMMENT].iter().any(|&c| !row.str(c.into()).is_empty()) {
                findings.warning(
                    &sheet.name,
                    (row.index, ID.into()),
                    Said::new(
                        "this row has answers but no requirement id; it is ignored.",
                        "rækken har svar, men intet krav-id; den springes over.",
                    ),
                );
            }
            continue;
        }
        // Bidders seldom sort the sheet, so the requirement exported in this row is tried before the index
        // of all ids, which is only built once a row is out of place.
        let exported_here = row.index as usize - 1;
        let in_place = form.requirements.get(exported_here).filter(|r| r.text.code == code).map(|_| exported_here);
        let index = in_place.or_else(|| {
            let by_code = by_code.get_or_insert_with(|| {
                form.requirements.iter().enumerate().map(|(i, r)| (r.text.code.as_str(), i)).collect()
            });
            by_code.get(code.as_ref()).copied()
        });
        let Some(index) = index else {
            findings.error(
                &sheet.name,
                (row.index, ID.into()),
                Said::new(
                    format!("unknown requirement id {code}: lot {} has no such requirement.", form.lot.number),
                    format!("ukendt krav-id {code}: delaftale {} har intet sådant krav.", form.lot.number),
                ),
            );
            continue;
        };
        if let Some(first) = seen[index] {
            findings.error(
                &sheet.name,
                (row.index, ID.into()),
                Said::new(
                    format!("the requirement id {code} appears twice (also in row {}).", first + 1),
                    format!("krav-id'et {code} står to gange (også i række {}).", first + 1),
                ),
            );
            continue;
        }
        seen[index] = Some(row.index);
        let requirement = &form.requirements[index];
        let kind = requirement.text.kind;
        let compliant = if kind == RequirementKind::Minimum {
            match yes_no(row.value(COMPLIANT.into())) {
                Ok(Some(met)) => Some(met),
                Ok(None) => {
                    findings.error(
                        &sheet.name,
                        (row.index, COMPLIANT.into()),
                        Said::new(
                            format!("minimum requirement {code} is not answered; choose Ja/Yes or Nej/No."),
                            format!("mindstekravet {code} er ikke besvaret; vælg Ja/Yes eller Nej/No."),
                        ),
                    );
                    None
                }
                Err(message) => {
                    findings.error(&sheet.name, (row.index, COMPLIANT.into()), message);
                    None
                }
            }
        } else {
            None
        };
        let value = if requirement.measure.is_some() {
            match row.number(VALUE.into()) {
                NumberCell::Value(d) => d.to_string(),
                NumberCell::Invalid(message) => {
                    findings.error(&sheet.name, (row.index, VALUE.into()), message);
                    String::new()
                }
                NumberCell::Empty | NumberCell::Reported => String::new(),
            }
        } else if row.is_error(VALUE.into()) {
            String::new()
        } else {
            row.text(VALUE.into())
        };
        if value.is_empty() && kind == RequirementKind::Award && !row.is_error(VALUE.into()) {
            findings.warning(
                &sheet.name,
                (row.index, VALUE.into()),
                Said::new(
                    format!("award requirement {code} is not answered; it will be scored as unanswered."),
                    format!("tildelingskravet {code} er ikke besvaret; det bedømmes som ubesvaret."),
                ),
            );
        }
        responses.push(Response {
            requirement_code: requirement.text.code.clone(),
            compliant,
            value,
            document_ref: row.text(DOCUMENT.into()),
            comment: row.text(COMMENT.into()),
        });
    }
    for (requirement, _) in form.requirements.iter().zip(&seen).filter(|(_, row)| row.is_none()) {
        let code = &requirement.text.code;
        let message = Said::new(
            format!("requirement {code} is missing from the sheet."),
            format!("kravet {code} mangler i arket."),
        );
        if requirement.text.kind == RequirementKind::Minimum {
            findings.sheet_error(&sheet.name, message);
        } else {
            findings.sheet_warning(&sheet.name, message);
        }
    }
    responses
}

/// Reads a non-negative amount, reporting text, negative numbers and, if `required`, empty cells. `what`
/// names the amount in English and Danish, with its article: "the unit price of item 2", "enhedsprisen
/// for post 2".
fn amount(row: Row, column: u16, what: &Said, required: bool, findings: &mut Findings) -> Option<Decimal> {
    let cell = (row.index, column.into());
    let Said { en, da } = what;
    match row.number(column.into()) {
        NumberCell::Value(d) if d.is_sign_negative() && !d.is_zero() => {
            let message = Said::new(
                format!("{en} is negative ({d}); it must be 0 or more."),
                format!("{da} er negativ ({}); den skal være 0 eller mere.", Lang::Da.exact(d)),
            );
            findings.error(row.sheet, cell, message);
            None
        }
        NumberCell::Value(d) => Some(d),
        NumberCell::Empty if required => {
            findings.error(row.sheet, cell, Said::new(format!("{en} is missing."), format!("{da} mangler.")));
            None
        }
        NumberCell::Empty => {
            let message = Said::new(format!("{en} is empty and is read as 0."), format!("{da} er tom og læses som 0."));
            findings.warning(row.sheet, cell, message);
            Some(Decimal::ZERO)
        }
        NumberCell::Invalid(message) => {
            findings.error(row.sheet, cell, message);
            None
        }
        NumberCell::Reported => None,
    }
}

fn read_prices(form: &BidForm, sheet: &Sheet, findings: &mut Findings) -> Option<Vec<PriceLine>> {
    use price_column::*;
    let by_number: HashMap<String, usize> =
        form.price_items.iter().enumerate().map(|(i, item)| (item.position.to_string(), i)).collect();
    let mut lines: Vec<Option<(u32, Option<PriceLine>)>> = vec![None; form.price_items.len()];
    for row in sheet.body() {
        let number = row.text(NUMBER.into());
        if number.is_empty() {
            continue;
        }
        let Some(&index) = by_number.get(&number) else {
            let message =
                Said::new(format!("unknown price item number {number}."), format!("ukendt postnummer {number}."));
            findings.error(&sheet.name, (row.index, NUMBER.into()), message);
            continue;
        };
        if let Some((first, _)) = lines[index] {
            findings.error(
                &sheet.name,
                (row.index, NUMBER.into()),
                Said::new(
                    format!("the price item number {number} appears twice (also in row {}).", first + 1),
                    format!("postnummeret {number} står to gange (også i række {}).", first + 1),
                ),
            );
            continue;
        }
        let item = &form.price_items[index];
        let what = Said::new(format!("the unit price of item {number}"), format!("enhedsprisen for post {number}"));
        let unit_price = amount(row, UNIT_PRICE, &what, true, findings);
        lines[index] = Some((
            row.index,
            unit_price.map(|unit_price| PriceLine { item: item.item.clone(), quantity: item.quantity, unit_price }),
        ));
    }
    let mut complete = Vec::with_capacity(lines.len());
    for (item, line) in form.price_items.iter().zip(lines) {
        match line {
            Some((_, line)) => complete.push(line),
            None => {
                let number = item.position;
                let message = Said::new(
                    format!("price item {number} is missing from the sheet."),
                    format!("post {number} mangler i arket."),
                );
                findings.sheet_error(&sheet.name, message);
                complete.push(None);
            }
        }
    }
    complete.into_iter().collect()
}

fn read_lcc(form: &BidForm, sheet: &Sheet, findings: &mut Findings) -> Option<LccInputs> {
    use lcc_column::*;
    let costs = form.lcc.as_ref().map_or(&[][..], |l| l.costs.as_slice());
    let mut inputs = LccInputs::default();
    let mut found = [false; LCC_ROWS.len()];
    let mut found_costs = vec![false; costs.len()];
    let mut complete = true;
    for row in sheet.body() {
        let key = row.text(KEY.into());
        if let Some(index) = LCC_ROWS.iter().position(|(k, ..)| *k == key) {
            found[index] = true;
            let (_, da, en, ..) = LCC_ROWS[index];
            let label = Said::new(format!("the {}", en.to_lowercase()), format!("'{da}'"));
            match amount(row, VALUE, &label, false, findings) {
                Some(value) => {
                    if let Some(field) = lcc_field(&mut inputs, &key) {
                        *field = value;
                    }
                }
                None => complete = false,
            }
        } else if let Some(index) = costs.iter().position(|c| c.id == key) {
            // An announced cost line must be answered: an empty cell would silently price it at nothing.
            found_costs[index] = true;
            let cost = &costs[index];
            let label = Said::new(
                format!("the cost line {key}, {},", lcc_cost_label(cost, Lang::En)),
                format!("omkostningslinjen {key}, {},", lcc_cost_label(cost, Lang::Da)),
            );
            match amount(row, VALUE, &label, true, findings) {
                Some(value) => {
                    inputs.costs.insert(key.as_str(), value);
                }
                None => complete = false,
            }
        }
    }
    let missing = LCC_ROWS.iter().zip(found).map(|((key, ..), found)| (*key, found));
    let missing_costs = costs.iter().zip(found_costs).map(|(cost, found)| (cost.id.as_str(), found));
    for (key, _) in missing.chain(missing_costs).filter(|(_, found)| !found) {
        findings.sheet_error(
            &sheet.name,
            Said::new(format!("the row {key} is missing from the sheet."), format!("rækken {key} mangler i arket.")),
        );
        complete = false;
    }
    complete.then_some(inputs)
}
