// Shared with build.rs through `include!`, so the declared commands and the granted ones have one source.

/// The names of the IPC commands, as declared to `tauri_build` in build.rs and granted in `capabilities/`.
pub const COMMANDS: &[&str] = &[
    "create_tender",
    "open_tender",
    "close_tender",
    "get_tender",
    "set_tender_field",
    "add_lot",
    "set_lot_field",
    "remove_lot",
    "recent_tenders",
    "test_mode",
];
