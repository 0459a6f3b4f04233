//! The award report and the letters to bidders as plain data: everything already worded and formatted, so
//! that the text and PDF renderers only arrange it and can never disagree about a number.

use crate::locale::Lang;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One document: the award report or one letter to a bidder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub lang: Lang,
    /// What the document is, for example "Tildelingsrapport" or "Meddelelse om tildeling".
    pub heading: String,
    pub tender_reference: String,
    pub tender_title: String,
    /// The SHA-256 of the tender file the document was made from, printed in every page footer.
    pub file_sha256: String,
    /// The audit chain's head as a seal line (see [`crate::audit::Seal`]), printed beside the file's hash so
    /// that `check --report` can tie the document to the file even after the file has moved on.
    pub seal: String,
    /// The time of the tender file's last change (RFC 3339), used as the PDF's creation date so the same file
    /// always gives the same bytes.
    pub as_of: String,
    /// Lines under the heading on the first page: authority, date, addressee.
    pub preamble: Vec<String>,
    pub table_of_contents: bool,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    Subheading(String),
    Paragraph(String),
    /// Label and value pairs, such as "Tildelingsdato: 20. november 2026".
    Facts(Vec<Fact>),
    Table(Table),
    BarChart(BarChart),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub title: String,
    pub align: Align,
    /// The column's share of the table width, relative to the other columns' shares.
    pub share: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    /// Numbers are right-aligned so their decimals line up.
    Right,
}

/// Horizontal bars in groups, for example one group per criterion with one bar per bid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    pub caption: String,
    /// The value a full-width bar stands for.
    pub max: Decimal,
    pub groups: Vec<BarGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarGroup {
    pub label: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: Decimal,
    /// The value as printed beside the bar.
    pub text: String,
}

impl Column {
    pub fn left(title: &str, share: u32) -> Column {
        Column { title: title.to_owned(), align: Align::Left, share }
    }

    pub fn right(title: &str, share: u32) -> Column {
        Column { title: title.to_owned(), align: Align::Right, share }
    }
}

impl Fact {
    pub fn new(label: &str, value: impl Into<String>) -> Fact {
        Fact { label: label.to_owned(), value: value.into() }
    }

    /// The label as printed before its value: with a colon, unless it is a question, which its question
    /// mark already ends ("Hvilke løftestænger skal bruges?", not "…bruges?:").
    pub fn labelled(&self) -> String {
        if self.label.ends_with('?') { self.label.clone() } else { format!("{}:", self.label) }
    }
}

impl Document {
    /// The page footer's page counter: "Side 2 af 9" or "Page 2 of 9".
    pub fn page_counter(&self, page: usize, pages: usize) -> String {
        match self.lang {
            Lang::Da => format!("Side {page} af {pages}"),
            Lang::En => format!("Page {page} of {pages}"),
        }
    }

    /// The file hash as the footer prints it.
    pub fn file_line(&self) -> String {
        format!("{}: {}", self.lang.pick("Udbudsfilens SHA-256", "Tender file SHA-256"), self.file_sha256)
    }

    /// The footer line under the file's hash: the audit chain's head. `None` for a document with no seal.
    pub fn seal_line(&self) -> Option<String> {
        (!self.seal.is_empty()).then(|| format!("{}: {}", self.lang.pick("Segl", "Seal"), self.seal))
    }

    /// The page header: reference and title.
    pub fn running_head(&self) -> String {
        if self.tender_reference.is_empty() {
            self.tender_title.clone()
        } else {
            format!("{} · {}", self.tender_reference, self.tender_title)
        }
    }

    pub fn contents_title(&self) -> &'static str {
        self.lang.pick("Indhold", "Contents")
    }
}
