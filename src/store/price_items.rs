//! The tender's price schedule per lot, and the facts of a lot's evaluation model that the bid and score
//! workbooks need: whether life-cycle cost is asked for, and the steps of the scoring scale.

use super::publication::refuse_if_published;
use super::{Result, StoreError, TenderFile, decimal_column, lot_number, record};
use crate::audit::Stamp;
use crate::bid::PriceItem;
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;
use std::str::FromStr;

impl TenderFile {
    /// The price schedule of a lot in its order.
    pub fn price_items(&self, lot_id: i64) -> Result<Vec<PriceItem>> {
        let mut statement = self.conn.prepare(
            "SELECT id, lot_id, position, item, unit, quantity FROM price_item WHERE lot_id = ?1 ORDER BY position",
        )?;
        let rows = statement.query_map(params![lot_id], |row| {
            Ok(PriceItem {
                id: row.get(0)?,
                lot_id: row.get(1)?,
                position: row.get(2)?,
                item: row.get(3)?,
                unit: row.get(4)?,
                quantity: decimal_column(row, 5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds an item at the end of a lot's price schedule.
    pub fn add_price_item(
        &mut self,
        stamp: &Stamp,
        lot_id: i64,
        item: &str,
        unit: &str,
        quantity: Decimal,
    ) -> Result<PriceItem> {
        let item = item.trim();
        if item.is_empty() {
            return Err(StoreError::invalid(
                "A price item needs a description.",
                "En prislinje skal have en beskrivelse.",
            ));
        }
        if quantity <= Decimal::ZERO {
            return Err(StoreError::invalid(
                format!("Price item {item}: the quantity must be more than zero."),
                format!("Prislinjen {item}: mængden skal være større end nul."),
            ));
        }
        self.write(|tx| {
            refuse_if_published(tx, lot_id)?;
            let lot = lot_number(tx, lot_id)?;
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM price_item WHERE lot_id = ?1",
                params![lot_id],
                |row| row.get(0),
            )?;
            let quantity = quantity.normalize();
            tx.execute(
                "INSERT INTO price_item (lot_id, position, item, unit, quantity) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![lot_id, position, item, unit.trim(), quantity.to_string()],
            )?;
            // Taken before the audit row is written, which has a rowid of its own.
            let id = tx.last_insert_rowid();
            let logged = format!("{item}: {quantity} {}", unit.trim());
            record(tx, stamp, &format!("lot {lot} price item {position}"), "added", None, Some(logged.trim()))?;
            Ok(PriceItem { id, lot_id, position, item: item.to_owned(), unit: unit.trim().to_owned(), quantity })
        })
    }

    /// Sets (or with `None` clears) the period of use over which the lot's life-cycle cost is computed.
    pub fn set_life_cycle_years(&mut self, stamp: &Stamp, lot_id: i64, years: Option<i64>) -> Result<()> {
        if years.is_some_and(|y| y < 1) {
            return Err(StoreError::invalid(
                "The life-cycle period must be at least one year.",
                "Levetiden for livscyklusomkostningerne skal være mindst ét år.",
            ));
        }
        self.write(|tx| {
            refuse_if_published(tx, lot_id)?;
            let lot = lot_number(tx, lot_id)?;
            let old: Option<i64> =
                tx.query_row("SELECT lcc_years FROM evaluation_model WHERE lot_id = ?1", params![lot_id], |row| {
                    row.get(0)
                })?;
            if old == years {
                return Ok(());
            }
            tx.execute("UPDATE evaluation_model SET lcc_years = ?1 WHERE lot_id = ?2", params![years, lot_id])?;
            let text = |y: Option<i64>| y.map(|y| y.to_string());
            record(tx, stamp, &format!("lot {lot}"), "lcc_years", text(old).as_deref(), text(years).as_deref())
        })
    }

    /// The points an evaluator may give in a lot: the named scale steps if the model has them, otherwise
    /// every whole number from the scale's minimum to its maximum.
    pub fn scale_points(&self, lot_id: i64) -> Result<Vec<Decimal>> {
        let mut statement = self.conn.prepare("SELECT points FROM scale_step WHERE lot_id = ?1")?;
        let mut steps: Vec<Decimal> =
            statement.query_map(params![lot_id], |row| decimal_column(row, 0))?.collect::<rusqlite::Result<_>>()?;
        if !steps.is_empty() {
            steps.sort();
            return Ok(steps);
        }
        let (min, max): (String, String) = self
            .conn
            .query_row("SELECT scale_min, scale_max FROM evaluation_model WHERE lot_id = ?1", params![lot_id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::no_lot(lot_id))?;
        let bound = |text: &str| Decimal::from_str(text).map(|d| d.trunc()).unwrap_or_default();
        let (mut point, max) = (bound(&min), bound(&max));
        while point <= max {
            steps.push(point);
            point += Decimal::ONE;
        }
        Ok(steps)
    }
}
