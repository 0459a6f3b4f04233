//! The evaluation model editor across IPC: the lot's model as the editor draws it (the tree flattened in
//! order, the engine's normalised leaf weights, levels that do not add up to 100, price curves), the one-step
//! changes it sends back, and publishing (locking) the model.
//!
//! Like `scoring.rs`, these mirror the core's types with TypeScript derives; every decimal crosses as a string.

use crate::ipc::{ErrorCode, IpcError, ProblemView, typed_number};
use crate::session::Session;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tenderbench::consistency::Check;
use tenderbench::evaluation::display::round_points;
use tenderbench::evaluation::{
    AwardMethod, Criterion, EvaluationInput, LccCost, LccParameters, PriceBasis, PriceModel, PriceRule, Scale,
    ScaleStep, price_curve,
};
use tenderbench::locale::Said;
use tenderbench::model_change::{self, ModelChange};
use tenderbench::requirement::RequirementKind;
use tenderbench::store::TenderFile;
use tenderbench::strategy::Decision;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AwardMethodCode {
    BestPriceQuality,
    LowestPrice,
    LowestCost,
    PricePerQualityPoint,
    ValueAdjustedPrice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PriceModelCode {
    LinearFixed,
    LinearFromLowest,
    Proportional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PriceBasisCode {
    Price,
    Lcc,
}

// Exhaustive both ways, so a method, model or basis added to the core fails to compile here until the
// editor knows it.
impl From<AwardMethod> for AwardMethodCode {
    fn from(method: AwardMethod) -> Self {
        match method {
            AwardMethod::BestPriceQuality => Self::BestPriceQuality,
            AwardMethod::LowestPrice => Self::LowestPrice,
            AwardMethod::LowestCost => Self::LowestCost,
            AwardMethod::PricePerQualityPoint => Self::PricePerQualityPoint,
            AwardMethod::ValueAdjustedPrice => Self::ValueAdjustedPrice,
        }
    }
}

impl From<AwardMethodCode> for AwardMethod {
    fn from(code: AwardMethodCode) -> Self {
        match code {
            AwardMethodCode::BestPriceQuality => Self::BestPriceQuality,
            AwardMethodCode::LowestPrice => Self::LowestPrice,
            AwardMethodCode::LowestCost => Self::LowestCost,
            AwardMethodCode::PricePerQualityPoint => Self::PricePerQualityPoint,
            AwardMethodCode::ValueAdjustedPrice => Self::ValueAdjustedPrice,
        }
    }
}

impl From<PriceModel> for PriceModelCode {
    fn from(model: PriceModel) -> Self {
        match model {
            PriceModel::LinearFixed => Self::LinearFixed,
            PriceModel::LinearFromLowest => Self::LinearFromLowest,
            PriceModel::Proportional => Self::Proportional,
        }
    }
}

impl From<PriceModelCode> for PriceModel {
    fn from(code: PriceModelCode) -> Self {
        match code {
            PriceModelCode::LinearFixed => Self::LinearFixed,
            PriceModelCode::LinearFromLowest => Self::LinearFromLowest,
            PriceModelCode::Proportional => Self::Proportional,
        }
    }
}

impl From<PriceBasis> for PriceBasisCode {
    fn from(basis: PriceBasis) -> Self {
        match basis {
            PriceBasis::Price => Self::Price,
            PriceBasis::Lcc => Self::Lcc,
        }
    }
}

impl From<PriceBasisCode> for PriceBasis {
    fn from(code: PriceBasisCode) -> Self {
        match code {
            PriceBasisCode::Price => Self::Price,
            PriceBasisCode::Lcc => Self::Lcc,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ModelView {
    pub lot_id: i64,
    /// Set once the model is published; changes are then refused until it is unlocked with a reason.
    pub locked: Option<LockView>,
    pub award_method: AwardMethodCode,
    pub scale_min: String,
    pub scale_max: String,
    pub steps: Vec<ScaleStepView>,
    /// The tree in reading order; `depth` 0 is the top level.
    pub criteria: Vec<CriterionView>,
    /// Levels whose weights do not add up to 100; `parent` is null for the top level.
    pub level_warnings: Vec<LevelWarning>,
    /// The engine's problems with the model, as it would refuse to evaluate it.
    pub problems: Vec<ProblemView>,
    pub lcc: Option<LccView>,
    /// Award requirements of the lot that no sub-criterion holds yet.
    pub unassigned: Vec<String>,
    /// What the publication just made warns of, such as a publication later than the tender's published
    /// date; `null` on every other view.
    pub publication_warning: Option<ProblemView>,
    /// What the lot's catalogue templates propose for the model and is not yet decided.
    pub proposals: Vec<RuleProposalView>,
    /// The strategy's choices and the region's policies that the lot does not yet meet, each with its fix.
    pub findings: Vec<FindingView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RuleProposalView {
    /// The proposal's id within the lot, such as "measure:K-003", which a decision names.
    pub id: String,
    pub template_id: String,
    pub requirement: String,
    pub proposal: ProblemView,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckCode {
    ScreenedAwardNotScored,
    ScreenedMinimumNotRequired,
    NoGreenRequirement,
    ItWithoutTakeBack,
    QualityWeightLow,
    EnergyCountedTwice,
}

impl From<Check> for CheckCode {
    fn from(check: Check) -> Self {
        match check {
            Check::ScreenedAwardNotScored => Self::ScreenedAwardNotScored,
            Check::ScreenedMinimumNotRequired => Self::ScreenedMinimumNotRequired,
            Check::NoGreenRequirement => Self::NoGreenRequirement,
            Check::ItWithoutTakeBack => Self::ItWithoutTakeBack,
            Check::QualityWeightLow => Self::QualityWeightLow,
            Check::EnergyCountedTwice => Self::EnergyCountedTwice,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FindingView {
    pub check: CheckCode,
    pub problem: ProblemView,
    pub fix: ProblemView,
}

/// The consultant's decision on one proposal of the lot's templates.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct DecideRuleRequest {
    pub lot_id: i64,
    pub proposal_id: String,
    pub accept: bool,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LockView {
    pub at: String,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScaleStepView {
    pub value: String,
    pub label: String,
    /// The meaning in English; empty while it is missing.
    pub label_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CriterionView {
    pub code: String,
    pub name: String,
    /// The name in English; empty while it is missing, which the editor shows.
    pub name_en: String,
    pub parent: Option<String>,
    pub depth: u32,
    /// Position among its siblings, and how many siblings there are, for moving up and down.
    pub position: u32,
    pub siblings: u32,
    pub weight: Option<String>,
    /// The engine's normalised weight of a leaf in percent, rounded by the display rule; null for a criterion with
    /// sub-criteria, or while the model has problems.
    pub leaf_weight: Option<String>,
    pub has_children: bool,
    pub price: Option<PriceRuleView>,
    pub requirements: Vec<String>,
    pub min_points: Option<String>,
    /// Whether award requirements can be placed under it, by the core's rule.
    pub takes_requirements: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PriceRuleView {
    pub model: PriceModelCode,
    pub basis: PriceBasisCode,
    pub full_points_at: Option<String>,
    pub zero_points_at: Option<String>,
    pub zero_at_percent_above_lowest: Option<String>,
    /// Points at evenly spaced prices, from the engine's own formula; empty with `curve_problem` when the
    /// parameters cannot make a curve yet.
    pub curve: Vec<CurvePointView>,
    pub curve_problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CurvePointView {
    pub price: String,
    pub points: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LevelWarning {
    pub parent: Option<String>,
    pub sum: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LccView {
    pub years: u32,
    pub discount_rate: String,
    pub escalation: String,
    pub energy_price_per_kwh: String,
    pub quantity: String,
    pub co2_kg_per_kwh: String,
    pub co2_price_per_tonne: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct PriceRuleRequest {
    pub model: PriceModelCode,
    pub basis: PriceBasisCode,
    pub full_points_at: Option<String>,
    pub zero_points_at: Option<String>,
    pub zero_at_percent_above_lowest: Option<String>,
}

/// One step of editing, as the editor sends it; the core's `ModelChange` with decimals as typed text
/// (a decimal comma is accepted).
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ModelEdit {
    AddCriterion { parent: Option<String>, code: String, name: String, weight: String },
    RemoveCriterion { code: String },
    RenameCriterion { code: String, name: String },
    NameCriterionInEnglish { code: String, name: String },
    Reweight { code: String, weight: String },
    MoveCriterion { code: String, parent: Option<String>, position: u32 },
    SetPriceRule { code: String, rule: Option<PriceRuleRequest> },
    SetAwardMethod { method: AwardMethodCode },
    SetScale { min: String, max: String, steps: Vec<ScaleStepView> },
    SetLcc { lcc: Option<LccView> },
    AssignRequirement { requirement: String, criterion: Option<String>, weight: String },
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct ModelEditRequest {
    pub lot_id: i64,
    pub edit: ModelEdit,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct UnlockModelRequest {
    pub lot_id: i64,
    pub reason: String,
    /// The consultant's second confirmation, asked for when the lot's bids are already in.
    pub after_bids: bool,
}

/// Reads a typed number named by a criterion's or requirement's code, which reads the same in both languages.
fn number(text: &str, code: &str) -> Result<Decimal, IpcError> {
    typed_number(text, code, code)
}

fn optional_number(text: &Option<String>, code: &str) -> Result<Option<Decimal>, IpcError> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => number(t, code).map(Some),
    }
}

fn said(said: Said) -> ProblemView {
    ProblemView { message_da: said.da, message_en: said.en }
}

fn decimal_text(d: Decimal) -> String {
    d.normalize().to_string()
}

impl ModelEdit {
    /// The core's change for this edit. `costs` are the lot's announced LCC cost lines, which the screen's LCC
    /// parameters do not edit and a new set of parameters keeps.
    pub fn change(&self, costs: &[LccCost]) -> Result<ModelChange, IpcError> {
        Ok(match self {
            ModelEdit::AddCriterion { parent, code, name, weight } => ModelChange::AddCriterion {
                parent: parent.clone(),
                code: code.clone(),
                name: name.clone(),
                weight: number(weight, code)?,
            },
            ModelEdit::RemoveCriterion { code } => ModelChange::RemoveCriterion { code: code.clone() },
            ModelEdit::RenameCriterion { code, name } => {
                ModelChange::RenameCriterion { code: code.clone(), name: name.clone() }
            }
            ModelEdit::NameCriterionInEnglish { code, name } => {
                ModelChange::NameCriterionInEnglish { code: code.clone(), name: name.clone() }
            }
            ModelEdit::Reweight { code, weight } => {
                ModelChange::Reweight { code: code.clone(), weight: number(weight, code)? }
            }
            ModelEdit::MoveCriterion { code, parent, position } => {
                ModelChange::MoveCriterion { code: code.clone(), parent: parent.clone(), position: *position as usize }
            }
            ModelEdit::SetPriceRule { code, rule } => ModelChange::SetPriceRule {
                code: code.clone(),
                rule: rule
                    .as_ref()
                    .map(|r| -> Result<PriceRule, IpcError> {
                        Ok(PriceRule {
                            model: r.model.into(),
                            basis: r.basis.into(),
                            full_points_at: optional_number(&r.full_points_at, code)?,
                            zero_points_at: optional_number(&r.zero_points_at, code)?,
                            zero_at_percent_above_lowest: optional_number(&r.zero_at_percent_above_lowest, code)?,
                        })
                    })
                    .transpose()?,
            },
            ModelEdit::SetAwardMethod { method } => ModelChange::SetAwardMethod { method: (*method).into() },
            ModelEdit::SetScale { min, max, steps } => ModelChange::SetScale {
                min: typed_number(min, "scale", "skala")?,
                max: typed_number(max, "scale", "skala")?,
                steps: steps
                    .iter()
                    .map(|s| {
                        let value = typed_number(&s.value, "scale step", "skalatrin")?;
                        Ok(ScaleStep {
                            value,
                            label: s.label.trim().to_owned(),
                            label_en: s.label_en.trim().to_owned(),
                        })
                    })
                    .collect::<Result<_, IpcError>>()?,
            },
            ModelEdit::SetLcc { lcc } => ModelChange::SetLcc {
                lcc: lcc
                    .as_ref()
                    .map(|l| -> Result<LccParameters, IpcError> {
                        Ok(LccParameters {
                            years: l.years,
                            discount_rate: typed_number(&l.discount_rate, "discount rate", "diskonteringsrente")?,
                            escalation: typed_number(&l.escalation, "price escalation", "prisudvikling")?,
                            energy_price_per_kwh: typed_number(&l.energy_price_per_kwh, "energy price", "energipris")?,
                            quantity: typed_number(&l.quantity, "quantity", "mængde")?,
                            co2_kg_per_kwh: typed_number(&l.co2_kg_per_kwh, "emission factor", "emissionsfaktor")?,
                            co2_price_per_tonne: typed_number(&l.co2_price_per_tonne, "CO2e price", "CO2e-pris")?,
                            costs: costs.to_vec(),
                        })
                    })
                    .transpose()?,
            },
            ModelEdit::AssignRequirement { requirement, criterion, weight } => ModelChange::AssignRequirement {
                requirement: requirement.clone(),
                criterion: criterion.clone(),
                weight: number(weight, requirement)?,
            },
        })
    }
}

/// How many prices the editor's curve is drawn through.
const CURVE_SAMPLES: u32 = 21;

/// The price range a rule's curve is drawn over: around the fixed end points, or from the lowest bid price
/// (a nominal 1,000,000 before any bid is in) to twice that, because relative models have no fixed range.
fn curve_range(rule: &PriceRule, lowest: Option<Decimal>) -> (Decimal, Decimal, Decimal) {
    let lowest = lowest.filter(|l| *l > Decimal::ZERO).unwrap_or(Decimal::from(1_000_000));
    match (rule.model, rule.full_points_at, rule.zero_points_at) {
        (PriceModel::LinearFixed, Some(full), Some(zero)) if full < zero => {
            let margin = (zero - full) / Decimal::TEN;
            ((full - margin).max(Decimal::ZERO), zero + margin, lowest)
        }
        _ => (lowest, lowest * Decimal::TWO, lowest),
    }
}

fn price_view(rule: &PriceRule, scale: &Scale, lowest: Option<Decimal>) -> PriceRuleView {
    let (from, to, lowest) = curve_range(rule, lowest);
    let (curve, curve_problem) = match price_curve(rule, scale, lowest, from, to, CURVE_SAMPLES) {
        Ok(points) => (
            points
                .iter()
                .map(|p| CurvePointView { price: decimal_text(p.price), points: decimal_text(p.points.round_dp(4)) })
                .collect(),
            None,
        ),
        Err(problem) => (Vec::new(), Some(problem)),
    };
    PriceRuleView {
        model: rule.model.into(),
        basis: rule.basis.into(),
        full_points_at: rule.full_points_at.map(decimal_text),
        zero_points_at: rule.zero_points_at.map(decimal_text),
        zero_at_percent_above_lowest: rule.zero_at_percent_above_lowest.map(decimal_text),
        curve,
        curve_problem,
    }
}

fn flatten(
    criteria: &[Criterion],
    parent: Option<&str>,
    depth: u32,
    context: &(&EvaluationInput, &model_change::ModelOverview, Option<Decimal>),
    out: &mut Vec<CriterionView>,
) {
    let (input, overview, lowest) = context;
    for (position, criterion) in criteria.iter().enumerate() {
        out.push(CriterionView {
            code: criterion.id.clone(),
            name: criterion.name.clone(),
            name_en: criterion.name_en.clone(),
            parent: parent.map(str::to_owned),
            depth,
            position: position as u32,
            siblings: criteria.len() as u32,
            weight: criterion.weight.map(decimal_text),
            leaf_weight: overview
                .leaf_weights
                .get(&criterion.id)
                .map(|w| decimal_text(round_points(*w * Decimal::ONE_HUNDRED))),
            has_children: !criterion.children.is_empty(),
            price: criterion.price.as_ref().map(|rule| price_view(rule, &input.scale, *lowest)),
            requirements: criterion.requirements.iter().map(|r| r.id.clone()).collect(),
            min_points: criterion.min_points.map(decimal_text),
            takes_requirements: criterion.takes_requirements(),
        });
        flatten(&criterion.children, Some(&criterion.id), depth + 1, context, out);
    }
}

impl ModelView {
    pub fn new(file: &TenderFile, lot_id: i64) -> Result<Self, IpcError> {
        let input = file.evaluation_input(lot_id)?;
        let overview = model_change::overview(&input);
        let lowest = input.bids.iter().filter_map(|b| b.stated_price()).min();
        let mut criteria = Vec::new();
        flatten(&input.criteria, None, 0, &(&input, &overview, lowest), &mut criteria);
        let assigned: Vec<&String> = criteria.iter().flat_map(|c| &c.requirements).collect();
        let unassigned = file
            .requirements(lot_id)?
            .into_iter()
            .filter(|r| r.text.kind == RequirementKind::Award && !assigned.contains(&&r.text.code))
            .map(|r| r.text.code)
            .collect();
        Ok(ModelView {
            lot_id,
            locked: file.model_lock(lot_id)?.map(|l| LockView { at: l.locked_at, by: l.locked_by }),
            award_method: input.award_method.into(),
            scale_min: decimal_text(input.scale.min),
            scale_max: decimal_text(input.scale.max),
            steps: input
                .scale
                .steps
                .iter()
                .map(|s| ScaleStepView {
                    value: decimal_text(s.value),
                    label: s.label.clone(),
                    label_en: s.label_en.clone(),
                })
                .collect(),
            criteria,
            level_warnings: overview
                .level_sums
                .iter()
                .map(|l| LevelWarning { parent: l.parent.clone(), sum: decimal_text(l.sum) })
                .collect(),
            problems: ProblemView::all(&overview.problems),
            lcc: input.lcc.as_ref().map(|l| LccView {
                years: l.years,
                discount_rate: decimal_text(l.discount_rate),
                escalation: decimal_text(l.escalation),
                energy_price_per_kwh: decimal_text(l.energy_price_per_kwh),
                quantity: decimal_text(l.quantity),
                co2_kg_per_kwh: decimal_text(l.co2_kg_per_kwh),
                co2_price_per_tonne: decimal_text(l.co2_price_per_tonne),
            }),
            unassigned,
            publication_warning: None,
            proposals: file
                .template_rules(lot_id)?
                .into_iter()
                .map(|p| RuleProposalView {
                    id: p.id,
                    template_id: p.template_id,
                    requirement: p.requirement,
                    proposal: said(p.said),
                })
                .collect(),
            findings: file
                .consistency(lot_id)?
                .into_iter()
                .map(|f| FindingView { check: f.check.into(), problem: said(f.problem), fix: said(f.fix) })
                .collect(),
        })
    }
}

impl Session {
    pub fn model(&self, lot_id: i64) -> Result<ModelView, IpcError> {
        self.with_open(|file, _| ModelView::new(file, lot_id))
    }

    pub fn edit_model(&self, lot_id: i64, edit: &ModelEdit) -> Result<ModelView, IpcError> {
        self.with_open(|file, stamp| {
            let current = file.evaluation_input(lot_id)?.lcc.map(|lcc| lcc.costs).unwrap_or_default();
            let change = edit.change(&current)?;
            file.change_evaluation_model(&stamp, lot_id, &change)?;
            ModelView::new(file, lot_id)
        })
    }

    pub fn lock_model(&self, lot_id: i64) -> Result<ModelView, IpcError> {
        self.with_open(|file, stamp| {
            let warning = file.lock_evaluation_model(&stamp, lot_id)?;
            let mut view = ModelView::new(file, lot_id)?;
            view.publication_warning = warning.map(said);
            Ok(view)
        })
    }

    /// Accepts or rejects one proposal of the lot's templates; an accepted one changes the model.
    pub fn decide_rule(&self, request: &DecideRuleRequest) -> Result<ModelView, IpcError> {
        let decision = if request.accept { Decision::Accepted } else { Decision::Rejected };
        self.with_open(|file, stamp| {
            let proposal =
                file.template_rules(request.lot_id)?.into_iter().find(|p| p.id == request.proposal_id).ok_or_else(
                    || {
                        IpcError::new(
                            ErrorCode::NotFound,
                            Said::new(
                                format!("There is no open proposal {}.", request.proposal_id),
                                format!("Der er intet åbent forslag {}.", request.proposal_id),
                            ),
                        )
                    },
                )?;
            file.decide_template_rule(&stamp, request.lot_id, &proposal, decision, &request.reason)?;
            ModelView::new(file, request.lot_id)
        })
    }

    pub fn unlock_model(&self, lot_id: i64, reason: &str, after_bids: bool) -> Result<ModelView, IpcError> {
        self.with_open(|file, stamp| {
            file.unlock_evaluation_model(&stamp, lot_id, reason, after_bids)?;
            ModelView::new(file, lot_id)
        })
    }
}
