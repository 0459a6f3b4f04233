//! The report sections that come from the evaluation engine: the decision, the evaluation model as
//! published, the scores with their justifications, the price or life-cycle cost, the ranking, its
//! robustness, and the comparison in the letters to unsuccessful bidders.
//!
//! Every number here is the engine's ([`EvaluationResult`], [`Sensitivity`]) or the input's as the engine read
//! it; this module only words and formats them, so the report cannot disagree with `tenderbench evaluate`.
//! The sections are built from an [`EvaluatedLot`] rather than from a tender file so that the benchmark can
//! feed a generated tender through the same path.

use super::model::{Bar, BarChart, BarGroup, Block, Column, Fact, Section, Table};
use crate::evaluation::{
    AwardMethod, Bid, Criterion, Evaluation, EvaluationError, EvaluationInput, EvaluationResult, LccCost, LccCostBasis,
    LccCostValue, LccParameters, LifeCycleCost, Position, PriceModel, PriceRule, Problem, RankedBid, Scale,
    Sensitivity, SensitivitySettings,
};
use crate::locale::{Lang, MoneyPrecision, end_sentence};
use crate::publication::{Publication, PublishedDocument, Revision};
use crate::tie_break::{self, DrawByLot, Tie, TieBreak};
use rust_decimal::Decimal;

/// One lot's evaluation as the report needs it.
#[derive(Debug, Clone)]
pub struct EvaluatedLot {
    pub lot_number: i64,
    pub lot_title: String,
    /// When the evaluation model was locked as published (RFC 3339), if it is locked now.
    pub locked_at: Option<String>,
    /// The lot's first publication and the changes made after it; empty for a lot never published.
    pub history: PublicationHistory,
    pub input: EvaluationInput,
    /// The engine's result, or the problems that kept it from giving one.
    pub outcome: Result<Evaluated, Vec<Problem>>,
    /// Tenders that shared the first rank, and what the tender's tie-break rule made of it.
    pub tie: Option<Tie>,
}

/// What the report tells of a lot's publications: when it was first published, with the model as it was
/// then, and each unlock after it with what it changed.
#[derive(Debug, Clone, Default)]
pub struct PublicationHistory {
    pub first: Option<Publication>,
    pub revisions: Vec<Revision>,
    /// The evaluation-model chapter of each publication in the report's language, with the time it was
    /// published: the document the bidders read, cited by title, date and hash.
    pub announced: Vec<(String, PublishedDocument)>,
}

impl PublicationHistory {
    /// The first publication, when the terms were changed after it, so the report shows both models.
    fn changed_from(&self) -> Option<&Publication> {
        self.first.as_ref().filter(|_| self.revisions.iter().any(|r| !r.changes.is_empty()))
    }
}

#[derive(Debug, Clone)]
pub struct Evaluated {
    pub result: EvaluationResult,
    pub sensitivity: Sensitivity,
}

impl EvaluatedLot {
    /// Runs the engine on `input`, with the Monte Carlo's default draws and seed (or the input's own), so the
    /// same tender file always gives the same shares.
    pub fn evaluate(lot_number: i64, lot_title: &str, locked_at: Option<String>, input: EvaluationInput) -> Self {
        let outcome = Evaluation::new(&input).and_then(|evaluation| {
            let sensitivity = evaluation.sensitivity(&SensitivitySettings::for_input(&input))?;
            Ok(Evaluated { result: evaluation.result(), sensitivity })
        });
        EvaluatedLot {
            lot_number,
            lot_title: lot_title.to_owned(),
            locked_at,
            history: PublicationHistory::default(),
            input,
            outcome: outcome.map_err(EvaluationError::into_problems),
            tie: None,
        }
    }

    /// Applies the tender's tie-break rule, and the draw held under it, to a first rank the engine left shared.
    pub fn break_tie(&mut self, rule: TieBreak, draw: Option<&DrawByLot>) {
        if let Ok(evaluated) = &mut self.outcome {
            self.tie = tie_break::break_tie(rule, draw, &self.input, &mut evaluated.result);
        }
    }

    /// What the letter to a tender tied for first and not chosen adds, and the report's note on a tie.
    pub(super) fn tie_note(&self, l: Lang) -> Option<String> {
        let tie = self.tie.as_ref()?;
        let names: Vec<String> = tie.tied.iter().map(|id| self.bidder(id)).collect();
        let names = names.join(l.pick(" og ", " and "));
        let rule = tie.rule.describe(l);
        Some(match (&tie.chosen, tie.rule) {
            (Some(chosen), TieBreak::Draw) if let Some(draw) = &tie.draw => {
                let chosen = self.bidder(chosen);
                let (on, by, witnesses) = (l.date(draw.held_on), &draw.held_by, &draw.witnesses);
                match l {
                    Lang::Da => format!(
                        "{names} har samme samlede resultat. Efter reglen ved lige point i udbudsmaterialet er der trukket lod den {on}. Lodtrækningen blev foretaget af {by} i overværelse af {witnesses}, og den valgte {chosen}."
                    ),
                    Lang::En => format!(
                        "{names} have the same total. Under the tie-break rule of the tender documents, lots were drawn on {on}. The draw was held by {by}, witnessed by {witnesses}, and it chose {chosen}."
                    ),
                }
            }
            (Some(chosen), _) => {
                let chosen = self.bidder(chosen);
                match l {
                    Lang::Da => format!(
                        "{names} har samme samlede resultat. Efter reglen ved lige point i udbudsmaterialet, {rule}, er {chosen} valgt."
                    ),
                    Lang::En => format!(
                        "{names} have the same total. Under the tie-break rule of the tender documents, {rule}, {chosen} is chosen."
                    ),
                }
            }
            (None, TieBreak::None) => format!(
                "{names} {}",
                l.pick(
                    "har samme samlede resultat og deler første plads. Udbudsmaterialet fastsætter ingen regel ved lige point, så tildelingsbeslutningen er ikke truffet, og der sendes ikke underretning om delaftalen, før den er.",
                    "have the same total and share the first rank. The tender documents set no tie-break rule, so the award decision has not been made, and no notices are sent for the lot until it has."
                )
            ),
            (None, TieBreak::Draw) => format!(
                "{names} {}",
                l.pick(
                    "har samme samlede resultat og deler første plads. Reglen ved lige point er lodtrækning; lodtrækningen skal foretages og protokolleres, før tildelingsbeslutningen kan træffes og underretning sendes.",
                    "have the same total and share the first rank. The tie-break rule is drawing lots; the draw must be held and recorded before the award decision can be made and notices sent."
                )
            ),
            (None, _) => format!(
                "{names} {} {rule}, {}",
                l.pick(
                    "har samme samlede resultat og deler første plads. Reglen ved lige point,",
                    "have the same total and share the first rank. The tie-break rule,"
                ),
                l.pick(
                    "skiller heller ikke tilbuddene, så tildelingsbeslutningen er ikke truffet, og der sendes ikke underretning om delaftalen, før den er.",
                    "does not separate them either, so the award decision has not been made, and no notices are sent for the lot until it has."
                )
            ),
        })
    }

    fn heading(&self, lang: Lang) -> Block {
        Block::Subheading(format!("{} {}: {}", lang.pick("Delaftale", "Lot"), self.lot_number, self.lot_title))
    }

    /// The bidder's name of an engine bid id.
    pub(crate) fn bidder(&self, bid: &str) -> String {
        self.input
            .bids
            .iter()
            .find(|b| b.id == bid && !b.bidder.is_empty())
            .map_or_else(|| bid.to_owned(), |b| b.bidder.clone())
    }

    /// The price an engine bid states, if any.
    fn price(&self, bid: &str) -> Option<Decimal> {
        self.input.bids.iter().find(|b| b.id == bid)?.stated_price()
    }

    /// The tender that won the lot: the one ranked first, unless the first rank is still shared.
    pub fn winner(&self) -> Option<&RankedBid> {
        let (first, rest) = self.outcome.as_ref().ok()?.result.ranking.split_first()?;
        rest.first().is_none_or(|second| second.rank > first.rank).then_some(first)
    }

