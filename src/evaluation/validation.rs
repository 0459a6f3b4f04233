//! Validation and scoring of everything that does not depend on the other bids.
//!
//! Validation reports every problem in one go, each as a sentence naming the criterion, requirement or bid,
//! because a consultant fixing a model wants the whole list, not one error per run. The rules:
//! - scale: minimum below maximum, within ±1,000,000; labelled steps on the scale;
//! - ids unique across criteria, award requirements and minimum requirements, and among bids;
//! - every criterion and award requirement has a positive weight;
//! - a criterion with sub-criteria has no price model, measure or requirements of its own; a leaf has at most
//!   one of price model, measure and requirements;
//! - `linear_fixed` has both end points with `full_points_at` below `zero_points_at`; `linear_from_lowest` a
//!   positive percentage; a measure consistent end points, direction and ideal; `min_points` on the scale;
//! - `best_price_quality` needs a price leaf, `price_per_quality_point` a scored leaf, `value_adjusted_price` a
//!   `value_per_point` on every scored leaf; life-cycle cost needs `lcc` parameters (1–60 years, discount rate
//!   0–0.5, escalation −0.5–0.5) and every compliant bid's `lcc_inputs`; announced cost lines have unique ids,
//!   years within the period with the first not after the last and a positive volume, and every compliant bid
//!   gives an amount for each of them and for no other;
//! - every bid that passes the minimum requirements has the price the model needs (positive under a relative
//!   model), a score or value for every scored item, and — for price per quality point — some quality points;
//! - scores and individual scores lie on the scale; every id a bid mentions exists and is of the right kind;
//! - amounts stay within ±10^12, so exact decimal arithmetic cannot overflow.

use super::lcc::{LifeCycleCost, life_cycle_cost};
use super::model::*;
use super::{Evaluation, EvaluationError, Leaf, Problem, ScoredBid, Threshold};
use crate::locale::{Lang, Said};
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::HashSet;

const AMOUNT_LIMIT: i64 = 1_000_000_000_000;
const SCALE_LIMIT: i64 = 1_000_000;
/// The names of a bid's fixed life-cycle-cost inputs, which a cost line's id may not take.
const FIXED_LCC_INPUTS: [&str; 8] = [
    "acquisition",
    "energy_kwh_per_year",
    "maintenance_per_year",
    "consumables_per_year",
    "other_per_year",
    "end_of_life_cost",
    "take_back_value",
    "costs",
];
pub(crate) const DEFAULT_DISAGREEMENT_SHARE: Decimal = Decimal::from_parts(4, 0, 0, false, 1);

pub(crate) fn prepare(input: &EvaluationInput) -> Result<Evaluation, EvaluationError> {
    let mut check = Check::default();
    check.scale(&input.scale);
    let mut tree = Tree::default();
    for requirement in &input.minimum_requirements {
        tree.register(&mut check, &requirement.id, IdKind::Minimum);
    }
    tree.walk(&mut check, input, &input.criteria, Decimal::ONE, None);
    check.weight_ranges(&input.weight_ranges, &input.criteria);
    check.method(input, &tree);
    let needs_lcc = input.award_method == AwardMethod::LowestCost
        || tree.leaves.iter().any(|l| l.price.as_ref().is_some_and(|p| p.basis == PriceBasis::Lcc));
    let lcc_parameters = if needs_lcc {
        let before = check.problems.len();
        check.lcc_parameters(input.lcc.as_ref());
        input.lcc.as_ref().filter(|_| check.problems.len() == before)
    } else {
        None
    };
    let share = input.disagreement_share.unwrap_or(DEFAULT_DISAGREEMENT_SHARE);
    if share <= Decimal::ZERO || share > Decimal::ONE {
        check.problem(
            "disagreement_share",
            format!("disagreement_share {share} must be above 0 and at most 1"),
            format!("grænsen for uenighed (disagreement_share) {} skal være over 0 og højst 1", da(share)),
        );
    }

    tree.ids.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let bids = score_bids(&mut check, input, &tree, lcc_parameters);

    if !check.problems.is_empty() {
        return Err(EvaluationError::Invalid(check.problems));
    }
    let quality_weight = tree.leaves.iter().filter(|l| l.price.is_none()).map(|l| l.weight).sum();
    Ok(Evaluation {
        method: input.award_method,
        scale: input.scale.clone(),
        criteria: tree.criteria,
        leaves: tree.leaves,
        thresholds: tree.thresholds,
        bids,
        quality_weight,
        items: tree.items.iter().map(|(id, _)| (*id).to_owned()).collect(),
        disagreement_limit: share * (input.scale.max - input.scale.min),
    })
}

/// Below this many scored entries (consensus scores, values and items with individual scores, over all
/// bids) the bids are scored on one thread: starting threads would cost more than it saves.
const PARALLEL_ENTRIES: usize = 20_000;

