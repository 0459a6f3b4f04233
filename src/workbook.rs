//! What the bid workbooks and the score sheets share: the languages they are written in, the hidden sheet
//! that says which tender and lot a workbook was made for, reading cells with calamine, and diagnostics.
//!
//! Every problem found in a workbook becomes a [`Diagnostic`] naming the file, sheet and cell as Excel
//! shows them. Reading never stops at the first problem, so a bidder gets the whole list at once.

use crate::error::ErrorCode;
use crate::locale::{Lang, Said};
use crate::store::StoreError;
use calamine::{Data, DataRef, Ods, OdsError, Reader, Sheets, open_workbook_auto_from_rs, open_workbook_from_rs};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::io::Cursor;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The language of a workbook's sheet names, headings and yes/no words. The instruction sheet carries
/// both languages whatever is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Da,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Da => "da",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        [Language::Da, Language::En].into_iter().find(|l| l.code() == code)
    }

    /// Picks the Danish or English text.
    pub(crate) fn pick(self, da: &'static str, en: &'static str) -> &'static str {
        match self {
            Language::Da => da,
            Language::En => en,
        }
    }

    pub(crate) fn yes_no(self) -> [&'static str; 2] {
        [self.pick("Ja", "Yes"), self.pick("Nej", "No")]
    }
}

/// The hidden sheet every Tenderbench workbook carries, as key/value rows.
pub(crate) const META_SHEET: &str = "Tenderbench";

/// The cell styles the exported workbooks share: locked fixed cells, and yellow unlocked input cells.
pub(crate) struct Styles {
    pub heading: Format,
    pub title: Format,
    pub wrap: Format,
    pub input: Format,
    pub input_number: Format,
    pub number: Format,
    pub money: Format,
    pub blocked: Format,
}

impl Styles {
    pub fn new() -> Styles {
        let input = Format::new()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFFF2CC))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBFBFBF))
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        Styles {
            heading: Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xD9E1F2)),
            title: Format::new().set_bold().set_font_size(14),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            input_number: input.clone().set_num_format("#,##0.00"),
            input,
            number: Format::new().set_num_format("#,##0.##").set_align(FormatAlign::Top),
            money: Format::new().set_num_format("#,##0.00"),
            blocked: Format::new().set_background_color(Color::RGB(0xEDEDED)),
        }
    }
}

/// Adds the hidden, protected sheet that tells the import which tender, lot and format a workbook is for.
pub(crate) fn write_metadata(workbook: &mut Workbook, entries: &[(&str, String)]) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(META_SHEET)?;
    for (row, (key, value)) in entries.iter().enumerate() {
        sheet.write_string(row as u32, 0, *key)?;
        sheet.write_string(row as u32, 1, value)?;
    }
    sheet.protect();
    sheet.set_hidden(true);
    Ok(())
}

/// A non-negative decimal validation for input cells, with its message in the workbook's language.
pub(crate) fn non_negative(language: Language) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_error_title(language.pick("Ugyldigt tal", "Invalid number"))?
        .set_error_message(language.pick("Skriv et tal, 0 eller mere.", "Enter a number, 0 or more."))
}

/// How a workbook names the tender it was made for: the reference if it has one, otherwise the title.
pub(crate) fn tender_identity(tender: &crate::tender::Tender) -> String {
    if tender.reference.trim().is_empty() { tender.title.trim().to_owned() } else { tender.reference.trim().to_owned() }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The workbook cannot be imported until it is corrected.
    Error,
    /// The workbook can be imported once the consultant confirms.
    Warning,
}

/// One problem found in a workbook, worded in Danish and English. Row and column are as Excel shows them
/// (row 1, column "A").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message_da: String,
    pub message_en: String,
}

impl Diagnostic {
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_da, &self.message_en)
    }

    /// The diagnostic after its place (file, sheet, cell or row), in both languages.
    pub fn said(&self) -> Said {
        let placed = |sheet_word: &str, cell_word: &str, row_word: &str, message: &str| {
            let mut text = self.file.clone();
            if let Some(sheet) = &self.sheet {
                text += &format!(", {sheet_word} {sheet}");
            }
            match (&self.column, self.row) {
                (Some(column), Some(row)) => text += &format!(", {cell_word} {column}{row}"),
                (None, Some(row)) => text += &format!(", {row_word} {row}"),
                _ => {}
            }
            format!("{text}: {message}")
        };
        Said::new(placed("sheet", "cell", "row", &self.message_en), placed("ark", "celle", "række", &self.message_da))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said().en)
    }
}

