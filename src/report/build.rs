//! Fills the report model from a tender file: the tender and its lots, the bids with their minimum
//! requirements and rejections, the procedure record of Directive 2014/24/EU art. 84, and the audit trail.
//! The letters ([`super::letter`]) are made from the same facts.

use super::evaluation::{self as engine, EvaluatedLot, Format};
use super::model::{Block, Column, Document, Fact, Section, Table};
use super::wording::{self, Missing};
use crate::audit;
use crate::bid::{Bid, Response, Selection, Subcontracting};
use crate::consistency::Finding;
use crate::locale::Said;
use crate::locale::{Lang, MoneyPrecision};
use crate::publication::DocumentKind;
use crate::rejection::Rejection;
use crate::requirement::RequirementKind;
use crate::standstill;
use crate::store::{Result, StoreError, TenderFile};
use crate::strategy::{self, Answer, AnswerType, Objective, Questionnaire, Screening};
use crate::tender::{Lot, Tender};

/// What the report and the letters need from the tender file, read once.
pub(super) struct Facts {
    pub(super) lang: Lang,
    pub(super) tender: Tender,
    pub(super) lots: Vec<LotBids>,
    sha256: String,
    seal: Option<audit::Seal>,
    as_of: String,
    audit: audit::AuditSummary,
    /// The audit log, from which the procedure record takes its timeline.
    pub(super) entries: Vec<audit::AuditEntry>,
    pub(super) evaluators: Vec<crate::panel::Evaluator>,
    /// The lots with an evaluation model and bids, evaluated by the engine.
    pub(super) evaluated: Vec<EvaluatedLot>,
    strategy: Vec<Answer>,
    /// Each lot's number with the checks of its strategy and policies that fail.
    consistency: Vec<(i64, Vec<Finding>)>,
}

pub(super) struct LotBids {
    pub(super) lot: Lot,
    pub(super) bids: Vec<BidStatus>,
}

/// A bid with the reasons it was rejected, if any: minimum requirements not met, the engine's minimum
/// points, and the consultant's own decision.
pub(super) struct BidStatus {
    pub(super) bid: Bid,
    /// The minimum requirements the bid answered "no" or left unanswered, in the lot's order; the engine
    /// admits only a bid that answered every one of them "yes".
    pub(super) missed_minimum: Vec<MissedMinimum>,
    pub(super) met_minimum: usize,
    /// The authority's own rejection of the bid (an abnormally low or late tender, say).
    pub(super) exclusion: Option<Rejection>,
    /// The engine's exclusions for points below a criterion's announced minimum, already worded.
    pub(super) below_minimum_points: Vec<String>,
    /// The result of the tenderer's selection, as the authority recorded it.
    pub(super) selection: Option<Selection>,
    /// The share of the contract the bid declares it subcontracts.
    pub(super) subcontracting: Option<Subcontracting>,
}

/// A minimum requirement a bid did not meet, with the requirement's words and the bidder's answer.
pub(super) struct MissedMinimum {
    pub(super) code: String,
    pub(super) title: String,
    pub(super) text: String,
    /// The bidder's answer; `None` when the workbook left it blank.
    pub(super) answer: Option<Response>,
}

impl MissedMinimum {
    /// "K-002 Farvedoppler (besvaret "Nej"; "kun pw-doppler")" in the report, or the bidder's answer
    /// addressed to them in a letter.
    pub(super) fn answer_text(&self, l: Lang) -> String {
        let Some(answer) = &self.answer else { return l.pick("ikke besvaret", "not answered").to_owned() };
        let mut text = format!("\"{}\"", l.pick("Nej", "No"));
        for extra in [&answer.value, &answer.comment, &answer.document_ref] {
            if !extra.trim().is_empty() {
                text.push_str(&format!("; \"{}\"", extra.trim()));
            }
        }
        text
    }

    pub(super) fn named(&self) -> String {
        if self.title.is_empty() { self.code.clone() } else { format!("{} {}", self.code, self.title) }
    }
}

