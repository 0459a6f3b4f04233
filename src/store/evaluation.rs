//! The evaluation model of each lot, and the engine's input assembled from everything the file holds.

use super::publication::refuse_if_published;
use super::strategy::put_answer;
use super::{Result, StoreError, TenderFile, lot_number, record};
use crate::audit::Stamp;
use crate::catalogue::Catalogue;
use crate::consistency::{self, Finding};
use crate::evaluation::{
    AnnouncedRange, AwardMethod, AwardRequirement, Bid, Criterion, EvaluationInput, IdMap, LccCost, LccCostBasis,
    LccParameters, MinimumRequirement, PriceLine, Scale, ScaleStep,
};
use crate::model_change::{self, ModelChange};
use crate::strategy::{Decision, Questionnaire};
use crate::template_rule::{self, Proposal};
use rusqlite::{OptionalExtension, Transaction, params};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Who locked a lot's evaluation model when it was published, and when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ModelLock {
    pub locked_at: String,
    pub locked_by: String,
}

fn decimal(text: &str) -> Result<Decimal> {
    Decimal::from_str(text).map_err(|_| {
        StoreError::invalid(
            format!("'{text}' in the tender file is not a decimal."),
            format!("'{text}' i udbudsfilen er ikke et decimaltal."),
        )
    })
}

fn optional_decimal(text: Option<String>) -> Result<Option<Decimal>> {
    text.as_deref().map(decimal).transpose()
}

fn json<T: serde::de::DeserializeOwned>(text: Option<String>) -> Result<Option<T>> {
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| {
            StoreError::invalid(
                format!("'{t}' in the tender file is not valid: {e}"),
                format!("'{t}' i udbudsfilen er ikke gyldig: {e}"),
            )
        })
    })
    .transpose()
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("model values always serialize")
}

fn method_code(method: AwardMethod) -> String {
    to_json(&method).trim_matches('"').to_owned()
}

/// The model part of an evaluation input, as one JSON text for the audit log.
fn model_json(model: &EvaluationInput) -> String {
    to_json(&EvaluationInput { bids: Vec::new(), ..model.clone() })
}

impl TenderFile {
    /// Replaces a lot's evaluation model (method, scale, life-cycle-cost parameters and criteria tree) with
    /// the model part of `model`. Criteria keep their identity by code, so requirements stay assigned to
    /// criteria that remain; a leaf that lists `requirements` assigns those of the lot's award requirements.
    pub fn set_evaluation_model(&mut self, stamp: &Stamp, lot_id: i64, model: &EvaluationInput) -> Result<()> {
        let old = self.evaluation_input(lot_id)?;
        self.write(|tx| write_model(tx, stamp, lot_id, &old, model))
    }

    /// Applies one model editor step to a lot's evaluation model and saves it in one audited transaction;
    /// refused while the model is locked. Returns the changed model.
    pub fn change_evaluation_model(
        &mut self,
        stamp: &Stamp,
        lot_id: i64,
        change: &ModelChange,
    ) -> Result<EvaluationInput> {
        let old = self.evaluation_input(lot_id)?;
        let mut model = old.clone();
        model_change::apply(&mut model, change).map_err(StoreError::Invalid)?;
        self.write(|tx| {
            // Saving a model keeps the assignments of requirements it does not list, so taking one out of
            // the model is done here, before the model's audit row vouches for the change.
            if let ModelChange::AssignRequirement { requirement, criterion: None, .. } = change {
                unassign(tx, lot_id, requirement)?;
            }
            write_model(tx, stamp, lot_id, &old, &model)
        })?;
        Ok(model)
    }

    /// What the lot's templates propose for its model and is not yet decided ([`crate::template_rule`]).
    pub fn template_rules(&self, lot_id: i64) -> Result<Vec<Proposal>> {
        let number = self.lots()?.into_iter().find(|l| l.id == lot_id).map_or(0, |l| l.number);
        let model = self.evaluation_input(lot_id)?;
        let requirements = self.requirements(lot_id)?;
        let answers = self.strategy_answers()?;
        Ok(template_rule::proposals(Catalogue::builtin(), number, &requirements, &model, &answers))
    }