    /// The ranked bid of a bidder, if it was ranked.
    pub(crate) fn ranked(&self, bidder: &str) -> Option<&RankedBid> {
        self.outcome.as_ref().ok()?.result.ranking.iter().find(|b| self.bidder(&b.bid) == bidder)
    }

    fn nodes(&self) -> Vec<(usize, &Criterion)> {
        tree(&self.input.criteria)
    }

    fn leaves(&self) -> Vec<&Criterion> {
        leaves(&self.input.criteria)
    }

    fn name(criterion: &Criterion) -> &str {
        if criterion.name.is_empty() { &criterion.id } else { &criterion.name }
    }

    fn top_name(&self, id: &str) -> String {
        self.input.criteria.iter().find(|c| c.id == id).map_or_else(|| id.to_owned(), |c| Self::name(c).to_owned())
    }

    /// The items a leaf's consensus scores are kept under: its award requirements, or the leaf itself.
    fn scored_items(leaf: &Criterion) -> Vec<(String, String)> {
        if leaf.requirements.is_empty() {
            vec![(leaf.id.clone(), Self::name(leaf).to_owned())]
        } else {
            leaf.requirements
                .iter()
                .map(|r| (r.id.clone(), if r.text.is_empty() { r.id.clone() } else { r.text.clone() }))
                .collect()
        }
    }
}

/// A criteria tree in published order, each node with its depth.
pub(crate) fn tree(criteria: &[Criterion]) -> Vec<(usize, &Criterion)> {
    fn walk<'a>(depth: usize, nodes: &'a [Criterion], out: &mut Vec<(usize, &'a Criterion)>) {
        for node in nodes {
            out.push((depth, node));
            walk(depth + 1, &node.children, out);
        }
    }
    let mut out = Vec::new();
    walk(0, criteria, &mut out);
    out
}

fn leaves(criteria: &[Criterion]) -> Vec<&Criterion> {
    tree(criteria).into_iter().map(|(_, c)| c).filter(|c| c.children.is_empty()).collect()
}

/// Formats numbers for one language and currency.
#[derive(Clone, Copy)]
pub struct Format<'a> {
    pub lang: Lang,
    pub currency: &'a str,
}

impl Format<'_> {
    pub(crate) fn money(&self, amount: Decimal) -> String {
        self.lang.money(amount, self.currency, MoneyPrecision::WholeKroner)
    }

    fn points(&self, points: Decimal) -> String {
        self.lang.points(points)
    }

    /// A number as given, without padding: 40, 0,04, 1,5.
    pub(crate) fn plain(&self, value: Decimal) -> String {
        let value = value.normalize();
        self.lang.number(value, value.scale())
    }

    /// A value already in per cent, such as the engine's weight intervals.
    fn per_cent(&self, value: Decimal) -> String {
        self.lang.percent(value / Decimal::ONE_HUNDRED)
    }

    /// A total as the award method defines it: points, money, or price per quality point.
    pub(crate) fn total(&self, method: AwardMethod, total: Decimal) -> String {
        match method {
            AwardMethod::BestPriceQuality => self.points(total),
            AwardMethod::PricePerQualityPoint => self.lang.number(total, 2),
            AwardMethod::LowestPrice | AwardMethod::LowestCost | AwardMethod::ValueAdjustedPrice => self.money(total),
        }
    }

    pub(crate) fn total_title(&self, method: AwardMethod) -> &'static str {
        let l = self.lang;
        match method {
            AwardMethod::BestPriceQuality => l.pick("Samlet point", "Total points"),
            AwardMethod::LowestPrice => l.pick("Pris", "Price"),
            AwardMethod::LowestCost => l.pick("Livscyklusomkostninger", "Life-cycle cost"),
            AwardMethod::PricePerQualityPoint => l.pick("Pris pr. kvalitetspoint", "Price per quality point"),
            AwardMethod::ValueAdjustedPrice => l.pick("Værdijusteret pris", "Value-adjusted price"),
        }
    }

    fn problems(&self, problems: &[Problem]) -> Block {
        let problems: Vec<&str> = problems.iter().map(|p| p.message(self.lang)).collect();
        Block::Paragraph(format!(
            "{} {}.",
            self.lang.pick(
                "Evalueringen kan ikke gennemføres, før dette er rettet:",
                "The evaluation cannot be made until this is corrected:"
            ),
            problems.join("; ")
        ))
    }
}

/// The winner of a lot and why, with the runner-up, for the procedure record: "Ultralyd Danmark A/S
/// (delaftale 1): bedste forhold mellem pris og kvalitet, samlet point 8,44, foran Sonoscan A/S med 8,32".
/// `None` while no tender has won, a shared first rank included.
pub fn winner_line(f: Format, lot: &EvaluatedLot) -> Option<String> {
    let result = &lot.outcome.as_ref().ok()?.result;
    let winner = lot.winner()?;
    let method = result.award_method;
    let runner_up = result.ranking.get(1).map_or(String::new(), |second| {
        format!(
            ", {} {} {} {}",
            f.lang.pick("foran", "ahead of"),
            lot.bidder(&second.bid),
            f.lang.pick("med", "with"),
            f.total(method, second.total)
        )
    });
    Some(format!(
        "{} ({} {}): {}, {} {}{runner_up}",
        lot.bidder(&winner.bid),
        f.lang.pick("delaftale", "lot"),
        lot.lot_number,
        method.name(f.lang).to_lowercase(),
        f.total_title(method).to_lowercase(),
        f.total(method, winner.total)
    ))
}

/// The decision summary: the winner of every evaluated lot with its total, and the award date.
pub fn decision(f: Format, lots: &[EvaluatedLot], award_date: String) -> Section {
    let l = f.lang;
    let mut rows = Vec::new();
    let mut blocks = vec![Block::Facts(vec![Fact::new(l.pick("Tildelingsdato", "Award date"), award_date)])];
    let mut notes = Vec::new();
    for lot in lots {
        match &lot.outcome {
            Ok(evaluated) => {
                let method = evaluated.result.award_method;
                let first: Vec<&RankedBid> = evaluated.result.ranking.iter().take_while(|b| b.rank == 1).collect();
                let names: Vec<String> = first.iter().map(|b| lot.bidder(&b.bid)).collect();
                let (winner, total) = match first.first() {
                    Some(top) if first.len() == 1 => (names[0].clone(), f.total(method, top.total)),
                    Some(top) => (
                        format!("{}: {}", l.pick("Ikke afgjort", "Not decided"), names.join(", ")),
                        f.total(method, top.total),
                    ),
                    None => (l.pick("Intet antageligt tilbud", "No admissible tender").to_owned(), String::new()),
                };
                rows.push(vec![lot.lot_number.to_string(), lot.lot_title.clone(), winner, total]);
                notes.extend(lot.tie_note(l).map(|note| {
                    Block::Paragraph(format!("{} {}: {note}", l.pick("Delaftale", "Lot"), lot.lot_number))
                }));
            }
            Err(problems) => {
                rows.push(vec![
                    lot.lot_number.to_string(),
                    lot.lot_title.clone(),
                    l.pick("Ingen beslutning", "No decision").to_owned(),
                    String::new(),
                ]);
                notes.push(Block::Paragraph(format!("{} {}:", l.pick("Delaftale", "Lot"), lot.lot_number)));
                notes.push(f.problems(problems));
            }
        }
    }
    if rows.is_empty() {
        blocks.push(Block::Paragraph(
            l.pick("Ingen delaftale har en evalueringsmodel og tilbud.", "No lot has an evaluation model and tenders.")
                .into(),
        ));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::right(l.pick("Nr.", "No."), 1),
                Column::left(l.pick("Delaftale", "Lot"), 6),
                Column::left(l.pick("Vinder", "Winner"), 5),
                Column::right(l.pick("Resultat", "Result"), 3),
            ],
            rows,
        }));
    }
    blocks.extend(notes);
    Section { title: l.pick("Tildelingsbeslutning", "Award decision").into(), blocks }
}

