//! The IPC commands: one per operation, so each can be granted on its own in `capabilities/`. Each moves its
//! work onto the blocking pool, because a tender file write waits for the disk (`synchronous = FULL`).

use crate::bids::{
    BidSummaryView, CheckWorkbooksRequest, DiagnosticView, ExportBidTemplateRequest, ExportScoreSheetsRequest,
    ImportView, ImportWorkbooksRequest, RejectBidRequest, SelectBidRequest,
};
use crate::documents::{
    AddQuestionRequest, AnswerQuestionRequest, AskedQuestionsView, DocumentsRequest, DocumentsView,
    ExportDocumentsRequest, ExportQuestionsRequest, ExportedDocuments,
};
use crate::ipc::{
    AddLotRequest, CreateTenderRequest, IpcError, OpenTenderRequest, RecentTender, RemoveLotRequest,
    SetLotFieldRequest, SetTenderFieldRequest, TenderView,
};
use crate::model::{DecideRuleRequest, ModelEditRequest, ModelView, UnlockModelRequest};
use crate::panel::{AddEvaluatorRequest, DeclareRequest, PanelMember};
use crate::report::{
    ExportOcdsRequest, ExportReportRequest, ExportedOcds, ExportedReport, ReportPreview, ReportRequest,
};
use crate::requirements::{
    AddTemplateRequest, AssignRequirementRequest, CatalogueRequest, CatalogueView, MoveRequirementRequest,
    RequirementRequest, RequirementsView, SaveToCatalogueRequest, SavedToCatalogue, UpdateRequirementRequest,
};
use crate::results::{ResultsView, RobustnessView, WhatIfRequest};
use crate::scoring::{
    LotRequest, ProjectorRequest, ProjectorView, RevealPricesRequest, ScoreOutcome, ScoreRequest, ScoringView,
};
use crate::session::Session;
use crate::strategy::{AcceptWeightsRequest, DecideProposalRequest, SetAnswerRequest, StrategyState, StrategyView};
use std::path::Path;
use std::sync::Arc;
use tauri::{Emitter, State};

type Shared<'a> = State<'a, Arc<Session>>;

async fn blocking<T: Send + 'static>(
    session: &Arc<Session>,
    work: impl FnOnce(&Session) -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    let session = Arc::clone(session);
    tauri::async_runtime::spawn_blocking(move || work(&session)).await.map_err(IpcError::internal)?
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
pub async fn evaluation_model(state: Shared<'_>, request: LotRequest) -> Result<ModelView, IpcError> {
    blocking(&state, move |s| s.model(request.lot_id)).await
}

#[tauri::command]
pub async fn edit_model(state: Shared<'_>, request: ModelEditRequest) -> Result<ModelView, IpcError> {
    blocking(&state, move |s| s.edit_model(request.lot_id, &request.edit)).await
}

#[tauri::command]
pub async fn lock_model(state: Shared<'_>, request: LotRequest) -> Result<ModelView, IpcError> {
    blocking(&state, move |s| s.lock_model(request.lot_id)).await
}

#[tauri::command]
pub async fn decide_rule(state: Shared<'_>, request: DecideRuleRequest) -> Result<ModelView, IpcError> {
    blocking(&state, move |s| s.decide_rule(&request)).await
}

#[tauri::command]
pub async fn unlock_model(state: Shared<'_>, request: UnlockModelRequest) -> Result<ModelView, IpcError> {
    blocking(&state, move |s| s.unlock_model(request.lot_id, &request.reason, request.after_bids)).await
}

#[tauri::command]
pub async fn results(state: Shared<'_>, request: LotRequest) -> Result<ResultsView, IpcError> {
    blocking(&state, move |s| s.results(request.lot_id)).await
}

#[tauri::command]
pub async fn what_if(state: Shared<'_>, request: WhatIfRequest) -> Result<ResultsView, IpcError> {
    blocking(&state, move |s| s.what_if(&request)).await
}

/// The Monte Carlo part takes tens of milliseconds on a large tender; on the blocking pool the window stays
/// responsive meanwhile.
#[tauri::command]
pub async fn robustness(state: Shared<'_>, request: LotRequest) -> Result<RobustnessView, IpcError> {
    blocking(&state, move |s| s.robustness(request.lot_id)).await
}

