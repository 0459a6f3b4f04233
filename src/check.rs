//! `tenderbench check`: everything that proves a tender file, run side by side.
//!
//! The store's check (SQLite's integrity check, the audit chain, every table against the change log) and the
//! bids' original workbooks read again are independent, and each is mostly reading, so they share the cores.
//! The tender documents as last published are held against their hashes and against the documents the
//! file's terms make now: a difference means the lot is evaluated on terms other than those announced.

use crate::bid_original::{self, OriginalsCheck};
use crate::locale::{Lang, Said};
use crate::publication::DocumentKind;
use crate::store::{CheckReport, StoreError, TenderFile};
use crate::tender_documents::{self, DocumentsError};
use crate::workbook::WorkbookError;

/// What `check` found: the store's own check, the originals' and the published documents'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    pub store: CheckReport,
    pub originals: OriginalsCheck,
    pub documents: DocumentsCheck,
}

impl FileCheck {
    pub fn is_ok(&self) -> bool {
        self.store.is_ok() && self.originals.breaks.is_empty() && self.documents.altered.is_empty()
    }
}

/// The published tender documents: how many were held against the terms, each whose kept text was altered
/// (the file is not sound), and each whose terms changed since (the file is sound, but the lot is evaluated
/// on terms other than those announced, which the report's changes section must then explain).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentsCheck {
    pub kept: usize,
    pub altered: Vec<Said>,
    pub differ: Vec<Said>,
}

/// Holds each lot's last published documents against their hashes and against the documents its terms
/// make now.
pub fn published_documents(store: &TenderFile) -> Result<DocumentsCheck, StoreError> {
    let mut check = DocumentsCheck::default();
    for lot in store.lots()? {
        let Some(publication) = store.publications(lot.id)?.pop() else { continue };
        if publication.documents.is_empty() {
            continue;
        }
        let now = match tender_documents::as_published(store, lot.id) {
            Ok(now) => Ok(now),
            Err(DocumentsError::Store(e)) => return Err(e),
            Err(other) => Err(other.said()),
        };
        let published = Lang::Da.timestamp(&publication.published_at);
        let published_en = Lang::En.timestamp(&publication.published_at);
        // A change shows in both languages; it is reported once per document.
        let mut differing = Vec::new();
        for document in &publication.documents {
            check.kept += 1;
            // Each language's message names the document by its title in that language.
            let title = |lang: Lang| {
                let same = publication.documents.iter().find(|d| d.kind == document.kind && d.lang == lang);
                same.map_or(document.title.as_str(), |d| d.title.as_str())
            };
            let en = format!("lot {}: {}", lot.number, title(Lang::En));
            let da = format!("delaftale {}: {}", lot.number, title(Lang::Da));
            if !document.is_intact() {
                check.altered.push(Said::new(
                    format!("{en} as published {published_en} no longer has its SHA-256 {}; the kept text was altered", document.sha256),
                    format!("{da} som offentliggjort {published} har ikke længere sin SHA-256 {}; den gemte tekst er ændret", document.sha256),
                ));
                continue;
            }
            let made = now.as_ref().map(|now| now.iter().find(|d| d.kind == document.kind && d.lang == document.lang));
            match made {
                Ok(Some(made)) if made.content == document.content => {}
                Ok(_) if differing.contains(&document.kind) => {}
                Ok(_) => {
                    differing.push(document.kind);
                    let (what_en, what_da) = match document.kind {
                        DocumentKind::EvaluationModel => (
                            "the announced model and the model used now",
                            "den offentliggjorte model og den, der bruges nu",
                        ),
                        DocumentKind::RequirementSpecification => (
                            "the announced requirements and the requirements used now",
                            "de offentliggjorte krav og dem, der bruges nu",
                        ),
                    };
                    check.differ.push(Said::new(
                        format!(
                            "{en}: {what_en} differ (published {published_en}, SHA-256 {}); publish the lot again \
                             or undo the change",
                            document.sha256
                        ),
                        format!(
                            "{da}: {what_da} er forskellige (offentliggjort {published}, SHA-256 {}); offentliggør \
                             delaftalen igen, eller fortryd ændringen",
                            document.sha256
                        ),
                    ));
                }
                Err(why) => check.differ.push(Said::new(
                    format!("{en}: the documents cannot be made from the terms now: {}", why.en),
                    format!("{da}: dokumenterne kan ikke laves ud fra vilkårene nu: {}", why.da),
                )),
            }
        }
    }
    Ok(check)
}

pub fn run(store: &TenderFile) -> Result<FileCheck, WorkbookError> {
    let originals = bid_original::gather(store)?;
    std::thread::scope(|scope| {
        let compared = scope.spawn(|| originals.check());
        let report = store.check()?;
        let documents = published_documents(store)?;
        let originals = compared.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok(FileCheck { store: report, originals, documents })
    })
}
