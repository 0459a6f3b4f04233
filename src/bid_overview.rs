//! The bids of a tender at a glance, for the bids screen: per lot, each bid's minimum-requirement compliance,
//! its price or life-cycle cost, and whether it is admissible or excluded and why.
//!
//! Exclusions come from three places, and the overview gathers them all: a minimum requirement answered "no",
//! the consultant's own exclusion (an abnormally low tender, for instance), and, once the lot can be
//! evaluated, the engine's exclusion of a bid below a criterion's announced minimum points.

use crate::bid::{Selection, Subcontracting};
use crate::evaluation::{Evaluation, EvaluationInput, PointsShortfall, life_cycle_cost};
use crate::rejection::Rejection;
use crate::requirement::RequirementKind;
use crate::store::{Result, StoreError, TenderFile};
use crate::tender::DEFAULT_ABNORMALLY_LOW_SHARE;
use rust_decimal::Decimal;

/// One bid as the overview shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct BidSummary {
    pub bid_id: i64,
    pub lot_id: i64,
    pub lot_number: i64,
    pub bidder: String,
    /// The workbook the bid was imported from.
    pub source_file: String,
    /// When the bid was received (RFC 3339), if the workbook or the consultant said so.
    pub received_at: Option<String>,
    /// How many minimum requirements the lot has, and how many the bid met.
    pub minimum_total: usize,
    pub minimum_met: usize,
    /// Codes of the minimum requirements answered "no", and of those left unanswered.
    pub minimum_failed: Vec<String>,
    pub minimum_unanswered: Vec<String>,
    /// The sum of the price lines; `None` when the bid has none.
    pub price: Option<Decimal>,
    /// The engine's life-cycle cost, when the lot's model uses one and the bid stated its inputs.
    pub life_cycle_cost: Option<Decimal>,
    /// The criteria on which the engine found the bid below the announced minimum points.
    pub below_minimum_points: Vec<PointsShortfall>,
    /// The authority's own rejection of the bid, if it decided one.
    pub rejection: Option<Rejection>,
    /// How far, in per cent, the bid's price lies below the mean of the lot's other admissible bids, when
    /// that is at least the tender's abnormally-low share: a candidate for a request for explanation
    /// (udbudslovens § 169), which only the consultant can decide to reject.
    pub abnormally_low: Option<Decimal>,
    /// The result of the tenderer's selection, as the authority recorded it.
    pub selection: Option<Selection>,
    /// The share of the contract the bid declares it subcontracts.
    pub subcontracting: Option<Subcontracting>,
    /// Whether the lot's prices are still sealed: a screen then shows neither the price, the life-cycle
    /// cost nor the abnormally-low flag.
    pub prices_sealed: bool,
}

impl BidSummary {
    /// Whether the bid takes part in the evaluation: every minimum requirement met, no exclusion.
    pub fn admissible(&self) -> bool {
        self.minimum_met == self.minimum_total && self.below_minimum_points.is_empty() && self.rejection.is_none()
    }
}

/// Every bid of the tender, lot by lot in lot order, bids in the order they were imported.
pub fn bid_overview(store: &TenderFile) -> Result<Vec<BidSummary>> {
    let exclusions = store.exclusions()?;
    let selections = store.selections()?;
    let mut out = Vec::new();
    for lot in store.lots()? {
        let minimum: Vec<String> = store
            .requirements(lot.id)?
            .into_iter()
            .filter(|r| r.text.kind == RequirementKind::Minimum)
            .map(|r| r.text.code)
            .collect();
        let input = match store.evaluation_input(lot.id) {
            Ok(input) => Some(input),
            // A lot without an evaluation model still has bids to show.
            Err(StoreError::NotFound(_)) => None,
            Err(e) => return Err(e),
        };
        let excluded = input.as_ref().map(engine_exclusions).unwrap_or_default();
        let prices_sealed = store.prices_revealed(lot.id)?.is_none();
        for bid in store.bids(lot.id)? {
            let responses = store.responses(bid.id)?;
            let answer =
                |code: &String| responses.iter().find(|r| &r.requirement_code == code).and_then(|r| r.compliant);
            let lines = store.price_lines(bid.id)?;
            let life_cycle_cost = input.as_ref().and_then(|input| {
                let params = input.lcc.as_ref()?;
                let inputs = input.bids.iter().find(|b| b.id == bid.bidder)?.lcc_inputs.as_ref()?;
                Some(life_cycle_cost(params, inputs)?.total)
            });
            out.push(BidSummary {
                bid_id: bid.id,
                lot_id: lot.id,
                lot_number: lot.number,
                source_file: bid.source_file.clone(),
                received_at: bid.received_at.clone(),
                minimum_total: minimum.len(),
                minimum_met: minimum.iter().filter(|c| answer(c) == Some(true)).count(),
                minimum_failed: minimum.iter().filter(|c| answer(c) == Some(false)).cloned().collect(),
                minimum_unanswered: minimum.iter().filter(|c| answer(c).is_none()).cloned().collect(),
                price: (!lines.is_empty()).then(|| crate::bid::bid_price(&lines)),
                life_cycle_cost,
                below_minimum_points: excluded
                    .iter()
                    .filter(|(bidder, _)| *bidder == bid.bidder)
                    .flat_map(|(_, shortfalls)| shortfalls.iter().cloned())
                    .collect(),
                rejection: exclusions.iter().find(|(id, _)| *id == bid.id).map(|(_, rejection)| rejection.clone()),
                abnormally_low: None,
                selection: selections.iter().find(|(id, _)| *id == bid.id).map(|(_, s)| s.clone()),
                subcontracting: store.subcontracting(bid.id)?,
                prices_sealed,
                bidder: bid.bidder,
            });
        }
    }
    flag_abnormally_low(
        &mut out,
        store.tender()?.settings.abnormally_low_share.unwrap_or(DEFAULT_ABNORMALLY_LOW_SHARE),
    );
    Ok(out)
}

/// Flags each admissible bid whose price lies `share` per cent or more below the mean price of the other
/// admissible bids of its lot. A lot needs at least two other priced bids for a mean to say anything.
fn flag_abnormally_low(bids: &mut [BidSummary], share: Decimal) {
    let priced: Vec<(usize, i64, Decimal)> = bids
        .iter()
        .enumerate()
        .filter(|(_, b)| b.admissible())
        .filter_map(|(i, b)| Some((i, b.lot_id, b.price?)))
        .collect();
    for &(index, lot, price) in &priced {
        let others: Vec<Decimal> =
            priced.iter().filter(|(i, l, _)| *i != index && *l == lot).map(|(_, _, p)| *p).collect();
        if others.len() < 2 {
            continue;
        }
        let mean = others.iter().sum::<Decimal>() / Decimal::from(others.len());
        if mean <= Decimal::ZERO {
            continue;
        }
        let below = (mean - price) / mean * Decimal::ONE_HUNDRED;
        if below >= share {
            bids[index].abnormally_low = Some(below);
        }
    }
}

/// The engine's exclusions for points below a minimum, by bidder; none while the lot cannot be evaluated
/// (scores still missing, for instance), since the engine cannot tell yet.
fn engine_exclusions(input: &EvaluationInput) -> Vec<(String, Vec<PointsShortfall>)> {
    let Ok(evaluation) = Evaluation::new(input) else { return Vec::new() };
    evaluation
        .result()
        .excluded
        .into_iter()
        .filter(|e| !e.below_minimum_points.is_empty())
        .map(|e| (e.bid, e.below_minimum_points))
        .collect()
}