    /// The strategy's decisions and the region's policies held against the lot ([`crate::consistency`]).
    pub fn consistency(&self, lot_id: i64) -> Result<Vec<Finding>> {
        let number = self.lots()?.into_iter().find(|l| l.id == lot_id).map_or(0, |l| l.number);
        let model = self.evaluation_input(lot_id)?;
        let requirements = self.requirements(lot_id)?;
        let answers = self.strategy_answers()?;
        let lot = consistency::Lot { number, requirements: &requirements, model: &model };
        Ok(consistency::check(Questionnaire::builtin(), &answers, Catalogue::builtin(), &lot))
    }

    /// Accepts or rejects what a lot's template proposes ([`crate::template_rule`]). Accepting applies the
    /// proposal's model changes; either way the decision is kept with its reason, in one audited transaction.
    pub fn decide_template_rule(
        &mut self,
        stamp: &Stamp,
        lot_id: i64,
        proposal: &Proposal,
        decision: Decision,
        reason: &str,
    ) -> Result<()> {
        if decision == Decision::Rejected && reason.trim().is_empty() {
            return Err(StoreError::invalid(
                format!("Rejecting the proposal {} needs a reason.", proposal.id),
                format!("Afvisningen af forslaget {} skal begrundes.", proposal.id),
            ));
        }
        let old = self.evaluation_input(lot_id)?;
        let mut model = old.clone();
        if decision == Decision::Accepted {
            for change in &proposal.changes {
                model_change::apply(&mut model, change).map_err(StoreError::Invalid)?;
            }
        }
        self.write(|tx| {
            refuse_if_published(tx, lot_id)?;
            if decision == Decision::Accepted {
                for change in &proposal.changes {
                    if let ModelChange::AssignRequirement { requirement, criterion: None, .. } = change {
                        unassign(tx, lot_id, requirement)?;
                    }
                }
                write_model(tx, stamp, lot_id, &old, &model)?;
            }
            let lot = lot_number(tx, lot_id)?;
            let value = match decision {
                Decision::Accepted => "accepted",
                Decision::Rejected => "rejected",
            };
            let key = template_rule::decision_key(lot, &proposal.id);
            put_answer(tx, stamp, &key, value, reason.trim(), &Questionnaire::builtin().version)
        })
    }

