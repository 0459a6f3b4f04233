//! The tender documents across IPC: a lot's evaluation-model chapter and requirement specification previewed
//! and exported, what each publication kept of them, and the tender period's questions and answers.

use crate::bids::Language;
use crate::ipc::{ErrorCode, IpcError, ProblemView};
use crate::report::{PreviewSection, preview_sections};
use crate::session::Session;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tenderbench::locale::{Lang, Said};
use tenderbench::publication::DocumentKind;
use tenderbench::questions::{DEFAULT_ANSWER_DAYS, last_answer_day};
use tenderbench::report::Document;
use tenderbench::store::TenderFile;
use tenderbench::tender_documents::{self, DocumentsError};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DocumentsRequest {
    pub lot_id: i64,
    pub language: Language,
}

/// A lot's two documents as the screen previews them, and the chapter as each publication kept it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentsView {
    pub documents: Vec<DocumentPreview>,
    pub published: Vec<PublishedView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentPreview {
    pub heading: String,
    pub sections: Vec<PreviewSection>,
}

/// One publication's chapter: its title, when it was published (formatted) and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PublishedView {
    pub title: String,
    pub published_at: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ExportDocumentsRequest {
    pub lot_id: i64,
    pub language: Language,
    pub folder: String,
}

/// The files an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportedDocuments {
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AskedQuestionsView {
    /// The last day answers can lawfully be given, formatted; empty while the tender has no deadline.
    pub last_answer_day: String,
    pub questions: Vec<AskedQuestionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AskedQuestionView {
    pub number: u32,
    pub received_on: String,
    pub asker: String,
    pub text: String,
    pub answered_on: Option<String>,
    pub answer: Option<String>,
    pub corrigendum: bool,
    pub flags: Vec<ProblemView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AddQuestionRequest {
    /// The day received, as YYYY-MM-DD (the date field's value).
    pub received_on: String,
    pub asker: String,
    pub text: String,
    /// The language of the list returned.
    pub language: Language,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AnswerQuestionRequest {
    pub number: u32,
    pub answered_on: String,
    pub text: String,
    pub corrigendum: bool,
    pub language: Language,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ExportQuestionsRequest {
    pub language: Language,
    pub folder: String,
}

impl From<DocumentsError> for IpcError {
    fn from(e: DocumentsError) -> Self {
        IpcError::new(e.code().into(), e.said())
    }
}

fn day(value: &str, en: &str, da: &str) -> Result<NaiveDate, IpcError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| IpcError::invalid(format!("Give the day {en}."), format!("Angiv dagen, {da}.")))
}

fn preview(document: &Document) -> DocumentPreview {
    DocumentPreview { heading: document.heading.clone(), sections: preview_sections(document) }
}

fn lot_number(file: &TenderFile, lot_id: i64) -> Result<i64, IpcError> {
    file.lots()?.into_iter().find(|l| l.id == lot_id).map(|l| l.number).ok_or_else(|| {
        IpcError::new(ErrorCode::NotFound, Said::new("The lot no longer exists.", "Delaftalen findes ikke længere."))
    })
}

fn written(paths: Vec<std::path::PathBuf>) -> ExportedDocuments {
    ExportedDocuments { files: paths.iter().map(|p| p.display().to_string()).collect() }
}

impl Session {
    pub fn documents(&self, request: &DocumentsRequest) -> Result<DocumentsView, IpcError> {
        let lang: Lang = request.language.into();
        self.with_open(|file, _| {
            let made = tender_documents::from_file(file, lot_number(file, request.lot_id)?, lang)?;
            let published = file
                .publications(request.lot_id)?
                .into_iter()
                .flat_map(|p| {
                    let chapter =
                        p.documents.into_iter().find(|d| d.kind == DocumentKind::EvaluationModel && d.lang == lang);
                    let at = lang.timestamp(&p.published_at);
                    chapter.map(|d| PublishedView { title: d.title, published_at: at, sha256: d.sha256 })
                })
                .collect();
            Ok(DocumentsView {
                documents: vec![preview(&made.evaluation_model), preview(&made.requirement_specification)],
                published,
            })
        })
    }

    pub fn export_documents(&self, request: &ExportDocumentsRequest) -> Result<ExportedDocuments, IpcError> {
        self.with_open(|file, _| {
            let made = tender_documents::from_file(file, lot_number(file, request.lot_id)?, request.language.into())?;
            Ok(written(tender_documents::save(Path::new(&request.folder), &made)?))
        })
    }

    pub fn questions(&self, language: Language) -> Result<AskedQuestionsView, IpcError> {
        let lang: Lang = language.into();
        self.with_open(|file, _| {
            let tender = file.tender()?;
            let days = tender.settings.answer_days.unwrap_or(DEFAULT_ANSWER_DAYS);
            let last_day = tender.bid_deadline.map(|deadline| last_answer_day(deadline, days));
            let questions = file
                .questions()?
                .into_iter()
                .map(|q| AskedQuestionView {
                    number: q.number,
                    received_on: lang.date(q.received_on),
                    flags: last_day
                        .into_iter()
                        .flat_map(|last| q.flags(Some(last)).into_iter().map(move |f| f.said(last)))
                        .map(|s| ProblemView { message_da: s.da, message_en: s.en })
                        .collect(),
                    asker: q.asker,
                    text: q.text,
                    answered_on: q.answer.as_ref().map(|a| lang.date(a.answered_on)),
                    corrigendum: q.answer.as_ref().is_some_and(|a| a.changes_documents),
                    answer: q.answer.map(|a| a.text),
                })
                .collect();
            Ok(AskedQuestionsView { last_answer_day: last_day.map(|d| lang.date(d)).unwrap_or_default(), questions })
        })
    }

    pub fn add_question(&self, request: &AddQuestionRequest) -> Result<AskedQuestionsView, IpcError> {
        let received = day(&request.received_on, "the question was received", "spørgsmålet blev modtaget")?;
        self.with_open(|file, stamp| Ok(file.add_question(&stamp, received, &request.asker, &request.text)?))?;
        self.questions(request.language)
    }

    pub fn answer_question(&self, request: &AnswerQuestionRequest) -> Result<AskedQuestionsView, IpcError> {
        let answered = day(&request.answered_on, "the answer was given", "svaret blev givet")?;
        self.with_open(|file, stamp| {
            Ok(file.answer_question(&stamp, request.number, answered, &request.text, request.corrigendum)?)
        })?;
        self.questions(request.language)
    }

    pub fn export_questions(&self, request: &ExportQuestionsRequest) -> Result<ExportedDocuments, IpcError> {
        self.with_open(|file, _| {
            let document = tender_documents::questions_document(file, request.language.into())?;
            Ok(written(tender_documents::save_questions(Path::new(&request.folder), &document)?))
        })
    }
}
