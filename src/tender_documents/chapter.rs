//! The tender conditions' chapter on the award criteria and the evaluation ("Tildelingskriterier og
//! evaluering"), made from a lot's evaluation model.
//!
//! Udbudsloven § 160 binds the authority to the criteria, their weighting and the evaluation method as
//! announced, so the chapter states each of them as the engine will apply it. Its worked examples are the
//! engine's own numbers for invented prices and answers: the price models through [`price_curve`], the
//! life-cycle cost through [`life_cycle_cost`] and the measured requirements through [`Measure::points`].
//! No number in the chapter is typed here.

use super::{Heading, in_language};
use crate::evaluation::{
    AwardMethod, Criterion, Evaluation, EvaluationInput, EvaluationResult, LccInputs, LccParameters, Measure,
    PriceBasis, PriceRule, Problem, Scale, life_cycle_cost, price_curve,
};
use crate::locale::Lang;
use crate::report::evaluation::{Format, lcc_elements, lcc_facts, lcc_formula, price_formula, tree};
use crate::report::model::{Block, Column, Document, Fact, Section, Table};
use crate::tie_break::TieBreak;
use rust_decimal::Decimal;

/// The chapter's title, which is also the document's heading.
pub fn title(l: Lang) -> &'static str {
    l.pick("Tildelingskriterier og evaluering", "Award criteria and evaluation")
}

/// The chapter for one lot in `lang`. `tie_break` is the announced rule for equal results and
/// `tie_break_text` its wording in the tender, quoted when there is one. The model's bids are never read.
/// A model the engine would refuse gives its problems instead: a chapter must not announce a method that
/// cannot be applied.
pub fn evaluation_chapter(
    heading: &Heading,
    model: &EvaluationInput,
    tie_break: TieBreak,
    tie_break_text: &str,
    lang: Lang,
) -> Result<Document, Vec<Problem>> {
    let mut model = model.clone();
    model.bids.clear();
    let result = Evaluation::new(&model).map_err(|e| e.into_problems())?.result();
    let chapter = Chapter { f: Format { lang, currency: &model.currency }, model: &model, result: &result };
    let mut sections = vec![chapter.award_method()];
    if !model.criteria.is_empty() {
        sections.push(chapter.criteria());
        sections.push(chapter.scale());
    }
    sections.extend(chapter.price_models());
    sections.extend(chapter.lcc());
    sections.extend(chapter.measured());
    sections.extend(chapter.minimum_points());
    sections.push(chapter.combination());
    sections.push(tie_break_section(lang, tie_break, tie_break_text));
    sections.push(Section {
        title: lang.pick("Afrunding", "Rounding").into(),
        blocks: vec![Block::Paragraph(format!(
            "{} {}",
            lang.rounding_rule(),
            lang.pick(
                "Rangordningen afgøres af de uafrundede værdier, så to tilbud kan vise samme afrundede resultat og alligevel placeres forskelligt.",
                "The ranking is decided on the unrounded values, so two tenders can show the same rounded result and still be placed differently.",
            )
        ))],
    });
    Ok(heading.document(title(lang), lang, sections))
}

struct Chapter<'a> {
    f: Format<'a>,
    model: &'a EvaluationInput,
    result: &'a EvaluationResult,
}

/// A criterion's name in the document's language, or its code while it has no name.
fn name(l: Lang, criterion: &Criterion) -> String {
    let named = in_language(l, &criterion.name, &criterion.name_en);
    if named.trim().is_empty() { criterion.id.clone() } else { named }
}

/// The invented amounts of a price model's worked example: four amounts that show full points, points in
/// between and, for a fixed model, no points beyond the zero-points amount.
fn example_amounts(rule: &PriceRule) -> Vec<Decimal> {
    match (rule.full_points_at, rule.zero_points_at) {
        (Some(full), Some(zero)) if !rule.model.is_relative() => {
            let step = (zero - full) / Decimal::from(5);
            vec![full, full + step, full + step * Decimal::from(3), zero + step]
        }
        _ => [1_000_000, 1_250_000, 1_600_000, 2_000_000].into_iter().map(Decimal::from).collect(),
    }
}

/// The engine's points for `amount` under `rule`, with `lowest` as the lowest competing amount: the first
/// point of the engine's own price curve, which starts at `amount`.
fn engine_points(rule: &PriceRule, scale: &Scale, lowest: Decimal, amount: Decimal) -> Result<Decimal, String> {
    let curve = price_curve(rule, scale, lowest, amount, amount + Decimal::ONE, 2)?;
    Ok(curve[0].points)
}

