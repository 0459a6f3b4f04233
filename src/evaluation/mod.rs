//! The evaluation engine: from an evaluation model and its bids to points, totals, a ranking with its
//! exclusions, and the robustness of that ranking.
//!
//! [`Evaluation::new`] validates an [`EvaluationInput`] (returning every problem at once, each naming the
//! criterion or bid) and scores what does not depend on the other bids: minimum requirements, award
//! requirements, measured values and life-cycle costs. [`Evaluation::result`] then applies the price models
//! among the competing bids, the per-criterion minimum points, and ranks; [`Evaluation::sensitivity`] asks how
//! robust that ranking is. The rounding rule is in [`display`].

pub mod display;
pub mod exchange;
mod id_map;
mod individual;
pub mod lcc;
mod measured;
pub mod model;
mod price_model;
mod random;
pub mod robustness;
mod scores;
pub mod synthetic;
mod validation;

pub use id_map::IdMap;
pub use individual::IndividualScores;
pub use lcc::{LccCostValue, LccYear, LifeCycleCost, life_cycle_cost};
pub use model::*;
pub use price_model::{CurvePoint, price_curve};
pub use robustness::{
    MonteCarloResult, Position, RankReversal, Sensitivity, SensitivitySettings, WeightChange, WeightRange,
};
pub use scores::{ScoreSpread, score_spread};

use crate::locale::{Lang, Said};
use display::CONTRIBUTION_DECIMALS;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use std::collections::BTreeMap;

/// The ranks of totals sorted best first: equal totals share a rank and the next rank skips (1, 1, 3).
pub fn shared_ranks(totals: &[Decimal]) -> Vec<u32> {
    let mut ranks: Vec<u32> = Vec::with_capacity(totals.len());
    for (i, total) in totals.iter().enumerate() {
        let rank = match ranks.last() {
            Some(&previous) if totals[i - 1] == *total => previous,
            _ => i as u32 + 1,
        };
        ranks.push(rank);
    }
    ranks
}

/// Evaluates the input: validation, scoring and ranking in one call.
pub fn evaluate(input: &EvaluationInput) -> Result<EvaluationResult, EvaluationError> {
    Ok(Evaluation::new(input)?.result())
}

/// Why the engine could not produce a result.
#[derive(Debug, thiserror::Error)]
pub enum EvaluationError {
    #[error("malformed evaluation JSON at line {line}, column {column}: {message}")]
    Json { line: usize, column: usize, message: String },
    #[error("{}", self.said())]
    Invalid(Vec<Problem>),
}

impl EvaluationError {
    /// The problems to show the consultant. Malformed JSON only comes from an exchange file given to the
    /// command line, and is one problem without a subject.
    pub fn into_problems(self) -> Vec<Problem> {
        match self {
            EvaluationError::Invalid(problems) => problems,
            json @ EvaluationError::Json { .. } => {
                let Said { en, da } = json.said();
                vec![Problem { subject: String::new(), message_da: da, message_en: en }]
            }
        }
    }

    /// The error in English and Danish, every problem on a line of its own. The JSON reader's own words
    /// are quoted as they came, in English.
    pub fn said(&self) -> Said {
        match self {
            EvaluationError::Json { line, column, message } => Said::new(
                self.to_string(),
                format!("evaluerings-JSON'en er fejlformet i linje {line}, kolonne {column}: {message}"),
            ),
            EvaluationError::Invalid(problems) => {
                let list = |message: fn(&Problem) -> &str| {
                    problems.iter().map(|p| format!("\n  - {}", message(p))).collect::<String>()
                };
                let count = problems.len();
                Said::new(
                    format!("the evaluation has {count} problem(s):{}", list(|p| &p.message_en)),
                    format!("evalueringen har {count} problem(er):{}", list(|p| &p.message_da)),
                )
            }
        }
    }
}

/// One validation problem, worded in Danish and English. `subject` is the id of the criterion, requirement or
/// bid concerned (or the name of the top-level field, such as `scale`), and the message names it too, so it
/// reads on its own. The English wording quotes the exchange format's field names, which the Danish one
/// words as the model editor does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub subject: String,
    pub message_da: String,
    pub message_en: String,
}

impl Problem {
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_da, &self.message_en)
    }
}