#[tauri::command]
pub async fn panel(state: Shared<'_>) -> Result<Vec<PanelMember>, IpcError> {
    blocking(&state, |s| s.panel()).await
}

#[tauri::command]
pub async fn add_evaluator(state: Shared<'_>, request: AddEvaluatorRequest) -> Result<Vec<PanelMember>, IpcError> {
    blocking(&state, move |s| s.add_evaluator(&request)).await
}

#[tauri::command]
pub async fn declare(state: Shared<'_>, request: DeclareRequest) -> Result<Vec<PanelMember>, IpcError> {
    blocking(&state, move |s| s.declare(&request)).await
}

/// The label of the projector window; its capability grants it only what it needs to follow the main window.
pub const PROJECTOR_WINDOW: &str = "projector";

/// Opens the projector window, full screen on a second display when there is one, or brings it forward.
#[tauri::command]
pub async fn open_projector_window(app: tauri::AppHandle) -> Result<(), IpcError> {
    use tauri::Manager;
    let failed = |e: tauri::Error| IpcError::internal(e);
    if let Some(window) = app.get_webview_window(PROJECTOR_WINDOW) {
        return window.set_focus().map_err(failed);
    }
    let url = tauri::WebviewUrl::App("index.html?view=projector".into());
    let window = tauri::WebviewWindowBuilder::new(&app, PROJECTOR_WINDOW, url)
        .title("Tenderbench")
        .inner_size(1280.0, 720.0)
        .build()
        .map_err(failed)?;
    let primary = app.primary_monitor().ok().flatten().map(|m| *m.position());
    let second = app.available_monitors().unwrap_or_default().into_iter().find(|m| Some(*m.position()) != primary);
    if let Some(monitor) = second {
        // A failure to move or enlarge it leaves a normal window, which the consultant can drag there.
        let _ = window.set_position(*monitor.position());
        let _ = window.set_fullscreen(true);
    }
    Ok(())
}

/// Projects one requirement: the view goes to the projector window and back to the caller.
#[tauri::command]
pub async fn project(
    app: tauri::AppHandle,
    state: Shared<'_>,
    request: ProjectorRequest,
) -> Result<Option<ProjectorView>, IpcError> {
    use tauri::Emitter;
    let view = blocking(&state, move |s| s.project(request.lot_id, request.position, request.reveal_prices)).await?;
    // Nobody listens while the projector window is closed; that is not a failure.
    let _ = app.emit_to(PROJECTOR_WINDOW, "projection", &view);
    Ok(view)
}

#[tauri::command]
pub async fn current_projection(state: Shared<'_>) -> Result<Option<ProjectorView>, IpcError> {
    blocking(&state, |s| s.current_projection()).await
}

#[tauri::command]
pub async fn strategy(state: Shared<'_>) -> Result<StrategyView, IpcError> {
    blocking(&state, |s| s.strategy()).await
}

#[tauri::command]
pub async fn set_strategy_answer(state: Shared<'_>, request: SetAnswerRequest) -> Result<StrategyState, IpcError> {
    blocking(&state, move |s| s.set_strategy_answer(&request)).await
}

#[tauri::command]
pub async fn accept_suggested_weights(
    state: Shared<'_>,
    request: AcceptWeightsRequest,
) -> Result<StrategyState, IpcError> {
    blocking(&state, move |s| s.accept_suggested_weights(&request)).await
}

#[tauri::command]
pub async fn decide_proposal(state: Shared<'_>, request: DecideProposalRequest) -> Result<StrategyState, IpcError> {
    blocking(&state, move |s| s.decide_proposal(&request)).await
}

#[tauri::command]
pub async fn search_catalogue(state: Shared<'_>, request: CatalogueRequest) -> Result<CatalogueView, IpcError> {
    blocking(&state, move |s| s.search_catalogue(&request)).await
}

#[tauri::command]
pub async fn requirements(state: Shared<'_>, request: LotRequest) -> Result<RequirementsView, IpcError> {
    blocking(&state, move |s| s.requirements(request.lot_id)).await
}

