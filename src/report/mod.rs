//! The award report and the letters to the bidders (udbudslovens § 171).
//!
//! A report is first a [`model::Document`]: plain data with every number already formatted. The text
//! renderer gives the golden form used by the tests and by `check --report`; the PDF renderer gives what is
//! signed and sent. [`write`] and [`check`] are what the CLI and the app call.

pub mod build;
pub mod evaluation;
pub mod letter;
pub mod model;
pub mod pdf;
mod record;
pub mod synthetic;
pub mod text;
pub mod verify;
pub(crate) mod wording;

pub use model::Document;

use crate::audit::{Seal, SealBreak};
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
    #[error("{pdf} does not belong to {tender} as it is now: {broken}")]
    Seal { pdf: PathBuf, tender: PathBuf, broken: SealBreak },
}

impl ReportError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ReportError::Store(e) => e.code(),
            ReportError::Mismatch { .. } | ReportError::Seal { .. } => ErrorCode::Validation,
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
            ReportError::Seal { pdf, tender, broken } => Said::new(
                english,
                format!("{} hører ikke til {}, som den er nu: {}", pdf.display(), tender.display(), broken.said().da),
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
    // The letters are made first: when they cannot be, nothing is written.
    let made = letters.map(|_| letter::letters(&store, lang)).transpose()?;
    let (bytes, pages) = pdf::render_counted(&build::award_report(&store, lang)?)?;
    save(out, &bytes)?;
    let mut written = Written { report: out.to_owned(), pages, letters: Vec::new() };
    if let (Some(dir), Some(made)) = (letters, made) {
        std::fs::create_dir_all(dir).map_err(|source| ReportError::Io { path: dir.to_owned(), source })?;
        for letter in made {
            let path = dir.join(letter.file_name());
            save(&path, &pdf::render(&letter.document)?)?;
            written.letters.push(path);
        }
    }
    Ok(written)
}

/// What [`check`] could prove about a report or letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// The file is as it was when the document was made, and every line and number matches it.
    Matches,
    /// The document's seal is in the file's audit log, and the file has `changes` later audit rows; its
    /// numbers can only be checked against a document made from the file as it is now.
    Since { seal: Seal, changes: i64 },
}

/// Ties the PDF at `report` (the award report or a letter, in either language) to `tender`: the seal it
/// prints must be in the file's audit log, unchanged. If the file has not changed since, every line and
/// number of the PDF must also be what the file gives today.
pub fn check(tender: &Path, report: &Path) -> Result<Checked, ReportError> {
    let store = TenderFile::open(tender, Access::ReadOnly)?;
    let text = verify::pdftotext(report).map_err(|source| ReportError::Io { path: report.to_owned(), source })?;
    let seal_error = |broken| ReportError::Seal { pdf: report.to_owned(), tender: tender.to_owned(), broken };
    let seal = Seal::find(&text).ok_or_else(|| seal_error(SealBreak::Unsealed))?;
    let entries = store.audit_log()?;
    seal.verify(&entries).map_err(seal_error)?;
    let head = Seal::of(&entries);
    if head.as_ref() != Some(&seal) {
        let changes = head.map_or(0, |h| h.seq) - seal.seq;
        return Ok(Checked::Since { seal, changes });
    }
    let mut expected = Vec::new();
    for lang in [Lang::Da, Lang::En] {
        expected.push(build::award_report(&store, lang)?);
        if letter::dated(&store)? {
            expected.extend(letter::letters(&store, lang)?.into_iter().map(|letter| letter.document));
        }
    }
    if expected.iter().any(|document| verify::verify(document, &text).is_ok()) {
        return Ok(Checked::Matches);
    }
    // None matches: name what differs from the document the PDF says it is (its heading and addressee).
    let named = |d: &&Document| text.contains(&d.heading) && d.preamble.first().is_none_or(|to| text.contains(to));
    let document = expected.iter().find(named).unwrap_or(&expected[0]);
    verify::verify(document, &text).map(|()| Checked::Matches).map_err(|discrepancy| ReportError::Mismatch {
        pdf: report.to_owned(),
        tender: tender.to_owned(),
        discrepancy,
    })
}
