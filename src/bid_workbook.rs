//! The bidder response workbook: what a lot asks of bidders, written as an Excel workbook they fill in.
//!
//! Sheets: instructions (with the bidder's name), requirements, prices and, where the lot's evaluation
//! model uses life-cycle cost, the LCC inputs; plus the hidden Tenderbench sheet naming the tender, lot and
//! format. Fixed cells are locked by sheet protection without a password (it guards against slips, not
//! against intent); input cells are unlocked, yellow and validated. Rows are matched on import by the
//! requirement id, price item number or LCC key in their first column, never by position.

use crate::bid::{LccInputs, PriceItem, Submission, bid_price};
use crate::evaluation::{LccCost, LccCostBasis, LccParameters, units_in_total};
use crate::locale::Lang;
use crate::requirement::{Requirement, RequirementKind};
use crate::store::TenderFile;
use crate::tender::{Lot, Tender};
use crate::workbook::{Language, Styles, WorkbookError, non_negative, tender_identity, write_metadata};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DataValidation, Formula, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// The format written into the hidden sheet; the import refuses other formats.
pub(crate) const FORMAT: &str = "tenderbench-bid-1";

/// The 0-based cell of the bidder's name on the instruction sheet.
pub(crate) const BIDDER_CELL: (u32, u32) = (8, 1);

/// The 0-based cells, on the instruction sheet, of the share of the contract the bidder intends to
/// subcontract (per cent) and of the subcontractors it names.
pub(crate) const SUBCONTRACTED_SHARE_CELL: (u32, u32) = (9, 1);
pub(crate) const SUBCONTRACTORS_CELL: (u32, u32) = (10, 1);

/// Requirement sheet columns (0-based).
pub(crate) mod requirement_column {
    pub const ID: u16 = 0;
    pub const KIND: u16 = 3;
    pub const COMPLIANT: u16 = 5;
    pub const VALUE: u16 = 6;
    pub const DOCUMENT: u16 = 7;
    pub const COMMENT: u16 = 8;
}

/// Price sheet columns (0-based).
pub(crate) mod price_column {
    pub const NUMBER: u16 = 0;
    pub const QUANTITY: u16 = 3;
    pub const UNIT_PRICE: u16 = 4;
    pub const TOTAL: u16 = 5;
}

/// LCC sheet columns (0-based): a hidden key, then label, unit and the value the bidder gives.
pub(crate) mod lcc_column {
    pub const KEY: u16 = 0;
    pub const VALUE: u16 = 3;
}

/// The fixed LCC inputs a bidder gives, by key, with Danish and English labels, units and whether the engine
/// reads the amount per unit (and multiplies it by the lot's quantity) or in total for all units. The
/// acquisition cost is the price sheet's total and is not asked again.
pub(crate) const LCC_ROWS: [(&str, &str, &str, &str, LccCostBasis); 6] = [
    ("energy_kwh_per_year", "Energiforbrug pr. år", "Energy use per year", "kWh", LccCostBasis::Unit),
    (
        "maintenance_per_year",
        "Vedligehold og service pr. år",
        "Maintenance and service per year",
        "kr.",
        LccCostBasis::Total,
    ),
    ("consumables_per_year", "Forbrugsvarer pr. år", "Consumables per year", "kr.", LccCostBasis::Total),
    ("other_per_year", "Øvrige driftsomkostninger pr. år", "Other running costs per year", "kr.", LccCostBasis::Total),
    ("end_of_life_cost", "Omkostninger ved bortskaffelse", "End-of-life cost", "kr.", LccCostBasis::Total),
    ("take_back_value", "Tilbagetagningsværdi (modregnes)", "Take-back value (deducted)", "kr.", LccCostBasis::Total),
];

/// A fixed row's unit as the bidder reads it: "kWh pr. enhed" or "kr. i alt for 4 enheder".
pub(crate) fn lcc_row_unit(unit: &str, basis: LccCostBasis, lang: Lang, quantity: Decimal) -> String {
    match basis {
        LccCostBasis::Unit => format!("{unit} {}", lang.pick("pr. enhed", "per unit")),
        LccCostBasis::Total => format!("{unit} {}", units_in_total(lang, quantity)),
    }
}

