//! What a lot's bidders were told. Publishing a lot keeps its terms as they were announced: the evaluation
//! model, the requirements and the price schedule. Once published they are frozen; changing them takes an
//! unlock with a reason, and the next publication keeps the new terms. The changes between one publication
//! and the next are derived here, as plain data, for the report's "Changes after publication".

use crate::evaluation::{Criterion, EvaluationInput, Measure, PriceRule};
use crate::locale::{Lang, Said};
use crate::requirement::{RequirementKind, RequirementText};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The terms of a lot as published with the tender documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Terms {
    /// The model part of the engine's input: method, scale, LCC, minimum requirements, criteria. No bids.
    pub model: EvaluationInput,
    pub requirements: Vec<RequirementText>,
    pub price_items: Vec<PublishedItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedItem {
    pub item: String,
    pub unit: String,
    pub quantity: Decimal,
}

/// One publication of a lot, and the unlock that ended it, if one did.
#[derive(Debug, Clone, PartialEq)]
pub struct Publication {
    pub published_at: String,
    pub published_by: String,
    pub terms: Terms,
    pub unlock: Option<Unlock>,
    /// The tender documents as the bidders received them; none for a lot published before the tender file
    /// kept them (format 9).
    pub documents: Vec<PublishedDocument>,
}

/// Which tender document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocumentKind {
    EvaluationModel,
    RequirementSpecification,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 2] = [DocumentKind::EvaluationModel, DocumentKind::RequirementSpecification];

    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::EvaluationModel => "evaluation_model",
            DocumentKind::RequirementSpecification => "requirement_specification",
        }
    }

    pub fn from_code(code: &str) -> Option<DocumentKind> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// One tender document as published: its text without the footer that names the file it was made from,
/// and the SHA-256 of that text, which the award report cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedDocument {
    pub kind: DocumentKind,
    pub lang: Lang,
    pub title: String,
    pub sha256: String,
    pub content: String,
}

impl PublishedDocument {
    /// The document with its hash computed from `content`.
    pub fn new(kind: DocumentKind, lang: Lang, title: String, content: String) -> PublishedDocument {
        let sha256 = sha256_hex(content.as_bytes());
        PublishedDocument { kind, lang, title, sha256, content }
    }

    /// Whether the kept text still has the hash kept with it.
    pub fn is_intact(&self) -> bool {
        sha256_hex(self.content.as_bytes()) == self.sha256
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlock {
    pub at: String,
    pub by: String,
    pub reason: String,
}

/// An unlock after publication and what it changed: up to the next publication, or up to the terms as
/// they are now when the lot has not been published again.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub unlock: Unlock,
    /// When the changed terms were published again, if they were.
    pub republished_at: Option<String>,
    pub changes: Vec<TermChange>,
}

/// What one published term was about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    Model,
    Scale,
    Lcc,
    /// An announced life-cycle cost line, by its id.
    LccCost(String),
    Criterion(String),
    Requirement(String),
    PriceItem(String),
}

/// Which of a subject's terms changed. `Exists` stands for the subject itself, added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Term {
    Exists,
    AwardMethod,
    ScaleRange,
    ScaleStep(i64),
    Years,
    DiscountRate,
    Escalation,
    EnergyPrice,
    Quantity,
    Co2PerKwh,
    Co2Price,
    Name,
    Parent,
    Weight,
    PriceRule,
    MinPoints,
    Kind,
    TitleDa,
    TitleEn,
    TextDa,
    TextEn,
    Evidence,
    Criterion,
    Measure,
    Unit,
}

/// A published value, as the report words it in either language.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(Decimal),
    Text(String),
    Words(Said),
}

impl Value {
    pub fn show(&self, lang: Lang) -> String {
        match self {
            Value::Number(n) => {
                let n = n.normalize();
                lang.number(n, n.scale())
            }
            Value::Text(text) => text.clone(),
            Value::Words(said) => said.pick(lang).to_owned(),
        }
    }
}

