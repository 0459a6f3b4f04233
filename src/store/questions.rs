//! The tender period's questions and answers.

use super::{Result, StoreError, TenderFile, record};
use crate::audit::Stamp;
use crate::questions::{Answer, Question};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl TenderFile {
    /// Keeps a question received on `received_on` and returns its number, the next in order.
    pub fn add_question(&mut self, stamp: &Stamp, received_on: NaiveDate, asker: &str, text: &str) -> Result<u32> {
        let text = text.trim();
        if text.is_empty() {
            return Err(StoreError::invalid("A question needs its text.", "Et spørgsmål skal have sin tekst."));
        }
        self.write(|tx| {
            let number: u32 =
                tx.query_row("SELECT COALESCE(MAX(number), 0) + 1 FROM question", [], |row| row.get(0))?;
            tx.execute(
                "INSERT INTO question (number, received_on, asker, text) VALUES (?1, ?2, ?3, ?4)",
                params![number, received_on.to_string(), asker.trim(), text],
            )?;
            record(tx, stamp, &format!("question {number}"), "received", None, Some(&received_on.to_string()))?;
            Ok(number)
        })
    }

    /// Answers question `number` (or answers it again); `changes_documents` marks a corrigendum.
    pub fn answer_question(
        &mut self,
        stamp: &Stamp,
        number: u32,
        answered_on: NaiveDate,
        text: &str,
        changes_documents: bool,
    ) -> Result<()> {
        let text = text.trim();
        if text.is_empty() {
            return Err(StoreError::invalid("An answer needs its text.", "Et svar skal have sin tekst."));
        }
        self.write(|tx| {
            let received: Option<String> = tx
                .query_row("SELECT received_on FROM question WHERE number = ?1", params![number], |row| row.get(0))
                .optional()?;
            let received = received.ok_or_else(|| {
                StoreError::not_found(
                    format!("There is no question {number}."),
                    format!("Der er intet spørgsmål {number}."),
                )
            })?;
            if answered_on.to_string() < received {
                return Err(StoreError::invalid(
                    format!("Question {number} cannot be answered before it was received ({received})."),
                    format!("Spørgsmål {number} kan ikke besvares, før det er modtaget ({received})."),
                ));
            }
            tx.execute(
                "UPDATE question SET answered_on = ?1, answer = ?2, changes_documents = ?3 WHERE number = ?4",
                params![answered_on.to_string(), text, changes_documents, number],
            )?;
            let entity = format!("question {number}");
            record(tx, stamp, &entity, "answered", None, Some(&answered_on.to_string()))
        })
    }

    /// Every question, in the order received.
    pub fn questions(&self) -> Result<Vec<Question>> {
        let mut statement = self.conn.prepare(
            "SELECT number, received_on, asker, text, answered_on, answer, changes_documents FROM question
             ORDER BY number",
        )?;
        let rows = statement.query_map([], |row| {
            let day = |text: String| NaiveDate::parse_from_str(&text, "%Y-%m-%d").unwrap_or(NaiveDate::MIN);
            let answered_on: Option<String> = row.get(4)?;
            let answer = match answered_on {
                Some(on) => Some(Answer {
                    answered_on: day(on),
                    text: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
                    changes_documents: row.get(6)?,
                }),
                None => None,
            };
            Ok(Question {
                number: row.get(0)?,
                received_on: day(row.get(1)?),
                asker: row.get(2)?,
                text: row.get(3)?,
                answer,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
