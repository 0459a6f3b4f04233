//! `tenderbench check`: everything that proves a tender file, run side by side.
//!
//! The store's check (SQLite's integrity check, the audit chain, every table against the change log) and the
//! bids' original workbooks read again are independent, and each is mostly reading, so they share the cores.

use crate::bid_original::{self, OriginalsCheck};
use crate::store::{CheckReport, TenderFile};
use crate::workbook::WorkbookError;

/// What `check` found: the store's own check and the originals'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    pub store: CheckReport,
    pub originals: OriginalsCheck,
}

impl FileCheck {
    pub fn is_ok(&self) -> bool {
        self.store.is_ok() && self.originals.breaks.is_empty()
    }
}

pub fn run(store: &TenderFile) -> Result<FileCheck, WorkbookError> {
    let originals = bid_original::gather(store)?;
    std::thread::scope(|scope| {
        let compared = scope.spawn(|| originals.check());
        let report = store.check()?;
        let originals = compared.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok(FileCheck { store: report, originals })
    })
}
