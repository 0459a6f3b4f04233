//! Price and cost point models (domain.md, "Price/cost point models").
//!
//! Each model gives a fraction of the scale range: 1 for the best price, 0 for the worst, and the points are
//! `scale.min + (scale.max − scale.min) · fraction`; on a 0–P scale that is exactly domain.md's `P · …`.

use super::model::{PriceModel, PriceRule, Scale};
use rust_decimal::Decimal;

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
