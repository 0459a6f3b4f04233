//! The tie-break rule the tender documents announce, applied when two or more tenders share the first rank.
//! The engine ranks equal totals equally (1, 1, 3) and never picks between them; the rule picks, where the
//! file holds what it needs, and otherwise the first rank stays shared and the award decision open.

use crate::evaluation::{AwardMethod, EvaluationInput, EvaluationResult};
use crate::locale::Lang;
use crate::store::{StoreError, TenderFile};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The announced rule for equal totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// No rule is announced.
    #[default]
    None,
    /// The tender with the lowest price wins.
    LowestPrice,
    /// The tender with the most quality points (the points of the criteria that are not price) wins.
    HighestQuality,
    /// Lots are drawn. The file does not hold a draw, so the first rank stays shared until one is held.
    Draw,
}

impl TieBreak {
    pub const ALL: [TieBreak; 4] = [TieBreak::None, TieBreak::LowestPrice, TieBreak::HighestQuality, TieBreak::Draw];

    pub fn code(self) -> &'static str {
        match self {
            TieBreak::None => "none",
            TieBreak::LowestPrice => "lowest_price",
            TieBreak::HighestQuality => "highest_quality",
            TieBreak::Draw => "draw",
        }
    }

    pub fn from_code(code: &str) -> Option<TieBreak> {
        TieBreak::ALL.into_iter().find(|rule| rule.code() == code)
    }

    pub fn describe(self, l: Lang) -> &'static str {
        match self {
            TieBreak::None => l.pick("ingen regel", "no rule"),
            TieBreak::LowestPrice => l.pick("laveste pris", "lowest price"),
            TieBreak::HighestQuality => l.pick("flest kvalitetspoint", "most quality points"),
            TieBreak::Draw => l.pick("lodtrækning", "drawing lots"),
        }
    }
}

/// A draw by lot held under the rule, as recorded: the bidder drawn, the day, who held the draw and who
/// witnessed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawByLot {
    pub bidder: String,
    pub held_on: NaiveDate,
    pub held_by: String,
    pub witnesses: String,
}

/// Tenders that shared the first rank, and what the rule made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tie {
    /// The engine's ids of the tenders that shared the first rank, in the engine's order.
    pub tied: Vec<String>,
    pub rule: TieBreak,
    /// The tender the rule chose; `None` while the first rank stays shared.
    pub chosen: Option<String>,
    /// The draw that chose it, under the rule of drawing lots.
    pub draw: Option<DrawByLot>,
}

/// Applies `rule` to a first rank shared in `result`: the chosen tender keeps rank 1 and moves first, the
/// other tied tenders take rank 2. `None` when no tenders share the first rank. Under the rule of drawing
/// lots, `draw` chooses, if it drew one of the tied tenders.
pub fn break_tie(
    rule: TieBreak,
    draw: Option<&DrawByLot>,
    input: &EvaluationInput,
    result: &mut EvaluationResult,
) -> Option<Tie> {
    let tied: Vec<String> = result.ranking.iter().take_while(|b| b.rank == 1).map(|b| b.bid.clone()).collect();
    if tied.len() < 2 {
        return None;
    }
    let measure = |id: &str| -> Option<Decimal> {
        let ranked = result.ranking.iter().find(|b| b.bid == id)?;
        match rule {
            TieBreak::LowestPrice => input.bids.iter().find(|b| b.id == id)?.stated_price(),
            // Quality points count upwards, so they are negated to pick the smallest like a price.
            TieBreak::HighestQuality => match result.award_method {
                AwardMethod::BestPriceQuality => {
                    let price_leaves = price_leaf_ids(input);
                    let quality: Decimal = ranked
                        .contributions
                        .iter()
                        .filter(|(leaf, _)| !price_leaves.contains(leaf))
                        .map(|(_, contribution)| *contribution)
                        .sum();
                    Some(-quality)
                }
                _ => ranked.quality_points.map(|q| -q),
            },
            TieBreak::None | TieBreak::Draw => None,
        }
    };
    let bidder = |id: &str| input.bids.iter().find(|b| b.id == id).map(|b| b.bidder.as_str());
    let drawn = draw.filter(|_| rule == TieBreak::Draw).and_then(|d| {
        let id = tied.iter().find(|id| bidder(id) == Some(d.bidder.as_str()))?;
        Some((id.clone(), d.clone()))
    });
    let measured: Option<Vec<Decimal>> = tied.iter().map(|id| measure(id)).collect();
    let (chosen, draw) = drawn.unzip();
    let chosen = chosen.or_else(|| {
        measured.and_then(|values| {
            let best = *values.iter().min()?;
            let mut at_best = tied.iter().zip(&values).filter(|(_, v)| **v == best);
            let (id, _) = at_best.next()?;
            at_best.next().is_none().then(|| id.clone())
        })
    });
    if let Some(chosen) = &chosen {
        let position = result.ranking.iter().position(|b| &b.bid == chosen).expect("the chosen tender is ranked");
        let winner = result.ranking.remove(position);
        result.ranking.insert(0, winner);
        for other in result.ranking.iter_mut().skip(1).filter(|b| b.rank == 1) {
            other.rank = 2;
        }
    }
    Some(Tie { tied, rule, chosen, draw })
}

/// The bidders sharing a lot's first rank as the file ranks it now, before any rule; empty when they do not.
pub fn tied(store: &TenderFile, lot_id: i64) -> Result<Vec<String>, StoreError> {
    let Some(input) = store.competing_input(lot_id)? else {
        return Ok(Vec::new());
    };
    let Ok(result) = crate::evaluation::evaluate(&input) else {
        return Ok(Vec::new());
    };
    let bidder = |id: &str| input.bids.iter().find(|b| b.id == id).map_or(id.to_owned(), |b| b.bidder.clone());
    let first: Vec<String> = result.ranking.iter().take_while(|b| b.rank == 1).map(|b| bidder(&b.bid)).collect();
    Ok(if first.len() > 1 { first } else { Vec::new() })
}

pub(crate) fn price_leaf_ids(input: &EvaluationInput) -> Vec<String> {
    fn walk(criteria: &[crate::evaluation::Criterion], out: &mut Vec<String>) {
        for criterion in criteria {
            if criterion.price.is_some() {
                out.push(criterion.id.clone());
            }
            walk(&criterion.children, out);
        }
    }
    let mut out = Vec::new();
    walk(&input.criteria, &mut out);
    out
}
