//! Catalogues as .xlsx workbooks: a "Catalogue" sheet with the name and version, and a "Templates" sheet
//! with one row per template and one column per field, so a consultant can edit a catalogue in Excel.
//!
//! Every cell is written as text, so numbers such as "99.5" and versions such as "2026.1" come back exactly.
//! An import checks every row and imports nothing unless all rows are sound; each problem names the sheet,
//! the row and the column.

use super::{Catalogue, CatalogueError, ImportProblem, Result, Scoring, Template, code_of, parse_code, parse_evidence};
use crate::locale::Said;
use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

pub const CATALOGUE_SHEET: &str = "Catalogue";
pub const TEMPLATES_SHEET: &str = "Templates";

/// The columns of the templates sheet, in order. Lists are comma-separated codes; parameters are a JSON
/// object; the scoring columns are empty for a template without a measured-scoring hint.
pub const COLUMNS: [&str; 17] = [
    "id",
    "kind",
    "area",
    "requirement_type",
    "track",
    "categories",
    "evidence",
    "title_da",
    "title_en",
    "text_da",
    "text_en",
    "source",
    "parameters",
    "scoring_direction",
    "scoring_worst",
    "scoring_best",
    "scoring_unit",
];

fn cells(template: &Template) -> [String; 17] {
    let list = |codes: Vec<String>| codes.join(", ");
    let scoring = template.scoring.as_ref();
    [
        template.id.clone(),
        code_of(&template.kind),
        code_of(&template.area),
        template.requirement_type.clone().unwrap_or_default(),
        template.track.as_ref().map(code_of).unwrap_or_default(),
        list(template.categories.iter().map(code_of).collect()),
        list(template.evidence.iter().map(code_of).collect()),
        template.title_da.clone(),
        template.title_en.clone(),
        template.text_da.clone(),
        template.text_en.clone(),
        template.source.clone(),
        if template.parameters.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&template.parameters).unwrap_or_default()
        },
        scoring.map(|s| code_of(&s.direction)).unwrap_or_default(),
        scoring.map(|s| s.worst.to_string()).unwrap_or_default(),
        scoring.map(|s| s.best.to_string()).unwrap_or_default(),
        scoring.map(|s| s.unit.clone()).unwrap_or_default(),
    ]
}

/// Writes the catalogue to an .xlsx file.
pub fn export(catalogue: &Catalogue, path: &Path) -> Result<()> {
    let failed = |e: XlsxError| CatalogueError::file(path, e);
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet().set_name(CATALOGUE_SHEET).map_err(failed)?;
    for (row, (label, value)) in [("name", &catalogue.name), ("version", &catalogue.version)].into_iter().enumerate() {
        sheet.write_string_with_format(row as u32, 0, label, &bold).map_err(failed)?;
        sheet.write_string(row as u32, 1, value).map_err(failed)?;
    }
    let sheet = workbook.add_worksheet().set_name(TEMPLATES_SHEET).map_err(failed)?;
    for (column, heading) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *heading, &bold).map_err(failed)?;
        let wide = heading.starts_with("text") || heading.starts_with("title");
        sheet.set_column_width(column as u16, if wide { 50 } else { 16 }).map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 1).map_err(failed)?;
    for (index, template) in catalogue.templates.iter().enumerate() {
        for (column, value) in cells(template).iter().enumerate() {
            sheet.write_string(index as u32 + 1, column as u16, value).map_err(failed)?;
        }
    }
    workbook.save(path).map_err(failed)
}

/// A column's letter and heading as a problem names it, such as "C (area)".
fn column_name(index: usize) -> String {
    let mut letters = String::new();
    let mut n = index + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters} ({})", COLUMNS.get(index).unwrap_or(&"?"))
}

