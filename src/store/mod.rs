//! The tender file: one SQLite database per tender, and the only module that speaks SQL.
//!
//! A tender file is self-contained whenever no write is in progress: it uses the rollback journal (never
//! WAL), so a consultant can copy or mail it at any moment. `PRAGMA application_id` marks it as a tender
//! file and `PRAGMA user_version` is its format version. Each user action is one transaction that also
//! appends its audit rows, with `synchronous = FULL` so an acknowledged edit survives a crash.
//!
//! While a [`TenderFile`] is open for writing it holds an exclusive OS lock on the file, so a second
//! writer is told the file is opened by another program instead of racing it.

mod bids;
mod change_log;
mod evaluation;
mod panel;
mod price_items;
mod publication;
mod questions;
mod requirements;
mod strategy;
mod tender;

pub use change_log::DataBreak;
pub use evaluation::ModelLock;
pub use requirements::RemovedRequirement;

use crate::audit::{self, AuditEntry, ChainBreak, Stamp};
use crate::error::ErrorCode;
use crate::locale::{Lang, Said};
use crate::tender::NewTender;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

/// "TBND": marks an SQLite database as a tender file.
pub const APPLICATION_ID: i32 = 0x5442_4E44;

/// Forward-only migrations; entry `i` takes a file from version `i + 1` to `i + 2`. A new file is made from
/// `schema_v1.sql` and all of them, so that new and migrated files cannot differ.
const MIGRATIONS: &[&str] = &[
    include_str!("migrate_v2.sql"),
    include_str!("migrate_v3.sql"),
    include_str!("migrate_v4.sql"),
    include_str!("migrate_v5.sql"),
    include_str!("migrate_v6.sql"),
    include_str!("migrate_v7.sql"),
    include_str!("migrate_v8.sql"),
    include_str!("migrate_v9.sql"),
];

/// The first format with a change log; an older file gets its present content logged as it migrates.
const CHANGE_LOG_VERSION: i32 = 3;

/// The format version this build writes.
pub const CURRENT_VERSION: i32 = 1 + MIGRATIONS.len() as i32;

const SCHEMA_V1: &str = include_str!("schema_v1.sql");

/// Why the tender file refused or failed. `Display` is the English wording; [`StoreError::said`] gives both.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: no such file")]
    Missing { path: PathBuf },
    #[error("{path}: a file of that name already exists")]
    Exists { path: PathBuf },
    #[error("{path} is not a tender file: {reason}")]
    NotATenderFile { path: PathBuf, reason: Said },
    #[error("{path} is damaged: {reason}")]
    Damaged { path: PathBuf, reason: Said },
    #[error(
        "{path} was saved by a newer version of Tenderbench (file format {version}; this version reads up to {supported}). Update Tenderbench to open it; the file was not changed."
    )]
    TooNew { path: PathBuf, version: i32, supported: i32 },
    #[error("{path} is opened by another program. Close it there first.")]
    Locked { path: PathBuf },
    #[error("{0}")]
    Invalid(Said),
    #[error("{0}")]
    NotFound(Said),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("tender file error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("internal error: a change would have been saved without its audit row, so nothing was saved")]
    Unrecorded,
    #[error(
        "Lot {lot} has {bids} bids: the bidders have bid on its published terms. Unlocking it to change them \
         needs a second confirmation, and the report will show every change."
    )]
    BidsIn { lot: i64, bids: usize },
}

