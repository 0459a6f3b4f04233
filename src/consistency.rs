//! The strategy's decisions and the region's own policies held against one lot: each check that fails is a
//! finding, saying what is wrong and how to put it right. Findings never block anything; the consultant may
//! have reasons, and the report's strategy section shows what is still open (docs/consistency.md).
//!
//! A requirement's type (one of seed 003's 13) is its catalogue template's, looked up by template id; a
//! requirement written by hand has none. The checks:
//!
//! - **Screened award, not scored**: a type screened as award criterion (or both) has no award requirement
//!   of that type under a sub-criterion of the model. A lot whose model has no criteria yet is not held to
//!   it: there is nothing to score under.
//! - **Screened minimum, not required**: a type screened as minimum requirement (or both) has no minimum
//!   requirement of that type.
//! - **No green requirement** (seed 003 A.1, "alle udbud indeholder som udgangspunkt grønne krav"): the lot
//!   has no requirement from a green area or of a screened type.
//! - **IT without take-back** (seed 003 A.2, "alt IT-udstyr er omfattet af tilbagetagningsaftaler"): the
//!   category is IT and the lot has no take-back requirement.
//! - **Quality weighs too little** (seed 001, "kvalitet altid indgår i udbud med betydelig vægt"): under
//!   best price-quality, the leaves not scored by price weigh less than [`MIN_QUALITY_WEIGHT`] per cent, or
//!   the award method is lowest price or cost, which leaves quality out.
//! - **Energy counted twice**: the price is compared on life-cycle cost with an energy price, and an energy
//!   requirement (a template measured in kWh or W) is also scored as quality.

use crate::catalogue::{Area, Catalogue, code_of};
use crate::evaluation::{AwardMethod, Criterion, EvaluationInput, PriceBasis};
use crate::locale::{Lang, Said};
use crate::model_change;
use crate::requirement::{Requirement, RequirementKind};
use crate::strategy::{Answer, CATEGORY_QUESTION, Questionnaire, Screening};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeSet;

/// The least weight, in per cent, that the criteria not scored by price must carry together: the product's
/// reading of seed 001's "betydelig vægt".
pub const MIN_QUALITY_WEIGHT: Decimal = Decimal::from_parts(30, 0, 0, false, 0);

/// Which check a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    ScreenedAwardNotScored,
    ScreenedMinimumNotRequired,
    NoGreenRequirement,
    ItWithoutTakeBack,
    QualityWeightLow,
    EnergyCountedTwice,
}

/// One failed check: what is wrong, and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub check: Check,
    pub problem: Said,
    pub fix: Said,
}

/// What the checks read about one lot.
pub struct Lot<'a> {
    pub number: i64,
    pub requirements: &'a [Requirement],
    pub model: &'a EvaluationInput,
}

