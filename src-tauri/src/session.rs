//! What the app does, without Tauri: holds the open tender file and turns each request into one call of the
//! core. The commands in `commands.rs` only move these calls off the UI thread.

use crate::ipc::{ErrorCode, IpcError, LotField, RecentTender, TenderField, TenderView};
use crate::scoring::{ProjectorView, ScoreOutcome, ScoreRequest, ScoringView};
use chrono::Utc;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tenderbench::audit::Stamp;
use tenderbench::locale::Said;
use tenderbench::projector::ProjectorScreen;
use tenderbench::scoring::{EditHistory, ScoringSession};
use tenderbench::store::{Access, TenderFile};
use tenderbench::tender::NewTender;

/// How many files the start screen remembers.
const RECENT_LIMIT: usize = 8;

pub struct Session {
    open: Mutex<Option<TenderFile>>,
    /// The lot being scored with its undo history; dropped whenever another file is opened or this one closed.
    /// Always locked after `open`, never before, so the two cannot deadlock.
    scoring: Mutex<Option<(ScoringSession, EditHistory)>>,
    /// What the projector window shows, so that a window opened (or reloaded) later starts from it.
    projection: Mutex<Option<ProjectorView>>,
    /// The requirement deleted last, kept for undo; locked after `open`, never before.
    removed: Mutex<crate::requirements::Removed>,
    /// The JSON list of recently opened files, in the app's config directory.
    recent_file: PathBuf,
    actor: String,
}

type Result<T> = std::result::Result<T, IpcError>;

impl Session {
    pub fn new(recent_file: PathBuf, actor: String) -> Self {
        Session {
            open: Mutex::new(None),
            scoring: Mutex::new(None),
            projection: Mutex::new(None),
            removed: Mutex::new(None),
            recent_file,
            actor,
        }
    }

    fn stamp(&self) -> Stamp {
        Stamp::new(self.actor.clone(), Utc::now())
    }

