//! Bidders, bids, their answers, prices and life-cycle-cost inputs, and exclusions.

use super::{Result, StoreError, TenderFile, decimal_column, lot_number, record};
use crate::audit::Stamp;
use crate::bid::{Bid, Bidder, LccInputs, PriceLine, Response, Selection, Subcontracting, Submission, bid_price};
use crate::locale::Said;
use crate::rejection::{Ground, Rejection};
use crate::tie_break::DrawByLot;
use rusqlite::{OptionalExtension, Transaction, params};

impl TenderFile {
    pub fn bidders(&self) -> Result<Vec<Bidder>> {
        let mut statement = self.conn.prepare("SELECT id, name, cvr, email FROM bidder ORDER BY name")?;
        let rows = statement.query_map([], |row| {
            Ok(Bidder { id: row.get(0)?, name: row.get(1)?, cvr: row.get(2)?, email: row.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The bids for a lot, by bidder name.
    pub fn bids(&self, lot_id: i64) -> Result<Vec<Bid>> {
        let mut statement = self.conn.prepare(
            "SELECT b.id, b.bidder_id, d.name, b.lot_id, b.received_at, b.source_file, b.source_sha256
             FROM bid b JOIN bidder d ON d.id = b.bidder_id WHERE b.lot_id = ?1 ORDER BY d.name",
        )?;
        let rows = statement.query_map(params![lot_id], |row| {
            Ok(Bid {
                id: row.get(0)?,
                bidder_id: row.get(1)?,
                bidder: row.get(2)?,
                lot_id: row.get(3)?,
                received_at: row.get(4)?,
                source_file: row.get(5)?,
                source_sha256: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes bidders' submissions in one transaction: all of them or, on any error, none.
    /// A bidder's new submission for a lot replaces its earlier one; the audit log records the replacement.
    pub fn import_submissions(&mut self, stamp: &Stamp, submissions: &[Submission]) -> Result<Vec<i64>> {
        self.write(|tx| submissions.iter().map(|s| import_one(tx, stamp, s)).collect())
    }

    pub fn responses(&self, bid_id: i64) -> Result<Vec<Response>> {
        let mut statement = self.conn.prepare(
            "SELECT q.code, r.compliant, r.value, r.document_ref, r.comment
             FROM requirement_response r JOIN requirement q ON q.id = r.requirement_id
             WHERE r.bid_id = ?1 ORDER BY q.position",
        )?;
        let rows = statement.query_map(params![bid_id], |row| {
            Ok(Response {
                requirement_code: row.get(0)?,
                compliant: row.get(1)?,
                value: row.get(2)?,
                document_ref: row.get(3)?,
                comment: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn price_lines(&self, bid_id: i64) -> Result<Vec<PriceLine>> {
        let mut statement = self
            .conn
            .prepare("SELECT item, quantity, unit_price FROM price_line WHERE bid_id = ?1 ORDER BY position")?;
        let rows = statement.query_map(params![bid_id], |row| {
            Ok(PriceLine { item: row.get(0)?, quantity: decimal_column(row, 1)?, unit_price: decimal_column(row, 2)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn lcc_inputs(&self, bid_id: i64) -> Result<Option<LccInputs>> {
        let Some(mut inputs) = self.fixed_lcc_inputs(bid_id)? else { return Ok(None) };
        let mut statement = self.conn.prepare("SELECT code, amount FROM lcc_cost_amount WHERE bid_id = ?1")?;
        inputs.costs = statement
            .query_map(params![bid_id], |row| Ok((row.get::<_, String>(0)?, decimal_column(row, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(inputs))
    }

    fn fixed_lcc_inputs(&self, bid_id: i64) -> Result<Option<LccInputs>> {
        Ok(self
            .conn
            .query_row(
                "SELECT acquisition, energy_kwh_per_year, maintenance_per_year, consumables_per_year, other_per_year,
                        end_of_life_cost, take_back_value FROM lcc_input WHERE bid_id = ?1",
                params![bid_id],
                |row| {
                    Ok(LccInputs {
                        acquisition: decimal_column(row, 0)?,
                        energy_kwh_per_year: decimal_column(row, 1)?,
                        maintenance_per_year: decimal_column(row, 2)?,
                        consumables_per_year: decimal_column(row, 3)?,
                        other_per_year: decimal_column(row, 4)?,
                        end_of_life_cost: decimal_column(row, 5)?,
                        take_back_value: decimal_column(row, 6)?,
                        costs: Default::default(),
                    })
                },
            )
            .optional()?)
    }

    /// The workbook a bid was read from, as the bidder sent it; `None` for a bid imported before the tender
    /// file kept originals (format 5) or not read from a workbook.
    pub fn original(&self, bid_id: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT bytes FROM bid_original WHERE bid_id = ?1", params![bid_id], |row| row.get(0))
            .optional()?)
    }

    /// Rejects a bid on the authority's own assessment (an abnormally low or late tender, say), or lifts the
    /// rejection with `None`. The rejection is checked against the tender's deadline first.
    pub fn set_exclusion(&mut self, stamp: &Stamp, bid_id: i64, rejection: Option<&Rejection>) -> Result<()> {
        if let Some(rejection) = rejection {
            rejection.validate(self.tender()?.bid_deadline).map_err(StoreError::Invalid)?;
        }
        let new = rejection.map(|r| (r.reason.trim().to_owned(), ground_json(&r.ground)));
        self.write(|tx| {
            let name = bid_entity(tx, bid_id)?;
            let old: Option<(String, Option<String>)> = tx
                .query_row(
                    "SELECT e.reason, g.ground FROM exclusion e LEFT JOIN exclusion_ground g ON g.bid_id = e.bid_id
                     WHERE e.bid_id = ?1",
                    params![bid_id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            // An exclusion from before format 6 has no ground row: it reads as another reason.
            let old = old.map(|(reason, ground)| (reason, ground.unwrap_or_else(|| ground_json(&Ground::Other))));
            if old == new {
                return Ok(());
            }
            tx.execute("DELETE FROM exclusion_ground WHERE bid_id = ?1", params![bid_id])?;
            tx.execute("DELETE FROM exclusion WHERE bid_id = ?1", params![bid_id])?;
            if let Some((reason, ground)) = &new {
                tx.execute("INSERT INTO exclusion (bid_id, reason) VALUES (?1, ?2)", params![bid_id, reason])?;
                tx.execute("INSERT INTO exclusion_ground (bid_id, ground) VALUES (?1, ?2)", params![bid_id, ground])?;
            }
            let (old_reason, old_ground) = old.unzip();
            let (new_reason, new_ground) = new.unzip();
            if old_reason != new_reason {
                record(tx, stamp, &name, "exclusion", old_reason.as_deref(), new_reason.as_deref())?;
            }
            if old_ground != new_ground {
                record(tx, stamp, &name, "exclusion ground", old_ground.as_deref(), new_ground.as_deref())?;
            }
            Ok(())
        })
    }

    /// The authority's own rejections: bid id and rejection, in bid order.
    pub fn exclusions(&self) -> Result<Vec<(i64, Rejection)>> {
        let mut statement = self.conn.prepare(
            "SELECT e.bid_id, e.reason, g.ground FROM exclusion e LEFT JOIN exclusion_ground g ON g.bid_id = e.bid_id
             ORDER BY e.bid_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, Option<String>>(2)?))
        })?;
        rows.map(|row| {
            let (bid, reason, ground) = row?;
            let ground = match ground {
                None => Ground::Other,
                Some(json) => serde_json::from_str(&json).map_err(|e| StoreError::Damaged {
                    path: self.path.clone(),
                    reason: Said::new(
                        format!("the rejection ground of bid {bid} cannot be read: {e}"),
                        format!("afvisningsgrunden for tilbud {bid} kan ikke læses: {e}"),
                    ),
                })?,
            };
            Ok((bid, Rejection { ground, reason }))
        })
        .collect()
    }
}

impl TenderFile {
    /// What a bid declares it subcontracts, if it says.
    pub fn subcontracting(&self, bid_id: i64) -> Result<Option<Subcontracting>> {
        self.conn
            .query_row("SELECT share, subcontractors FROM subcontracting WHERE bid_id = ?1", params![bid_id], |row| {
                Ok(Subcontracting { share: decimal_column(row, 0)?, subcontractors: row.get(1)? })
            })
            .optional()
            .map_err(Into::into)
    }

    /// Records the result of a bid's selection, or removes it.
    pub fn set_selection(&mut self, stamp: &Stamp, bid_id: i64, selection: Option<&Selection>) -> Result<()> {
        if selection.is_some_and(|s| s.reason.trim().is_empty()) {
            return Err(StoreError::invalid(
                "The selection result needs the authority's reasons.",
                "Resultatet af udvælgelsen skal have ordregiverens begrundelse.",
            ));
        }
        let new = selection.map(|s| Selection { qualified: s.qualified, reason: s.reason.trim().to_owned() });
        self.write(|tx| {
            let name = bid_entity(tx, bid_id)?;
            let old = selection_of(tx, bid_id)?;
            if old == new {
                return Ok(());
            }
            tx.execute("DELETE FROM selection WHERE bid_id = ?1", params![bid_id])?;
            if let Some(new) = &new {
                tx.execute(
                    "INSERT INTO selection (bid_id, qualified, reason) VALUES (?1, ?2, ?3)",
                    params![bid_id, new.qualified, new.reason],
                )?;
            }
            let shown =
                |s: &Option<Selection>| s.as_ref().map(|s| serde_json::to_string(s).expect("a selection serialises"));
            record(tx, stamp, &name, "selection", shown(&old).as_deref(), shown(&new).as_deref())
        })
    }

    /// The results of the selection the authority has recorded, by bid id.
    pub fn selections(&self) -> Result<Vec<(i64, Selection)>> {
        let mut statement = self.conn.prepare("SELECT bid_id, qualified, reason FROM selection ORDER BY bid_id")?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, Selection { qualified: row.get(1)?, reason: row.get(2)? })))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the draw by lot held for a lot's shared first rank, or removes it.
    pub fn set_draw(&mut self, stamp: &Stamp, lot_id: i64, draw: Option<(i64, &DrawByLot)>) -> Result<()> {
        if let Some((_, draw)) = draw
            && (draw.held_by.trim().is_empty() || draw.witnesses.trim().is_empty())
        {
            return Err(StoreError::invalid(
                "A draw by lot is recorded with who held it and who witnessed it.",
                "En lodtrækning protokolleres med, hvem der foretog den, og hvem der overværede den.",
            ));
        }
        self.write(|tx| {
            let number = lot_number(tx, lot_id)?;
            let old = draw_of(tx, lot_id)?;
            tx.execute("DELETE FROM lot_draw WHERE lot_id = ?1", params![lot_id])?;
            if let Some((bid_id, draw)) = draw {
                let bid_lot: i64 = tx
                    .query_row("SELECT lot_id FROM bid WHERE id = ?1", params![bid_id], |row| row.get(0))
                    .optional()?
                    .ok_or_else(|| {
                        StoreError::not_found(
                            format!("There is no bid {bid_id}."),
                            format!("Der findes intet tilbud {bid_id}."),
                        )
                    })?;
                if bid_lot != lot_id {
                    return Err(StoreError::invalid(
                        format!("Bid {bid_id} is not a bid for lot {number}."),
                        format!("Tilbud {bid_id} er ikke et tilbud på delaftale {number}."),
                    ));
                }
                tx.execute(
                    "INSERT INTO lot_draw (lot_id, bid_id, held_on, held_by, witnesses) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![lot_id, bid_id, draw.held_on.to_string(), draw.held_by.trim(), draw.witnesses.trim()],
                )?;
            }
            let new = draw_of(tx, lot_id)?;
            if old == new {
                return Ok(());
            }
            let shown =
                |d: &Option<DrawByLot>| d.as_ref().map(|d| serde_json::to_string(d).expect("a draw serialises"));
            record(tx, stamp, &format!("lot {number}"), "draw", shown(&old).as_deref(), shown(&new).as_deref())
        })
    }

    /// Opens a lot's prices, recording when and, where given, why before every consensus score was agreed.
    /// Opening them again changes nothing.
    pub fn reveal_prices(&mut self, stamp: &Stamp, lot_id: i64, reason: &str) -> Result<()> {
        self.write(|tx| {
            let number = lot_number(tx, lot_id)?;
            let inserted = tx.execute(
                "INSERT OR IGNORE INTO price_reveal (lot_id, revealed_at, reason) VALUES (?1, ?2, ?3)",
                params![lot_id, stamp.at_text(), reason.trim()],
            )?;
            if inserted == 0 {
                return Ok(());
            }
            let said = if reason.trim().is_empty() { "every consensus score agreed" } else { reason.trim() };
            record(tx, stamp, &format!("lot {number}"), "prices revealed", None, Some(said))
        })
    }

    /// When a lot's prices were opened (RFC 3339); `None` while they are sealed.
    pub fn prices_revealed(&self, lot_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT revealed_at FROM price_reveal WHERE lot_id = ?1", params![lot_id], |row| row.get(0))
            .optional()?)
    }

    /// The draw by lot recorded for a lot, if one was held.
    pub fn draw(&self, lot_id: i64) -> Result<Option<DrawByLot>> {
        draw_of(&self.conn, lot_id)
    }
}

fn selection_of(conn: &rusqlite::Connection, bid_id: i64) -> Result<Option<Selection>> {
    Ok(conn
        .query_row("SELECT qualified, reason FROM selection WHERE bid_id = ?1", params![bid_id], |row| {
            Ok(Selection { qualified: row.get(0)?, reason: row.get(1)? })
        })
        .optional()?)
}

fn draw_of(conn: &rusqlite::Connection, lot_id: i64) -> Result<Option<DrawByLot>> {
    let row: Option<(String, String, String, String)> = conn
        .query_row(
            "SELECT d.name, w.held_on, w.held_by, w.witnesses FROM lot_draw w JOIN bid b ON b.id = w.bid_id
             JOIN bidder d ON d.id = b.bidder_id WHERE w.lot_id = ?1",
            params![lot_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    row.map(|(bidder, held_on, held_by, witnesses)| {
        let held_on = held_on.parse().map_err(|_| {
            StoreError::invalid(
                format!("The draw of lot {lot_id} has an unreadable date '{held_on}'."),
                format!("Lodtrækningen for delaftale {lot_id} har en ulæselig dato '{held_on}'."),
            )
        })?;
        Ok(DrawByLot { bidder, held_on, held_by, witnesses })
    })
    .transpose()
}

fn ground_json(ground: &Ground) -> String {
    serde_json::to_string(ground).expect("a rejection ground serialises")
}

/// "lot 1 bid Sonoscan A/S": how a bid is named in the audit log.
pub(super) fn bid_entity(tx: &Transaction, bid_id: i64) -> Result<String> {
    tx.query_row(
        "SELECT l.number, d.name FROM bid b JOIN lot l ON l.id = b.lot_id JOIN bidder d ON d.id = b.bidder_id
         WHERE b.id = ?1",
        params![bid_id],
        |row| Ok(format!("lot {} bid {}", row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
    )
    .optional()?
    .ok_or_else(|| {
        StoreError::not_found(format!("There is no bid {bid_id}."), format!("Der findes intet tilbud {bid_id}."))
    })
}

fn import_one(tx: &Transaction, stamp: &Stamp, submission: &Submission) -> Result<i64> {
    let lot_id: i64 = tx
        .query_row("SELECT id FROM lot WHERE number = ?1", params![submission.lot_number], |row| row.get(0))
        .optional()?
        .ok_or_else(|| {
            StoreError::invalid(
                format!("The tender has no lot {}.", submission.lot_number),
                format!("Udbuddet har ingen delaftale {}.", submission.lot_number),
            )
        })?;
    let bidder = submission.bidder.trim();
    if bidder.is_empty() {
        return Err(StoreError::invalid(
            format!("{}: the bidder's name is missing.", submission.source_file),
            format!("{}: tilbudsgiverens navn mangler.", submission.source_file),
        ));
    }
    tx.execute("INSERT OR IGNORE INTO bidder (name) VALUES (?1)", params![bidder])?;
    let bidder_id: i64 = tx.query_row("SELECT id FROM bidder WHERE name = ?1", params![bidder], |row| row.get(0))?;
    let earlier: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, source_sha256 FROM bid WHERE bidder_id = ?1 AND lot_id = ?2",
            params![bidder_id, lot_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let bid_id = match &earlier {
        Some((id, _)) => {
            for table in
                ["requirement_response", "price_line", "lcc_input", "lcc_cost_amount", "bid_original", "subcontracting"]
            {
                tx.execute(&format!("DELETE FROM {table} WHERE bid_id = ?1"), params![id])?;
            }
            tx.execute(
                "UPDATE bid SET received_at = ?1, source_file = ?2, source_sha256 = ?3 WHERE id = ?4",
                params![submission.received_at, submission.source_file, submission.source_sha256, id],
            )?;
            *id
        }
        None => {
            tx.execute(
                "INSERT INTO bid (bidder_id, lot_id, received_at, source_file, source_sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![bidder_id, lot_id, submission.received_at, submission.source_file, submission.source_sha256],
            )?;
            tx.last_insert_rowid()
        }
    };
    if let Some(declared) = &submission.subcontracting {
        tx.execute(
            "INSERT INTO subcontracting (bid_id, share, subcontractors) VALUES (?1, ?2, ?3)",
            params![bid_id, declared.share.normalize().to_string(), declared.subcontractors.trim()],
        )?;
    }
    // Statements are prepared once per import, not once per answer: a bid may answer thousands of
    // requirements.
    let mut find = tx.prepare_cached("SELECT id FROM requirement WHERE lot_id = ?1 AND code = ?2")?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO requirement_response (bid_id, requirement_id, compliant, value, document_ref, comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for response in &submission.responses {
        let requirement_id: i64 = find
            .query_row(params![lot_id, response.requirement_code], |row| row.get(0))
            .optional()?
            .ok_or_else(|| {
                StoreError::invalid(
                    format!(
                        "{}: lot {} has no requirement {}.",
                        submission.source_file, submission.lot_number, response.requirement_code
                    ),
                    format!(
                        "{}: delaftale {} har intet krav {}.",
                        submission.source_file, submission.lot_number, response.requirement_code
                    ),
                )
            })?;
        insert.execute(params![
            bid_id,
            requirement_id,
            response.compliant,
            response.value,
            response.document_ref,
            response.comment
        ])?;
    }
    for (position, line) in submission.price_lines.iter().enumerate() {
        tx.execute(
            "INSERT INTO price_line (bid_id, position, item, quantity, unit_price) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![bid_id, position as i64 + 1, line.item, line.quantity.to_string(), line.unit_price.to_string()],
        )?;
    }
    if let Some(lcc) = &submission.lcc {
        tx.execute(
            "INSERT INTO lcc_input (bid_id, acquisition, energy_kwh_per_year, maintenance_per_year,
                 consumables_per_year, other_per_year, end_of_life_cost, take_back_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                bid_id,
                lcc.acquisition.to_string(),
                lcc.energy_kwh_per_year.to_string(),
                lcc.maintenance_per_year.to_string(),
                lcc.consumables_per_year.to_string(),
                lcc.other_per_year.to_string(),
                lcc.end_of_life_cost.to_string(),
                lcc.take_back_value.to_string()
            ],
        )?;
        for (code, amount) in lcc.costs.iter() {
            tx.execute(
                "INSERT INTO lcc_cost_amount (bid_id, code, amount) VALUES (?1, ?2, ?3)",
                params![bid_id, code, amount.to_string()],
            )?;
        }
    }
    if let Some(bytes) = &submission.original {
        tx.execute("INSERT INTO bid_original (bid_id, bytes) VALUES (?1, ?2)", params![bid_id, bytes])?;
    }
    let lot = lot_number(tx, lot_id)?;
    let summary = format!(
        "{} ({} answers, price {}, sha256 {})",
        submission.source_file,
        submission.responses.len(),
        bid_price(&submission.price_lines),
        submission.source_sha256
    );
    let old = earlier.map(|(_, sha)| format!("earlier submission, sha256 {sha}"));
    let field = if old.is_some() { "replaced" } else { "imported" };
    record(tx, stamp, &format!("lot {lot} bid {bidder}"), field, old.as_deref(), Some(&summary))?;
    Ok(bid_id)
}
