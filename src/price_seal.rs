//! Sealed prices, two envelopes: a lot's prices, life-cycle costs and price points stay closed on the screens
//! and in the score sheets until the consultant opens them, so that the panel agrees the quality scores
//! without knowing who is cheapest. Opening is recorded in the audit log and in the procedure record.
//!
//! While the prices are sealed, the totals are quality points: each bid's weighted points on the criteria
//! that are not price, ranked highest first.

use crate::audit::Stamp;
use crate::evaluation::{Evaluation, EvaluationInput, EvaluationResult, RankedBid, shared_ranks};
use crate::locale::{Lang, Said};
use crate::store::{StoreError, TenderFile};
use rust_decimal::Decimal;

/// Opens a lot's prices. Refused while a consensus score is missing (or the lot cannot be evaluated for
/// another reason) unless the consultant gives the reason for opening them now; prices already open stay
/// as they were opened.
pub fn reveal(store: &mut TenderFile, stamp: &Stamp, lot_id: i64, reason: Option<&str>) -> Result<(), StoreError> {
    let reason = reason.map(str::trim).unwrap_or_default();
    if store.prices_revealed(lot_id)?.is_some() {
        return Ok(());
    }
    if reason.is_empty()
        && let Err(error) = Evaluation::new(&store.evaluation_input(lot_id)?)
    {
        let problems = error.into_problems();
        let listed = |lang: Lang| problems.iter().take(3).map(|p| p.message(lang)).collect::<Vec<_>>().join("; ");
        return Err(StoreError::invalid(
            format!(
                "The prices are opened once the lot can be evaluated on quality: {}. Give the reason to open them now.",
                listed(Lang::En)
            ),
            format!(
                "Priserne åbnes, når delaftalen kan evalueres på kvalitet: {}. Angiv begrundelsen for at åbne dem nu.",
                listed(Lang::Da)
            ),
        ));
    }
    store.reveal_prices(stamp, lot_id, reason)
}

/// Why a screen that ranks by price shows nothing while the lot's prices are sealed.
pub fn sealed() -> Said {
    Said::new(
        "The prices of the lot are sealed until the panel has agreed the quality scores. Open them on the \
         scoring screen.",
        "Delaftalens priser er forseglet, indtil bedømmelsesgruppen har fastlagt kvalitetsscorerne. Åbn dem på \
         bedømmelsesskærmen.",
    )
}

/// The result as the screens show it while prices are sealed: each ranked bid's total is its quality points,
/// its price points and contributions are left out, and the ranking is by quality, highest first.
pub fn quality_only(input: &EvaluationInput, result: &EvaluationResult) -> Vec<RankedBid> {
    let price_leaves = crate::tie_break::price_leaf_ids(input);
    let mut ranking: Vec<RankedBid> = result
        .ranking
        .iter()
        .map(|ranked| {
            let quality = |(leaf, _): &(&String, &Decimal)| !price_leaves.contains(leaf);
            let points = ranked.points.iter().filter(quality).map(|(k, v)| (k.clone(), *v)).collect();
            let total = ranked
                .points
                .iter()
                .filter(quality)
                .map(|(leaf, points)| result.leaf_weights.get(leaf).copied().unwrap_or_default() * points)
                .sum();
            RankedBid {
                bid: ranked.bid.clone(),
                rank: 0,
                total,
                points,
                contributions: Default::default(),
                criterion_contributions: Default::default(),
                quality_points: None,
                value_adjustment: None,
            }
        })
        .collect();
    ranking.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.bid.cmp(&b.bid)));
    let totals: Vec<Decimal> = ranking.iter().map(|r| r.total).collect();
    for (ranked, rank) in ranking.iter_mut().zip(shared_ranks(&totals)) {
        ranked.rank = rank;
    }
    ranking
}
