//! What the projector shows the user group during the scoring meeting: one requirement at a time with the
//! bids' consensus scores.
//!
//! Quality is scored blind to price, and evaluators score freely only if their own marks are not put on the
//! wall. Both are guaranteed by the types rather than by the screen: [`ProjectorView`] has no field for an
//! evaluator or a price, and prices exist only in [`ProjectorScreen::Revealed`], built when the consultant
//! reveals them.

use crate::evaluation::{ScaleStep, life_cycle_cost};
use crate::scoring::ScoringSession;
use rust_decimal::Decimal;
use serde::Serialize;

/// One requirement as projected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectorView {
    /// 0-based position of the requirement among the sheet's rows, and their number.
    pub position: usize,
    pub count: usize,
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub text_da: String,
    pub text_en: String,
    pub criterion_name: String,
    /// The written meaning of the scale steps, so the room can read what a score means.
    pub scale_steps: Vec<ScaleStep>,
    pub scores: Vec<ProjectedScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectedScore {
    pub bidder: String,
    pub consensus: Option<Decimal>,
    pub justification: String,
}

/// A bid's price and, where the model uses it, its life-cycle cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectedPrice {
    pub bidder: String,
    pub price: Option<Decimal>,
    pub life_cycle_cost: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum ProjectorScreen {
    Hidden { view: ProjectorView },
    Revealed { view: ProjectorView, prices: Vec<ProjectedPrice> },
}

impl ProjectorScreen {
    /// The screen for the scoring sheet's row at `position` (clamped to the last row), or `None` when the
    /// sheet has no rows. Only that row is built, so moving on in a large lot costs one row, not the sheet.
    /// Prices are read only when `reveal_prices` is set.
    pub fn new(session: &ScoringSession, position: usize, reveal_prices: bool) -> Option<Self> {
        let count = session.row_count();
        let position = position.min(count.checked_sub(1)?);
        let sheet = session.sheet_with_row_at(position);
        let row = sheet.rows.first()?;
        let input = session.input();
        let view = ProjectorView {
            position,
            count,
            code: row.code.clone(),
            title_da: row.title_da.clone(),
            title_en: row.title_en.clone(),
            text_da: row.text_da.clone(),
            text_en: row.text_en.clone(),
            criterion_name: row.criterion_name.clone(),
            scale_steps: sheet.scale.steps.clone(),
            scores: sheet
                .bids
                .iter()
                .zip(&row.cells)
                .map(|(bid, cell)| ProjectedScore {
                    bidder: bid.bidder.clone(),
                    consensus: cell.consensus.or(cell.measured_points),
                    justification: cell.justification.clone(),
                })
                .collect(),
        };
        // The consultant's button shows prices on the projector only once the lot's prices are opened.
        if !reveal_prices || session.prices_sealed() {
            return Some(ProjectorScreen::Hidden { view });
        }
        let prices = sheet
            .bids
            .iter()
            .filter_map(|bid| input.bids.iter().find(|b| b.id == bid.bidder))
            .map(|bid| ProjectedPrice {
                bidder: bid.id.clone(),
                price: bid.stated_price(),
                life_cycle_cost: input
                    .lcc
                    .as_ref()
                    .zip(bid.lcc_inputs.as_ref())
                    .and_then(|(params, inputs)| life_cycle_cost(params, inputs))
                    .map(|lcc| lcc.total),
            })
            .collect();
        Some(ProjectorScreen::Revealed { view, prices })
    }
}