#[tauri::command]
pub async fn add_template(state: Shared<'_>, request: AddTemplateRequest) -> Result<RequirementsView, IpcError> {
    blocking(&state, move |s| s.add_template(&request)).await
}

#[tauri::command]
pub async fn update_requirement(
    state: Shared<'_>,
    request: UpdateRequirementRequest,
) -> Result<RequirementsView, IpcError> {
    blocking(&state, move |s| s.update_requirement(&request)).await
}

#[tauri::command]
pub async fn move_requirement(
    state: Shared<'_>,
    request: MoveRequirementRequest,
) -> Result<RequirementsView, IpcError> {
    blocking(&state, move |s| s.move_requirement(&request)).await
}

#[tauri::command]
pub async fn assign_requirement(
    state: Shared<'_>,
    request: AssignRequirementRequest,
) -> Result<RequirementsView, IpcError> {
    blocking(&state, move |s| s.assign_requirement(&request)).await
}

#[tauri::command]
pub async fn remove_requirement(state: Shared<'_>, request: RequirementRequest) -> Result<RequirementsView, IpcError> {
    blocking(&state, move |s| s.remove_requirement(&request)).await
}

#[tauri::command]
pub async fn undo_remove_requirement(state: Shared<'_>, request: LotRequest) -> Result<RequirementsView, IpcError> {
    blocking(&state, move |s| s.undo_remove_requirement(request.lot_id)).await
}

#[tauri::command]
pub async fn save_to_catalogue(
    state: Shared<'_>,
    request: SaveToCatalogueRequest,
) -> Result<SavedToCatalogue, IpcError> {
    blocking(&state, move |s| s.save_to_catalogue(&request)).await
}

#[tauri::command]
pub async fn bid_overview(state: Shared<'_>) -> Result<Vec<BidSummaryView>, IpcError> {
    blocking(&state, |s| s.bid_overview()).await
}

#[tauri::command]
pub async fn reject_bid(state: Shared<'_>, request: RejectBidRequest) -> Result<Vec<BidSummaryView>, IpcError> {
    blocking(&state, move |s| s.reject_bid(&request)).await
}

#[tauri::command]
pub async fn reveal_prices(state: Shared<'_>, request: RevealPricesRequest) -> Result<ScoringView, IpcError> {
    blocking(&state, move |s| s.reveal_prices(request.lot_id, request.reason.as_deref())).await
}

#[tauri::command]
pub async fn select_bid(state: Shared<'_>, request: SelectBidRequest) -> Result<Vec<BidSummaryView>, IpcError> {
    blocking(&state, move |s| s.select_bid(&request)).await
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

#[tauri::command]
pub async fn export_ocds(state: Shared<'_>, request: ExportOcdsRequest) -> Result<ExportedOcds, IpcError> {
    blocking(&state, move |s| s.export_ocds(&request)).await
}

#[tauri::command]
pub async fn tender_documents(state: Shared<'_>, request: DocumentsRequest) -> Result<DocumentsView, IpcError> {
    blocking(&state, move |s| s.documents(&request)).await
}

#[tauri::command]
pub async fn export_documents(
    state: Shared<'_>,
    request: ExportDocumentsRequest,
) -> Result<ExportedDocuments, IpcError> {
    blocking(&state, move |s| s.export_documents(&request)).await
}

#[tauri::command]
pub async fn questions(state: Shared<'_>, request: ReportRequest) -> Result<AskedQuestionsView, IpcError> {
    blocking(&state, move |s| s.questions(request.language)).await
}

#[tauri::command]
pub async fn add_question(state: Shared<'_>, request: AddQuestionRequest) -> Result<AskedQuestionsView, IpcError> {
    blocking(&state, move |s| s.add_question(&request)).await
}

#[tauri::command]
pub async fn answer_question(
    state: Shared<'_>,
    request: AnswerQuestionRequest,
) -> Result<AskedQuestionsView, IpcError> {
    blocking(&state, move |s| s.answer_question(&request)).await
}

#[tauri::command]
pub async fn export_questions(
    state: Shared<'_>,
    request: ExportQuestionsRequest,
) -> Result<ExportedDocuments, IpcError> {
    blocking(&state, move |s| s.export_questions(&request)).await
}
