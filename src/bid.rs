//! Bidders, their bids per lot, their answers to the requirements and their prices.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bidder {
    pub id: i64,
    pub name: String,
    pub cvr: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bid {
    pub id: i64,
    pub bidder_id: i64,
    pub bidder: String,
    pub lot_id: i64,
    pub received_at: Option<String>,
    pub source_file: String,
    pub source_sha256: String,
}

/// A bidder's answer to one requirement. `compliant` is the yes/no of a minimum requirement; `value` is the
/// answer to an award or information requirement (a number for measured requirements).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub requirement_code: String,
    pub compliant: Option<bool>,
    pub value: String,
    pub document_ref: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceLine {
    pub item: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
}

impl PriceLine {
    pub fn total(&self) -> Decimal {
        self.quantity * self.unit_price
    }
}

/// The bid price: the sum of its lines.
pub fn bid_price(lines: &[PriceLine]) -> Decimal {
    lines.iter().map(PriceLine::total).sum()
}

/// The life-cycle-cost inputs a bidder states are the engine's own type, so nothing converts between them.
pub use crate::evaluation::LccInputs;

/// The share of the contract a bidder declares in its bid workbook that it intends to subcontract, and to
/// whom (art. 84(1)(e) of Directive 2014/24/EU).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subcontracting {
    /// Per cent of the contract, from 0 to 100.
    pub share: Decimal,
    pub subcontractors: String,
}

/// The result of a tenderer's selection: whether it meets the suitability criteria and no exclusion ground
/// applies, with the authority's reasons (art. 84(1)(b) and (c)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    pub qualified: bool,
    pub reason: String,
}

/// Everything a bidder submitted for one lot, as an import writes it in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub bidder: String,
    pub lot_number: i64,
    pub received_at: Option<String>,
    pub source_file: String,
    pub source_sha256: String,
    pub responses: Vec<Response>,
    pub price_lines: Vec<PriceLine>,
    pub lcc: Option<LccInputs>,
    /// What the bid declares it subcontracts; `None` where it does not say.
    pub subcontracting: Option<Subcontracting>,
    /// The workbook's bytes, kept in the tender file as the bid's original; `None` for a bid that was not
    /// read from a workbook.
    pub original: Option<Vec<u8>>,
}

/// One line of a lot's price schedule, as the tender defines it: bidders give only the unit price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceItem {
    pub id: i64,
    pub lot_id: i64,
    /// The item's 1-based place in the schedule; the price sheet shows it as the item's number.
    pub position: i64,
    pub item: String,
    pub unit: String,
    pub quantity: Decimal,
}
