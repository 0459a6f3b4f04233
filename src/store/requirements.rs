//! The requirements of each lot.

use super::publication::refuse_if_published;
use super::{Result, StoreError, TenderFile, lot_number, record};
use crate::audit::Stamp;
use crate::requirement::{Requirement, RequirementKind, RequirementText};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params};

const COLUMNS: &str = "r.id, r.lot_id, r.position, r.code, r.kind, r.title_da, r.title_en, r.text_da, r.text_en,
     r.evidence, r.area, r.source, r.template_id, r.catalogue_version, r.parameters, c.code, r.weight, r.measure";

fn from_row(row: &Row) -> rusqlite::Result<Requirement> {
    let kind: String = row.get(4)?;
    Ok(Requirement {
        id: row.get(0)?,
        lot_id: row.get(1)?,
        position: row.get(2)?,
        text: RequirementText {
            code: row.get(3)?,
            kind: RequirementKind::from_code(&kind).unwrap_or(RequirementKind::Information),
            title_da: row.get(5)?,
            title_en: row.get(6)?,
            text_da: row.get(7)?,
            text_en: row.get(8)?,
            evidence: row.get(9)?,
            area: row.get(10)?,
            source: row.get(11)?,
            template_id: row.get(12)?,
            catalogue_version: row.get(13)?,
            parameters: row.get(14)?,
        },
        criterion: row.get(15)?,
        weight: row.get(16)?,
        measure: row.get(17)?,
    })
}

fn get(tx: &Transaction, id: i64) -> Result<Requirement> {
    tx.query_row(
        &format!("SELECT {COLUMNS} FROM requirement r LEFT JOIN criterion c ON c.id = r.criterion_id WHERE r.id = ?1"),
        params![id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| {
        StoreError::not_found(format!("There is no requirement {id}."), format!("Der findes intet krav {id}."))
    })
}

fn entity(requirement: &Requirement, lot: i64) -> String {
    format!("lot {lot} requirement {}", requirement.text.code)
}

/// The text fields in the order they are compared and logged.
fn text_fields(text: &RequirementText) -> [(&'static str, Option<&str>); 12] {
    [
        ("code", Some(&text.code)),
        ("kind", Some(text.kind.code())),
        ("title_da", Some(&text.title_da)),
        ("title_en", Some(&text.title_en)),
        ("text_da", Some(&text.text_da)),
        ("text_en", Some(&text.text_en)),
        ("evidence", Some(&text.evidence)),
        ("area", Some(&text.area)),
        ("source", Some(&text.source)),
        ("template_id", text.template_id.as_deref()),
        ("catalogue_version", text.catalogue_version.as_deref()),
        ("parameters", Some(&text.parameters)),
    ]
}

fn duplicate_code(e: rusqlite::Error, lot: i64, code: &str) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            StoreError::invalid(
                format!("Lot {lot} already has a requirement {code}."),
                format!("Delaftale {lot} har allerede et krav {code}."),
            )
        }
        other => other.into(),
    }
}

/// Where a requirement sits in its lot's evaluation model: the sub-criterion's code (a code the model no longer
/// has leaves it unplaced), its weight among that sub-criterion's requirements, and its measure as JSON.
struct Placement<'a> {
    criterion: Option<&'a str>,
    weight: &'a str,
    measure: Option<&'a str>,
}

/// Inserts one requirement row at `position` and returns its id; a code lot number `lot` already has is refused.
fn insert(
    tx: &Transaction,
    lot: i64,
    lot_id: i64,
    position: i64,
    text: &RequirementText,
    placement: Placement,
) -> Result<i64> {
    let code = text.code.trim();
    tx.execute(
        "INSERT INTO requirement (lot_id, position, code, kind, title_da, title_en, text_da, text_en, evidence,
             area, source, template_id, catalogue_version, parameters, criterion_id, weight, measure)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
             (SELECT id FROM criterion WHERE lot_id = ?1 AND code = ?15), ?16, ?17)",
        params![
            lot_id,
            position,
            code,
            text.kind.code(),
            text.title_da,
            text.title_en,
            text.text_da,
            text.text_en,
            text.evidence,
            text.area,
            text.source,
            text.template_id,
            text.catalogue_version,
            text.parameters,
            placement.criterion,
            placement.weight,
            placement.measure
        ],
    )
    .map_err(|e| duplicate_code(e, lot, code))?;
    Ok(tx.last_insert_rowid())
}

