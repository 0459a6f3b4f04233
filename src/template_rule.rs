//! What a lot's catalogue templates propose for its evaluation model: the measured-scoring function of a
//! measured template, and the life-cycle-cost settings of the TCO and buy-back templates. A rule is never
//! applied silently: each is a [`Proposal`] of model changes that the consultant accepts or rejects, and the
//! store applies an accepted one in one audited transaction and keeps the decision.
//!
//! - **Measure.** An award requirement under a sub-criterion whose template carries a scoring hint is
//!   proposed that function (worst, best, direction and unit), clamped at both ends.
//! - **Energy in the life-cycle cost** (TCO-001). The price is compared on life-cycle cost over the
//!   template's `years` at its electricity price (`price_per_mwh` / 1,000 per kWh); the requirement itself
//!   leaves the scored quality, because the cost now counts it.
//! - **Buy-back price** (RET-004, RET-007). The buy-back price is the life-cycle cost's take-back value,
//!   which the bid workbook's LCC sheet asks for; the price is compared on life-cycle cost (over the
//!   template's `years` when the lot has no life-cycle cost yet), and the requirement leaves the scored
//!   quality, so the price is not counted twice.
//! - **Service after the warranty** (TCO-004). The yearly service price becomes a cost line per unit in the
//!   template's years (those within the period; a lot without a life-cycle cost gets one over the last
//!   service year), and the price is compared on life-cycle cost.
//! - **Consumables** (TCO-005). The consumables become a cost line priced per piece against the template's
//!   yearly volume for the whole lot, in every year of the period; the requirement leaves the scored quality.
//!
//! A proposal whose changes would leave the model as it is has nothing to propose and is not listed, nor is
//! one already decided.

use crate::catalogue::{Catalogue, Template};
use crate::evaluation::{
    AwardMethod, Criterion, EvaluationInput, LccCost, LccCostBasis, LccParameters, Measure, PriceBasis,
};
use crate::locale::{Lang, Said};
use crate::model_change::{self, ModelChange};
use crate::requirement::{Requirement, RequirementKind};
use crate::strategy::Answer;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value};
use std::str::FromStr;

/// Decisions on a lot's proposals are kept as answers to the pseudo-question `rule.LOT.PROPOSAL_ID`.
pub const DECISION_PREFIX: &str = "rule.";

/// What a built-in template's rule sets in the life-cycle cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LccRule {
    Energy,
    BuyBack,
    /// A yearly service price per unit over the template's years: a cost line.
    Service,
    /// A unit price for consumables against the template's yearly volume for the lot: a cost line.
    Consumables,
}

const LCC_TEMPLATES: [(&str, LccRule); 5] = [
    ("TCO-001", LccRule::Energy),
    ("TCO-004", LccRule::Service),
    ("TCO-005", LccRule::Consumables),
    ("RET-004", LccRule::BuyBack),
    ("RET-007", LccRule::BuyBack),
];

/// One proposed mapping from a requirement's template into the lot's model.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// Unique within the lot, such as "measure:K-012".
    pub id: String,
    pub template_id: String,
    pub requirement: String,
    pub said: Said,
    pub changes: Vec<ModelChange>,
}

/// The answer id under which the decision on `proposal` of lot `lot_number` is kept.
pub fn decision_key(lot_number: i64, proposal: &str) -> String {
    format!("{DECISION_PREFIX}{lot_number}.{proposal}")
}