pub(crate) fn price_formula(f: Format, rule: &PriceRule, scale: &Scale) -> String {
    let l = f.lang;
    let amount = match rule.basis {
        crate::evaluation::PriceBasis::Price => l.pick("tilbudspris", "tendered price"),
        crate::evaluation::PriceBasis::Lcc => l.pick("livscyklusomkostninger", "life-cycle cost"),
    };
    // On a 0–P scale the points are P · fraction; on any other scale the fraction spans the whole range.
    let points = |fraction: &str| {
        if scale.min.is_zero() {
            format!("s = P · {fraction}, P = {}", f.plain(scale.max))
        } else {
            format!(
                "s = s_min + (s_max − s_min) · {fraction}, s_min = {}, s_max = {}",
                f.plain(scale.min),
                f.plain(scale.max)
            )
        }
    };
    match rule.model {
        PriceModel::LinearFromLowest => {
            let d = rule.zero_at_percent_above_lowest.unwrap_or(Decimal::ONE_HUNDRED);
            format!(
                "{} {amount} {} {} {}: {}, d = {}, {}",
                l.pick("Lineært fra laveste: laveste", "Linear from the lowest: the lowest"),
                l.pick("får fuld point, og", "gets full points, and"),
                f.per_cent(d),
                l.pick(
                    "over den laveste giver 0 point, lineært imellem og aldrig under 0",
                    "above the lowest gives 0 points, linear in between and never below 0"
                ),
                points("max(0, 1 − (p − p_min)/(p_min · d))"),
                f.plain(d / Decimal::ONE_HUNDRED),
                l.pick(
                    "p = tilbuddets beløb, p_min = laveste beløb",
                    "p = the tender's amount, p_min = the lowest amount"
                )
            )
        }
        PriceModel::Proportional => format!(
            "{} {amount}: {}, {}",
            l.pick("Forholdsmæssig: point i forhold til", "Proportional: points in proportion to"),
            points("p_min / p"),
            l.pick("p = tilbuddets beløb, p_min = laveste beløb", "p = the tender's amount, p_min = the lowest amount")
        ),
        PriceModel::LinearFixed => {
            let full = rule.full_points_at.unwrap_or_default();
            let zero = rule.zero_points_at.unwrap_or_default();
            format!(
                "{} {amount} {} {} {} {} {}: {}, p_1 = {}, p_0 = {}",
                l.pick("Lineært mellem faste beløb:", "Linear between fixed amounts:"),
                l.pick("på højst", "of at most"),
                f.money(full),
                l.pick("giver fuld point og fra", "gives full points and from"),
                f.money(zero),
                l.pick("ingen point, lineært imellem", "no points, linear in between"),
                points("min(1, max(0, (p_0 − p)/(p_0 − p_1)))"),
                f.money(full),
                f.money(zero)
            )
        }
    }
}

/// The evaluation model as published: method, scale, criteria tree with weights, price model and LCC. When
/// the terms changed after publication, the model as first published comes first, then the model used.
pub fn model(f: Format, lots: &[EvaluatedLot]) -> Section {
    let l = f.lang;
    let mut blocks = Vec::new();
    for lot in lots {
        blocks.push(lot.heading(l));
        let input = &lot.input;
        let locked = lot.locked_at.as_deref().map_or_else(
            || l.pick("Ikke låst som offentliggjort", "Not locked as published").to_owned(),
            |at| l.timestamp(at),
        );
        let mut facts = vec![
            Fact::new(l.pick("Tildelingskriterium", "Award criterion"), input.award_method.name(l)),
            Fact::new(
                l.pick("Pointskala", "Scale"),
                format!("{} – {}", f.plain(input.scale.min), f.plain(input.scale.max)),
            ),
        ];
        if let Some(first) = lot.history.changed_from() {
            facts.push(Fact::new(l.pick("Først offentliggjort", "First published"), l.timestamp(&first.published_at)));
        }
        facts.push(Fact::new(l.pick("Model låst", "Model locked"), locked));
        for (published_at, document) in &lot.history.announced {
            facts.push(Fact::new(
                l.pick("Offentliggjort dokument", "Published document"),
                format!("«{}», {}", document.title, l.timestamp(published_at)),
            ));
            // In groups of eight, so that the line may wrap between them and the hash still reads whole.
            let grouped: Vec<&str> = document.sha256.as_bytes().chunks(8).flat_map(std::str::from_utf8).collect();
            facts.push(Fact::new(l.pick("Dokumentets SHA-256", "The document's SHA-256"), grouped.join(" ")));
        }
        blocks.push(Block::Facts(facts));
        let weights = lot.outcome.as_ref().ok().map(|e| &e.result);
        match lot.history.changed_from() {
            Some(first) => {
                blocks.push(Block::Subheading(format!(
                    "{} {}",
                    l.pick("Modellen som først offentliggjort", "The model as first published"),
                    l.timestamp(&first.published_at)
                )));
                let result = Evaluation::new(&first.terms.model).ok().map(|e| e.result());
                blocks.extend(model_terms(f, &first.terms.model, result.as_ref()));
                blocks.push(Block::Subheading(
                    l.pick("Modellen som anvendt i evalueringen", "The model used in the evaluation").into(),
                ));
                blocks.push(Block::Paragraph(
                    l.pick(
                        "Vilkårene blev ændret efter offentliggørelsen; ændringerne og begrundelserne fremgår af afsnittet «Ændringer efter offentliggørelse».",
                        "The terms were changed after publication; the changes and their reasons are in the section «Changes after publication».",
                    )
                    .into(),
                ));
                blocks.extend(model_terms(f, input, weights));
            }
            None => blocks.extend(model_terms(f, input, weights)),
        }
    }
    Section {
        title: l.pick("Evalueringsmodellen som offentliggjort", "The evaluation model as published").into(),
        blocks,
    }
}

/// What a letter tells a bidder of changes to the lot's terms after publication: when, why, and where the
/// award report lists them. `None` when nothing changed.
pub fn changes_notice(l: Lang, lot: &EvaluatedLot) -> Option<Section> {
    let changed: Vec<&Revision> = lot.history.revisions.iter().filter(|r| !r.changes.is_empty()).collect();
    if changed.is_empty() {
        return None;
    }
    let mut blocks = vec![Block::Paragraph(
        l.pick(
            "Delaftalens offentliggjorte vilkår blev ændret efter offentliggørelsen. Ændringerne med deres gamle og nye værdier fremgår af tildelingsrapportens afsnit «Ændringer efter offentliggørelse».",
            "The lot's published terms were changed after publication. The changes, with their old and new values, are in the award report's section «Changes after publication».",
        )
        .into(),
    )];
    for revision in changed {
        blocks.push(Block::Paragraph(format!(
            "{} {}: {} ({} {})",
            l.pick("Låst op", "Unlocked"),
            l.timestamp(&revision.unlock.at),
            revision.unlock.reason,
            revision.changes.len(),
            l.pick("ændrede vilkår", "terms changed"),
        )));
    }
    Some(Section { title: l.pick("Ændringer efter offentliggørelse", "Changes after publication").into(), blocks })
}

