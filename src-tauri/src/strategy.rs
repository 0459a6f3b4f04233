//! The strategy wizard across IPC: the questionnaire, the saved answers, and what the core derives from
//! them (the Kraljic position, suggested top-level weights, proposed catalogue requirements).
//!
//! Like `ipc.rs`, the core's types are mirrored here with TypeScript derives, and decimals cross as strings.

use crate::ipc::{ErrorCode, IpcError};
use crate::session::Session;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tenderbench::catalogue::{self, Catalogue};
use tenderbench::locale::Said;
use tenderbench::model_change;
use tenderbench::requirement::RequirementKind;
use tenderbench::store::TenderFile;
use tenderbench::strategy::{self as core, AnswerType, Questionnaire};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Minimum,
    Award,
    Information,
}

impl From<RequirementKind> for Kind {
    fn from(k: RequirementKind) -> Self {
        match k {
            RequirementKind::Minimum => Kind::Minimum,
            RequirementKind::Award => Kind::Award,
            RequirementKind::Information => Kind::Information,
        }
    }
}

impl From<Kind> for RequirementKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Minimum => RequirementKind::Minimum,
            Kind::Award => RequirementKind::Award,
            Kind::Information => RequirementKind::Information,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    Quality,
    Efficiency,
    Sustainability,
    SupplySecurity,
}

impl From<core::Objective> for Objective {
    fn from(o: core::Objective) -> Self {
        match o {
            core::Objective::Quality => Objective::Quality,
            core::Objective::Efficiency => Objective::Efficiency,
            core::Objective::Sustainability => Objective::Sustainability,
            core::Objective::SupplySecurity => Objective::SupplySecurity,
        }
    }
}

