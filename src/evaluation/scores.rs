//! The panel's individual scores: how far the evaluators are apart on each bid and scored item.
//!
//! The engine ranks on consensus scores only; the individual scores are there so the meeting sees where the
//! evaluators disagree before agreeing on a consensus. A blank individual score (`null`) is missing: it is
//! counted as blank and takes no part in the spread, because treating it as zero would invent a disagreement.

use super::model::Scale;
use super::validation::DEFAULT_DISAGREEMENT_SHARE;
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

/// A spread as the evaluation keeps it for a bid: by item index, and the lowest and highest score as indexes
/// into the bid's distinct scores, so that summarising a million individual scores writes a few small
/// integers each and allocates no strings until someone asks for them.
#[derive(Debug, Clone)]
pub(crate) struct Spread {
    pub item: u32,
    pub lowest: u32,
    pub highest: u32,
    pub scored: u32,
    pub blank: u32,
}

impl Spread {
    /// The public form; `values` are the bid's distinct scores, `limit` is the largest spread that is not a
    /// disagreement (share × scale range).
    pub(crate) fn named(&self, bid: &str, item: &str, values: &[Decimal], limit: Decimal) -> ScoreSpread {
        let range = (values[self.lowest as usize], values[self.highest as usize]);
        ScoreSpread::new(bid, item, range, (self.scored, self.blank), limit)
    }
}

impl ScoreSpread {
    fn new(
        bid: &str,
        item: &str,
        (lowest, highest): (Decimal, Decimal),
        (scored, blank): (u32, u32),
        limit: Decimal,
    ) -> Self {
        let spread = highest - lowest;
        ScoreSpread {
            bid: bid.to_owned(),
            item: item.to_owned(),
            lowest,
            highest,
            spread,
            scored,
            blank,
            disagreement: spread > limit,
        }
    }
}

/// The spread of one item's individual scores on `scale`, flagged as a disagreement when it exceeds `share`
/// of the scale range (the tender's `disagreement_share`, 40 % by default). The scoring screen calls this
/// for a cell whose scores are still being entered, when the lot as a whole cannot be evaluated yet, so that
/// the flag it shows is the engine's own.
pub fn score_spread(
    bid: &str,
    item: &str,
    scores: &[Option<Decimal>],
    scale: &Scale,
    share: Option<Decimal>,
) -> Option<ScoreSpread> {
    let limit = share.unwrap_or(DEFAULT_DISAGREEMENT_SHARE) * (scale.max - scale.min);
    let given = || scores.iter().flatten();
    let range = (*given().min()?, *given().max()?);
    let scored = given().count() as u32;
    Some(ScoreSpread::new(bid, item, range, (scored, scores.len() as u32 - scored), limit))
}