/// Scores every bid, on all cores for a large tender. Each bid is scored on its own, and the parts are put
/// back together in bid order, so the bids and problems come out as from one pass over the bids.
fn score_bids(
    check: &mut Check,
    input: &EvaluationInput,
    tree: &Tree,
    lcc_parameters: Option<&LccParameters>,
) -> Vec<ScoredBid> {
    let mut bid_ids = HashSet::new();
    let duplicate: Vec<bool> = input.bids.iter().map(|bid| !bid_ids.insert(bid.id.as_str())).collect();
    let score_part = |first: usize, part: &[Bid]| {
        let mut part_check = Check::default();
        let scored: Vec<ScoredBid> = (first..)
            .zip(part)
            .map(|(index, bid)| {
                if duplicate[index] {
                    part_check.problem(
                        &bid.id,
                        format!("bid id {} is used twice", bid.id),
                        format!("tilbuddet {} findes to gange", bid.id),
                    );
                }
                part_check.bid(input, tree, bid, lcc_parameters)
            })
            .collect();
        (scored, part_check.problems)
    };
    let entries: usize =
        input.bids.iter().map(|bid| bid.scores.len() + bid.values.len() + bid.individual_scores.item_count()).sum();
    let workers =
        if entries < PARALLEL_ENTRIES { 1 } else { std::thread::available_parallelism().map_or(1, |n| n.get()) };
    let chunk = input.bids.len().div_ceil(workers).max(1);
    let parts = if workers == 1 {
        vec![score_part(0, &input.bids)]
    } else {
        // The first part is scored on this thread while the others are scored on threads of their own.
        std::thread::scope(|scope| {
            let handles: Vec<_> = input
                .bids
                .chunks(chunk)
                .enumerate()
                .skip(1)
                .map(|(i, part)| scope.spawn(move || score_part(i * chunk, part)))
                .collect();
            let first = score_part(0, &input.bids[..chunk.min(input.bids.len())]);
            // A scoring thread that panicked is a bug, not bad input: let it surface as it would on one thread.
            std::iter::once(first)
                .chain(handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))))
                .collect()
        })
    };
    let mut bids = Vec::with_capacity(input.bids.len());
    for (part_bids, problems) in parts {
        bids.extend(part_bids);
        check.problems.extend(problems);
    }
    bids
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKind {
    /// A leaf scored on the scale or an award requirement: something a bid gives a score or value for.
    Item(usize),
    PriceLeaf,
    Node,
    Minimum,
}

/// A scored leaf's items with their weights; a leaf without requirements is its own single item.
struct ScoredLeaf {
    leaf: usize,
    parts: Vec<(usize, Decimal)>,
    weight_sum: Decimal,
}

#[derive(Default)]
struct Tree<'a> {
    ids: Vec<(IdKey<'a>, IdKind)>,
    seen: HashSet<&'a str>,
    criteria: Vec<(String, Decimal)>,
    leaves: Vec<Leaf>,
    items: Vec<(&'a str, Option<&'a Measure>)>,
    scored: Vec<ScoredLeaf>,
    thresholds: Vec<Threshold>,
}

impl<'a> Tree<'a> {
    fn register(&mut self, check: &mut Check, id: &'a str, kind: IdKind) {
        if !self.seen.insert(id) {
            check.problem(
                id,
                format!("id {id} is used twice in the evaluation model"),
                format!("koden {id} bruges to gange i evalueringsmodellen"),
            );
        }
        self.ids.push((IdKey::new(id), kind));
    }

    fn walk(
        &mut self,
        check: &mut Check,
        input: &'a EvaluationInput,
        nodes: &'a [Criterion],
        parent: Decimal,
        top: Option<usize>,
    ) {
        let sum: Decimal = nodes.iter().filter_map(|c| c.weight).filter(|w| check.weight_ok(*w)).sum();
        for node in nodes {
            let id = node.id.as_str();
            let weight = match node.weight {
                None => {
                    check.problem(
                        id,
                        format!("criterion {id} has no weight"),
                        format!("kriteriet {id} har ingen vægt"),
                    );
                    Decimal::ZERO
                }
                Some(w) if !check.weight_ok(w) => {
                    check.problem(
                        id,
                        format!("criterion {id} has weight {w}; weights must be positive (up to 10^12)"),
                        format!("kriteriet {id} har vægten {}; en vægt skal være positiv (højst 10^12)", da(w)),
                    );
                    Decimal::ZERO
                }
                Some(w) => parent * (w / sum),
            };
            let top = top.unwrap_or_else(|| {
                self.criteria.push((node.id.clone(), weight));
                self.criteria.len() - 1
            });
            let first_leaf = self.leaves.len();
            if node.children.is_empty() {
                self.leaf(check, input, node, weight, top);
            } else {
                self.register(check, id, IdKind::Node);
                if node.price.is_some() || node.measure.is_some() || !node.requirements.is_empty() {
                    check.problem(
                        id,
                        format!("criterion {id} has sub-criteria, so it cannot have its own price model, measure or requirements"),
                        format!("kriteriet {id} har underkriterier og kan derfor ikke selv have en prismodel, en måling eller krav"),
                    );
                }
                self.walk(check, input, &node.children, weight, Some(top));
            }
            if let Some(min_points) = node.min_points {
                if min_points < input.scale.min || min_points > input.scale.max {
                    check.problem(
                        id,
                        format!("criterion {id} has min_points {min_points} outside the scale"),
                        format!("kriteriet {id} har et mindste pointtal på {} uden for pointskalaen", da(min_points)),
                    );
                }
                let leaves = &self.leaves[first_leaf..];
                let subtree: Decimal = leaves.iter().map(|l| l.weight).sum();
                if subtree > Decimal::ZERO {
                    let shares = (first_leaf..).zip(leaves).map(|(i, l)| (i, l.weight / subtree)).collect();
                    self.thresholds.push(Threshold { criterion: node.id.clone(), min_points, shares });
                }
            }
        }
    }

