//! The tender row and its lots.

use super::{Result, StoreError, TenderFile, record};
use crate::audit::Stamp;
use crate::standstill::date_problems;
use crate::tender::{
    Dispatch, Lot, NewTender, Procedure, Progress, Tender, TenderField, TenderSettings, TieBreak, validate_lot,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use rust_decimal::Decimal;
use std::str::FromStr;

pub(super) fn insert(tx: &Transaction, new: &NewTender, stamp: &Stamp) -> Result<()> {
    for (field, value) in [(TenderField::Title, &new.title), (TenderField::Authority, &new.authority)] {
        field.normalize(value).map_err(StoreError::Invalid)?;
    }
    tx.execute(
        "INSERT INTO tender (id, title, authority, reference, created_at) VALUES (1, ?1, ?2, ?3, ?4)",
        params![new.title.trim(), new.authority.trim(), new.reference.trim(), stamp.at_text()],
    )?;
    record(tx, stamp, "tender", "created", None, Some(new.title.trim()))
}

fn decimal(text: Option<String>) -> Option<Decimal> {
    text.and_then(|t| Decimal::from_str(&t).ok())
}

fn date(text: Option<String>) -> Option<chrono::NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

fn read(conn: &Connection) -> Result<Tender> {
    let mut tender = conn.query_row(
        "SELECT title, reference, authority, procedure, cpv_codes, currency, estimated_value,
                    published_on, bid_deadline, award_date, standstill_ends, tie_break, created_at, ocid_prefix,
                    notices_sent_on, notices_sent_by
             FROM tender WHERE id = 1",
        [],
        |row| {
            let cpv: String = row.get(4)?;
            let procedure: String = row.get(3)?;
            Ok(Tender {
                title: row.get(0)?,
                reference: row.get(1)?,
                authority: row.get(2)?,
                procedure: Procedure::from_code(&procedure).unwrap_or(Procedure::Open),
                cpv_codes: cpv.split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect(),
                currency: row.get(5)?,
                estimated_value: decimal(row.get(6)?),
                published_on: date(row.get(7)?),
                bid_deadline: date(row.get(8)?),
                award_date: date(row.get(9)?),
                standstill_ends: date(row.get(10)?),
                tie_break: row.get(11)?,
                created_at: row.get(12)?,
                ocid_prefix: row.get(13)?,
                notices_sent_on: date(row.get(14)?),
                notices_sent_by: Dispatch::from_code(&row.get::<_, String>(15)?).unwrap_or(Dispatch::Electronic),
                settings: TenderSettings::default(),
            })
        },
    )?;
    let mut statement = conn.prepare("SELECT name, value FROM tender_setting")?;
    let settings = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?;
    for setting in settings {
        let (name, value) = setting?;
        match TenderField::from_column(&name) {
            Some(TenderField::AuthorityAddress) => tender.settings.authority_address = value,
            Some(TenderField::AbnormallyLowShare) => tender.settings.abnormally_low_share = decimal(Some(value)),
            Some(TenderField::RecommendedBy) => tender.settings.recommended_by = value,
            Some(TenderField::RecommendedOn) => tender.settings.recommended_on = date(Some(value)),
            Some(TenderField::DecisionMaker) => tender.settings.decision_maker = value,
            Some(TenderField::ProcedureJustification) => tender.settings.procedure_justification = value,
            Some(TenderField::AnswerDays) => tender.settings.answer_days = value.parse().ok(),
            Some(TenderField::TieBreakRule) => {
                tender.settings.tie_break_rule = TieBreak::from_code(&value).unwrap_or_default()
            }
            _ => {}
        }
    }
    Ok(tender)
}

/// A field kept in `tender_setting`: its stored value, if set.
fn setting(tx: &Transaction, field: TenderField) -> Result<Option<String>> {
    Ok(tx
        .query_row("SELECT value FROM tender_setting WHERE name = ?1", params![field.column()], |row| row.get(0))
        .optional()?)
}

impl TenderFile {
    pub fn tender(&self) -> Result<Tender> {
        read(&self.conn)
    }

    /// Sets one field of the tender; a value equal to the stored one changes nothing and logs nothing. A date
    /// that puts the tender's dates out of their legal order is refused, but an order a file already broke
    /// before does not block the edit of another field.
    pub fn set_tender_field(&mut self, stamp: &Stamp, field: TenderField, value: &str) -> Result<()> {
        let new = field.normalize(value).map_err(StoreError::Invalid)?;
        let column = field.column();
        self.write(|tx| {
            if field.is_setting() {
                let old = setting(tx, field)?;
                if old == new {
                    return Ok(());
                }
                tx.execute("DELETE FROM tender_setting WHERE name = ?1", params![column])?;
                if let Some(value) = &new {
                    tx.execute("INSERT INTO tender_setting (name, value) VALUES (?1, ?2)", params![column, value])?;
                }
                return record(tx, stamp, "tender", column, old.as_deref(), new.as_deref());
            }
            let old: Option<String> =
                tx.query_row(&format!("SELECT {column} FROM tender WHERE id = 1"), [], |row| row.get(0))?;
            if old == new {
                return Ok(());
            }
            let before = date_problems(&read(tx)?);
            tx.execute(&format!("UPDATE tender SET {column} = ?1 WHERE id = 1"), params![new])?;
            if let Some(problem) = date_problems(&read(tx)?).into_iter().find(|p| !before.contains(p)) {
                return Err(StoreError::Invalid(problem));
            }
            record(tx, stamp, "tender", column, old.as_deref(), new.as_deref())
        })
    }

    /// Counts what the steps after the strategy hold, for [`crate::tender::step_states`].
    pub fn progress(&self) -> Result<Progress> {
        let count =
            |sql: &str| -> Result<usize> { Ok(self.conn.query_row(sql, [], |row| row.get::<_, i64>(0))? as usize) };
        // The pairs that need a consensus score: each admissible bid (not excluded by hand, no minimum
        // requirement answered "no") on each award requirement placed under a sub-criterion of its lot,
        // except measured requirements, which their formula scores. Both sets are built once, so a
        // 30-bid × 2,000-requirement file is counted in tens of milliseconds, not seconds.
        let (expected, scores): (i64, i64) = self.conn.query_row(
            "WITH admissible AS MATERIALIZED (
                 SELECT b.id, b.lot_id FROM bid b
                 WHERE b.id NOT IN (SELECT bid_id FROM exclusion)
                   AND NOT EXISTS (SELECT 1 FROM requirement_response rr JOIN requirement m ON m.id = rr.requirement_id
                                   WHERE rr.bid_id = b.id AND m.kind = 'minimum' AND rr.compliant = 0)),
             placed AS MATERIALIZED (
                 SELECT id, lot_id FROM requirement
                 WHERE kind = 'award' AND criterion_id IS NOT NULL AND measure IS NULL)
             SELECT (SELECT COUNT(*) FROM placed r JOIN admissible b ON b.lot_id = r.lot_id),
                    (SELECT COUNT(*) FROM consensus_score s JOIN placed r ON r.id = s.requirement_id
                                                            JOIN admissible b ON b.id = s.bid_id)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(Progress {
            requirements: count("SELECT COUNT(*) FROM requirement")?,
            models_started: count("SELECT COUNT(DISTINCT lot_id) FROM criterion")?,
            models_locked: count("SELECT COUNT(*) FROM evaluation_model WHERE locked_at IS NOT NULL")?,
            bids: count("SELECT COUNT(*) FROM bid")?,
            scores: scores as usize,
            // The given scores are a subset of the expected pairs; `max` only keeps the cast from wrapping.
            scores_missing: (expected - scores).max(0) as usize,
            lots_sealed: count(
                "SELECT COUNT(DISTINCT lot_id) FROM bid WHERE lot_id NOT IN (SELECT lot_id FROM price_reveal)",
            )?,
        })
    }

    pub fn lots(&self) -> Result<Vec<Lot>> {
        let mut statement =
            self.conn.prepare("SELECT id, number, title, description, estimated_value FROM lot ORDER BY number")?;
        let lots = statement.query_map([], |row| {
            Ok(Lot {
                id: row.get(0)?,
                number: row.get(1)?,
                title: row.get(2)?,
                description: row.get(3)?,
                estimated_value: decimal(row.get(4)?),
            })
        })?;
        Ok(lots.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a lot with the next free number and returns it.
    pub fn add_lot(&mut self, stamp: &Stamp, title: &str) -> Result<Lot> {
        self.write(|tx| {
            let number: i64 = tx.query_row("SELECT COALESCE(MAX(number), 0) + 1 FROM lot", [], |row| row.get(0))?;
            validate_lot(number, title).map_err(StoreError::Invalid)?;
            tx.execute("INSERT INTO lot (number, title) VALUES (?1, ?2)", params![number, title.trim()])?;
            let id = tx.last_insert_rowid();
            tx.execute("INSERT INTO evaluation_model (lot_id) VALUES (?1)", params![id])?;
            record(tx, stamp, &format!("lot {number}"), "created", None, Some(title.trim()))?;
            Ok(Lot { id, number, title: title.trim().to_owned(), description: String::new(), estimated_value: None })
        })
    }

    /// Renames a lot or changes its description or estimated value.
    pub fn set_lot_field(&mut self, stamp: &Stamp, lot_id: i64, field: &str, value: &str) -> Result<()> {
        let value = value.trim();
        let new = match field {
            "title" if value.is_empty() => {
                return Err(StoreError::invalid("A lot needs a title.", "En delaftale skal have en titel."));
            }
            "title" | "description" => Some(value.to_owned()),
            "estimated_value" => TenderField::EstimatedValue.normalize(value).map_err(StoreError::Invalid)?,
            other => {
                return Err(StoreError::invalid(
                    format!("A lot has no field '{other}'."),
                    format!("En delaftale har intet felt '{other}'."),
                ));
            }
        };
        self.write(|tx| {
            let current: Option<(i64, Option<String>)> = tx
                .query_row(&format!("SELECT number, {field} FROM lot WHERE id = ?1"), params![lot_id], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            let (number, old) = current.ok_or_else(|| StoreError::no_lot(lot_id))?;
            if old == new {
                return Ok(());
            }
            tx.execute(&format!("UPDATE lot SET {field} = ?1 WHERE id = ?2"), params![new, lot_id])?;
            record(tx, stamp, &format!("lot {number}"), field, old.as_deref(), new.as_deref())
        })
    }

    /// Removes a lot with everything that belongs to it.
    pub fn remove_lot(&mut self, stamp: &Stamp, lot_id: i64) -> Result<()> {
        self.write(|tx| {
            let current: Option<(i64, String)> = tx
                .query_row("SELECT number, title FROM lot WHERE id = ?1", params![lot_id], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            let (number, title) = current.ok_or_else(|| StoreError::no_lot(lot_id))?;
            tx.execute("DELETE FROM lot WHERE id = ?1", params![lot_id])?;
            record(tx, stamp, &format!("lot {number}"), "removed", Some(&title), None)
        })
    }
}