/// A model's criteria tree with weights, its award requirements, scale steps, price models and LCC.
fn model_terms(f: Format, input: &EvaluationInput, weights: Option<&EvaluationResult>) -> Vec<Block> {
    let l = f.lang;
    let mut out = Vec::new();
    let normalised = |id: &str, top: bool| {
        let map = weights.map(|r| if top { &r.criterion_weights } else { &r.leaf_weights });
        map.and_then(|m| m.get(id)).map(|w| l.percent(*w)).unwrap_or_default()
    };
    let rows = tree(&input.criteria)
        .into_iter()
        .map(|(depth, c)| {
            let leaf = c.children.is_empty();
            vec![
                c.id.clone(),
                format!("{}{}", "– ".repeat(depth), EvaluatedLot::name(c)),
                c.weight.map(|w| f.plain(w)).unwrap_or_default(),
                if depth == 0 { normalised(&c.id, true) } else { String::new() },
                if leaf { normalised(&c.id, false) } else { String::new() },
                c.min_points.map(|p| f.points(p)).unwrap_or_default(),
            ]
        })
        .collect();
    out.push(Block::Table(Table {
        columns: vec![
            Column::left(l.pick("Kode", "Code"), 2),
            Column::left(l.pick("Kriterium", "Criterion"), 5),
            Column::right(l.pick("Vægt", "Weight"), 2),
            Column::right(l.pick("Normaliseret", "Normalised"), 3),
            Column::right(l.pick("Bladvægt", "Leaf weight"), 3),
            Column::right(l.pick("Mindstepoint", "Minimum points"), 3),
        ],
        rows,
    }));
    out.push(Block::Paragraph(
        l.pick(
            "Normaliseret vægt er hovedkriteriets andel; bladvægten er produktet af de normaliserede vægte ned gennem træet og er den vægt, pointene ganges med.",
            "The normalised weight is the main criterion's share; the leaf weight is the product of the normalised weights down the tree and is the weight the points are multiplied by.",
        )
        .into(),
    ));
    let requirements: Vec<Vec<String>> = leaves(&input.criteria)
        .into_iter()
        .flat_map(|leaf| {
            leaf.requirements.iter().map(move |r| {
                let measure = r.measure.as_ref().map_or_else(String::new, |m| m.describe(l));
                vec![
                    r.id.clone(),
                    r.text.clone(),
                    leaf.id.clone(),
                    r.weight.map(|w| f.plain(w)).unwrap_or_default(),
                    measure,
                ]
            })
        })
        .collect();
    if !requirements.is_empty() {
        out.push(Block::Subheading(
            l.pick("Tildelingskrav under kriterierne", "Award requirements under the criteria").into(),
        ));
        out.push(Block::Table(Table {
            columns: vec![
                Column::left(l.pick("Krav", "Requirement"), 3),
                Column::left(l.pick("Titel", "Title"), 5),
                Column::left(l.pick("Kriterium", "Criterion"), 2),
                Column::right(l.pick("Vægt", "Weight"), 2),
                Column::left(l.pick("Måling", "Measurement"), 4),
            ],
            rows: requirements,
        }));
    }
    if !input.scale.steps.is_empty() {
        out.push(Block::Subheading(l.pick("Pointskalaens trin", "The steps of the scale").into()));
        out.push(Block::Table(Table {
            columns: vec![Column::right(l.pick("Point", "Points"), 1), Column::left(l.pick("Betydning", "Meaning"), 8)],
            rows: input.scale.steps.iter().map(|s| vec![f.plain(s.value), s.label.clone()]).collect(),
        }));
    }
    for leaf in leaves(&input.criteria) {
        if let Some(rule) = &leaf.price {
            out.push(Block::Subheading(format!(
                "{}: {}",
                l.pick("Prismodel", "Price model"),
                EvaluatedLot::name(leaf)
            )));
            out.push(Block::Paragraph(price_formula(f, rule, &input.scale)));
        }
    }
    if let Some(lcc) = &input.lcc {
        out.push(Block::Subheading(l.pick("Livscyklusomkostninger (LCC)", "Life-cycle cost (LCC)").into()));
        out.push(Block::Paragraph(lcc_formula(l).into()));
        out.push(Block::Facts(lcc_facts(f, lcc)));
        if !lcc.costs.is_empty() {
            out.push(Block::Paragraph(l.pick(
                "Dertil kommer de angivne omkostningslinjer i de år, de gælder: tilbudsgiverens beløb × den angivne årlige mængde (hvor den er angivet) × antallet af enheder (hvor linjen gælder pr. enhed), i dagens priser og derfor med prisudvikling fra år 1 som de øvrige årlige omkostninger.",
                "Added to D are the announced cost lines in the years they apply: the bidder's amount × the announced yearly volume (where announced) × the number of units (where the line is per unit), at today's prices and so escalated from year 1 like the other yearly costs.",
            ).into()));
            out.push(Block::Facts(
                lcc.costs
                    .iter()
                    .map(|line| {
                        Fact::new(
                            &format!("{} ({})", line.name(l), line.years_text(l)),
                            line.unit_text(l, lcc.quantity),
                        )
                    })
                    .collect(),
            ));
        }
    }
    out
}

/// The life-cycle cost formula with the meaning of each term.
pub(crate) fn lcc_formula(l: Lang) -> &'static str {
    l.pick(
        "LCC = A + Σ_{t=1..N} D · (1+e)^(t−1) / (1+r)^t + (B − T) / (1+r)^N, hvor A er anskaffelsesprisen, D de årlige driftsomkostninger (energi, CO2, vedligehold, forbrugsvarer, øvrige), B bortskaffelsesomkostningen og T tilbagetagningsværdien.",
        "LCC = A + Σ_{t=1..N} D · (1+e)^(t−1) / (1+r)^t + (B − T) / (1+r)^N, where A is the acquisition price, D the yearly running costs (energy, CO2, maintenance, consumables, other), B the end-of-life cost and T the take-back value.",
    )
}

/// The announced life-cycle cost parameters, one fact each.
pub(crate) fn lcc_facts(f: Format, lcc: &crate::evaluation::LccParameters) -> Vec<Fact> {
    let l = f.lang;
    vec![
        Fact::new(l.pick("Periode (N)", "Period (N)"), format!("{} {}", lcc.years, l.pick("år", "years"))),
        Fact::new(l.pick("Diskonteringsrente (r)", "Discount rate (r)"), l.percent(lcc.discount_rate)),
        Fact::new(l.pick("Prisudvikling (e)", "Escalation (e)"), l.percent(lcc.escalation)),
        Fact::new(
            l.pick("Energipris", "Energy price"),
            format!(
                "{} {}",
                l.money(lcc.energy_price_per_kwh, f.currency, MoneyPrecision::Ore),
                l.pick("pr. kWh", "per kWh")
            ),
        ),
        Fact::new(l.pick("Antal enheder", "Quantity"), f.plain(lcc.quantity)),
        Fact::new(l.pick("CO2 pr. kWh", "CO2 per kWh"), format!("{} kg", f.plain(lcc.co2_kg_per_kwh))),
        Fact::new(
            l.pick("CO2-pris", "CO2 price"),
            format!("{} {}", f.money(lcc.co2_price_per_tonne), l.pick("pr. ton", "per tonne")),
        ),
    ]
}

/// The changes to each published lot's terms after its publication: each unlock with its time, who, why,
/// and every term it changed with the old and the new value. `None` when no lot was unlocked.
pub fn changes_after_publication(f: Format, lots: &[EvaluatedLot]) -> Option<Section> {
    let l = f.lang;
    let mut blocks = Vec::new();
    for lot in lots.iter().filter(|lot| !lot.history.revisions.is_empty()) {
        blocks.push(lot.heading(l));
        for revision in &lot.history.revisions {
            let republished = revision.republished_at.as_deref().map_or_else(
                || l.pick("Ikke offentliggjort igen", "Not published again").to_owned(),
                |at| l.timestamp(at),
            );
            blocks.push(Block::Facts(vec![
                Fact::new(l.pick("Låst op", "Unlocked"), l.timestamp(&revision.unlock.at)),
                Fact::new(l.pick("Af", "By"), &revision.unlock.by),
                Fact::new(l.pick("Begrundelse", "Reason"), &revision.unlock.reason),
                Fact::new(l.pick("Offentliggjort igen", "Published again"), republished),
            ]));
            if revision.changes.is_empty() {
                blocks.push(Block::Paragraph(l.pick("Intet vilkår blev ændret.", "No term was changed.").into()));
                continue;
            }
            let shown = |value: &Option<crate::publication::Value>| {
                value.as_ref().map_or_else(|| "–".to_owned(), |v| v.show(l))
            };
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Ændring", "Change"), 4),
                    Column::left(l.pick("Før", "Before"), 4),
                    Column::left(l.pick("Efter", "After"), 4),
                ],
                rows: revision
                    .changes
                    .iter()
                    .map(|change| vec![change.what(l), shown(&change.old), shown(&change.new)])
                    .collect(),
            }));
        }
    }
    (!blocks.is_empty()).then(|| Section {
        title: l.pick("Ændringer efter offentliggørelse", "Changes after publication").into(),
        blocks,
    })
}

