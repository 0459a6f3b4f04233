//! The report screen across IPC: a preview of the award report's sections and of the letters, the export
//! of the report and the letters as PDF files with progress, and the export of the open-contracting data.

use crate::bids::Language;
use crate::ipc::{ErrorCode, IpcError, ProblemView};
use crate::session::Session;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tenderbench::locale::Said;
use tenderbench::ocds;
use tenderbench::report::{Document, build, letter, pdf, text};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ReportRequest {
    pub language: Language,
}

/// The award report as the screen previews it: what the PDF will say, section by section, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportPreview {
    pub heading: String,
    pub running_head: String,
    pub preamble: Vec<String>,
    /// The audit chain's head as `tenderbench seal` prints it, for the consultant to file in the case file;
    /// empty for a file without an audit log.
    pub seal: String,
    pub sections: Vec<PreviewSection>,
    pub letters: Vec<LetterPreview>,
    /// The tender file does not yet record the day the notices are sent, so there are no letters yet.
    pub letters_undated: bool,
    /// The texts an English report shows in Danish for want of an English one; empty for a Danish report.
    pub missing_english: Vec<ProblemView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviewSection {
    pub number: u32,
    pub title: String,
    /// The section's text as the golden text renders it; tables are aligned for a fixed-width font.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LetterPreview {
    pub bidder: String,
    pub lot_number: i64,
    pub heading: String,
    pub file_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ExportReportRequest {
    pub language: Language,
    pub folder: String,
}

/// How far an export has come: `done` of `total` files written, `file` the one being written now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportProgress {
    pub done: u32,
    pub total: u32,
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportedReport {
    pub report: String,
    pub pages: u32,
    pub letters: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ExportOcdsRequest {
    pub folder: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportedOcds {
    pub path: String,
    pub ocid: String,
    /// How many bids and awards the package tells of.
    pub bids: u32,
    pub awards: u32,
}

/// The open-contracting package's file name: the name portals and the standard's own examples use.
pub const OCDS_FILE_NAME: &str = "release-package.json";

fn pdf_failed(e: pdf::PdfError) -> IpcError {
    IpcError::new(ErrorCode::Internal, e.said())
}

fn make_dir(dir: &Path) -> Result<(), IpcError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        let dir = dir.display();
        IpcError::new(
            ErrorCode::Internal,
            Said::new(format!("{dir} could not be made: {e}"), format!("Mappen {dir} kunne ikke oprettes: {e}")),
        )
    })
}

fn save(path: &Path, bytes: &[u8]) -> Result<(), IpcError> {
    std::fs::write(path, bytes).map_err(|e| {
        let path = path.display();
        IpcError::new(
            ErrorCode::Internal,
            Said::new(format!("{path} could not be written: {e}"), format!("{path} kunne ikke skrives: {e}")),
        )
    })
}

/// The report's file name in a folder: the language is in the name, so both languages can sit side by side.
pub fn report_file_name(language: Language) -> &'static str {
    match language {
        Language::Da => "tildelingsrapport.pdf",
        Language::En => "award-report.pdf",
    }
}

/// A document's sections as the screens preview them: numbered, each with the text the golden form gives.
pub fn preview_sections(document: &Document) -> Vec<PreviewSection> {
    document
        .sections
        .iter()
        .enumerate()
        .map(|(index, section)| PreviewSection {
            number: index as u32 + 1,
            title: section.title.clone(),
            text: text::section_body(section),
        })
        .collect()
}

/// The folder the letters go into, beside the report.
pub fn letters_folder(language: Language) -> &'static str {
    match language {
        Language::Da => "breve",
        Language::En => "letters",
    }
}

impl Session {
    pub fn report_preview(&self, language: Language) -> Result<ReportPreview, IpcError> {
        self.with_open(|file, _| {
            let lang = language.into();
            let document: Document = build::award_report(file, lang)?;
            let dated = letter::dated(file)?;
            let letters = if dated { letter::letters(file, lang)? } else { Vec::new() };
            Ok(ReportPreview {
                heading: document.heading.clone(),
                running_head: document.running_head(),
                preamble: document.preamble.clone(),
                seal: document.seal.clone(),
                sections: preview_sections(&document),
                letters: letters
                    .iter()
                    .map(|l| LetterPreview {
                        bidder: l.bidder.clone(),
                        lot_number: l.lot_number,
                        heading: l.document.heading.clone(),
                        file_name: l.file_name(),
                    })
                    .collect(),
                letters_undated: !dated,
                missing_english: match language {
                    Language::Da => Vec::new(),
                    Language::En => build::missing_english(file)?
                        .into_iter()
                        .map(|s| ProblemView { message_da: s.da, message_en: s.en })
                        .collect(),
                },
            })
        })
    }

    /// Writes the award report and one letter per bidder concerned into `folder`, calling `progress` before
    /// each file; the report goes first, so a failure in a letter still leaves the report written.
    pub fn export_report(
        &self,
        request: &ExportReportRequest,
        mut progress: impl FnMut(ReportProgress),
    ) -> Result<ExportedReport, IpcError> {
        let folder = Path::new(&request.folder);
        let letters_dir = folder.join(letters_folder(request.language));
        self.with_open(|file, _| {
            let lang = request.language.into();
            let document = build::award_report(file, lang)?;
            // The report can go before the notices' day is set; the letters follow once it is.
            let letters = if letter::dated(file)? { letter::letters(file, lang)? } else { Vec::new() };
            let total = letters.len() as u32 + 1;
            let report = folder.join(report_file_name(request.language));
            progress(ReportProgress { done: 0, total, file: report_file_name(request.language).into() });
            make_dir(folder)?;
            let (bytes, pages) = pdf::render_counted(&document).map_err(pdf_failed)?;
            save(&report, &bytes)?;
            if !letters.is_empty() {
                make_dir(&letters_dir)?;
            }
            let mut written = Vec::new();
            for (index, letter) in letters.iter().enumerate() {
                progress(ReportProgress { done: index as u32 + 1, total, file: letter.file_name() });
                let path = letters_dir.join(letter.file_name());
                save(&path, &pdf::render(&letter.document).map_err(pdf_failed)?)?;
                written.push(path.display().to_string());
            }
            progress(ReportProgress { done: total, total, file: String::new() });
            Ok(ExportedReport { report: report.display().to_string(), pages: pages as u32, letters: written })
        })
    }

    /// Writes the tender's open-contracting release package into `folder`.
    pub fn export_ocds(&self, request: &ExportOcdsRequest) -> Result<ExportedOcds, IpcError> {
        let folder = Path::new(&request.folder);
        self.with_open(|file, _| {
            let package = ocds::release_package(file, None)?;
            make_dir(folder)?;
            let path = folder.join(OCDS_FILE_NAME);
            save(&path, ocds::to_json(&package).as_bytes())?;
            let release = &package.releases[0];
            Ok(ExportedOcds {
                path: path.display().to_string(),
                ocid: release.ocid.clone(),
                bids: release.bids.as_ref().map_or(0, |b| b.details.len() as u32),
                awards: release.awards.len() as u32,
            })
        })
    }
}
