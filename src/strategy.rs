//! The category strategy: a versioned questionnaire held as data, the consultant's answers, and what is
//! derived from them (the Kraljic position, suggested top-level weights and proposed catalogue requirements).
//!
//! The questionnaire lives in `assets/strategy/questionnaire.json` so that questions and help texts can be
//! revised without touching code; each answer records the questionnaire version it was given under.
//!
//! Derived results are pure functions of the questionnaire and the answers:
//!
//! - **Kraljic position.** Each axis (supply risk, profit impact) is the mean of the answered 1–5 scale
//!   questions the questionnaire marks for that axis; a question marked `reversed` counts as 6 minus its
//!   answer (many substitutes means low risk). An axis with a mean of 3 or more is high. High risk and high
//!   impact is strategic, low risk and high impact leverage, high risk and low impact bottleneck, and both
//!   low non-critical. Without at least one answer on each axis there is no position.
//! - **Suggested weights.** The four objectives of seed 001 are each rated 1–5; objective i gets
//!   100 · rᵢ / Σr per cent. The shares are rounded to whole per cent by the largest-remainder method: every
//!   share is rounded down, and the points still missing to 100 go one each to the largest remainders, ties
//!   in the questionnaire's order (quality, efficiency, sustainability, supply security). The result sums to
//!   exactly 100.
//! - **Proposals.** Each of the 13 requirement types of seed 003 is screened as not relevant, minimum
//!   requirement or award criterion. A type marked minimum requirement proposes the catalogue's minimum and
//!   information templates of that type, one marked award criterion its award and information templates,
//!   limited to the category chosen in `demand.category` when it is answered. The consultant's decision on a
//!   proposal is stored as an answer to the pseudo-question `proposal.TEMPLATE_ID` (accepted or rejected).

use crate::catalogue::{Catalogue, Category, REQUIREMENT_TYPES};
use crate::locale::{Lang, Said};
use crate::requirement::RequirementKind;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::str::FromStr;
use std::sync::OnceLock;

const QUESTIONNAIRE_JSON: &str = include_str!("../assets/strategy/questionnaire.json");

/// The question that names the category; it limits proposals to templates suiting that category.
pub const CATEGORY_QUESTION: &str = "demand.category";

/// Answers under this prefix record the consultant's decision on a proposed template.
pub const PROPOSAL_PREFIX: &str = "proposal.";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub version: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title_da: String,
    pub title_en: String,
    /// Whether the strategy step is done only once this section is answered.
    #[serde(default)]
    pub required: bool,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text_da: String,
    pub text_en: String,
    pub help_da: String,
    pub help_en: String,
    /// The seed document or rule set the question and its help text are drawn from.
    pub source: String,
    /// The Kraljic axis a scale question counts towards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kraljic: Option<KraljicInput>,
    /// The requirement type of seed 003 a screening question screens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screens: Option<String>,
    /// The objective of seed 001 a scale question rates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Objective>,
    pub answer: AnswerType,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AnswerType {
    /// One option, or with `multiple` several, stored comma-separated in the questionnaire's order.
    Choice {
        #[serde(default)]
        multiple: bool,
        options: Vec<Choice>,
    },
    /// A whole number from 1 to 5, with the meaning of both ends.
    Scale {
        low_da: String,
        low_en: String,
        high_da: String,
        high_en: String,
    },
    Number {
        #[serde(default)]
        min: Option<Decimal>,
        #[serde(default)]
        max: Option<Decimal>,
        unit_da: String,
        unit_en: String,
    },
    /// A non-negative amount of money.
    Amount {
        currency: String,
    },
    Text,
    /// Not relevant, minimum requirement or award criterion, always with a reason.
    Screening,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label_da: String,
    pub label_en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KraljicInput {
    pub axis: Axis,
    pub reversed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    SupplyRisk,
    ProfitImpact,
}

/// The four objectives of seed 001 that pull against each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    Quality,
    Efficiency,
    Sustainability,
    SupplySecurity,
}

impl Objective {
    pub const ALL: [Objective; 4] =
        [Objective::Quality, Objective::Efficiency, Objective::Sustainability, Objective::SupplySecurity];

    pub fn label_da(self) -> &'static str {
        match self {
            Objective::Quality => "Kvalitet",
            Objective::Efficiency => "Effektivitet",
            Objective::Sustainability => "Bæredygtighed",
            Objective::SupplySecurity => "Forsyningssikkerhed",
        }
    }
}