/// Each lot's heading, and under it what `body` writes of the lot's evaluation. A lot the engine could not
/// evaluate shows its problems where `with_problems` is set, and only its heading elsewhere, so the problems
/// are not repeated in every section.
fn per_lot(
    f: Format,
    lots: &[EvaluatedLot],
    with_problems: bool,
    mut body: impl FnMut(&EvaluatedLot, &Evaluated, &mut Vec<Block>),
) -> Vec<Block> {
    let mut blocks = Vec::new();
    for lot in lots {
        blocks.push(lot.heading(f.lang));
        match &lot.outcome {
            Ok(evaluated) => body(lot, evaluated, &mut blocks),
            Err(problems) if with_problems => blocks.push(f.problems(problems)),
            Err(_) => {}
        }
    }
    blocks
}

/// Points per criterion and bid, from the engine, and the consensus scores with the panel's justifications.
pub fn scores(f: Format, lots: &[EvaluatedLot]) -> Section {
    let l = f.lang;
    let blocks = per_lot(f, lots, true, |lot, evaluated, blocks| {
        let ranking = &evaluated.result.ranking;
        let leaves = lot.leaves();
        let rows = leaves
            .iter()
            .flat_map(|leaf| {
                ranking.iter().map(move |bid| {
                    vec![
                        EvaluatedLot::name(leaf).to_owned(),
                        lot.bidder(&bid.bid),
                        bid.points.get(&leaf.id).map(|p| f.points(*p)).unwrap_or_default(),
                        bid.contributions.get(&leaf.id).map(|p| f.points(*p)).unwrap_or_default(),
                    ]
                })
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::left(l.pick("Kriterium", "Criterion"), 5),
                Column::left(l.pick("Tilbudsgiver", "Tenderer"), 5),
                Column::right(l.pick("Point", "Points"), 2),
                Column::right(l.pick("Vægtede point", "Weighted points"), 3),
            ],
            rows,
        }));
        // Only scores with a written reason are listed one by one: a tender with thousands of award
        // requirements would otherwise print every score twice, and the criterion points above hold them.
        let mut justified = Vec::new();
        for leaf in &leaves {
            for (item, title) in EvaluatedLot::scored_items(leaf) {
                for ranked in ranking {
                    let Some(bid) = lot.input.bids.iter().find(|b| b.id == ranked.bid) else { continue };
                    if let (Some(score), Some(reason)) =
                        (bid.scores.get(item.as_str()), bid.justifications.get(item.as_str()))
                    {
                        justified.push(vec![
                            format!("{item} {title}"),
                            lot.bidder(&bid.id),
                            f.points(*score),
                            reason.clone(),
                        ]);
                    }
                }
            }
        }
        if !justified.is_empty() {
            blocks.push(Block::Subheading(
                l.pick("Konsensuspoint og begrundelser", "Consensus scores and justifications").into(),
            ));
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Krav", "Requirement"), 3),
                    Column::left(l.pick("Tilbudsgiver", "Tenderer"), 3),
                    Column::right(l.pick("Point", "Points"), 2),
                    Column::left(l.pick("Begrundelse", "Justification"), 7),
                ],
                rows: justified,
            }));
        }
    });
    Section { title: l.pick("Point og begrundelser", "Scores and justifications").into(), blocks }
}

/// The elements of a life-cycle cost, each with its present value: the fixed ones, then each announced cost
/// line (named with its years) after the other running costs, then the end of life and the total.
pub(crate) fn lcc_elements(l: Lang, lines: &[LccCost], lcc: &LifeCycleCost) -> Vec<(String, Decimal)> {
    let fixed = |da: &str, en: &str, value: Decimal| (l.pick(da, en).to_owned(), value);
    let mut elements = vec![
        fixed("Anskaffelse", "Acquisition", lcc.acquisition),
        fixed("Energi", "Energy", lcc.energy),
        fixed("CO2", "CO2", lcc.co2),
        fixed("Vedligehold", "Maintenance", lcc.maintenance),
        fixed("Forbrugsvarer", "Consumables", lcc.consumables),
        fixed("Øvrige driftsomkostninger", "Other running costs", lcc.other),
    ];
    for (line, value) in lines.iter().zip(&lcc.costs) {
        elements.push((format!("{} ({})", line.name(l), line.years_text(l)), value.present_value));
    }
    elements.extend([
        fixed("Bortskaffelse", "End of life", lcc.end_of_life),
        fixed("Tilbagetagningsværdi (fratrækkes)", "Take-back value (deducted)", lcc.take_back),
        fixed("Livscyklusomkostninger i alt", "Life-cycle cost in total", lcc.total),
    ]);
    elements
}

/// How a bid's yearly amount for a cost line comes about, as the engine computed it: "2,35 kr. × 10.000
/// stk./år × 4 enheder = 94.000 kr./år", or "25.000 kr." for a one-off in total.
fn cost_line_amount(f: Format, parameters: &LccParameters, line: &LccCost, bid: &Bid, value: &LccCostValue) -> String {
    let l = f.lang;
    let amount = bid.lcc_inputs.as_ref().and_then(|i| i.costs.get(&line.id)).copied().unwrap_or_default();
    let mut factors = vec![l.money(amount, f.currency, MoneyPrecision::Ore)];
    if let Some(volume) = line.volume {
        factors.push(format!("{} {}", f.plain(volume), l.pick("stk./år", "pieces/year")));
    }
    if line.per == LccCostBasis::Unit {
        let units =
            if parameters.quantity == Decimal::ONE { l.pick("enhed", "unit") } else { l.pick("enheder", "units") };
        factors.push(format!("{} {units}", f.plain(parameters.quantity)));
    }
    let per_year = if line.from_year == line.to_year { "" } else { l.pick("/år", "/year") };
    let yearly = format!("{}{per_year}", l.money(value.yearly_amount, f.currency, MoneyPrecision::Ore));
    if factors.len() == 1 { yearly } else { format!("{} = {yearly}", factors.join(" × ")) }
}

/// Bids side by side in tables of at most this many, so that amounts keep to one line on A4.
const BIDS_PER_TABLE: usize = 3;

