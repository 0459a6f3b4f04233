//! The change log, from which `check` rebuilds every table to find a change made behind Tenderbench's back.
//!
//! Triggers on every data table append each touched row's new content, as SQLite's own JSON of its columns,
//! to `change_row` (a removed row gets no content). The audit row that closes a transaction vouches for the
//! change rows written since the previous audit row by their last id and a SHA-256 of their content, and
//! that digest is part of the audit row's chained hash. So the log cannot be edited without breaking the
//! chain, and a table edited without the triggers (or with them, but with no audit row) no longer matches
//! the log. Only a forger who rewrites log, chain and data together goes unseen here; the seal that the
//! report prints and the consultant files outside the tender file finds that one.
//!
//! The triggers are made from the tables' own columns each time the format changes, so a table or column
//! that a later format adds is logged without anyone listing it here.

use super::Result;
use crate::audit::{AuditEntry, Covered};
use crate::locale::Said;
use hashbrown::{DefaultHashBuilder, HashMap, HashTable};
use rusqlite::{Connection, OpenFlags, Transaction, params};
use sha2::{Digest, Sha256};
use std::hash::BuildHasher;
use std::ops::Range;
use std::path::Path;

/// The tables that are not data: the log itself and the chain that vouches for it.
const UNLOGGED: &[&str] = &["audit_log", "change_row"];

/// A data table as the log sees it: its primary-key columns and the columns it logs, in table order.
/// SQLite's JSON cannot hold bytes, so a BLOB column is left out; bytes are vouched for by their hash in a
/// logged column instead (a bid's original workbook by `bid.source_sha256`).
struct Table {
    name: String,
    key: Vec<String>,
    columns: Vec<String>,
}

impl Table {
    /// The row's key as SQL: a JSON array of its primary-key values, read through `prefix` (`NEW.`, `OLD.`
    /// or nothing).
    fn key_sql(&self, prefix: &str) -> String {
        let parts: Vec<String> = self.key.iter().map(|c| format!("{prefix}\"{c}\"")).collect();
        format!("json_array({})", parts.join(", "))
    }

    /// The row's content as SQL: a JSON object of every column.
    fn content_sql(&self, prefix: &str) -> String {
        let parts: Vec<String> = self.columns.iter().map(|c| format!("'{c}', {prefix}\"{c}\"")).collect();
        format!("json_object({})", parts.join(", "))
    }