    fn leaf(
        &mut self,
        check: &mut Check,
        input: &'a EvaluationInput,
        node: &'a Criterion,
        weight: Decimal,
        top: usize,
    ) {
        let id = node.id.as_str();
        let kinds = [node.price.is_some(), node.measure.is_some(), !node.requirements.is_empty()];
        if kinds.iter().filter(|k| **k).count() > 1 {
            check.problem(
                id,
                format!("criterion {id} may have only one of a price model, a measure and requirements"),
                format!("kriteriet {id} kan kun have én af delene: en prismodel, en måling eller krav"),
            );
        }
        let leaf = self.leaves.len();
        if let Some(rule) = &node.price {
            self.register(check, id, IdKind::PriceLeaf);
            check.price_rule(id, rule);
            self.leaves.push(Leaf {
                id: node.id.clone(),
                weight,
                top,
                price: Some(rule.clone()),
                value_per_point: None,
            });
            return;
        }
        let mut parts = Vec::new();
        if node.requirements.is_empty() {
            self.register(check, id, IdKind::Item(self.items.len()));
            if let Some(measure) = &node.measure {
                check.measure(id, measure);
            }
            parts.push((self.items.len(), Decimal::ONE));
            self.items.push((id, node.measure.as_ref()));
        } else {
            self.register(check, id, IdKind::Node);
            for requirement in &node.requirements {
                let rid = requirement.id.as_str();
                self.register(check, rid, IdKind::Item(self.items.len()));
                let weight = match requirement.weight {
                    Some(w) if check.weight_ok(w) => w,
                    _ => {
                        check.problem(
                            rid,
                            format!("award requirement {rid} under {id} needs a positive weight"),
                            format!("tildelingskravet {rid} under {id} skal have en positiv vægt"),
                        );
                        Decimal::ZERO
                    }
                };
                if let Some(measure) = &requirement.measure {
                    check.measure(rid, measure);
                }
                parts.push((self.items.len(), weight));
                self.items.push((rid, requirement.measure.as_ref()));
            }
        }
        if let Some(value) = node.value_per_point {
            check.amount(id, ("value_per_point", "værdien pr. point"), value);
        } else if input.award_method == AwardMethod::ValueAdjustedPrice {
            check.problem(
                id,
                format!("criterion {id} needs a value_per_point under value_adjusted_price"),
                format!("kriteriet {id} skal have en værdi pr. point, når tilbuddene vurderes på værdikorrigeret pris"),
            );
        }
        let weight_sum = parts.iter().map(|(_, w)| *w).sum();
        self.scored.push(ScoredLeaf { leaf, parts, weight_sum });
        self.leaves.push(Leaf { id: node.id.clone(), weight, top, price: None, value_per_point: node.value_per_point });
    }

    /// Calls `each` for every entry of a bid's map or table with the kind of its id (`None` when unknown).
    /// Both sides are sorted by id, so this is a merge rather than a lookup per entry: a bid can carry
    /// thousands of scores.
    fn join<'m, V>(
        &self,
        entries: impl Iterator<Item = (&'m str, V)>,
        mut each: impl FnMut(&'m str, Option<IdKind>, V),
    ) {
        let mut next = 0;
        for (key, value) in entries {
            let key_order = IdKey::new(key);
            let mut kind = None;
            while let Some((id, id_kind)) = self.ids.get(next) {
                match id.cmp(&key_order) {
                    Ordering::Less => next += 1,
                    Ordering::Equal => {
                        kind = Some(*id_kind);
                        break;
                    }
                    Ordering::Greater => break,
                }
            }
            each(key, kind, value);
        }
    }
}

/// An id with its first eight bytes as a big-endian word, which orders ids as `str`'s `Ord` (bytewise) does
/// at the cost of comparing integers: the joins compare hundreds of thousands of ids per evaluation, and a
/// library call per comparison dominated their time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IdKey<'a> {
    word: u64,
    id: &'a str,
}

impl<'a> IdKey<'a> {
    fn new(id: &'a str) -> Self {
        let word = id.bytes().take(8).enumerate().fold(0u64, |w, (i, b)| w | u64::from(b) << (56 - 8 * i));
        IdKey { word, id }
    }
}

impl Ord for IdKey<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        // Zero-padded words compare like the bytes. Equal words mean the ids agree on their first eight bytes
        // (or one is a prefix of the other, or they differ only in trailing zero bytes); ids of up to eight
        // bytes are then ordered by length, as in `Ord`, and longer ones by the rest of their bytes.
        self.word.cmp(&other.word).then_with(|| {
            if self.id.len() <= 8 && other.id.len() <= 8 {
                self.id.len().cmp(&other.id.len())
            } else {
                self.id.cmp(other.id)
            }
        })
    }
}

impl PartialOrd for IdKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Whether a score lies outside the scale. Scores and scale ends mostly share a scale (whole numbers), and
/// then their mantissas compare directly; the general comparison rescales first, which showed in the time of
/// checking a hundred thousand scores.
fn off_scale(score: &Decimal, scale: &Scale) -> bool {
    let compare = |a: &Decimal, b: &Decimal| {
        if a.scale() == b.scale() { a.mantissa().cmp(&b.mantissa()) } else { a.cmp(b) }
    };
    compare(score, &scale.min) == Ordering::Less || compare(score, &scale.max) == Ordering::Greater
}