/// The price or life-cycle cost of every ranked bid, with its breakdown and the points the price model gave.
pub fn costs(f: Format, lots: &[EvaluatedLot]) -> Section {
    let l = f.lang;
    let blocks = per_lot(f, lots, false, |lot, evaluated, blocks| {
        let ranking = &evaluated.result.ranking;
        let lcc = &evaluated.result.lcc;
        if lot.input.lcc.is_some() {
            blocks.push(Block::Paragraph(
                l.pick(
                    "Nutidsværdier efter modellens parametre; de enkelte år står i bilaget.",
                    "Present values under the model's parameters; the single years are in the appendix.",
                )
                .into(),
            ));
            for chunk in ranking.chunks(BIDS_PER_TABLE) {
                let costs: Vec<&LifeCycleCost> = chunk.iter().filter_map(|b| lcc.get(&b.bid)).collect();
                if costs.len() != chunk.len() {
                    continue;
                }
                let mut columns = vec![Column::left(l.pick("Element", "Element"), 4)];
                columns.extend(chunk.iter().map(|b| Column::right(&lot.bidder(&b.bid), 3)));
                let lines = lot.input.lcc.as_ref().map_or(&[][..], |p| p.costs.as_slice());
                let elements: Vec<Vec<(String, Decimal)>> = costs.iter().map(|c| lcc_elements(l, lines, c)).collect();
                let rows = (0..elements[0].len())
                    .map(|i| {
                        let mut row = vec![elements[0][i].0.clone()];
                        row.extend(elements.iter().map(|e| f.money(e[i].1)));
                        row
                    })
                    .collect();
                blocks.push(Block::Table(Table { columns: columns.clone(), rows }));
                if let Some(parameters) = lot.input.lcc.as_ref().filter(|p| !p.costs.is_empty()) {
                    let bids: Vec<&Bid> =
                        chunk.iter().filter_map(|b| lot.input.bids.iter().find(|x| x.id == b.bid)).collect();
                    let rows = parameters
                        .costs
                        .iter()
                        .enumerate()
                        .map(|(i, line)| {
                            let mut row = vec![format!("{} ({})", line.name(l), line.years_text(l))];
                            row.extend(
                                bids.iter()
                                    .zip(&costs)
                                    .map(|(bid, c)| cost_line_amount(f, parameters, line, bid, &c.costs[i])),
                            );
                            row
                        })
                        .collect();
                    blocks.push(Block::Paragraph(
                        l.pick(
                            "De angivne omkostningslinjer: tilbudsgiverens beløb, gange den angivne mængde og antallet af enheder, hvor linjen gælder pr. enhed, giver det årlige beløb i dagens priser.",
                            "The announced cost lines: the bidder's amount, times the announced volume and the number of units where the line is per unit, gives the yearly amount at today's prices.",
                        )
                        .into(),
                    ));
                    blocks.push(Block::Table(Table { columns, rows }));
                }
            }
        } else {
            let rows = ranking
                .iter()
                .filter_map(|b| {
                    let bid = lot.input.bids.iter().find(|x| x.id == b.bid)?;
                    let price = bid.price.or_else(|| {
                        (!bid.price_lines.is_empty()).then(|| bid.price_lines.iter().map(|p| p.amount).sum())
                    })?;
                    Some(vec![lot.bidder(&b.bid), f.money(price)])
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Tilbudsgiver", "Tenderer"), 6),
                    Column::right(l.pick("Tilbudspris", "Tendered price"), 3),
                ],
                rows,
            }));
        }
        for leaf in lot.leaves().into_iter().filter(|leaf| leaf.price.is_some()) {
            blocks.push(Block::Paragraph(format!(
                "{} {}:",
                l.pick("Point efter prismodellen for", "Points under the price model for"),
                EvaluatedLot::name(leaf)
            )));
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Tilbudsgiver", "Tenderer"), 6),
                    Column::right(l.pick("Point", "Points"), 2),
                ],
                rows: ranking
                    .iter()
                    .map(|b| vec![lot.bidder(&b.bid), b.points.get(&leaf.id).map(|p| f.points(*p)).unwrap_or_default()])
                    .collect(),
            }));
        }
    });
    Section { title: l.pick("Pris og livscyklusomkostninger", "Price and life-cycle cost").into(), blocks }
}

/// The ranking of the admitted bids with their weighted points per main criterion, and a bar chart of them.
pub fn ranking(f: Format, lots: &[EvaluatedLot]) -> Section {
    let l = f.lang;
    let blocks = per_lot(f, lots, true, |lot, evaluated, blocks| {
        let result = &evaluated.result;
        let weighted = result.award_method == AwardMethod::BestPriceQuality;
        let tops: Vec<&Criterion> = if weighted { lot.input.criteria.iter().collect() } else { Vec::new() };
        let mut columns =
            vec![Column::right(l.pick("Rang", "Rank"), 1), Column::left(l.pick("Tilbudsgiver", "Tenderer"), 5)];
        // The criteria's codes head their columns: a name such as "Pris (livscyklusomkostninger)" holds a word
        // wider than a number column; the model section gives the names.
        columns.extend(tops.iter().map(|c| Column::right(&c.id, 2)));
        columns.push(Column::right(f.total_title(result.award_method), 2));
        let rows = result
            .ranking
            .iter()
            .map(|b: &RankedBid| {
                let mut row = vec![b.rank.to_string(), lot.bidder(&b.bid)];
                row.extend(
                    tops.iter().map(|c| b.criterion_contributions.get(&c.id).map(|v| f.points(*v)).unwrap_or_default()),
                );
                row.push(f.total(result.award_method, b.total));
                row
            })
            .collect();
        blocks.push(Block::Table(Table { columns, rows }));
        for excluded in &result.excluded {
            blocks.push(Block::Paragraph(format!(
                "{} {} {}.",
                lot.bidder(&excluded.bid),
                l.pick("indgår ikke i rangordenen; afvist på", "is not ranked; rejected on"),
                excluded.reasons.join(", ")
            )));
        }
        if weighted && !result.ranking.is_empty() {
            let values = result.ranking.iter().flat_map(|b| b.criterion_contributions.values().copied());
            blocks.push(Block::BarChart(BarChart {
                caption: l.pick("Vægtede point pr. hovedkriterium", "Weighted points per main criterion").into(),
                max: values.max().unwrap_or(Decimal::ONE).max(Decimal::new(1, 2)),
                groups: tops
                    .iter()
                    .map(|c| BarGroup {
                        label: EvaluatedLot::name(c).to_owned(),
                        bars: result
                            .ranking
                            .iter()
                            .map(|b| {
                                let value = b.criterion_contributions.get(&c.id).copied().unwrap_or_default();
                                Bar { label: lot.bidder(&b.bid), value, text: f.points(value) }
                            })
                            .collect(),
                    })
                    .collect(),
            }));
        }
    });
    Section { title: l.pick("Rangorden", "Ranking").into(), blocks }
}

/// How robust the ranking is: weight intervals, the smallest decisive change, rank reversals, Monte Carlo.
pub fn robustness(f: Format, lots: &[EvaluatedLot]) -> Section {
    let l = f.lang;
    let blocks = per_lot(f, lots, false, |lot, evaluated, blocks| {
        let s = &evaluated.sensitivity;
        if evaluated.result.award_method != AwardMethod::BestPriceQuality || s.weight_ranges.is_empty() {
            blocks.push(Block::Paragraph(
                l.pick(
                    "Tildelingskriteriet har ingen vægte, så rangordenen afhænger ikke af dem.",
                    "The award criterion has no weights, so the ranking does not depend on them.",
                )
                .into(),
            ));
            return;
        }
        let other = |bid: &Option<String>| bid.as_deref().map_or_else(String::new, |b| lot.bidder(b));
        blocks.push(Block::Paragraph(
            l.pick(
                "Intervallerne angiver, hvor meget et hovedkriteriums vægt kan ændres (de øvrige ændres forholdsmæssigt), før vinderen skifter.",
                "The intervals give how far a main criterion's weight can change (the others changing in proportion) before the winner changes.",
            )
            .into(),
        ));
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::left(l.pick("Hovedkriterium", "Main criterion"), 5),
                Column::right(l.pick("Vægt", "Weight"), 2),
                Column::right(l.pick("Fra", "From"), 2),
                Column::right(l.pick("Til", "To"), 2),
                Column::left(l.pick("Vinder under", "Wins below"), 3),
                Column::left(l.pick("Vinder over", "Wins above"), 3),
            ],
            rows: s
                .weight_ranges
                .iter()
                .map(|r| {
                    vec![
                        lot.top_name(&r.criterion),
                        f.per_cent(r.weight),
                        f.per_cent(r.from),
                        f.per_cent(r.to),
                        other(&r.below_from),
                        other(&r.above_to),
                    ]
                })
                .collect(),
        }));
        blocks.push(Block::Paragraph(match &s.smallest_change {
            Some(c) => format!(
                "{} {} {} {} {} {} ({} {}); {} {}.",
                l.pick("Mindste ændring, der skifter vinderen:", "Smallest change that changes the winner:"),
                lot.top_name(&c.criterion),
                l.pick("fra", "from"),
                f.per_cent(c.weight),
                l.pick("til", "to"),
                f.per_cent(c.to_weight),
                f.plain(c.change.round_dp(2)),
                l.pick("procentpoint", "percentage points"),
                l.pick("derefter vinder", "then the winner is"),
                lot.bidder(&c.new_winner)
            ),
            None => l
                .pick("Ingen ændring af én vægt skifter vinderen.", "No change of a single weight changes the winner.")
                .into(),
        }));
        let relative = lot.leaves().iter().any(|c| c.price.as_ref().is_some_and(|p| p.model.is_relative()));
        blocks.push(Block::Subheading(l.pick("Rangordensskift", "Rank reversals").into()));
        if !relative {
            blocks.push(Block::Paragraph(
                l.pick(
                    "Prismodellen afhænger ikke af de andre tilbud, så et tilbuds udgang kan ikke bytte om på de øvrige.",
                    "The price model does not depend on the other tenders, so removing one cannot swap the others.",
                )
                .into(),
            ));
        } else if s.rank_reversals.is_empty() {
            blocks.push(Block::Paragraph(
                l.pick(
                    "Kontrolleret: fjernes ét tilbud ad gangen, bevarer de øvrige deres indbyrdes rækkefølge.",
                    "Checked: removing one tender at a time leaves the others in the same order.",
                )
                .into(),
            ));
        } else {
            let position = |p: Position| match p {
                Position::Ahead => l.pick("foran", "ahead"),
                Position::Tied => l.pick("lige", "tied"),
                Position::Behind => l.pick("bagved", "behind"),
            };
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Uden tilbud", "Without tender"), 4),
                    Column::left(l.pick("Tilbud", "Tender"), 4),
                    Column::left(l.pick("I forhold til", "Compared with"), 4),
                    Column::left(l.pick("Før", "Before"), 2),
                    Column::left(l.pick("Efter", "After"), 2),
                ],
                rows: s
                    .rank_reversals
                    .iter()
                    .map(|r| {
                        vec![
                            lot.bidder(&r.removed),
                            lot.bidder(&r.bids[0]),
                            lot.bidder(&r.bids[1]),
                            position(r.before).into(),
                            position(r.after).into(),
                        ]
                    })
                    .collect(),
            }));
        }
        if let Some(mc) = &s.monte_carlo {
            blocks.push(Block::Subheading(l.pick("Monte Carlo-analyse", "Monte Carlo analysis").into()));
            blocks.push(Block::Paragraph(format!(
                "{} {}{} {}{}{}. {}: {}.",
                l.number(Decimal::from(mc.draws), 0),
                l.pick(
                    "tilfældige vægtsæt, hver vægt ændret op til ±",
                    "random weight sets, each weight changed by up to ±"
                ),
                f.per_cent(mc.perturbation_percent),
                l.pick("og normaliseret igen (frø ", "and normalised again (seed "),
                mc.seed,
                l.pick(
                    "); andel af vægtsættene hvert tilbud vinder",
                    "); the share of the weight sets each tender wins"
                ),
                l.pick("Vægtsæt med lige resultat", "Weight sets with a tie"),
                mc.tied_draws
            )));
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Tilbudsgiver", "Tenderer"), 6),
                    Column::right(l.pick("Andel af sejre", "Share of wins"), 2),
                ],
                rows: evaluated
                    .result
                    .ranking
                    .iter()
                    .map(|b| {
                        vec![lot.bidder(&b.bid), mc.win_shares.get(&b.bid).map(|s| l.percent(*s)).unwrap_or_default()]
                    })
                    .collect(),
            }));
        }
    });
    Section { title: l.pick("Robusthed", "Robustness").into(), blocks }
}