/// The lot's open proposals, in requirement order.
pub fn proposals(
    catalogue: &Catalogue,
    lot_number: i64,
    requirements: &[Requirement],
    model: &EvaluationInput,
    answers: &[Answer],
) -> Vec<Proposal> {
    let decided = |id: &str| {
        let key = decision_key(lot_number, id);
        answers.iter().any(|a| a.question_id == key)
    };
    requirements
        .iter()
        .filter_map(|requirement| {
            let template = catalogue.template(requirement.text.template_id.as_deref()?)?;
            let parameters: Map<String, Value> = serde_json::from_str(&requirement.text.parameters).unwrap_or_default();
            let number = |name: &str| Decimal::from_str(&parameters.get(name)?.to_string()).ok();
            let code = requirement.text.code.clone();
            let rule = LCC_TEMPLATES.iter().find(|(id, _)| *id == template.id).map(|(_, rule)| *rule);
            let (kind, said, changes) = match (rule, &template.scoring) {
                (Some(rule), _) => {
                    let placed = requirement.criterion.is_some();
                    let (said, changes) = lcc_proposal(rule, template, &code, placed, model, number)?;
                    ("lcc", said, changes)
                }
                (None, Some(scoring))
                    if requirement.text.kind == RequirementKind::Award && requirement.criterion.is_some() =>
                {
                    let measure = Measure {
                        worst: scoring.worst,
                        best: scoring.best,
                        direction: match scoring.direction {
                            crate::catalogue::Direction::HigherIsBetter => crate::evaluation::Direction::HigherIsBetter,
                            crate::catalogue::Direction::LowerIsBetter => crate::evaluation::Direction::LowerIsBetter,
                        },
                        ideal: None,
                        clamp: true,
                        unit: Some(scoring.unit.clone()),
                    };
                    let said = Said::new(
                        format!("Score {code} by the template's function: {}.", measure.describe(Lang::En)),
                        format!("Giv point for {code} efter skabelonens funktion: {}.", measure.describe(Lang::Da)),
                    );
                    (
                        "measure",
                        said,
                        vec![ModelChange::MeasureRequirement { requirement: code.clone(), measure: Some(measure) }],
                    )
                }
                _ => return None,
            };
            let id = format!("{kind}:{code}");
            let mut changed = model.clone();
            let applies = changes.iter().all(|c| model_change::apply(&mut changed, c).is_ok());
            (applies && changed != *model && !decided(&id)).then(|| Proposal {
                id,
                template_id: template.id.clone(),
                requirement: code,
                said,
                changes,
            })
        })
        .collect()
}

