//! How robust the ranking is (domain.md, "Robustness"): weight intervals that keep the winner, the smallest
//! weight change that changes it, rank reversals under relative price models, and a seeded Monte Carlo of
//! weight perturbations. All of it applies to best price-quality, the only method with weights.
//!
//! Changing the normalised weight of top-level criterion j from W to x and rescaling the others in proportion
//! makes each total linear in x: T(x) = x·C_j/W + (1−x)·(T − C_j)/(1−W), with C_j the bid's contribution from
//! j. Price points do not depend on weights, even under relative models, so this holds for every price model
//! and the interval can be solved exactly, competitor by competitor.

use super::random::SplitMix64;
use super::{AwardMethod, Evaluation, EvaluationError, EvaluationInput, Outcome, Problem, Standing};
use crate::locale::Lang;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Monte Carlo settings. Defaults: 100,000 draws, seed 1, weights perturbed by up to ±10 %.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivitySettings {
    pub draws: u32,
    pub seed: u64,
    pub perturbation_percent: Decimal,
}

impl Default for SensitivitySettings {
    fn default() -> Self {
        SensitivitySettings { draws: 100_000, seed: 1, perturbation_percent: Decimal::TEN }
    }
}

impl SensitivitySettings {
    /// The defaults overridden by the input's `monte_carlo` settings.
    pub fn for_input(input: &EvaluationInput) -> Self {
        let mut settings = SensitivitySettings::default();
        if let Some(mc) = &input.monte_carlo {
            settings.draws = mc.draws.unwrap_or(settings.draws);
            settings.seed = mc.seed.unwrap_or(settings.seed);
            settings.perturbation_percent = mc.perturbation_percent.unwrap_or(settings.perturbation_percent);
        }
        settings
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The current winner; with a tie for first place, the first tied bid in the ranking.
    pub winner: Option<String>,
    pub weight_ranges: Vec<WeightRange>,
    pub smallest_change: Option<WeightChange>,
    pub rank_reversals: Vec<RankReversal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monte_carlo: Option<MonteCarloResult>,
}

/// The interval, in percent, of a top-level criterion's normalised weight that keeps the winner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightRange {
    pub criterion: String,
    pub weight: Decimal,
    pub from: Decimal,
    pub to: Decimal,
    /// The bid that overtakes the winner just below `from` (none when `from` is 0).
    pub below_from: Option<String>,
    /// The bid that overtakes the winner just above `to` (none when `to` is 100).
    pub above_to: Option<String>,
}

/// The smallest change of one top-level weight, in percentage points, after which another bid wins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightChange {
    pub criterion: String,
    pub weight: Decimal,
    /// The boundary weight; just beyond it `new_winner` wins.
    pub to_weight: Decimal,
    pub change: Decimal,
    pub new_winner: String,
}

/// Removing `removed` changes the order of the pair; `bids` lists the pair in their original ranking order
/// and `before`/`after` say where the first stands relative to the second.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankReversal {
    pub removed: String,
    pub bids: [String; 2],
    pub before: Position,
    pub after: Position,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Ahead,
    Tied,
    Behind,
}

/// Each bid's share of wins over the random weight draws. When bids tie for first place in a draw, the win
/// is split equally between them, so the shares always sum to 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonteCarloResult {
    pub draws: u32,
    pub seed: u64,
    pub perturbation_percent: Decimal,
    pub win_shares: BTreeMap<String, Decimal>,
    pub tied_draws: u32,
}

/// Fixed-point scale of the Monte Carlo's integer arithmetic: contributions are held to 18 decimals and
/// weight factors to 6, so a draw is an exact integer dot product. Two totals that differ by less than
/// 10^-18 per criterion may therefore be taken as tied, which only matters for bids that are equal anyway.
const CONTRIBUTION_UNIT: i64 = 1_000_000_000_000_000_000;
const FACTOR_UNIT: i64 = 1_000_000;