/// An announced cost line's label in the workbook: its name with the years it falls in.
pub(crate) fn lcc_cost_label(cost: &LccCost, lang: Lang) -> String {
    format!("{} ({})", cost.name(lang), cost.years_text(lang))
}

pub(crate) fn lcc_field<'a>(inputs: &'a mut LccInputs, key: &str) -> Option<&'a mut Decimal> {
    Some(match key {
        "energy_kwh_per_year" => &mut inputs.energy_kwh_per_year,
        "maintenance_per_year" => &mut inputs.maintenance_per_year,
        "consumables_per_year" => &mut inputs.consumables_per_year,
        "other_per_year" => &mut inputs.other_per_year,
        "end_of_life_cost" => &mut inputs.end_of_life_cost,
        "take_back_value" => &mut inputs.take_back_value,
        _ => return None,
    })
}

pub(crate) struct SheetNames {
    pub instructions: &'static str,
    pub requirements: &'static str,
    pub prices: &'static str,
    pub lcc: &'static str,
}

pub(crate) fn sheet_names(language: Language) -> SheetNames {
    SheetNames {
        instructions: language.pick("Vejledning", "Instructions"),
        requirements: language.pick("Krav", "Requirements"),
        prices: language.pick("Priser", "Prices"),
        lcc: "LCC",
    }
}

/// Everything a lot asks of a bidder, read once from the tender file for writing and checking workbooks.
#[derive(Debug, Clone)]
pub struct BidForm {
    pub tender: Tender,
    pub lot: Lot,
    pub requirements: Vec<Requirement>,
    pub price_items: Vec<PriceItem>,
    /// The lot's life-cycle cost parameters, when its model uses life-cycle cost: the workbook then asks for
    /// the LCC inputs, says per unit or in total against the quantity, and asks for each announced cost line.
    pub lcc: Option<LccParameters>,
}

impl BidForm {
    pub fn load(store: &TenderFile, lot_number: i64) -> Result<BidForm, WorkbookError> {
        let lot = store
            .lots()?
            .into_iter()
            .find(|l| l.number == lot_number)
            .ok_or_else(|| WorkbookError::no_lot(lot_number))?;
        Ok(BidForm {
            tender: store.tender()?,
            requirements: store.requirements(lot.id)?,
            price_items: store.price_items(lot.id)?,
            lcc: store.lcc_parameters(lot.id)?,
            lot,
        })
    }

    /// The forms of every lot of the tender.
    pub fn load_all(store: &TenderFile) -> Result<Vec<BidForm>, WorkbookError> {
        store.lots()?.iter().map(|lot| BidForm::load(store, lot.number)).collect()
    }

    pub(crate) fn identity(&self) -> String {
        tender_identity(&self.tender)
    }
}

/// Writes the empty bidder response workbook of a lot.
pub fn export_template(
    store: &TenderFile,
    lot_number: i64,
    language: Language,
    out: &Path,
) -> Result<(), WorkbookError> {
    let bytes = workbook_bytes(&BidForm::load(store, lot_number)?, language, None)?;
    std::fs::write(out, bytes).map_err(|e| WorkbookError::write(out, e))
}

/// Writes a response workbook filled in with a submission's answers, prices and LCC inputs, with the
/// formula results saved as Excel would: the demo and the benchmark use it to stand in for bidders.
pub fn fill_for_demo(
    store: &TenderFile,
    lot_number: i64,
    language: Language,
    submission: &Submission,
    out: &Path,
) -> Result<(), WorkbookError> {
    let bytes = workbook_bytes(&BidForm::load(store, lot_number)?, language, Some(submission))?;
    std::fs::write(out, bytes).map_err(|e| WorkbookError::write(out, e))
}