/// Σ weight × points, with the value and the scale that summing the `Decimal` products one by one gives.
/// While no product or partial sum exceeds the 96 bits of a `Decimal`'s mantissa, that arithmetic is exact
/// and the sum takes the largest scale of its terms; this computes the same on 128-bit mantissas, which is
/// several times faster, and falls back to `Decimal` arithmetic for a sum that would not stay within them.
/// Zeros follow `Decimal` too: a zero product is a plain 0, and adding to a zero sum gives the term as it is.
fn weighted_sum(terms: impl Iterator<Item = (Decimal, Decimal)> + Clone) -> Decimal {
    const LIMIT: i128 = 1 << 96;
    let exact = || {
        let (mut sum, mut scale) = (0i128, 0u32);
        for (weight, points) in terms.clone() {
            // Mantissas within i64 multiply in one instruction and cannot overflow i128.
            let mantissa = |d: Decimal| i64::try_from(d.mantissa()).ok().map(i128::from);
            let product = mantissa(weight)? * mantissa(points)?;
            let term_scale = if product == 0 { 0 } else { weight.scale() + points.scale() };
            if term_scale > Decimal::MAX_SCALE || product.abs() >= LIMIT {
                return None;
            }
            if sum == 0 {
                (sum, scale) = (product, term_scale);
                continue;
            }
            if product == 0 {
                continue;
            }
            let (term, rescaled) = match term_scale.cmp(&scale) {
                Ordering::Equal => (product, sum),
                Ordering::Greater => (product, sum.checked_mul(10i128.checked_pow(term_scale - scale)?)?),
                Ordering::Less => (product.checked_mul(10i128.checked_pow(scale - term_scale)?)?, sum),
            };
            scale = scale.max(term_scale);
            sum = rescaled.checked_add(term)?;
            if term.abs() >= LIMIT || sum.abs() >= LIMIT {
                return None;
            }
        }
        Decimal::try_from_i128_with_scale(sum, scale).ok()
    };
    exact().unwrap_or_else(|| terms.map(|(weight, points)| weight * points).sum())
}

/// A number quoted in a Danish message, with every place it has.
fn da(value: Decimal) -> String {
    Lang::Da.exact(value)
}

#[derive(Default)]
struct Check {
    problems: Vec<Problem>,
}

impl Check {
    fn problem(&mut self, subject: &str, message_en: String, message_da: String) {
        self.said(subject, Said::new(message_en, message_da));
    }

    fn said(&mut self, subject: &str, said: Said) {
        self.problems.push(Problem { subject: subject.to_owned(), message_da: said.da, message_en: said.en });
    }

    fn weight_ok(&self, weight: Decimal) -> bool {
        weight > Decimal::ZERO && weight <= Decimal::from(AMOUNT_LIMIT)
    }

    /// Checks that an amount stays within the supported range; `what` names it in English and Danish.
    fn amount(&mut self, subject: &str, (what_en, what_da): (&str, &str), value: Decimal) {
        if value.abs() > Decimal::from(AMOUNT_LIMIT) {
            self.problem(
                subject,
                format!("{what_en} {value} of {subject} is beyond the supported ±10^12"),
                format!("{what_da} {} for {subject} er uden for det understøttede interval på ±10^12", da(value)),
            );
        }
    }

    fn scale(&mut self, scale: &Scale) {
        let limit = Decimal::from(SCALE_LIMIT);
        if scale.min >= scale.max {
            self.problem(
                "scale",
                format!("the scale minimum {} must be below its maximum {}", scale.min, scale.max),
                format!("pointskalaens laveste værdi {} skal være under dens højeste {}", da(scale.min), da(scale.max)),
            );
        }
        if scale.min.abs() > limit || scale.max.abs() > limit {
            self.problem(
                "scale",
                "the scale must lie within ±1,000,000".to_owned(),
                "pointskalaen skal ligge inden for ±1.000.000".to_owned(),
            );
        }
        for step in &scale.steps {
            if step.value < scale.min || step.value > scale.max {
                self.problem(
                    "scale",
                    format!("scale step {} ({}) is outside the scale", step.value, step.label),
                    format!("skalatrinnet {} ({}) ligger uden for pointskalaen", da(step.value), step.label),
                );
            }
        }
    }

    fn price_rule(&mut self, id: &str, rule: &PriceRule) {
        match rule.model {
            PriceModel::LinearFixed => match (rule.full_points_at, rule.zero_points_at) {
                (Some(full), Some(zero)) => {
                    self.amount(id, ("full_points_at", "prisen for fuldt pointtal"), full);
                    self.amount(id, ("zero_points_at", "prisen for nul point"), zero);
                    if full >= zero {
                        self.problem(
                            id,
                            format!("criterion {id}: linear_fixed end points reversed: full_points_at {full} must be below zero_points_at {zero}"),
                            format!(
                                "kriteriet {id}: prisen for fuldt pointtal ({}) skal være under prisen for nul point ({})",
                                da(full),
                                da(zero)
                            ),
                        );
                    }
                }
                _ => self.problem(
                    id,
                    format!("criterion {id}: linear_fixed needs full_points_at and zero_points_at"),
                    format!("kriteriet {id}: den lineære prismodel mellem faste priser skal have prisen for fuldt pointtal og prisen for nul point"),
                ),
            },
            PriceModel::LinearFromLowest => match rule.zero_at_percent_above_lowest {
                Some(percent) if percent > Decimal::ZERO && percent <= Decimal::from(AMOUNT_LIMIT) => {}
                _ => self.problem(
                    id,
                    format!("criterion {id}: linear_from_lowest needs a positive zero_at_percent_above_lowest"),
                    format!("kriteriet {id}: den lineære prismodel fra laveste tilbud skal have en positiv procent over laveste, hvor der gives nul point"),
                ),
            },
            PriceModel::Proportional => {}
        }
    }

    fn measure(&mut self, id: &str, measure: &Measure) {
        for value in [Some(measure.worst), Some(measure.best), measure.ideal].into_iter().flatten() {
            self.amount(id, ("measure value", "målingens værdi"), value);
        }
        for said in measure.problems(id) {
            self.said(id, said);
        }
    }