impl BidStatus {
    pub(super) fn rejected(&self) -> bool {
        !self.missed_minimum.is_empty() || self.exclusion.is_some() || !self.below_minimum_points.is_empty()
    }

    fn failed(&self) -> usize {
        self.missed_minimum.iter().filter(|m| m.answer.is_some()).count()
    }

    fn unanswered(&self) -> usize {
        self.missed_minimum.iter().filter(|m| m.answer.is_none()).count()
    }

    /// Why the bid was rejected, one sentence per reason, as the report and the letters state it.
    pub(super) fn reasons(&self, lang: Lang, authority: &str) -> Vec<String> {
        let mut reasons: Vec<String> = self
            .missed_minimum
            .iter()
            .map(|missed| {
                format!(
                    "{} {} {} ({}).",
                    lang.pick("Mindstekrav", "Minimum requirement"),
                    missed.named(),
                    lang.pick("er ikke opfyldt", "is not met"),
                    match &missed.answer {
                        Some(_) => format!("{} {}", lang.pick("besvaret", "answered"), missed.answer_text(lang)),
                        None => missed.answer_text(lang),
                    }
                )
            })
            .collect();
        reasons.extend(self.below_minimum_points.iter().cloned());
        reasons.extend(self.exclusion.iter().map(|rejection| rejection.statement(lang, authority)));
        reasons
    }

    /// Whether the tender is non-compliant (*ukonditionsmæssigt*): a minimum requirement not met or not proved.
    pub(super) fn non_compliant(&self) -> bool {
        !self.missed_minimum.is_empty() || self.exclusion.as_ref().is_some_and(Rejection::non_compliant)
    }

    /// How the report names a rejection: a tender that misses a minimum requirement is non-compliant.
    fn rejection(&self, l: Lang) -> &'static str {
        if !self.non_compliant() {
            l.pick("tilbuddet er afvist", "the tender is rejected")
        } else {
            l.pick("tilbuddet er ukonditionsmæssigt og afvist", "the tender is non-compliant and rejected")
        }
    }
}

pub(super) fn read(store: &TenderFile, lang: Lang) -> Result<Facts> {
    let tender = store.tender()?;
    let exclusions = store.exclusions()?;
    let selections = store.selections()?;
    let mut lots = Vec::new();
    let mut evaluated_lots = Vec::new();
    for lot in store.lots()? {
        let minimum: Vec<_> = store
            .requirements(lot.id)?
            .into_iter()
            .filter(|r| r.text.kind == RequirementKind::Minimum)
            .map(|r| r.text)
            .collect();
        let mut bids = Vec::new();
        let lot_bids = store.bids(lot.id)?;
        // The report and the letters give every bid's price, so they wait for the second envelope.
        if !lot_bids.is_empty() && store.prices_revealed(lot.id)?.is_none() {
            let number = lot.number;
            return Err(StoreError::Invalid(Said::new(
                format!(
                    "The prices of lot {number} are sealed, and the award report and the letters would show them. \
                     Open them once the panel has agreed the quality scores (tenderbench reveal-prices T.tender \
                     --lot {number}, or the Scoring step)."
                ),
                format!(
                    "Priserne i delaftale {number} er forseglede, og tildelingsrapporten og brevene ville vise dem. \
                     Åbn dem, når bedømmelsesgruppen er enig om kvalitetspointene (tenderbench reveal-prices \
                     T.tender --lot {number} eller trinnet Pointgivning)."
                ),
            )));
        }
        for bid in lot_bids {
            let responses = store.responses(bid.id)?;
            let mut missed_minimum = Vec::new();
            let mut met_minimum = 0;
            for requirement in &minimum {
                let answer = responses.iter().find(|r| r.requirement_code == requirement.code);
                match answer.map(|a| a.compliant) {
                    Some(Some(true)) => met_minimum += 1,
                    _ => missed_minimum.push(MissedMinimum {
                        code: requirement.code.clone(),
                        title: wording::in_language(lang, &requirement.title_da, &requirement.title_en),
                        text: wording::in_language(lang, &requirement.text_da, &requirement.text_en),
                        answer: answer.filter(|a| a.compliant.is_some()).cloned(),
                    }),
                }
            }
            let exclusion = exclusions.iter().find(|(id, _)| *id == bid.id).map(|(_, reason)| reason.clone());
            let selection = selections.iter().find(|(id, _)| *id == bid.id).map(|(_, s)| s.clone());
            let subcontracting = store.subcontracting(bid.id)?;
            bids.push(BidStatus {
                bid,
                missed_minimum,
                met_minimum,
                exclusion,
                below_minimum_points: Vec::new(),
                selection,
                subcontracting,
            });
        }
        if !bids.is_empty()
            && let Some(mut evaluated) = evaluate(store, &lot, lang)?
        {
            evaluated.break_tie(tender.settings.tie_break_rule, store.draw(lot.id)?.as_ref());
            let f = Format { lang, currency: &tender.currency };
            for bid in &mut bids {
                bid.below_minimum_points = engine::below_minimum_points(f, &evaluated, &bid.bid.bidder);
            }
            evaluated_lots.push(evaluated);
        }
        lots.push(LotBids { lot, bids });
    }
    let entries = store.audit_log()?;
    let summary = audit::summarize(&entries);
    let as_of = summary.last_change.clone().unwrap_or_else(|| tender.created_at.clone());
    Ok(Facts {
        lang,
        sha256: crate::store::file_sha256(store.path())?,
        seal: audit::Seal::of(&entries),
        tender,
        lots,
        as_of,
        audit: summary,
        entries,
        evaluators: store.evaluators()?,
        evaluated: evaluated_lots,
        strategy: store.strategy_answers()?,
        consistency: store
            .lots()?
            .into_iter()
            .map(|lot| Ok((lot.number, store.consistency(lot.id)?)))
            .collect::<Result<_>>()?,
    })
}