/// The appendix with each ranked bid's life-cycle cost year by year; `None` when no lot uses LCC.
pub fn lcc_years(f: Format, lots: &[EvaluatedLot]) -> Option<Section> {
    let l = f.lang;
    let mut blocks = Vec::new();
    for lot in lots.iter().filter(|lot| lot.input.lcc.is_some()) {
        let Ok(evaluated) = &lot.outcome else { continue };
        blocks.push(lot.heading(l));
        for ranked in &evaluated.result.ranking {
            let Some(lcc) = evaluated.result.lcc.get(&ranked.bid) else { continue };
            blocks.push(Block::Paragraph(lot.bidder(&ranked.bid)));
            // The announced cost lines get a column of their own only where the model has them, so that a
            // model without them shows its years as before.
            let lines = lcc.years.first().is_some_and(|y| y.costs.is_some());
            let mut columns = vec![
                Column::right(l.pick("År", "Year"), 2),
                Column::right(l.pick("Energi", "Energy"), 3),
                Column::right("CO2", 3),
                Column::right(l.pick("Vedligehold", "Maintenance"), 4),
                Column::right(l.pick("Forbrug", "Consumables"), 4),
                Column::right(l.pick("Øvrige", "Other"), 3),
            ];
            if lines {
                columns.push(Column::right(l.pick("Linjer", "Lines"), 3));
            }
            columns.push(Column::right(l.pick("I alt", "Total"), 3));
            blocks.push(Block::Table(Table {
                columns,
                rows: lcc
                    .years
                    .iter()
                    .map(|y| {
                        let values = [y.energy, y.co2, y.maintenance, y.consumables, y.other];
                        values.into_iter().chain(y.costs).chain([y.total]).fold(
                            vec![y.year.to_string()],
                            |mut row, v| {
                                row.push(f.money(v));
                                row
                            },
                        )
                    })
                    .collect(),
            }));
        }
    }
    (!blocks.is_empty()).then(|| Section {
        title: l.pick("Bilag: livscyklusomkostninger år for år", "Appendix: life-cycle cost year by year").into(),
        blocks,
    })
}

/// Why the engine excluded a bid for points below a criterion's announced minimum, one sentence per
/// criterion; empty when it did not. The engine's input names bids by bidder.
pub fn below_minimum_points(f: Format, lot: &EvaluatedLot, bidder: &str) -> Vec<String> {
    let l = f.lang;
    let Ok(evaluated) = &lot.outcome else { return Vec::new() };
    let criteria = lot.nodes();
    evaluated
        .result
        .excluded
        .iter()
        .filter(|e| e.bid == bidder)
        .flat_map(|e| &e.below_minimum_points)
        .map(|shortfall| {
            let name = criteria
                .iter()
                .find(|(_, c)| c.id == shortfall.criterion)
                .map_or(shortfall.criterion.as_str(), |(_, c)| EvaluatedLot::name(c));
            format!(
                "{} {name} ({}) {} {} {} {}.",
                l.pick("Kriteriet", "Criterion"),
                shortfall.criterion,
                l.pick("fik", "scored"),
                f.points(shortfall.points),
                l.pick("point, under de fastsatte mindstepoint på", "points, below its announced minimum of"),
                f.points(shortfall.min_points)
            )
        })
        .collect()
}

/// The winner of an evaluated lot and each unsuccessful but admissible bid, best first after the winner.
pub fn unsuccessful(lot: &EvaluatedLot) -> Option<(&RankedBid, &[RankedBid])> {
    let ranking = &lot.outcome.as_ref().ok()?.result.ranking;
    let (winner, rest) = ranking.split_first()?;
    Some((winner, rest))
}

