//! The evaluation model changed one step at a time, as the model editor changes it, and what the editor
//! shows about the model after each step: the engine's normalised leaf weights, the levels whose weights do
//! not add up to 100, the engine's problems, and what-if rankings with weights that are not saved.
//!
//! A [`ModelChange`] is applied to the model part of an [`EvaluationInput`] here, as plain data; the store
//! saves the changed model in one audited transaction and refuses when the model is locked.

use crate::evaluation::{
    AwardMethod, AwardRequirement, Criterion, Evaluation, EvaluationError, EvaluationInput, EvaluationResult,
    LccParameters, Measure, PriceRule, Problem, Scale, ScaleStep,
};
use crate::locale::{Lang, Said};
use crate::strategy::{Objective, SuggestedWeight};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One step of editing a lot's evaluation model. Criteria are named by their codes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ModelChange {
    /// Adds a criterion at the end of `parent`'s sub-criteria (or of the top level).
    AddCriterion {
        parent: Option<String>,
        code: String,
        name: String,
        weight: Decimal,
    },
    /// Removes a criterion with its sub-criteria; their requirements become unassigned.
    RemoveCriterion {
        code: String,
    },
    RenameCriterion {
        code: String,
        name: String,
    },
    /// Names a criterion in English, for the English report and letters.
    NameCriterionInEnglish {
        code: String,
        name: String,
    },
    Reweight {
        code: String,
        weight: Decimal,
    },
    /// Moves a criterion under `parent` (or to the top level) at the 0-based `position` among its new siblings.
    MoveCriterion {
        code: String,
        parent: Option<String>,
        position: usize,
    },
    /// Makes a leaf a price or cost leaf with this rule, or (with `None`) a scored leaf again.
    SetPriceRule {
        code: String,
        rule: Option<PriceRule>,
    },
    SetAwardMethod {
        method: AwardMethod,
    },
    SetScale {
        min: Decimal,
        max: Decimal,
        steps: Vec<ScaleStep>,
    },
    SetLcc {
        lcc: Option<LccParameters>,
    },
    /// Puts an award requirement under a sub-criterion with a weight among its siblings, or (with `None`)
    /// takes it out of the model.
    AssignRequirement {
        requirement: String,
        criterion: Option<String>,
        weight: Decimal,
    },
    /// Gives an award requirement placed in the model its announced scoring function, or (with `None`) makes
    /// it scored by the panel again.
    MeasureRequirement {
        requirement: String,
        measure: Option<Measure>,
    },
}

fn find<'a>(criteria: &'a mut [Criterion], code: &str) -> Option<&'a mut Criterion> {
    for criterion in criteria {
        if criterion.id == code {
            return Some(criterion);
        }
        if let Some(found) = find(&mut criterion.children, code) {
            return Some(found);
        }
    }
    None
}

/// Takes the criterion `code` out of the tree and returns it.
fn detach(criteria: &mut Vec<Criterion>, code: &str) -> Option<Criterion> {
    if let Some(index) = criteria.iter().position(|c| c.id == code) {
        return Some(criteria.remove(index));
    }
    criteria.iter_mut().find_map(|c| detach(&mut c.children, code))
}

fn find_requirement<'a>(criteria: &'a mut [Criterion], code: &str) -> Option<&'a mut AwardRequirement> {
    for criterion in criteria {
        if let Some(requirement) = criterion.requirements.iter_mut().find(|r| r.id == code) {
            return Some(requirement);
        }
        if let Some(found) = find_requirement(&mut criterion.children, code) {
            return Some(found);
        }
    }
    None
}

/// Takes requirement `code` out of whichever leaf lists it, and returns it.
fn detach_requirement(criteria: &mut [Criterion], code: &str) -> Option<AwardRequirement> {
    for criterion in criteria {
        if let Some(index) = criterion.requirements.iter().position(|r| r.id == code) {
            return Some(criterion.requirements.remove(index));
        }
        if let Some(found) = detach_requirement(&mut criterion.children, code) {
            return Some(found);
        }
    }
    None
}