/// The workbook's bytes: the template, or filled in with `filled`.
pub fn workbook_bytes(
    form: &BidForm,
    language: Language,
    filled: Option<&Submission>,
) -> Result<Vec<u8>, WorkbookError> {
    build(form, language, filled).map_err(|e| {
        WorkbookError::invalid(
            format!("The workbook could not be made: {e}"),
            format!("Projektmappen kunne ikke laves: {e}"),
        )
    })
}

fn build(form: &BidForm, language: Language, filled: Option<&Submission>) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let names = sheet_names(language);
    let mut workbook = Workbook::new();
    instructions(workbook.add_worksheet(), form, &names, &styles, filled)?;
    requirements(workbook.add_worksheet(), form, language, &names, &styles, filled)?;
    let total_row = prices(workbook.add_worksheet(), form, language, &names, &styles, filled)?;
    if let Some(parameters) = &form.lcc {
        lcc(workbook.add_worksheet(), language, parameters, &names, &styles, filled, total_row)?;
    }
    write_metadata(
        &mut workbook,
        &[
            ("format", FORMAT.to_owned()),
            ("tender", form.identity()),
            ("lot", form.lot.number.to_string()),
            ("language", language.code().to_owned()),
        ],
    )?;
    workbook.save_to_buffer()
}

/// Excel stores every number as a binary double, so this conversion happens only here, at the file's edge,
/// for display in the bidder's workbook; the import reads the cells back through their shortest decimal text.
fn number(d: Decimal) -> f64 {
    d.to_f64().unwrap_or_default()
}

fn instructions(
    sheet: &mut Worksheet,
    form: &BidForm,
    names: &SheetNames,
    styles: &Styles,
    filled: Option<&Submission>,
) -> Result<(), XlsxError> {
    sheet.set_name(names.instructions)?;
    sheet.set_column_width(0, 42)?;
    sheet.set_column_width(1, 70)?;
    sheet.write_string_with_format(0, 0, "Tilbudsliste / Bid response workbook", &styles.title)?;
    let deadline = form.tender.bid_deadline.map_or_else(|| "–".to_owned(), |d| d.to_string());
    let facts = [
        ("Udbud / Tender", form.tender.title.clone()),
        ("Reference", form.tender.reference.clone()),
        ("Ordregiver / Contracting authority", form.tender.authority.clone()),
        ("Delaftale / Lot", format!("{}: {}", form.lot.number, form.lot.title)),
        ("Tilbudsfrist / Bid deadline", deadline),
    ];
    for (index, (label, value)) in facts.iter().enumerate() {
        sheet.write_string_with_format(2 + index as u32, 0, *label, &styles.heading)?;
        sheet.write_string_with_format(2 + index as u32, 1, value, &styles.wrap)?;
    }
    let (row, column) = BIDDER_CELL;
    sheet.write_string_with_format(row, 0, "Tilbudsgiver (firmanavn) / Bidder (company name)", &styles.heading)?;
    sheet.write_string_with_format(row, column as u16, filled.map_or("", |s| s.bidder.as_str()), &styles.input)?;
    let declared = filled.and_then(|s| s.subcontracting.as_ref());
    let (row, column) = SUBCONTRACTED_SHARE_CELL;
    sheet.write_string_with_format(
        row,
        0,
        "Andel af kontrakten i underentreprise (%) / Share of the contract subcontracted (%)",
        &styles.heading,
    )?;
    match declared {
        Some(d) => sheet.write_number_with_format(row, column as u16, number(d.share), &styles.input)?,
        None => sheet.write_blank(row, column as u16, &styles.input)?,
    };
    let percent = DataValidation::new()
        .allow_decimal_number(rust_xlsxwriter::DataValidationRule::Between(0.0, 100.0))
        .set_error_message("0–100")?;
    sheet.add_data_validation(row, column as u16, row, column as u16, &percent)?;
    let (row, column) = SUBCONTRACTORS_CELL;
    sheet.write_string_with_format(row, 0, "Underleverandører / Subcontractors", &styles.heading)?;
    sheet.write_string_with_format(
        row,
        column as u16,
        declared.map_or("", |d| d.subcontractors.as_str()),
        &styles.input,
    )?;
    let guide = [
        "Sådan udfylder I tilbudslisten",
        "1. Skriv virksomhedens navn i det gule felt ovenfor, og angiv den andel af kontrakten, I agter at give i underentreprise, og til hvem (0, hvis ingen).",
        "2. Arket Krav/Requirements: svar Ja eller Nej til hvert mindstekrav, og besvar tildelingskravene i kolonnen Svar/værdi. Henvis til den dokumentation, der er bedt om.",
        "3. Arket Priser/Prices: angiv enhedsprisen for hver linje i kr. ekskl. moms. Totalerne beregnes selv.",
        "4. Arket LCC (hvis det findes): angiv forbrug og omkostninger pr. år og ved endt levetid, pr. enhed eller i alt som kolonnen Enhed siger.",
        "Kun de gule felter kan udfyldes. Ændr ikke krav-id'er, arknavne eller det skjulte ark Tenderbench; så kan tilbuddet ikke indlæses.",
        "",
        "How to fill in this workbook",
        "1. Write your company's name in the yellow cell above, and give the share of the contract you intend to subcontract, and to whom (0 if none).",
        "2. Sheet Krav/Requirements: answer Yes or No to each minimum requirement and answer the award requirements in the column Answer/value. Refer to the evidence asked for.",
        "3. Sheet Priser/Prices: give the unit price of each line in DKK excluding VAT. The totals are calculated.",
        "4. Sheet LCC (if present): give the consumption and costs per year and at end of life, per unit or in total as the column Unit says.",
        "Only the yellow cells can be filled in. Do not change requirement ids, sheet names or the hidden sheet Tenderbench, or the bid cannot be read.",
    ];
    for (index, line) in guide.iter().enumerate() {
        let format =
            if line.starts_with("Sådan") || line.starts_with("How to") { &styles.heading } else { &styles.wrap };
        sheet.merge_range(12 + index as u32, 0, 12 + index as u32, 1, line, format)?;
        sheet.set_row_height(12 + index as u32, if line.len() > 100 { 32 } else { 16 })?;
    }
    sheet.protect();
    sheet.set_active(true);
    Ok(())
}

