//! The IPC commands: one per operation, so each can be granted on its own in `capabilities/`. Each moves its
//! work onto the blocking pool, because a tender file write waits for the disk (`synchronous = FULL`).

use crate::bids::{
    BidSummaryView, CheckWorkbooksRequest, DiagnosticView, ExportBidTemplateRequest, ExportScoreSheetsRequest,
    ImportView, ImportWorkbooksRequest,
};
use crate::ipc::{
    AddLotRequest, CreateTenderRequest, ErrorCode, IpcError, OpenTenderRequest, RecentTender, RemoveLotRequest,
    SetLotFieldRequest, SetTenderFieldRequest, TenderView,
};
use crate::report::{ExportReportRequest, ExportedReport, ReportPreview, ReportRequest};
use crate::scoring::{LotRequest, ProjectorRequest, ProjectorView, ScoreOutcome, ScoreRequest, ScoringView};
use crate::session::Session;
use std::path::Path;
use std::sync::Arc;
use tauri::{Emitter, State};

type Shared<'a> = State<'a, Arc<Session>>;

async fn blocking<T: Send + 'static>(
    session: &Arc<Session>,
    work: impl FnOnce(&Session) -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    let session = Arc::clone(session);
    tauri::async_runtime::spawn_blocking(move || work(&session))
        .await
        .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))?
}

#[tauri::command]
pub async fn create_tender(state: Shared<'_>, request: CreateTenderRequest) -> Result<TenderView, IpcError> {
    blocking(&state, move |s| s.create(Path::new(&request.path), &request.title, &request.authority)).await
}

#[tauri::command]
pub async fn open_tender(state: Shared<'_>, request: OpenTenderRequest) -> Result<TenderView, IpcError> {
    blocking(&state, move |s| s.open(Path::new(&request.path))).await
}

#[tauri::command]
pub async fn close_tender(state: Shared<'_>) -> Result<(), IpcError> {
    blocking(&state, |s| s.close()).await
}

#[tauri::command]
pub async fn get_tender(state: Shared<'_>) -> Result<TenderView, IpcError> {
    blocking(&state, |s| s.view()).await
}

#[tauri::command]
pub async fn set_tender_field(state: Shared<'_>, request: SetTenderFieldRequest) -> Result<TenderView, IpcError> {
    blocking(&state, move |s| s.set_tender_field(request.field, &request.value)).await
}

#[tauri::command]
pub async fn add_lot(state: Shared<'_>, request: AddLotRequest) -> Result<TenderView, IpcError> {
    blocking(&state, move |s| s.add_lot(&request.title)).await
}

#[tauri::command]
pub async fn set_lot_field(state: Shared<'_>, request: SetLotFieldRequest) -> Result<TenderView, IpcError> {
    blocking(&state, move |s| s.set_lot_field(request.lot_id, request.field, &request.value)).await
}

#[tauri::command]
pub async fn remove_lot(state: Shared<'_>, request: RemoveLotRequest) -> Result<TenderView, IpcError> {
    blocking(&state, move |s| s.remove_lot(request.lot_id)).await
}

#[tauri::command]
pub async fn recent_tenders(state: Shared<'_>) -> Result<Vec<RecentTender>, IpcError> {
    blocking(&state, |s| Ok(s.recent())).await
}

#[tauri::command]
pub async fn scoring_sheet(state: Shared<'_>, request: LotRequest) -> Result<ScoringView, IpcError> {
    blocking(&state, move |s| s.scoring_sheet(request.lot_id)).await
}

#[tauri::command]
pub async fn score(state: Shared<'_>, request: ScoreRequest) -> Result<ScoreOutcome, IpcError> {
    blocking(&state, move |s| s.score(&request)).await
}

#[tauri::command]
pub async fn undo_score(state: Shared<'_>, request: LotRequest) -> Result<Option<ScoreOutcome>, IpcError> {
    blocking(&state, move |s| s.undo_score(request.lot_id, false)).await
}

#[tauri::command]
pub async fn redo_score(state: Shared<'_>, request: LotRequest) -> Result<Option<ScoreOutcome>, IpcError> {
    blocking(&state, move |s| s.undo_score(request.lot_id, true)).await
}

#[tauri::command]
pub async fn projector_view(state: Shared<'_>, request: ProjectorRequest) -> Result<Option<ProjectorView>, IpcError> {
    blocking(&state, move |s| s.projector(request.lot_id, request.position, request.reveal_prices)).await
}

/// Whether the app runs under the end-to-end tests, which type file paths instead of using the OS dialogs
/// (a WebDriver session cannot reach a native dialog). Set by `TENDERBENCH_E2E=1`; see docs/app.md.
#[tauri::command]
pub fn test_mode() -> bool {
    std::env::var("TENDERBENCH_E2E").is_ok_and(|v| v == "1")
}

#[tauri::command]
pub async fn bid_overview(state: Shared<'_>) -> Result<Vec<BidSummaryView>, IpcError> {
    blocking(&state, |s| s.bid_overview()).await
}

#[tauri::command]
pub async fn export_bid_template(state: Shared<'_>, request: ExportBidTemplateRequest) -> Result<String, IpcError> {
    blocking(&state, move |s| s.export_bid_template(&request)).await
}

#[tauri::command]
pub async fn export_score_sheets(
    state: Shared<'_>,
    request: ExportScoreSheetsRequest,
) -> Result<Vec<String>, IpcError> {
    blocking(&state, move |s| s.export_score_sheets(&request)).await
}

#[tauri::command]
pub async fn check_bid_workbooks(
    state: Shared<'_>,
    request: CheckWorkbooksRequest,
) -> Result<Vec<DiagnosticView>, IpcError> {
    blocking(&state, move |s| s.check_bid_workbooks(&request)).await
}

#[tauri::command]
pub async fn import_bid_workbooks(state: Shared<'_>, request: ImportWorkbooksRequest) -> Result<ImportView, IpcError> {
    blocking(&state, move |s| s.import_bid_workbooks(&request)).await
}

#[tauri::command]
pub async fn check_score_sheets(
    state: Shared<'_>,
    request: CheckWorkbooksRequest,
) -> Result<Vec<DiagnosticView>, IpcError> {
    blocking(&state, move |s| s.check_score_sheets(&request)).await
}

#[tauri::command]
pub async fn import_score_sheets(state: Shared<'_>, request: ImportWorkbooksRequest) -> Result<ImportView, IpcError> {
    blocking(&state, move |s| s.import_score_sheets(&request)).await
}

#[tauri::command]
pub async fn report_preview(state: Shared<'_>, request: ReportRequest) -> Result<ReportPreview, IpcError> {
    blocking(&state, move |s| s.report_preview(request.language)).await
}

/// The event that reports an export's progress to the window, file by file.
pub const REPORT_PROGRESS_EVENT: &str = "report-progress";

#[tauri::command]
pub async fn export_report(
    app: tauri::AppHandle,
    state: Shared<'_>,
    request: ExportReportRequest,
) -> Result<ExportedReport, IpcError> {
    // A progress event that cannot be delivered only leaves the progress bar behind; the export goes on.
    blocking(&state, move |s| {
        s.export_report(&request, |progress| {
            let _ = app.emit(REPORT_PROGRESS_EVENT, progress);
        })
    })
    .await
}