/// Every failed check for `lot`, in the order of the list above.
pub fn check(questionnaire: &Questionnaire, answers: &[Answer], catalogue: &Catalogue, lot: &Lot) -> Vec<Finding> {
    let type_of = |r: &Requirement| {
        let template = catalogue.template(r.text.template_id.as_deref()?)?;
        template.requirement_type.as_deref()
    };
    let mut findings = Vec::new();
    for (question, screening) in screenings(questionnaire, answers) {
        let screened = question.screens.as_deref().unwrap_or_default();
        let name = Said::new(
            question.text_en.trim_start_matches("Requirement type: "),
            question.text_da.trim_start_matches("Kravtype: "),
        );
        let of_type = |kind: RequirementKind| {
            lot.requirements.iter().filter(move |r| r.text.kind == kind && type_of(r) == Some(screened))
        };
        let templates = |kind: RequirementKind| {
            let ids: Vec<&str> = catalogue
                .templates
                .iter()
                .filter(|t| t.kind == kind && t.requirement_type.as_deref() == Some(screened))
                .map(|t| t.id.as_str())
                .collect();
            ids.join(", ")
        };
        let modelled = !lot.model.criteria.is_empty();
        if screening.asks_award() && modelled && !of_type(RequirementKind::Award).any(|r| r.criterion.is_some()) {
            let ids = templates(RequirementKind::Award);
            findings.push(Finding {
                check: Check::ScreenedAwardNotScored,
                problem: Said::new(
                    format!(
                        "{} is screened as an award criterion, but lot {} scores no requirement of that type.",
                        name.en, lot.number
                    ),
                    format!(
                        "{} er screenet som tildelingskriterium, men delaftale {} giver ikke point for noget krav \
                         af den type.",
                        name.da, lot.number
                    ),
                ),
                fix: Said::new(
                    format!(
                        "Place an award requirement of the type under a sub-criterion (the catalogue has {ids}), \
                         or screen the type again."
                    ),
                    format!(
                        "Placér et tildelingskrav af typen under et underkriterium (kataloget har {ids}), eller \
                         screen typen igen."
                    ),
                ),
            });
        }
        if screening.asks_minimum() && of_type(RequirementKind::Minimum).next().is_none() {
            let ids = templates(RequirementKind::Minimum);
            findings.push(Finding {
                check: Check::ScreenedMinimumNotRequired,
                problem: Said::new(
                    format!(
                        "{} is screened as a minimum requirement, but lot {} has no minimum requirement of that type.",
                        name.en, lot.number
                    ),
                    format!(
                        "{} er screenet som mindstekrav, men delaftale {} har intet mindstekrav af den type.",
                        name.da, lot.number
                    ),
                ),
                fix: Said::new(
                    format!(
                        "Add a minimum requirement of the type (the catalogue has {ids}), or screen the type again."
                    ),
                    format!("Tilføj et mindstekrav af typen (kataloget har {ids}), eller screen typen igen."),
                ),
            });
        }
    }

    let green = [Area::GreenMinimum, Area::GreenAward].map(|a| code_of(&a));
    if !lot.requirements.iter().any(|r| green.contains(&r.text.area) || type_of(r).is_some()) {
        findings.push(Finding {
            check: Check::NoGreenRequirement,
            problem: Said::new(
                format!(
                    "Lot {} has no green requirement; the region's policy is green requirements in every tender \
                     (seed 003, A.1).",
                    lot.number
                ),
                format!(
                    "Delaftale {} har ingen grønne krav; regionens politik er grønne krav i alle udbud (seed 003, \
                     A.1).",
                    lot.number
                ),
            ),
            fix: Said::new(
                "Add a green minimum requirement or green award criterion from the catalogue.",
                "Tilføj et grønt mindstekrav eller et grønt tildelingskriterium fra kataloget.",
            ),
        });
    }

    let category = answers.iter().find(|a| a.question_id == CATEGORY_QUESTION).map(|a| a.value.as_str());
    let take_back = code_of(&Area::TakeBack);
    if category == Some("it") && !lot.requirements.iter().any(|r| r.text.area == take_back) {
        findings.push(Finding {
            check: Check::ItWithoutTakeBack,
            problem: Said::new(
                format!(
                    "Lot {} buys IT equipment without a take-back requirement; the region's policy is take-back \
                     agreements for all IT (seed 003, A.2).",
                    lot.number
                ),
                format!(
                    "Delaftale {} køber IT-udstyr uden krav om tilbagetagning; regionens politik er \
                     tilbagetagningsaftaler for alt IT-udstyr (seed 003, A.2).",
                    lot.number
                ),
            ),
            fix: Said::new(
                "Add RET-001 (take-back of IT equipment) or, where resale makes business sense, RET-004 (buy-back \
                 price).",
                "Tilføj RET-001 (tilbagetagning af IT-udstyr) eller, hvor det giver forretningsmæssig mening, \
                 RET-004 (tilbagekøbspris).",
            ),
        });
    }

    if let Some(finding) = quality_weight(lot) {
        findings.push(finding);
    }
    if let Some(finding) = energy_twice(catalogue, lot) {
        findings.push(finding);
    }
    findings
}

