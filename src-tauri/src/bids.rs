//! The bids screen across IPC: the bids overview, the bidder response workbook and the evaluators' score
//! sheets out, and filled workbooks and score sheets in, each checked before anything is saved.
//!
//! An import is checked one file at a time first, so the screen can show "file n of m" and every diagnostic
//! before it asks to save; saving then checks all the files again together in the core, which writes nothing
//! when any of them has an error or when warnings have not been accepted.

use crate::ipc::{IpcError, ProblemView};
use crate::session::Session;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tenderbench::bid::Selection;
use tenderbench::bid_overview::{BidSummary, bid_overview};
use tenderbench::evaluation::display::round_points;
use tenderbench::locale::{Lang, copenhagen};
use tenderbench::rejection::{Ground, Rejection};
use tenderbench::store::TenderFile;
use tenderbench::workbook::{self, Diagnostic, ImportOutcome, WorkbookError};
use tenderbench::{bid_import, bid_workbook, score_sheet};
use ts_rs::TS;

/// The language a workbook or report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Da,
    En,
}

impl From<Language> for workbook::Language {
    fn from(l: Language) -> Self {
        match l {
            Language::Da => workbook::Language::Da,
            Language::En => workbook::Language::En,
        }
    }
}

impl From<Language> for tenderbench::locale::Lang {
    fn from(l: Language) -> Self {
        match l {
            Language::Da => tenderbench::locale::Lang::Da,
            Language::En => tenderbench::locale::Lang::En,
        }
    }
}

/// One bid on the overview. Amounts and points are decimal strings, as everywhere across IPC.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BidSummaryView {
    pub bid_id: i64,
    pub lot_id: i64,
    pub lot_number: i64,
    pub bidder: String,
    pub source_file: String,
    pub minimum_total: u32,
    pub minimum_met: u32,
    pub minimum_failed: Vec<String>,
    pub minimum_unanswered: Vec<String>,
    pub price: Option<String>,
    pub life_cycle_cost: Option<String>,
    pub below_minimum_points: Vec<ShortfallView>,
    /// The authority's own rejection, worded as the report and the letter state it.
    pub exclusion: Option<ProblemView>,
    /// The per-cent share the price lies below the other admissible bids' mean, one decimal, when it is at
    /// least the tender's abnormally-low share.
    pub abnormally_low: Option<String>,
    /// Decided by the core: every minimum requirement met and no exclusion.
    pub admissible: bool,
    /// While the lot's prices are sealed, `price`, `life_cycle_cost` and `abnormally_low` are empty.
    pub prices_sealed: bool,
    /// The tenderer's selection result, as the authority recorded it.
    pub selection: Option<SelectionView>,
    /// The per-cent share of the contract the bid declares it subcontracts, and to whom.
    pub subcontracted_share: Option<String>,
    pub subcontractors: String,
}

/// Whether the tenderer meets the suitability criteria and no exclusion ground applies, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SelectionView {
    pub qualified: bool,
    pub reason: String,
}

/// The selection result of a bid's tenderer, or with `selection: null` its removal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SelectBidRequest {
    pub bid_id: i64,
    pub selection: Option<SelectionView>,
}

/// A criterion on which the bid scored below the announced minimum; points rounded for display.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ShortfallView {
    pub criterion: String,
    pub points: String,
    pub min_points: String,
}

impl BidSummaryView {
    fn new(bid: &BidSummary, authority: &str) -> Self {
        let text = |d: Option<rust_decimal::Decimal>| d.map(|d| d.normalize().to_string());
        BidSummaryView {
            bid_id: bid.bid_id,
            lot_id: bid.lot_id,
            lot_number: bid.lot_number,
            bidder: bid.bidder.clone(),
            source_file: bid.source_file.clone(),
            minimum_total: bid.minimum_total as u32,
            minimum_met: bid.minimum_met as u32,
            minimum_failed: bid.minimum_failed.clone(),
            minimum_unanswered: bid.minimum_unanswered.clone(),
            price: text(bid.price.filter(|_| !bid.prices_sealed)),
            life_cycle_cost: text(bid.life_cycle_cost.filter(|_| !bid.prices_sealed).map(|d| d.round_dp(2))),
            below_minimum_points: bid
                .below_minimum_points
                .iter()
                .map(|s| ShortfallView {
                    criterion: s.criterion.clone(),
                    points: round_points(s.points).to_string(),
                    min_points: round_points(s.min_points).to_string(),
                })
                .collect(),
            exclusion: bid.rejection.as_ref().map(|r| ProblemView {
                message_da: r.statement(Lang::Da, authority),
                message_en: r.statement(Lang::En, authority),
            }),
            abnormally_low: bid
                .abnormally_low
                .filter(|_| !bid.prices_sealed)
                .map(|share| share.round_dp(1).to_string()),
            prices_sealed: bid.prices_sealed,
            admissible: bid.admissible(),
            selection: bid
                .selection
                .as_ref()
                .map(|s| SelectionView { qualified: s.qualified, reason: s.reason.clone() }),
            subcontracted_share: bid.subcontracting.as_ref().map(|s| s.share.normalize().to_string()),
            subcontractors: bid.subcontracting.as_ref().map_or_else(String::new, |s| s.subcontractors.clone()),
        }
    }
}