fn positive(weight: Decimal, code: &str) -> Result<(), Said> {
    if weight <= Decimal::ZERO {
        return Err(Said::new(
            format!("Criterion {code}: a weight must be above zero."),
            format!("Kriterium {code}: en vægt skal være større end nul."),
        ));
    }
    Ok(())
}

fn no_criterion(code: &str) -> Said {
    Said::new(format!("There is no criterion {code}."), format!("Der findes intet kriterium {code}."))
}

/// The siblings a new or moved criterion goes among; refuses a parent that is a price leaf or holds
/// requirements, because a criterion with sub-criteria cannot be scored itself.
fn siblings<'a>(criteria: &'a mut Vec<Criterion>, parent: Option<&str>) -> Result<&'a mut Vec<Criterion>, Said> {
    let Some(parent) = parent else { return Ok(criteria) };
    let node = find(criteria, parent).ok_or_else(|| no_criterion(parent))?;
    if node.price.is_some() || !node.requirements.is_empty() || node.measure.is_some() {
        return Err(Said::new(
            format!(
                "Criterion {parent} is scored itself (a price model, a measure or requirements), so it cannot \
                 have sub-criteria."
            ),
            format!(
                "Kriterium {parent} bedømmes selv (med en prismodel, en måling eller krav) og kan derfor ikke \
                 have underkriterier."
            ),
        ));
    }
    Ok(&mut node.children)
}

/// Applies one change to the model part of `model`; the model is unchanged when the change is refused.
pub fn apply(model: &mut EvaluationInput, change: &ModelChange) -> Result<(), Said> {
    let mut changed = model.clone();
    let criteria = &mut changed.criteria;
    match change {
        ModelChange::AddCriterion { parent, code, name, weight } => {
            let code = code.trim();
            if code.is_empty() {
                return Err(Said::new("A criterion needs a code.", "Et kriterium skal have en kode."));
            }
            if find(criteria, code).is_some() {
                return Err(Said::new(
                    format!("There is already a criterion {code}."),
                    format!("Der findes allerede et kriterium {code}."),
                ));
            }
            positive(*weight, code)?;
            siblings(criteria, parent.as_deref())?.push(Criterion {
                id: code.to_owned(),
                name: name.trim().to_owned(),
                name_en: String::new(),
                weight: Some(*weight),
                price: None,
                children: Vec::new(),
                value_per_point: None,
                min_points: None,
                measure: None,
                requirements: Vec::new(),
            });
        }
        ModelChange::RemoveCriterion { code } => {
            detach(criteria, code).ok_or_else(|| no_criterion(code))?;
        }
        ModelChange::RenameCriterion { code, name } => {
            find(criteria, code).ok_or_else(|| no_criterion(code))?.name = name.trim().to_owned();
        }
        ModelChange::NameCriterionInEnglish { code, name } => {
            find(criteria, code).ok_or_else(|| no_criterion(code))?.name_en = name.trim().to_owned();
        }
        ModelChange::Reweight { code, weight } => {
            positive(*weight, code)?;
            find(criteria, code).ok_or_else(|| no_criterion(code))?.weight = Some(*weight);
        }
        ModelChange::MoveCriterion { code, parent, position } => {
            let moved = detach(criteria, code).ok_or_else(|| no_criterion(code))?;
            if let Some(parent) = parent
                && (parent == code || find(&mut moved.children.clone(), parent).is_some())
            {
                return Err(Said::new(
                    format!("Criterion {code} cannot be moved under itself."),
                    format!("Kriterium {code} kan ikke flyttes ind under sig selv."),
                ));
            }
            let siblings = siblings(criteria, parent.as_deref())?;
            siblings.insert((*position).min(siblings.len()), moved);
        }
        ModelChange::SetPriceRule { code, rule } => {
            let node = find(criteria, code).ok_or_else(|| no_criterion(code))?;
            if rule.is_some() && (!node.children.is_empty() || !node.requirements.is_empty() || node.measure.is_some())
            {
                return Err(Said::new(
                    format!(
                        "Criterion {code} has sub-criteria, requirements or a measure; only a leaf of its own can \
                         be a price leaf."
                    ),
                    format!(
                        "Kriterium {code} har underkriterier, krav eller en måling; kun et kriterium uden noget \
                         under sig kan bedømmes med en prismodel."
                    ),
                ));
            }
            node.price = rule.clone();
        }
        ModelChange::SetAwardMethod { method } => changed.award_method = *method,
        ModelChange::SetScale { min, max, steps } => {
            let da = |value: &Decimal| Lang::Da.exact(*value);
            if min >= max {
                return Err(Said::new(
                    format!("The scale's minimum {min} must be below its maximum {max}."),
                    format!("Skalaens minimum {} skal være mindre end dens maksimum {}.", da(min), da(max)),
                ));
            }
            if let Some(step) = steps.iter().find(|s| s.value < *min || s.value > *max) {
                return Err(Said::new(
                    format!("The scale step {} is outside the scale {min}–{max}.", step.value),
                    format!("Skalatrinnet {} ligger uden for skalaen {}–{}.", da(&step.value), da(min), da(max)),
                ));
            }
            let mut steps = steps.clone();
            steps.sort_by_key(|s| s.value);
            changed.scale = Scale { min: *min, max: *max, steps };
        }
        ModelChange::SetLcc { lcc } => changed.lcc = lcc.clone(),
        ModelChange::MeasureRequirement { requirement, measure } => {
            let placed = find_requirement(criteria, requirement).ok_or_else(|| {
                Said::new(
                    format!("Requirement {requirement} is not under a sub-criterion; place it before measuring it."),
                    format!("Krav {requirement} ligger ikke under et underkriterium; placér det, før det måles."),
                )
            })?;
            if let Some(measure) = measure
                && let Some(problem) = measure.problems(requirement).into_iter().next()
            {
                return Err(problem);
            }
            placed.measure = measure.clone();
        }
        ModelChange::AssignRequirement { requirement, criterion, weight } => {
            positive(*weight, requirement)?;
            let old = detach_requirement(criteria, requirement);
            if let Some(code) = criterion {
                let leaf = find(criteria, code).ok_or_else(|| no_criterion(code))?;
                if !leaf.takes_requirements() {
                    return Err(Said::new(
                        format!("Criterion {code} is not a sub-criterion that requirements are scored under."),
                        format!("Kriterium {code} er ikke et underkriterium, som krav bedømmes under."),
                    ));
                }
                leaf.requirements.push(AwardRequirement {
                    id: requirement.clone(),
                    text: old.as_ref().map(|r| r.text.clone()).unwrap_or_default(),
                    text_en: old.as_ref().map(|r| r.text_en.clone()).unwrap_or_default(),
                    weight: Some(*weight),
                    measure: old.and_then(|r| r.measure),
                });
            }
        }
    }
    *model = changed;
    Ok(())
}

