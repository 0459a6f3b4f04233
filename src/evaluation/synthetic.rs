//! Generated tenders of a chosen size, for the `tenderbench bench` command: a realistic shape (price,
//! quality, environment and supply security, thousands of award requirements, a panel of evaluators with the
//! odd blank score) with seeded random answers, so every run measures the same tender.

use super::model::*;
use super::random::SplitMix64;
use super::{IdMap, IndividualScores};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The size of a generated tender.
#[derive(Debug, Clone, Copy)]
pub struct TenderSize {
    pub bids: usize,
    pub requirements: usize,
    pub evaluators: usize,
}

/// Leaves that hold the award requirements, with their top-level criterion and weights.
const LEAVES: [(&str, &str, u32); 7] = [
    ("QUALITY", "Q1", 40),
    ("QUALITY", "Q2", 30),
    ("QUALITY", "Q3", 20),
    ("QUALITY", "Q4", 10),
    ("ENVIRONMENT", "E1", 60),
    ("ENVIRONMENT", "E2", 40),
    ("SUPPLY", "S1", 100),
];

/// Generates a best price-quality tender with a proportional price model. Every tenth requirement is
/// measured (a number between 0 and 100, higher is better); the others carry a consensus score and, per
/// evaluator, an individual score that is blank one time in twenty.
pub fn tender(size: TenderSize, seed: u64) -> EvaluationInput {
    let mut random = SplitMix64::new(seed);
    let requirement_id = |r: usize| format!("R{r:05}");
    let mut requirements: BTreeMap<&str, Vec<AwardRequirement>> = BTreeMap::new();
    for r in 0..size.requirements {
        let (_, leaf, _) = LEAVES[r % LEAVES.len()];
        let measure = (r % 10 == 0).then_some(Measure {
            worst: Decimal::ZERO,
            best: Decimal::ONE_HUNDRED,
            direction: Direction::HigherIsBetter,
            ideal: None,
            clamp: true,
            unit: None,
        });
        requirements.entry(leaf).or_default().push(AwardRequirement {
            id: requirement_id(r),
            text: format!("Requirement {r}"),
            text_en: String::new(),
            weight: Some(Decimal::from(1 + r % 3)),
            measure,
        });
    }
    let node = |id: &str, weight: u32| Criterion {
        id: id.to_owned(),
        name: id.to_owned(),
        name_en: String::new(),
        weight: Some(Decimal::from(weight)),
        price: None,
        children: Vec::new(),
        value_per_point: None,
        min_points: None,
        measure: None,
        requirements: Vec::new(),
    };
    let mut price = node("PRICE", 35);
    price.price = Some(PriceRule {
        model: PriceModel::Proportional,
        full_points_at: None,
        zero_points_at: None,
        zero_at_percent_above_lowest: None,
        basis: PriceBasis::Price,
    });
    let mut criteria = vec![price, node("QUALITY", 40), node("ENVIRONMENT", 15), node("SUPPLY", 10)];
    for (top, leaf, weight) in LEAVES {
        let mut child = node(leaf, weight);
        child.requirements = requirements.remove(leaf).unwrap_or_default();
        criteria.iter_mut().find(|c| c.id == top).expect("LEAVES names existing criteria").children.push(child);
    }

    let bids = (0..size.bids)
        .map(|b| {
            let mut individual = Vec::new();
            let mut bid = Bid {
                id: format!("B{b:03}"),
                bidder: format!("Supplier {b}"),
                price: Some(Decimal::from(random.between(800_000, 1_200_000))),
                price_lines: Vec::new(),
                minimum: IdMap::from([("M1", true)]),
                scores: IdMap::new(),
                values: IdMap::new(),
                individual_scores: IndividualScores::default(),
                justifications: IdMap::new(),
                lcc_inputs: None,
            };
            for r in 0..size.requirements {
                if r % 10 == 0 {
                    bid.values.insert(requirement_id(r), Decimal::from(random.between(0, 100)));
                    continue;
                }
                let consensus = random.between(0, 10);
                bid.scores.insert(requirement_id(r), Decimal::from(consensus));
                for e in 0..size.evaluators {
                    let score = (random.between(0, 19) > 0)
                        .then(|| Decimal::from((consensus + random.between(-2, 2)).clamp(0, 10)));
                    individual.push((requirement_id(r).into(), format!("evaluator {e}").into(), score));
                }
            }
            bid.individual_scores = individual.into_iter().collect();
            bid
        })
        .collect();

    EvaluationInput {
        currency: "DKK".to_owned(),
        scale: Scale { min: Decimal::ZERO, max: Decimal::TEN, steps: Vec::new() },
        award_method: AwardMethod::BestPriceQuality,
        lcc: None,
        minimum_requirements: vec![MinimumRequirement {
            id: "M1".to_owned(),
            text: "CE marked".to_owned(),
            text_en: String::new(),
        }],
        criteria,
        bids,
        disagreement_share: None,
        monte_carlo: None,
        weight_ranges: Vec::new(),
    }
}
