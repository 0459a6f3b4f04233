//! The IPC commands: one per operation, so each can be granted on its own in `capabilities/`. Each moves its
//! work onto the blocking pool, because a tender file write waits for the disk (`synchronous = FULL`).

use crate::ipc::{
    AddLotRequest, CreateTenderRequest, ErrorCode, IpcError, OpenTenderRequest, RecentTender, RemoveLotRequest,
    SetLotFieldRequest, SetTenderFieldRequest, TenderView,
};
use crate::session::Session;
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

/// Whether the app runs under the end-to-end tests, which type file paths instead of using the OS dialogs
/// (a WebDriver session cannot reach a native dialog). Set by `TENDERBENCH_E2E=1`; see docs/app.md.
#[tauri::command]
pub fn test_mode() -> bool {
    std::env::var("TENDERBENCH_E2E").is_ok_and(|v| v == "1")
}