/// The letter's sections for one unsuccessful bid: the decision, its points beside the winner's, and the
/// characteristics and relative advantages of the winning tender per criterion (Udbudsloven § 171, stk. 4).
pub fn comparison(f: Format, authority: &str, lot: &EvaluatedLot, own: &RankedBid) -> Vec<Section> {
    let l = f.lang;
    let Some((winner, _)) = unsuccessful(lot) else { return Vec::new() };
    let Ok(evaluated) = &lot.outcome else { return Vec::new() };
    let method = evaluated.result.award_method;
    let winner_name = lot.bidder(&winner.bid);
    let decision = Section {
        title: l.pick("Beslutning", "Decision").into(),
        blocks: vec![
            Block::Paragraph(format!(
                "{authority} {} {} {} {winner_name}. {} {} {} {}. {}{}",
                l.pick("har besluttet at tildele kontrakten om delaftale", "has decided to award the contract for lot"),
                lot.lot_number,
                l.pick("til", "to"),
                l.pick("Jeres tilbud er ikke valgt; det blev nr.", "Your tender was not chosen; it ranked"),
                own.rank,
                l.pick("af", "of"),
                evaluated.result.ranking.len(),
                // A tender tied for first is told which rule chose the other.
                lot.tie
                    .as_ref()
                    .filter(|tie| tie.tied.contains(&own.bid))
                    .and_then(|_| lot.tie_note(l))
                    .map(|note| format!("{note} "))
                    .unwrap_or_default(),
                l.pick(
                    "Meddelelsen gives efter udbudslovens § 171, stk. 1, og begrundelsen nedenfor efter § 171, stk. 4, nr. 2.",
                    "This notice is given under § 171(1) of the Danish Public Procurement Act, and the reasons below under § 171(4)(2)."
                )
            )),
            Block::Facts(
                std::iter::once(Fact::new(l.pick("Vindende tilbud", "Winning tender"), winner_name.clone()))
                    .chain(totals(f, lot, method, winner, own))
                    .collect(),
            ),
        ],
    };
    let leaves = lot.leaves();
    let weights = &evaluated.result.leaf_weights;
    let table = Table {
        columns: vec![
            Column::left(l.pick("Kriterium", "Criterion"), 6),
            Column::right(l.pick("Vægt", "Weight"), 2),
            Column::right(l.pick("Jeres point", "Your points"), 2),
            Column::right(l.pick("Vinderens point", "Winner's points"), 2),
        ],
        rows: leaves
            .iter()
            .map(|leaf| {
                let points = |b: &RankedBid| b.points.get(&leaf.id).map(|p| f.points(*p)).unwrap_or_default();
                vec![
                    EvaluatedLot::name(leaf).to_owned(),
                    weights.get(&leaf.id).map(|w| l.percent(*w)).unwrap_or_default(),
                    points(own),
                    points(winner),
                ]
            })
            .collect(),
    };
    let mut advantages = Vec::new();
    for leaf in &leaves {
        let (Some(theirs), Some(yours)) = (winner.points.get(&leaf.id), own.points.get(&leaf.id)) else { continue };
        let name = EvaluatedLot::name(leaf);
        let mut text = if theirs > yours {
            format!(
                "{} {} {} {name} {} {}",
                l.pick("Det vindende tilbud fik", "The winning tender scored"),
                f.points(*theirs),
                l.pick("point på", "on"),
                l.pick("mod jeres", "against your"),
                f.points(*yours)
            )
        } else if theirs == yours {
            format!(
                "{} {} {} {name}",
                l.pick("Det vindende tilbud og jeres tilbud fik begge", "The winning tender and yours both scored"),
                f.points(*theirs),
                l.pick("point på", "on")
            )
        } else {
            format!(
                "{} {} {} {name} {} {}",
                l.pick("Jeres tilbud fik", "Your tender scored"),
                f.points(*yours),
                l.pick("point på", "on"),
                l.pick("mod det vindende tilbuds", "against the winning tender's"),
                f.points(*theirs)
            )
        };
        // Under a value-adjusted price each point has its announced money value, which is what the total uses.
        if let Some(per_point) =
            leaf.value_per_point.filter(|_| evaluated.result.award_method == AwardMethod::ValueAdjustedPrice)
        {
            text.push_str(&format!(
                " ({}: {} {}, {} {}; {} {})",
                l.pick("værdi", "value"),
                l.pick("det vindende tilbud", "the winning tender"),
                f.money(per_point * *theirs),
                l.pick("jeres", "yours"),
                f.money(per_point * *yours),
                f.money(per_point),
                l.pick("pr. point", "per point")
            ));
        }
        if let (Some(rule), Some(lcc_w), Some(lcc_o)) =
            (&leaf.price, evaluated.result.lcc.get(&winner.bid), evaluated.result.lcc.get(&own.bid))
            && rule.basis == crate::evaluation::PriceBasis::Lcc
        {
            text.push_str(&format!(
                ": {} {} {} {}",
                l.pick("det vindende tilbuds livscyklusomkostninger er", "the winning tender's life-cycle cost is"),
                f.money(lcc_w.total),
                l.pick("mod jeres", "against your"),
                f.money(lcc_o.total)
            ));
            end_sentence(&mut text);
        } else if let (Some(_), Some(price_w), Some(price_o)) =
            (&leaf.price, lot.price(&winner.bid), lot.price(&own.bid))
        {
            text.push_str(&format!(
                ": {} {} {} {}",
                l.pick("det vindende tilbuds pris er", "the winning tender's price is"),
                f.money(price_w),
                l.pick("mod jeres", "against your"),
                f.money(price_o)
            ));
            end_sentence(&mut text);
        } else {
            let bid = |id: &str| lot.input.bids.iter().find(|b| b.id == id);
            let (Some(w), Some(o)) = (bid(&winner.bid), bid(&own.bid)) else { continue };
            let items = EvaluatedLot::scored_items(leaf);
            let several = items.len() > 1;
            let mut reasons = Vec::new();
            for (item, title) in items {
                let prefix = if several { format!("{title}, ") } else { String::new() };
                // A measured requirement is explained by the two measured values and the announced function.
                let measure = leaf
                    .requirements
                    .iter()
                    .find(|r| r.id == item)
                    .map_or(leaf.measure.as_ref(), |r| r.measure.as_ref());
                if let (Some(measure), Some(theirs), Some(yours)) =
                    (measure, w.values.get(item.as_str()), o.values.get(item.as_str()))
                {
                    let unit = measure.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                    reasons.push(format!(
                        "{prefix}{} {}{unit} {} {}{unit} ({}: {}).",
                        l.pick("det vindende tilbuds målte værdi er", "the winning tender's measured value is"),
                        f.plain(*theirs),
                        l.pick("mod jeres", "against your"),
                        f.plain(*yours),
                        l.pick("den offentliggjorte funktion", "the announced function"),
                        measure.describe(l)
                    ));
                }
                // The panel's justifications are quoted as written, each closed as a sentence of its own.
                let quoted = |who: &str, reason: &str| {
                    let mut quoted = format!("{prefix}{who} {}", reason.trim());
                    end_sentence(&mut quoted);
                    quoted
                };
                if let Some(reason) = w.justifications.get(item.as_str()) {
                    reasons.push(quoted(l.pick("Det vindende tilbud:", "The winning tender:"), reason));
                }
                if let Some(reason) = o.justifications.get(item.as_str()) {
                    reasons.push(quoted(l.pick("Jeres tilbud:", "Your tender:"), reason));
                }
            }
            if reasons.is_empty() {
                end_sentence(&mut text);
            } else {
                text.push_str(&format!(": {}", reasons.join(" ")));
            }
        }
        advantages.push(Block::Paragraph(text));
    }
    vec![
        decision,
        Section {
            title: l.pick("Jeres point og det vindende tilbuds point", "Your points and the winning tender's").into(),
            blocks: vec![Block::Table(table)],
        },
        Section {
            title: l
                .pick(
                    "Det vindende tilbuds egenskaber og relative fordele",
                    "Characteristics and relative advantages of the winning tender",
                )
                .into(),
            blocks: advantages,
        },
    ]
}

/// The totals of the winning tender and of the bidder's own, with what each award method's total is made
/// of: the price and the quality points of a price per quality point, the price and the money value of the
/// quality of a value-adjusted price.
fn totals(f: Format, lot: &EvaluatedLot, method: AwardMethod, winner: &RankedBid, own: &RankedBid) -> Vec<Fact> {
    let l = f.lang;
    let mut facts = Vec::new();
    for (whose, bid) in
        [(l.pick("det vindende tilbud", "the winning tender"), winner), (l.pick("jeres tilbud", "your tender"), own)]
    {
        let price = lot.price(&bid.bid);
        match method {
            AwardMethod::PricePerQualityPoint => {
                facts.extend(price.map(|p| Fact::new(&format!("{}, {whose}", l.pick("Pris", "Price")), f.money(p))));
                facts.extend(bid.quality_points.map(|q| {
                    Fact::new(&format!("{}, {whose}", l.pick("Kvalitetspoint", "Quality points")), f.points(q))
                }));
            }
            AwardMethod::ValueAdjustedPrice => {
                facts.extend(price.map(|p| Fact::new(&format!("{}, {whose}", l.pick("Pris", "Price")), f.money(p))));
                facts.extend(bid.value_adjustment.map(|v| {
                    Fact::new(&format!("{}, {whose}", l.pick("Kvalitetens værdi", "Value of the quality")), f.money(v))
                }));
            }
            _ => {}
        }
        facts.push(Fact::new(&format!("{}, {whose}", f.total_title(method)), f.total(method, bid.total)));
    }
    facts
}