fn kind_label(kind: RequirementKind, language: Language) -> &'static str {
    match kind {
        RequirementKind::Minimum => language.pick("Mindstekrav", "Minimum requirement"),
        RequirementKind::Award => language.pick("Tildelingskrav", "Award requirement"),
        RequirementKind::Information => language.pick("Information", "Information"),
    }
}

fn requirements(
    sheet: &mut Worksheet,
    form: &BidForm,
    language: Language,
    names: &SheetNames,
    styles: &Styles,
    filled: Option<&Submission>,
) -> Result<(), XlsxError> {
    use requirement_column::*;
    sheet.set_name(names.requirements)?;
    let headings = match language {
        Language::Da => [
            "Krav-id",
            "Titel",
            "Kravtekst",
            "Type",
            "Dokumentation",
            "Opfyldt (Ja/Nej)",
            "Svar/værdi",
            "Dokumentreference",
            "Bemærkning",
        ],
        Language::En => [
            "Requirement id",
            "Title",
            "Requirement",
            "Kind",
            "Evidence",
            "Met (Yes/No)",
            "Answer/value",
            "Document reference",
            "Comment",
        ],
    };
    for (column, (heading, width)) in headings.iter().zip([12, 28, 60, 16, 30, 14, 30, 22, 30]).enumerate() {
        sheet.write_string_with_format(0, column as u16, *heading, &styles.heading)?;
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    let yes_no = language.yes_no();
    let compliance = DataValidation::new()
        .allow_list_strings(&yes_no)?
        .set_error_message(language.pick("Vælg Ja eller Nej.", "Choose Yes or No."))?;
    let measured = crate::workbook::non_negative(language)?;
    for (index, requirement) in form.requirements.iter().enumerate() {
        let row = index as u32 + 1;
        let text = &requirement.text;
        let (title, body) = match language {
            Language::Da => (&text.title_da, &text.text_da),
            Language::En => (&text.title_en, &text.text_en),
        };
        sheet.write_string_with_format(row, ID, &text.code, &styles.wrap)?;
        sheet.write_string_with_format(row, 1, title, &styles.wrap)?;
        sheet.write_string_with_format(row, 2, body, &styles.wrap)?;
        sheet.write_string_with_format(row, KIND, kind_label(text.kind, language), &styles.wrap)?;
        sheet.write_string_with_format(row, 4, &text.evidence, &styles.wrap)?;
        let answer = filled.and_then(|s| s.responses.iter().find(|r| r.requirement_code == text.code));
        if text.kind == RequirementKind::Minimum {
            let word = answer.and_then(|a| a.compliant).map_or("", |met| if met { yes_no[0] } else { yes_no[1] });
            sheet.write_string_with_format(row, COMPLIANT, word, &styles.input)?;
            sheet.add_data_validation(row, COMPLIANT, row, COMPLIANT, &compliance)?;
        } else {
            sheet.write_blank(row, COMPLIANT, &styles.blocked)?;
        }
        let value = answer.map_or("", |a| a.value.as_str());
        match value.parse::<Decimal>() {
            Ok(d) if requirement.measure.is_some() => {
                sheet.write_number_with_format(row, VALUE, number(d), &styles.input)?;
            }
            _ => {
                sheet.write_string_with_format(row, VALUE, value, &styles.input)?;
            }
        }
        if requirement.measure.is_some() {
            sheet.add_data_validation(row, VALUE, row, VALUE, &measured)?;
        }
        sheet.write_string_with_format(row, DOCUMENT, answer.map_or("", |a| a.document_ref.as_str()), &styles.input)?;
        sheet.write_string_with_format(row, COMMENT, answer.map_or("", |a| a.comment.as_str()), &styles.input)?;
    }
    sheet.protect();
    Ok(())
}

/// Writes the price sheet and returns the 0-based row of its grand total.
fn prices(
    sheet: &mut Worksheet,
    form: &BidForm,
    language: Language,
    names: &SheetNames,
    styles: &Styles,
    filled: Option<&Submission>,
) -> Result<u32, XlsxError> {
    use price_column::*;
    sheet.set_name(names.prices)?;
    let headings = match language {
        Language::Da => ["Nr.", "Ydelse", "Enhed", "Antal", "Enhedspris (kr. ekskl. moms)", "I alt (kr.)"],
        Language::En => ["No.", "Item", "Unit", "Quantity", "Unit price (DKK excl. VAT)", "Total (DKK)"],
    };
    for (column, (heading, width)) in headings.iter().zip([6, 50, 10, 10, 22, 18]).enumerate() {
        sheet.write_string_with_format(0, column as u16, *heading, &styles.heading)?;
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let lines = filled.map(|s| s.price_lines.as_slice()).unwrap_or_default();
    for (index, item) in form.price_items.iter().enumerate() {
        let row = index as u32 + 1;
        let excel_row = row + 1;
        sheet.write_number(row, NUMBER, item.position as f64)?;
        sheet.write_string_with_format(row, 1, &item.item, &styles.wrap)?;
        sheet.write_string(row, 2, &item.unit)?;
        sheet.write_number_with_format(row, QUANTITY, number(item.quantity), &styles.number)?;
        let unit_price = lines.get(index).map(|l| l.unit_price);
        match unit_price {
            Some(price) => sheet.write_number_with_format(row, UNIT_PRICE, number(price), &styles.input_number)?,
            None => sheet.write_blank(row, UNIT_PRICE, &styles.input_number)?,
        };
        let total = Formula::new(format!("=D{excel_row}*E{excel_row}"))
            .set_result(unit_price.map_or(Decimal::ZERO, |p| p * item.quantity).to_string());
        sheet.write_formula_with_format(row, TOTAL, total, &styles.money)?;
    }
    let last = form.price_items.len() as u32;
    sheet.add_data_validation(1, UNIT_PRICE, last.max(1), UNIT_PRICE, &non_negative(language)?)?;
    let total_row = last + 1;
    sheet.write_string_with_format(total_row, UNIT_PRICE, language.pick("I alt", "Total"), &styles.heading)?;
    let sum = Formula::new(format!("=SUM(F2:F{})", last + 1)).set_result(bid_price(lines).to_string());
    sheet.write_formula_with_format(total_row, TOTAL, sum, &styles.money)?;
    sheet.protect();
    Ok(total_row)
}

fn lcc(
    sheet: &mut Worksheet,
    language: Language,
    parameters: &LccParameters,
    names: &SheetNames,
    styles: &Styles,
    filled: Option<&Submission>,
    price_total_row: u32,
) -> Result<(), XlsxError> {
    use lcc_column::*;
    let lang = lang_of(language);
    sheet.set_name(names.lcc)?;
    let headings = match language {
        Language::Da => ["Nøgle", "Livscyklusomkostninger", "Enhed", "Værdi"],
        Language::En => ["Key", "Life-cycle cost", "Unit", "Value"],
    };
    for (column, (heading, width)) in headings.iter().zip([20, 48, 40, 18]).enumerate() {
        sheet.write_string_with_format(0, column as u16, *heading, &styles.heading)?;
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.set_column_hidden(KEY)?;
    let acquisition = filled.map_or(Decimal::ZERO, |s| bid_price(&s.price_lines));
    sheet.write_string(1, KEY, "acquisition")?;
    sheet.write_string(
        1,
        1,
        language.pick("Anskaffelsespris (fra arket Priser)", "Acquisition (from the sheet Prices)"),
    )?;
    sheet.write_string(1, 2, format!("kr. {}", units_in_total(lang, parameters.quantity)))?;
    let reference = format!("='{}'!F{}", names.prices, price_total_row + 1);
    sheet.write_formula_with_format(
        1,
        VALUE,
        Formula::new(reference).set_result(acquisition.to_string()),
        &styles.money,
    )?;
    let mut inputs = filled.and_then(|s| s.lcc.clone());
    for (index, (key, da, en, unit, basis)) in LCC_ROWS.iter().enumerate() {
        let row = index as u32 + 2;
        sheet.write_string(row, KEY, *key)?;
        sheet.write_string(row, 1, language.pick(da, en))?;
        sheet.write_string(row, 2, lcc_row_unit(unit, *basis, lang, parameters.quantity))?;
        match inputs.as_mut().and_then(|i| lcc_field(i, key)) {
            Some(value) => sheet.write_number_with_format(row, VALUE, number(*value), &styles.input_number)?,
            None => sheet.write_blank(row, VALUE, &styles.input_number)?,
        };
    }
    for (index, cost) in parameters.costs.iter().enumerate() {
        let row = (LCC_ROWS.len() + index) as u32 + 2;
        sheet.write_string(row, KEY, &cost.id)?;
        sheet.write_string(row, 1, lcc_cost_label(cost, lang))?;
        sheet.write_string(row, 2, cost.unit_text(lang, parameters.quantity))?;
        match inputs.as_ref().and_then(|i| i.costs.get(&cost.id)) {
            Some(value) => sheet.write_number_with_format(row, VALUE, number(*value), &styles.input_number)?,
            None => sheet.write_blank(row, VALUE, &styles.input_number)?,
        };
    }
    let last = (LCC_ROWS.len() + parameters.costs.len()) as u32 + 1;
    sheet.add_data_validation(2, VALUE, last, VALUE, &non_negative(language)?)?;
    sheet.protect();
    Ok(())
}

/// The report's language for a workbook's language, for the number formats and wordings they share.
pub(crate) fn lang_of(language: Language) -> Lang {
    match language {
        Language::Da => Lang::Da,
        Language::En => Lang::En,
    }
}