/// The letters of a 0-based column index: 0 → "A", 26 → "AA".
pub fn column_letter(column: u32) -> String {
    let mut n = column as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Collects the diagnostics of one file.
pub(crate) struct Findings {
    pub file: String,
    pub list: Vec<Diagnostic>,
}

impl Findings {
    pub fn new(file: &str) -> Findings {
        Findings { file: file.to_owned(), list: Vec::new() }
    }

    fn push(&mut self, severity: Severity, sheet: Option<&str>, cell: Option<(u32, u32)>, message: Said) {
        self.list.push(Diagnostic {
            severity,
            file: self.file.clone(),
            sheet: sheet.map(str::to_owned),
            row: cell.map(|(row, _)| row + 1),
            column: cell.map(|(_, column)| column_letter(column)),
            message_da: message.da,
            message_en: message.en,
        });
    }

    /// An error in a whole file, before any sheet is read.
    pub fn file_error(&mut self, message: Said) {
        self.push(Severity::Error, None, None, message);
    }

    pub fn sheet_error(&mut self, sheet: &str, message: Said) {
        self.push(Severity::Error, Some(sheet), None, message);
    }

    /// An error at a 0-based (row, column) of a sheet.
    pub fn error(&mut self, sheet: &str, cell: (u32, u32), message: Said) {
        self.push(Severity::Error, Some(sheet), Some(cell), message);
    }

    pub fn warning(&mut self, sheet: &str, cell: (u32, u32), message: Said) {
        self.push(Severity::Warning, Some(sheet), Some(cell), message);
    }

    pub fn sheet_warning(&mut self, sheet: &str, message: Said) {
        self.push(Severity::Warning, Some(sheet), None, message);
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.severity == Severity::Error)
    }
}

/// A workbook opened for reading, held in memory so its bytes can also be hashed.
pub(crate) struct Book<'a> {
    sheets: Sheets<Cursor<&'a [u8]>>,
}