/// How a requirement type was screened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Screening {
    NotRelevant,
    Minimum,
    Award,
    /// Both a minimum requirement and an award criterion: a floor every tender must reach, and points for
    /// going beyond it (seed 003 recommends "en kombination af mindstekrav og konkurrencekrav").
    MinimumAndAward,
}

impl Screening {
    const ALL: [(Screening, &'static str); 4] = [
        (Screening::NotRelevant, "not_relevant"),
        (Screening::Minimum, "minimum"),
        (Screening::Award, "award"),
        (Screening::MinimumAndAward, "minimum_and_award"),
    ];

    pub fn code(self) -> &'static str {
        Screening::ALL.iter().find(|(s, _)| *s == self).map_or("", |(_, code)| code)
    }

    pub fn from_code(code: &str) -> Option<Screening> {
        Screening::ALL.iter().find(|(_, c)| *c == code).map(|(s, _)| *s)
    }

    /// The template kinds a screening proposes: information templates go with either level.
    fn proposes(self, kind: RequirementKind) -> bool {
        match self {
            Screening::NotRelevant => false,
            Screening::Minimum => kind != RequirementKind::Award,
            Screening::Award => kind != RequirementKind::Minimum,
            Screening::MinimumAndAward => true,
        }
    }

    /// Whether the lot is to hold a minimum requirement of the screened type.
    pub fn asks_minimum(self) -> bool {
        matches!(self, Screening::Minimum | Screening::MinimumAndAward)
    }

    /// Whether the lot's model is to score a requirement of the screened type.
    pub fn asks_award(self) -> bool {
        matches!(self, Screening::Award | Screening::MinimumAndAward)
    }
}

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question_id: String,
    pub value: String,
    pub reason: String,
    pub questionnaire_version: String,
}