/// A validated, scored evaluation. Cheap to rank again, which the robustness analysis does many times.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub(crate) method: AwardMethod,
    pub(crate) scale: Scale,
    /// Top-level criteria with their normalised weights (fractions summing to 1).
    pub(crate) criteria: Vec<(String, Decimal)>,
    pub(crate) leaves: Vec<Leaf>,
    pub(crate) thresholds: Vec<Threshold>,
    pub(crate) bids: Vec<ScoredBid>,
    /// Sum of the scored (non-price) leaves' weights, the denominator of price per quality point.
    pub(crate) quality_weight: Decimal,
    /// Ids of the scored items (leaves scored on the scale and award requirements), indexed by `Spread::item`.
    pub(crate) items: Vec<String>,
    /// The largest spread of individual scores that is not a disagreement (share × scale range).
    pub(crate) disagreement_limit: Decimal,
}

#[derive(Debug, Clone)]
pub(crate) struct Leaf {
    pub id: String,
    /// Normalised leaf weight: the product of the normalised weights down the tree.
    pub weight: Decimal,
    /// Index of the top-level criterion the leaf belongs to.
    pub top: usize,
    pub price: Option<PriceRule>,
    pub value_per_point: Option<Decimal>,
}

/// A criterion's announced minimum points, with the shares of its leaves in its weighted mean.
#[derive(Debug, Clone)]
pub(crate) struct Threshold {
    pub criterion: String,
    pub min_points: Decimal,
    pub shares: Vec<(usize, Decimal)>,
}

impl Threshold {
    fn points(&self, leaf_points: &[Decimal]) -> Decimal {
        self.shares.iter().map(|(leaf, share)| share * leaf_points[*leaf]).sum()
    }
}

/// A bid with everything that does not depend on the other bids already computed.
#[derive(Debug, Clone)]
pub(crate) struct ScoredBid {
    pub id: String,
    pub failed_minimum: Vec<String>,
    pub price: Option<Decimal>,
    pub lcc: Option<LifeCycleCost>,
    /// Points per leaf; price leaves hold zero here, their points are set when ranking.
    pub points: Vec<Decimal>,
    /// The spreads of the bid's individual scores, by item, and the distinct scores they index.
    pub spreads: Vec<scores::Spread>,
    pub spread_values: Vec<Decimal>,
}

impl ScoredBid {
    fn amount(&self, basis: PriceBasis) -> Option<Decimal> {
        match basis {
            PriceBasis::Price => self.price,
            PriceBasis::Lcc => self.lcc.as_ref().map(|lcc| lcc.total),
        }
    }
}

/// The result of ranking one set of competing bids.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// Best first; ties keep the input order.
    pub standings: Vec<Standing>,
    /// Bids excluded for points below a criterion's `min_points`, with those criteria.
    pub below_threshold: Vec<(usize, Vec<ThresholdFailure>)>,
}

#[derive(Debug, Clone)]
pub(crate) struct ThresholdFailure {
    pub criterion: String,
    pub points: Decimal,
    pub min_points: Decimal,
}

#[derive(Debug, Clone)]
pub(crate) struct Standing {
    pub bid: usize,
    pub rank: u32,
    pub points: Vec<Decimal>,
    /// Leaf weight × points, kept to `CONTRIBUTION_DECIMALS` places; empty unless best price-quality.
    pub contributions: Vec<Decimal>,
    pub total: Decimal,
    pub quality_points: Option<Decimal>,
    pub value_adjustment: Option<Decimal>,
}

impl Evaluation {
    /// Validates and scores; see `validation.rs` for the rules.
    pub fn new(input: &EvaluationInput) -> Result<Self, EvaluationError> {
        validation::prepare(input)
    }

    /// The bids that passed every minimum requirement.
    pub(crate) fn compliant(&self) -> Vec<bool> {
        self.bids.iter().map(|bid| bid.failed_minimum.is_empty()).collect()
    }

    /// Ranks the competing bids. Relative price models use the lowest amount among the bids still
    /// competing; a bid below a criterion's minimum points leaves the competition and the rest are scored
    /// again, until no further bid falls below a threshold (each round removes at least one bid, so this ends).
    pub(crate) fn outcome(&self, mut competing: Vec<bool>) -> Outcome {
        let mut below_threshold = Vec::new();
        loop {
            let standings = self.standings(&competing);
            let mut removed = false;
            for standing in &standings {
                let failed: Vec<_> = self
                    .thresholds
                    .iter()
                    .map(|t| (t, t.points(&standing.points)))
                    .filter(|(t, points)| *points < t.min_points)
                    .map(|(t, points)| ThresholdFailure {
                        criterion: t.criterion.clone(),
                        points,
                        min_points: t.min_points,
                    })
                    .collect();
                if !failed.is_empty() {
                    competing[standing.bid] = false;
                    below_threshold.push((standing.bid, failed));
                    removed = true;
                }
            }
            if !removed {
                return Outcome { standings, below_threshold };
            }
        }
    }

