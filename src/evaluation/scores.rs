//! The panel's individual scores: how far the evaluators are apart on each bid and scored item.
//!
//! The engine ranks on consensus scores only; the individual scores are there so the meeting sees where the
//! evaluators disagree before agreeing on a consensus. A blank individual score (`null`) is missing: it is
//! counted as blank and takes no part in the spread, because treating it as zero would invent a disagreement.

use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreSpread {
    pub bid: String,
    /// The leaf or award requirement scored.
    pub item: String,
    pub lowest: Decimal,
    pub highest: Decimal,
    /// `highest − lowest`.
    pub spread: Decimal,
    /// Evaluators who gave a score.
    pub scored: u32,
    /// Evaluators whose score is blank.
    pub blank: u32,
    /// Whether the spread exceeds the disagreement share of the scale range.
    pub disagreement: bool,
}

/// Summarises one item's individual scores, or `None` when every score is blank. `limit` is the largest
/// spread that is not a disagreement (share × scale range).
pub(crate) fn spread<'a>(
    bid: &str,
    item: &str,
    scores: impl Iterator<Item = &'a Option<Decimal>>,
    limit: Decimal,
) -> Option<ScoreSpread> {
    let mut range: Option<(Decimal, Decimal)> = None;
    let (mut scored, mut blank) = (0, 0);
    for score in scores {
        match score {
            Some(score) => {
                scored += 1;
                range = Some(match range {
                    Some((low, high)) => (low.min(*score), high.max(*score)),
                    None => (*score, *score),
                });
            }
            None => blank += 1,
        }
    }
    let (lowest, highest) = range?;
    let spread = highest - lowest;
    Some(ScoreSpread {
        bid: bid.to_owned(),
        item: item.to_owned(),
        lowest,
        highest,
        spread,
        scored,
        blank,
        disagreement: spread > limit,
    })
}