impl<'a> Book<'a> {
    /// Opens .xlsx, .xlsm, .xls or .ods content; anything else is reported as a file error.
    pub fn open(bytes: &'a [u8], findings: &mut Findings) -> Option<Book<'a>> {
        // Caught for the same reason as in `sheet`: a damaged file must be a diagnostic, never a panic.
        let opened = std::panic::catch_unwind(|| open_workbook_auto_from_rs(Cursor::new(bytes)));
        if let Ok(Ok(sheets)) = opened {
            return Some(Book { sheets });
        }
        // calamine reads an .ods file's sheets whole when it opens it, as a grid from the first entry to
        // the last, and refuses one too large. The bidder can fix that, so it gets its own message; the
        // second open is only paid on a workbook that is refused anyway.
        let too_large = std::panic::catch_unwind(|| {
            matches!(open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes)), Err(OdsError::CellLimitExceeded { .. }))
        });
        findings.file_error(if too_large.unwrap_or(false) {
            Said::new(
                "a sheet in this workbook has entries too far from its table to be read; delete what is typed far \
                 below or to the right of the table, and save the workbook again.",
                "et ark i dette regneark har indtastninger så langt fra tabellen, at det ikke kan læses; slet det, \
                 der står langt under eller til højre for tabellen, og gem regnearket igen.",
            )
        } else {
            Said::new(
                "this is not a workbook Tenderbench can read (.xlsx, .xlsm, .xls or .ods), or it is damaged.",
                "dette er ikke et regneark, Tenderbench kan læse (.xlsx, .xlsm, .xls eller .ods), eller det er \
                 beskadiget.",
            )
        });
        None
    }

    /// Reads a sheet's cells, or reports it missing.
    pub fn sheet(&mut self, name: &str, findings: &mut Findings) -> Option<Sheet> {
        self.sheet_columns(name, None, findings)
    }

    /// Reads a sheet like [`Book::sheet`], keeping only the cells in the given columns, and error values
    /// and formulas without a saved result wherever they are. Copying every text of a large sheet is a
    /// good part of the time of reading it, and the checks only need what they report.
    pub fn sheet_columns(&mut self, name: &str, columns: Option<&[u32]>, findings: &mut Findings) -> Option<Sheet> {
        if !self.sheets.sheet_names().iter().any(|n| n == name) {
            findings.file_error(Said::new(
                format!("the sheet {name} is missing; use the workbook exported by Tenderbench."),
                format!("arket {name} mangler; brug det regneark, Tenderbench har dannet."),
            ));
            return None;
        }
        let wanted = |column: u32, error: bool| error || columns.is_none_or(|c| c.contains(&column));
        // calamine panics on some malformed sheets (fuzzing found a cell reference with an overlong run of
        // column letters, which overflows its column arithmetic); such a sheet is damaged, and is reported
        // like any other damage instead of taking the app down.
        match std::panic::catch_unwind(AssertUnwindSafe(|| self.cells(name, wanted))) {
            Ok(Ok((cells, unsaved_formulas))) => Some(Sheet::new(name, cells, unsaved_formulas)),
            Ok(Err(e)) => {
                findings.sheet_error(
                    name,
                    Said::new(format!("the sheet cannot be read: {e}"), format!("arket kan ikke læses: {e}")),
                );
                None
            }
            Err(_) => {
                findings.sheet_error(
                    name,
                    Said::new(
                        "the sheet is damaged: a cell reference in it cannot be read.",
                        "arket er beskadiget: en cellereference i det kan ikke læses.",
                    ),
                );
                None
            }
        }
    }

    /// A sheet's wanted cells, and its formulas that were saved without a result. An .xlsx sheet is read
    /// in one pass for both; other formats are read twice. A format whose formulas calamine cannot list
    /// has no formula check.
    fn cells(
        &mut self,
        name: &str,
        wanted: impl Fn(u32, bool) -> bool,
    ) -> Result<(Vec<SheetCell>, Vec<UnsavedFormula>), calamine::Error> {
        let (mut cells, mut unsaved) = (Vec::new(), Vec::new());
        if let Sheets::Xlsx(xlsx) = &mut self.sheets {
            let mut reader = xlsx.worksheet_cells_reader(name)?;
            while let Some(cell) = reader.next_cell_with_formula()? {
                let (row, column) = cell.pos;
                if matches!(cell.value, DataRef::Empty) {
                    if let Some(formula) = cell.formula.filter(|f| !f.is_empty()) {
                        unsaved.push(UnsavedFormula { row, column, formula });
                    }
                } else if wanted(column, matches!(cell.value, DataRef::Error(_))) {
                    // Only here is a text copied out of the workbook.
                    cells.push(SheetCell { row, column, value: Data::from(cell.value) });
                }
            }
            return Ok((cells, unsaved));
        }
        let values = self.sheets.worksheet_range(name)?;
        let (first_row, first_column) = values.start().unwrap_or_default();
        for (row, column, value) in values.used_cells() {
            let (row, column) = (first_row + row as u32, first_column + column as u32);
            if wanted(column, matches!(value, Data::Error(_))) {
                cells.push(SheetCell { row, column, value: value.clone() });
            }
        }
        let formulas = self.sheets.worksheet_formula(name).unwrap_or_default();
        let (formula_row, formula_column) = formulas.start().unwrap_or_default();
        for (row, column, formula) in formulas.used_cells() {
            let (row, column) = (formula_row + row as u32, formula_column + column as u32);
            let empty = values.get_value((row, column)).is_none_or(|v| matches!(v, Data::Empty));
            if empty && !formula.is_empty() {
                unsaved.push(UnsavedFormula { row, column, formula: formula.clone() });
            }
        }
        Ok((cells, unsaved))
    }

    /// The key/value rows of the hidden Tenderbench sheet.
    pub fn metadata(&mut self, findings: &mut Findings) -> Option<HashMap<String, String>> {
        let sheet = self.sheet(META_SHEET, findings)?;
        let mut meta = HashMap::new();
        for row in sheet.rows() {
            let key = row.text(0);
            if !key.is_empty() {
                meta.insert(key, row.text(1));
            }
        }
        Some(meta)
    }
}

/// A cell that holds a value, at its absolute 0-based row and column.
struct SheetCell {
    row: u32,
    column: u32,
    value: Data,
}

/// A formula whose cell holds no saved result.
struct UnsavedFormula {
    row: u32,
    column: u32,
    formula: String,
}

/// One sheet's cells that hold a value, row by row. It is kept sparse: a stray entry in XFD1048576 is one
/// more cell, where a grid from A1 would have seventeen billion.
pub(crate) struct Sheet {
    pub name: String,
    /// In row, then column order.
    cells: Vec<SheetCell>,
    /// Each row that has cells: its index and where its cells start in `cells`.
    rows: Vec<(u32, usize)>,
    unsaved_formulas: Vec<UnsavedFormula>,
}

static EMPTY: Data = Data::Empty;