    fn method(&mut self, input: &EvaluationInput, tree: &Tree) {
        let has_price_leaf = tree.leaves.iter().any(|l| l.price.is_some());
        match input.award_method {
            AwardMethod::BestPriceQuality if !has_price_leaf => self.problem(
                "award_method",
                "best_price_quality needs a price leaf (a criterion with a price model) in the criteria tree"
                    .to_owned(),
                "bedste forhold mellem pris og kvalitet kræver et kriterium med en prismodel i kriterietræet"
                    .to_owned(),
            ),
            AwardMethod::PricePerQualityPoint if tree.scored.is_empty() => self.problem(
                "award_method",
                "price_per_quality_point needs at least one scored quality criterion".to_owned(),
                "pris pr. kvalitetspoint kræver mindst ét kvalitetskriterium, der gives point".to_owned(),
            ),
            _ => {}
        }
    }

    fn lcc_parameters(&mut self, lcc: Option<&LccParameters>) {
        let Some(lcc) = lcc else {
            self.problem(
                "lcc",
                "the model uses life-cycle cost but has no lcc parameters".to_owned(),
                "modellen bruger totalomkostninger, men har ingen parametre for dem".to_owned(),
            );
            return;
        };
        let half = Decimal::new(5, 1);
        if lcc.years == 0 || lcc.years > 60 {
            self.problem(
                "lcc",
                format!("lcc years {} must be between 1 and 60", lcc.years),
                format!("totalomkostningernes antal år ({}) skal være mellem 1 og 60", lcc.years),
            );
        }
        if lcc.discount_rate < Decimal::ZERO || lcc.discount_rate > half {
            self.problem(
                "lcc",
                format!("lcc discount_rate {} must be between 0 and 0.5", lcc.discount_rate),
                format!("diskonteringsrenten {} skal være mellem 0 og 0,5", da(lcc.discount_rate)),
            );
        }
        if lcc.escalation < -half || lcc.escalation > half {
            self.problem(
                "lcc",
                format!("lcc escalation {} must be between -0.5 and 0.5", lcc.escalation),
                format!("prisudviklingen {} skal være mellem -0,5 og 0,5", da(lcc.escalation)),
            );
        }
        let amounts = [
            (("energy_price_per_kwh", "energiprisen pr. kWh"), lcc.energy_price_per_kwh),
            (("quantity", "antallet"), lcc.quantity),
            (("co2_kg_per_kwh", "emissionsfaktoren (kg CO2e pr. kWh)"), lcc.co2_kg_per_kwh),
            (("co2_price_per_tonne", "CO2e-prisen pr. ton"), lcc.co2_price_per_tonne),
        ];
        for (what, value) in amounts {
            self.amount("lcc", what, value);
            if value < Decimal::ZERO {
                self.problem(
                    "lcc",
                    format!("lcc {} {value} must not be negative", what.0),
                    format!("{} ({}) må ikke være negativ", what.1, da(value)),
                );
            }
        }
        self.lcc_costs(lcc);
    }