    fn lowest(&self, competing: &[bool], basis: PriceBasis) -> Decimal {
        self.bids
            .iter()
            .zip(competing)
            .filter(|(_, competing)| **competing)
            .filter_map(|(bid, _)| bid.amount(basis))
            .min()
            .unwrap_or(Decimal::ONE)
    }

    fn standings(&self, competing: &[bool]) -> Vec<Standing> {
        let lowest_price = self.lowest(competing, PriceBasis::Price);
        let lowest_lcc = self.lowest(competing, PriceBasis::Lcc);
        let mut standings: Vec<Standing> = self
            .bids
            .iter()
            .enumerate()
            .filter(|(index, _)| competing[*index])
            .map(|(index, bid)| {
                let mut points = bid.points.clone();
                for (slot, leaf) in points.iter_mut().zip(&self.leaves) {
                    if let Some(rule) = &leaf.price {
                        let lowest = match rule.basis {
                            PriceBasis::Price => lowest_price,
                            PriceBasis::Lcc => lowest_lcc,
                        };
                        let amount = bid.amount(rule.basis).unwrap_or_default();
                        *slot = price_model::price_points(rule, amount, lowest, &self.scale);
                    }
                }
                self.standing(index, bid, points)
            })
            .collect();
        let higher_is_better = self.method.higher_is_better();
        standings.sort_by(|a, b| {
            let order = a.total.cmp(&b.total);
            if higher_is_better { order.reverse() } else { order }
        });
        let totals: Vec<Decimal> = standings.iter().map(|s| s.total).collect();
        for (standing, rank) in standings.iter_mut().zip(shared_ranks(&totals)) {
            standing.rank = rank;
        }
        standings
    }

    fn standing(&self, bid_index: usize, bid: &ScoredBid, points: Vec<Decimal>) -> Standing {
        let price = bid.price.unwrap_or_default();
        let mut standing = Standing {
            bid: bid_index,
            rank: 0,
            points,
            contributions: Vec::new(),
            total: Decimal::ZERO,
            quality_points: None,
            value_adjustment: None,
        };
        let scored = || self.leaves.iter().zip(&standing.points).filter(|(leaf, _)| leaf.price.is_none());
        match self.method {
            AwardMethod::BestPriceQuality => {
                let contributions: Vec<Decimal> = self
                    .leaves
                    .iter()
                    .zip(&standing.points)
                    .map(|(leaf, points)| {
                        (leaf.weight * points)
                            .round_dp_with_strategy(CONTRIBUTION_DECIMALS, RoundingStrategy::MidpointAwayFromZero)
                    })
                    .collect();
                standing.total = contributions.iter().sum();
                standing.contributions = contributions;
            }
            AwardMethod::LowestPrice => standing.total = price,
            AwardMethod::LowestCost => {
                standing.total = bid.lcc.as_ref().map(|lcc| lcc.total).unwrap_or_default();
            }
            AwardMethod::PricePerQualityPoint => {
                let weighted: Decimal = scored().map(|(leaf, points)| leaf.weight * points).sum();
                let quality = weighted / self.quality_weight;
                standing.total = price / quality;
                standing.quality_points = Some(quality);
            }
            AwardMethod::ValueAdjustedPrice => {
                let adjustment: Decimal =
                    scored().map(|(leaf, points)| leaf.value_per_point.unwrap_or_default() * points).sum();
                standing.total = price - adjustment;
                standing.value_adjustment = Some(adjustment);
            }
        }
        standing
    }

    /// The ranking of the compliant bids, the excluded bids with their reasons, and the breakdowns.
    pub fn result(&self) -> EvaluationResult {
        let outcome = self.outcome(self.compliant());
        let ranking = outcome.standings.iter().map(|s| self.ranked_bid(s)).collect();
        let mut excluded: Vec<ExcludedBid> = Vec::new();
        for (index, bid) in self.bids.iter().enumerate() {
            let mut reasons = Vec::new();
            let mut details = Vec::new();
            let mut below_minimum_points = Vec::new();
            for requirement in &bid.failed_minimum {
                reasons.push(requirement.clone());
                details.push(format!("minimum requirement {requirement} is not met"));
            }
            for (_, failed) in outcome.below_threshold.iter().filter(|(b, _)| *b == index) {
                for failure in failed {
                    reasons.push(failure.criterion.clone());
                    details.push(format!(
                        "{} points on criterion {} are below its minimum of {}",
                        failure.points.normalize(),
                        failure.criterion,
                        failure.min_points.normalize()
                    ));
                    below_minimum_points.push(PointsShortfall {
                        criterion: failure.criterion.clone(),
                        points: failure.points,
                        min_points: failure.min_points,
                    });
                }
            }
            if !reasons.is_empty() {
                excluded.push(ExcludedBid { bid: bid.id.clone(), reasons, details, below_minimum_points });
            }
        }
        EvaluationResult {
            award_method: self.method,
            ranking,
            excluded,
            criterion_weights: self.criteria.iter().map(|(id, w)| (id.clone(), w.normalize())).collect(),
            leaf_weights: self.leaves.iter().map(|l| (l.id.clone(), l.weight.normalize())).collect(),
            lcc: self.bids.iter().filter_map(|bid| bid.lcc.clone().map(|lcc| (bid.id.clone(), lcc))).collect(),
        }
    }