    /// Names a row by its key columns and values, for a message.
    fn describe(&self, key: &str) -> String {
        let values: Vec<serde_json::Value> = serde_json::from_str(key).unwrap_or_default();
        self.key
            .iter()
            .zip(values)
            .map(|(column, value)| format!("{column} = {}", shown(&value)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn tables(conn: &Connection) -> Result<Vec<Table>> {
    let mut statement = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
    )?;
    let names: Vec<String> = statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut tables = Vec::new();
    for name in names.into_iter().filter(|n| !UNLOGGED.contains(&n.as_str())) {
        let mut info = conn.prepare(&format!("PRAGMA table_info(\"{name}\")"))?;
        let columns: Vec<(String, String, i64)> =
            info.query_map([], |row| Ok((row.get(1)?, row.get(2)?, row.get(5)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut key: Vec<(i64, String)> = columns.iter().filter(|c| c.2 > 0).map(|c| (c.2, c.0.clone())).collect();
        key.sort();
        tables.push(Table {
            name,
            key: key.into_iter().map(|k| k.1).collect(),
            columns: columns.into_iter().filter(|c| !c.1.eq_ignore_ascii_case("BLOB")).map(|c| c.0).collect(),
        });
    }
    Ok(tables)
}

/// Makes (or remakes, after a format change) the triggers that log every data table.
pub(super) fn install(tx: &Transaction) -> Result<()> {
    let mut statement =
        tx.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'log\\_%' ESCAPE '\\'")?;
    let old: Vec<String> = statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    for name in old {
        tx.execute_batch(&format!("DROP TRIGGER \"{name}\";"))?;
    }
    for table in tables(tx)? {
        let name = &table.name;
        let (new_key, old_key) = (table.key_sql("NEW."), table.key_sql("OLD."));
        let content = table.content_sql("NEW.");
        tx.execute_batch(&format!(
            "CREATE TRIGGER \"log_{name}_insert\" AFTER INSERT ON \"{name}\" BEGIN
                 INSERT INTO change_row (tbl, key, content) VALUES ('{name}', {new_key}, {content});
             END;
             CREATE TRIGGER \"log_{name}_update\" AFTER UPDATE ON \"{name}\" BEGIN
                 INSERT INTO change_row (tbl, key, content) SELECT '{name}', {old_key}, NULL WHERE {old_key} <> {new_key};
                 INSERT INTO change_row (tbl, key, content) VALUES ('{name}', {new_key}, {content});
             END;
             CREATE TRIGGER \"log_{name}_delete\" AFTER DELETE ON \"{name}\" BEGIN
                 INSERT INTO change_row (tbl, key, content) VALUES ('{name}', {old_key}, NULL);
             END;"
        ))?;
    }
    Ok(())
}

/// Logs the present content of every data table, for a file that had no change log before.
pub(super) fn baseline(tx: &Transaction) -> Result<()> {
    for table in tables(tx)? {
        tx.execute(
            &format!(
                "INSERT INTO change_row (tbl, key, content) SELECT ?1, {}, {} FROM \"{}\" ORDER BY rowid",
                table.key_sql(""),
                table.content_sql(""),
                table.name
            ),
            params![table.name],
        )?;
    }
    Ok(())
}

/// The digest of change rows, fed one row at a time in id order.
#[derive(Default)]
struct RowDigest(Sha256);

impl RowDigest {
    fn add(&mut self, id: i64, table: &str, key: &str, content: Option<&str>) {
        for part in [id.to_string().as_str(), table, key, content.unwrap_or("\0")] {
            self.0.update(part.as_bytes());
            self.0.update([0x1f]);
        }
        self.0.update([0x1e]);
    }

    fn finish(self) -> String {
        hex::encode(self.0.finalize())
    }
}

/// What an audit row written now vouches for: the change rows after `previous_to`.
pub(super) fn cover(tx: &Transaction, previous_to: i64) -> Result<Covered> {
    let mut statement = tx.prepare("SELECT id, tbl, key, content FROM change_row WHERE id > ?1 ORDER BY id")?;
    let mut rows = statement.query(params![previous_to])?;
    let (mut digest, mut to) = (RowDigest::default(), previous_to);
    while let Some(row) = rows.next()? {
        to = row.get(0)?;
        digest.add(
            to,
            &row.get::<_, String>(1)?,
            &row.get::<_, String>(2)?,
            row.get::<_, Option<String>>(3)?.as_deref(),
        );
    }
    Ok(Covered { to, sha256: digest.finish() })
}

/// Whether change rows were written after the last audit row: a change no audit row vouches for.
pub(super) fn uncovered(tx: &Transaction) -> Result<bool> {
    let last: Option<i64> = tx.query_row("SELECT MAX(id) FROM change_row", [], |row| row.get(0))?;
    let covered: Option<i64> = tx.query_row(
        "SELECT MAX(changes_to) FROM (SELECT changes_to FROM audit_log ORDER BY seq DESC LIMIT 1)",
        [],
        |row| row.get(0),
    )?;
    Ok(last.unwrap_or(0) > covered.unwrap_or(0))
}

/// Where the data and the log part ways.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataBreak {
    #[error(
        "the change log that audit log row {seq} vouches for was altered: its rows no longer match the digest the audit row recorded"
    )]
    LogAltered { seq: i64 },
    #[error("table {table}, row {row} was changed without an audit row: the file was edited outside Tenderbench")]
    Unrecorded { table: String, row: String },
    #[error(
        "table {table}, row {row}, field {field} holds {found}, but the audit log recorded {logged}: the file was changed outside Tenderbench"
    )]
    Differs { table: String, row: String, field: String, found: String, logged: String },
    #[error("table {table} holds row {row}, which the audit log never recorded: it was added outside Tenderbench")]
    Added { table: String, row: String },
    #[error(
        "table {table} lacks row {row}, which the audit log recorded and never removed: it was removed outside Tenderbench"
    )]
    Removed { table: String, row: String },
}

impl DataBreak {
    pub fn said(&self) -> Said {
        let da = match self {
            DataBreak::LogAltered { seq } => format!(
                "ændringsloggen, som revisionssporets række {seq} dækker, er ændret: rækkerne passer ikke længere med \
                 den hash, revisionssporet har registreret"
            ),
            DataBreak::Unrecorded { table, row } => format!(
                "tabellen {table}, rækken {row} er ændret uden en række i revisionssporet: filen er redigeret uden for \
                 Tenderbench"
            ),
            DataBreak::Differs { table, row, field, found, logged } => format!(
                "tabellen {table}, rækken {row}, feltet {field} indeholder {found}, men revisionssporet har registreret \
                 {logged}: filen er ændret uden for Tenderbench"
            ),
            DataBreak::Added { table, row } => format!(
                "tabellen {table} indeholder rækken {row}, som revisionssporet aldrig har registreret: den er tilføjet \
                 uden for Tenderbench"
            ),
            DataBreak::Removed { table, row } => format!(
                "tabellen {table} mangler rækken {row}, som revisionssporet har registreret og aldrig fjernet: den er \
                 fjernet uden for Tenderbench"
            ),
        };
        Said::new(self.to_string(), da)
    }
}