impl From<Objective> for core::Objective {
    fn from(o: Objective) -> Self {
        match o {
            Objective::Quality => core::Objective::Quality,
            Objective::Efficiency => core::Objective::Efficiency,
            Objective::Sustainability => core::Objective::Sustainability,
            Objective::SupplySecurity => core::Objective::SupplySecurity,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    Strategic,
    Leverage,
    Bottleneck,
    NonCritical,
}

impl From<core::Quadrant> for Quadrant {
    fn from(q: core::Quadrant) -> Self {
        match q {
            core::Quadrant::Strategic => Quadrant::Strategic,
            core::Quadrant::Leverage => Quadrant::Leverage,
            core::Quadrant::Bottleneck => Quadrant::Bottleneck,
            core::Quadrant::NonCritical => Quadrant::NonCritical,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Screening {
    NotRelevant,
    Minimum,
    Award,
    MinimumAndAward,
}

impl From<core::Screening> for Screening {
    fn from(s: core::Screening) -> Self {
        match s {
            core::Screening::NotRelevant => Screening::NotRelevant,
            core::Screening::Minimum => Screening::Minimum,
            core::Screening::Award => Screening::Award,
            core::Screening::MinimumAndAward => Screening::MinimumAndAward,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accepted,
    Rejected,
}

impl From<core::Decision> for Decision {
    fn from(d: core::Decision) -> Self {
        match d {
            core::Decision::Accepted => Decision::Accepted,
            core::Decision::Rejected => Decision::Rejected,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuestionnaireView {
    pub version: String,
    pub sections: Vec<SectionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SectionView {
    pub id: String,
    pub title_da: String,
    pub title_en: String,
    pub questions: Vec<QuestionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuestionView {
    pub id: String,
    pub text_da: String,
    pub text_en: String,
    pub help_da: String,
    pub help_en: String,
    pub source: String,
    pub answer: AnswerTypeView,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AnswerTypeView {
    Choice { multiple: bool, options: Vec<ChoiceView> },
    Scale { low_da: String, low_en: String, high_da: String, high_en: String },
    Number { min: Option<String>, max: Option<String>, unit_da: String, unit_en: String },
    Amount { currency: String },
    Text,
    Screening,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChoiceView {
    pub value: String,
    pub label_da: String,
    pub label_en: String,
}

impl QuestionnaireView {
    pub fn new(q: &Questionnaire) -> Self {
        let text = |d: &Option<rust_decimal::Decimal>| d.map(|d| d.normalize().to_string());
        QuestionnaireView {
            version: q.version.clone(),
            sections: q
                .sections
                .iter()
                .map(|s| SectionView {
                    id: s.id.clone(),
                    title_da: s.title_da.clone(),
                    title_en: s.title_en.clone(),
                    questions: s
                        .questions
                        .iter()
                        .map(|q| QuestionView {
                            id: q.id.clone(),
                            text_da: q.text_da.clone(),
                            text_en: q.text_en.clone(),
                            help_da: q.help_da.clone(),
                            help_en: q.help_en.clone(),
                            source: q.source.clone(),
                            answer: match &q.answer {
                                AnswerType::Choice { multiple, options } => AnswerTypeView::Choice {
                                    multiple: *multiple,
                                    options: options
                                        .iter()
                                        .map(|o| ChoiceView {
                                            value: o.value.clone(),
                                            label_da: o.label_da.clone(),
                                            label_en: o.label_en.clone(),
                                        })
                                        .collect(),
                                },
                                AnswerType::Scale { low_da, low_en, high_da, high_en } => AnswerTypeView::Scale {
                                    low_da: low_da.clone(),
                                    low_en: low_en.clone(),
                                    high_da: high_da.clone(),
                                    high_en: high_en.clone(),
                                },
                                AnswerType::Number { min, max, unit_da, unit_en } => AnswerTypeView::Number {
                                    min: text(min),
                                    max: text(max),
                                    unit_da: unit_da.clone(),
                                    unit_en: unit_en.clone(),
                                },
                                AnswerType::Amount { currency } => {
                                    AnswerTypeView::Amount { currency: currency.clone() }
                                }
                                AnswerType::Text => AnswerTypeView::Text,
                                AnswerType::Screening => AnswerTypeView::Screening,
                            },
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AnswerView {
    pub question_id: String,
    pub value: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KraljicView {
    /// Each axis runs from 1 to 5; 3 or more is high.
    pub supply_risk: String,
    pub profit_impact: String,
    pub quadrant: Quadrant,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WeightView {
    pub objective: Objective,
    /// Whole per cent; the four sum to 100.
    pub weight: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProposalView {
    pub template_id: String,
    pub title_da: String,
    pub title_en: String,
    pub requirement_type: String,
    pub screening: Screening,
    pub kind: Kind,
    pub decision: Option<Decision>,
}

/// A lot whose evaluation model has top-level criteria the suggested weights can go into.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ModelTargetView {
    pub lot_id: i64,
    pub number: i64,
    pub title: String,
    /// A published model is locked; the weights cannot be accepted into it without unlocking it first.
    pub locked: bool,
    pub criteria: Vec<TopCriterionView>,
    /// The core's guess of the criterion each objective stands for.
    pub targets: Vec<WeightTarget>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TopCriterionView {
    pub code: String,
    pub name: String,
    pub weight: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WeightTarget {
    pub objective: Objective,
    /// The code of a top-level criterion; `null` leaves the objective out.
    pub criterion: Option<String>,
}

/// The answers and everything derived from them; sent after every saved answer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StrategyState {
    pub answers: Vec<AnswerView>,
    pub kraljic: Option<KraljicView>,
    /// Empty until all four objectives are rated.
    pub weights: Vec<WeightView>,
    pub proposals: Vec<ProposalView>,
    pub models: Vec<ModelTargetView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StrategyView {
    pub questionnaire: QuestionnaireView,
    pub state: StrategyState,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct SetAnswerRequest {
    pub question_id: String,
    /// Empty clears the answer.
    pub value: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct AcceptWeightsRequest {
    pub lot_id: i64,
    pub targets: Vec<WeightTarget>,
}

/// Accepting a proposal adds its template, with its default parameters, to `lot_id`.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct DecideProposalRequest {
    pub template_id: String,
    pub accept: bool,
    pub lot_id: i64,
}

fn state(file: &TenderFile) -> Result<StrategyState, IpcError> {
    let questionnaire = Questionnaire::builtin();
    let catalogue = Catalogue::builtin();
    let answers = file.strategy_answers()?;
    let weights = core::suggested_weights(questionnaire, &answers).unwrap_or_default();
    let mut models = Vec::new();
    for lot in file.lots()? {
        let model = file.evaluation_input(lot.id)?;
        if model.criteria.is_empty() {
            continue;
        }
        models.push(ModelTargetView {
            lot_id: lot.id,
            number: lot.number,
            title: lot.title,
            locked: file.model_lock(lot.id)?.is_some(),
            criteria: model
                .criteria
                .iter()
                .map(|c| TopCriterionView {
                    code: c.id.clone(),
                    name: c.name.clone(),
                    weight: c.weight.map(|w| w.normalize().to_string()),
                })
                .collect(),
            targets: core::Objective::ALL
                .iter()
                .map(|&o| WeightTarget { objective: o.into(), criterion: model_change::objective_criterion(&model, o) })
                .collect(),
        });
    }
    Ok(StrategyState {
        kraljic: core::kraljic(questionnaire, &answers).map(|p| KraljicView {
            supply_risk: p.supply_risk.round_dp(2).normalize().to_string(),
            profit_impact: p.profit_impact.round_dp(2).normalize().to_string(),
            quadrant: p.quadrant.into(),
        }),
        weights: weights
            .iter()
            .map(|w| WeightView { objective: w.objective.into(), weight: w.weight.normalize().to_string() })
            .collect(),
        proposals: core::proposals(questionnaire, &answers, catalogue)
            .into_iter()
            .map(|p| {
                let template = catalogue.template(&p.template_id);
                ProposalView {
                    title_da: template.map_or_else(String::new, |t| t.title_da.clone()),
                    title_en: template.map_or_else(String::new, |t| t.title_en.clone()),
                    template_id: p.template_id,
                    requirement_type: p.requirement_type,
                    screening: p.screening.into(),
                    kind: p.kind.into(),
                    decision: p.decision.map(Into::into),
                }
            })
            .collect(),
        answers: answers
            .into_iter()
            .map(|a| AnswerView { question_id: a.question_id, value: a.value, reason: a.reason })
            .collect(),
        models,
    })
}

fn invalid(message: Said) -> IpcError {
    IpcError::new(ErrorCode::Validation, message)
}

impl Session {
    pub fn strategy(&self) -> Result<StrategyView, IpcError> {
        self.with_open(|file, _| {
            Ok(StrategyView { questionnaire: QuestionnaireView::new(Questionnaire::builtin()), state: state(file)? })
        })
    }

    /// Checks an answer with the questionnaire and saves it (audited); an empty value clears it.
    pub fn set_strategy_answer(&self, request: &SetAnswerRequest) -> Result<StrategyState, IpcError> {
        let questionnaire = Questionnaire::builtin();
        let value =
            questionnaire.check_answer(&request.question_id, &request.value, &request.reason).map_err(invalid)?;
        self.with_open(|file, stamp| {
            file.set_strategy_answer(&stamp, &request.question_id, &value, &request.reason, &questionnaire.version)?;
            state(file)
        })
    }

    /// Sets the lot model's top-level weights from the suggested weights, in one audited save.
    pub fn accept_suggested_weights(&self, request: &AcceptWeightsRequest) -> Result<StrategyState, IpcError> {
        self.with_open(|file, stamp| {
            let answers = file.strategy_answers()?;
            let weights = core::suggested_weights(Questionnaire::builtin(), &answers).ok_or_else(|| {
                IpcError::invalid(
                    "Rate all four objectives before accepting their weights.",
                    "Vurdér alle fire målsætninger, før vægtene overføres.",
                )
            })?;
            let targets: BTreeMap<core::Objective, String> =
                request.targets.iter().filter_map(|t| Some((t.objective.into(), t.criterion.clone()?))).collect();
            let mut model = file.evaluation_input(request.lot_id)?;
            model_change::apply_suggested_weights(&mut model, &weights, &targets).map_err(invalid)?;
            file.set_evaluation_model(&stamp, request.lot_id, &model)?;
            state(file)
        })
    }

    /// Records the decision on a proposal; accepting also adds the template to the lot.
    pub fn decide_proposal(&self, request: &DecideProposalRequest) -> Result<StrategyState, IpcError> {
        let questionnaire = Questionnaire::builtin();
        let question = format!("{}{}", core::PROPOSAL_PREFIX, request.template_id);
        let decision = if request.accept { "accepted" } else { "rejected" };
        self.with_open(|file, stamp| {
            if request.accept {
                catalogue::add_to_lot(
                    file,
                    &stamp,
                    request.lot_id,
                    Catalogue::builtin(),
                    &request.template_id,
                    &BTreeMap::new(),
                )
                .map_err(|e| IpcError::new(e.code().into(), e.said()))?;
            }
            file.set_strategy_answer(&stamp, &question, decision, "", &questionnaire.version)?;
            state(file)
        })
    }
}
