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
use foldhash::{HashMap, HashMapExt};
use rusqlite::{Connection, Transaction, params};
use sha2::{Digest, Sha256};

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

/// Replays the change log under the audit chain's digests and compares what it rebuilds with every table.
/// The chain itself is verified separately; this names the first table, row and field that differ.
pub(super) fn verify(conn: &Connection, entries: &[AuditEntry]) -> Result<std::result::Result<(), DataBreak>> {
    let tables = tables(conn)?;
    let covers: Vec<(i64, &Covered)> = entries.iter().filter_map(|e| e.changes.as_ref().map(|c| (e.seq, c))).collect();
    // The last content the log gives each row, by table and key; `None` where the row was removed.
    let mut state: HashMap<String, HashMap<String, Option<String>>> = HashMap::new();
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
        if at == covers.len() {
            let row = tables.iter().find(|t| t.name == tbl).map_or(key.to_owned(), |t| t.describe(key));
            return Ok(Err(DataBreak::Unrecorded { table: tbl.to_owned(), row }));
        }
        digest.add(id, tbl, key, content);
        let logged = match state.get_mut(tbl) {
            Some(logged) => logged,
            None => state.entry(tbl.to_owned()).or_default(),
        };
        logged.insert(key.to_owned(), content.map(str::to_owned));
    }
    for (seq, covered) in &covers[at..] {
        if std::mem::take(&mut digest).finish() != covered.sha256 {
            return Ok(Err(DataBreak::LogAltered { seq: *seq }));
        }
    }
    for table in &tables {
        let mut logged = state.remove(&table.name).unwrap_or_default();
        let mut current = conn.prepare(&format!(
            "SELECT {}, {} FROM \"{}\" ORDER BY rowid",
            table.key_sql(""),
            table.content_sql(""),
            table.name
        ))?;
        let mut rows = current.query([])?;
        while let Some(row) = rows.next()? {
            let (key, found) = (text(row, 0)?, text(row, 1)?);
            match logged.remove(key).flatten() {
                None => return Ok(Err(DataBreak::Added { table: table.name.clone(), row: table.describe(key) })),
                Some(content) if content != found => return Ok(Err(differs(table, key, found, &content))),
                Some(_) => {}
            }
        }
        let mut removed: Vec<String> = logged.into_iter().filter_map(|(key, content)| content.map(|_| key)).collect();
        removed.sort();
        if let Some(key) = removed.first() {
            return Ok(Err(DataBreak::Removed { table: table.name.clone(), row: table.describe(key) }));
        }
    }
    // What is left is the log of a table that is no longer in the file.
    let mut gone: Vec<(String, String)> = state
        .into_iter()
        .flat_map(|(tbl, logged)| {
            logged.into_iter().filter_map(move |(key, content)| content.map(|_| (tbl.clone(), key)))
        })
        .collect();
    gone.sort();
    if let Some((table, row)) = gone.into_iter().next() {
        return Ok(Err(DataBreak::Removed { table, row }));
    }
    Ok(Ok(()))
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
