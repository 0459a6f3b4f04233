//! Scoring a lot: the sheet of award requirements × admissible bids the panel fills in, each edit with its
//! inverse for undo, and the totals the engine gives after every edit.
//!
//! A [`ScoringSession`] holds the lot's engine input in memory while the scoring screen is open, and every
//! edit goes to the tender file first (durable, audited) and then to that copy, so the totals after a
//! keystroke come from one evaluation instead of re-reading thousands of scores. The tender file is locked
//! exclusively while it is open, so nothing else can change it behind the session's back.

use crate::audit::Stamp;
use crate::bid::Bid;
use crate::evaluation::{
    Criterion, Evaluation, EvaluationInput, ExcludedBid, Measure, Problem, RankedBid, Scale, ScoreSpread, score_spread,
};
use crate::panel::Evaluator;
use crate::price_seal;
use crate::requirement::{Requirement, RequirementKind};
use crate::store::{Result, StoreError, TenderFile};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The scoring grid of one lot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoringSheet {
    pub lot_id: i64,
    pub scale: Scale,
    /// The panel, in the order of each cell's `individual` scores.
    pub evaluators: Vec<SheetEvaluator>,
    /// The admissible bids (every minimum requirement met), in the order of each row's cells.
    pub bids: Vec<SheetBid>,
    /// Minimum-requirement compliance of every bid, admissible or not.
    pub compliance: Vec<BidCompliance>,
    pub rows: Vec<SheetRow>,
    /// Award requirements not yet under a sub-criterion: the engine cannot score them.
    pub unassigned: Vec<String>,
    pub totals: Totals,
    /// Whether the lot's prices are still sealed.
    pub prices_sealed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetEvaluator {
    pub id: i64,
    pub name: String,
    pub role: String,
    /// Whether the evaluator has declared on conflicts of interest, without which they may not score.
    pub declared: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetBid {
    pub id: i64,
    pub bidder: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BidCompliance {
    pub bid_id: i64,
    pub bidder: String,
    pub admissible: bool,
    pub minimum: Vec<MinimumAnswer>,
    /// Why the bid is excluded: failed minimum requirements, criteria below their minimum points (from the
    /// engine, once the lot can be evaluated) and the consultant's own exclusion.
    pub exclusion_reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinimumAnswer {
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    /// `None` when the bid did not answer.
    pub met: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetRow {
    pub requirement_id: i64,
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub text_da: String,
    pub text_en: String,
    /// The sub-criterion the requirement is scored under, and the codes from its top-level criterion down.
    pub criterion: String,
    pub criterion_name: String,
    pub criterion_path: Vec<String>,
    /// The announced function of a measured requirement; its cells hold values, not scores.
    pub measure: Option<Measure>,
    pub cells: Vec<SheetCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetCell {
    /// One per evaluator; `None` is a blank score, which is missing, never zero.
    pub individual: Vec<Option<Decimal>>,
    pub consensus: Option<Decimal>,
    pub justification: String,
    /// The engine's spread of the individual scores, with its disagreement flag.
    pub spread: Option<ScoreSpread>,
    /// A measured requirement's answer and the points the announced function gives it.
    pub value: Option<Decimal>,
    pub measured_points: Option<Decimal>,
}

impl SheetCell {
    /// Whether the cell still lacks something the panel must give: the consensus score of a scored
    /// requirement, or a declared evaluator's individual score.
    fn missing(&self, evaluators: &[SheetEvaluator], measured: bool) -> bool {
        if measured {
            return self.value.is_none();
        }
        self.consensus.is_none() || evaluators.iter().zip(&self.individual).any(|(e, s)| e.declared && s.is_none())
    }
}

/// The engine's totals, or why it cannot give them yet (typically scores still missing).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Totals {
    /// With `quality_only` while the lot's prices are sealed: each total is then the bid's quality points.
    Ranked {
        ranking: Vec<RankedBid>,
        excluded: Vec<ExcludedBid>,
        quality_only: bool,
    },
    Incomplete {
        problems: Vec<Problem>,
    },
}

impl Totals {
    /// Evaluates `input` and keeps what the scoring screen shows; quality points only while `sealed`.
    pub fn of(input: &EvaluationInput, sealed: bool) -> Totals {
        match Evaluation::new(input) {
            Ok(evaluation) => {
                let result = evaluation.result();
                let ranking = if sealed { price_seal::quality_only(input, &result) } else { result.ranking };
                Totals::Ranked { ranking, excluded: result.excluded, quality_only: sealed }
            }
            Err(error) => Totals::Incomplete { problems: error.into_problems() },
        }
    }
}

/// Which rows of the sheet to show.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SheetFilter {
    /// A criterion or sub-criterion code: rows scored under it or under its sub-criteria.
    pub criterion: Option<String>,
    pub only_disagreements: bool,
    pub only_missing: bool,
}

impl ScoringSheet {
    /// The indices of the rows that pass `filter`, in sheet order.
    pub fn filter(&self, filter: &SheetFilter) -> Vec<usize> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, row)| filter.criterion.as_ref().is_none_or(|c| row.criterion_path.contains(c)))
            .filter(|(_, row)| !filter.only_disagreements || row.disagreement())
            .filter(|(_, row)| !filter.only_missing || self.missing(row))
            .map(|(index, _)| index)
            .collect()
    }

    /// Whether a cell of `row` still lacks a score the panel must give.
    pub fn missing(&self, row: &SheetRow) -> bool {
        row.cells.iter().any(|c| c.missing(&self.evaluators, row.measure.is_some()))
    }
}

impl SheetRow {
    /// Whether the engine flags the individual scores of a cell of the row as a disagreement.
    pub fn disagreement(&self) -> bool {
        self.cells.iter().any(|c| c.spread.as_ref().is_some_and(|s| s.disagreement))
    }
}

/// One scoring edit: the value a score is set to (`None` clears it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScoreEdit {
    Individual { evaluator_id: i64, requirement_id: i64, bid_id: i64, points: Option<Decimal>, comment: String },
    Consensus { requirement_id: i64, bid_id: i64, points: Option<Decimal>, justification: String },
}