/// Runs the engine on a lot that has an evaluation model, with the bids that compete in it.
/// The model's texts in the document's language; [`missing_english`] lists the ones it lacks.
fn evaluate(store: &TenderFile, lot: &Lot, lang: Lang) -> Result<Option<EvaluatedLot>> {
    let Some(mut input) = store.competing_input(lot.id)? else { return Ok(None) };
    let mut wording = Missing::default();
    wording.model(&mut input, lang, lot.number);
    let locked_at = store.model_lock(lot.id)?.map(|lock| lock.locked_at);
    let mut evaluated = EvaluatedLot::evaluate(lot.number, &lot.title, locked_at, input);
    let mut publications = store.publications(lot.id)?;
    let revisions = crate::publication::revisions(&publications, &store.terms(lot.id)?);
    for publication in &mut publications {
        wording.model(&mut publication.terms.model, lang, lot.number);
    }
    let announced = publications
        .iter()
        .flat_map(|p| {
            let chapter = p.documents.iter().find(|d| d.kind == DocumentKind::EvaluationModel && d.lang == lang);
            chapter.map(|d| (p.published_at.clone(), d.clone()))
        })
        .collect();
    evaluated.history = engine::PublicationHistory { revisions, first: publications.into_iter().next(), announced };
    Ok(Some(evaluated))
}

