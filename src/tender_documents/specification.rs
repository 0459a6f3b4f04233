//! The requirement specification (kravspecifikation) of one lot: every requirement the bidders answer,
//! with its text and the evidence asked for, and for an award requirement the sub-criterion it counts
//! under, its weight there and, when it is measured, its unit and scoring function.

use super::{Heading, in_language};
use crate::evaluation::{Criterion, EvaluationInput, Measure};
use crate::locale::Lang;
use crate::report::evaluation::{Format, tree};
use crate::report::model::{Block, Column, Document, Fact, Section, Table};
use crate::requirement::{Requirement, RequirementKind};
use rust_decimal::Decimal;

/// The specification's title, which is also the document's heading.
pub fn title(l: Lang) -> &'static str {
    l.pick("Kravspecifikation", "Requirement specification")
}

/// The specification of a lot in `lang`: `requirements` in their order in the tender, with `model` naming
/// the sub-criteria and the measures the award requirements are scored by.
pub fn requirement_specification(
    heading: &Heading,
    model: &EvaluationInput,
    requirements: &[Requirement],
    lang: Lang,
) -> Document {
    let l = lang;
    let f = Format { lang, currency: &model.currency };
    let criteria = tree(&model.criteria);
    let criterion = |code: &str| criteria.iter().map(|(_, c)| *c).find(|c| c.id == code);
    let kind_name = |kind: RequirementKind| match kind {
        RequirementKind::Minimum => l.pick("Mindstekrav", "Minimum requirement"),
        RequirementKind::Award => l.pick("Tildelingskrav", "Award requirement"),
        RequirementKind::Information => l.pick("Oplysningskrav", "Information requirement"),
    };
    let overview = requirements
        .iter()
        .map(|r| {
            vec![
                r.text.code.clone(),
                kind_name(r.text.kind).to_owned(),
                in_language(l, &r.text.title_da, &r.text.title_en),
                r.criterion.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut sections = vec![Section {
        title: l.pick("Om kravspecifikationen", "About the requirement specification").into(),
        blocks: vec![
            Block::Paragraph(
                l.pick(
                    "Tilbudsgiveren besvarer hvert krav i tilbudslisten og vedlægger den dokumentation, der er bedt om. Et mindstekrav skal være opfyldt: et tilbud, der ikke opfylder et mindstekrav, er ukonditionsmæssigt og afvises, fordi ordregiveren kun kan tildele kontrakten til et tilbud, der opfylder kravene (udbudslovens § 159, stk. 2). Et tildelingskrav bedømmes under det underkriterium, der er angivet, efter kapitlet «Tildelingskriterier og evaluering». Et oplysningskrav besvares, men bedømmes ikke.",
                    "The tenderer answers each requirement in the price and response sheet and attaches the evidence asked for. A minimum requirement must be met: a tender that does not meet one is non-compliant and is rejected, because the authority may award the contract only to a tender that meets the requirements (section 159(2) of the Danish Public Procurement Act). An award requirement is scored under the sub-criterion given, as set out in the chapter «Award criteria and evaluation». An information requirement is answered but not scored.",
                )
                .into(),
            ),
            Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Kode", "Code"), 2),
                    Column::left(l.pick("Type", "Kind"), 3),
                    Column::left(l.pick("Titel", "Title"), 6),
                    Column::left(l.pick("Underkriterium", "Sub-criterion"), 3),
                ],
                rows: overview,
            }),
        ],
    }];
    for (kind, heading_da, heading_en) in [
        (RequirementKind::Minimum, "Mindstekrav", "Minimum requirements"),
        (RequirementKind::Award, "Tildelingskrav", "Award requirements"),
        (RequirementKind::Information, "Oplysningskrav", "Information requirements"),
    ] {
        let mut blocks = Vec::new();
        for requirement in requirements.iter().filter(|r| r.text.kind == kind) {
            let text = &requirement.text;
            blocks.push(Block::Subheading(format!("{} {}", text.code, in_language(l, &text.title_da, &text.title_en))));
            blocks.push(Block::Paragraph(in_language(l, &text.text_da, &text.text_en)));
            let mut facts = Vec::new();
            if kind == RequirementKind::Award {
                facts.extend(award_facts(f, requirement, requirement.criterion.as_deref().and_then(criterion)));
            }
            let evidence = if text.evidence.trim().is_empty() {
                l.pick("ingen ud over besvarelsen", "none beyond the answer").to_owned()
            } else {
                text.evidence.trim().to_owned()
            };
            facts.push(Fact::new(l.pick("Dokumentation", "Evidence"), evidence));
            blocks.push(Block::Facts(facts));
        }
        if !blocks.is_empty() {
            sections.push(Section { title: l.pick(heading_da, heading_en).into(), blocks });
        }
    }
    heading.document(title(l), lang, sections)
}

/// Where an award requirement counts: its sub-criterion, its share of the sub-criterion's points, and
/// when it is measured, the unit the bidder states the value in and the function that scores it.
fn award_facts(f: Format, requirement: &Requirement, criterion: Option<&Criterion>) -> Vec<Fact> {
    let l = f.lang;
    let mut facts = Vec::new();
    let Some(criterion) = criterion else {
        facts.push(Fact::new(
            l.pick("Underkriterium", "Sub-criterion"),
            l.pick("ikke placeret under et underkriterium", "not placed under a sub-criterion"),
        ));
        return facts;
    };
    let named = in_language(l, &criterion.name, &criterion.name_en);
    facts.push(Fact::new(l.pick("Underkriterium", "Sub-criterion"), format!("{} {named}", criterion.id)));
    let own = criterion.requirements.iter().find(|r| r.id == requirement.text.code);
    let total: Decimal = criterion.requirements.iter().filter_map(|r| r.weight).sum();
    if let Some(weight) = own.and_then(|r| r.weight).filter(|_| !total.is_zero() && criterion.requirements.len() > 1) {
        facts.push(Fact::new(
            l.pick("Vægt under underkriteriet", "Weight within the sub-criterion"),
            l.percent(weight / total),
        ));
    }
    if let Some(measure) = own.and_then(|r| r.measure.as_ref()) {
        if let Some(unit) = measure.unit.as_deref().filter(|u| !u.trim().is_empty()) {
            facts.push(Fact::new(l.pick("Enhed", "Unit"), unit));
        }
        facts.push(Fact::new(l.pick("Pointfunktion", "Scoring function"), function(f, measure)));
    }
    facts
}

/// The function in words, with what a value beyond its ends or past its ideal gets.
fn function(f: Format, measure: &Measure) -> String {
    let l = f.lang;
    let mut text = format!("{}; {}", measure.describe(l), l.pick("lineært imellem", "linear in between"));
    if let Some(ideal) = measure.ideal {
        text.push_str(&match l {
            Lang::Da => format!("; ideel værdi {}, og en værdi ud over den giver færre point", f.plain(ideal)),
            Lang::En => format!("; ideal value {}, and a value beyond it gives fewer points", f.plain(ideal)),
        });
    }
    text.push_str(if measure.clamp {
        l.pick(
            "; værdier ud over endepunkterne får endepunktets point",
            "; values beyond the ends get the end's points",
        )
    } else {
        l.pick(
            "; værdier uden for intervallet kan ikke tildeles point",
            "; values outside the range cannot be given points",
        )
    });
    text
}