impl Evaluation {
    /// The robustness of the current ranking. Fails only when the perturbation is not a percentage in
    /// 0–99.9999 with at most 4 decimals, the resolution of the drawn factors.
    pub fn sensitivity(&self, settings: &SensitivitySettings) -> Result<Sensitivity, EvaluationError> {
        let percent = settings.perturbation_percent;
        let spread = (percent * Decimal::from(FACTOR_UNIT / 100)).to_i64().filter(|_| percent.scale() <= 4);
        let spread = match spread {
            Some(s) if percent >= Decimal::ZERO && percent < Decimal::ONE_HUNDRED => s,
            _ => {
                return Err(EvaluationError::Invalid(vec![Problem {
                    subject: "monte_carlo".to_owned(),
                    message_da: format!(
                        "variationen af vægtene i Monte Carlo-analysen ({} %) skal være mindst 0 og under 100, med højst 4 decimaler",
                        Lang::Da.exact(percent)
                    ),
                    message_en: format!(
                        "monte_carlo perturbation_percent {percent} must be at least 0 and below 100, with at most 4 decimals"
                    ),
                }]));
            }
        };
        let outcome = self.outcome(self.compliant());
        let mut sensitivity = Sensitivity {
            winner: outcome.standings.first().map(|s| self.bids[s.bid].id.clone()),
            weight_ranges: Vec::new(),
            smallest_change: None,
            rank_reversals: Vec::new(),
            monte_carlo: None,
        };
        if self.method != AwardMethod::BestPriceQuality || outcome.standings.is_empty() {
            return Ok(sensitivity);
        }
        let by_criterion: Vec<Vec<Decimal>> = outcome.standings.iter().map(|s| self.by_criterion(s)).collect();
        sensitivity.weight_ranges =
            (0..self.criteria.len()).map(|j| self.weight_range(&outcome, &by_criterion, j)).collect();
        sensitivity.smallest_change = smallest_change(&sensitivity.weight_ranges);
        if self.leaves.iter().any(|l| l.price.as_ref().is_some_and(|p| p.model.is_relative())) {
            sensitivity.rank_reversals = self.rank_reversals(&outcome);
        }
        if settings.draws > 0 {
            sensitivity.monte_carlo = Some(self.monte_carlo(&outcome, &by_criterion, settings, spread));
        }
        Ok(sensitivity)
    }

    /// A bid's contributions summed per top-level criterion.
    fn by_criterion(&self, standing: &Standing) -> Vec<Decimal> {
        let mut sums = vec![Decimal::ZERO; self.criteria.len()];
        for (leaf, contribution) in self.leaves.iter().zip(&standing.contributions) {
            sums[leaf.top] += contribution;
        }
        sums
    }

    fn weight_range(&self, outcome: &Outcome, by_criterion: &[Vec<Decimal>], j: usize) -> WeightRange {
        let (id, weight) = &self.criteria[j];
        let mut range = WeightRange {
            criterion: id.clone(),
            weight: (weight * Decimal::ONE_HUNDRED).normalize(),
            from: Decimal::ZERO,
            to: Decimal::ONE_HUNDRED,
            below_from: None,
            above_to: None,
        };
        if *weight == Decimal::ONE {
            range.from = Decimal::ONE_HUNDRED;
            return range;
        }
        let (mut low, mut high) = (Decimal::ZERO, Decimal::ONE);
        let winner = &outcome.standings[0];
        let rest = |i: usize, total: Decimal| total - by_criterion[i][j];
        for (i, other) in outcome.standings.iter().enumerate().skip(1) {
            // D(x) = T_winner(x) − T_other(x) = c + x·(a − c) with a = ΔC/W and c = ΔR/(1 − W); the root
            // −c/(a − c) simplifies to −ΔR·W / (ΔC·(1 − W) − ΔR·W), one exact division.
            let delta_c = by_criterion[0][j] - by_criterion[i][j];
            let delta_r = rest(0, winner.total) - rest(i, other.total);
            let slope = delta_c * (Decimal::ONE - weight) - delta_r * weight;
            if slope == Decimal::ZERO {
                continue;
            }
            let root = -delta_r * weight / slope;
            let other_id = &self.bids[other.bid].id;
            if slope > Decimal::ZERO && root > low {
                low = root;
                range.below_from = Some(other_id.clone());
            } else if slope < Decimal::ZERO && root < high {
                high = root;
                range.above_to = Some(other_id.clone());
            }
        }
        range.from = (low * Decimal::ONE_HUNDRED).normalize();
        range.to = (high * Decimal::ONE_HUNDRED).normalize();
        range
    }