/// The last content the log gives each row of one table, by key; no content where the row was removed last.
/// Keys and contents live in one buffer rather than in two allocations per row: a large tender's log has
/// half a million rows, and `check` spends its time here.
#[derive(Default)]
struct Logged {
    text: String,
    rows: HashTable<LoggedRow>,
    hasher: DefaultHashBuilder,
}

/// Where one row's key and last content lie in `Logged::text`.
struct LoggedRow {
    key: Range<usize>,
    content: Option<Range<usize>>,
}

impl Logged {
    fn with_capacity(rows: usize) -> Self {
        Logged { rows: HashTable::with_capacity(rows), ..Logged::default() }
    }

    fn push(&mut self, part: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(part);
        start..self.text.len()
    }

    /// Records what a change row says of the row with `key`: its new content, or that it was removed.
    fn record(&mut self, key: &str, content: Option<&str>) {
        let content = content.map(|c| self.push(c));
        let hash = self.hasher.hash_one(key);
        let text = &self.text;
        if let Some(row) = self.rows.find_mut(hash, |row| &text[row.key.clone()] == key) {
            row.content = content;
            return;
        }
        let key = self.push(key);
        let (text, hasher) = (&self.text, &self.hasher);
        self.rows.insert_unique(hash, LoggedRow { key, content }, |row| hasher.hash_one(&text[row.key.clone()]));
    }

    /// Takes the row with `key` out: `None` if the log never named it, its last content otherwise.
    fn take(&mut self, key: &str) -> Option<Option<&str>> {
        let text = &self.text;
        let entry = self.rows.find_entry(self.hasher.hash_one(key), |row| &text[row.key.clone()] == key).ok()?;
        let (row, _) = entry.remove();
        Some(row.content.map(|content| &text[content]))
    }

    /// The keys of the rows not taken whose last change did not remove them, sorted.
    fn left(&self) -> Vec<&str> {
        let mut keys: Vec<&str> =
            self.rows.iter().filter(|row| row.content.is_some()).map(|row| &self.text[row.key.clone()]).collect();
        keys.sort_unstable();
        keys
    }
}

/// What the log says of every table: one `Logged` per table in `tables`, and the tables it names that are no
/// longer in the file.
struct Replayed {
    tables: Vec<Logged>,
    gone: HashMap<String, Logged>,
}

/// A table's rows as they are now, as the triggers would log them: key and content, in one buffer.
#[derive(Default)]
struct Current {
    text: String,
    rows: Vec<(Range<usize>, Range<usize>)>,
}

/// Replays the change log under the audit chain's digests and compares what it rebuilds with every table.
/// The chain itself is verified separately; this names the first table, row and field that differ.
///
/// Reading the tables as they are now costs as much as replaying the log, so a second connection reads them
/// while this one replays. The caller holds a read transaction on `conn`, which in the file's rollback
/// journal keeps any writer out until both have read: they see the same file.
pub(super) fn verify(
    conn: &Connection,
    path: &Path,
    entries: &[AuditEntry],
) -> Result<std::result::Result<(), DataBreak>> {
    let tables = tables(conn)?;
    std::thread::scope(|scope| {
        let current = scope.spawn(|| current(path, &tables));
        let replayed = match replay(conn, &tables, entries)? {
            Ok(replayed) => replayed,
            Err(found) => return Ok(Err(found)),
        };
        let current = current.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        Ok(compare(&tables, replayed, &current))
    })
}

