//! The results screen across IPC: the engine's ranking with each bid's weighted contribution per top-level
//! criterion, the life-cycle costs, the robustness analysis, and what-if rankings with weights that are not
//! saved. Every number is the core's, rounded by its display rule; the screen only lays them out.

use crate::ipc::{IpcError, ProblemView, typed_number};
use crate::model::AwardMethodCode;
use crate::session::Session;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tenderbench::evaluation::display::{MoneyDisplay, round_money, round_points};
use tenderbench::evaluation::{
    Evaluation, EvaluationError, EvaluationInput, EvaluationResult, SensitivitySettings, robustness::Position,
};
use tenderbench::model_change::what_if;
use tenderbench::price_seal;
use tenderbench::store::TenderFile;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ResultsView {
    pub lot_id: i64,
    pub currency: String,
    pub award_method: AwardMethodCode,
    /// Whether a higher total is better (best price-quality) or a lower one (price and cost methods).
    pub higher_is_better: bool,
    /// The top-level criteria in the model's order, with their saved and their effective weights.
    pub criteria: Vec<ResultCriterion>,
    pub ranking: Vec<ResultBid>,
    pub excluded: Vec<ResultExclusion>,
    /// Why the lot cannot be evaluated yet; the other fields are then empty.
    pub problems: Vec<ProblemView>,
    /// The lot's prices are still sealed; the other fields are then empty.
    pub prices_sealed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ResultCriterion {
    pub code: String,
    pub name: String,
    /// The weight as saved in the model (relative among the top level).
    pub weight: String,
    /// The normalised weight the evaluation used, in percent.
    pub percent: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ResultBid {
    pub bid: String,
    pub rank: u32,
    /// Points under best price-quality, else money, rounded for display.
    pub total: String,
    /// Weighted points per top-level criterion, in the order of `criteria`; they add up to the total.
    pub contributions: Vec<String>,
    pub lcc: Option<LccBreakdownView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LccBreakdownView {
    pub acquisition: String,
    pub energy: String,
    pub co2: String,
    pub maintenance: String,
    pub consumables: String,
    pub other: String,
    pub end_of_life: String,
    pub take_back: String,
    pub total: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ResultExclusion {
    pub bid: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RobustnessView {
    pub winner: Option<String>,
    pub weight_ranges: Vec<WeightRangeView>,
    pub smallest_change: Option<WeightChangeView>,
    pub rank_reversals: Vec<RankReversalView>,
    pub draws: u32,
    pub perturbation_percent: String,
    /// Each bid's share of wins over the draws, in percent, best first.
    pub win_shares: Vec<WinShareView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WeightRangeView {
    pub criterion: String,
    /// All in percent of the normalised weight.
    pub weight: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WeightChangeView {
    pub criterion: String,
    pub weight: String,
    pub to_weight: String,
    pub change: String,
    pub new_winner: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RankReversalView {
    pub removed: String,
    pub first: String,
    pub second: String,
    /// Whether `first` was ahead before and is behind (or tied) after.
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WinShareView {
    pub bid: String,
    pub percent: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct WeightOverride {
    pub code: String,
    pub weight: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct WhatIfRequest {
    pub lot_id: i64,
    pub weights: Vec<WeightOverride>,
}

fn text(d: Decimal) -> String {
    d.normalize().to_string()
}

fn percent(fraction: Decimal) -> String {
    text(round_points(fraction * Decimal::ONE_HUNDRED))
}

fn money(amount: Decimal) -> String {
    text(round_money(amount, MoneyDisplay::WholeKroner))
}

fn position(p: Position) -> String {
    match p {
        Position::Ahead => "ahead",
        Position::Tied => "tied",
        Position::Behind => "behind",
    }
    .to_owned()
}

impl ResultsView {
    /// The screen of a lot whose prices are still sealed: nothing ranked, and the screen says why.
    fn sealed(lot_id: i64, input: &EvaluationInput) -> Self {
        ResultsView {
            lot_id,
            currency: input.currency.clone(),
            award_method: input.award_method.into(),
            higher_is_better: input.award_method.higher_is_better(),
            criteria: Vec::new(),
            ranking: Vec::new(),
            excluded: Vec::new(),
            problems: Vec::new(),
            prices_sealed: true,
        }
    }

    fn new(lot_id: i64, input: &EvaluationInput, outcome: Result<EvaluationResult, EvaluationError>) -> Self {
        let method = input.award_method;
        let mut view = ResultsView {
            prices_sealed: false,
            lot_id,
            currency: input.currency.clone(),
            award_method: method.into(),
            higher_is_better: method.higher_is_better(),
            criteria: Vec::new(),
            ranking: Vec::new(),
            excluded: Vec::new(),
            problems: Vec::new(),
        };
        let result = match outcome {
            Ok(result) => result,
            Err(error) => {
                view.problems = ProblemView::all(&error.into_problems());
                return view;
            }
        };
        view.criteria = input
            .criteria
            .iter()
            .map(|c| ResultCriterion {
                code: c.id.clone(),
                name: c.name.clone(),
                weight: c.weight.map(text).unwrap_or_default(),
                percent: result.criterion_weights.get(&c.id).map(|w| percent(*w)).unwrap_or_default(),
            })
            .collect();
        view.ranking = result
            .ranking
            .iter()
            .map(|bid| ResultBid {
                bid: bid.bid.clone(),
                rank: bid.rank,
                total: if method.higher_is_better() { text(round_points(bid.total)) } else { money(bid.total) },
                contributions: input
                    .criteria
                    .iter()
                    .map(|c| text(round_points(bid.criterion_contributions.get(&c.id).copied().unwrap_or_default())))
                    .collect(),
                lcc: result.lcc.get(&bid.bid).map(|l| LccBreakdownView {
                    acquisition: money(l.acquisition),
                    energy: money(l.energy),
                    co2: money(l.co2),
                    maintenance: money(l.maintenance),
                    consumables: money(l.consumables),
                    other: money(l.other),
                    end_of_life: money(l.end_of_life),
                    take_back: money(l.take_back),
                    total: money(l.total),
                }),
            })
            .collect();
        view.excluded = result
            .excluded
            .iter()
            .map(|e| ResultExclusion { bid: e.bid.clone(), reasons: e.details.clone() })
            .collect();
        view
    }
}

fn robustness(input: &EvaluationInput) -> Result<RobustnessView, IpcError> {
    let evaluation = Evaluation::new(input)?;
    let sensitivity = evaluation.sensitivity(&SensitivitySettings::for_input(input))?;
    let mut win_shares: Vec<WinShareView> = sensitivity
        .monte_carlo
        .as_ref()
        .map(|mc| mc.win_shares.iter().map(|(bid, share)| WinShareView { bid: bid.clone(), percent: percent(*share) }))
        .into_iter()
        .flatten()
        .collect();
    // Best first; the shares are compared as the core's decimals, not as the rounded text.
    if let Some(mc) = &sensitivity.monte_carlo {
        win_shares.sort_by(|a, b| mc.win_shares[&b.bid].cmp(&mc.win_shares[&a.bid]).then(a.bid.cmp(&b.bid)));
    }
    Ok(RobustnessView {
        winner: sensitivity.winner.clone(),
        weight_ranges: sensitivity
            .weight_ranges
            .iter()
            .map(|r| WeightRangeView {
                criterion: r.criterion.clone(),
                weight: text(round_points(r.weight)),
                from: text(round_points(r.from)),
                to: text(round_points(r.to)),
            })
            .collect(),
        smallest_change: sensitivity.smallest_change.as_ref().map(|c| WeightChangeView {
            criterion: c.criterion.clone(),
            weight: text(round_points(c.weight)),
            to_weight: text(round_points(c.to_weight)),
            change: text(round_points(c.change)),
            new_winner: c.new_winner.clone(),
        }),
        rank_reversals: sensitivity
            .rank_reversals
            .iter()
            .map(|r| RankReversalView {
                removed: r.removed.clone(),
                first: r.bids[0].clone(),
                second: r.bids[1].clone(),
                before: position(r.before),
                after: position(r.after),
            })
            .collect(),
        draws: sensitivity.monte_carlo.as_ref().map_or(0, |mc| mc.draws),
        perturbation_percent: sensitivity
            .monte_carlo
            .as_ref()
            .map(|mc| text(mc.perturbation_percent))
            .unwrap_or_default(),
        win_shares,
    })
}

impl Session {
    pub fn results(&self, lot_id: i64) -> Result<ResultsView, IpcError> {
        self.with_open(|file, _| {
            let input = file.evaluation_input(lot_id)?;
            if sealed(file, lot_id)? {
                return Ok(ResultsView::sealed(lot_id, &input));
            }
            Ok(ResultsView::new(lot_id, &input, Evaluation::new(&input).map(|e| e.result())))
        })
    }

    /// The ranking with some top-level weights replaced; nothing is saved.
    pub fn what_if(&self, request: &WhatIfRequest) -> Result<ResultsView, IpcError> {
        let mut weights = BTreeMap::new();
        for o in &request.weights {
            let weight = typed_number(&o.weight, &o.code, &o.code)?;
            weights.insert(o.code.clone(), weight);
        }
        let (input, sealed) =
            self.with_open(|file, _| Ok((file.evaluation_input(request.lot_id)?, sealed(file, request.lot_id)?)))?;
        if sealed {
            return Ok(ResultsView::sealed(request.lot_id, &input));
        }
        let outcome = what_if(&input, &weights);
        let mut view = ResultsView::new(request.lot_id, &input, outcome);
        // The weights shown are the ones tried, so the sliders and the table agree.
        for criterion in &mut view.criteria {
            if let Some(weight) = weights.get(&criterion.code) {
                criterion.weight = text(*weight);
            }
        }
        Ok(view)
    }

    /// The robustness of the lot's ranking, Monte Carlo included; run off the UI thread by its command.
    pub fn robustness(&self, lot_id: i64) -> Result<RobustnessView, IpcError> {
        let input = self.with_open(|file, _| match sealed(file, lot_id)? {
            true => {
                let said = price_seal::sealed();
                Err(IpcError::invalid(said.en, said.da))
            }
            false => Ok(file.evaluation_input(lot_id)?),
        })?;
        robustness(&input)
    }
}

/// While a lot's prices are sealed the results screen shows no ranking, only why: the ranking is made of
/// prices.
fn sealed(file: &TenderFile, lot_id: i64) -> Result<bool, IpcError> {
    Ok(file.prices_revealed(lot_id)?.is_none())
}