impl Chapter<'_> {
    fn l(&self) -> Lang {
        self.f.lang
    }

    fn leaves(&self) -> Vec<&Criterion> {
        tree(&self.model.criteria).into_iter().map(|(_, c)| c).filter(|c| c.children.is_empty()).collect()
    }

    fn award_method(&self) -> Section {
        let l = self.l();
        let method = self.model.award_method;
        let (basis, clause) = match method {
            AwardMethod::LowestPrice => (l.pick("pris", "price"), l.pick("nr. 1", "no. 1")),
            AwardMethod::LowestCost => (
                l.pick("omkostninger opgjort som livscyklusomkostninger", "cost, as life-cycle cost"),
                l.pick("nr. 2", "no. 2"),
            ),
            AwardMethod::BestPriceQuality | AwardMethod::PricePerQualityPoint | AwardMethod::ValueAdjustedPrice => (
                l.pick("bedste forhold mellem pris og kvalitet", "the best price-quality ratio"),
                l.pick("nr. 3", "no. 3"),
            ),
        };
        let winner = match method {
            AwardMethod::BestPriceQuality => l.pick(
                "Kontrakten tildeles det tilbud, der opnår flest samlede point.",
                "The contract is awarded to the tender with the most points in total.",
            ),
            AwardMethod::LowestPrice => l.pick(
                "Kontrakten tildeles tilbuddet med den laveste pris.",
                "The contract is awarded to the tender with the lowest price.",
            ),
            AwardMethod::LowestCost => l.pick(
                "Kontrakten tildeles tilbuddet med de laveste livscyklusomkostninger.",
                "The contract is awarded to the tender with the lowest life-cycle cost.",
            ),
            AwardMethod::PricePerQualityPoint => l.pick(
                "Kontrakten tildeles tilbuddet med den laveste pris pr. kvalitetspoint.",
                "The contract is awarded to the tender with the lowest price per quality point.",
            ),
            AwardMethod::ValueAdjustedPrice => l.pick(
                "Kontrakten tildeles tilbuddet med den laveste værdijusterede pris.",
                "The contract is awarded to the tender with the lowest value-adjusted price.",
            ),
        };
        // A method without criteria (lowest cost on life-cycle cost alone) gives no points, so no scale.
        let mut facts = vec![Fact::new(l.pick("Tildelingskriterium", "Award criterion"), method.name(l))];
        if !self.model.criteria.is_empty() {
            facts.push(Fact::new(
                l.pick("Pointskala", "Scale"),
                format!("{} – {}", self.f.plain(self.model.scale.min), self.f.plain(self.model.scale.max)),
            ));
        }
        let blocks = vec![
            Block::Paragraph(match l {
                Lang::Da => format!(
                    "Ordregiveren tildeler kontrakten på grundlag af det økonomisk mest fordelagtige tilbud, som identificeres på grundlag af {basis}, jf. udbudslovens § 162, stk. 1, {clause}. {winner}"
                ),
                Lang::En => format!(
                    "The contracting authority awards the contract on the basis of the most economically advantageous tender, identified on the basis of {basis} (section 162(1), {clause}, of the Danish Public Procurement Act). {winner}"
                ),
            }),
            Block::Paragraph(
                l.pick(
                    "Tildelingskriterierne, deres vægtning og evalueringsmetoden fremgår af dette kapitel, jf. udbudslovens § 160. Tilbuddene evalueres alene efter det, der er beskrevet her.",
                    "The award criteria, their weighting and the evaluation method are set out in this chapter (section 160 of the Act). Tenders are evaluated only as described here.",
                )
                .into(),
            ),
            Block::Facts(facts),
            Block::Paragraph(
                l.pick(
                    "Kun konditionsmæssige tilbud evalueres. Et tilbud, der ikke opfylder et mindstekrav i kravspecifikationen, er ukonditionsmæssigt og afvises.",
                    "Only compliant tenders are evaluated. A tender that does not meet a minimum requirement of the requirement specification is non-compliant and is rejected.",
                )
                .into(),
            ),
        ];
        Section { title: l.pick("Tildelingskriterium", "Award criterion").into(), blocks }
    }

    fn criteria(&self) -> Section {
        let l = self.l();
        let mut rows = Vec::new();
        fn walk<'a>(depth: usize, siblings: &'a [Criterion], out: &mut Vec<(usize, Decimal, &'a Criterion)>) {
            let total: Decimal = siblings.iter().filter_map(|c| c.weight).sum();
            for criterion in siblings {
                // Validation has refused a level whose weights do not sum to more than zero.
                let share = criterion.weight.unwrap_or_default() / total;
                out.push((depth, share, criterion));
                walk(depth + 1, &criterion.children, out);
            }
        }
        let mut nodes = Vec::new();
        walk(0, &self.model.criteria, &mut nodes);
        for (depth, share, criterion) in nodes {
            let effective = self.result.leaf_weights.get(&criterion.id).map(|w| l.percent(*w)).unwrap_or_default();
            rows.push(vec![
                criterion.id.clone(),
                format!("{}{}", "– ".repeat(depth), name(l, criterion)),
                l.percent(share),
                effective,
            ]);
        }
        let blocks = vec![
            Block::Paragraph(
                l.pick(
                    "Tilbuddene evalueres på følgende kriterier og underkriterier. Vægten er angivet i procent af niveauet over: hovedkriterierne udgør tilsammen 100 %, og underkriterierne under et hovedkriterium udgør tilsammen 100 % af dette. Et underkriteriums effektive vægt er produktet af vægtene ned gennem kriterierne og er den vægt, dets point ganges med (udbudslovens § 165, stk. 1).",
                    "Tenders are evaluated on the following criteria and sub-criteria. Each weight is a percentage of the level above: the main criteria make 100% together, and the sub-criteria under a main criterion make 100% of it. A sub-criterion's effective weight is the product of the weights down the criteria and is the weight its points are multiplied by (section 165(1) of the Act).",
                )
                .into(),
            ),
            Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Kode", "Code"), 2),
                    Column::left(l.pick("Kriterium", "Criterion"), 7),
                    Column::right(l.pick("Vægt", "Weight"), 3),
                    Column::right(l.pick("Effektiv vægt", "Effective weight"), 3),
                ],
                rows,
            }),
        ];
        let mut blocks = blocks;
        if !self.model.weight_ranges.is_empty() {
            blocks.push(Block::Paragraph(
                l.pick(
                    "For de følgende kriterier er vægten angivet med en ramme med et passende maksimalt udsving (udbudsdirektivets art. 67, stk. 5). Rammen er angivet i samme enhed som vægtene på kriteriets niveau, og den vægt, der anvendes i evalueringen, ligger inden for den.",
                    "For the following criteria the weight is given as a range with an appropriate maximum spread (Directive 2014/24/EU art. 67(5)). The range is in the unit of the weights at the criterion's level, and the weight applied in the evaluation lies within it.",
                )
                .into(),
            ));
            let rows = self
                .model
                .weight_ranges
                .iter()
                .map(|range| {
                    let criterion =
                        tree(&self.model.criteria).into_iter().map(|(_, c)| c).find(|c| c.id == range.criterion);
                    vec![
                        range.criterion.clone(),
                        criterion.map(|c| name(l, c)).unwrap_or_default(),
                        format!("{} – {}", self.f.plain(range.min), self.f.plain(range.max)),
                        criterion.and_then(|c| c.weight).map(|w| self.f.plain(w)).unwrap_or_default(),
                    ]
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Kode", "Code"), 2),
                    Column::left(l.pick("Kriterium", "Criterion"), 7),
                    Column::right(l.pick("Vægtramme", "Weight range"), 3),
                    Column::right(l.pick("Vægt i modellen", "Weight in the model"), 3),
                ],
                rows,
            }));
        }
        Section { title: l.pick("Kriterier og vægtning", "Criteria and weighting").into(), blocks }
    }

    fn scale(&self) -> Section {
        let l = self.l();
        let scale = &self.model.scale;
        let mut blocks = vec![Block::Paragraph(match l {
            Lang::Da => format!(
                "Kriterier, der ikke er pris eller måles efter en fastsat funktion, bedømmes på en skala fra {} til {} point, hvor {} er bedst.",
                self.f.plain(scale.min),
                self.f.plain(scale.max),
                self.f.plain(scale.max)
            ),
            Lang::En => format!(
                "Criteria that are not price and are not measured by an announced function are scored on a scale from {} to {} points, where {} is best.",
                self.f.plain(scale.min),
                self.f.plain(scale.max),
                self.f.plain(scale.max)
            ),
        })];
        if !scale.steps.is_empty() {
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::right(l.pick("Point", "Points"), 1),
                    Column::left(l.pick("Betydning", "Meaning"), 8),
                ],
                rows: scale
                    .steps
                    .iter()
                    .rev()
                    .map(|s| vec![self.f.plain(s.value), in_language(l, &s.label, &s.label_en)])
                    .collect(),
            }));
        }
        Section { title: l.pick("Pointskala", "The scale").into(), blocks }
    }

    /// One section per price or cost leaf: the model in words and as a formula, a worked example whose
    /// points are the engine's, and for a relative model the warning that the points depend on the others.
    fn price_models(&self) -> Vec<Section> {
        let l = self.l();
        let f = self.f;
        let scale = &self.model.scale;
        let mut sections = Vec::new();
        for leaf in self.leaves() {
            let Some(rule) = &leaf.price else { continue };
            let weight = self.result.leaf_weights.get(&leaf.id).copied().unwrap_or_default();
            let mut blocks = vec![Block::Paragraph(price_formula(f, rule, scale))];
            if rule.basis == PriceBasis::Lcc {
                blocks.push(Block::Paragraph(
                    l.pick(
                        "Beløbet er tilbuddets livscyklusomkostninger, beregnet som beskrevet i afsnittet om livscyklusomkostninger.",
                        "The amount is the tender's life-cycle cost, computed as described in the section on life-cycle cost.",
                    )
                    .into(),
                ));
            }
            let amounts = example_amounts(rule);
            let lowest = amounts[0];
            let mut rows = Vec::new();
            for (index, amount) in amounts.iter().enumerate() {
                let Ok(points) = engine_points(rule, scale, lowest, *amount) else { continue };
                rows.push(vec![
                    format!("{} {}", l.pick("Tilbud", "Tender"), (b'A' + index as u8) as char),
                    f.money(*amount),
                    l.points(points),
                    l.points(points * weight),
                ]);
            }
            blocks.push(Block::Subheading(
                l.pick("Regneeksempel med fiktive priser", "Worked example on invented prices").into(),
            ));
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Tilbud", "Tender"), 3),
                    Column::right(l.pick("Beløb", "Amount"), 4),
                    Column::right(l.pick("Point", "Points"), 3),
                    Column::right(l.pick("Vægtede point", "Weighted points"), 3),
                ],
                rows,
            }));
            blocks.push(Block::Paragraph(match l {
                Lang::Da => format!(
                    "Vægtede point er point gange den effektive vægt {}. Priserne er opfundet til eksemplet og siger intet om det forventede prisniveau.",
                    l.percent(weight)
                ),
                Lang::En => format!(
                    "Weighted points are the points times the effective weight {}. The prices are invented for the example and say nothing of the expected price level.",
                    l.percent(weight)
                ),
            }));
            if rule.model.is_relative() {
                blocks.push(Block::Subheading(l.pick("Relativ prismodel", "Relative price model").into()));
                let mut warning = l
                    .pick(
                        "Modellen er relativ: et tilbuds point afhænger af de andre tilbuds priser, fordi de beregnes ud fra den laveste pris blandt de konditionsmæssige tilbud, der fortsat konkurrerer. Et tilbud kan derfor få færre eller flere point, og to andre tilbud kan bytte plads, alene fordi et tredje tilbud kommer til eller falder bort.",
                        "The model is relative: a tender's points depend on the other tenders' prices, because they are computed from the lowest price among the compliant tenders still competing. A tender can therefore get fewer or more points, and two other tenders can change places, only because a third tender is added or drops out.",
                    )
                    .to_owned();
                let without = amounts[1];
                if let (Ok(with_lowest), Ok(alone)) =
                    (engine_points(rule, scale, lowest, without), engine_points(rule, scale, without, without))
                {
                    warning.push(' ');
                    warning.push_str(&match l {
                        Lang::Da => format!(
                            "I eksemplet ville tilbud B få {} point i stedet for {}, hvis tilbud A på {} ikke var med.",
                            l.points(alone),
                            l.points(with_lowest),
                            f.money(lowest)
                        ),
                        Lang::En => format!(
                            "In the example, tender B would get {} points instead of {} if tender A at {} were not there.",
                            l.points(alone),
                            l.points(with_lowest),
                            f.money(lowest)
                        ),
                    });
                }
                blocks.push(Block::Paragraph(warning));
            }
            sections
                .push(Section { title: format!("{}: {}", l.pick("Prismodel", "Price model"), name(l, leaf)), blocks });
        }
        sections
    }

    /// The announced life-cycle cost: the formula, its parameters, which cost elements count and how, and
    /// the engine's life-cycle cost for an invented tender.
    fn lcc(&self) -> Option<Section> {
        let l = self.l();
        let f = self.f;
        let params = self.model.lcc.as_ref()?;
        let mut blocks = vec![
            Block::Paragraph(
                l.pick(
                    "Livscyklusomkostningerne beregnes efter en på forhånd fastlagt metode med de parametre, der er angivet her (udbudsdirektivets art. 68). Tilbudsgiveren oplyser sine omkostninger i tilbudslisten.",
                    "The life-cycle cost is computed by a method fixed in advance with the parameters given here (Directive 2014/24/EU, art. 68). The tenderer states its costs in the price sheet.",
                )
                .into(),
            ),
            Block::Paragraph(lcc_formula(l).into()),
            Block::Facts(lcc_facts(f, params)),
            Block::Subheading(l.pick("Omkostninger, der indgår", "Costs that count").into()),
            Block::Table(Table {
                columns: vec![Column::left(l.pick("Omkostning", "Cost"), 3), Column::left(l.pick("Sådan indgår den", "How it counts"), 8)],
                rows: cost_elements(f, params),
            }),
        ];
        let invented = LccInputs {
            acquisition: Decimal::from(100_000),
            energy_kwh_per_year: Decimal::from(2_000),
            maintenance_per_year: Decimal::from(6_000),
            consumables_per_year: Decimal::from(1_000),
            other_per_year: Decimal::ZERO,
            end_of_life_cost: Decimal::from(2_000),
            take_back_value: Decimal::from(10_000),
            costs: params.costs.iter().map(|line| (line.id.clone(), Decimal::from(1_000))).collect(),
        };
        if let Some(cost) = life_cycle_cost(params, &invented) {
            blocks.push(Block::Subheading(
                l.pick("Regneeksempel med et fiktivt tilbud", "Worked example on an invented tender").into(),
            ));
            blocks.push(Block::Paragraph(match l {
                Lang::Da => format!(
                    "Et fiktivt tilbud med anskaffelsespris {}, {} kWh pr. år, vedligehold {} pr. år, forbrugsvarer {} pr. år, bortskaffelse {} og tilbagetagningsværdi {} giver disse nutidsværdier:",
                    f.money(invented.acquisition),
                    f.plain(invented.energy_kwh_per_year),
                    f.money(invented.maintenance_per_year),
                    f.money(invented.consumables_per_year),
                    f.money(invented.end_of_life_cost),
                    f.money(invented.take_back_value)
                ),
                Lang::En => format!(
                    "An invented tender with acquisition price {}, {} kWh per year, maintenance {} per year, consumables {} per year, end of life {} and take-back value {} gives these present values:",
                    f.money(invented.acquisition),
                    f.plain(invented.energy_kwh_per_year),
                    f.money(invented.maintenance_per_year),
                    f.money(invented.consumables_per_year),
                    f.money(invented.end_of_life_cost),
                    f.money(invented.take_back_value)
                ),
            }));
            if !params.costs.is_empty() {
                blocks.push(Block::Paragraph(
                    l.pick(
                        "For hver af de angivne omkostningslinjer oplyser det fiktive tilbud 1.000 kr.",
                        "For each of the announced cost lines the invented tender states DKK 1,000.",
                    )
                    .into(),
                ));
            }
            let rows: Vec<Vec<String>> = lcc_elements(l, &params.costs, &cost)
                .into_iter()
                .map(|(label, amount)| vec![label, l.money(amount, f.currency, crate::locale::MoneyPrecision::Ore)])
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Omkostning", "Cost"), 6),
                    Column::right(l.pick("Nutidsværdi", "Present value"), 4),
                ],
                rows,
            }));
        }
        Some(Section { title: l.pick("Livscyklusomkostninger (LCC)", "Life-cycle cost (LCC)").into(), blocks })
    }

    /// The measured criteria and award requirements with their functions, and the engine's points at the
    /// worst value, half way and at the best value.
    fn measured(&self) -> Option<Section> {
        let l = self.l();
        let scale = &self.model.scale;
        let mut rows = Vec::new();
        let mut notes = Vec::new();
        for leaf in self.leaves() {
            let mut items: Vec<(String, String, &Measure)> = Vec::new();
            if let Some(measure) = &leaf.measure {
                items.push((leaf.id.clone(), name(l, leaf), measure));
            }
            for requirement in &leaf.requirements {
                if let Some(measure) = &requirement.measure {
                    items.push((
                        requirement.id.clone(),
                        in_language(l, &requirement.text, &requirement.text_en),
                        measure,
                    ));
                }
            }
            for (id, text, measure) in items {
                let middle = (measure.worst + measure.best) / Decimal::TWO;
                let points = |value: Decimal| measure.points(value, scale).map(|p| l.points(p)).unwrap_or_default();
                let example: Vec<String> = [measure.worst, middle, measure.best]
                    .into_iter()
                    .map(|value| format!("{} → {}", self.f.plain(value), points(value)))
                    .collect();
                rows.push(vec![id.clone(), text, leaf.id.clone(), measure.describe(l), example.join("; ")]);
                if let Some(ideal) = measure.ideal {
                    notes.push(match l {
                        Lang::Da => format!(
                            "{id}: den ideelle værdi er {}; en værdi ud over den giver lige så mange point færre, som den ligger over.",
                            self.f.plain(ideal)
                        ),
                        Lang::En => format!(
                            "{id}: the ideal value is {}; a value beyond it loses as many points as it lies beyond.",
                            self.f.plain(ideal)
                        ),
                    });
                }
                if !measure.clamp {
                    notes.push(match l {
                        Lang::Da => {
                            format!("{id}: en værdi uden for intervallet fra værst til bedst kan ikke tildeles point.")
                        }
                        Lang::En => {
                            format!("{id}: a value outside the range from worst to best cannot be given points.")
                        }
                    });
                }
            }
        }
        if rows.is_empty() {
            return None;
        }
        let mut blocks = vec![
            Block::Paragraph(match l {
                Lang::Da => format!(
                    "Disse krav bedømmes ud fra den værdi, tilbudsgiveren oplyser. Pointene stiger lineært fra {} point ved den værste værdi til {} point ved den bedste. En værdi, der er bedre end den bedste, får pointene for den bedste, og en værdi, der er dårligere end den værste, får pointene for den værste.",
                    self.f.plain(scale.min),
                    self.f.plain(scale.max)
                ),
                Lang::En => format!(
                    "These requirements are scored from the value the tenderer states. The points rise linearly from {} points at the worst value to {} points at the best. A value better than the best gets the points of the best, and a value worse than the worst gets the points of the worst.",
                    self.f.plain(scale.min),
                    self.f.plain(scale.max)
                ),
            }),
            Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Kode", "Code"), 2),
                    Column::left(l.pick("Tekst", "Text"), 5),
                    Column::left(l.pick("Kriterium", "Criterion"), 3),
                    Column::left(l.pick("Funktion", "Function"), 5),
                    Column::left(l.pick("Værdi → point", "Value → points"), 5),
                ],
                rows,
            }),
        ];
        blocks.extend(notes.into_iter().map(Block::Paragraph));
        Some(Section { title: l.pick("Målte krav", "Measured requirements").into(), blocks })
    }

    fn minimum_points(&self) -> Option<Section> {
        let l = self.l();
        let rows: Vec<Vec<String>> = tree(&self.model.criteria)
            .into_iter()
            .filter_map(|(_, c)| c.min_points.map(|p| vec![c.id.clone(), name(l, c), l.points(p)]))
            .collect();
        if rows.is_empty() {
            return None;
        }
        let blocks = vec![
            Block::Paragraph(
                l.pick(
                    "Et tilbud, der på et af disse kriterier opnår færre point end det angivne mindste antal, afvises og indgår ikke i den videre evaluering. Pointene på et kriterium er det vægtede gennemsnit af pointene på dets underkriterier. Ved en relativ prismodel beregnes prispointene derefter blandt de tilbud, der fortsat konkurrerer.",
                    "A tender that scores fewer points on one of these criteria than the minimum given is rejected and takes no further part in the evaluation. The points on a criterion are the weighted mean of the points on its sub-criteria. Under a relative price model the price points are then computed among the tenders still competing.",
                )
                .into(),
            ),
            Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Kode", "Code"), 2),
                    Column::left(l.pick("Kriterium", "Criterion"), 7),
                    Column::right(l.pick("Mindstepoint", "Minimum points"), 3),
                ],
                rows,
            }),
        ];
        Some(Section { title: l.pick("Mindstepoint", "Minimum points").into(), blocks })
    }

    /// How the panel's scores and the price become the result the award method ranks by.
    fn combination(&self) -> Section {
        let l = self.l();
        let mut blocks = Vec::new();
        let panel_scores = self.leaves().iter().any(|leaf| {
            leaf.takes_requirements()
                && (leaf.requirements.is_empty() || leaf.requirements.iter().any(|r| r.measure.is_none()))
        });
        if panel_scores {
            blocks.push(Block::Paragraph(
                l.pick(
                    "Tilbuddene bedømmes af en bedømmelsesgruppe. Hvert medlem bedømmer først tilbuddene hver for sig. Gruppen fastlægger derefter i fællesskab én konsensusscore for hvert krav med en skriftlig begrundelse, og det er alene konsensusscoren, der indgår i evalueringen. Har et underkriterium flere tildelingskrav, er dets point det vægtede gennemsnit af kravenes point.",
                    "The tenders are scored by an evaluation panel. Each member first scores the tenders on their own. The panel then agrees one consensus score for each requirement with a written justification, and only the consensus score counts in the evaluation. Where a sub-criterion has several award requirements, its points are the weighted mean of the requirements' points.",
                )
                .into(),
            ));
        }
        blocks.push(Block::Paragraph(
            match self.model.award_method {
                AwardMethod::BestPriceQuality => l.pick(
                    "Tilbuddets samlede point er summen over underkriterierne af den effektive vægt gange pointene: T = Σ w_k · s_k. Tilbuddet med flest samlede point vinder.",
                    "A tender's total points are the sum over the sub-criteria of the effective weight times the points: T = Σ w_k · s_k. The tender with the most points in total wins.",
                ),
                AwardMethod::LowestPrice => l.pick(
                    "Tilbuddene rangeres efter deres samlede pris; tilbuddet med den laveste pris vinder.",
                    "The tenders are ranked by their total price; the tender with the lowest price wins.",
                ),
                AwardMethod::LowestCost => l.pick(
                    "Tilbuddene rangeres efter deres livscyklusomkostninger; tilbuddet med de laveste livscyklusomkostninger vinder.",
                    "The tenders are ranked by their life-cycle cost; the tender with the lowest life-cycle cost wins.",
                ),
                AwardMethod::PricePerQualityPoint => l.pick(
                    "Tilbuddets kvalitetspoint er summen over kvalitetskriterierne af den effektive vægt gange pointene. Tilbuddets pris divideres med dets kvalitetspoint, og tilbuddet med den laveste pris pr. kvalitetspoint vinder.",
                    "A tender's quality points are the sum over the quality criteria of the effective weight times the points. The tender's price is divided by its quality points, and the tender with the lowest price per quality point wins.",
                ),
                AwardMethod::ValueAdjustedPrice => l.pick(
                    "Hvert point på et kvalitetskriterium er værd det beløb, der er angivet nedenfor. Tilbuddets værdijusterede pris er prisen fratrukket summen af pointene gange beløbene, og tilbuddet med den laveste værdijusterede pris vinder.",
                    "Each point on a quality criterion is worth the amount given below. A tender's value-adjusted price is its price less the sum of the points times the amounts, and the tender with the lowest value-adjusted price wins.",
                ),
            }
            .into(),
        ));
        if self.model.award_method == AwardMethod::ValueAdjustedPrice {
            let rows = self
                .leaves()
                .into_iter()
                .filter_map(|c| c.value_per_point.map(|v| vec![c.id.clone(), name(l, c), self.f.money(v)]))
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Kode", "Code"), 2),
                    Column::left(l.pick("Kriterium", "Criterion"), 7),
                    Column::right(l.pick("Værdi pr. point", "Value per point"), 4),
                ],
                rows,
            }));
        }
        Section { title: l.pick("Bedømmelse og samlet resultat", "Scoring and the result").into(), blocks }
    }
}

