//! The answers to the category-strategy questionnaire.

use super::{Result, TenderFile, record};
use crate::audit::Stamp;
use crate::strategy::Answer;
use rusqlite::{OptionalExtension, Transaction, params};

impl TenderFile {
    /// All stored answers, ordered by question id.
    pub fn strategy_answers(&self) -> Result<Vec<Answer>> {
        let mut statement = self.conn.prepare(
            "SELECT question_id, value, reason, questionnaire_version FROM strategy_answer ORDER BY question_id",
        )?;
        let answers = statement.query_map([], |row| {
            Ok(Answer {
                question_id: row.get(0)?,
                value: row.get(1)?,
                reason: row.get(2)?,
                questionnaire_version: row.get(3)?,
            })
        })?;
        Ok(answers.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves one answer, or removes it when `value` is empty, logging the value and reason that changed.
    /// The caller checks the value against the questionnaire first ([`crate::strategy::Questionnaire::check_answer`]).
    pub fn set_strategy_answer(
        &mut self,
        stamp: &Stamp,
        question_id: &str,
        value: &str,
        reason: &str,
        questionnaire_version: &str,
    ) -> Result<()> {
        let (value, reason) = (value.trim(), reason.trim());
        self.write(|tx| put_answer(tx, stamp, question_id, value, reason, questionnaire_version))
    }
}

/// Saves one answer inside the caller's transaction, or removes it when `value` is empty, logging the value
/// and reason that changed.
pub(super) fn put_answer(
    tx: &Transaction,
    stamp: &Stamp,
    question_id: &str,
    value: &str,
    reason: &str,
    questionnaire_version: &str,
) -> Result<()> {
    let old: Option<(String, String)> = tx
        .query_row("SELECT value, reason FROM strategy_answer WHERE question_id = ?1", params![question_id], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    let entity = format!("strategy {question_id}");
    let (old_value, old_reason) = match &old {
        Some((v, r)) => (Some(v.as_str()), Some(r.as_str())),
        None => (None, None),
    };
    if value.is_empty() {
        if old.is_some() {
            tx.execute("DELETE FROM strategy_answer WHERE question_id = ?1", params![question_id])?;
            record(tx, stamp, &entity, "value", old_value, None)?;
        }
        return Ok(());
    }
    // An answer given again unchanged is no change, and leaves the questionnaire version it was given under.
    if old_value == Some(value) && old_reason == Some(reason) {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO strategy_answer (question_id, value, reason, questionnaire_version)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (question_id) DO UPDATE SET value = ?2, reason = ?3, questionnaire_version = ?4",
        params![question_id, value, reason, questionnaire_version],
    )?;
    if old_value != Some(value) {
        record(tx, stamp, &entity, "value", old_value, Some(value))?;
    }
    if old_reason.unwrap_or("") != reason {
        record(tx, stamp, &entity, "reason", old_reason, Some(reason))?;
    }
    Ok(())
}