impl StoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Missing { .. } | StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Exists { .. } | StoreError::Invalid(_) => ErrorCode::Validation,
            StoreError::NotATenderFile { .. } | StoreError::Damaged { .. } => ErrorCode::NotATenderFile,
            StoreError::TooNew { .. } => ErrorCode::FileTooNew,
            StoreError::Locked { .. } => ErrorCode::Locked,
            StoreError::Io { .. } | StoreError::Sqlite(_) | StoreError::Unrecorded => ErrorCode::Internal,
            StoreError::BidsIn { .. } => ErrorCode::NeedsConfirmation,
        }
    }

    /// The refusal in English and Danish. What the operating system or SQLite said is quoted as it came,
    /// in English, inside a Danish sentence.
    pub fn said(&self) -> Said {
        let english = self.to_string();
        match self {
            StoreError::Invalid(said) | StoreError::NotFound(said) => said.clone(),
            StoreError::Missing { path } => Said::new(english, format!("{}: filen findes ikke.", path.display())),
            StoreError::Exists { path } => {
                Said::new(english, format!("{}: der findes allerede en fil med det navn.", path.display()))
            }
            StoreError::NotATenderFile { path, reason } => {
                Said::new(english, format!("{} er ikke en udbudsfil: {}", path.display(), reason.da))
            }
            StoreError::Damaged { path, reason } => {
                Said::new(english, format!("{} er beskadiget: {}", path.display(), reason.da))
            }
            StoreError::TooNew { path, version, supported } => Said::new(
                english,
                format!(
                    "{} er gemt af en nyere version af Tenderbench (filformat {version}; denne version læser op \
                     til {supported}). Opdatér Tenderbench for at åbne den; filen er ikke ændret.",
                    path.display()
                ),
            ),
            StoreError::Locked { path } => {
                Said::new(english, format!("{} er åben i et andet program. Luk den der først.", path.display()))
            }
            StoreError::Io { path, source } => {
                Said::new(english, format!("{}: filen kunne ikke læses eller skrives ({source}).", path.display()))
            }
            StoreError::Sqlite(e) => Said::new(english, format!("Fejl i udbudsfilen: {e}")),
            StoreError::Unrecorded => Said::new(
                english,
                "Intern fejl: en ændring ville være gemt uden sin række i revisionssporet, så intet er gemt.",
            ),
            StoreError::BidsIn { lot, bids } => Said::new(
                english,
                format!(
                    "Delaftale {lot} har {bids} tilbud: tilbudsgiverne har givet tilbud på de offentliggjorte \
                     vilkår. At låse den op for at ændre dem kræver en bekræftelse mere, og rapporten vil vise \
                     hver ændring."
                ),
            ),
        }
    }

    pub fn invalid(en: impl Into<String>, da: impl Into<String>) -> StoreError {
        StoreError::Invalid(Said::new(en, da))
    }

    pub fn not_found(en: impl Into<String>, da: impl Into<String>) -> StoreError {
        StoreError::NotFound(Said::new(en, da))
    }

    /// The lot a request names is not in the tender file.
    pub fn no_lot(lot_id: i64) -> StoreError {
        StoreError::not_found(format!("There is no lot {lot_id}."), format!("Der findes ingen delaftale {lot_id}."))
    }

    /// No evaluator on the panel has this name.
    pub fn no_evaluator_named(name: &str) -> StoreError {
        StoreError::not_found(
            format!("There is no evaluator called {name}."),
            format!("Der findes ingen bedømmer med navnet {name}."),
        )
    }

    /// The evaluator a request names is not on the panel.
    pub fn no_evaluator(evaluator_id: i64) -> StoreError {
        StoreError::not_found(
            format!("There is no evaluator {evaluator_id}."),
            format!("Der findes ingen bedømmer {evaluator_id}."),
        )
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Whether a tender file is opened to change it or only to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly,
}

/// An open tender file.
pub struct TenderFile {
    conn: Connection,
    path: PathBuf,
    // Held for its OS lock; dropped with the TenderFile.
    _lock: File,
}

impl std::fmt::Debug for TenderFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TenderFile").field("path", &self.path).finish()
    }
}

/// The result of `check`: SQLite's own integrity check and the audit chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// The lines `PRAGMA integrity_check` printed when it did not print exactly `ok`.
    pub integrity_problems: Vec<String>,
    pub chain: std::result::Result<(), ChainBreak>,
    /// Whether every table is what the change log under the chain rebuilds.
    pub data: std::result::Result<(), DataBreak>,
    pub audit_rows: usize,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity_problems.is_empty() && self.chain.is_ok() && self.data.is_ok()
    }
}