/// A cell as text. Cells typed in Excel as numbers are read back through the shortest decimal that names
/// the same number, which is what Excel itself shows.
fn text(cell: &Data) -> std::result::Result<String, Said> {
    match cell {
        Data::Empty => Ok(String::new()),
        Data::String(s) => Ok(s.clone()),
        Data::Int(i) => Ok(i.to_string()),
        Data::Float(f) => Ok(f.to_string()),
        Data::Bool(b) => Ok(b.to_string()),
        other => {
            Err(Said::new(format!("expected text, found {other:?}"), format!("forventede tekst, fandt {other:?}")))
        }
    }
}

/// The sheet's cells as text rows, each with its row number as Excel shows it.
fn rows(range: &Range<Data>) -> Vec<(u32, Vec<Data>)> {
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    range
        .rows()
        .enumerate()
        .map(|(index, row)| {
            let mut cells = vec![Data::Empty; first_column as usize];
            cells.extend(row.iter().cloned());
            (first_row + index as u32 + 1, cells)
        })
        .collect()
}

/// Reads a catalogue from an .xlsx file. Returns every problem found, or the catalogue if there are none.
pub fn import(path: &Path) -> Result<Catalogue> {
    let mut workbook: Xlsx<_> = open_workbook(path).map_err(|e: calamine::XlsxError| CatalogueError::file(path, e))?;
    let mut problems = Vec::new();
    let problem = |sheet: &str, row: u32, column: String, message: Said| ImportProblem {
        sheet: sheet.to_owned(),
        row,
        column,
        message,
    };
    let mut sheet = |name: &str, problems: &mut Vec<ImportProblem>| match workbook.worksheet_range(name) {
        Ok(range) => rows(&range),
        Err(e) => {
            let message = Said::new(
                format!("the sheet is missing or unreadable: {e}"),
                format!("arket mangler eller kan ikke læses: {e}"),
            );
            problems.push(problem(name, 1, "A".into(), message));
            Vec::new()
        }
    };
    let header = sheet(CATALOGUE_SHEET, &mut problems);
    let templates = sheet(TEMPLATES_SHEET, &mut problems);

    let mut settings = BTreeMap::new();
    for (row, cells) in &header {
        let label = cells.first().map(text).and_then(|t| t.ok()).unwrap_or_default();
        match cells.get(1).map(text).unwrap_or(Ok(String::new())) {
            Ok(value) => {
                settings.insert(label.trim().to_owned(), value.trim().to_owned());
            }
            Err(message) => problems.push(problem(CATALOGUE_SHEET, *row, "B".into(), message)),
        }
    }
    for label in ["name", "version"] {
        if settings.get(label).is_none_or(|v| v.is_empty()) {
            let (en, da) = match label {
                "name" => ("name", "navn"),
                _ => ("version", "version"),
            };
            let message = Said::new(format!("the catalogue's {en} is missing"), format!("katalogets {da} mangler"));
            problems.push(problem(CATALOGUE_SHEET, 1, "A".into(), message));
        }
    }

    let mut body = templates.iter();
    if let Some((row, headings)) = body.next() {
        for (index, expected) in COLUMNS.iter().enumerate() {
            let found = headings.get(index).map(text).and_then(|t| t.ok()).unwrap_or_default();
            if found.trim() != *expected {
                let message = Said::new(
                    format!("the heading must be '{expected}', found '{found}'"),
                    format!("overskriften skal være '{expected}', men er '{found}'"),
                );
                problems.push(problem(TEMPLATES_SHEET, *row, column_name(index), message));
            }
        }
    }
    let mut parsed = Vec::new();
    let mut ids = HashSet::new();
    if problems.is_empty() {
        for (row, cells) in body {
            let mut values = Vec::with_capacity(COLUMNS.len());
            for index in 0..COLUMNS.len() {
                match cells.get(index).map(text).unwrap_or(Ok(String::new())) {
                    Ok(value) => values.push(value),
                    Err(message) => {
                        problems.push(problem(TEMPLATES_SHEET, *row, column_name(index), message));
                        values.push(String::new());
                    }
                }
            }
            if values.iter().all(|v| v.trim().is_empty()) {
                continue;
            }
            match template(&values) {
                Ok(template) => {
                    for (field, message) in template.problems() {
                        let index = COLUMNS.iter().position(|c| *c == field).unwrap_or(0);
                        problems.push(problem(TEMPLATES_SHEET, *row, column_name(index), message));
                    }
                    if !ids.insert(template.id.clone()) {
                        let message = Said::new(
                            format!("the id {} is used on an earlier row", template.id),
                            format!("id'et {} er brugt på en tidligere række", template.id),
                        );
                        problems.push(problem(TEMPLATES_SHEET, *row, column_name(0), message));
                    }
                    parsed.push(template);
                }
                Err((index, message)) => problems.push(problem(TEMPLATES_SHEET, *row, column_name(index), message)),
            }
        }
    }
    if !problems.is_empty() {
        return Err(CatalogueError::Rejected(problems));
    }
    Ok(Catalogue {
        name: settings.remove("name").unwrap_or_default(),
        version: settings.remove("version").unwrap_or_default(),
        templates: parsed,
    })
}