impl Sheet {
    fn new(name: &str, mut cells: Vec<SheetCell>, unsaved_formulas: Vec<UnsavedFormula>) -> Sheet {
        // Writers put cells in order, so sorting is almost never needed. Of two cells at the same place,
        // which only a damaged file has, the first is kept.
        if !cells.is_sorted_by_key(|c| (c.row, c.column)) {
            cells.sort_by_key(|c| (c.row, c.column));
        }
        cells.dedup_by_key(|c| (c.row, c.column));
        let mut rows: Vec<(u32, usize)> = Vec::new();
        for (index, cell) in cells.iter().enumerate() {
            if rows.last().is_none_or(|&(row, _)| row != cell.row) {
                rows.push((cell.row, index));
            }
        }
        Sheet { name: name.to_owned(), cells, rows, unsaved_formulas }
    }

    /// The rows that hold a value, in order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.rows.len()).map(|position| self.row_at(position))
    }

    /// The rows under the heading row that hold a value, in order.
    pub fn body(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows().filter(|row| row.index > 0)
    }

    /// One row, empty if it holds nothing.
    pub fn row(&self, index: u32) -> Row<'_> {
        match self.rows.binary_search_by_key(&index, |&(row, _)| row) {
            Ok(position) => self.row_at(position),
            Err(_) => Row { sheet: &self.name, index, cells: &[] },
        }
    }

    /// The row at `position` among the rows that hold a value.
    fn row_at(&self, position: usize) -> Row<'_> {
        let (index, start) = self.rows[position];
        let end = self.rows.get(position + 1).map_or(self.cells.len(), |&(_, next)| next);
        Row { sheet: &self.name, index, cells: &self.cells[start..end] }
    }

    /// Reports every formula error value (#DIV/0! and the like) and every formula that was saved without
    /// its result: calamine reads only saved results, so such a cell would silently read as empty.
    pub fn check_formulas(&self, findings: &mut Findings) {
        for cell in self.cells.iter().filter(|c| matches!(c.value, Data::Error(_))) {
            findings.error(
                &self.name,
                (cell.row, cell.column),
                Said::new(
                    format!("the cell shows the error {}; correct it.", cell.value),
                    format!("cellen viser fejlen {}; ret den.", cell.value),
                ),
            );
        }
        for unsaved in &self.unsaved_formulas {
            findings.error(
                &self.name,
                (unsaved.row, unsaved.column),
                Said::new(
                    format!(
                        "the formula ={} was saved without its result; open the workbook in Excel or LibreOffice and save it again.",
                        unsaved.formula
                    ),
                    format!(
                        "formlen ={} er gemt uden sit resultat; åbn regnearket i Excel eller LibreOffice, og gem det igen.",
                        unsaved.formula
                    ),
                ),
            );
        }
    }
}

/// One row of a sheet: what the reading of a bid or score line looks at.
#[derive(Clone, Copy)]
pub(crate) struct Row<'a> {
    pub sheet: &'a str,
    /// 0-based, as [`Findings`] takes it.
    pub index: u32,
    /// In column order.
    cells: &'a [SheetCell],
}

impl<'a> Row<'a> {
    pub fn value(&self, column: u32) -> &'a Data {
        match self.cells.binary_search_by_key(&column, |c| c.column) {
            Ok(index) => &self.cells[index].value,
            Err(_) => &EMPTY,
        }
    }

    /// The cell as text, trimmed; numbers in their shortest form.
    pub fn text(&self, column: u32) -> String {
        cell_text(self.value(column))
    }

    /// The cell as [`Row::text`] gives it, borrowed where the cell holds text, for cells that are only
    /// compared or tested.
    pub fn str(&self, column: u32) -> Cow<'a, str> {
        cell_str(self.value(column))
    }

    /// Reads a number cell. Error values are reported once by [`Sheet::check_formulas`], so here they only
    /// stop the value from being used.
    pub fn number(&self, column: u32) -> NumberCell {
        match self.value(column) {
            Data::Empty => NumberCell::Empty,
            Data::String(s) if s.trim().is_empty() => NumberCell::Empty,
            Data::Int(i) => NumberCell::Value(Decimal::from(*i)),
            Data::Float(f) => match float_decimal(*f) {
                Some(d) => NumberCell::Value(d),
                None => NumberCell::Invalid(Said::new(
                    format!("{f} is not a usable number."),
                    format!("{f} er ikke et brugbart tal."),
                )),
            },
            Data::String(s) => match Decimal::from_str(s.trim()) {
                Ok(d) => NumberCell::Value(d),
                Err(_) => NumberCell::Invalid(Said::new(
                    format!("'{}' is text in a number cell; enter a number such as 1250.50.", s.trim()),
                    format!("'{}' er tekst i en talcelle; skriv et tal som 1250,50.", s.trim()),
                )),
            },
            Data::Error(_) => NumberCell::Reported,
            other => NumberCell::Invalid(Said::new(
                format!("'{}' is not a number; enter a number such as 1250.50.", cell_text(other)),
                format!("'{}' er ikke et tal; skriv et tal som 1250,50.", cell_text(other)),
            )),
        }
    }

    pub fn is_error(&self, column: u32) -> bool {
        matches!(self.value(column), Data::Error(_))
    }
}