    fn lock(&self) -> Result<MutexGuard<'_, Option<TenderFile>>> {
        self.open.lock().map_err(|_| poisoned())
    }

    pub fn create(&self, path: &Path, title: &str, authority: &str) -> Result<TenderView> {
        // The Linux save dialog does not add the extension its filter shows, so add it here.
        let path = if path.extension().is_none() { path.with_extension("tender") } else { path.to_owned() };
        let new = NewTender { title: title.to_owned(), authority: authority.to_owned(), reference: String::new() };
        let file = TenderFile::create(&path, &new, &self.stamp())?;
        self.replace(file)
    }

    pub fn open(&self, path: &Path) -> Result<TenderView> {
        {
            let open = self.lock()?;
            // Opening the file that is already open would trip over our own lock on it.
            if let Some(file) = open.as_ref().filter(|f| f.path() == path) {
                return view(file);
            }
        }
        // The file in use stays open until the new one has opened, so a refused file loses nothing.
        let file = TenderFile::open(path, Access::ReadWrite)?;
        self.replace(file)
    }

    fn replace(&self, file: TenderFile) -> Result<TenderView> {
        let current = view(&file)?;
        *self.lock()? = Some(file);
        *self.scoring()? = None;
        self.remember(&current);
        Ok(current)
    }

    pub fn close(&self) -> Result<()> {
        *self.lock()? = None;
        *self.scoring()? = None;
        *self.projection()? = None;
        Ok(())
    }

    pub fn view(&self) -> Result<TenderView> {
        self.with_open(|file, _| view(file))
    }

    pub fn set_tender_field(&self, field: TenderField, value: &str) -> Result<TenderView> {
        self.with_open(|file, stamp| {
            file.set_tender_field(&stamp, field.into(), value)?;
            view(file)
        })
    }

    pub fn add_lot(&self, title: &str) -> Result<TenderView> {
        self.with_open(|file, stamp| {
            file.add_lot(&stamp, title)?;
            view(file)
        })
    }

    pub fn set_lot_field(&self, lot_id: i64, field: LotField, value: &str) -> Result<TenderView> {
        self.with_open(|file, stamp| {
            file.set_lot_field(&stamp, lot_id, field.column(), value)?;
            view(file)
        })
    }

    pub fn remove_lot(&self, lot_id: i64) -> Result<TenderView> {
        self.with_open(|file, stamp| {
            file.remove_lot(&stamp, lot_id)?;
            view(file)
        })
    }

    fn scoring(&self) -> Result<MutexGuard<'_, Option<(ScoringSession, EditHistory)>>> {
        self.scoring.lock().map_err(|_| poisoned())
    }

    /// Runs `action` on the lot's scoring session, reading the lot afresh from the file when the screen
    /// (re)opens it (`reload`) or another lot was being scored; the undo history lives as long as the session.
    fn with_scoring<T>(
        &self,
        lot_id: i64,
        reload: bool,
        action: impl FnOnce(&mut TenderFile, &mut ScoringSession, &mut EditHistory, Stamp) -> Result<T>,
    ) -> Result<T> {
        let mut open = self.lock()?;
        let file = open.as_mut().ok_or_else(no_tender)?;
        let mut scoring = self.scoring()?;
        let history = match scoring.take() {
            Some((session, history)) if session.lot_id() == lot_id => {
                if reload {
                    (ScoringSession::open(file, lot_id)?, history)
                } else {
                    (session, history)
                }
            }
            _ => (ScoringSession::open(file, lot_id)?, EditHistory::default()),
        };
        let (session, history) = scoring.insert(history);
        action(file, session, history, self.stamp())
    }

    pub fn scoring_sheet(&self, lot_id: i64) -> Result<ScoringView> {
        self.with_scoring(lot_id, true, |_, session, history, _| {
            Ok(ScoringView::new(&session.sheet(), history.can_undo(), history.can_redo()))
        })
    }

    pub fn score(&self, request: &ScoreRequest) -> Result<ScoreOutcome> {
        let edit = request.edit()?;
        self.with_scoring(request.lot_id, false, |file, session, history, stamp| {
            history.push(session.apply(file, &stamp, &edit)?);
            let sheet = session.sheet_with_row(edit.requirement_id());
            Ok(ScoreOutcome::new(&sheet, history.can_undo(), history.can_redo()))
        })
    }

    /// Undoes (or with `redo`, redoes) the latest score edit; `None` when there is nothing to undo.
    pub fn undo_score(&self, lot_id: i64, redo: bool) -> Result<Option<ScoreOutcome>> {
        self.with_scoring(lot_id, false, |file, session, history, stamp| {
            let apply = |edit: &tenderbench::scoring::ScoreEdit| session.apply(file, &stamp, edit).map(|c| c.edit);
            let applied = if redo { history.redo(apply) } else { history.undo(apply) };
            let Some(edit) = applied.transpose()? else { return Ok(None) };
            let sheet = session.sheet_with_row(edit.requirement_id());
            Ok(Some(ScoreOutcome::new(&sheet, history.can_undo(), history.can_redo())))
        })
    }

    /// Opens the lot's sealed prices and returns the scoring screen read afresh, its totals with prices.
    pub fn reveal_prices(&self, lot_id: i64, reason: Option<&str>) -> Result<ScoringView> {
        {
            let mut open = self.lock()?;
            let file = open.as_mut().ok_or_else(no_tender)?;
            tenderbench::price_seal::reveal(file, &self.stamp(), lot_id, reason)?;
        }
        self.scoring_sheet(lot_id)
    }

    pub fn projector(&self, lot_id: i64, position: u32, reveal_prices: bool) -> Result<Option<ProjectorView>> {
        self.with_scoring(lot_id, false, |_, session, _, _| {
            let screen = ProjectorScreen::new(session, position as usize, reveal_prices);
            Ok(screen.as_ref().map(|screen| ProjectorView::new(screen, &session.input().currency)))
        })
    }

    fn projection(&self) -> Result<MutexGuard<'_, Option<ProjectorView>>> {
        self.projection.lock().map_err(|_| poisoned())
    }

    /// Puts a requirement on the projector window and remembers it; the command sends it to the window.
    pub fn project(&self, lot_id: i64, position: u32, reveal_prices: bool) -> Result<Option<ProjectorView>> {
        let view = self.projector(lot_id, position, reveal_prices)?;
        self.projection()?.clone_from(&view);
        Ok(view)
    }

    /// What the projector window shows now; nothing before the first requirement is projected.
    pub fn current_projection(&self) -> Result<Option<ProjectorView>> {
        Ok(self.projection()?.clone())
    }

    pub(crate) fn removed(&self) -> Result<MutexGuard<'_, crate::requirements::Removed>> {
        self.removed.lock().map_err(|_| poisoned())
    }

    pub(crate) fn with_open<T>(&self, action: impl FnOnce(&mut TenderFile, Stamp) -> Result<T>) -> Result<T> {
        let mut open = self.lock()?;
        let file = open.as_mut().ok_or_else(no_tender)?;
        action(file, self.stamp())
    }

    /// The recently opened files, newest first. An unreadable list is treated as empty: it is a convenience,
    /// and losing it must never stop anyone from opening a tender.
    pub fn recent(&self) -> Vec<RecentTender> {
        std::fs::read(&self.recent_file).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default()
    }

    /// Puts a file at the top of the recent list. A failure to write the list is ignored for the same reason
    /// an unreadable one is.
    fn remember(&self, tender: &TenderView) {
        let mut recent = self.recent();
        recent.retain(|r| r.path != tender.path);
        recent.insert(0, RecentTender { path: tender.path.clone(), title: tender.title.clone() });
        recent.truncate(RECENT_LIMIT);
        if let Some(dir) = self.recent_file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(json) = serde_json::to_vec_pretty(&recent) {
            let _ = std::fs::write(&self.recent_file, json);
        }
    }
}

/// A lock is poisoned when an earlier command panicked while holding it.
fn poisoned() -> IpcError {
    IpcError::new(
        ErrorCode::Internal,
        Said::new("An earlier action failed midway.", "En tidligere handling mislykkedes halvvejs."),
    )
}

fn no_tender() -> IpcError {
    IpcError::new(ErrorCode::NotFound, Said::new("No tender is open.", "Der er ikke åbnet noget udbud."))
}

fn view(file: &TenderFile) -> Result<TenderView> {
    let open = tenderbench::strategy::Questionnaire::builtin().unanswered_sections(&file.strategy_answers()?);
    Ok(TenderView::new(file.path().display().to_string(), file.tender()?, file.lots()?, &file.progress()?, &open))
}