/// One term that changed; `old` is `None` for what was added and `new` for what was removed.
#[derive(Debug, Clone, PartialEq)]
pub struct TermChange {
    pub subject: Subject,
    pub term: Term,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

impl TermChange {
    /// What changed, as a reader of the report names it: "Kriterium KVALITET: vægt".
    pub fn what(&self, l: Lang) -> String {
        let subject = match &self.subject {
            Subject::Model => l.pick("Modellen", "The model").to_owned(),
            Subject::Scale => l.pick("Pointskalaen", "The scale").to_owned(),
            Subject::Lcc => l.pick("Livscyklusomkostninger", "Life-cycle cost").to_owned(),
            Subject::LccCost(code) => format!("{} {code}", l.pick("Omkostningslinje", "Cost line")),
            Subject::Criterion(code) => format!("{} {code}", l.pick("Kriterium", "Criterion")),
            Subject::Requirement(code) => format!("{} {code}", l.pick("Krav", "Requirement")),
            Subject::PriceItem(item) => format!("{} «{item}»", l.pick("Prislinje", "Price item")),
        };
        let term = match self.term {
            Term::Exists if self.old.is_none() => l.pick("tilføjet", "added").to_owned(),
            Term::Exists => l.pick("fjernet", "removed").to_owned(),
            Term::AwardMethod => l.pick("tildelingskriterium", "award criterion").to_owned(),
            Term::ScaleRange => l.pick("spænd", "range").to_owned(),
            Term::ScaleStep(_) => l.pick("trin", "step").to_owned(),
            Term::Years => l.pick("periode (år)", "period (years)").to_owned(),
            Term::DiscountRate => l.pick("diskonteringsrente", "discount rate").to_owned(),
            Term::Escalation => l.pick("prisudvikling", "escalation").to_owned(),
            Term::EnergyPrice => l.pick("energipris pr. kWh", "energy price per kWh").to_owned(),
            Term::Quantity => l.pick("antal enheder", "quantity").to_owned(),
            Term::Co2PerKwh => l.pick("CO2 pr. kWh (kg)", "CO2 per kWh (kg)").to_owned(),
            Term::Co2Price => l.pick("CO2-pris pr. ton", "CO2 price per tonne").to_owned(),
            Term::Name => l.pick("navn", "name").to_owned(),
            Term::Parent => l.pick("placering i træet", "place in the tree").to_owned(),
            Term::Weight => l.pick("vægt", "weight").to_owned(),
            Term::PriceRule => l.pick("prismodel", "price model").to_owned(),
            Term::MinPoints => l.pick("mindstepoint", "minimum points").to_owned(),
            Term::Kind => l.pick("kravtype", "kind").to_owned(),
            Term::TitleDa => l.pick("dansk titel", "Danish title").to_owned(),
            Term::TitleEn => l.pick("engelsk titel", "English title").to_owned(),
            Term::TextDa => l.pick("dansk tekst", "Danish text").to_owned(),
            Term::TextEn => l.pick("engelsk tekst", "English text").to_owned(),
            Term::Evidence => l.pick("dokumentation", "evidence").to_owned(),
            Term::Criterion => l.pick("underkriterium", "sub-criterion").to_owned(),
            Term::Measure => l.pick("måling", "measurement").to_owned(),
            Term::Unit => l.pick("enhed", "unit").to_owned(),
        };
        format!("{subject}: {term}")
    }
}

/// The revisions after the first publication, in order; `current` is the lot's terms now.
pub fn revisions(publications: &[Publication], current: &Terms) -> Vec<Revision> {
    publications
        .iter()
        .enumerate()
        .filter_map(|(index, publication)| {
            let unlock = publication.unlock.clone()?;
            let next = publications.get(index + 1);
            let changed = next.map_or(current, |n| &n.terms);
            Some(Revision {
                unlock,
                republished_at: next.map(|n| n.published_at.clone()),
                changes: changes(&publication.terms, changed),
            })
        })
        .collect()
}

/// The terms that differ between two sets of terms. A subject added or removed is one change, not one per
/// term of it.
pub fn changes(old: &Terms, new: &Terms) -> Vec<TermChange> {
    let (old, new) = (flatten(old), flatten(new));
    // Criteria, requirements and price items come and go; the model, its scale and its LCC are always there.
    let exists = |terms: &BTreeMap<(Subject, Term), Value>, subject: &Subject| {
        matches!(subject, Subject::Model | Subject::Scale | Subject::Lcc)
            || terms.contains_key(&(subject.clone(), Term::Exists))
    };
    let mut keys: Vec<&(Subject, Term)> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|(subject, term)| *term == Term::Exists || (exists(&old, subject) && exists(&new, subject)))
        .filter(|key| old.get(*key) != new.get(*key))
        .filter(|(subject, term)| *term != Term::Exists || !(exists(&old, subject) && exists(&new, subject)))
        .map(|key| TermChange {
            subject: key.0.clone(),
            term: key.1,
            old: old.get(key).cloned(),
            new: new.get(key).cloned(),
        })
        .collect()
}