    pub fn model_lock(&self, lot_id: i64) -> Result<Option<ModelLock>> {
        let lock: Option<(Option<String>, Option<String>)> = self
            .conn
            .query_row("SELECT locked_at, locked_by FROM evaluation_model WHERE lot_id = ?1", params![lot_id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        Ok(match lock {
            Some((Some(locked_at), by)) => Some(ModelLock { locked_at, locked_by: by.unwrap_or_default() }),
            _ => None,
        })
    }

    /// The lot's engine input with the bids the consultant excluded left out: an excluded bid (an abnormally
    /// low tender, for instance) does not compete, so it must not move a relative price model. `None` while
    /// the lot has no evaluation model with a criterion.
    pub fn competing_input(&self, lot_id: i64) -> Result<Option<EvaluationInput>> {
        let mut input = match self.evaluation_input(lot_id) {
            Ok(input) if !input.criteria.is_empty() => input,
            Ok(_) | Err(StoreError::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        let excluded: Vec<i64> = self.exclusions()?.into_iter().map(|(bid, _)| bid).collect();
        let excluded: Vec<String> =
            self.bids(lot_id)?.into_iter().filter(|b| excluded.contains(&b.id)).map(|b| b.bidder).collect();
        input.bids.retain(|b| !excluded.contains(&b.id));
        Ok(Some(input))
    }

    /// Everything the engine needs to evaluate a lot: its model, its minimum requirements, and every bid
    /// with its answers, prices, life-cycle-cost inputs, scores and justifications. Bids are keyed by the
    /// bidder's name; requirements and criteria by their codes.
    pub fn evaluation_input(&self, lot_id: i64) -> Result<EvaluationInput> {
        let tender = self.tender()?;
        let (method, [min, max, share]) = self
            .conn
            .query_row(
                "SELECT award_method, scale_min, scale_max, disagreement_share FROM evaluation_model WHERE lot_id = ?1",
                params![lot_id],
                |row| Ok((row.get::<_, String>(0)?, [row.get::<_, String>(1)?, row.get(2)?, row.get(3)?])),
            )
            .optional()?
            .ok_or_else(|| StoreError::no_lot(lot_id))?;
        let award_method = json(Some(format!("\"{method}\"")))?.unwrap_or(AwardMethod::BestPriceQuality);
        let lcc = self.lcc_parameters(lot_id)?;
        let mut steps = Vec::new();
        for (points, label) in self
            .conn
            .prepare("SELECT points, label_da, label_en FROM scale_step WHERE lot_id = ?1")?
            .query_map(params![lot_id], |row| Ok((row.get::<_, String>(0)?, (row.get(1)?, row.get(2)?))))?
            .collect::<rusqlite::Result<Vec<_>>>()?
        {
            let (label, label_en): (String, String) = label;
            steps.push(ScaleStep { value: decimal(&points)?, label, label_en });
        }
        steps.sort_by_key(|s| s.value);
        let requirements = self.requirements(lot_id)?;
        let minimum_requirements = requirements
            .iter()
            .filter(|r| r.text.kind == crate::requirement::RequirementKind::Minimum)
            .map(|r| MinimumRequirement {
                id: r.text.code.clone(),
                text: r.text.title_da.clone(),
                text_en: r.text.title_en.clone(),
            })
            .collect();
        let criteria = self.criteria_tree(lot_id, &requirements)?;
        let bids = self.engine_bids(lot_id, &requirements)?;
        Ok(EvaluationInput {
            currency: tender.currency,
            scale: Scale { min: decimal(&min)?, max: decimal(&max)?, steps },
            award_method,
            lcc,
            minimum_requirements,
            criteria,
            bids,
            disagreement_share: Some(decimal(&share)?),
            monte_carlo: None,
            weight_ranges: self.weight_ranges(lot_id)?,
        })
    }

    /// The ranges the lot announces for criteria's weights, in criterion order.
    fn weight_ranges(&self, lot_id: i64) -> Result<Vec<AnnouncedRange>> {
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare("SELECT code, min, max FROM weight_range WHERE lot_id = ?1 ORDER BY position")?
            .query_map(params![lot_id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(criterion, min, max)| Ok(AnnouncedRange { criterion, min: decimal(&min)?, max: decimal(&max)? }))
            .collect()
    }

    /// The lot's life-cycle cost parameters with its announced cost lines; `None` while the lot's model does
    /// not use life-cycle cost (it has no period).
    pub fn lcc_parameters(&self, lot_id: i64) -> Result<Option<LccParameters>> {
        let row = self
            .conn
            .query_row(
                "SELECT lcc_years, discount_rate, escalation, energy_price, quantity, co2_kg_per_kwh,
                        co2_price_per_tonne
                 FROM evaluation_model WHERE lot_id = ?1",
                params![lot_id],
                |row| {
                    Ok((
                        row.get::<_, Option<u32>>(0)?,
                        [
                            row.get::<_, Option<String>>(1)?,
                            row.get(2)?,
                            row.get(3)?,
                            row.get(4)?,
                            row.get(5)?,
                            row.get(6)?,
                        ],
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::no_lot(lot_id))?;
        let (Some(years), lcc) = row else { return Ok(None) };
        let [r, e, energy, quantity, co2, co2_price] = lcc.map(optional_decimal);
        Ok(Some(LccParameters {
            years,
            discount_rate: r?.unwrap_or_default(),
            escalation: e?.unwrap_or_default(),
            energy_price_per_kwh: energy?.unwrap_or_default(),
            quantity: quantity?.unwrap_or(Decimal::ONE),
            co2_kg_per_kwh: co2?.unwrap_or_default(),
            co2_price_per_tonne: co2_price?.unwrap_or_default(),
            costs: self.lcc_costs(lot_id)?,
        }))
    }

    /// The lot's announced life-cycle cost lines, in the order announced.
    fn lcc_costs(&self, lot_id: i64) -> Result<Vec<LccCost>> {
        type Row = (String, String, String, String, u32, u32, Option<String>);
        let rows: Vec<Row> = self
            .conn
            .prepare(
                "SELECT code, name_da, name_en, per, from_year, to_year, volume FROM lcc_cost WHERE lot_id = ?1
                 ORDER BY position",
            )?
            .query_map(params![lot_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, name, name_en, per, from_year, to_year, volume)| {
                let per = LccCostBasis::from_code(&per).ok_or_else(|| {
                    StoreError::invalid(
                        format!("'{per}' in the tender file is neither unit nor total."),
                        format!("'{per}' i udbudsfilen er hverken unit eller total."),
                    )
                })?;
                Ok(LccCost { id, name, name_en, per, from_year, to_year, volume: optional_decimal(volume)? })
            })
            .collect()
    }

    fn criteria_tree(&self, lot_id: i64, requirements: &[crate::requirement::Requirement]) -> Result<Vec<Criterion>> {
        type Row = (
            i64,
            Option<i64>,
            String,
            (String, String),
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = self
            .conn
            .prepare(
                "SELECT id, parent_id, code, name_da, weight, min_points, price_model, measure, value_per_point, name_en
                 FROM criterion WHERE lot_id = ?1 ORDER BY position",
            )?
            .query_map(params![lot_id], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    (row.get(3)?, row.get(9)?),
                    row.get(4)?,
                    row.get(5)?,
                    row.get(6)?,
                    row.get(7)?,
                    row.get(8)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        fn build(
            parent: Option<i64>,
            rows: &[Row],
            requirements: &[crate::requirement::Requirement],
        ) -> Result<Vec<Criterion>> {
            let mut out = Vec::new();
            for (id, _, code, (name, name_en), weight, min_points, price, measure, value_per_point) in
                rows.iter().filter(|r| r.1 == parent)
            {
                let mut assigned = Vec::new();
                for r in requirements.iter().filter(|r| r.criterion.as_deref() == Some(code.as_str())) {
                    assigned.push(AwardRequirement {
                        id: r.text.code.clone(),
                        text: r.text.title_da.clone(),
                        text_en: r.text.title_en.clone(),
                        weight: Some(decimal(&r.weight)?),
                        measure: json(r.measure.clone())?,
                    });
                }
                out.push(Criterion {
                    id: code.clone(),
                    name: name.clone(),
                    name_en: name_en.clone(),
                    weight: Some(decimal(weight)?),
                    price: json(price.clone())?,
                    children: build(Some(*id), rows, requirements)?,
                    value_per_point: optional_decimal(value_per_point.clone())?,
                    min_points: optional_decimal(min_points.clone())?,
                    measure: json(measure.clone())?,
                    requirements: assigned,
                });
            }
            Ok(out)
        }
        build(None, &rows, requirements)
    }

    fn engine_bids(&self, lot_id: i64, requirements: &[crate::requirement::Requirement]) -> Result<Vec<Bid>> {
        let measured: Vec<&str> =
            requirements.iter().filter(|r| r.measure.is_some()).map(|r| r.text.code.as_str()).collect();
        let minimum: Vec<&str> = requirements
            .iter()
            .filter(|r| r.text.kind == crate::requirement::RequirementKind::Minimum)
            .map(|r| r.text.code.as_str())
            .collect();
        let mut bids = Vec::new();
        let consensus = self.consensus_scores(lot_id)?;
        let individual = self.individual_scores(lot_id)?;
        for bid in self.bids(lot_id)? {
            let mut engine_bid = Bid {
                id: bid.bidder.clone(),
                bidder: bid.bidder.clone(),
                price: None,
                price_lines: self
                    .price_lines(bid.id)?
                    .iter()
                    .map(|l| PriceLine { line: l.item.clone(), amount: l.total() })
                    .collect(),
                minimum: IdMap::new(),
                scores: IdMap::new(),
                values: IdMap::new(),
                individual_scores: individual
                    .iter()
                    .filter(|s| s.bidder == bid.bidder)
                    .map(|s| (s.requirement_code.as_str().into(), s.evaluator.as_str().into(), Some(s.points)))
                    .collect(),
                justifications: IdMap::new(),
                lcc_inputs: self.lcc_inputs(bid.id)?,
            };
            for response in self.responses(bid.id)? {
                let code = response.requirement_code.as_str();
                if minimum.contains(&code) {
                    engine_bid.minimum.insert(code, response.compliant == Some(true));
                }
                if measured.contains(&code)
                    && let Ok(value) = Decimal::from_str(response.value.trim())
                {
                    engine_bid.values.insert(code, value);
                }
            }
            for score in consensus.iter().filter(|s| s.bidder == bid.bidder) {
                engine_bid.scores.insert(score.requirement_code.as_str(), score.points);
                if !score.justification.is_empty() {
                    engine_bid.justifications.insert(score.requirement_code.as_str(), score.justification.clone());
                }
            }
            bids.push(engine_bid);
        }
        Ok(bids)
    }
}

/// Inserts or updates one criterion by its code, then its children; collects the codes written.
fn write_criterion(
    tx: &Transaction,
    lot_id: i64,
    parent: Option<i64>,
    criterion: &Criterion,
    position: &mut i64,
    kept: &mut Vec<String>,
) -> Result<()> {
    *position += 1;
    let weight = criterion.weight.ok_or_else(|| {
        StoreError::invalid(
            format!("Criterion {} has no weight.", criterion.id),
            format!("Kriterium {} har ingen vægt.", criterion.id),
        )
    })?;
    tx.execute(
        "INSERT INTO criterion (lot_id, code, parent_id, position, name_da, name_en, weight, min_points, price_model,
             measure, value_per_point)
         VALUES (?1, ?2, ?3, ?4, ?5, ?11, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (lot_id, code) DO UPDATE SET parent_id = excluded.parent_id, position = excluded.position,
             name_da = excluded.name_da, name_en = excluded.name_en, weight = excluded.weight,
             min_points = excluded.min_points, price_model = excluded.price_model, measure = excluded.measure,
             value_per_point = excluded.value_per_point",
        params![
            lot_id,
            criterion.id,
            parent,
            *position,
            criterion.name,
            weight.to_string(),
            criterion.min_points.map(|d| d.to_string()),
            criterion.price.as_ref().map(to_json),
            criterion.measure.as_ref().map(to_json),
            criterion.value_per_point.map(|d| d.to_string()),
            criterion.name_en
        ],
    )?;
    let id: i64 = tx.query_row(
        "SELECT id FROM criterion WHERE lot_id = ?1 AND code = ?2",
        params![lot_id, criterion.id],
        |row| row.get(0),
    )?;
    kept.push(criterion.id.clone());
    for requirement in &criterion.requirements {
        let changed = tx.execute(
            "UPDATE requirement SET criterion_id = ?1, weight = ?2, measure = ?3
             WHERE lot_id = ?4 AND code = ?5 AND kind = 'award'",
            params![
                id,
                requirement.weight.unwrap_or(Decimal::ONE).to_string(),
                requirement.measure.as_ref().map(to_json),
                lot_id,
                requirement.id
            ],
        )?;
        if changed == 0 {
            let lot = lot_number(tx, lot_id)?;
            return Err(StoreError::invalid(
                format!(
                    "Criterion {} lists requirement {}, which is not an award requirement of lot {lot}.",
                    criterion.id, requirement.id
                ),
                format!(
                    "Kriterium {} omfatter krav {}, som ikke er et tildelingskrav i delaftale {lot}.",
                    criterion.id, requirement.id
                ),
            ));
        }
    }
    for child in &criterion.children {
        write_criterion(tx, lot_id, Some(id), child, position, kept)?;
    }
    Ok(())
}

/// Takes a requirement out of the model. Saving a model keeps the assignments of requirements it does not
/// list, so this is done before the model's audit row vouches for the change.
fn unassign(tx: &Transaction, lot_id: i64, requirement: &str) -> Result<()> {
    tx.execute(
        "UPDATE requirement SET criterion_id = NULL WHERE lot_id = ?1 AND code = ?2",
        params![lot_id, requirement],
    )?;
    Ok(())
}

/// Writes the model part of `model` over the lot's model `old`, with one audit row holding both.
fn write_model(
    tx: &Transaction,
    stamp: &Stamp,
    lot_id: i64,
    old: &EvaluationInput,
    model: &EvaluationInput,
) -> Result<()> {
    refuse_if_published(tx, lot_id)?;
    let lcc = model.lcc.as_ref();
    tx.execute(
        "UPDATE evaluation_model SET award_method = ?1, scale_min = ?2, scale_max = ?3, disagreement_share = ?4,
                     lcc_years = ?5, discount_rate = ?6, escalation = ?7, energy_price = ?8, quantity = ?9,
                     co2_kg_per_kwh = ?10, co2_price_per_tonne = ?11 WHERE lot_id = ?12",
        params![
            method_code(model.award_method),
            model.scale.min.to_string(),
            model.scale.max.to_string(),
            model.disagreement_share.unwrap_or(Decimal::new(4, 1)).to_string(),
            lcc.map(|l| l.years),
            lcc.map(|l| l.discount_rate.to_string()),
            lcc.map(|l| l.escalation.to_string()),
            lcc.map(|l| l.energy_price_per_kwh.to_string()),
            lcc.map(|l| l.quantity.to_string()),
            lcc.map(|l| l.co2_kg_per_kwh.to_string()),
            lcc.map(|l| l.co2_price_per_tonne.to_string()),
            lot_id
        ],
    )?;
    tx.execute("DELETE FROM weight_range WHERE lot_id = ?1", params![lot_id])?;
    for (position, range) in (1..).zip(&model.weight_ranges) {
        tx.execute(
            "INSERT INTO weight_range (lot_id, code, position, min, max) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![lot_id, range.criterion, position, range.min.to_string(), range.max.to_string()],
        )?;
    }
    tx.execute("DELETE FROM lcc_cost WHERE lot_id = ?1", params![lot_id])?;
    for (position, cost) in (1..).zip(lcc.map_or(&[][..], |l| l.costs.as_slice())) {
        tx.execute(
            "INSERT INTO lcc_cost (lot_id, code, position, name_da, name_en, per, from_year, to_year, volume)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                lot_id,
                cost.id,
                position,
                cost.name,
                cost.name_en,
                cost.per.code(),
                cost.from_year,
                cost.to_year,
                cost.volume.map(|v| v.to_string())
            ],
        )?;
    }
    tx.execute("DELETE FROM scale_step WHERE lot_id = ?1", params![lot_id])?;
    for step in &model.scale.steps {
        tx.execute(
            "INSERT INTO scale_step (lot_id, points, label_da, label_en) VALUES (?1, ?2, ?3, ?4)",
            params![lot_id, step.value.to_string(), step.label, step.label_en],
        )?;
    }
    let mut kept = Vec::new();
    let mut position = 0;
    for criterion in &model.criteria {
        write_criterion(tx, lot_id, None, criterion, &mut position, &mut kept)?;
    }
    let placeholders = vec!["?"; kept.len()].join(",");
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![&lot_id];
    values.extend(kept.iter().map(|c| c as &dyn rusqlite::ToSql));
    tx.execute(&format!("DELETE FROM criterion WHERE lot_id = ? AND code NOT IN ({placeholders})"), values.as_slice())?;
    let lot = lot_number(tx, lot_id)?;
    record(tx, stamp, &format!("lot {lot} evaluation model"), "model", Some(&model_json(old)), Some(&model_json(model)))
}
