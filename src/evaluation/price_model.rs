//! Price and cost point models (domain.md, "Price/cost point models").
//!
//! Each model gives a fraction of the scale range: 1 for the best price, 0 for the worst, and the points are
//! `scale.min + (scale.max − scale.min) · fraction`; on a 0–P scale that is exactly domain.md's `P · …`.

use super::model::{PriceModel, PriceRule, Scale};
use rust_decimal::Decimal;
use serde::Serialize;

/// Points for the amount `amount` (price or life-cycle cost) when `lowest` is the lowest amount among the
/// bids still in the competition. Validation guarantees what the model needs: both end points with
/// `full_points_at < zero_points_at` for `linear_fixed`, a positive percentage for `linear_from_lowest`, and
/// positive amounts for the relative models, so there is no division by zero here.
pub(crate) fn price_points(rule: &PriceRule, amount: Decimal, lowest: Decimal, scale: &Scale) -> Decimal {
    let fraction = match rule.model {
        PriceModel::LinearFixed => {
            let full = rule.full_points_at.unwrap_or_default();
            let zero = rule.zero_points_at.unwrap_or_default();
            ((zero - amount) / (zero - full)).clamp(Decimal::ZERO, Decimal::ONE)
        }
        PriceModel::LinearFromLowest => {
            let spread = rule.zero_at_percent_above_lowest.unwrap_or(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED;
            (Decimal::ONE - (amount - lowest) / (lowest * spread)).max(Decimal::ZERO)
        }
        PriceModel::Proportional => lowest / amount,
    };
    scale.min + (scale.max - scale.min) * fraction
}

/// One point of a price model's preview curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurvePoint {
    pub price: Decimal,
    pub points: Decimal,
}

/// The points `rule` gives at `samples` evenly spaced prices from `from` to `to` (both included), with
/// `lowest` as the lowest competing price for the relative models, so that the model editor can draw the
/// curve the tender will announce. Refuses the parameters validation would refuse, rather than divide by
/// zero: the editor shows the message while the consultant is still typing.
pub fn price_curve(
    rule: &PriceRule,
    scale: &Scale,
    lowest: Decimal,
    from: Decimal,
    to: Decimal,
    samples: u32,
) -> Result<Vec<CurvePoint>, String> {
    match rule.model {
        PriceModel::LinearFixed => match (rule.full_points_at, rule.zero_points_at) {
            (Some(full), Some(zero)) if full < zero => {}
            _ => return Err("a fixed linear model needs a full-points price below its zero-points price".into()),
        },
        PriceModel::LinearFromLowest if rule.zero_at_percent_above_lowest.is_none_or(|p| p <= Decimal::ZERO) => {
            return Err("a linear model from the lowest price needs a positive percentage".into());
        }
        _ => {}
    }
    if rule.model.is_relative() && (lowest <= Decimal::ZERO || from <= Decimal::ZERO) {
        return Err("a relative model needs positive prices".into());
    }
    if samples < 2 || from >= to {
        return Err("the curve needs at least two prices, from a lower to a higher one".into());
    }
    let step = (to - from) / Decimal::from(samples - 1);
    Ok((0..samples)
        .map(|i| {
            let price = if i == samples - 1 { to } else { from + step * Decimal::from(i) };
            CurvePoint { price, points: price_points(rule, price, lowest, scale) }
        })
        .collect())
}