impl Questionnaire {
    /// The questionnaire built into this version of Tenderbench.
    pub fn builtin() -> &'static Questionnaire {
        static BUILTIN: OnceLock<Questionnaire> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            serde_json::from_str(QUESTIONNAIRE_JSON)
                .expect("the built-in questionnaire is valid JSON (checked by tests)")
        })
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| &s.questions)
    }

    /// The required sections with a question still unanswered, by id. Free-text questions are notes, and
    /// leave a section answered without them.
    pub fn unanswered_sections(&self, answers: &[Answer]) -> Vec<String> {
        let values = by_question(answers);
        self.sections
            .iter()
            .filter(|section| section.required)
            .filter(|section| {
                section
                    .questions
                    .iter()
                    .any(|q| !matches!(q.answer, AnswerType::Text) && !values.contains_key(q.id.as_str()))
            })
            .map(|section| section.id.clone())
            .collect()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// Everything wrong with the questionnaire as data; empty when it is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids = HashSet::new();
        for section in &self.sections {
            if !ids.insert(section.id.as_str()) {
                problems.push(format!("Section id {} is used twice.", section.id));
            }
            for (name, value) in [("title_da", &section.title_da), ("title_en", &section.title_en)] {
                if value.trim().is_empty() {
                    problems.push(format!("Section {} has no {name}.", section.id));
                }
            }
        }
        for question in self.questions() {
            let id = &question.id;
            if !ids.insert(id.as_str()) {
                problems.push(format!("Question id {id} is used twice."));
            }
            for (name, value) in [
                ("text_da", &question.text_da),
                ("text_en", &question.text_en),
                ("help_da", &question.help_da),
                ("help_en", &question.help_en),
                ("source", &question.source),
            ] {
                if value.trim().is_empty() {
                    problems.push(format!("Question {id} has no {name}."));
                }
            }
            let is_scale = matches!(question.answer, AnswerType::Scale { .. });
            if (question.kraljic.is_some() || question.objective.is_some()) && !is_scale {
                problems.push(format!("Question {id} feeds a derived result and must be a 1-5 scale."));
            }
            if question.screens.is_some() != matches!(question.answer, AnswerType::Screening) {
                problems.push(format!("Question {id}: a screening question must name the type it screens."));
            }
            match &question.answer {
                AnswerType::Choice { options, .. } => {
                    let mut values = HashSet::new();
                    if options.is_empty() {
                        problems.push(format!("Question {id} has no options."));
                    }
                    for option in options {
                        if !values.insert(&option.value) || option.value.contains(',') {
                            problems
                                .push(format!("Question {id}: option '{}' is repeated or has a comma.", option.value));
                        }
                        if option.label_da.trim().is_empty() || option.label_en.trim().is_empty() {
                            problems.push(format!("Question {id}: option '{}' needs both labels.", option.value));
                        }
                    }
                }
                AnswerType::Scale { low_da, low_en, high_da, high_en }
                    if [low_da, low_en, high_da, high_en].iter().any(|t| t.trim().is_empty()) =>
                {
                    problems.push(format!("Question {id}: the scale needs both ends in both languages."));
                }
                AnswerType::Number { min: Some(min), max: Some(max), .. } if min > max => {
                    problems.push(format!("Question {id}: the minimum is above the maximum."));
                }
                _ => {}
            }
        }
        let screened: Vec<&str> = self.questions().filter_map(|q| q.screens.as_deref()).collect();
        for kind in REQUIREMENT_TYPES {
            let count = screened.iter().filter(|s| **s == kind).count();
            if count != 1 {
                problems.push(format!("Requirement type {kind} is screened {count} times; it must be screened once."));
            }
        }
        for unknown in screened.iter().filter(|s| !REQUIREMENT_TYPES.contains(s)) {
            problems.push(format!("'{unknown}' is not a requirement type of seed 003."));
        }
        for axis in [Axis::SupplyRisk, Axis::ProfitImpact] {
            if !self.questions().any(|q| q.kraljic.map(|k| k.axis) == Some(axis)) {
                problems.push(format!("No question feeds the Kraljic axis {axis:?}."));
            }
        }
        for objective in Objective::ALL {
            let count = self.questions().filter(|q| q.objective == Some(objective)).count();
            if count != 1 {
                problems.push(format!("Objective {objective:?} is rated by {count} questions; it must be one."));
            }
        }
        problems
    }

    /// Checks an answer against its question and returns the value as it is stored. An empty value clears
    /// the answer. Decisions on proposals (`proposal.TEMPLATE_ID`) take `accepted` or `rejected`.
    pub fn check_answer(&self, question_id: &str, value: &str, reason: &str) -> Result<String, Said> {
        let value = value.trim();
        if let Some(template) = question_id.strip_prefix(PROPOSAL_PREFIX) {
            return match value {
                "" | "accepted" | "rejected" if !template.is_empty() => Ok(value.to_owned()),
                _ => Err(Said::new(
                    format!("A decision on proposal {template} is 'accepted' or 'rejected'."),
                    format!(
                        "En beslutning om forslaget {template} er 'accepted' (godkendt) eller 'rejected' (afvist)."
                    ),
                )),
            };
        }
        let question = self.question(question_id).ok_or_else(|| {
            Said::new(
                format!("There is no question {question_id}."),
                format!("Der findes intet spørgsmål {question_id}."),
            )
        })?;
        if value.is_empty() {
            return Ok(String::new());
        }
        match &question.answer {
            AnswerType::Choice { multiple, options } => {
                let chosen: Vec<&str> = value.split(',').map(str::trim).filter(|v| !v.is_empty()).collect();
                if let Some(unknown) = chosen.iter().find(|c| !options.iter().any(|o| o.value == **c)) {
                    let known: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
                    return Err(Said::new(
                        format!("'{unknown}' is not an option of {question_id}; choose from {}.", known.join(", ")),
                        format!(
                            "'{unknown}' er ikke en svarmulighed i {question_id}; vælg mellem {}.",
                            known.join(", ")
                        ),
                    ));
                }
                if !multiple && chosen.len() > 1 {
                    return Err(Said::new(
                        format!("{question_id} takes one option."),
                        format!("{question_id} besvares med én svarmulighed."),
                    ));
                }
                let in_order: Vec<&str> =
                    options.iter().map(|o| o.value.as_str()).filter(|o| chosen.contains(o)).collect();
                Ok(in_order.join(","))
            }
            AnswerType::Scale { .. } => match value.parse::<u8>() {
                Ok(n @ 1..=5) => Ok(n.to_string()),
                _ => Err(Said::new(
                    format!("{question_id} is answered with a whole number from 1 to 5, not '{value}'."),
                    format!("{question_id} besvares med et helt tal fra 1 til 5, ikke '{value}'."),
                )),
            },
            AnswerType::Number { min, max, .. } => {
                let number = Decimal::from_str(value).map_err(|_| {
                    Said::new(
                        format!("{question_id} is answered with a number such as 12 or 2.5, not '{value}'."),
                        format!("{question_id} besvares med et tal som 12 eller 2.5 (med punktum), ikke '{value}'."),
                    )
                })?;
                if min.is_some_and(|min| number < min) || max.is_some_and(|max| number > max) {
                    let bound = |b: &Option<Decimal>, lang: Lang| b.map_or("-".to_owned(), |b| lang.exact(b));
                    return Err(Said::new(
                        format!(
                            "{question_id} must lie between {} and {}.",
                            bound(min, Lang::En),
                            bound(max, Lang::En)
                        ),
                        format!(
                            "{question_id} skal ligge mellem {} og {}.",
                            bound(min, Lang::Da),
                            bound(max, Lang::Da)
                        ),
                    ));
                }
                Ok(number.normalize().to_string())
            }
            AnswerType::Amount { .. } => crate::tender::parse_amount(value)
                .map(|amount| amount.normalize().to_string())
                .map_err(|e| Said::new(format!("{question_id}: {}", e.en), format!("{question_id}: {}", e.da))),
            AnswerType::Text => Ok(value.to_owned()),
            AnswerType::Screening => {
                Screening::from_code(value).ok_or_else(|| {
                    Said::new(
                        format!(
                            "{question_id} is answered with not_relevant, minimum, award or minimum_and_award, \
                             not '{value}'."
                        ),
                        format!(
                            "{question_id} besvares med not_relevant (ikke relevant), minimum (mindstekrav), \
                             award (tildelingskriterium) eller minimum_and_award (begge dele), ikke '{value}'."
                        ),
                    )
                })?;
                if reason.trim().is_empty() {
                    return Err(Said::new(
                        format!("{question_id} needs a reason for the screening."),
                        format!("{question_id} skal have en begrundelse for screeningen."),
                    ));
                }
                Ok(value.to_owned())
            }
        }
    }
}

