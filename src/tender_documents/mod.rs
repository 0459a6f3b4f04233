//! The tender documents the bidders receive, made from the tender file: the chapter of the tender
//! conditions on the award criteria and the evaluation (`chapter`), and the requirement specification
//! (`specification`), each as a plain [`Document`] like the award report's. The PDF comes from the
//! report's renderer, the golden text from its text form, and the Word file from [`docx`].
//!
//! `tenderbench documents T --lot N --out DIR` writes `evaluation-model.docx`, `evaluation-model.pdf`,
//! `requirement-specification.docx` and `requirement-specification.pdf` into DIR, in Danish or, with
//! `--lang en`, in English; the file names stay the same in both languages, so that scripts and the case
//! file (ESDH) find them.

pub mod chapter;
pub mod docx;
pub mod specification;

pub use chapter::evaluation_chapter;
pub use specification::requirement_specification;

pub(crate) use crate::report::wording::in_language;

use crate::error::ErrorCode;
use crate::evaluation::Problem;
use crate::locale::{Lang, Said};
use crate::publication::{DocumentKind, PublishedDocument};
use crate::report::model::{Document, Section};
use crate::report::pdf::{self, PdfError};
use crate::report::text;
use crate::store::{Access, StoreError, TenderFile};
use crate::tender::Lot;
use std::path::{Path, PathBuf};

/// What every tender document names on its first lines and in its footer: the authority, the tender and
/// the lot, and the tender file it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub authority: String,
    pub reference: String,
    pub title: String,
    pub lot_number: i64,
    pub lot_title: String,
    /// The SHA-256 of the file the document was made from, printed in the footer.
    pub file_sha256: String,
    /// The audit chain's head when the document was made; empty for a document not made from a tender file.
    pub seal: String,
    /// The time of the file's last change (RFC 3339), the PDF's creation date.
    pub as_of: String,
}

