//! The evaluation model and the bids as plain data.
//!
//! These types are both the engine's input and the exchange format (`docs/evaluation-format.md`): the field
//! names are the JSON names, optional fields default so that files with only the contract's required fields
//! still read. Every amount, weight and score is a [`Decimal`].

use super::id_map::IdMap;
use super::individual::IndividualScores;
use crate::locale::Lang;
use rust_decimal::Decimal;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use smol_str::SmolStr;
use std::fmt;
use std::marker::PhantomData;

/// Everything needed to evaluate one lot: the published evaluation model and the bids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationInput {
    #[serde(default = "default_currency")]
    pub currency: String,
    pub scale: Scale,
    pub award_method: AwardMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lcc: Option<LccParameters>,
    #[serde(default)]
    pub minimum_requirements: Vec<MinimumRequirement>,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub bids: Vec<Bid>,
    /// Share of the scale range above which the spread of individual scores is flagged (default 0.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disagreement_share: Option<Decimal>,
    /// Settings for the Monte Carlo part of the sensitivity analysis; the CLI flags override them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monte_carlo: Option<MonteCarloSettings>,
    /// The ranges announced for criteria's weights where the tender gives a range rather than one weight
    /// (Directive 2014/24/EU art. 67(5)); the weight applied must lie within its range. *Extension*.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weight_ranges: Vec<AnnouncedRange>,
}

/// An announced range for one criterion's weight, in the unit of its weight among its siblings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncedRange {
    pub criterion: String,
    pub min: Decimal,
    pub max: Decimal,
}

fn default_currency() -> String {
    "DKK".to_owned()
}

/// The common scoring scale, with an optional written meaning for each step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub min: Decimal,
    pub max: Decimal,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<ScaleStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleStep {
    pub value: Decimal,
    pub label: String,
    /// The step's meaning in English; empty while only the Danish one is written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label_en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardMethod {
    BestPriceQuality,
    LowestPrice,
    LowestCost,
    PricePerQualityPoint,
    ValueAdjustedPrice,
}

impl AwardMethod {
    /// Whether a higher total is better (best price-quality) or a lower one (every price or cost method).
    pub fn higher_is_better(self) -> bool {
        self == AwardMethod::BestPriceQuality
    }

    /// The award method as the tender documents name it.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            AwardMethod::BestPriceQuality => {
                lang.pick("Bedste forhold mellem pris og kvalitet", "Best price-quality ratio")
            }
            AwardMethod::LowestPrice => lang.pick("Laveste pris", "Lowest price"),
            AwardMethod::LowestCost => lang.pick("Laveste omkostninger (livscyklus)", "Lowest cost (life cycle)"),
            AwardMethod::PricePerQualityPoint => lang.pick("Pris pr. kvalitetspoint", "Price per quality point"),
            AwardMethod::ValueAdjustedPrice => lang.pick("Værdijusteret pris", "Value-adjusted price"),
        }
    }
}

/// The tender's announced life-cycle cost parameters (domain.md, "Life-cycle cost").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LccParameters {
    pub years: u32,
    #[serde(default)]
    pub discount_rate: Decimal,
    #[serde(default)]
    pub escalation: Decimal,
    #[serde(default)]
    pub energy_price_per_kwh: Decimal,
    #[serde(default = "one")]
    pub quantity: Decimal,
    #[serde(default)]
    pub co2_kg_per_kwh: Decimal,
    #[serde(default)]
    pub co2_price_per_tonne: Decimal,
    /// The announced cost lines beyond the fixed yearly costs: a cost from one year to another (a service
    /// agreement after the warranty), a one-off in a single year (an overhaul or a replacement), or a unit
    /// price against an announced yearly volume (consumables). *Extension*: a model without them reads and
    /// evaluates as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub costs: Vec<LccCost>,
}

/// One announced life-cycle cost line. The bidder gives one amount for it (`LccInputs::costs`), at today's
/// prices; the yearly amount is that amount × `volume` (when announced) × the quantity (when `per` is
/// `unit`), paid in each year from `from_year` to `to_year`, both included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LccCost {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// The name in English; empty while only the Danish one is written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    pub per: LccCostBasis,
    pub from_year: u32,
    pub to_year: u32,
    /// The announced yearly volume (10,000 filters a year, say): the bidder then gives a unit price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<Decimal>,
}

/// Whether a cost line's amount is for one unit (and so multiplied by the quantity) or for all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LccCostBasis {
    Unit,
    Total,
}