fn both(words: impl Fn(Lang) -> String) -> Value {
    Value::Words(Said::new(words(Lang::En), words(Lang::Da)))
}

fn number(value: Decimal) -> Value {
    Value::Number(value)
}

fn text(value: &str) -> Value {
    Value::Text(value.to_owned())
}

fn kind(kind: RequirementKind) -> Value {
    both(|l| {
        match kind {
            RequirementKind::Minimum => l.pick("mindstekrav", "minimum requirement"),
            RequirementKind::Award => l.pick("tildelingskrav", "award requirement"),
            RequirementKind::Information => l.pick("oplysningskrav", "information requirement"),
        }
        .to_owned()
    })
}

fn price_rule(rule: &PriceRule) -> Value {
    let rule = serde_json::to_value(rule).expect("price rules always serialize");
    let parts: Vec<String> = rule
        .as_object()
        .into_iter()
        .flatten()
        .map(|(key, value)| format!("{key}: {}", value.as_str().map_or_else(|| value.to_string(), str::to_owned)))
        .collect();
    text(&parts.join(", "))
}

fn measure(measure: &Measure) -> Value {
    Value::Words(Said::new(measure.describe(Lang::En), measure.describe(Lang::Da)))
}

/// Every published term under its subject, so that two sets of terms compare key by key.
fn flatten(terms: &Terms) -> BTreeMap<(Subject, Term), Value> {
    let mut out = BTreeMap::new();
    let model = &terms.model;
    let method = model.award_method;
    out.insert((Subject::Model, Term::AwardMethod), both(|l| method.name(l).to_owned()));
    let scale = &model.scale;
    let range = format!("{} – {}", Value::Number(scale.min).show(Lang::Da), Value::Number(scale.max).show(Lang::Da));
    let range_en = format!("{} – {}", Value::Number(scale.min).show(Lang::En), Value::Number(scale.max).show(Lang::En));
    out.insert((Subject::Scale, Term::ScaleRange), Value::Words(Said::new(range_en, range)));
    for (index, step) in scale.steps.iter().enumerate() {
        let shown = |l: Lang| format!("{}: {}", Value::Number(step.value).show(l), step.label);
        out.insert((Subject::Scale, Term::ScaleStep(index as i64 + 1)), both(shown));
    }
    if let Some(lcc) = &model.lcc {
        for (term, value) in [
            (Term::Years, Decimal::from(lcc.years)),
            (Term::DiscountRate, lcc.discount_rate),
            (Term::Escalation, lcc.escalation),
            (Term::EnergyPrice, lcc.energy_price_per_kwh),
            (Term::Quantity, lcc.quantity),
            (Term::Co2PerKwh, lcc.co2_kg_per_kwh),
            (Term::Co2Price, lcc.co2_price_per_tonne),
        ] {
            out.insert((Subject::Lcc, term), number(value));
        }
        for cost in &lcc.costs {
            let subject = Subject::LccCost(cost.id.clone());
            out.insert((subject.clone(), Term::Exists), text(&cost.name));
            out.insert((subject.clone(), Term::Name), text(&cost.name));
            out.insert((subject.clone(), Term::Years), both(|l| cost.years_text(l)));
            out.insert((subject, Term::Unit), both(|l| cost.unit_text(l, lcc.quantity)));
        }
    }
    fn criteria(parent: &str, nodes: &[Criterion], out: &mut BTreeMap<(Subject, Term), Value>) {
        for node in nodes {
            let subject = Subject::Criterion(node.id.clone());
            let mut put = |term, value| {
                out.insert((subject.clone(), term), value);
            };
            put(Term::Exists, text(&node.name));
            put(Term::Name, text(&node.name));
            put(Term::Parent, text(parent));
            if let Some(weight) = node.weight {
                put(Term::Weight, number(weight));
            }
            if let Some(rule) = &node.price {
                put(Term::PriceRule, price_rule(rule));
            }
            if let Some(points) = node.min_points {
                put(Term::MinPoints, number(points));
            }
            if let Some(m) = &node.measure {
                put(Term::Measure, measure(m));
            }
            for requirement in &node.requirements {
                let subject = Subject::Requirement(requirement.id.clone());
                out.insert((subject.clone(), Term::Criterion), text(&node.id));
                if let Some(weight) = requirement.weight {
                    out.insert((subject.clone(), Term::Weight), number(weight));
                }
                if let Some(m) = &requirement.measure {
                    out.insert((subject, Term::Measure), measure(m));
                }
            }
            criteria(&node.id, &node.children, out);
        }
    }
    criteria("", &model.criteria, &mut out);
    for requirement in &terms.requirements {
        let subject = Subject::Requirement(requirement.code.clone());
        for (term, value) in [
            (Term::Exists, text(&requirement.title_da)),
            (Term::Kind, kind(requirement.kind)),
            (Term::TitleDa, text(&requirement.title_da)),
            (Term::TitleEn, text(&requirement.title_en)),
            (Term::TextDa, text(&requirement.text_da)),
            (Term::TextEn, text(&requirement.text_en)),
            (Term::Evidence, text(&requirement.evidence)),
        ] {
            out.insert((subject.clone(), term), value);
        }
    }
    for item in &terms.price_items {
        let subject = Subject::PriceItem(item.item.clone());
        out.insert((subject.clone(), Term::Exists), text(&item.item));
        out.insert((subject.clone(), Term::Quantity), number(item.quantity));
        out.insert((subject, Term::Unit), text(&item.unit));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Terms, changes};
    use crate::evaluation::exchange;
    use crate::locale::Lang;

    /// A cost line moved to other years or taken out after publication is a change the report lists, each in
    /// the order of the terms.
    #[test]
    fn a_changed_or_removed_cost_line_is_a_change_of_the_terms() {
        let fixture = include_str!("../fixtures/evaluation/lcc_costs/input.json");
        let model = exchange::parse_input(fixture).unwrap();
        let old = Terms { model, requirements: Vec::new(), price_items: Vec::new() };
        let mut new = old.clone();
        let costs = &mut new.model.lcc.as_mut().unwrap().costs;
        costs[1].to_year = 3;
        costs.pop();
        let found: Vec<(String, Option<String>)> =
            changes(&old, &new).iter().map(|c| (c.what(Lang::Da), c.new.as_ref().map(|v| v.show(Lang::Da)))).collect();
        assert_eq!(
            found,
            [
                ("Omkostningslinje FILTERS: fjernet".to_owned(), None),
                ("Omkostningslinje OVERHAUL: periode (år)".to_owned(), Some("år 2–3".to_owned())),
                // A one-off that becomes yearly is asked for per year now.
                ("Omkostningslinje OVERHAUL: enhed".to_owned(), Some("kr. pr. år i alt for 2 enheder".to_owned())),
            ]
        );
    }
}