impl TenderFile {
    /// Creates a new tender file; refuses to overwrite an existing file.
    pub fn create(path: &Path, new: &NewTender, stamp: &Stamp) -> Result<TenderFile> {
        let file = OpenOptions::new().read(true).write(true).create_new(true).open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                StoreError::Exists { path: path.to_owned() }
            } else {
                StoreError::Io { path: path.to_owned(), source: e }
            }
        })?;
        lock(&file, path, Access::ReadWrite)?;
        let created = (|| {
            let conn = connect(path, Access::ReadWrite)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            let mut store = TenderFile { conn, path: path.to_owned(), _lock: file };
            store.write(|tx| {
                tx.execute_batch(SCHEMA_V1)?;
                for sql in MIGRATIONS {
                    tx.execute_batch(sql)?;
                }
                tx.pragma_update(None, "user_version", CURRENT_VERSION)?;
                change_log::install(tx)?;
                tender::insert(tx, new, stamp)
            })?;
            Ok(store)
        })();
        if created.is_err() {
            // A half-made file is no tender file; do not leave it behind to be mistaken for one.
            let _ = std::fs::remove_file(path);
        }
        created
    }

    /// Opens an existing tender file, migrating it to the current format if it is older.
    pub fn open(path: &Path, access: Access) -> Result<TenderFile> {
        let file = OpenOptions::new().read(true).write(access == Access::ReadWrite).open(path).map_err(|e| match e
            .kind()
        {
            std::io::ErrorKind::NotFound => StoreError::Missing { path: path.to_owned() },
            _ => StoreError::Io { path: path.to_owned(), source: e },
        })?;
        lock(&file, path, access)?;
        // After a crash mid-commit the file's header may describe pages that only the journal can restore;
        // SQLite rolls the journal back on first read, so the length check is left to it in that case.
        let hot_journal = std::fs::metadata(journal_path(path)).is_ok_and(|m| m.len() > 0);
        let version = inspect_header(path, &file, !hot_journal)?;
        let conn = connect(path, access)?;
        let mut store = TenderFile { conn, path: path.to_owned(), _lock: file };
        if version < CURRENT_VERSION {
            if access == Access::ReadOnly {
                return Err(StoreError::invalid(
                    format!(
                        "{} has file format {version} and must be upgraded; open it for writing once.",
                        path.display()
                    ),
                    format!(
                        "{} har filformat {version} og skal opgraderes; åbn den én gang med skriveadgang.",
                        path.display()
                    ),
                ));
            }
            store.migrate(version, MIGRATIONS)?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `change` as one transaction: all of it is saved, durably, or none of it. A change must end with
    /// its audit row, which vouches for every row the change wrote; one that does not is not saved.
    fn write<T>(&mut self, change: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = change(&tx)?;
        if change_log::uncovered(&tx)? {
            return Err(StoreError::Unrecorded);
        }
        tx.commit()?;
        Ok(value)
    }

    /// Applies forward migrations in one transaction, after writing a backup copy next to the file. A file
    /// from before the change log gets its present content logged, under an audit row that records the
    /// upgrade; this is the one write that reads the clock, since no user action stands behind it.
    fn migrate(&mut self, from: i32, migrations: &[&str]) -> Result<()> {
        let backup = self.path.with_extension(format!("v{from}.backup.tender"));
        std::fs::copy(&self.path, &backup).map_err(|e| StoreError::Io { path: backup.clone(), source: e })?;
        self.write(|tx| {
            let mut to = from;
            for (index, sql) in migrations.iter().enumerate().skip(from as usize - 1) {
                tx.execute_batch(sql)?;
                to = index as i32 + 2;
                tx.pragma_update(None, "user_version", to)?;
            }
            change_log::install(tx)?;
            if from < CHANGE_LOG_VERSION {
                change_log::baseline(tx)?;
                let stamp = Stamp::new("Tenderbench", chrono::Utc::now());
                record(tx, &stamp, "file", "format", Some(&from.to_string()), Some(&to.to_string()))?;
            }
            Ok(())
        })
    }

    /// Runs SQLite's integrity check, verifies the audit chain, and replays the change log against every
    /// table. The integrity check reads every page and the replay every row, so they run side by side, the
    /// integrity check on a connection of its own.
    pub fn check(&self) -> Result<CheckReport> {
        // A first read rolls back a journal left by a crash, before a second connection looks at the file. The
        // read transaction then keeps writers out until every connection of the check has read the file.
        let snapshot = self.conn.unchecked_transaction()?;
        self.format_version()?;
        let path = self.path.as_path();
        std::thread::scope(|scope| {
            let integrity = scope.spawn(move || integrity_problems(path));
            let entries = self.audit_log()?;
            let data = change_log::verify(&self.conn, path, &entries)?;
            snapshot.finish()?;
            let chain = audit::verify_chain(&entries);
            let integrity_problems = integrity.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            Ok(CheckReport { integrity_problems, chain, data, audit_rows: entries.len() })
        })
    }

    /// The whole audit log in order.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        let mut statement = self.conn.prepare(
            "SELECT seq, at, actor, entity, field, old_value, new_value, hash, changes_to, changes_sha256
                 FROM audit_log ORDER BY seq",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(AuditEntry {
                seq: row.get(0)?,
                at: row.get(1)?,
                actor: row.get(2)?,
                entity: row.get(3)?,
                field: row.get(4)?,
                old_value: row.get(5)?,
                new_value: row.get(6)?,
                hash: row.get(7)?,
                changes: match (row.get(8)?, row.get(9)?) {
                    (Some(to), Some(sha256)) => Some(audit::Covered { to, sha256 }),
                    _ => None,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The format version stored in the file.
    pub fn format_version(&self) -> Result<i32> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }
}

/// Appends one row to the audit log, chained to the row before it.
fn record(
    tx: &Transaction,
    stamp: &Stamp,
    entity: &str,
    field: &str,
    old_value: Option<&str>,
    new_value: Option<&str>,
) -> Result<()> {
    let last: Option<(i64, String, Option<i64>)> = tx
        .query_row("SELECT seq, hash, changes_to FROM audit_log ORDER BY seq DESC LIMIT 1", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?;
    let (previous_seq, previous_hash, previous_to) = last.unwrap_or((0, audit::GENESIS.to_owned(), None));
    let mut entry = AuditEntry {
        seq: previous_seq + 1,
        at: stamp.at_text(),
        actor: stamp.actor.clone(),
        entity: entity.to_owned(),
        field: field.to_owned(),
        old_value: old_value.map(str::to_owned),
        new_value: new_value.map(str::to_owned),
        changes: Some(change_log::cover(tx, previous_to.unwrap_or(0))?),
        hash: String::new(),
    };
    entry.hash = audit::chain_hash(&previous_hash, &entry);
    let covered = entry.changes.as_ref();
    tx.execute(
        "INSERT INTO audit_log (seq, at, actor, entity, field, old_value, new_value, hash, changes_to, changes_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            entry.seq,
            entry.at,
            entry.actor,
            entry.entity,
            entry.field,
            entry.old_value,
            entry.new_value,
            entry.hash,
            covered.map(|c| c.to),
            covered.map(|c| &c.sha256)
        ],
    )?;
    Ok(())
}

/// The lines `PRAGMA integrity_check` prints when they are not exactly `ok`.
fn integrity_problems(path: &Path) -> Result<Vec<String>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let mut statement = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(if lines == ["ok"] { Vec::new() } else { lines })
}