/// The authority's rejection of a bid, or with `rejection: null` its withdrawal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RejectBidRequest {
    pub bid_id: i64,
    pub rejection: Option<RejectionRequest>,
}

/// A rejection as the screen's form gives it: days as ISO dates ("2026-10-20"), the time a late tender was
/// received as the date-time field gives it ("2026-09-14T12:05", Danish time).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RejectionRequest {
    pub ground: GroundKind,
    pub requested_on: Option<String>,
    pub answered_on: Option<String>,
    pub received_at: Option<String>,
    pub requirement: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GroundKind {
    AbnormallyLow,
    Late,
    Documentation,
    Other,
}

/// A form field's text, trimmed; `None` when it is empty.
fn filled(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl RejectionRequest {
    fn rejection(&self) -> Result<Rejection, IpcError> {
        let day = |value: &Option<String>, en: &str, da: &str| -> Result<Option<NaiveDate>, IpcError> {
            filled(value)
                .map(|text| {
                    text.parse().map_err(|_| {
                        IpcError::invalid(
                            format!("{en}: '{text}' is not a date."),
                            format!("{da}: '{text}' er ikke en dato."),
                        )
                    })
                })
                .transpose()
        };
        let needed = |en: &str, da: &str| IpcError::invalid(format!("Give {en}."), format!("Angiv {da}."));
        let ground = match self.ground {
            GroundKind::AbnormallyLow => Ground::AbnormallyLow {
                requested_on: day(&self.requested_on, "Asked for on", "Anmodet om den")?.ok_or_else(|| {
                    needed("the day the explanation was asked for", "dagen, redegørelsen blev anmodet om")
                })?,
                answered_on: day(&self.answered_on, "Received on", "Modtaget den")?,
            },
            GroundKind::Late => {
                let text = filled(&self.received_at)
                    .ok_or_else(|| needed("when the tender was received", "hvornår tilbuddet blev modtaget"))?;
                let at = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").map_err(|_| {
                    IpcError::invalid(
                        format!("Received at: '{text}' is not a date and time."),
                        format!("Modtaget: '{text}' er ikke en dato og et klokkeslæt."),
                    )
                })?;
                Ground::Late { received_at: copenhagen(at.date(), at.time()) }
            }
            GroundKind::Documentation => Ground::Documentation {
                requirement: filled(&self.requirement)
                    .ok_or_else(|| needed("the minimum requirement", "mindstekravet"))?
                    .to_owned(),
            },
            GroundKind::Other => Ground::Other,
        };
        Ok(Rejection { ground, reason: self.reason.clone() })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ExportBidTemplateRequest {
    pub lot_number: i64,
    pub language: Language,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ExportScoreSheetsRequest {
    pub lot_number: i64,
    pub language: Language,
    pub folder: String,
}

/// Workbooks to check, one or more.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CheckWorkbooksRequest {
    pub paths: Vec<String>,
}

/// Workbooks to save; `accept_warnings` is the consultant's confirmation after seeing the warnings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ImportWorkbooksRequest {
    pub paths: Vec<String>,
    pub accept_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one workbook, worded in both languages. `reference` is the cell as Excel names it across
/// sheets, "Krav!D14".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiagnosticView {
    pub severity: Severity,
    pub file: String,
    pub sheet: Option<String>,
    pub reference: Option<String>,
    pub message_da: String,
    pub message_en: String,
}