    fn rank_reversals(&self, outcome: &Outcome) -> Vec<RankReversal> {
        let higher_is_better = self.method.higher_is_better();
        let order = |a: &Standing, b: &Standing| {
            let ordering = a.total.cmp(&b.total);
            match if higher_is_better { ordering } else { ordering.reverse() } {
                Ordering::Greater => Position::Ahead,
                Ordering::Equal => Position::Tied,
                Ordering::Less => Position::Behind,
            }
        };
        let mut reversals = Vec::new();
        for removed in &outcome.standings {
            let mut competing = self.compliant();
            competing[removed.bid] = false;
            let without = self.outcome(competing);
            let find = |bid: usize| without.standings.iter().find(|s| s.bid == bid);
            let remaining: Vec<&Standing> = outcome.standings.iter().filter(|s| s.bid != removed.bid).collect();
            for (i, first) in remaining.iter().enumerate() {
                for second in &remaining[i + 1..] {
                    let (Some(first_after), Some(second_after)) = (find(first.bid), find(second.bid)) else {
                        continue;
                    };
                    let before = order(first, second);
                    let after = order(first_after, second_after);
                    if before != after {
                        reversals.push(RankReversal {
                            removed: self.bids[removed.bid].id.clone(),
                            bids: [self.bids[first.bid].id.clone(), self.bids[second.bid].id.clone()],
                            before,
                            after,
                        });
                    }
                }
            }
        }
        reversals
    }

    fn monte_carlo(
        &self,
        outcome: &Outcome,
        by_criterion: &[Vec<Decimal>],
        settings: &SensitivitySettings,
        spread: i64,
    ) -> MonteCarloResult {
        let unit = Decimal::from(CONTRIBUTION_UNIT);
        // Row-major: bid i's fixed-point contributions are fixed[i*k..(i+1)*k]. Perturbing the weights by
        // factors and renormalising divides every total by the same positive sum, so comparing the
        // unnormalised dot products gives the same winner.
        let k = self.criteria.len();
        let fixed: Vec<i128> = by_criterion
            .iter()
            .flat_map(|sums| sums.iter().map(|c| (c * unit).round().to_i128().unwrap_or_default()))
            .collect();
        let mut random = SplitMix64::new(settings.seed);
        let mut factors = vec![0i128; k];
        let mut sole_wins = vec![0u64; outcome.standings.len()];
        let mut shared_wins = vec![Decimal::ZERO; outcome.standings.len()];
        let mut leaders = Vec::with_capacity(outcome.standings.len());
        let mut tied_draws = 0;
        for _ in 0..settings.draws {
            for factor in factors.iter_mut() {
                *factor = random.between(FACTOR_UNIT - spread, FACTOR_UNIT + spread) as i128;
            }
            let mut best = i128::MIN;
            leaders.clear();
            for (i, row) in fixed.chunks_exact(k).enumerate() {
                let score: i128 = row.iter().zip(&factors).map(|(c, f)| c * f).sum();
                if score > best {
                    best = score;
                    leaders.clear();
                }
                if score == best {
                    leaders.push(i);
                }
            }
            if let [only] = leaders[..] {
                sole_wins[only] += 1;
            } else {
                tied_draws += 1;
                let share = Decimal::ONE / Decimal::from(leaders.len());
                for &i in &leaders {
                    shared_wins[i] += share;
                }
            }
        }
        let draws = Decimal::from(settings.draws);
        let win_shares = outcome
            .standings
            .iter()
            .zip(sole_wins.iter().zip(&shared_wins))
            .map(|(s, (sole, shared))| {
                (self.bids[s.bid].id.clone(), ((Decimal::from(*sole) + shared) / draws).normalize())
            })
            .collect();
        MonteCarloResult {
            draws: settings.draws,
            seed: settings.seed,
            perturbation_percent: settings.perturbation_percent,
            win_shares,
            tied_draws,
        }
    }
}

fn smallest_change(ranges: &[WeightRange]) -> Option<WeightChange> {
    let mut candidates = Vec::new();
    for range in ranges {
        if let Some(bid) = &range.below_from {
            candidates.push((range, range.from, range.weight - range.from, bid));
        }
        if let Some(bid) = &range.above_to {
            candidates.push((range, range.to, range.to - range.weight, bid));
        }
    }
    candidates.into_iter().min_by_key(|c| c.2).map(|(range, to_weight, change, bid)| WeightChange {
        criterion: range.criterion.clone(),
        weight: range.weight,
        to_weight,
        change: change.normalize(),
        new_winner: bid.clone(),
    })
}