impl TenderFile {
    /// The requirements of a lot in their order.
    pub fn requirements(&self, lot_id: i64) -> Result<Vec<Requirement>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM requirement r LEFT JOIN criterion c ON c.id = r.criterion_id
             WHERE r.lot_id = ?1 ORDER BY r.position"
        ))?;
        Ok(statement.query_map(params![lot_id], from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a requirement at the end of a lot's list.
    pub fn add_requirement(&mut self, stamp: &Stamp, lot_id: i64, text: &RequirementText) -> Result<Requirement> {
        text.validate().map_err(StoreError::Invalid)?;
        self.write(|tx| {
            refuse_if_published(tx, lot_id)?;
            let lot = lot_number(tx, lot_id)?;
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM requirement WHERE lot_id = ?1",
                params![lot_id],
                |row| row.get(0),
            )?;
            let id =
                insert(tx, lot, lot_id, position, text, Placement { criterion: None, weight: "1", measure: None })?;
            let added = get(tx, id)?;
            record(tx, stamp, &entity(&added, lot), "added", None, Some(&added.text.title_da))?;
            Ok(added)
        })
    }

    /// Replaces the tender's copy of a requirement's texts and kind, logging each field that changed.
    pub fn update_requirement(&mut self, stamp: &Stamp, id: i64, text: &RequirementText) -> Result<()> {
        text.validate().map_err(StoreError::Invalid)?;
        self.write(|tx| {
            let old = get(tx, id)?;
            refuse_if_published(tx, old.lot_id)?;
            let lot = lot_number(tx, old.lot_id)?;
            for ((column, before), (_, after)) in text_fields(&old.text).into_iter().zip(text_fields(text)) {
                if before != after {
                    tx.execute(&format!("UPDATE requirement SET {column} = ?1 WHERE id = ?2"), params![after, id])
                        .map_err(|e| duplicate_code(e, lot, &text.code))?;
                    record(tx, stamp, &entity(&old, lot), column, before, after)?;
                }
            }
            Ok(())
        })
    }

    /// Puts an award requirement under a sub-criterion of its lot with a weight among its siblings,
    /// and sets or clears its measured scoring function (JSON).
    pub fn assign_requirement(
        &mut self,
        stamp: &Stamp,
        id: i64,
        criterion: Option<&str>,
        weight: &str,
        measure: Option<&str>,
    ) -> Result<()> {
        let weight = crate::tender::parse_amount(weight)
            .map_err(|e| {
                StoreError::invalid(format!("Requirement weight: {}", e.en), format!("Kravets vægt: {}", e.da))
            })?
            .normalize()
            .to_string();
        self.write(|tx| {
            let old = get(tx, id)?;
            refuse_if_published(tx, old.lot_id)?;
            let lot = lot_number(tx, old.lot_id)?;
            let criterion_id: Option<i64> = match criterion {
                None => None,
                Some(code) => Some(
                    tx.query_row(
                        "SELECT id FROM criterion WHERE lot_id = ?1 AND code = ?2",
                        params![old.lot_id, code],
                        |row| row.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| {
                        StoreError::invalid(
                            format!("Lot {lot} has no criterion {code}."),
                            format!("Delaftale {lot} har intet kriterium {code}."),
                        )
                    })?,
                ),
            };
            let name = entity(&old, lot);
            let changed: Vec<_> = [
                ("criterion", old.criterion.as_deref(), criterion),
                ("weight", Some(old.weight.as_str()), Some(weight.as_str())),
                ("measure", old.measure.as_deref(), measure),
            ]
            .into_iter()
            .filter(|(_, before, after)| before != after)
            .collect();
            if changed.is_empty() {
                return Ok(());
            }
            tx.execute(
                "UPDATE requirement SET criterion_id = ?1, weight = ?2, measure = ?3 WHERE id = ?4",
                params![criterion_id, weight, measure, id],
            )?;
            for (field, before, after) in changed {
                record(tx, stamp, &name, field, before, after)?;
            }
            Ok(())
        })
    }

    /// Moves a requirement to a 1-based position in its lot, shifting the others.
    pub fn move_requirement(&mut self, stamp: &Stamp, id: i64, position: i64) -> Result<()> {
        self.write(|tx| {
            let old = get(tx, id)?;
            refuse_if_published(tx, old.lot_id)?;
            let lot = lot_number(tx, old.lot_id)?;
            let mut ids: Vec<i64> = tx
                .prepare("SELECT id FROM requirement WHERE lot_id = ?1 ORDER BY position")?
                .query_map(params![old.lot_id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            ids.retain(|&other| other != id);
            let index = (position.max(1) as usize - 1).min(ids.len());
            ids.insert(index, id);
            for (index, other) in ids.iter().enumerate() {
                tx.execute("UPDATE requirement SET position = ?1 WHERE id = ?2", params![index as i64 + 1, other])?;
            }
            let new_position = (index + 1).to_string();
            record(tx, stamp, &entity(&old, lot), "position", Some(&old.position.to_string()), Some(&new_position))
        })
    }

    /// Removes a requirement and returns it, so the caller can offer to undo by adding it again.
    pub fn remove_requirement(&mut self, stamp: &Stamp, id: i64) -> Result<Requirement> {
        Ok(self.delete_requirement(stamp, id)?.requirement)
    }

    /// Removes a requirement with the bidders' answers to it and the panel's scores on it (the file deletes
    /// those with it) and returns all of it, so that [`TenderFile::restore_requirement`] can undo the delete.
    pub fn delete_requirement(&mut self, stamp: &Stamp, id: i64) -> Result<RemovedRequirement> {
        self.write(|tx| {
            let old = get(tx, id)?;
            refuse_if_published(tx, old.lot_id)?;
            let lot = lot_number(tx, old.lot_id)?;
            let rows = |sql: &str| -> Result<Vec<[Value; 5]>> {
                let mut statement = tx.prepare(sql)?;
                let rows = statement
                    .query_map(params![id], |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?]))?;
                Ok(rows.collect::<rusqlite::Result<_>>()?)
            };
            let removed = RemovedRequirement {
                responses: rows(
                    "SELECT bid_id, compliant, value, document_ref, comment FROM requirement_response
                     WHERE requirement_id = ?1",
                )?,
                individual_scores: rows(
                    "SELECT evaluator_id, bid_id, points, comment, NULL FROM individual_score WHERE requirement_id = ?1",
                )?,
                consensus_scores: rows(
                    "SELECT bid_id, points, justification, NULL, NULL FROM consensus_score WHERE requirement_id = ?1",
                )?,
                requirement: old,
            };
            tx.execute("DELETE FROM requirement WHERE id = ?1", params![id])?;
            let title = &removed.requirement.text.title_da;
            record(tx, stamp, &entity(&removed.requirement, lot), "removed", Some(title), None)?;
            Ok(removed)
        })
    }

    /// Undoes [`TenderFile::delete_requirement`] in one transaction: the requirement returns to its place
    /// with its code, texts, provenance, sub-criterion (if the model still has it), weight and measure, and
    /// with the answers and scores of the bids and evaluators that still exist.
    pub fn restore_requirement(&mut self, stamp: &Stamp, removed: &RemovedRequirement) -> Result<Requirement> {
        let old = &removed.requirement;
        self.write(|tx| {
            refuse_if_published(tx, old.lot_id)?;
            let lot = lot_number(tx, old.lot_id)?;
            tx.execute(
                "UPDATE requirement SET position = position + 1 WHERE lot_id = ?1 AND position >= ?2",
                params![old.lot_id, old.position],
            )?;
            let placement =
                Placement { criterion: old.criterion.as_deref(), weight: &old.weight, measure: old.measure.as_deref() };
            let id = insert(tx, lot, old.lot_id, old.position, &old.text, placement)?;
            for [bid, compliant, value, document, comment] in &removed.responses {
                tx.execute(
                    "INSERT INTO requirement_response (bid_id, requirement_id, compliant, value, document_ref, comment)
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM bid WHERE id = ?1)",
                    params![bid, id, compliant, value, document, comment],
                )?;
            }
            for [evaluator, bid, points, comment, _] in &removed.individual_scores {
                tx.execute(
                    "INSERT INTO individual_score (evaluator_id, requirement_id, bid_id, points, comment)
                     SELECT ?1, ?2, ?3, ?4, ?5
                     WHERE EXISTS (SELECT 1 FROM evaluator WHERE id = ?1) AND EXISTS (SELECT 1 FROM bid WHERE id = ?3)",
                    params![evaluator, id, bid, points, comment],
                )?;
            }
            for [bid, points, justification, _, _] in &removed.consensus_scores {
                tx.execute(
                    "INSERT INTO consensus_score (requirement_id, bid_id, points, justification)
                     SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM bid WHERE id = ?2)",
                    params![id, bid, points, justification],
                )?;
            }
            let restored = get(tx, id)?;
            record(tx, stamp, &entity(&restored, lot), "restored", None, Some(&restored.text.title_da))?;
            Ok(restored)
        })
    }
}

/// A deleted requirement and the rows the delete took with it, as SQLite values in the columns of
/// `delete_requirement`'s queries; only the store reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedRequirement {
    pub requirement: Requirement,
    responses: Vec<[Value; 5]>,
    individual_scores: Vec<[Value; 5]>,
    consensus_scores: Vec<[Value; 5]>,
}