/// The tender's texts that an English report and its letters would show in Danish for want of an English
/// one: each criterion's name, each scale step's meaning, and each requirement's title and text.
pub fn missing_english(store: &TenderFile) -> Result<Vec<Said>> {
    let mut missing = Missing::default();
    for lot in store.lots()? {
        match store.evaluation_input(lot.id) {
            Ok(mut input) => {
                input.minimum_requirements.clear();
                missing.model(&mut input, Lang::En, lot.number);
            }
            Err(crate::store::StoreError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
        for requirement in store.requirements(lot.id)? {
            let text = &requirement.text;
            let criterion = requirement.criterion.is_some();
            if !criterion {
                missing.pick(Lang::En, &text.title_da, &text.title_en, || {
                    wording::requirement(lot.number, &text.code, &text.title_da)
                });
            }
            missing.pick(Lang::En, &text.text_da, &text.text_en, || {
                Said::new(
                    format!("lot {}: the text of requirement {}", lot.number, text.code),
                    format!("delaftale {}: teksten til krav {}", lot.number, text.code),
                )
            });
        }
    }
    Ok(missing.0)
}

impl Facts {
    pub(super) fn document(&self, heading: &str, preamble: Vec<String>, table_of_contents: bool) -> Document {
        Document {
            lang: self.lang,
            heading: heading.to_owned(),
            tender_reference: self.tender.reference.clone(),
            tender_title: self.tender.title.clone(),
            file_sha256: self.sha256.clone(),
            seal: self.seal.as_ref().map(ToString::to_string).unwrap_or_default(),
            as_of: self.as_of.clone(),
            preamble,
            table_of_contents,
            sections: Vec::new(),
        }
    }

    /// "Region Syddanmark, Damhaven 12, 7100 Vejle", or the name alone while no address is set.
    pub(super) fn authority_with_address(&self) -> String {
        let t = &self.tender;
        if t.settings.authority_address.trim().is_empty() {
            t.authority.clone()
        } else {
            format!("{}, {}", t.authority, t.settings.authority_address.trim())
        }
    }

    pub(super) fn format(&self) -> Format<'_> {
        Format { lang: self.lang, currency: &self.tender.currency }
    }

    /// The category strategy as the consultant answered it: Kraljic position, suggested against chosen
    /// weights, levers and the sustainability screening. `None` when no question is answered.
    fn strategy_section(&self) -> Option<Section> {
        if self.strategy.is_empty() {
            return None;
        }
        let l = self.lang;
        let questionnaire = Questionnaire::builtin();
        let mut facts = Vec::new();
        if let Some(position) = strategy::kraljic(questionnaire, &self.strategy) {
            facts.push(Fact::new(
                l.pick("Kraljic-position", "Kraljic position"),
                format!(
                    "{} ({} {}, {} {})",
                    quadrant(l, position.quadrant),
                    l.pick("forsyningsrisiko", "supply risk"),
                    l.number(position.supply_risk, 2),
                    l.pick("økonomisk betydning", "profit impact"),
                    l.number(position.profit_impact, 2)
                ),
            ));
        }
        if let Some(weights) = strategy::suggested_weights(questionnaire, &self.strategy) {
            let parts: Vec<String> = weights
                .iter()
                .map(|w| {
                    format!(
                        "{} {}",
                        objective(l, w.objective),
                        l.percent(w.weight / rust_decimal::Decimal::ONE_HUNDRED)
                    )
                })
                .collect();
            facts.push(Fact::new(l.pick("Foreslåede vægte", "Suggested weights"), parts.join(", ")));
        }
        for lot in &self.evaluated {
            let Ok(evaluated) = &lot.outcome else { continue };
            let parts: Vec<String> = lot
                .input
                .criteria
                .iter()
                .filter_map(|c| {
                    let weight = evaluated.result.criterion_weights.get(&c.id)?;
                    Some(format!("{} {}", if c.name.is_empty() { &c.id } else { &c.name }, l.percent(*weight)))
                })
                .collect();
            facts.push(Fact::new(
                &format!("{} {}", l.pick("Valgte vægte, delaftale", "Chosen weights, lot"), lot.lot_number),
                parts.join(", "),
            ));
        }
        let answer = |id: &str| self.strategy.iter().find(|a| a.question_id == id && !a.value.is_empty());
        for id in ["levers.chosen", "levers.note", "risk.supply_levers", "negotiation.options"] {
            if let (Some(question), Some(a)) = (questionnaire.question(id), answer(id)) {
                facts.push(Fact::new(
                    l.pick(&question.text_da, &question.text_en),
                    answer_text(l, &question.answer, &a.value),
                ));
            }
        }
        let mut blocks = vec![Block::Facts(facts)];
        let screening: Vec<Vec<String>> = questionnaire
            .questions()
            .filter(|q| matches!(q.answer, AnswerType::Screening))
            .filter_map(|q| {
                let a = answer(&q.id)?;
                Some(vec![
                    l.pick(&q.text_da, &q.text_en).to_owned(),
                    answer_text(l, &q.answer, &a.value),
                    a.reason.clone(),
                ])
            })
            .collect();
        if !screening.is_empty() {
            blocks.push(Block::Subheading(l.pick("Bæredygtighedsscreening", "Sustainability screening").into()));
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Kravtype", "Requirement type"), 5),
                    Column::left(l.pick("Vurdering", "Screening"), 3),
                    Column::left(l.pick("Begrundelse", "Reason"), 7),
                ],
                rows: screening,
            }));
        }
        blocks.push(Block::Subheading(
            l.pick("Strategiens valg og regionens politikker", "The strategy's choices and the region's policies")
                .into(),
        ));
        let findings: Vec<Vec<String>> = self
            .consistency
            .iter()
            .flat_map(|(lot, findings)| {
                findings.iter().map(move |f| vec![lot.to_string(), f.problem.pick(l).into(), f.fix.pick(l).into()])
            })
            .collect();
        if findings.is_empty() {
            blocks.push(Block::Paragraph(
                l.pick(
                    "Hver delaftale stemmer med screeningen af kravtyper og med regionens politikker om grønne krav \
                     og tilbagetagning af IT-udstyr.",
                    "Every lot agrees with the screening of requirement types and with the region's policies on \
                     green requirements and take-back of IT equipment.",
                )
                .into(),
            ));
        } else {
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Delaftale", "Lot"), 2),
                    Column::left(l.pick("Fund", "Finding"), 7),
                    Column::left(l.pick("Løsning", "Fix"), 6),
                ],
                rows: findings,
            }));
        }
        Some(Section { title: l.pick("Kategoristrategi", "Category strategy").into(), blocks })
    }

    pub(super) fn money(&self, amount: Option<rust_decimal::Decimal>) -> String {
        amount
            .map(|a| self.lang.money(a, &self.tender.currency, MoneyPrecision::WholeKroner))
            .unwrap_or_else(|| self.lang.pick("ikke angivet", "not stated").to_owned())
    }

    pub(super) fn date(&self, date: Option<chrono::NaiveDate>) -> String {
        date.map(|d| self.lang.date(d)).unwrap_or_else(|| self.lang.pick("ikke fastsat", "not set").to_owned())
    }

    fn tender_section(&self) -> Section {
        let l = self.lang;
        let t = &self.tender;
        let mut facts = vec![
            Fact::new(l.pick("Ordregiver", "Contracting authority"), t.authority.clone()),
            Fact::new(l.pick("Udbudsform", "Procedure"), self.tender.procedure.name(l)),
            Fact::new(l.pick("CPV-koder", "CPV codes"), t.cpv_codes.join(", ")),
            Fact::new(l.pick("Anslået værdi", "Estimated value"), self.money(t.estimated_value)),
            Fact::new(l.pick("Offentliggjort", "Published"), self.date(t.published_on)),
            Fact::new(l.pick("Tilbudsfrist", "Tender deadline"), self.date(t.bid_deadline)),
            Fact::new(l.pick("Tildelingsdato", "Award date"), self.date(t.award_date)),
            Fact::new(l.pick("Standstill-perioden udløber", "Standstill period ends"), self.date(standstill::ends(t))),
        ];
        if let Some(sent_on) = t.notices_sent_on {
            facts.push(Fact::new(
                l.pick("Underretning afsendt", "Notices sent"),
                format!("{} ({})", l.date(sent_on), t.notices_sent_by.describe(l)),
            ));
        }
        if t.settings.tie_break_rule != crate::tie_break::TieBreak::None || !t.tie_break.is_empty() {
            let rule = t.settings.tie_break_rule.describe(l);
            let wording = t.tie_break.trim();
            facts.push(Fact::new(
                l.pick("Regel ved lige point", "Tie-break rule"),
                if wording.is_empty() { rule.to_owned() } else { format!("{rule} ({wording})") },
            ));
        }
        let lots = Table {
            columns: vec![
                Column::right(l.pick("Nr.", "No."), 1),
                Column::left(l.pick("Delaftale", "Lot"), 7),
                Column::right(l.pick("Anslået værdi", "Estimated value"), 3),
            ],
            rows: self
                .lots
                .iter()
                .map(|b| vec![b.lot.number.to_string(), b.lot.title.clone(), self.money(b.lot.estimated_value)])
                .collect(),
        };
        Section {
            title: l.pick("Udbuddet og delaftalerne", "The tender and its lots").to_owned(),
            blocks: vec![Block::Facts(facts), Block::Table(lots)],
        }
    }

    fn compliance_section(&self) -> Section {
        let l = self.lang;
        let mut blocks = Vec::new();
        for lot in &self.lots {
            blocks.push(Block::Subheading(format!(
                "{} {}: {}",
                l.pick("Delaftale", "Lot"),
                lot.lot.number,
                lot.lot.title
            )));
            if lot.bids.is_empty() {
                blocks
                    .push(Block::Paragraph(l.pick("Der er ikke modtaget tilbud.", "No tenders were received.").into()));
                continue;
            }
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column::left(l.pick("Tilbudsgiver", "Tenderer"), 5),
                    Column::right(l.pick("Opfyldt", "Met"), 2),
                    Column::right(l.pick("Ikke opfyldt", "Not met"), 2),
                    Column::right(l.pick("Ubesvaret", "Unanswered"), 2),
                    Column::left(l.pick("Status", "Status"), 3),
                ],
                rows: lot
                    .bids
                    .iter()
                    .map(|b| {
                        vec![
                            b.bid.bidder.clone(),
                            b.met_minimum.to_string(),
                            b.failed().to_string(),
                            b.unanswered().to_string(),
                            if b.rejected() { l.pick("Afvist", "Rejected") } else { l.pick("Optaget", "Admitted") }
                                .to_owned(),
                        ]
                    })
                    .collect(),
            }));
            for bid in lot.bids.iter().filter(|b| b.rejected()) {
                blocks.push(Block::Paragraph(format!(
                    "{}: {}. {}",
                    bid.bid.bidder,
                    bid.rejection(l),
                    bid.reasons(l, &self.tender.authority).join(" ")
                )));
            }
        }
        Section {
            title: l.pick("Mindstekrav og afviste tilbud", "Minimum requirements and rejected tenders").into(),
            blocks,
        }
    }

    fn audit_section(&self) -> Section {
        let l = self.lang;
        let last = match (&self.audit.last_change, &self.audit.last_actor) {
            (Some(at), Some(actor)) => format!("{} {} {actor}", l.timestamp(at), l.pick("af", "by")),
            _ => none_text(l),
        };
        let verified = if self.audit.chain_verified {
            l.pick(
                "Verificeret: ingen ændring er redigeret eller fjernet.",
                "Verified: no change has been edited or removed.",
            )
        } else {
            l.pick(
                "Brudt: loggen er ændret efter den blev skrevet.",
                "Broken: the log was altered after it was written.",
            )
        };
        Section {
            title: l.pick("Bilag: revisionsspor", "Appendix: audit trail").into(),
            blocks: vec![
                Block::Facts(vec![
                    Fact::new(l.pick("Antal ændringer", "Number of changes"), self.audit.changes.to_string()),
                    Fact::new(l.pick("Seneste ændring", "Last change"), last),
                    Fact::new(l.pick("Kæden af ændringer", "Chain of changes"), verified),
                    Fact::new(l.pick("Segl", "Seal"), self.seal.as_ref().map(ToString::to_string).unwrap_or_default()),
                ]),
                Block::Paragraph(self.document("", Vec::new(), false).file_line()),
                Block::Paragraph(l.rounding_rule().into()),
            ],
        }
    }
}