impl LccCostBasis {
    pub fn code(self) -> &'static str {
        match self {
            LccCostBasis::Unit => "unit",
            LccCostBasis::Total => "total",
        }
    }

    pub fn from_code(code: &str) -> Option<LccCostBasis> {
        [LccCostBasis::Unit, LccCostBasis::Total].into_iter().find(|basis| basis.code() == code)
    }
}

impl LccCost {
    /// The line's name in `lang`, the Danish one where no English name is written.
    pub fn name(&self, lang: Lang) -> &str {
        if lang == Lang::En && !self.name_en.is_empty() { &self.name_en } else { &self.name }
    }

    /// The years the cost falls in: "år 3–10" or, for a one-off, "år 5".
    pub fn years_text(&self, lang: Lang) -> String {
        if self.from_year == self.to_year {
            format!("{} {}", lang.pick("år", "year"), self.from_year)
        } else {
            format!("{} {}–{}", lang.pick("år", "years"), self.from_year, self.to_year)
        }
    }

    /// What the bidder's amount is, in words: "kr. pr. stk. × 10.000 stk./år pr. enhed", "kr. pr. år i alt
    /// for 4 enheder" or, for a one-off, "kr. i alt for 4 enheder". `quantity` is the lot's number of units.
    pub fn unit_text(&self, lang: Lang, quantity: Decimal) -> String {
        let basis = match self.per {
            LccCostBasis::Unit => lang.pick("pr. enhed", "per unit").to_owned(),
            LccCostBasis::Total => units_in_total(lang, quantity),
        };
        match self.volume {
            Some(volume) => format!(
                "{} × {} {} {basis}",
                lang.pick("kr. pr. stk.", "kr. per piece"),
                lang.exact(volume),
                lang.pick("stk./år", "pieces/year")
            ),
            None if self.from_year == self.to_year => format!("kr. {basis}"),
            None => format!("{} {basis}", lang.pick("kr. pr. år", "kr. per year")),
        }
    }
}

/// "i alt for 4 enheder" / "in total for 4 units", the lot's quantity in the language's number format.
pub fn units_in_total(lang: Lang, quantity: Decimal) -> String {
    let one = quantity == Decimal::ONE;
    let units = if one { lang.pick("enhed", "unit") } else { lang.pick("enheder", "units") };
    format!("{} {} {units}", lang.pick("i alt for", "in total for"), lang.exact(quantity))
}

fn one() -> Decimal {
    Decimal::ONE
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinimumRequirement {
    pub id: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_en: String,
}

/// A node of the criteria tree. A node with `children` is an award criterion whose weight is shared by its
/// sub-criteria; a node without is a leaf, scored either by a price model (`price`), by a measured value
/// (`measure`), by its award requirements (`requirements`), or directly on the scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// The name in English, for the English report and letters; empty while only `name` is written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    /// Relative weight among its siblings; missing is a validation problem, not zero.
    #[serde(default)]
    pub weight: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<PriceRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Criterion>,
    /// Money value of one point, used by `value_adjusted_price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_per_point: Option<Decimal>,
    /// Announced minimum points on this criterion (weighted mean of its leaves); below it a bid is excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_points: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<AwardRequirement>,
}

impl Criterion {
    /// Whether award requirements are scored under it: a leaf scored neither by a price model nor a measure.
    pub fn takes_requirements(&self) -> bool {
        self.children.is_empty() && self.price.is_none() && self.measure.is_none()
    }
}

/// How a price leaf turns a price or life-cycle cost into points. The parameters a model needs are
/// checked by validation, so that a missing one is reported with the criterion's id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceRule {
    pub model: PriceModel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_points_at: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_points_at: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_at_percent_above_lowest: Option<Decimal>,
    #[serde(default)]
    pub basis: PriceBasis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceModel {
    LinearFixed,
    LinearFromLowest,
    Proportional,
}

