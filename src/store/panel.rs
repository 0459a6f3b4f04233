//! Evaluators, their declarations, and their individual and consensus scores.

use super::bids::bid_entity;
use super::{Result, StoreError, TenderFile, decimal_column, record};
use crate::audit::Stamp;
use crate::locale::Lang;
use crate::panel::{ConsensusScore, Declaration, Evaluator, IndividualScore};
use rusqlite::{OptionalExtension, Transaction, params};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Finds an award requirement and bid of the same lot and checks the points against the lot's scale.
fn score_target(tx: &Transaction, requirement_id: i64, bid_id: i64, points: Option<Decimal>) -> Result<String> {
    let found: Option<(String, String, String, String)> = tx
        .query_row(
            "SELECT q.code, q.kind, m.scale_min, m.scale_max FROM requirement q
             JOIN bid b ON b.lot_id = q.lot_id JOIN evaluation_model m ON m.lot_id = q.lot_id
             WHERE q.id = ?1 AND b.id = ?2",
            params![requirement_id, bid_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let (code, kind, min, max) = found.ok_or_else(|| {
        StoreError::not_found(
            format!("Requirement {requirement_id} and bid {bid_id} are not of the same lot."),
            format!("Krav {requirement_id} og tilbud {bid_id} hører ikke til samme delaftale."),
        )
    })?;
    if kind != "award" {
        return Err(StoreError::invalid(
            format!("Requirement {code} is not an award requirement and is not scored."),
            format!("Krav {code} er ikke et tildelingskrav og gives ikke point."),
        ));
    }
    if let Some(points) = points {
        let (min, max) = (Decimal::from_str(&min).unwrap_or_default(), Decimal::from_str(&max).unwrap_or_default());
        if points < min || points > max {
            let da = |value| Lang::Da.exact(value);
            return Err(StoreError::invalid(
                format!("Requirement {code}: {points} is outside the scale {min}–{max}."),
                format!("Krav {code}: {} ligger uden for skalaen {}–{}.", da(points), da(min), da(max)),
            ));
        }
    }
    Ok(format!("{} requirement {code}", bid_entity(tx, bid_id)?))
}

impl TenderFile {
    pub fn evaluators(&self) -> Result<Vec<Evaluator>> {
        let mut statement = self.conn.prepare(
            "SELECT id, name, role, coi_status, coi_text, coi_measure, coi_declared_at FROM evaluator ORDER BY id",
        )?;
        let rows = statement.query_map([], |row| {
            let status: Option<String> = row.get(3)?;
            let declaration = match status.as_deref() {
                Some("none") => Some(Declaration::NoConflict),
                Some(_) => Some(Declaration::Conflict { description: row.get(4)?, measure: row.get(5)? }),
                None => None,
            };
            Ok(Evaluator {
                id: row.get(0)?,
                name: row.get(1)?,
                role: row.get(2)?,
                declaration,
                declared_at: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_evaluator(&mut self, stamp: &Stamp, name: &str, role: &str) -> Result<i64> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::invalid("An evaluator needs a name.", "En bedømmer skal have et navn."));
        }
        self.write(|tx| {
            tx.execute("INSERT INTO evaluator (name, role) VALUES (?1, ?2)", params![name, role.trim()]).map_err(
                |e| match e {
                    rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                        StoreError::invalid(
                            format!("There is already an evaluator called {name}."),
                            format!("Der findes allerede en bedømmer med navnet {name}."),
                        )
                    }
                    other => other.into(),
                },
            )?;
            // Taken before the audit row is written, which has a rowid of its own.
            let id = tx.last_insert_rowid();
            record(tx, stamp, &format!("evaluator {name}"), "added", None, Some(role.trim()))?;
            Ok(id)
        })
    }

    /// Records an evaluator's declaration of conflict of interest (Udbudsloven § 4).
    pub fn declare(&mut self, stamp: &Stamp, evaluator_id: i64, declaration: &Declaration) -> Result<()> {
        let (status, text, measure) = match declaration {
            Declaration::NoConflict => ("none", "", ""),
            Declaration::Conflict { description, measure } => {
                if description.trim().is_empty() || measure.trim().is_empty() {
                    return Err(StoreError::invalid(
                        "A declared conflict of interest needs a description and the measure taken.",
                        "En erklæret inhabilitet skal have en beskrivelse og den trufne foranstaltning.",
                    ));
                }
                ("declared", description.as_str(), measure.as_str())
            }
        };
        self.write(|tx| {
            let name: String = tx
                .query_row("SELECT name FROM evaluator WHERE id = ?1", params![evaluator_id], |row| row.get(0))
                .optional()?
                .ok_or_else(|| StoreError::no_evaluator(evaluator_id))?;
            tx.execute(
                "UPDATE evaluator SET coi_status = ?1, coi_text = ?2, coi_measure = ?3, coi_declared_at = ?4 WHERE id = ?5",
                params![status, text, measure, stamp.at_text(), evaluator_id],
            )?;
            let logged = if status == "none" { "no conflict".to_owned() } else { format!("{text}; measure: {measure}") };
            record(tx, stamp, &format!("evaluator {name}"), "conflict of interest", None, Some(&logged))
        })
    }

    /// Sets or (with `None`) clears one evaluator's score. An evaluator without a declaration may not score.
    pub fn set_individual_score(
        &mut self,
        stamp: &Stamp,
        evaluator_id: i64,
        requirement_id: i64,
        bid_id: i64,
        points: Option<Decimal>,
        comment: &str,
    ) -> Result<()> {
        self.write(|tx| set_individual(tx, stamp, evaluator_id, requirement_id, bid_id, points, comment))
    }

    /// Writes many individual scores in one transaction: all of them or, on any error, none.
    pub fn import_individual_scores(
        &mut self,
        stamp: &Stamp,
        scores: &[(i64, i64, i64, Option<Decimal>, String)],
    ) -> Result<()> {
        self.write(|tx| {
            // One audit row per evaluator's sheet, not per score: the change log holds every score's value,
            // and the trail reads as what the consultant did.
            let mut changed: Vec<(String, usize)> = Vec::new();
            for (evaluator_id, requirement_id, bid_id, points, comment) in scores {
                if let Some(change) = write_individual(tx, *evaluator_id, *requirement_id, *bid_id, *points, comment)? {
                    match changed.iter_mut().find(|(name, _)| *name == change.evaluator) {
                        Some((_, count)) => *count += 1,
                        None => changed.push((change.evaluator, 1)),
                    }
                }
            }
            for (evaluator, count) in changed {
                record(
                    tx,
                    stamp,
                    &format!("scores by {evaluator}"),
                    "imported",
                    None,
                    Some(&format!("{count} scores")),
                )?;
            }
            Ok(())
        })
    }

    /// Sets or (with `None`) clears the panel's consensus score and its justification.
    pub fn set_consensus_score(
        &mut self,
        stamp: &Stamp,
        requirement_id: i64,
        bid_id: i64,
        points: Option<Decimal>,
        justification: &str,
    ) -> Result<()> {
        self.write(|tx| set_consensus(tx, stamp, requirement_id, bid_id, points, justification))
    }

    /// Writes many consensus scores in one transaction: all of them or, on any error, none.
    pub fn import_consensus_scores(
        &mut self,
        stamp: &Stamp,
        scores: &[(i64, i64, Option<Decimal>, String)],
    ) -> Result<()> {
        self.write(|tx| {
            for (requirement_id, bid_id, points, justification) in scores {
                set_consensus(tx, stamp, *requirement_id, *bid_id, *points, justification)?;
            }
            Ok(())
        })
    }

    /// One evaluator's score and comment, if given; what an undo of a new score restores.
    pub fn individual_score(
        &self,
        evaluator_id: i64,
        requirement_id: i64,
        bid_id: i64,
    ) -> Result<Option<(Decimal, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT points, comment FROM individual_score WHERE evaluator_id = ?1 AND requirement_id = ?2 AND bid_id = ?3",
                params![evaluator_id, requirement_id, bid_id],
                |row| Ok((decimal_column(row, 0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// The consensus score and justification of one requirement and bid, if agreed.
    pub fn consensus_score(&self, requirement_id: i64, bid_id: i64) -> Result<Option<(Decimal, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT points, justification FROM consensus_score WHERE requirement_id = ?1 AND bid_id = ?2",
                params![requirement_id, bid_id],
                |row| Ok((decimal_column(row, 0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// The individual scores of a lot.
    pub fn individual_scores(&self, lot_id: i64) -> Result<Vec<IndividualScore>> {
        let mut statement = self.conn.prepare(
            "SELECT e.name, q.code, d.name, s.points, s.comment FROM individual_score s
             JOIN evaluator e ON e.id = s.evaluator_id JOIN requirement q ON q.id = s.requirement_id
             JOIN bid b ON b.id = s.bid_id JOIN bidder d ON d.id = b.bidder_id
             WHERE q.lot_id = ?1 ORDER BY q.position, d.name, e.id",
        )?;
        let rows = statement.query_map(params![lot_id], |row| {
            Ok(IndividualScore {
                evaluator: row.get(0)?,
                requirement_code: row.get(1)?,
                bidder: row.get(2)?,
                points: decimal_column(row, 3)?,
                comment: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The consensus scores of a lot.
    pub fn consensus_scores(&self, lot_id: i64) -> Result<Vec<ConsensusScore>> {
        let mut statement = self.conn.prepare(
            "SELECT q.code, d.name, s.points, s.justification FROM consensus_score s
             JOIN requirement q ON q.id = s.requirement_id JOIN bid b ON b.id = s.bid_id
             JOIN bidder d ON d.id = b.bidder_id WHERE q.lot_id = ?1 ORDER BY q.position, d.name",
        )?;
        let rows = statement.query_map(params![lot_id], |row| {
            Ok(ConsensusScore {
                requirement_code: row.get(0)?,
                bidder: row.get(1)?,
                points: decimal_column(row, 2)?,
                justification: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A changed individual score, to be logged: where, by whom, and the points and comment before and after.
struct IndividualChange {
    target: String,
    evaluator: String,
    old: Option<(String, String)>,
    new: Option<(String, String)>,
}

fn set_individual(
    tx: &Transaction,
    stamp: &Stamp,
    evaluator_id: i64,
    requirement_id: i64,
    bid_id: i64,
    points: Option<Decimal>,
    comment: &str,
) -> Result<()> {
    let Some(change) = write_individual(tx, evaluator_id, requirement_id, bid_id, points, comment)? else {
        return Ok(());
    };
    let IndividualChange { target, evaluator, old, new } = change;
    let (old_points, old_comment) = old.unzip();
    let (new_points, new_comment) = new.unzip();
    if old_points != new_points {
        record(tx, stamp, &target, &format!("score by {evaluator}"), old_points.as_deref(), new_points.as_deref())?;
    }
    // A blank comment is no comment, so only a comment's text, not the score's arrival, is logged as one.
    if old_comment.as_deref().unwrap_or("") != new_comment.as_deref().unwrap_or("") {
        record(tx, stamp, &target, &format!("comment by {evaluator}"), old_comment.as_deref(), new_comment.as_deref())?;
    }
    Ok(())
}

/// Writes one individual score, refusing an evaluator who has not declared; `None` when it stands as given.
fn write_individual(
    tx: &Transaction,
    evaluator_id: i64,
    requirement_id: i64,
    bid_id: i64,
    points: Option<Decimal>,
    comment: &str,
) -> Result<Option<IndividualChange>> {
    let evaluator: Option<(String, Option<String>)> = tx
        .query_row("SELECT name, coi_status FROM evaluator WHERE id = ?1", params![evaluator_id], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    let (evaluator, status) = evaluator.ok_or_else(|| StoreError::no_evaluator(evaluator_id))?;
    if status.is_none() {
        return Err(StoreError::invalid(
            format!("{evaluator} has not declared whether they have a conflict of interest, and cannot score yet."),
            format!("{evaluator} har endnu ikke afgivet habilitetserklæring og kan ikke give point endnu."),
        ));
    }
    let target = score_target(tx, requirement_id, bid_id, points)?;
    let key = params![evaluator_id, requirement_id, bid_id];
    let old: Option<(String, String)> = tx
        .query_row(
            "SELECT points, comment FROM individual_score WHERE evaluator_id = ?1 AND requirement_id = ?2 AND bid_id = ?3",
            key,
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let new = points.map(|p| (p.to_string(), comment.trim().to_owned()));
    // A score given again as it stands is no change; writing it would log a change no audit row explains.
    if old == new {
        return Ok(None);
    }
    match &new {
        None => {
            tx.execute(
                "DELETE FROM individual_score WHERE evaluator_id = ?1 AND requirement_id = ?2 AND bid_id = ?3",
                key,
            )?;
        }
        Some((points, comment)) => {
            tx.execute(
                "INSERT INTO individual_score (evaluator_id, requirement_id, bid_id, points, comment)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (evaluator_id, requirement_id, bid_id)
                 DO UPDATE SET points = excluded.points, comment = excluded.comment",
                params![evaluator_id, requirement_id, bid_id, points, comment],
            )?;
        }
    }
    Ok(Some(IndividualChange { target, evaluator, old, new }))
}

fn set_consensus(
    tx: &Transaction,
    stamp: &Stamp,
    requirement_id: i64,
    bid_id: i64,
    points: Option<Decimal>,
    justification: &str,
) -> Result<()> {
    let name = score_target(tx, requirement_id, bid_id, points)?;
    // The report and the letters give the panel's reason beside every consensus score (udbudslovens § 171,
    // stk. 4, nr. 2); a score without one could not be explained to the bidder.
    if points.is_some() && justification.trim().is_empty() {
        let (code, bidder): (String, String) = tx.query_row(
            "SELECT q.code, d.name FROM requirement q, bid b JOIN bidder d ON d.id = b.bidder_id
             WHERE q.id = ?1 AND b.id = ?2",
            params![requirement_id, bid_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        return Err(StoreError::invalid(
            format!(
                "Requirement {code}, {bidder}: a consensus score needs the panel's justification; write why the panel agreed on it."
            ),
            format!(
                "Krav {code}, {bidder}: konsensuspoint skal have panelets begrundelse; skriv, hvorfor panelet enedes om dem."
            ),
        ));
    }
    let old: Option<(String, String)> = tx
        .query_row(
            "SELECT points, justification FROM consensus_score WHERE requirement_id = ?1 AND bid_id = ?2",
            params![requirement_id, bid_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let new = points.map(|p| (p.to_string(), justification.trim().to_owned()));
    // A score given again as it stands is no change; writing it would log a change no audit row explains.
    if old == new {
        return Ok(());
    }
    match &new {
        None => {
            tx.execute(
                "DELETE FROM consensus_score WHERE requirement_id = ?1 AND bid_id = ?2",
                params![requirement_id, bid_id],
            )?;
        }
        Some((points, justification)) => {
            tx.execute(
                "INSERT INTO consensus_score (requirement_id, bid_id, points, justification) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (requirement_id, bid_id)
                 DO UPDATE SET points = excluded.points, justification = excluded.justification",
                params![requirement_id, bid_id, points, justification],
            )?;
        }
    }
    let (old_points, old_text) = old.unzip();
    let (new_points, new_text) = new.unzip();
    if old_points != new_points {
        record(tx, stamp, &name, "consensus", old_points.as_deref(), new_points.as_deref())?;
    }
    if old_text != new_text {
        record(tx, stamp, &name, "justification", old_text.as_deref(), new_text.as_deref())?;
    }
    Ok(())
}