impl DiagnosticView {
    pub fn new(d: &Diagnostic) -> Self {
        let cell = match (&d.column, d.row) {
            (Some(column), Some(row)) => Some(format!("{column}{row}")),
            (None, Some(row)) => Some(row.to_string()),
            _ => None,
        };
        // Excel quotes a sheet name with spaces in a reference; the exported sheets have none, but a
        // workbook a bidder renamed might.
        let sheet = d.sheet.as_ref().map(|s| if s.contains(' ') { format!("'{s}'") } else { s.clone() });
        DiagnosticView {
            severity: match d.severity {
                workbook::Severity::Error => Severity::Error,
                workbook::Severity::Warning => Severity::Warning,
            },
            file: d.file.clone(),
            sheet: d.sheet.clone(),
            reference: match (sheet, cell) {
                (Some(sheet), Some(cell)) => Some(format!("{sheet}!{cell}")),
                (Some(sheet), None) => Some(sheet),
                (None, cell) => cell,
            },
            message_da: d.message_da.clone(),
            message_en: d.message_en.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportState {
    /// Saved; `diagnostics` holds the warnings that were accepted.
    Imported,
    /// At least one error: nothing was saved.
    Rejected,
    /// Only warnings, not yet accepted: nothing was saved.
    NeedsConfirmation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportView {
    pub state: ImportState,
    pub diagnostics: Vec<DiagnosticView>,
}

impl ImportView {
    fn new(outcome: &ImportOutcome) -> Self {
        let (state, list) = match outcome {
            ImportOutcome::Imported { warnings } => (ImportState::Imported, warnings),
            ImportOutcome::Rejected { diagnostics } => (ImportState::Rejected, diagnostics),
            ImportOutcome::NeedsConfirmation { warnings } => (ImportState::NeedsConfirmation, warnings),
        };
        ImportView { state, diagnostics: list.iter().map(DiagnosticView::new).collect() }
    }
}

fn failed(e: WorkbookError) -> IpcError {
    IpcError::new(e.code().into(), e.said())
}

fn paths(paths: &[String]) -> Result<Vec<PathBuf>, IpcError> {
    if paths.is_empty() {
        return Err(IpcError::invalid("Choose at least one workbook.", "Vælg mindst én projektmappe."));
    }
    Ok(paths.iter().map(PathBuf::from).collect())
}

fn overview(file: &TenderFile) -> Result<Vec<BidSummaryView>, IpcError> {
    let authority = file.tender()?.authority;
    Ok(bid_overview(file)?.iter().map(|bid| BidSummaryView::new(bid, &authority)).collect())
}

/// The Linux save dialog does not add the extension its filter shows, so a bare name gets ".xlsx".
fn with_xlsx(path: &str) -> PathBuf {
    let path = Path::new(path);
    if path.extension().is_none() { path.with_extension("xlsx") } else { path.to_owned() }
}

impl Session {
    pub fn bid_overview(&self) -> Result<Vec<BidSummaryView>, IpcError> {
        self.with_open(|file, _| overview(file))
    }

    pub fn reject_bid(&self, request: &RejectBidRequest) -> Result<Vec<BidSummaryView>, IpcError> {
        let rejection = request.rejection.as_ref().map(RejectionRequest::rejection).transpose()?;
        self.with_open(|file, stamp| {
            file.set_exclusion(&stamp, request.bid_id, rejection.as_ref())?;
            overview(file)
        })
    }

    pub fn select_bid(&self, request: &SelectBidRequest) -> Result<Vec<BidSummaryView>, IpcError> {
        let selection =
            request.selection.as_ref().map(|s| Selection { qualified: s.qualified, reason: s.reason.clone() });
        self.with_open(|file, stamp| {
            file.set_selection(&stamp, request.bid_id, selection.as_ref())?;
            overview(file)
        })
    }

    /// Writes the empty bidder response workbook of a lot; returns the path written.
    pub fn export_bid_template(&self, request: &ExportBidTemplateRequest) -> Result<String, IpcError> {
        let out = with_xlsx(&request.path);
        self.with_open(|file, _| {
            bid_workbook::export_template(file, request.lot_number, request.language.into(), &out).map_err(failed)
        })?;
        Ok(out.display().to_string())
    }

    /// Writes one score sheet per evaluator into the folder; returns the paths written.
    pub fn export_score_sheets(&self, request: &ExportScoreSheetsRequest) -> Result<Vec<String>, IpcError> {
        let folder = Path::new(&request.folder);
        let written = self.with_open(|file, _| {
            score_sheet::export_score_sheets(file, request.lot_number, request.language.into(), folder).map_err(failed)
        })?;
        Ok(written.iter().map(|p| p.display().to_string()).collect())
    }

    /// Reads bid workbooks and reports what is wrong with them, saving nothing.
    pub fn check_bid_workbooks(&self, request: &CheckWorkbooksRequest) -> Result<Vec<DiagnosticView>, IpcError> {
        let paths = paths(&request.paths)?;
        let check = self.with_open(|file, _| bid_import::check_bids(file, &paths, None).map_err(failed))?;
        Ok(check.diagnostics.iter().map(DiagnosticView::new).collect())
    }

    /// Saves the bids of the workbooks in one transaction, or nothing (see [`ImportState`]).
    pub fn import_bid_workbooks(&self, request: &ImportWorkbooksRequest) -> Result<ImportView, IpcError> {
        let paths = paths(&request.paths)?;
        self.with_open(|file, stamp| {
            let outcome =
                bid_import::import_bids(file, &stamp, &paths, None, request.accept_warnings).map_err(failed)?;
            Ok(ImportView::new(&outcome))
        })
    }

    /// Reads evaluators' score sheets and reports what is wrong with them, saving nothing.
    pub fn check_score_sheets(&self, request: &CheckWorkbooksRequest) -> Result<Vec<DiagnosticView>, IpcError> {
        let paths = paths(&request.paths)?;
        let check = self.with_open(|file, _| score_sheet::check_scores(file, &paths).map_err(failed))?;
        Ok(check.diagnostics.iter().map(DiagnosticView::new).collect())
    }

    /// Saves the individual scores of the sheets in one transaction, or nothing.
    pub fn import_score_sheets(&self, request: &ImportWorkbooksRequest) -> Result<ImportView, IpcError> {
        let paths = paths(&request.paths)?;
        self.with_open(|file, stamp| {
            let outcome = score_sheet::import_scores(file, &stamp, &paths, request.accept_warnings).map_err(failed)?;
            Ok(ImportView::new(&outcome))
        })
    }
}