fn lock(file: &File, path: &Path, access: Access) -> Result<()> {
    // A lock can be held for a moment after its holder closed the file: a process forked in between (to
    // start a child program) shares the open file until the child execs. So a busy lock is tried again
    // for a short while before the file is reported as opened by another program.
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(250);
    loop {
        let attempt = match access {
            Access::ReadWrite => file.try_lock(),
            Access::ReadOnly => file.try_lock_shared(),
        };
        match attempt {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => return Err(StoreError::Locked { path: path.to_owned() }),
            Err(std::fs::TryLockError::Error(source)) => return Err(StoreError::Io { path: path.to_owned(), source }),
        }
    }
}

fn journal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}

fn connect(path: &Path, access: Access) -> Result<Connection> {
    // Even a reader opens the database writable, because after a crash the first reader must roll back the
    // hot journal; SQLite falls back to read-only by itself where the file is write-protected.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    // DELETE journal mode keeps the file self-contained; FULL sync makes each commit durable.
    if access == Access::ReadWrite {
        conn.pragma_update(None, "journal_mode", "DELETE")?;
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(conn)
}

/// Reads the SQLite header directly, before SQLite touches the file, so that a foreign, damaged or newer
/// file is refused without a single byte of it being changed. Returns the format version.
fn inspect_header(path: &Path, file: &File, check_length: bool) -> Result<i32> {
    let not_tender =
        |en: &str, da: &str| StoreError::NotATenderFile { path: path.to_owned(), reason: Said::new(en, da) };
    let damaged = |reason: Said| StoreError::Damaged { path: path.to_owned(), reason };
    let mut header = Vec::with_capacity(100);
    file.take(100).read_to_end(&mut header).map_err(|e| StoreError::Io { path: path.to_owned(), source: e })?;
    const MAGIC: &[u8] = b"SQLite format 3\0";
    if header.len() < MAGIC.len() || &header[..MAGIC.len()] != MAGIC {
        return Err(not_tender("it is not a Tenderbench database", "den er ikke en Tenderbench-database"));
    }
    if header.len() < 100 {
        return Err(damaged(Said::new(
            "the file is cut short; restore it from a copy",
            "filen er afkortet; gendan den fra en kopi",
        )));
    }
    let be32 = |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    if be32(68) as i32 != APPLICATION_ID {
        return Err(not_tender(
            "it is an SQLite database made by another program",
            "den er en SQLite-database lavet af et andet program",
        ));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let length = file.metadata().map_err(|e| StoreError::Io { path: path.to_owned(), source: e })?.len();
    // The page count in the header is trustworthy only when the change counter matches its check copy.
    if check_length && be32(92) == be32(24) && length < page_size * u64::from(be32(28)) {
        let expected = page_size * u64::from(be32(28));
        return Err(damaged(Said::new(
            format!(
                "it is {length} bytes long but should be {expected} bytes; it was cut short, for example by an \
                 incomplete copy. Restore it from a copy"
            ),
            format!(
                "den er {} byte lang, men skulle være {} byte; den er blevet afkortet, for eksempel ved en \
                 ufuldstændig kopiering. Gendan den fra en kopi",
                Lang::Da.number(length.into(), 0),
                Lang::Da.number(expected.into(), 0)
            ),
        )));
    }
    let version = be32(60) as i32;
    if version > CURRENT_VERSION {
        return Err(StoreError::TooNew { path: path.to_owned(), version, supported: CURRENT_VERSION });
    }
    if version < 1 {
        return Err(not_tender(
            "it has no tender file format version",
            "den angiver ingen version af udbudsfilens format",
        ));
    }
    Ok(version)
}

/// The number of a lot, for naming it in messages and the audit log.
fn lot_number(tx: &rusqlite::Connection, lot_id: i64) -> Result<i64> {
    tx.query_row("SELECT number FROM lot WHERE id = ?1", params![lot_id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| StoreError::no_lot(lot_id))
}

/// Reads a decimal stored as text. The store writes only valid decimals, so a bad one is reported as a
/// damaged column rather than guessed at.
fn decimal_column(row: &rusqlite::Row, index: usize) -> rusqlite::Result<rust_decimal::Decimal> {
    let text: String = row.get(index)?;
    text.parse().map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e)))
}

/// The SHA-256 of the file's bytes, printed in the award report so a reader can tie it to the file.
pub fn file_sha256(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| StoreError::Io { path: path.to_owned(), source: e })?;
    Ok(hex::encode(Sha256::digest(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_migration_backs_up_the_file_and_raises_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.tender");
        let stamp = Stamp::new("test", chrono::Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap());
        let new = NewTender { title: "T".into(), authority: "A".into(), reference: String::new() };
        let mut store = TenderFile::create(&path, &new, &stamp).unwrap();
        // A migration one version past today's, as the next format change will add it.
        let mut migrations = MIGRATIONS.to_vec();
        migrations.push("CREATE TABLE added_next (x INTEGER);");
        store.migrate(CURRENT_VERSION, &migrations).unwrap();
        assert_eq!(store.format_version().unwrap(), CURRENT_VERSION + 1);
        store.conn.execute("INSERT INTO added_next VALUES (1)", []).unwrap();
        let backup = dir.path().join(format!("t.v{CURRENT_VERSION}.backup.tender"));
        assert!(backup.exists());
        drop(store);
        assert_eq!(inspect_header(&backup, &File::open(&backup).unwrap(), true).unwrap(), CURRENT_VERSION);
    }
}