/// What a number cell holds.
pub(crate) enum NumberCell {
    Empty,
    Value(Decimal),
    /// Not a number; the message says what was found.
    Invalid(Said),
    /// An error value, already reported.
    Reported,
}

/// Converts an f64 read from a workbook into the decimal its shortest round-trip text shows, so 99.95
/// stays 99.95 and never becomes 99.9500000000000028.
pub(crate) fn float_decimal(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    let text = format!("{f}");
    Decimal::from_str(&text).or_else(|_| Decimal::from_scientific(&format!("{f:e}"))).ok().map(|d| d.normalize())
}

/// A cell as the text a person sees, trimmed.
pub(crate) fn cell_text(data: &Data) -> String {
    cell_str(data).into_owned()
}

/// A cell as [`cell_text`] gives it, without copying text cells.
fn cell_str(data: &Data) -> Cow<'_, str> {
    Cow::Owned(match data {
        Data::Empty => return Cow::Borrowed(""),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => return Cow::Borrowed(s.trim()),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_decimal(*f).map_or_else(|| f.to_string(), |d| d.to_string()),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::Error(e) => e.to_string(),
    })
}

/// What became of an import.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// Everything was saved; the warnings were accepted.
    Imported { warnings: Vec<Diagnostic> },
    /// At least one error: nothing was saved.
    Rejected { diagnostics: Vec<Diagnostic> },
    /// Only warnings, not yet accepted: nothing was saved; import again accepting them.
    NeedsConfirmation { warnings: Vec<Diagnostic> },
}

impl ImportOutcome {
    /// Decides, before anything is written, whether the diagnostics allow the import to go ahead.
    pub(crate) fn refusal(diagnostics: &[Diagnostic], accept_warnings: bool) -> Option<ImportOutcome> {
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            Some(ImportOutcome::Rejected { diagnostics: diagnostics.to_vec() })
        } else if !diagnostics.is_empty() && !accept_warnings {
            Some(ImportOutcome::NeedsConfirmation { warnings: diagnostics.to_vec() })
        } else {
            None
        }
    }
}

/// Why a workbook could not be written, or a tender file not read. `Display` is the English wording;
/// [`WorkbookError::said`] gives both.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Invalid(Said),
    #[error("{path}: {message}")]
    Write { path: PathBuf, message: String },
}

impl WorkbookError {
    pub fn code(&self) -> ErrorCode {
        match self {
            WorkbookError::Store(e) => e.code(),
            WorkbookError::Invalid(_) => ErrorCode::Validation,
            WorkbookError::Write { .. } => ErrorCode::Internal,
        }
    }

    pub fn write(path: &Path, e: impl fmt::Display) -> WorkbookError {
        WorkbookError::Write { path: path.to_owned(), message: e.to_string() }
    }

    pub fn invalid(en: impl Into<String>, da: impl Into<String>) -> WorkbookError {
        WorkbookError::Invalid(Said::new(en, da))
    }

    /// The tender has no lot with this number.
    pub fn no_lot(lot_number: i64) -> WorkbookError {
        WorkbookError::invalid(
            format!("The tender has no lot {lot_number}."),
            format!("Udbuddet har ingen delaftale {lot_number}."),
        )
    }

    /// The error in English and Danish; what the Excel library said is quoted as it came, in English.
    pub fn said(&self) -> Said {
        match self {
            WorkbookError::Store(e) => e.said(),
            WorkbookError::Invalid(said) => said.clone(),
            WorkbookError::Write { path, message } => Said::new(
                self.to_string(),
                format!("{}: projektmappen kunne ikke skrives ({message}).", path.display()),
            ),
        }
    }
}

/// The file name shown in diagnostics: the name without its folder, as the consultant knows the file.
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_decimals_read_as_excel_shows_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(16_383), "XFD");
        assert_eq!(float_decimal(99.95), Some(Decimal::from_str("99.95").unwrap()));
        assert_eq!(float_decimal(42.0), Some(Decimal::from(42)));
        assert_eq!(float_decimal(1e-7), Some(Decimal::from_str("0.0000001").unwrap()));
        assert_eq!(float_decimal(f64::NAN), None);
        assert_eq!(float_decimal(1e300), None);
    }
}