impl ScoreEdit {
    /// The requirement whose score the edit sets.
    pub fn requirement_id(&self) -> i64 {
        match self {
            ScoreEdit::Individual { requirement_id, .. } | ScoreEdit::Consensus { requirement_id, .. } => {
                *requirement_id
            }
        }
    }

    /// The edit that puts back what the file holds now for the same score: the inverse of `self`.
    fn current(&self, file: &TenderFile) -> Result<ScoreEdit> {
        Ok(match self {
            ScoreEdit::Individual { evaluator_id, requirement_id, bid_id, .. } => {
                let old = file.individual_score(*evaluator_id, *requirement_id, *bid_id)?;
                let (points, comment) = old.unzip();
                ScoreEdit::Individual {
                    evaluator_id: *evaluator_id,
                    requirement_id: *requirement_id,
                    bid_id: *bid_id,
                    points,
                    comment: comment.unwrap_or_default(),
                }
            }
            ScoreEdit::Consensus { requirement_id, bid_id, .. } => {
                let (points, justification) = file.consensus_score(*requirement_id, *bid_id)?.unzip();
                ScoreEdit::Consensus {
                    requirement_id: *requirement_id,
                    bid_id: *bid_id,
                    points,
                    justification: justification.unwrap_or_default(),
                }
            }
        })
    }

    /// Writes the edit through the store's audited score calls.
    fn write(&self, file: &mut TenderFile, stamp: &Stamp) -> Result<()> {
        match self {
            ScoreEdit::Individual { evaluator_id, requirement_id, bid_id, points, comment } => {
                file.set_individual_score(stamp, *evaluator_id, *requirement_id, *bid_id, *points, comment)
            }
            ScoreEdit::Consensus { requirement_id, bid_id, points, justification } => {
                file.set_consensus_score(stamp, *requirement_id, *bid_id, *points, justification)
            }
        }
    }
}

/// An edit that was saved, with the edit that undoes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub edit: ScoreEdit,
    pub inverse: ScoreEdit,
}

