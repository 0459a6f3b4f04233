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
    "scoring_sheet",
    "score",
    "undo_score",
    "redo_score",
    "projector_view",
    "bid_overview",
    "export_bid_template",
    "export_score_sheets",
    "check_bid_workbooks",
    "import_bid_workbooks",
    "check_score_sheets",
    "import_score_sheets",
    "report_preview",
    "export_report",
];