    /// Checks the announced weight ranges: each names a criterion once, runs from a lower to a higher weight
    /// that are not negative, and holds the weight the criterion is given.
    fn weight_ranges(&mut self, ranges: &[AnnouncedRange], criteria: &[Criterion]) {
        fn find<'c>(criteria: &'c [Criterion], id: &str) -> Option<&'c Criterion> {
            criteria.iter().find_map(|c| if c.id == id { Some(c) } else { find(&c.children, id) })
        }
        let mut seen = HashSet::new();
        for range in ranges {
            let id = range.criterion.as_str();
            let (min, max) = (range.min, range.max);
            if !seen.insert(id) {
                self.problem(
                    id,
                    format!("criterion {id} has more than one weight range"),
                    format!("kriteriet {id} har mere end én vægtramme"),
                );
                continue;
            }
            let Some(criterion) = find(criteria, id) else {
                self.problem(
                    id,
                    format!("the weight range names criterion {id}, which the model does not have"),
                    format!("vægtrammen nævner kriteriet {id}, som modellen ikke har"),
                );
                continue;
            };
            if min < Decimal::ZERO || min > max {
                self.problem(
                    id,
                    format!("the weight range {min}–{max} of criterion {id} must run from a weight of 0 or more to a higher one"),
                    format!("vægtrammen {}–{} for kriteriet {id} skal gå fra en vægt på 0 eller mere til en højere", da(min), da(max)),
                );
            } else if let Some(weight) = criterion.weight.filter(|w| *w < min || *w > max) {
                self.problem(
                    id,
                    format!("criterion {id} has weight {weight}, outside its announced range {min}–{max}"),
                    format!(
                        "kriteriet {id} har vægten {}, uden for den offentliggjorte ramme {}–{}",
                        da(weight),
                        da(min),
                        da(max)
                    ),
                );
            }
        }
    }

    /// Checks the announced cost lines: unique ids that are not the name of a fixed input (the bid workbook
    /// keys its rows by both), years within the period in order, and a volume that is positive.
    fn lcc_costs(&mut self, lcc: &LccParameters) {
        let mut seen = HashSet::new();
        for cost in &lcc.costs {
            let id = cost.id.as_str();
            if id.trim().is_empty() {
                self.problem(
                    "lcc",
                    "a life-cycle cost line has no id".to_owned(),
                    "en omkostningslinje i totalomkostningerne har ingen kode".to_owned(),
                );
            } else if !seen.insert(id) {
                self.problem(
                    id,
                    format!("life-cycle cost line {id} is announced twice"),
                    format!("omkostningslinjen {id} i totalomkostningerne er angivet to gange"),
                );
            } else if FIXED_LCC_INPUTS.contains(&id) {
                self.problem(
                    id,
                    format!("life-cycle cost line {id} has the name of a fixed life-cycle-cost input; give it another id"),
                    format!("omkostningslinjen {id} har samme navn som et fast felt i totalomkostningerne; giv den en anden kode"),
                );
            }
            if cost.from_year > cost.to_year {
                self.problem(
                    id,
                    format!(
                        "life-cycle cost line {id} runs from year {} to year {}; the first year must not come after the last",
                        cost.from_year, cost.to_year
                    ),
                    format!(
                        "omkostningslinjen {id} løber fra år {} til år {}; det første år må ikke ligge efter det sidste",
                        cost.from_year, cost.to_year
                    ),
                );
            }
            for year in [cost.from_year, cost.to_year] {
                if year == 0 || year > lcc.years {
                    self.problem(
                        id,
                        format!(
                            "life-cycle cost line {id} falls in year {year}, outside the period of 1 to {} years",
                            lcc.years
                        ),
                        format!(
                            "omkostningslinjen {id} ligger i år {year}, uden for perioden på 1 til {} år",
                            lcc.years
                        ),
                    );
                    break;
                }
            }
            if let Some(volume) = cost.volume {
                self.amount(id, ("volume", "mængden"), volume);
                if volume <= Decimal::ZERO {
                    self.problem(
                        id,
                        format!("life-cycle cost line {id} announces the volume {volume}; it must be positive"),
                        format!("omkostningslinjen {id} angiver mængden {}; den skal være positiv", da(volume)),
                    );
                }
            }
        }
    }

    fn bid(
        &mut self,
        input: &EvaluationInput,
        tree: &Tree,
        bid: &Bid,
        lcc_parameters: Option<&LccParameters>,
    ) -> ScoredBid {
        let id = bid.id.as_str();
        let failed_minimum: Vec<String> = input
            .minimum_requirements
            .iter()
            .filter(|m| bid.minimum.get(m.id.as_str()) != Some(&true))
            .map(|m| m.id.clone())
            .collect();
        for key in bid.minimum.keys() {
            if !input.minimum_requirements.iter().any(|m| m.id == key) {
                self.problem(
                    id,
                    format!("bid {id} answers unknown minimum requirement {key}"),
                    format!("tilbuddet {id} besvarer et ukendt mindstekrav {key}"),
                );
            }
        }
        let compliant = failed_minimum.is_empty();
        let price = self.price(input, tree, bid, compliant);
        let lcc = self.lcc(tree, bid, lcc_parameters, compliant);

        let scale = &input.scale;
        let mut item_points: Vec<Option<Decimal>> = vec![None; tree.items.len()];
        tree.join(bid.scores.iter(), |key, kind, score| match kind {
            Some(IdKind::Item(item)) if tree.items[item].1.is_none() => {
                if off_scale(score, scale) {
                    self.problem(
                        id,
                        format!("bid {id} has score {score} for {key}, outside the scale"),
                        format!("tilbuddet {id} har {} point for {key}, uden for pointskalaen", da(*score)),
                    );
                }
                item_points[item] = Some(*score);
            }
            Some(IdKind::Item(_)) => self.problem(
                id,
                format!("bid {id} gives a score for measured criterion {key}; give its value instead"),
                format!("tilbuddet {id} har point for det målte kriterium {key}; angiv den målte værdi i stedet"),
            ),
            Some(_) => self.problem(
                id,
                format!("bid {id} gives a score for {key}, which is not scored on the scale"),
                format!("tilbuddet {id} har point for {key}, som ikke bedømmes på pointskalaen"),
            ),
            None => self.problem(
                id,
                format!("bid {id} gives a score for unknown criterion {key}"),
                format!("tilbuddet {id} har point for et ukendt kriterium {key}"),
            ),
        });
        tree.join(bid.values.iter(), |key, kind, value| match kind {
            Some(IdKind::Item(item)) if tree.items[item].1.is_some() => {
                let measure = tree.items[item].1.expect("guarded by the match arm");
                match measure.points(*value, scale) {
                    Some(points) => item_points[item] = Some(points),
                    // A measure without range is already reported against the criterion; a placeholder
                    // keeps the bid from also being reported for a missing value.
                    None if measure.worst == measure.best => item_points[item] = Some(scale.min),
                    None => self.problem(
                        id,
                        format!(
                            "bid {id} has value {value} for {key}, outside worst..best of a measure that does not clamp"
                        ),
                        format!(
                            "tilbuddet {id} har værdien {} for {key}, uden for målingens interval fra dårligste til bedste, og målingen tillader ikke værdier udenfor",
                            da(*value)
                        ),
                    ),
                }
                self.amount(id, ("value", "værdien"), *value);
            }
            Some(_) => self.problem(
                id,
                format!("bid {id} gives a value for {key}, which is not a measured criterion"),
                format!("tilbuddet {id} har en værdi for {key}, som ikke er et målt kriterium"),
            ),
            None => self.problem(
                id,
                format!("bid {id} gives a value for unknown criterion {key}"),
                format!("tilbuddet {id} har en værdi for et ukendt kriterium {key}"),
            ),
        });
        let individual = &bid.individual_scores;
        let mut spreads = Vec::with_capacity(individual.item_count());
        tree.join(individual.rows(), |key, kind, cells| {
            let Some(IdKind::Item(item)) = kind else {
                self.problem(
                    id,
                    format!("bid {id} has individual scores for {key}, which is not a scored criterion"),
                    format!(
                        "tilbuddet {id} har individuelle point for {key}, som ikke er et kriterium, der gives point"
                    ),
                );
                return;
            };
            spreads.extend(individual.spread(item, cells));
        });
        for (key, evaluator, score) in individual.entries_with(|score| off_scale(score, scale)) {
            self.problem(
                id,
                format!("bid {id}: {evaluator}'s score {score} for {key} is outside the scale"),
                format!("tilbuddet {id}: {evaluator} har givet {} point for {key}, uden for pointskalaen", da(score)),
            );
        }

        let mut points = vec![Decimal::ZERO; tree.leaves.len()];
        if compliant {
            for scored in &tree.scored {
                for (item, _) in scored.parts.iter().filter(|(item, _)| item_points[*item].is_none()) {
                    let key = tree.items[*item].0;
                    self.problem(
                        id,
                        format!("bid {id} has no score or value for {key}"),
                        format!("tilbuddet {id} mangler point eller en værdi for {key}"),
                    );
                }
                let terms = scored.parts.iter().filter_map(|(item, weight)| Some((*weight, item_points[*item]?)));
                let sum = weighted_sum(terms);
                points[scored.leaf] = if scored.parts.len() == 1 { sum } else { sum / scored.weight_sum };
            }
            let quality: Decimal = tree.scored.iter().map(|s| tree.leaves[s.leaf].weight * points[s.leaf]).sum();
            if input.award_method == AwardMethod::PricePerQualityPoint && quality <= Decimal::ZERO {
                self.problem(
                    id,
                    format!(
                        "bid {id} has {} quality points; price per quality point needs a positive number",
                        quality.normalize()
                    ),
                    format!(
                        "tilbuddet {id} har {} kvalitetspoint; pris pr. kvalitetspoint kræver et positivt antal",
                        da(quality)
                    ),
                );
            }
        }
        ScoredBid {
            id: bid.id.clone(),
            failed_minimum,
            price,
            lcc,
            points,
            spreads,
            spread_values: individual.values().to_vec(),
        }
    }

    fn price(&mut self, input: &EvaluationInput, tree: &Tree, bid: &Bid, compliant: bool) -> Option<Decimal> {
        let id = bid.id.as_str();
        for line in &bid.price_lines {
            self.amount(id, ("price line amount", "prislinjens beløb"), line.amount);
        }
        let price = bid.stated_price();
        let price_leaves = || tree.leaves.iter().filter_map(|l| Some((&l.id, l.price.as_ref()?)));
        let needed = matches!(
            input.award_method,
            AwardMethod::LowestPrice | AwardMethod::PricePerQualityPoint | AwardMethod::ValueAdjustedPrice
        ) || price_leaves().any(|(_, rule)| rule.basis == PriceBasis::Price);
        let Some(price) = price else {
            if compliant && needed {
                self.problem(id, format!("bid {id} has no price"), format!("tilbuddet {id} har ingen pris"));
            }
            return None;
        };
        self.amount(id, ("price", "prisen"), price);
        if price < Decimal::ZERO {
            self.problem(
                id,
                format!("bid {id} has a negative price {price}"),
                format!("tilbuddet {id} har en negativ pris ({})", da(price)),
            );
        } else if compliant && price == Decimal::ZERO {
            let relative = price_leaves().find(|(_, r)| r.basis == PriceBasis::Price && r.model.is_relative());
            if let Some((criterion, _)) = relative {
                let nil_lines: Vec<&str> =
                    bid.price_lines.iter().filter(|l| l.amount <= Decimal::ZERO).map(|l| l.line.as_str()).collect();
                let lines = |word: &str| {
                    if nil_lines.is_empty() { String::new() } else { format!(" ({word}: {})", nil_lines.join(", ")) }
                };
                self.problem(
                    id,
                    format!(
                        "bid {id} has price 0{}; the relative price model of criterion {criterion} cannot score a nil price",
                        lines("price lines")
                    ),
                    format!(
                        "tilbuddet {id} har prisen 0{}; den relative prismodel i kriteriet {criterion} kan ikke give point for en pris på nul",
                        lines("prislinjer")
                    ),
                );
            }
        }
        Some(price)
    }

    fn lcc(
        &mut self,
        tree: &Tree,
        bid: &Bid,
        parameters: Option<&LccParameters>,
        compliant: bool,
    ) -> Option<LifeCycleCost> {
        let id = bid.id.as_str();
        let parameters = parameters?;
        let Some(inputs) = &bid.lcc_inputs else {
            if compliant {
                self.problem(
                    id,
                    format!("bid {id} has no lcc_inputs, which the life-cycle cost needs"),
                    format!("tilbuddet {id} mangler de oplysninger, totalomkostningerne beregnes af"),
                );
            }
            return None;
        };
        let fields = [
            (("acquisition", "anskaffelsesprisen"), inputs.acquisition),
            (("energy_kwh_per_year", "energiforbruget pr. år (kWh)"), inputs.energy_kwh_per_year),
            (("maintenance_per_year", "vedligeholdelsen pr. år"), inputs.maintenance_per_year),
            (("consumables_per_year", "udgiften til forbrugsvarer pr. år"), inputs.consumables_per_year),
            (("other_per_year", "udgiften til andre driftsomkostninger pr. år"), inputs.other_per_year),
            (("end_of_life_cost", "bortskaffelsesomkostningen"), inputs.end_of_life_cost),
            (("take_back_value", "tilbagekøbsværdien"), inputs.take_back_value),
        ];
        for (what, value) in fields {
            self.amount(id, what, value);
            if value < Decimal::ZERO {
                self.problem(
                    id,
                    format!("bid {id} has a negative {} {value}", what.0),
                    format!("tilbuddet {id}: {} er negativ ({})", what.1, da(value)),
                );
            }
        }
        for (key, amount) in inputs.costs.iter() {
            let Some(cost) = parameters.costs.iter().find(|c| c.id == key) else {
                self.problem(
                    id,
                    format!("bid {id} gives an amount for unknown life-cycle cost line {key}"),
                    format!("tilbuddet {id} har et beløb for en ukendt omkostningslinje {key}"),
                );
                continue;
            };
            let (what_en, what_da) =
                (format!("the amount for cost line {key}"), format!("beløbet for omkostningslinjen {key}"));
            self.amount(id, (&what_en, &what_da), *amount);
            if *amount < Decimal::ZERO {
                self.problem(
                    id,
                    format!("bid {id} has a negative amount {amount} for life-cycle cost line {}", cost.id),
                    format!("tilbuddet {id} har et negativt beløb ({}) for omkostningslinjen {}", da(*amount), cost.id),
                );
            }
        }
        for cost in parameters.costs.iter().filter(|c| compliant && !inputs.costs.contains_key(&c.id)) {
            self.problem(
                id,
                format!("bid {id} has no amount for life-cycle cost line {}", cost.id),
                format!("tilbuddet {id} mangler et beløb for omkostningslinjen {}", cost.id),
            );
        }
        let Some(lcc) = life_cycle_cost(parameters, inputs) else {
            self.problem(
                id,
                format!("bid {id}: the life-cycle cost is too large to compute exactly"),
                format!("tilbuddet {id}: totalomkostningerne er for store til at blive beregnet nøjagtigt"),
            );
            return None;
        };
        let relative = tree
            .leaves
            .iter()
            .find(|l| l.price.as_ref().is_some_and(|r| r.basis == PriceBasis::Lcc && r.model.is_relative()));
        if let Some(leaf) = relative.filter(|_| compliant && lcc.total <= Decimal::ZERO) {
            self.problem(
                id,
                format!(
                    "bid {id} has a life-cycle cost of {}; the relative price model of criterion {} cannot score it",
                    lcc.total.normalize(),
                    leaf.id
                ),
                format!(
                    "tilbuddet {id} har totalomkostninger på {}; den relative prismodel i kriteriet {} kan ikke give point for dem",
                    da(lcc.total),
                    leaf.id
                ),
            );
        }
        Some(lcc)
    }
}