/// Builds a template from one row's texts, or names the first column that cannot be read.
fn template(values: &[String]) -> std::result::Result<Template, (usize, Said)> {
    let at = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
    let get = |name: &str| values[at(name)].trim().to_owned();
    fn code<T: DeserializeOwned>(values: &[String], name: &str) -> std::result::Result<T, (usize, Said)> {
        let index = COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
        let value = values[index].trim();
        parse_code(value).ok_or_else(|| {
            (
                index,
                Said::new(format!("'{value}' is not a valid {name}"), format!("'{value}' er ikke en gyldig {name}")),
            )
        })
    }
    let optional = |name: &str| Some(get(name)).filter(|v| !v.is_empty());
    let list = |name: &str| {
        get(name)
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| {
                parse_code(v).ok_or_else(|| {
                    let message = Said::new(
                        format!("'{v}' is not a valid entry of {name}"),
                        format!("'{v}' er ikke gyldig i {name}"),
                    );
                    (at(name), message)
                })
            })
            .collect::<std::result::Result<Vec<_>, _>>()
    };
    let parameters = match optional("parameters") {
        None => BTreeMap::new(),
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            let message = Said::new(
                format!("the parameters must be a JSON object such as {{\"years\": 7}}: {e}"),
                format!("parametrene skal være et JSON-objekt som {{\"years\": 7}}: {e}"),
            );
            (at("parameters"), message)
        })?,
    };
    let decimal = |name: &str| {
        let value = get(name);
        value.parse().map_err(|_| {
            (
                at(name),
                Said::new(
                    format!("'{value}' is not a number such as 99.5"),
                    format!("'{value}' er ikke et tal som 99.5"),
                ),
            )
        })
    };
    let scoring = match optional("scoring_direction") {
        None => {
            if let Some(name) =
                ["scoring_worst", "scoring_best", "scoring_unit"].into_iter().find(|n| optional(n).is_some())
            {
                let message = Said::new(
                    "a scoring value needs scoring_direction",
                    "en værdi til pointgivningen kræver scoring_direction",
                );
                return Err((at(name), message));
            }
            None
        }
        Some(_) => Some(Scoring {
            direction: code(values, "scoring_direction")?,
            worst: decimal("scoring_worst")?,
            best: decimal("scoring_best")?,
            unit: get("scoring_unit"),
        }),
    };
    Ok(Template {
        id: get("id"),
        kind: code(values, "kind")?,
        area: code(values, "area")?,
        requirement_type: optional("requirement_type"),
        track: optional("track").map(|_| code(values, "track")).transpose()?,
        categories: list("categories")?,
        evidence: parse_evidence(&get("evidence")).map_err(|e| (at("evidence"), e))?,
        source: get("source"),
        title_da: get("title_da"),
        title_en: get("title_en"),
        text_da: get("text_da"),
        text_en: get("text_en"),
        parameters,
        scoring,
    })
}