/// The screening questions and how each was answered, in the questionnaire's order.
fn screenings<'a>(
    questionnaire: &'a Questionnaire,
    answers: &'a [Answer],
) -> impl Iterator<Item = (&'a crate::strategy::Question, Screening)> + 'a {
    questionnaire.questions().filter(|q| q.screens.is_some()).filter_map(|q| {
        let answer = answers.iter().find(|a| a.question_id == q.id)?;
        Some((q, Screening::from_code(&answer.value)?))
    })
}

fn quality_weight(lot: &Lot) -> Option<Finding> {
    let model = lot.model;
    if model.criteria.is_empty() {
        return None;
    }
    let share = match model.award_method {
        AwardMethod::LowestPrice | AwardMethod::LowestCost => Decimal::ZERO,
        AwardMethod::BestPriceQuality => {
            let weights = model_change::overview(model).leaf_weights;
            let mut priced = BTreeSet::new();
            leaves(&model.criteria, &mut |c| {
                if c.price.is_some() {
                    priced.insert(c.id.as_str());
                }
            });
            if weights.is_empty() {
                return None;
            }
            weights.iter().filter(|(id, _)| !priced.contains(id.as_str())).map(|(_, w)| *w).sum::<Decimal>()
                * Decimal::ONE_HUNDRED
        }
        // Price per quality point and value-adjusted price weigh quality in the formula, not by a weight.
        AwardMethod::PricePerQualityPoint | AwardMethod::ValueAdjustedPrice => return None,
    };
    (share < MIN_QUALITY_WEIGHT).then(|| {
        let shown = share.round_dp(2).normalize();
        Finding {
            check: Check::QualityWeightLow,
            problem: Said::new(
                format!(
                    "In lot {}, quality weighs {shown} %; the region's policy is that quality always weighs \
                     significantly (seed 001), which Tenderbench reads as at least {MIN_QUALITY_WEIGHT} %.",
                    lot.number
                ),
                format!(
                    "I delaftale {} vejer kvalitet {} %; regionens politik er, at kvalitet altid indgår med \
                     betydelig vægt (seed 001), hvilket Tenderbench læser som mindst {MIN_QUALITY_WEIGHT} %.",
                    lot.number,
                    Lang::Da.number(shown, shown.scale())
                ),
            ),
            fix: Said::new(
                format!(
                    "Give the quality criteria at least {MIN_QUALITY_WEIGHT} % together under best price-quality, \
                     or record in the strategy why price alone decides."
                ),
                format!(
                    "Giv kvalitetskriterierne mindst {MIN_QUALITY_WEIGHT} % tilsammen under bedste forhold mellem \
                     pris og kvalitet, eller begrund i strategien, hvorfor prisen alene afgør."
                ),
            ),
        }
    })
}

fn energy_twice(catalogue: &Catalogue, lot: &Lot) -> Option<Finding> {
    let model = lot.model;
    let mut on_lcc = false;
    leaves(&model.criteria, &mut |c| on_lcc |= c.price.as_ref().is_some_and(|p| p.basis == PriceBasis::Lcc));
    let energy_priced = model.lcc.as_ref().is_some_and(|l| !l.energy_price_per_kwh.is_zero());
    if !(on_lcc || model.award_method == AwardMethod::LowestCost) || !energy_priced {
        return None;
    }
    let scored = lot.requirements.iter().find(|r| {
        let unit = r
            .text
            .template_id
            .as_deref()
            .and_then(|id| catalogue.template(id))
            .and_then(|t| t.scoring.as_ref())
            .map(|s| s.unit.as_str());
        r.text.kind == RequirementKind::Award && r.criterion.is_some() && matches!(unit, Some("kWh" | "W"))
    })?;
    let code = &scored.text.code;
    Some(Finding {
        check: Check::EnergyCountedTwice,
        problem: Said::new(
            format!(
                "In lot {}, energy is counted twice: in the life-cycle cost, at an energy price, and as quality in \
                 requirement {code}.",
                lot.number
            ),
            format!(
                "I delaftale {} tæller energiforbruget to gange: i livscyklusomkostningerne med en energipris og \
                 som kvalitet i krav {code}.",
                lot.number
            ),
        ),
        fix: Said::new(
            format!("Take requirement {code} out of the scored model, or set the life-cycle cost's energy price to 0."),
            format!("Tag krav {code} ud af pointgivningen, eller sæt livscyklusomkostningernes energipris til 0."),
        ),
    })
}

fn leaves<'a>(criteria: &'a [Criterion], visit: &mut impl FnMut(&'a Criterion)) {
    for criterion in criteria {
        if criterion.children.is_empty() {
            visit(criterion);
        } else {
            leaves(&criterion.children, visit);
        }
    }
}
