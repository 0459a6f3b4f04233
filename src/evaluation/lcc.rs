//! Life-cycle cost (domain.md, "Life-cycle cost"; Directive 2014/24/EU art. 68).
//!
//! LCC = acquisition + Σ_{t=1..N} yearly_t · (1+e)^(t−1) / (1+r)^t + (end-of-life cost − take-back value) / (1+r)^N,
//! where yearly_t is energy, CO2, maintenance, consumables and other running costs, plus every announced cost
//! line k that falls in year t (from_k ≤ t ≤ to_k) with its yearly amount
//! c_k = bidder's amount × volume_k (when announced) × quantity (when per unit).
//! A cost line is stated at today's prices like the other yearly costs, so the escalation applies to it from
//! year 1 as to them: a one-off in year 5 costs c · (1+e)^4 / (1+r)^5 today.
//! The powers are built by exact Decimal multiplication year by year rather than a floating-point `powf`, so
//! with r = e = 0 the result is the plain sum and the worked example W3 comes out digit for digit.

use super::model::{LccCostBasis, LccInputs, LccParameters};
use rust_decimal::Decimal;
use serde::Serialize;

/// A bid's life-cycle cost with its breakdown; every element is a present value in the tender's currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifeCycleCost {
    pub total: Decimal,
    pub acquisition: Decimal,
    pub energy: Decimal,
    pub co2: Decimal,
    pub maintenance: Decimal,
    pub consumables: Decimal,
    pub other: Decimal,
    pub end_of_life: Decimal,
    /// Present value of the take-back value; it is subtracted in `total`, so it is reported as a positive amount.
    pub take_back: Decimal,
    /// The announced cost lines, in the model's order; empty when the model announces none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub costs: Vec<LccCostValue>,
    pub years: Vec<LccYear>,
}

/// One announced cost line of a bid: its nominal yearly amount (before escalation) and its present value
/// over the years it falls in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LccCostValue {
    pub id: String,
    pub yearly_amount: Decimal,
    pub present_value: Decimal,
}

/// The present values of one year of use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LccYear {
    pub year: u32,
    pub energy: Decimal,
    pub co2: Decimal,
    pub maintenance: Decimal,
    pub consumables: Decimal,
    pub other: Decimal,
    /// The present value of the announced cost lines that fall in this year; `None` when the model announces
    /// none, so that a model without them reports its years as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub costs: Option<Decimal>,
    pub total: Decimal,
}

/// Computes the life-cycle cost, or `None` when an amount is too large for exact decimal arithmetic.
/// Validation keeps the parameters within a range where this cannot happen for realistic inputs, and turns
/// `None` into a problem naming the bid.
pub fn life_cycle_cost(params: &LccParameters, inputs: &LccInputs) -> Option<LifeCycleCost> {
    let energy_per_year =
        inputs.energy_kwh_per_year.checked_mul(params.energy_price_per_kwh)?.checked_mul(params.quantity)?;
    let co2_per_year = inputs
        .energy_kwh_per_year
        .checked_mul(params.quantity)?
        .checked_mul(params.co2_kg_per_kwh)?
        .checked_div(Decimal::ONE_THOUSAND)?
        .checked_mul(params.co2_price_per_tonne)?;
    let nominal = [
        energy_per_year,
        co2_per_year,
        inputs.maintenance_per_year,
        inputs.consumables_per_year,
        inputs.other_per_year,
    ];
    // A line the bid gives no amount for counts as nothing here; validation reports it against the bid.
    let mut lines = Vec::with_capacity(params.costs.len());
    for cost in &params.costs {
        let amount = inputs.costs.get(&cost.id).copied().unwrap_or_default();
        let mut yearly = amount.checked_mul(cost.volume.unwrap_or(Decimal::ONE))?;
        if cost.per == LccCostBasis::Unit {
            yearly = yearly.checked_mul(params.quantity)?;
        }
        lines.push(LccCostValue { id: cost.id.clone(), yearly_amount: yearly, present_value: Decimal::ZERO });
    }

    let mut growth = Decimal::ONE;
    let mut discount = Decimal::ONE;
    let mut years = Vec::with_capacity(params.years as usize);
    let mut sums = [Decimal::ZERO; 5];
    for year in 1..=params.years {
        if year > 1 {
            growth = growth.checked_mul(Decimal::ONE + params.escalation)?;
        }
        discount = discount.checked_mul(Decimal::ONE + params.discount_rate)?;
        let mut present = [Decimal::ZERO; 5];
        for (slot, amount) in present.iter_mut().zip(nominal) {
            *slot = amount.checked_mul(growth)?.checked_div(discount)?;
        }
        for (sum, value) in sums.iter_mut().zip(present) {
            *sum = sum.checked_add(value)?;
        }
        let mut costs = Decimal::ZERO;
        for (cost, line) in params.costs.iter().zip(lines.iter_mut()) {
            if (cost.from_year..=cost.to_year).contains(&year) {
                let value = line.yearly_amount.checked_mul(growth)?.checked_div(discount)?;
                line.present_value = line.present_value.checked_add(value)?;
                costs = costs.checked_add(value)?;
            }
        }
        let total = present.iter().try_fold(costs, |acc, v| acc.checked_add(*v))?;
        let [energy, co2, maintenance, consumables, other] = present;
        let costs = (!params.costs.is_empty()).then_some(costs);
        years.push(LccYear { year, energy, co2, maintenance, consumables, other, costs, total });
    }

    let end_of_life = inputs.end_of_life_cost.checked_div(discount)?;
    let take_back = inputs.take_back_value.checked_div(discount)?;
    let yearly_total = years.iter().try_fold(Decimal::ZERO, |acc, y| acc.checked_add(y.total))?;
    let total = inputs.acquisition.checked_add(yearly_total)?.checked_add(end_of_life)?.checked_sub(take_back)?;
    let [energy, co2, maintenance, consumables, other] = sums;
    Some(LifeCycleCost {
        total,
        acquisition: inputs.acquisition,
        energy,
        co2,
        maintenance,
        consumables,
        other,
        end_of_life,
        take_back,
        costs: lines,
        years,
    })
}