/// Reads the change log in order, checks each audit row's digest of it, and keeps the last content of every
/// row it names.
fn replay(
    conn: &Connection,
    tables: &[Table],
    entries: &[AuditEntry],
) -> Result<std::result::Result<Replayed, DataBreak>> {
    let covers: Vec<(i64, &Covered)> = entries.iter().filter_map(|e| e.changes.as_ref().map(|c| (e.seq, c))).collect();
    // Each table's map is sized for the rows it holds now, which is close to the keys the log names, so the
    // replay does not spend its time growing maps.
    let mut replayed = Replayed { tables: Vec::with_capacity(tables.len()), gone: HashMap::new() };
    for table in tables {
        let rows: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM \"{}\"", table.name), [], |row| row.get(0))?;
        replayed.tables.push(Logged::with_capacity(usize::try_from(rows).unwrap_or(0)));
    }
    let (mut at, mut digest) = (0, RowDigest::default());
    let mut statement = conn.prepare("SELECT id, tbl, key, content FROM change_row ORDER BY id")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let (tbl, key, content) = (text(row, 1)?, text(row, 2)?, optional_text(row, 3)?);
        // Close the audit rows whose change rows all came before this one.
        while covers.get(at).is_some_and(|(_, covered)| id > covered.to) {
            if std::mem::take(&mut digest).finish() != covers[at].1.sha256 {
                return Ok(Err(DataBreak::LogAltered { seq: covers[at].0 }));
            }
            at += 1;
        }
        let table = tables.iter().position(|t| t.name == tbl);
        if at == covers.len() {
            let row = table.map_or(key.to_owned(), |t| tables[t].describe(key));
            return Ok(Err(DataBreak::Unrecorded { table: tbl.to_owned(), row }));
        }
        digest.add(id, tbl, key, content);
        let logged = match table {
            Some(t) => &mut replayed.tables[t],
            None => replayed.gone.entry(tbl.to_owned()).or_default(),
        };
        logged.record(key, content);
    }
    for (seq, covered) in &covers[at..] {
        if std::mem::take(&mut digest).finish() != covered.sha256 {
            return Ok(Err(DataBreak::LogAltered { seq: *seq }));
        }
    }
    Ok(Ok(replayed))
}

/// Every table's rows as they are now, read on a connection of its own.
fn current(path: &Path, tables: &[Table]) -> Result<Vec<Current>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let mut all = Vec::with_capacity(tables.len());
    for table in tables {
        let mut statement = conn.prepare(&format!(
            "SELECT {}, {} FROM \"{}\" ORDER BY rowid",
            table.key_sql(""),
            table.content_sql(""),
            table.name
        ))?;
        let mut rows = statement.query([])?;
        let mut current = Current::default();
        while let Some(row) = rows.next()? {
            let mut push = |part: &str| {
                let start = current.text.len();
                current.text.push_str(part);
                start..current.text.len()
            };
            let key = push(text(row, 0)?);
            let content = push(text(row, 1)?);
            current.rows.push((key, content));
        }
        all.push(current);
    }
    Ok(all)
}

/// Names the first row where a table and its replayed log disagree.
fn compare(tables: &[Table], mut replayed: Replayed, current: &[Current]) -> std::result::Result<(), DataBreak> {
    for ((table, logged), current) in tables.iter().zip(&mut replayed.tables).zip(current) {
        for (key, found) in &current.rows {
            let (key, found) = (&current.text[key.clone()], &current.text[found.clone()]);
            match logged.take(key).flatten() {
                None => return Err(DataBreak::Added { table: table.name.clone(), row: table.describe(key) }),
                Some(content) if content != found => return Err(differs(table, key, found, content)),
                Some(_) => {}
            }
        }
        if let Some(key) = logged.left().first() {
            return Err(DataBreak::Removed { table: table.name.clone(), row: table.describe(key) });
        }
    }
    let mut gone: Vec<(&str, &str)> = replayed
        .gone
        .iter()
        .filter_map(|(tbl, logged)| logged.left().first().map(|key| (tbl.as_str(), *key)))
        .collect();
    gone.sort_unstable();
    match gone.first() {
        Some((table, row)) => Err(DataBreak::Removed { table: table.to_string(), row: row.to_string() }),
        None => Ok(()),
    }
}

/// A text column read in place, without copying it.
fn text<'a>(row: &'a rusqlite::Row, index: usize) -> rusqlite::Result<&'a str> {
    optional_text(row, index)?.ok_or(rusqlite::Error::InvalidColumnType(
        index,
        String::new(),
        rusqlite::types::Type::Null,
    ))
}

fn optional_text<'a>(row: &'a rusqlite::Row, index: usize) -> rusqlite::Result<Option<&'a str>> {
    row.get_ref(index)?
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e)))
}

/// Names the first column whose value the file and the log disagree on.
fn differs(table: &Table, key: &str, found: &str, logged: &str) -> DataBreak {
    let parse =
        |text: &str| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text).unwrap_or_default();
    let (found, logged) = (parse(found), parse(logged));
    let field = table.columns.iter().find(|c| found.get(*c) != logged.get(*c)).cloned().unwrap_or_default();
    let value = |map: &serde_json::Map<String, serde_json::Value>| map.get(&field).map_or("nothing".to_owned(), shown);
    DataBreak::Differs {
        table: table.name.clone(),
        row: table.describe(key),
        found: value(&found),
        logged: value(&logged),
        field,
    }
}

/// A value as a message shows it: text in quotes, no value as NULL, numbers as they are.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => format!("\"{text}\""),
        other => other.to_string(),
    }
}