/// The undo and redo stacks of the scoring screen, kept by the app for as long as the tender is open. An
/// undo is itself a saved, audited edit: the audit log shows the score going back, never a row removed.
#[derive(Debug, Clone, Default)]
pub struct EditHistory {
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl EditHistory {
    /// Records a saved change; a new change ends the chance to redo what was undone.
    pub fn push(&mut self, change: Change) {
        self.done.push(change);
        self.undone.clear();
    }

    /// Undoes the latest change by handing its inverse to `apply`; the change moves to the redo stack only
    /// if `apply` succeeded, so a refused undo can be tried again. `None` when there is nothing to undo.
    pub fn undo<T, E>(
        &mut self,
        apply: impl FnOnce(&ScoreEdit) -> std::result::Result<T, E>,
    ) -> Option<std::result::Result<T, E>> {
        let change = self.done.pop()?;
        let applied = apply(&change.inverse);
        if applied.is_ok() {
            self.undone.push(change)
        } else {
            self.done.push(change)
        }
        Some(applied)
    }

    /// Applies the latest undone change again, like [`EditHistory::undo`] in the other direction.
    pub fn redo<T, E>(
        &mut self,
        apply: impl FnOnce(&ScoreEdit) -> std::result::Result<T, E>,
    ) -> Option<std::result::Result<T, E>> {
        let change = self.undone.pop()?;
        let applied = apply(&change.edit);
        if applied.is_ok() {
            self.done.push(change)
        } else {
            self.undone.push(change)
        }
        Some(applied)
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}

/// Where an award requirement sits in the criteria tree.
#[derive(Debug, Clone)]
struct Placement {
    criterion: String,
    criterion_name: String,
    path: Vec<String>,
    measure: Option<Measure>,
}

fn placements(criteria: &[Criterion], path: &mut Vec<String>, out: &mut HashMap<String, Placement>) {
    for criterion in criteria {
        path.push(criterion.id.clone());
        for requirement in &criterion.requirements {
            out.insert(
                requirement.id.clone(),
                Placement {
                    criterion: criterion.id.clone(),
                    criterion_name: criterion.name.clone(),
                    path: path.clone(),
                    measure: requirement.measure.clone(),
                },
            );
        }
        placements(&criterion.children, path, out);
        path.pop();
    }
}

/// A lot being scored: what the file holds for it, with the engine input kept in step with every edit.
#[derive(Debug, Clone)]
pub struct ScoringSession {
    lot_id: i64,
    input: EvaluationInput,
    requirements: Vec<Requirement>,
    bids: Vec<Bid>,
    evaluators: Vec<Evaluator>,
    /// Each bid's answers to the minimum requirements, by bid id then requirement code.
    minimum: HashMap<i64, HashMap<String, Option<bool>>>,
    exclusions: HashMap<i64, String>,
    /// Whether the lot's prices are still sealed.
    prices_sealed: bool,
}

impl ScoringSession {
    pub fn open(file: &TenderFile, lot_id: i64) -> Result<ScoringSession> {
        let input = file.evaluation_input(lot_id)?;
        let bids = file.bids(lot_id)?;
        let mut minimum = HashMap::new();
        for bid in &bids {
            let answers = file.responses(bid.id)?.into_iter().map(|r| (r.requirement_code, r.compliant)).collect();
            minimum.insert(bid.id, answers);
        }
        Ok(ScoringSession {
            lot_id,
            input,
            requirements: file.requirements(lot_id)?,
            bids,
            evaluators: file.evaluators()?,
            minimum,
            exclusions: file.exclusions()?.into_iter().map(|(bid, rejection)| (bid, rejection.reason)).collect(),
            prices_sealed: file.prices_revealed(lot_id)?.is_none(),
        })
    }

    pub fn lot_id(&self) -> i64 {
        self.lot_id
    }

    /// Whether the lot's prices are still sealed, so that no screen of this session may show them.
    pub fn prices_sealed(&self) -> bool {
        self.prices_sealed
    }

    /// The engine input as the file now holds it.
    pub fn input(&self) -> &EvaluationInput {
        &self.input
    }

    pub fn totals(&self) -> Totals {
        Totals::of(&self.input, self.prices_sealed)
    }

    /// Saves `edit` to the file and to the session, and returns it with its inverse for the undo history.
    pub fn apply(&mut self, file: &mut TenderFile, stamp: &Stamp, edit: &ScoreEdit) -> Result<Change> {
        let inverse = edit.current(file)?;
        edit.write(file, stamp)?;
        let (requirement_id, bid_id) = match edit {
            ScoreEdit::Individual { requirement_id, bid_id, .. }
            | ScoreEdit::Consensus { requirement_id, bid_id, .. } => (*requirement_id, *bid_id),
        };
        let code = self.requirement(requirement_id)?.text.code.clone();
        let bidder = self.bid(bid_id)?.bidder.clone();
        let bid = self.input.bids.iter_mut().find(|b| b.id == bidder).ok_or_else(|| not_in_lot_bid(&bidder))?;
        match edit {
            ScoreEdit::Individual { evaluator_id, points, .. } => {
                let name = self
                    .evaluators
                    .iter()
                    .find(|e| e.id == *evaluator_id)
                    .map(|e| e.name.clone())
                    .ok_or_else(|| StoreError::no_evaluator(*evaluator_id))?;
                match points {
                    Some(points) => bid.individual_scores.insert(&code, &name, Some(*points)),
                    None => bid.individual_scores.remove(&code, &name),
                }
            }
            ScoreEdit::Consensus { points, justification, .. } => match points {
                Some(points) => {
                    bid.scores.insert(code.as_str(), *points);
                    match justification.trim() {
                        "" => bid.justifications.remove(code.as_str()),
                        text => bid.justifications.insert(code, text.to_owned()),
                    };
                }
                None => {
                    bid.scores.remove(code.as_str());
                    bid.justifications.remove(code.as_str());
                }
            },
        }
        Ok(Change { edit: edit.clone(), inverse })
    }

    fn requirement(&self, id: i64) -> Result<&Requirement> {
        self.requirements.iter().find(|r| r.id == id).ok_or_else(|| {
            StoreError::not_found(
                format!("Requirement {id} is not in this lot."),
                format!("Krav {id} hører ikke til denne delaftale."),
            )
        })
    }

    fn bid(&self, id: i64) -> Result<&Bid> {
        self.bids.iter().find(|b| b.id == id).ok_or_else(|| not_in_lot_bid(&id.to_string()))
    }

    /// The ids of an award requirement and a bid named by code and bidder, as the CLI and imports name them.
    pub fn find(&self, requirement_code: &str, bidder: &str) -> Result<(i64, i64)> {
        let requirement = self.requirements.iter().find(|r| r.text.code == requirement_code).ok_or_else(|| {
            StoreError::not_found(
                format!("The lot has no requirement {requirement_code}."),
                format!("Delaftalen har intet krav {requirement_code}."),
            )
        })?;
        let bid = self.bids.iter().find(|b| b.bidder == bidder).ok_or_else(|| {
            StoreError::not_found(
                format!("The lot has no bid from {bidder}."),
                format!("Delaftalen har intet tilbud fra {bidder}."),
            )
        })?;
        Ok((requirement.id, bid.id))
    }

    /// The id of the evaluator called `name`.
    pub fn evaluator(&self, name: &str) -> Result<i64> {
        self.evaluators
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.id)
            .ok_or_else(|| StoreError::no_evaluator_named(name))
    }

    /// The whole sheet with the engine's totals.
    pub fn sheet(&self) -> ScoringSheet {
        self.sheet_of(|_, _| true)
    }

    /// The sheet with only the row of one requirement, and everything else as [`Self::sheet`] gives it: what
    /// a screen needs after an edit of that requirement, for a fraction of the work on a large lot.
    pub fn sheet_with_row(&self, requirement_id: i64) -> ScoringSheet {
        self.sheet_of(|_, r| r.id == requirement_id)
    }

    /// The sheet with only its row at `position`, 0-based among the rows of [`Self::sheet`]: the projector
    /// shows one requirement at a time.
    pub fn sheet_with_row_at(&self, position: usize) -> ScoringSheet {
        self.sheet_of(|index, _| index == position)
    }

    /// The number of rows [`Self::sheet`] has.
    pub fn row_count(&self) -> usize {
        let placed = self.placements();
        self.award_requirements().filter(|r| placed.contains_key(&r.text.code)).count()
    }

    fn placements(&self) -> HashMap<String, Placement> {
        let mut placed = HashMap::new();
        placements(&self.input.criteria, &mut Vec::new(), &mut placed);
        placed
    }

    fn award_requirements(&self) -> impl Iterator<Item = &Requirement> {
        self.requirements.iter().filter(|r| r.text.kind == RequirementKind::Award)
    }

    /// The sheet with the rows `wanted` picks by their position among all rows and their requirement.
    fn sheet_of(&self, wanted: impl Fn(usize, &Requirement) -> bool) -> ScoringSheet {
        let placed = self.placements();
        let evaluators: Vec<SheetEvaluator> = self
            .evaluators
            .iter()
            .map(|e| SheetEvaluator {
                id: e.id,
                name: e.name.clone(),
                role: e.role.clone(),
                declared: e.declaration.is_some(),
            })
            .collect();
        let totals = self.totals();
        let minimum: Vec<&Requirement> =
            self.requirements.iter().filter(|r| r.text.kind == RequirementKind::Minimum).collect();
        let compliance: Vec<BidCompliance> =
            self.bids.iter().map(|bid| self.compliance(bid, &minimum, &totals)).collect();
        let admissible: Vec<&Bid> = self
            .bids
            .iter()
            .zip(&compliance)
            .filter(|(_, c)| c.minimum.iter().all(|m| m.met == Some(true)))
            .map(|(b, _)| b)
            .collect();
        let engine_bids: Vec<&crate::evaluation::Bid> = admissible
            .iter()
            .map(|b| {
                self.input.bids.iter().find(|e| e.id == b.bidder).expect("the engine input holds every bid of the lot")
            })
            .collect();
        let mut rows = Vec::new();
        let mut rows_before = 0;
        let mut unassigned = Vec::new();
        for requirement in self.award_requirements() {
            let code = &requirement.text.code;
            let Some(place) = placed.get(code) else {
                unassigned.push(code.clone());
                continue;
            };
            let position = rows_before;
            rows_before += 1;
            if !wanted(position, requirement) {
                continue;
            }
            let cells = engine_bids
                .iter()
                .map(|bid| {
                    let individual: Vec<Option<Decimal>> =
                        evaluators.iter().map(|e| bid.individual_scores.get(code, &e.name).flatten()).collect();
                    let value = bid.values.get(code.as_str()).copied();
                    SheetCell {
                        spread: score_spread(
                            &bid.id,
                            code,
                            &individual,
                            &self.input.scale,
                            self.input.disagreement_share,
                        ),
                        individual,
                        consensus: bid.scores.get(code.as_str()).copied(),
                        justification: bid.justifications.get(code.as_str()).cloned().unwrap_or_default(),
                        measured_points: place
                            .measure
                            .as_ref()
                            .zip(value)
                            .and_then(|(m, v)| m.points(v, &self.input.scale)),
                        value,
                    }
                })
                .collect();
            rows.push(SheetRow {
                requirement_id: requirement.id,
                code: code.clone(),
                title_da: requirement.text.title_da.clone(),
                title_en: requirement.text.title_en.clone(),
                text_da: requirement.text.text_da.clone(),
                text_en: requirement.text.text_en.clone(),
                criterion: place.criterion.clone(),
                criterion_name: place.criterion_name.clone(),
                criterion_path: place.path.clone(),
                measure: place.measure.clone(),
                cells,
            });
        }
        ScoringSheet {
            lot_id: self.lot_id,
            scale: self.input.scale.clone(),
            evaluators,
            bids: admissible.iter().map(|b| SheetBid { id: b.id, bidder: b.bidder.clone() }).collect(),
            compliance,
            rows,
            unassigned,
            totals,
            prices_sealed: self.prices_sealed,
        }
    }

    fn compliance(&self, bid: &Bid, minimum: &[&Requirement], totals: &Totals) -> BidCompliance {
        let answers = self.minimum.get(&bid.id);
        let minimum: Vec<MinimumAnswer> = minimum
            .iter()
            .map(|r| MinimumAnswer {
                code: r.text.code.clone(),
                title_da: r.text.title_da.clone(),
                title_en: r.text.title_en.clone(),
                met: answers.and_then(|a| a.get(&r.text.code).copied().flatten()),
            })
            .collect();
        let mut exclusion_reasons: Vec<String> = minimum
            .iter()
            .filter(|m| m.met != Some(true))
            .map(|m| match m.met {
                Some(_) => format!("minimum requirement {} is not met", m.code),
                None => format!("minimum requirement {} is not answered", m.code),
            })
            .collect();
        if let Totals::Ranked { excluded, .. } = totals
            && let Some(engine) = excluded.iter().find(|e| e.bid == bid.bidder)
        {
            // The engine's minimum-requirement reasons are already listed; add its threshold exclusions.
            exclusion_reasons.extend(engine.details.iter().filter(|d| !d.starts_with("minimum requirement")).cloned());
        }
        if let Some(reason) = self.exclusions.get(&bid.id) {
            exclusion_reasons.push(reason.clone());
        }
        BidCompliance {
            bid_id: bid.id,
            bidder: bid.bidder.clone(),
            admissible: exclusion_reasons.is_empty(),
            minimum,
            exclusion_reasons,
        }
    }
}

/// A bid, named by its bidder or id, that the lot being scored does not have.
fn not_in_lot_bid(bid: &str) -> StoreError {
    StoreError::not_found(
        format!("Bid {bid} is not in this lot."),
        format!("Tilbud {bid} hører ikke til denne delaftale."),
    )
}