fn lcc_proposal(
    rule: LccRule,
    template: &Template,
    code: &str,
    placed: bool,
    model: &EvaluationInput,
    number: impl Fn(&str) -> Option<Decimal>,
) -> Option<(Said, Vec<ModelChange>)> {
    let current = model.lcc.clone();
    let years = number("years").and_then(|y| y.trunc().to_u32());
    let base = || LccParameters {
        years: years.unwrap_or(1),
        discount_rate: Decimal::ZERO,
        escalation: Decimal::ZERO,
        energy_price_per_kwh: Decimal::ZERO,
        quantity: Decimal::ONE,
        co2_kg_per_kwh: Decimal::ZERO,
        co2_price_per_tonne: Decimal::ZERO,
        costs: Vec::new(),
    };
    let (lcc, said) = match rule {
        LccRule::Energy => {
            let per_kwh = number("price_per_mwh")? / Decimal::ONE_THOUSAND;
            let lcc = LccParameters {
                years: years?,
                energy_price_per_kwh: per_kwh.normalize(),
                ..current.unwrap_or_else(base)
            };
            let said = Said::new(
                format!(
                    "Compare the price on life-cycle cost over {} years with energy at {} DKK per kWh, as {code} \
                     announces, and take {code} out of the scored quality.",
                    lcc.years,
                    Lang::En.exact(lcc.energy_price_per_kwh)
                ),
                format!(
                    "Sammenlign prisen på livscyklusomkostninger over {} år med energi til {} kr. pr. kWh, som \
                     {code} angiver, og tag {code} ud af den pointgivne kvalitet.",
                    lcc.years,
                    Lang::Da.exact(lcc.energy_price_per_kwh)
                ),
            );
            (lcc, said)
        }
        LccRule::BuyBack => {
            let lcc = current.unwrap_or_else(base);
            let said = Said::new(
                format!(
                    "Count the buy-back price of {code} as the life-cycle cost's take-back value (the bid \
                     workbook's LCC sheet asks for it), compare the price on life-cycle cost over {} years, and \
                     take {code} out of the scored quality so that the price is not counted twice.",
                    lcc.years
                ),
                format!(
                    "Medregn tilbagekøbsprisen i {code} som livscyklusomkostningernes tilbagetagningsværdi \
                     (tilbudslistens LCC-ark beder om den), sammenlign prisen på livscyklusomkostninger over {} år, \
                     og tag {code} ud af den pointgivne kvalitet, så prisen ikke tæller to gange.",
                    lcc.years
                ),
            );
            (lcc, said)
        }
        LccRule::Service => {
            let first = number("first_year")?.trunc().to_u32()?;
            let last = number("last_year")?.trunc().to_u32()?;
            let mut lcc = current.unwrap_or_else(|| LccParameters { years: last, ..base() });
            // The service years past the period do not count; a service starting after it has nothing to add.
            let to_year = last.min(lcc.years);
            if first == 0 || first > to_year {
                return None;
            }
            let line = cost_line(template, code, LccCostBasis::Unit, first, to_year, None);
            let said = Said::new(
                format!(
                    "Count the yearly service price of {code} in the life-cycle cost as a cost line per unit in years {first}–{to_year} (the bid workbook's LCC sheet asks for it), and compare the price on life-cycle cost over {} years.",
                    lcc.years
                ),
                format!(
                    "Medregn den årlige servicepris i {code} i livscyklusomkostningerne som en omkostningslinje pr. enhed i år {first}–{to_year} (tilbudslistens LCC-ark beder om den), og sammenlign prisen på livscyklusomkostninger over {} år.",
                    lcc.years
                ),
            );
            put_line(&mut lcc, line);
            (lcc, said)
        }
        LccRule::Consumables => {
            let volume = number("quantity").filter(|q| *q > Decimal::ZERO)?;
            let mut lcc = current.unwrap_or_else(base);
            let line = cost_line(template, code, LccCostBasis::Total, 1, lcc.years, Some(volume));
            let said = Said::new(
                format!(
                    "Count the consumables of {code} in the life-cycle cost as the bidder's unit price × {} pieces a year for the lot in years 1–{}, compare the price on life-cycle cost, and take {code} out of the scored quality so that the price is not counted twice.",
                    Lang::En.exact(volume),
                    lcc.years
                ),
                format!(
                    "Medregn utensilierne i {code} i livscyklusomkostningerne som tilbudsgiverens stykpris × {} stk. om året for delaftalen i år 1–{}, sammenlign prisen på livscyklusomkostninger, og tag {code} ud af den pointgivne kvalitet, så prisen ikke tæller to gange.",
                    Lang::Da.exact(volume),
                    lcc.years
                ),
            );
            put_line(&mut lcc, line);
            (lcc, said)
        }
    };
    let mut changes = vec![ModelChange::SetLcc { lcc: Some(lcc) }];
    let mut price_leaves = Vec::new();
    priced(&model.criteria, &mut price_leaves);
    for leaf in price_leaves {
        if let Some(rule) = leaf.price.as_ref().filter(|p| p.basis != PriceBasis::Lcc) {
            let rule = crate::evaluation::PriceRule { basis: PriceBasis::Lcc, ..rule.clone() };
            changes.push(ModelChange::SetPriceRule { code: leaf.id.clone(), rule: Some(rule) });
        }
    }
    if model.award_method == AwardMethod::LowestPrice {
        changes.push(ModelChange::SetAwardMethod { method: AwardMethod::LowestCost });
    }
    if placed {
        changes.push(ModelChange::AssignRequirement {
            requirement: code.to_owned(),
            criterion: None,
            weight: Decimal::ONE,
        });
    }
    Some((said, changes))
}

/// A cost line named after its template and keyed by the requirement's code, which the bid workbook shows.
fn cost_line(
    template: &Template,
    code: &str,
    per: LccCostBasis,
    from_year: u32,
    to_year: u32,
    volume: Option<Decimal>,
) -> LccCost {
    LccCost {
        id: code.to_owned(),
        name: template.title_da.clone(),
        name_en: template.title_en.clone(),
        per,
        from_year,
        to_year,
        volume,
    }
}

/// Puts `line` into the life-cycle cost, in place of an earlier line with its id.
fn put_line(lcc: &mut LccParameters, line: LccCost) {
    match lcc.costs.iter_mut().find(|c| c.id == line.id) {
        Some(existing) => *existing = line,
        None => lcc.costs.push(line),
    }
}

fn priced<'a>(criteria: &'a [Criterion], out: &mut Vec<&'a Criterion>) {
    for criterion in criteria {
        if criterion.price.is_some() {
            out.push(criterion);
        }
        priced(&criterion.children, out);
    }
}
