//! The Tenderbench desktop app: a Tauri shell over the `tenderbench` core. Only this crate knows Tauri.

pub mod bids;
mod command_names;
pub mod commands;
pub mod documents;
pub mod ipc;
pub mod model;
pub mod panel;
pub mod report;
pub mod requirements;
pub mod results;
pub mod scoring;
pub mod session;
pub mod strategy;

use session::Session;
use std::sync::Arc;
use tauri::Manager;

pub use command_names::COMMANDS;

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let recent = app.path().app_config_dir()?.join("recent.json");
            let actor = std::env::var("USER").unwrap_or_else(|_| "tenderbench".into());
            app.manage(Arc::new(Session::new(recent, actor)));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::create_tender,
            commands::open_tender,
            commands::close_tender,
            commands::get_tender,
            commands::set_tender_field,
            commands::add_lot,
            commands::set_lot_field,
            commands::remove_lot,
            commands::recent_tenders,
            commands::test_mode,
            commands::scoring_sheet,
            commands::score,
            commands::undo_score,
            commands::redo_score,
            commands::projector_view,
            commands::evaluation_model,
            commands::edit_model,
            commands::lock_model,
            commands::unlock_model,
            commands::decide_rule,
            commands::results,
            commands::what_if,
            commands::robustness,
            commands::panel,
            commands::add_evaluator,
            commands::declare,
            commands::open_projector_window,
            commands::project,
            commands::current_projection,
            commands::strategy,
            commands::set_strategy_answer,
            commands::accept_suggested_weights,
            commands::decide_proposal,
            commands::search_catalogue,
            commands::requirements,
            commands::add_template,
            commands::update_requirement,
            commands::move_requirement,
            commands::assign_requirement,
            commands::remove_requirement,
            commands::undo_remove_requirement,
            commands::save_to_catalogue,
            commands::bid_overview,
            commands::reject_bid,
            commands::select_bid,
            commands::reveal_prices,
            commands::export_bid_template,
            commands::export_score_sheets,
            commands::check_bid_workbooks,
            commands::import_bid_workbooks,
            commands::check_score_sheets,
            commands::import_score_sheets,
            commands::report_preview,
            commands::export_report,
            commands::export_ocds,
            commands::tender_documents,
            commands::export_documents,
            commands::questions,
            commands::add_question,
            commands::answer_question,
            commands::export_questions,
        ])
        .run(tauri::generate_context!())
        .expect("the Tenderbench window could not start");
}
