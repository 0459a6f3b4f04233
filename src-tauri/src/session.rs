//! What the app does, without Tauri: holds the open tender file and turns each request into one call of the
//! core. The commands in `commands.rs` only move these calls off the UI thread.

use crate::ipc::{ErrorCode, IpcError, LotField, RecentTender, TenderField, TenderView};
use chrono::Utc;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tenderbench::audit::Stamp;
use tenderbench::store::{Access, TenderFile};
use tenderbench::tender::NewTender;

/// How many files the start screen remembers.
const RECENT_LIMIT: usize = 8;

pub struct Session {
    open: Mutex<Option<TenderFile>>,
    /// The JSON list of recently opened files, in the app's config directory.
    recent_file: PathBuf,
    actor: String,
}

type Result<T> = std::result::Result<T, IpcError>;

impl Session {
    pub fn new(recent_file: PathBuf, actor: String) -> Self {
        Session { open: Mutex::new(None), recent_file, actor }
    }

    fn stamp(&self) -> Stamp {
        Stamp::new(self.actor.clone(), Utc::now())
    }

    fn lock(&self) -> Result<MutexGuard<'_, Option<TenderFile>>> {
        self.open.lock().map_err(|_| IpcError::new(ErrorCode::Internal, "An earlier action failed midway."))
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
        self.remember(&current);
        Ok(current)
    }

    pub fn close(&self) -> Result<()> {
        *self.lock()? = None;
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

    fn with_open<T>(&self, action: impl FnOnce(&mut TenderFile, Stamp) -> Result<T>) -> Result<T> {
        let mut open = self.lock()?;
        let file = open.as_mut().ok_or_else(|| IpcError::new(ErrorCode::NotFound, "No tender is open."))?;
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

fn view(file: &TenderFile) -> Result<TenderView> {
    Ok(TenderView::new(file.path().display().to_string(), file.tender()?, file.lots()?))
}