impl Heading {
    fn document(&self, heading: &str, lang: Lang, sections: Vec<Section>) -> Document {
        let lot = match lang {
            Lang::Da => format!("Delaftale {}: {}", self.lot_number, self.lot_title),
            Lang::En => format!("Lot {}: {}", self.lot_number, self.lot_title),
        };
        Document {
            lang,
            heading: heading.to_owned(),
            tender_reference: self.reference.clone(),
            tender_title: self.title.clone(),
            file_sha256: self.file_sha256.clone(),
            seal: self.seal.clone(),
            as_of: self.as_of.clone(),
            preamble: vec![self.authority.clone(), lot],
            table_of_contents: false,
            sections,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DocumentsError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("lot {lot}: the evaluation model cannot be announced until this is corrected: {}", joined(.problems, Lang::En))]
    Invalid { lot: i64, problems: Vec<Problem> },
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("the Word file could not be written: {0}")]
    Docx(#[from] zip::result::ZipError),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

fn joined(problems: &[Problem], lang: Lang) -> String {
    problems.iter().map(|p| p.message(lang)).collect::<Vec<_>>().join("; ")
}

impl DocumentsError {
    pub fn code(&self) -> ErrorCode {
        match self {
            DocumentsError::Store(e) => e.code(),
            DocumentsError::Invalid { .. } => ErrorCode::Validation,
            DocumentsError::Pdf(_) | DocumentsError::Docx(_) | DocumentsError::Io { .. } => ErrorCode::Internal,
        }
    }

    /// The error in English and Danish; what the operating system or the zip library said is quoted as it came.
    pub fn said(&self) -> Said {
        let english = self.to_string();
        match self {
            DocumentsError::Store(e) => e.said(),
            DocumentsError::Pdf(e) => e.said(),
            DocumentsError::Invalid { lot, problems } => Said::new(
                english,
                format!(
                    "delaftale {lot}: evalueringsmodellen kan ikke offentliggøres, før dette er rettet: {}",
                    joined(problems, Lang::Da)
                ),
            ),
            DocumentsError::Docx(e) => Said::new(english, format!("Word-filen kunne ikke skrives ({e}).")),
            DocumentsError::Io { path, source } => {
                Said::new(english, format!("{}: filen kunne ikke skrives ({source}).", path.display()))
            }
        }
    }
}

/// A lot's two tender documents, as plain documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Documents {
    pub evaluation_model: Document,
    pub requirement_specification: Document,
}

/// Makes the lot numbered `lot_number`'s documents in `lang` from the tender file. Only the model and
/// the requirements are read, never a bid, so the documents can be made before the bids arrive and
/// while the prices are sealed.
pub fn from_file(store: &TenderFile, lot_number: i64, lang: Lang) -> Result<Documents, DocumentsError> {
    let lot = store.lots()?.into_iter().find(|l| l.number == lot_number).ok_or_else(|| {
        StoreError::NotFound(Said::new(
            format!("{} has no lot {lot_number}.", store.path().display()),
            format!("{} har ingen delaftale {lot_number}.", store.path().display()),
        ))
    })?;
    let entries = store.audit_log()?;
    let made_from = MadeFrom {
        file_sha256: crate::store::file_sha256(store.path())?,
        seal: crate::audit::Seal::of(&entries).map(|s| s.to_string()).unwrap_or_default(),
        as_of: crate::audit::summarize(&entries).last_change,
    };
    documents(store, &lot, made_from, lang)
}

/// The lot's documents in both languages as they would be published now: the text without the footer that
/// names the file, with its hash. Publishing keeps them; `check` makes them again and compares.
pub fn as_published(store: &TenderFile, lot_id: i64) -> Result<Vec<PublishedDocument>, DocumentsError> {
    let lot = store.lots()?.into_iter().find(|l| l.id == lot_id).ok_or_else(|| {
        StoreError::NotFound(Said::new(
            format!("{} has no lot with id {lot_id}.", store.path().display()),
            format!("{} har ingen delaftale med id {lot_id}.", store.path().display()),
        ))
    })?;
    let mut published = Vec::new();
    for lang in [Lang::Da, Lang::En] {
        let made_from = MadeFrom { file_sha256: String::new(), seal: String::new(), as_of: None };
        let made = documents(store, &lot, made_from, lang)?;
        for (kind, document) in [
            (DocumentKind::EvaluationModel, &made.evaluation_model),
            (DocumentKind::RequirementSpecification, &made.requirement_specification),
        ] {
            published.push(PublishedDocument::new(kind, lang, document.heading.clone(), text::sections(document)));
        }
    }
    Ok(published)
}

/// What names the file a document was made from, in its footer and metadata.
struct MadeFrom {
    file_sha256: String,
    seal: String,
    as_of: Option<String>,
}

fn documents(store: &TenderFile, lot: &Lot, made_from: MadeFrom, lang: Lang) -> Result<Documents, DocumentsError> {
    let tender = store.tender()?;
    let mut model = store.evaluation_input(lot.id)?;
    model.bids.clear();
    let heading = Heading {
        authority: tender.authority.clone(),
        reference: tender.reference.clone(),
        title: tender.title.clone(),
        lot_number: lot.number,
        lot_title: lot.title.clone(),
        file_sha256: made_from.file_sha256,
        seal: made_from.seal,
        as_of: made_from.as_of.unwrap_or_else(|| tender.created_at.clone()),
    };
    let evaluation_model =
        evaluation_chapter(&heading, &model, tender.settings.tie_break_rule, &tender.tie_break, lang)
            .map_err(|problems| DocumentsError::Invalid { lot: lot.number, problems })?;
    let requirements = store.requirements(lot.id)?;
    let requirement_specification = requirement_specification(&heading, &model, &requirements, lang);
    Ok(Documents { evaluation_model, requirement_specification })
}

/// The base name of the questions-and-answers list [`write_questions`] writes, with `.docx` and `.pdf`.
pub const QUESTIONS: &str = "questions-and-answers";

/// Writes the tender's questions and answers as published to all bidders (anonymised, numbered, answered
/// questions only) as .docx and .pdf into `out`, and returns the paths written.
pub fn write_questions(tender: &Path, out: &Path, lang: Lang) -> Result<Vec<PathBuf>, DocumentsError> {
    let store = TenderFile::open(tender, Access::ReadOnly)?;
    save_questions(out, &questions_document(&store, lang)?)
}

/// The questions-and-answers list of the tender as published to all bidders.
pub fn questions_document(store: &TenderFile, lang: Lang) -> Result<Document, DocumentsError> {
    let about = store.tender()?;
    let entries = store.audit_log()?;
    let heading = crate::questions::Heading {
        authority: &about.authority,
        reference: &about.reference,
        title: &about.title,
        file_sha256: crate::store::file_sha256(store.path())?,
        seal: crate::audit::Seal::of(&entries).map(|s| s.to_string()).unwrap_or_default(),
        as_of: crate::audit::summarize(&entries).last_change.unwrap_or_else(|| about.created_at.clone()),
    };
    Ok(crate::questions::published_list(&heading, &store.questions()?, lang))
}

/// Writes a lot's documents as .docx and .pdf into `out` under the names [`write`] uses.
pub fn save(out: &Path, documents: &Documents) -> Result<Vec<PathBuf>, DocumentsError> {
    write_files(
        out,
        &[
            (EVALUATION_MODEL, &documents.evaluation_model),
            (REQUIREMENT_SPECIFICATION, &documents.requirement_specification),
        ],
    )
}

/// Writes the questions-and-answers list as .docx and .pdf into `out`.
pub fn save_questions(out: &Path, document: &Document) -> Result<Vec<PathBuf>, DocumentsError> {
    write_files(out, &[(QUESTIONS, document)])
}

/// Renders each document as .docx and .pdf before writing any, so that a failure leaves `out` as it was.
fn write_files(out: &Path, documents: &[(&str, &Document)]) -> Result<Vec<PathBuf>, DocumentsError> {
    let mut files = Vec::new();
    for (name, document) in documents {
        files.push((out.join(format!("{name}.docx")), docx::render(document)?));
        files.push((out.join(format!("{name}.pdf")), pdf::render(document)?));
    }
    std::fs::create_dir_all(out).map_err(|source| DocumentsError::Io { path: out.to_owned(), source })?;
    let mut written = Vec::new();
    for (path, bytes) in files {
        std::fs::write(&path, bytes).map_err(|source| DocumentsError::Io { path: path.clone(), source })?;
        written.push(path);
    }
    Ok(written)
}

/// The base names of the files [`write`] writes, each with `.docx` and `.pdf`.
pub const EVALUATION_MODEL: &str = "evaluation-model";
pub const REQUIREMENT_SPECIFICATION: &str = "requirement-specification";

/// Writes the lot's documents as .docx and .pdf into `out` (created if missing) and returns the paths
/// written. Both documents are made before anything is written, so a model that cannot be announced
/// leaves the folder as it was.
pub fn write(tender: &Path, lot_number: i64, out: &Path, lang: Lang) -> Result<Vec<PathBuf>, DocumentsError> {
    let store = TenderFile::open(tender, Access::ReadOnly)?;
    save(out, &from_file(&store, lot_number, lang)?)
}
