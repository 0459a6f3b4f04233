//! Display rounding, a product decision (domain.md, "Arithmetic").
//!
//! The engine computes, and decides the ranking, at full precision: exact decimals, with divisions carried to
//! 28 significant digits and weighted contributions kept to [`CONTRIBUTION_DECIMALS`] places so that every sum
//! of them is exact. Only what is shown is rounded, half away from zero: points to 2 decimals, money to whole
//! kroner or to 2 decimals. Because ranking uses full precision, two bids can show the same rounded total and
//! still have different ranks; equal full-precision totals are ties. The report states this rule.

use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places kept in weighted contributions (leaf weight × points), and so in totals.
pub const CONTRIBUTION_DECIMALS: u32 = 20;

/// How money is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyDisplay {
    WholeKroner,
    Ore,
}

/// Points as shown: 2 decimals, half away from zero.
pub fn round_points(points: Decimal) -> Decimal {
    points.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Money as shown: whole kroner or 2 decimals, half away from zero.
pub fn round_money(amount: Decimal, display: MoneyDisplay) -> Decimal {
    let places = match display {
        MoneyDisplay::WholeKroner => 0,
        MoneyDisplay::Ore => 2,
    };
    amount.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}