/// A level of the tree whose weights do not add up to 100. Weights are relative, so the engine still
/// evaluates; the editor warns because published weights are expected to read as percentages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelSum {
    /// The criterion whose sub-criteria these are; `None` for the top level.
    pub parent: Option<String>,
    pub sum: Decimal,
}

/// What the model editor shows beside the tree after every change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelOverview {
    /// The engine's normalised leaf weights (fractions summing to 1); empty while the model has problems.
    pub leaf_weights: BTreeMap<String, Decimal>,
    pub level_sums: Vec<LevelSum>,
    /// The engine's validation problems with the model (bids left aside).
    pub problems: Vec<Problem>,
}

fn level_sums(parent: Option<&str>, criteria: &[Criterion], out: &mut Vec<LevelSum>) {
    if criteria.is_empty() {
        return;
    }
    let sum: Decimal = criteria.iter().filter_map(|c| c.weight).sum();
    if sum != Decimal::ONE_HUNDRED {
        out.push(LevelSum { parent: parent.map(str::to_owned), sum: sum.normalize() });
    }
    for criterion in criteria {
        level_sums(Some(&criterion.id), &criterion.children, out);
    }
}

/// The overview of `model`, asking the engine about the model alone.
pub fn overview(model: &EvaluationInput) -> ModelOverview {
    let mut sums = Vec::new();
    level_sums(None, &model.criteria, &mut sums);
    let (leaf_weights, problems) = match Evaluation::new(&EvaluationInput { bids: Vec::new(), ..model.clone() }) {
        Ok(evaluation) => (evaluation.result().leaf_weights, Vec::new()),
        Err(error) => (BTreeMap::new(), error.into_problems()),
    };
    ModelOverview { leaf_weights, level_sums: sums, problems }
}