#[cfg(test)]
mod tests {
    use super::{IdKey, weighted_sum};
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// Any mantissa, zero often: unscored leaves and opposite terms that cancel out are common in tenders.
    fn mantissa() -> impl Strategy<Value = i64> {
        prop_oneof![1 => Just(0i64), 1 => -3i64..=3, 4 => any::<i64>()]
    }

    #[test]
    fn zero_terms_take_the_scale_decimal_gives_them() {
        let d = |m: i64, scale: u32| Decimal::new(m, scale);
        for terms in [
            vec![(d(8, 0), d(0, 1))],
            vec![(d(1, 2), d(3, 1)), (d(5, 0), d(0, 4))],
            vec![(d(1, 1), d(1, 0)), (d(-1, 1), d(1, 0)), (d(2, 0), d(3, 0))],
        ] {
            let expected: Decimal = terms.iter().map(|(w, p)| w * p).sum();
            let got = weighted_sum(terms.iter().copied());
            assert_eq!((got.mantissa(), got.scale()), (expected.mantissa(), expected.scale()), "{terms:?}");
        }
    }

    proptest! {
        /// The inline comparison of short ids orders exactly as `str` does, zero bytes and prefixes included.
        #[test]
        fn ids_compare_as_strings(a in "[\0-\u{7f}R0-9é]{0,10}", b in "[\0-\u{7f}R0-9é]{0,10}") {
            prop_assert_eq!(IdKey::new(&a).cmp(&IdKey::new(&b)), a.cmp(&b));
            let prefix: String = a.chars().take(3).collect();
            prop_assert_eq!(IdKey::new(&prefix).cmp(&IdKey::new(&a)), prefix.cmp(&a));
        }

        /// The fast weighted sum gives the value and the scale of `Decimal` arithmetic, also where that
        /// arithmetic has to round (large mantissas and scales) and where terms or partial sums are zero.
        #[test]
        fn weighted_sum_is_decimal_arithmetic(
            terms in proptest::collection::vec(((mantissa(), 0u32..29), (mantissa(), 0u32..29)), 0..20),
            wide in any::<bool>(),
        ) {
            let terms: Vec<(Decimal, Decimal)> = terms
                .into_iter()
                .map(|((w, ws), (p, ps))| {
                    // The engine's amounts stay within ±10^12, which keeps `Decimal` products from overflowing.
                    let narrow = |m: i64| m % if wide { 1_000_000_000_000 } else { 1000 };
                    (Decimal::new(narrow(w), ws.min(4)), Decimal::new(narrow(p), if wide { ps } else { ps % 3 }))
                })
                .collect();
            let expected: Decimal = terms.iter().map(|(w, p)| w * p).sum();
            let got = weighted_sum(terms.iter().copied());
            prop_assert_eq!((got.mantissa(), got.scale()), (expected.mantissa(), expected.scale()));
        }
    }
}