impl Question {
    /// The answer as a consultant reads it: option labels instead of codes, units after numbers.
    pub fn display_da(&self, value: &str) -> String {
        match &self.answer {
            AnswerType::Choice { options, .. } => value
                .split(',')
                .map(|v| options.iter().find(|o| o.value == v).map_or(v, |o| o.label_da.as_str()))
                .collect::<Vec<_>>()
                .join("; "),
            AnswerType::Number { unit_da, .. } => format!("{value} {unit_da}"),
            AnswerType::Amount { currency } => format!("{value} {currency}"),
            AnswerType::Scale { .. } => format!("{value} af 5"),
            AnswerType::Screening => match Screening::from_code(value) {
                Some(Screening::NotRelevant) => "ikke relevant".into(),
                Some(Screening::Minimum) => "mindstekrav".into(),
                Some(Screening::Award) => "tildelingskriterium".into(),
                Some(Screening::MinimumAndAward) => "mindstekrav og tildelingskriterium".into(),
                None => value.into(),
            },
            AnswerType::Text => value.into(),
        }
    }
}

fn by_question(answers: &[Answer]) -> BTreeMap<&str, &str> {
    answers.iter().map(|a| (a.question_id.as_str(), a.value.as_str())).collect()
}

/// The four quadrants of the Kraljic matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    Strategic,
    Leverage,
    Bottleneck,
    NonCritical,
}

impl Quadrant {
    pub fn label_da(self) -> &'static str {
        match self {
            Quadrant::Strategic => "Strategisk",
            Quadrant::Leverage => "Løftestang",
            Quadrant::Bottleneck => "Flaskehals",
            Quadrant::NonCritical => "Ikke-kritisk",
        }
    }
}

/// Where the category sits on the two axes (each from 1 to 5) and the quadrant that follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KraljicPosition {
    pub supply_risk: Decimal,
    pub profit_impact: Decimal,
    pub quadrant: Quadrant,
}

