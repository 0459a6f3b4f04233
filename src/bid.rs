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

/// The life-cycle-cost inputs a bidder states, as totals for the tendered quantity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LccInputs {
    pub acquisition: Decimal,
    pub energy_kwh_per_year: Decimal,
    pub maintenance_per_year: Decimal,
    pub consumables_per_year: Decimal,
    pub other_per_year: Decimal,
    pub end_of_life_cost: Decimal,
    pub take_back_value: Decimal,
}

/// Everything a bidder submitted for one lot, as an import writes it in one go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    pub bidder: String,
    pub lot_number: i64,
    pub received_at: Option<String>,
    pub source_file: String,
    pub source_sha256: String,
    pub responses: Vec<Response>,
    pub price_lines: Vec<PriceLine>,
    pub lcc: Option<LccInputs>,
}
