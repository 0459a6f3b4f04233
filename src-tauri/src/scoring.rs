//! The scoring screen across IPC: the sheet, score edits with undo and redo, and the projector's view.
//!
//! Like `ipc.rs`, these mirror the core's types with TypeScript derives instead of adding them to the core.
//! Decimals cross as strings, so no score or total passes through a floating-point number on the way.

use crate::ipc::{IpcError, ProblemView};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tenderbench::evaluation::display::round_points;
use tenderbench::projector::ProjectorScreen;
use tenderbench::scoring::{ScoreEdit, ScoringSheet, SheetCell, SheetRow, Totals};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScoringView {
    pub lot_id: i64,
    pub scale_min: String,
    pub scale_max: String,
    pub evaluators: Vec<EvaluatorView>,
    pub bids: Vec<ScoredBidView>,
    pub excluded: Vec<ExclusionView>,
    pub rows: Vec<RowView>,
    pub totals: TotalsView,
    /// Whether the lot's prices are still sealed; the screen then offers to open them.
    pub prices_sealed: bool,
    pub can_undo: bool,
    pub can_redo: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EvaluatorView {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub declared: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScoredBidView {
    pub id: i64,
    pub bidder: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExclusionView {
    pub bidder: String,
    pub reasons: Vec<String>,
}

/// One requirement's row, column by column: per bid in the sheet's bid order. A large lot has tens of
/// thousands of cells, and lists of scores cost the page a fraction of what one object per cell costs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RowView {
    pub requirement_id: i64,
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub criterion: String,
    pub criterion_path: Vec<String>,
    pub measured: bool,
    /// The consensus score per bid, or a measured requirement's points; `null` is blank.
    pub consensus: Vec<Option<String>>,
    /// Per evaluator, in the sheet's evaluator order, the individual score per bid; `null` is blank.
    pub individual: Vec<Vec<Option<String>>>,
    /// The justification of each bid's consensus score.
    pub justification: Vec<String>,
    /// The spread of each bid's individual scores where the engine flags a disagreement, `null` elsewhere.
    pub disagreement: Vec<Option<String>>,
    /// Whether a cell still lacks a score the panel must give, by the core's rule.
    pub missing: bool,
}

impl RowView {
    pub fn new(sheet: &ScoringSheet, row: &SheetRow) -> Self {
        let column = |value: &dyn Fn(&SheetCell) -> Option<Decimal>| row.cells.iter().map(|c| text(value(c))).collect();
        RowView {
            requirement_id: row.requirement_id,
            code: row.code.clone(),
            title_da: row.title_da.clone(),
            title_en: row.title_en.clone(),
            criterion: row.criterion.clone(),
            criterion_path: row.criterion_path.clone(),
            measured: row.measure.is_some(),
            consensus: match row.measure {
                Some(_) => column(&|c| c.measured_points.map(round_points)),
                None => column(&|c| c.consensus),
            },
            individual: (0..sheet.evaluators.len())
                .map(|e| column(&|c| c.individual.get(e).copied().flatten()))
                .collect(),
            justification: row.cells.iter().map(|c| c.justification.clone()).collect(),
            disagreement: column(&|c| c.spread.as_ref().filter(|s| s.disagreement).map(|s| s.spread)),
            missing: sheet.missing(row),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TotalsView {
    /// Empty while the lot cannot be evaluated; `problems` then says why.
    pub ranking: Vec<RankView>,
    pub problems: Vec<ProblemView>,
    /// While the lot's prices are sealed the totals are quality points, and the screen says so.
    pub quality_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RankView {
    pub bid: String,
    pub rank: u32,
    /// Rounded for display by the core's rule; the ranking itself was decided at full precision.
    pub total: String,
}

impl TotalsView {
    pub fn new(totals: &Totals) -> Self {
        match totals {
            Totals::Ranked { ranking, quality_only, .. } => TotalsView {
                quality_only: *quality_only,
                ranking: ranking
                    .iter()
                    .map(|r| RankView {
                        bid: r.bid.clone(),
                        rank: r.rank,
                        total: round_points(r.total).normalize().to_string(),
                    })
                    .collect(),
                problems: Vec::new(),
            },
            Totals::Incomplete { problems } => {
                TotalsView { ranking: Vec::new(), problems: ProblemView::all(problems), quality_only: false }
            }
        }
    }
}

fn text(d: Option<Decimal>) -> Option<String> {
    d.map(|d| d.normalize().to_string())
}

impl ScoringView {
    pub fn new(sheet: &ScoringSheet, can_undo: bool, can_redo: bool) -> Self {
        ScoringView {
            lot_id: sheet.lot_id,
            scale_min: sheet.scale.min.normalize().to_string(),
            scale_max: sheet.scale.max.normalize().to_string(),
            evaluators: sheet
                .evaluators
                .iter()
                .map(|e| EvaluatorView { id: e.id, name: e.name.clone(), role: e.role.clone(), declared: e.declared })
                .collect(),
            bids: sheet.bids.iter().map(|b| ScoredBidView { id: b.id, bidder: b.bidder.clone() }).collect(),
            excluded: sheet
                .compliance
                .iter()
                .filter(|c| !c.admissible)
                .map(|c| ExclusionView { bidder: c.bidder.clone(), reasons: c.exclusion_reasons.clone() })
                .collect(),
            rows: sheet.rows.iter().map(|row| RowView::new(sheet, row)).collect(),
            totals: TotalsView::new(&sheet.totals),
            prices_sealed: sheet.prices_sealed,
            can_undo,
            can_redo,
        }
    }
}

/// A score typed on the scoring screen. `evaluator_id` absent means the consensus score; `points` absent or
/// empty clears the score (blank, not zero).
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct ScoreRequest {
    pub lot_id: i64,
    pub requirement_id: i64,
    pub bid_id: i64,
    pub evaluator_id: Option<i64>,
    pub points: Option<String>,
    pub note: String,
}

impl ScoreRequest {
    pub fn edit(&self) -> Result<ScoreEdit, IpcError> {
        let points = match self.points.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(crate::ipc::typed_number(text, "points", "point")?),
        };
        Ok(match self.evaluator_id {
            Some(evaluator_id) => ScoreEdit::Individual {
                evaluator_id,
                requirement_id: self.requirement_id,
                bid_id: self.bid_id,
                points,
                comment: self.note.clone(),
            },
            None => ScoreEdit::Consensus {
                requirement_id: self.requirement_id,
                bid_id: self.bid_id,
                points,
                justification: self.note.clone(),
            },
        })
    }
}

/// What one edit, undo or redo changed: the edited requirement's row as it now is, and the engine's new
/// totals. The screen replaces that one row instead of reloading thousands, which keeps a keystroke within
/// 50 ms.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScoreOutcome {
    /// `null` when the requirement is no longer on the sheet (no longer under a sub-criterion).
    pub row: Option<RowView>,
    pub totals: TotalsView,
    pub can_undo: bool,
    pub can_redo: bool,
}

impl ScoreOutcome {
    /// From [`ScoringSession::sheet_with_row`](tenderbench::scoring::ScoringSession::sheet_with_row) of the
    /// edited requirement.
    pub fn new(sheet: &ScoringSheet, can_undo: bool, can_redo: bool) -> Self {
        ScoreOutcome {
            row: sheet.rows.first().map(|row| RowView::new(sheet, row)),
            totals: TotalsView::new(&sheet.totals),
            can_undo,
            can_redo,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct LotRequest {
    pub lot_id: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct ProjectorRequest {
    pub lot_id: i64,
    pub position: u32,
    pub reveal_prices: bool,
}

/// Opening a lot's sealed prices; the reason is needed while a consensus score is missing.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RevealPricesRequest {
    pub lot_id: i64,
    pub reason: Option<String>,
}

/// The projector's screen. It carries no evaluator at all; `prices` is empty until the consultant reveals
/// them, because the core builds no price for a hidden screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProjectorView {
    pub position: u32,
    pub count: u32,
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub text_da: String,
    pub text_en: String,
    pub criterion_name: String,
    pub scores: Vec<ProjectedScoreView>,
    pub prices_revealed: bool,
    pub prices: Vec<ProjectedPriceView>,
    /// The currency the prices are in, for writing them.
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProjectedScoreView {
    pub bidder: String,
    pub consensus: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProjectedPriceView {
    pub bidder: String,
    pub price: Option<String>,
}

impl ProjectorView {
    pub fn new(screen: &ProjectorScreen, currency: &str) -> Self {
        let (view, prices) = match screen {
            ProjectorScreen::Hidden { view } => (view, None),
            ProjectorScreen::Revealed { view, prices } => (view, Some(prices)),
        };
        ProjectorView {
            position: view.position as u32,
            count: view.count as u32,
            code: view.code.clone(),
            title_da: view.title_da.clone(),
            title_en: view.title_en.clone(),
            text_da: view.text_da.clone(),
            text_en: view.text_en.clone(),
            criterion_name: view.criterion_name.clone(),
            scores: view
                .scores
                .iter()
                .map(|s| ProjectedScoreView {
                    bidder: s.bidder.clone(),
                    consensus: text(s.consensus.map(round_points)),
                })
                .collect(),
            prices_revealed: prices.is_some(),
            prices: prices
                .into_iter()
                .flatten()
                .map(|p| ProjectedPriceView {
                    bidder: p.bidder.clone(),
                    price: text(p.life_cycle_cost.or(p.price).map(|d| d.round_dp(0))),
                })
                .collect(),
            currency: currency.to_owned(),
        }
    }
}