/// The Kraljic position by the rule in the module documentation, or `None` while an axis has no answer.
pub fn kraljic(questionnaire: &Questionnaire, answers: &[Answer]) -> Option<KraljicPosition> {
    let answers = by_question(answers);
    let axis_mean = |axis: Axis| {
        let scores: Vec<Decimal> = questionnaire
            .questions()
            .filter_map(|q| {
                let input = q.kraljic.filter(|k| k.axis == axis)?;
                let score: i64 = answers.get(q.id.as_str())?.parse().ok()?;
                Some(Decimal::from(if input.reversed { 6 - score } else { score }))
            })
            .collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<Decimal>() / Decimal::from(scores.len()))
    };
    let supply_risk = axis_mean(Axis::SupplyRisk)?;
    let profit_impact = axis_mean(Axis::ProfitImpact)?;
    let high = |mean: Decimal| mean >= Decimal::from(3);
    let quadrant = match (high(supply_risk), high(profit_impact)) {
        (true, true) => Quadrant::Strategic,
        (false, true) => Quadrant::Leverage,
        (true, false) => Quadrant::Bottleneck,
        (false, false) => Quadrant::NonCritical,
    };
    Some(KraljicPosition { supply_risk, profit_impact, quadrant })
}

/// A suggested top-level weight in whole per cent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SuggestedWeight {
    pub objective: Objective,
    pub weight: Decimal,
}

/// Suggested weights from the balance of the four objectives, by the largest-remainder rule in the module
/// documentation; `None` until all four are rated.
pub fn suggested_weights(questionnaire: &Questionnaire, answers: &[Answer]) -> Option<Vec<SuggestedWeight>> {
    let answers = by_question(answers);
    let ratings: Vec<(Objective, u32)> = Objective::ALL
        .iter()
        .map(|&objective| {
            let question = questionnaire.questions().find(|q| q.objective == Some(objective))?;
            Some((objective, answers.get(question.id.as_str())?.parse().ok()?))
        })
        .collect::<Option<_>>()?;
    let total: u32 = ratings.iter().map(|(_, r)| r).sum();
    if total == 0 {
        return None;
    }
    // Integer arithmetic keeps every share exact: 100·r = whole·total + remainder.
    let mut whole: Vec<u32> = ratings.iter().map(|(_, r)| 100 * r / total).collect();
    let mut by_remainder: Vec<usize> = (0..ratings.len()).collect();
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(100 * ratings[i].1 % total));
    let missing = 100 - whole.iter().sum::<u32>();
    for &i in by_remainder.iter().take(missing as usize) {
        whole[i] += 1;
    }
    Some(
        ratings
            .iter()
            .zip(whole)
            .map(|(&(objective, _), weight)| SuggestedWeight { objective, weight: Decimal::from(weight) })
            .collect(),
    )
}

/// The consultant's decision on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accepted,
    Rejected,
}

/// A catalogue template proposed by a screening answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub template_id: String,
    pub requirement_type: String,
    pub screening: Screening,
    pub kind: RequirementKind,
    pub decision: Option<Decision>,
}

/// The templates the screening answers propose, in catalogue order, with any decision taken on them.
pub fn proposals(questionnaire: &Questionnaire, answers: &[Answer], catalogue: &Catalogue) -> Vec<Proposal> {
    let values = by_question(answers);
    let category: Option<Category> =
        values.get(CATEGORY_QUESTION).and_then(|v| serde_json::from_value(serde_json::Value::from(*v)).ok());
    let screenings: BTreeMap<&str, Screening> = questionnaire
        .questions()
        .filter_map(|q| Some((q.screens.as_deref()?, Screening::from_code(values.get(q.id.as_str())?)?)))
        .collect();
    catalogue
        .templates
        .iter()
        .filter_map(|template| {
            let requirement_type = template.requirement_type.as_deref()?;
            let screening = *screenings.get(requirement_type)?;
            let suits = category.is_none_or(|c| template.categories.contains(&c));
            (suits && screening.proposes(template.kind)).then(|| {
                let decision = match values.get(format!("{PROPOSAL_PREFIX}{}", template.id).as_str()) {
                    Some(&"accepted") => Some(Decision::Accepted),
                    Some(&"rejected") => Some(Decision::Rejected),
                    _ => None,
                };
                Proposal {
                    template_id: template.id.clone(),
                    requirement_type: requirement_type.to_owned(),
                    screening,
                    kind: template.kind,
                    decision,
                }
            })
        })
        .collect()
}