fn quadrant(l: Lang, quadrant: strategy::Quadrant) -> &'static str {
    match quadrant {
        strategy::Quadrant::Strategic => l.pick("Strategisk", "Strategic"),
        strategy::Quadrant::Leverage => l.pick("Løftestang", "Leverage"),
        strategy::Quadrant::Bottleneck => l.pick("Flaskehals", "Bottleneck"),
        strategy::Quadrant::NonCritical => l.pick("Ikke-kritisk", "Non-critical"),
    }
}

fn objective(l: Lang, objective: Objective) -> &'static str {
    match objective {
        Objective::Quality => l.pick("Kvalitet", "Quality"),
        Objective::Efficiency => l.pick("Effektivitet", "Efficiency"),
        Objective::Sustainability => l.pick("Bæredygtighed", "Sustainability"),
        Objective::SupplySecurity => l.pick("Forsyningssikkerhed", "Supply security"),
    }
}

/// A stored strategy answer as a reader would say it, in the report's language.
fn answer_text(l: Lang, answer: &AnswerType, value: &str) -> String {
    match answer {
        AnswerType::Choice { options, .. } => value
            .split(',')
            .map(|v| options.iter().find(|o| o.value == v).map_or(v, |o| l.pick(&o.label_da, &o.label_en)))
            .collect::<Vec<_>>()
            .join("; "),
        AnswerType::Number { unit_da, unit_en, .. } => format!("{value} {}", l.pick(unit_da, unit_en)),
        AnswerType::Amount { currency } => format!("{value} {currency}"),
        AnswerType::Scale { .. } => format!("{value} {} 5", l.pick("af", "of")),
        AnswerType::Screening => match Screening::from_code(value) {
            Some(Screening::NotRelevant) => l.pick("ikke relevant", "not relevant").into(),
            Some(Screening::Minimum) => l.pick("mindstekrav", "minimum requirement").into(),
            Some(Screening::Award) => l.pick("tildelingskriterium", "award criterion").into(),
            Some(Screening::MinimumAndAward) => {
                l.pick("mindstekrav og tildelingskriterium", "minimum requirement and award criterion").into()
            }
            None => value.into(),
        },
        AnswerType::Text => value.into(),
    }
}