    /// The spread of the evaluators' individual scores for each bid and scored item that has any, with the
    /// disagreement flag. Kept apart from [`Evaluation::result`] because a large tender has a hundred thousand of
    /// them and the ranking, recomputed on every change, does not need them.
    pub fn score_spreads(&self) -> Vec<ScoreSpread> {
        self.bids
            .iter()
            .flat_map(|bid| {
                bid.spreads.iter().map(|s| {
                    s.named(&bid.id, &self.items[s.item as usize], &bid.spread_values, self.disagreement_limit)
                })
            })
            .collect()
    }

    fn ranked_bid(&self, standing: &Standing) -> RankedBid {
        let by_leaf = |values: &[Decimal]| -> BTreeMap<String, Decimal> {
            self.leaves.iter().zip(values).map(|(leaf, v)| (leaf.id.clone(), v.normalize())).collect()
        };
        let mut criterion_contributions = BTreeMap::new();
        if !standing.contributions.is_empty() {
            for (id, _) in &self.criteria {
                criterion_contributions.insert(id.clone(), Decimal::ZERO);
            }
            for (leaf, contribution) in self.leaves.iter().zip(&standing.contributions) {
                *criterion_contributions.entry(self.criteria[leaf.top].0.clone()).or_default() += contribution;
            }
            criterion_contributions.values_mut().for_each(|v: &mut Decimal| *v = v.normalize());
        }
        RankedBid {
            bid: self.bids[standing.bid].id.clone(),
            rank: standing.rank,
            total: standing.total.normalize(),
            points: by_leaf(&standing.points),
            contributions: by_leaf(&standing.contributions),
            criterion_contributions,
            quality_points: standing.quality_points.map(|q| q.normalize()),
            value_adjustment: standing.value_adjustment.map(|v| v.normalize()),
        }
    }
}

/// The evaluation's result. Numbers are at full precision; see [`display`] for how they are shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluationResult {
    pub award_method: AwardMethod,
    /// The compliant bids, best first; equal totals share a rank and the next rank skips (1, 1, 3).
    pub ranking: Vec<RankedBid>,
    pub excluded: Vec<ExcludedBid>,
    pub leaf_weights: BTreeMap<String, Decimal>,
    /// Normalised weights of the top-level criteria.
    pub criterion_weights: BTreeMap<String, Decimal>,
    /// Life-cycle cost of every bid that gave LCC inputs, when the model uses life-cycle cost.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub lcc: BTreeMap<String, LifeCycleCost>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedBid {
    pub bid: String,
    pub rank: u32,
    /// Weighted total on the scale for best price-quality; price, LCC, ratio or adjusted price otherwise.
    pub total: Decimal,
    /// Unweighted points per leaf, price leaves included.
    pub points: BTreeMap<String, Decimal>,
    /// Leaf weight × points per leaf (best price-quality only); they sum to `total` exactly.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub contributions: BTreeMap<String, Decimal>,
    /// The contributions summed per top-level criterion (best price-quality only).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub criterion_contributions: BTreeMap<String, Decimal>,
    /// Weighted quality points, the divisor of price per quality point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality_points: Option<Decimal>,
    /// Σ value per point × points, subtracted from the price under value-adjusted price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_adjustment: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExcludedBid {
    pub bid: String,
    /// Ids of the failed minimum requirements and of the criteria whose minimum points were not reached.
    pub reasons: Vec<String>,
    /// The same reasons as sentences, for the award report.
    pub details: Vec<String>,
    /// The criteria whose minimum points were not reached, with the points, so that a report or letter can
    /// word the reason in its own language. The evaluation output already carries them in `details`, which is
    /// why they are not serialised twice.
    #[serde(skip)]
    pub below_minimum_points: Vec<PointsShortfall>,
}

/// A criterion on which a bid scored below the announced minimum points.
#[derive(Debug, Clone, PartialEq)]
pub struct PointsShortfall {
    pub criterion: String,
    /// The bid's points on the criterion: the weighted mean of its leaves, at full precision.
    pub points: Decimal,
    pub min_points: Decimal,
}