/// Which cost elements count under the announced parameters, and how each is computed.
fn cost_elements(f: Format, params: &LccParameters) -> Vec<Vec<String>> {
    let l = f.lang;
    let yearly = l.pick(
        "tilbudt beløb pr. år, tilbagediskonteret år for år",
        "the amount tendered per year, discounted year by year",
    );
    let energy = if params.energy_price_per_kwh.is_zero() {
        l.pick("indgår ikke: der er ikke fastsat en energipris", "does not count: no energy price is set").to_owned()
    } else {
        match l {
            Lang::Da => format!(
                "oplyst forbrug i kWh pr. år pr. enhed × {} pr. kWh × antal enheder ({}), tilbagediskonteret",
                l.money(params.energy_price_per_kwh, f.currency, crate::locale::MoneyPrecision::Ore),
                f.plain(params.quantity)
            ),
            Lang::En => format!(
                "stated use in kWh per year per unit × {} per kWh × the quantity ({}), discounted",
                l.money(params.energy_price_per_kwh, f.currency, crate::locale::MoneyPrecision::Ore),
                f.plain(params.quantity)
            ),
        }
    };
    let co2 = if params.co2_kg_per_kwh.is_zero() || params.co2_price_per_tonne.is_zero() {
        l.pick("indgår ikke: der er ikke fastsat en CO2-pris", "does not count: no CO2 price is set").to_owned()
    } else {
        match l {
            Lang::Da => format!(
                "energiforbruget × {} kg CO2 pr. kWh × {} pr. ton, tilbagediskonteret",
                f.plain(params.co2_kg_per_kwh),
                f.money(params.co2_price_per_tonne)
            ),
            Lang::En => format!(
                "the energy use × {} kg CO2 per kWh × {} per tonne, discounted",
                f.plain(params.co2_kg_per_kwh),
                f.money(params.co2_price_per_tonne)
            ),
        }
    };
    let at_end = match l {
        Lang::Da => format!("tilbudt beløb, tilbagediskonteret fra år {}", params.years),
        Lang::En => format!("the amount tendered, discounted from year {}", params.years),
    };
    let mut rows = vec![
        vec![
            l.pick("Anskaffelse", "Acquisition").into(),
            l.pick("tilbudt pris, ikke diskonteret", "price tendered, not discounted").into(),
        ],
        vec![l.pick("Energi", "Energy").into(), energy],
        vec!["CO2".into(), co2],
        vec![l.pick("Vedligehold", "Maintenance").into(), yearly.into()],
        vec![l.pick("Forbrugsvarer", "Consumables").into(), yearly.into()],
        vec![l.pick("Øvrige driftsomkostninger", "Other running costs").into(), yearly.into()],
    ];
    rows.extend(params.costs.iter().map(|line| {
        vec![
            format!("{} ({})", line.name(l), line.years_text(l)),
            format!("{}, {}", line.unit_text(l, params.quantity), l.pick("tilbagediskonteret", "discounted")),
        ]
    }));
    rows.extend([
        vec![l.pick("Bortskaffelse", "End of life").into(), at_end.clone()],
        vec![
            l.pick("Tilbagetagningsværdi", "Take-back value").into(),
            format!("{}; {}", at_end, l.pick("fratrækkes", "deducted")),
        ],
    ]);
    rows
}

