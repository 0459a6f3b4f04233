//! The IPC commands: one per operation, so each can be granted on its own in `capabilities/`. Each moves its
//! work onto the blocking pool, because a tender file write waits for the disk (`synchronous = FULL`).

use crate::ipc::{
    AddLotRequest, CreateTenderRequest, ErrorCode, IpcError, OpenTenderRequest, RecentTender, RemoveLotRequest,
    SetLotFieldRequest, SetTenderFieldRequest, TenderView,
};
use crate::requirements::{
    AddTemplateRequest, AssignRequirementRequest, CatalogueRequest, CatalogueView, MoveRequirementRequest,
    RequirementRequest, RequirementsView, SaveToCatalogueRequest, SavedToCatalogue, UpdateRequirementRequest,
};
use crate::scoring::{LotRequest, ProjectorRequest, ProjectorView, ScoreOutcome, ScoreRequest, ScoringView};
use crate::session::Session;
use crate::strategy::{AcceptWeightsRequest, DecideProposalRequest, SetAnswerRequest, StrategyState, StrategyView};
use std::path::Path;
use std::sync::Arc;
use tauri::State;

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