/// Evaluates `input` with some criteria's weights replaced, without saving anything: the result screen's
/// what-if slider. Codes not in the model are reported as problems.
pub fn what_if(
    input: &EvaluationInput,
    weights: &BTreeMap<String, Decimal>,
) -> Result<EvaluationResult, EvaluationError> {
    let mut changed = input.clone();
    let mut problems = Vec::new();
    for (code, weight) in weights {
        match find(&mut changed.criteria, code) {
            Some(criterion) => criterion.weight = Some(*weight),
            None => problems.push(Problem {
                subject: code.clone(),
                message_da: format!("der er intet kriterium {code}"),
                message_en: format!("there is no criterion {code}"),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(EvaluationError::Invalid(problems));
    }
    Ok(Evaluation::new(&changed)?.result())
}

/// Words in a top-level criterion's code or name (lower case) that tie it to an objective of the strategy,
/// in Danish and English. Efficiency is price and life-cycle cost in seed 001.
const OBJECTIVE_WORDS: [(Objective, &[&str]); 4] = [
    (Objective::Quality, &["kvalitet", "quality"]),
    (
        Objective::Efficiency,
        &["pris", "price", "økonomi", "econom", "omkostning", "cost", "tco", "effektiv", "efficien"],
    ),
    (
        Objective::Sustainability,
        &["miljø", "bæredygt", "sustainab", "environment", "klima", "climate", "grøn", "green"],
    ),
    (Objective::SupplySecurity, &["forsyning", "supply", "levering", "delivery"]),
];

/// The top-level criterion an objective most likely stands for, by the words of [`OBJECTIVE_WORDS`] in the
/// criterion's code or name; `None` when no criterion speaks of it. The consultant confirms or changes it.
pub fn objective_criterion(model: &EvaluationInput, objective: Objective) -> Option<String> {
    let words = OBJECTIVE_WORDS.iter().find(|(o, _)| *o == objective).map_or(&[][..], |(_, w)| *w);
    model
        .criteria
        .iter()
        .find(|c| {
            let said = format!("{} {}", c.id, c.name).to_lowercase();
            words.iter().any(|w| said.contains(w))
        })
        .map(|c| c.id.clone())
}

/// Sets the top-level weights of `model` from the strategy's suggested weights. `targets` names the
/// top-level criterion each objective goes to; objectives sharing a criterion add up, and an objective
/// without one is left out. Every top-level criterion must receive a weight, because a weight left over
/// from before would no longer read as a share of the suggestion. The model is unchanged when refused.
pub fn apply_suggested_weights(
    model: &mut EvaluationInput,
    weights: &[SuggestedWeight],
    targets: &BTreeMap<Objective, String>,
) -> Result<(), Said> {
    let mut sums: BTreeMap<&str, Decimal> = BTreeMap::new();
    for (objective, code) in targets {
        if !model.criteria.iter().any(|c| &c.id == code) {
            return Err(Said::new(
                format!("{code} is not a top-level criterion of the model."),
                format!("{code} er ikke et kriterium på modellens øverste niveau."),
            ));
        }
        let weight = weights.iter().find(|w| w.objective == *objective).map_or(Decimal::ZERO, |w| w.weight);
        *sums.entry(code.as_str()).or_default() += weight;
    }
    let mut changed = model.clone();
    for criterion in &model.criteria {
        let weight = sums.get(criterion.id.as_str()).copied().unwrap_or_default();
        if weight <= Decimal::ZERO {
            return Err(Said::new(
                format!("Criterion {} receives no objective with a weight above zero.", criterion.id),
                format!("Kriterium {} får ingen målsætning med en vægt større end nul.", criterion.id),
            ));
        }
        apply(&mut changed, &ModelChange::Reweight { code: criterion.id.clone(), weight })?;
    }
    *model = changed;
    Ok(())
}