fn none_text(lang: Lang) -> String {
    lang.pick("Ingen", "None").to_owned()
}

/// The award report of a tender file.
pub fn award_report(store: &TenderFile, lang: Lang) -> Result<Document> {
    let facts = read(store, lang)?;
    let mut document = facts.document(
        lang.pick("Tildelingsrapport", "Award report"),
        vec![
            format!("{}: {}", lang.pick("Ordregiver", "Contracting authority"), facts.tender.authority),
            format!("{}: {}", lang.pick("Udbudsfilens stand", "Tender file as of"), lang.timestamp(&facts.as_of)),
        ],
        true,
    );
    let f = facts.format();
    let lots = &facts.evaluated;
    let award_date = facts.date(facts.tender.award_date);
    let mut sections = Vec::new();
    let mut decision = engine::decision(f, lots, award_date);
    decision.blocks.extend(facts.lots.iter().filter(|lot| lot.bids.is_empty()).map(|lot| {
        Block::Paragraph(format!(
            "{} {}: {} {} {}",
            lang.pick("Delaftale", "Lot"),
            lot.lot.number,
            lang.pick("Der er ikke modtaget tilbud.", "No tenders were received."),
            facts.tender.authority,
            lang.pick(
                "tildeler derfor ikke kontrakten om delaftalen og annullerer udbuddet af den.",
                "therefore does not award the contract for the lot and cancels its procurement."
            )
        ))
    }));
    if !lots.is_empty() || facts.lots.iter().any(|lot| lot.bids.is_empty()) {
        sections.push(decision);
    }
    sections.push(facts.tender_section());
    sections.extend(facts.strategy_section());
    if !lots.is_empty() {
        sections.push(engine::model(f, lots));
        sections.extend(engine::changes_after_publication(f, lots));
    }
    sections.push(facts.compliance_section());
    if !lots.is_empty() {
        sections.extend([
            engine::scores(f, lots),
            engine::costs(f, lots),
            engine::ranking(f, lots),
            engine::robustness(f, lots),
        ]);
    }
    sections.push(facts.procedure_record());
    sections.push(facts.decision_block());
    sections.extend(engine::lcc_years(f, lots));
    sections.push(facts.audit_section());
    document.sections = sections;
    Ok(document)
}