impl PriceModel {
    /// Relative models give points that depend on the other bids' prices.
    pub fn is_relative(self) -> bool {
        self != PriceModel::LinearFixed
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceBasis {
    #[default]
    Price,
    Lcc,
}

/// An award requirement scored under a leaf; the leaf's points are the weighted mean of its requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AwardRequirement {
    pub id: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_en: String,
    #[serde(default)]
    pub weight: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
}

/// The announced scoring function of a measured requirement (see `measured.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub worst: Decimal,
    pub best: Decimal,
    pub direction: Direction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ideal: Option<Decimal>,
    #[serde(default = "yes")]
    pub clamp: bool,
    /// The unit the bidder states the value in ("kWh", "år"), for the documents; the engine never reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

fn yes() -> bool {
    true
}

impl Measure {
    /// The function in words, as the tender documents announce it: "bedst 10 kWh, værst 100 kWh (lavere er
    /// bedre)".
    pub fn describe(&self, lang: Lang) -> String {
        let unit = self.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
        let number = |value: Decimal| {
            let value = value.normalize();
            format!("{}{unit}", lang.number(value, value.scale()))
        };
        let direction = match self.direction {
            Direction::HigherIsBetter => lang.pick("højere er bedre", "higher is better"),
            Direction::LowerIsBetter => lang.pick("lavere er bedre", "lower is better"),
        };
        format!(
            "{} {}, {} {} ({direction})",
            lang.pick("bedst", "best"),
            number(self.best),
            lang.pick("værst", "worst"),
            number(self.worst)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// One bid for the lot. Scores, measured values, individual scores and justifications are keyed by the id of
/// a leaf or of an award requirement (ids are unique across the tree). The keys are [`SmolStr`]s, which keep
/// ids of up to 23 bytes inline, in sorted vectors ([`IdMap`]): the engine compares every key of every bid
/// with the tree's ids on each evaluation, and with keys behind pointers that time went to waiting for memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bid {
    pub id: String,
    #[serde(default)]
    pub bidder: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Decimal>,
    /// The price sheet lines; when `price` is absent the price is their sum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price_lines: Vec<PriceLine>,
    #[serde(default)]
    pub minimum: IdMap<bool>,
    /// Consensus scores on the scale.
    #[serde(default)]
    pub scores: IdMap<Decimal>,
    /// Answers to measured requirements.
    #[serde(default, skip_serializing_if = "IdMap::is_empty")]
    pub values: IdMap<Decimal>,
    /// Each evaluator's own score per item; `null` is a blank (missing) score, never zero.
    #[serde(default, skip_serializing_if = "IndividualScores::is_empty")]
    pub individual_scores: IndividualScores,
    /// The panel's written reason for each consensus score; carried for the award report.
    #[serde(default, skip_serializing_if = "IdMap::is_empty")]
    pub justifications: IdMap<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lcc_inputs: Option<LccInputs>,
}

impl Bid {
    /// The bid's price: `price` if given, else the sum of its price lines, else none.
    pub fn stated_price(&self) -> Option<Decimal> {
        self.price.or_else(|| (!self.price_lines.is_empty()).then(|| self.price_lines.iter().map(|l| l.amount).sum()))
    }
}

/// Reads a JSON object as its entries in the order written, for a map to be built from all of them at once.
pub(crate) fn entries<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<(SmolStr, V)>, D::Error> {
    deserializer.deserialize_map(Entries(PhantomData))
}

/// A JSON object of objects as its keys, each with its inner object's entries.
pub(crate) type NestedEntries<V> = Vec<(SmolStr, Vec<(SmolStr, V)>)>;

/// Reads a JSON object of objects, such as the individual scores by item and evaluator, as its entries in the
/// order written.
pub(crate) fn entries_of_entries<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    deserializer: D,
) -> Result<NestedEntries<V>, D::Error> {
    let entries: Vec<(SmolStr, Inner<V>)> = deserializer.deserialize_map(Entries(PhantomData))?;
    Ok(entries.into_iter().map(|(key, inner)| (key, inner.0)).collect())
}

/// An inner object of [`entries_of_entries`].
struct Inner<V>(Vec<(SmolStr, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Inner<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(Entries(PhantomData)).map(Inner)
    }
}

/// Collects a JSON object's entries in the order written.
struct Entries<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
    type Value = Vec<(SmolStr, V)>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0));
        while let Some(entry) = access.next_entry()? {
            entries.push(entry);
        }
        Ok(entries)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceLine {
    pub line: String,
    pub amount: Decimal,
}

/// A bid's life-cycle cost inputs; all are totals for the tender's quantity except the energy use, which is
/// per unit and multiplied by the quantity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LccInputs {
    pub acquisition: Decimal,
    pub energy_kwh_per_year: Decimal,
    pub maintenance_per_year: Decimal,
    pub consumables_per_year: Decimal,
    pub other_per_year: Decimal,
    pub end_of_life_cost: Decimal,
    pub take_back_value: Decimal,
    /// The amount for each announced cost line (`LccParameters::costs`), by the line's id: per unit or in
    /// total as the line says, a unit price where it announces a volume. *Extension*.
    #[serde(skip_serializing_if = "IdMap::is_empty")]
    pub costs: IdMap<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonteCarloSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draws: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perturbation_percent: Option<Decimal>,
}