/// What the tender announces for equal results, with its own wording quoted where it has one.
fn tie_break_section(l: Lang, rule: TieBreak, wording: &str) -> Section {
    let lead = l.pick(
        "Opnår to eller flere tilbud nøjagtig samme resultat ved fuld præcision, er de ligestillede.",
        "Where two or more tenders have exactly the same result at full precision, they are equal.",
    );
    let rule_text = match rule {
        TieBreak::None => l.pick(
            "Udbudsmaterialet fastsætter ingen regel for, hvilket af de ligestillede tilbud der vinder.",
            "The tender documents set no rule for which of the equal tenders wins.",
        ),
        TieBreak::LowestPrice => l.pick(
            "Kontrakten tildeles da det af de ligestillede tilbud, der har den laveste pris.",
            "The contract is then awarded to the equal tender with the lowest price.",
        ),
        TieBreak::HighestQuality => l.pick(
            "Kontrakten tildeles da det af de ligestillede tilbud, der har flest kvalitetspoint, det vil sige point på de kriterier, der ikke er pris.",
            "The contract is then awarded to the equal tender with the most quality points, that is points on the criteria that are not price.",
        ),
        TieBreak::Draw => l.pick(
            "Det afgøres da ved lodtrækning blandt de ligestillede tilbud, hvilket tilbud der vinder. Lodtrækningen foretages af ordregiveren med vidner og protokolleres.",
            "Which of the equal tenders wins is then decided by drawing lots among them. The authority holds the draw with witnesses and records it.",
        ),
    };
    let mut paragraph = format!("{lead} {rule_text}");
    if rule != TieBreak::None {
        paragraph.push(' ');
        paragraph.push_str(l.pick(
            "Af hensyn til ligebehandlingen (udbudslovens § 2) anvendes alene denne regel.",
            "For equal treatment (section 2 of the Act) only this rule is applied.",
        ));
    }
    let mut blocks = vec![Block::Paragraph(paragraph)];
    if !wording.trim().is_empty() {
        blocks.push(Block::Paragraph(format!(
            "{} «{}»",
            l.pick("Udbudsmaterialets formulering:", "The tender documents' wording:"),
            wording.trim()
        )));
    }
    Section { title: l.pick("Lige tilbud", "Equal tenders").into(), blocks }
}
