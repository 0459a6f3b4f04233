//! The award report and the letters to bidders (Udbudsloven § 171, stk. 4).
//!
//! A report is first a [`model::Document`]: plain data with every number already formatted. The text
//! renderer gives the golden form used by the tests and by `check --report`; the PDF renderer gives what is
//! signed and sent. [`write`] and [`check`] are what the CLI and the app call.

pub mod build;
pub mod evaluation;
pub mod model;
pub mod pdf;
pub mod synthetic;
pub mod text;
pub mod verify;

pub use model::Document;

use crate::error::ErrorCode;
use crate::locale::{Lang, Said};
use crate::store::{Access, StoreError, TenderFile};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{pdf} does not match {tender}: {discrepancy}")]
    Mismatch { pdf: PathBuf, tender: PathBuf, discrepancy: verify::Discrepancy },
}

impl ReportError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ReportError::Store(e) => e.code(),
            ReportError::Mismatch { .. } => ErrorCode::Validation,
            ReportError::Pdf(_) | ReportError::Io { .. } => ErrorCode::Internal,
        }
    }

    /// The error in English and Danish. The operating system's words are quoted as they came, in English.
    pub fn said(&self) -> Said {
        let english = self.to_string();
        match self {
            ReportError::Store(e) => e.said(),
            ReportError::Pdf(e) => e.said(),
            ReportError::Io { path, source } => {
                Said::new(english, format!("{}: filen kunne ikke læses eller skrives ({source}).", path.display()))
            }
            ReportError::Mismatch { pdf, tender, discrepancy } => Said::new(
                english,
                format!("{} stemmer ikke med {}: {}", pdf.display(), tender.display(), discrepancy.said().da),
            ),
        }
    }
}

/// What [`write`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub report: PathBuf,
    pub pages: usize,
    pub letters: Vec<PathBuf>,
}

fn save(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    std::fs::write(path, bytes).map_err(|source| ReportError::Io { path: path.to_owned(), source })
}

/// Writes the award report of `tender` to `out` and, when `letters` names a folder, one letter per bidder
/// concerned into it.
pub fn write(tender: &Path, out: &Path, lang: Lang, letters: Option<&Path>) -> Result<Written, ReportError> {
    let store = TenderFile::open(tender, Access::ReadOnly)?;
    let (bytes, pages) = pdf::render_counted(&build::award_report(&store, lang)?)?;
    save(out, &bytes)?;
    let mut written = Written { report: out.to_owned(), pages, letters: Vec::new() };
    if let Some(dir) = letters {
        std::fs::create_dir_all(dir).map_err(|source| ReportError::Io { path: dir.to_owned(), source })?;
        for letter in build::letters(&store, lang)? {
            let path = dir.join(letter.file_name());
            save(&path, &pdf::render(&letter.document)?)?;
            written.letters.push(path);
        }
    }
    Ok(written)
}

/// Recomputes the award report from `tender` and checks that the PDF at `report` prints the same lines and
/// numbers, in whichever language it was written.
pub fn check(tender: &Path, report: &Path) -> Result<(), ReportError> {
    let store = TenderFile::open(tender, Access::ReadOnly)?;
    let text = verify::pdftotext(report).map_err(|source| ReportError::Io { path: report.to_owned(), source })?;
    let expected = [Lang::Da, Lang::En]
        .into_iter()
        .map(|lang| build::award_report(&store, lang))
        .collect::<Result<Vec<_>, _>>()?;
    let document = expected.iter().find(|d| text.contains(&d.heading)).unwrap_or(&expected[0]);
    verify::verify(document, &text).map_err(|discrepancy| ReportError::Mismatch {
        pdf: report.to_owned(),
        tender: tender.to_owned(),
        discrepancy,
    })
}
