//! The panel's individual scores: how far the evaluators are apart on each bid and scored item.
//!
//! The engine ranks on consensus scores only; the individual scores are there so the meeting sees where the
//! evaluators disagree before agreeing on a consensus. A blank individual score (`null`) is missing: it is
//! counted as blank and takes no part in the spread, because treating it as zero would invent a disagreement.

use super::model::Scale;
use super::validation::DEFAULT_DISAGREEMENT_SHARE;
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;

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

/// A spread as the evaluation keeps it for a bid: by item index, so that a tender with a million individual
/// scores does not allocate two strings per summary until someone asks for them.
#[derive(Debug, Clone)]
pub(crate) struct Spread {
    pub item: u32,
    pub lowest: Decimal,
    pub highest: Decimal,
    pub scored: u32,
    pub blank: u32,
}

/// Summarises one item's individual scores, or `None` when every score is blank.
fn spread(scores: &[Option<Decimal>]) -> Option<Spread> {
    let mut range: Option<(Decimal, Decimal)> = None;
    let (mut scored, mut blank) = (0, 0);
    for score in scores {
        match score {
            Some(score) => {
                scored += 1;
                range = Some(match range {
                    Some((low, high)) => (
                        if compare(score, &low) == Ordering::Less { *score } else { low },
                        if compare(score, &high) == Ordering::Greater { *score } else { high },
                    ),
                    None => (*score, *score),
                });
            }
            None => blank += 1,
        }
    }
    let (lowest, highest) = range?;
    Some(Spread { item: 0, lowest, highest, scored, blank })
}

impl Spread {
    /// The public form; `limit` is the largest spread that is not a disagreement (share × scale range).
    pub(crate) fn named(&self, bid: &str, item: &str, limit: Decimal) -> ScoreSpread {
        let spread = self.highest - self.lowest;
        ScoreSpread {
            bid: bid.to_owned(),
            item: item.to_owned(),
            lowest: self.lowest,
            highest: self.highest,
            spread,
            scored: self.scored,
            blank: self.blank,
            disagreement: spread > limit,
        }
    }
}

/// Decimal comparison with a shortcut for equal scales (whole-number scores, most of them): the general
/// comparison rescales first, and that dominated the time of summarising a million individual scores.
pub(crate) fn compare(a: &Decimal, b: &Decimal) -> Ordering {
    if a.scale() == b.scale() { a.mantissa().cmp(&b.mantissa()) } else { a.cmp(b) }
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
    spread(scores).map(|s| s.named(bid, item, limit))
}
