//! The procedure record of Directive 2014/24/EU art. 84: the authority, the subject and its values, the
//! tenders admitted and rejected with the reasons, the winner and why, the lots not awarded and why, the
//! conflicts of interest with the day each was declared, and the procedure's timeline as the tender file
//! and its audit log hold it (art. 84(2)).

use super::build::{BidStatus, Facts};
use super::evaluation::{self as engine, EvaluatedLot};
use super::model::{Block, Column, Fact, Section, Table};
use crate::audit::AuditEntry;
use crate::locale::Lang;
use crate::panel::Declaration;
use crate::rejection::Ground;
use crate::standstill;
use crate::tender::Procedure;

impl Facts {
    pub(super) fn procedure_record(&self) -> Section {
        let l = self.lang;
        let list =
            |items: Vec<String>| if items.is_empty() { l.pick("Ingen", "None").to_owned() } else { items.join("; ") };
        let bids = || self.lots.iter().flat_map(|lot| lot.bids.iter().map(move |b| (lot.lot.number, b)));
        // "Sonoscan A/S (delaftale 1)": how every list below names a tender.
        let named = |n: i64, b: &BidStatus| format!("{} ({} {n})", b.bid.bidder, l.pick("delaftale", "lot"));
        let admitted = bids().filter(|(_, b)| !b.rejected()).map(|(n, b)| named(n, b)).collect();
        let rejected = bids()
            .filter(|(_, b)| b.rejected())
            .map(|(n, b)| {
                let reasons = b.reasons(l, &self.tender.authority).join(" ");
                format!("{}: {}", named(n, b), reasons.trim_end_matches('.'))
            })
            .collect();
        let awarded = self.evaluated.iter().filter_map(|lot| self.awarded_value(lot)).collect();
        let abnormally_low = bids()
            .filter_map(|(n, b)| match &b.exclusion.as_ref()?.ground {
                Ground::AbnormallyLow { requested_on, answered_on } => Some(format!(
                    "{}: {} {}, {}",
                    named(n, b),
                    l.pick("redegørelse anmodet om", "explanation asked for on"),
                    l.date(*requested_on),
                    match answered_on {
                        Some(day) => format!("{} {}", l.pick("modtaget", "received on"), l.date(*day)),
                        None => l.pick("ikke modtaget", "not received").to_owned(),
                    }
                )),
                _ => None,
            })
            .collect();
        let selection = bids()
            .map(|(n, b)| {
                let result = match &b.selection {
                    Some(s) if s.qualified => format!("{}: {}", l.pick("egnet", "qualified"), s.reason),
                    Some(s) => format!("{}: {}", l.pick("ikke egnet", "not qualified"), s.reason),
                    None => l.pick("resultatet er ikke registreret", "no result recorded").to_owned(),
                };
                format!("{}: {}", named(n, b), result.trim_end_matches('.'))
            })
            .collect();
        let subcontracting = bids()
            .map(|(n, b)| {
                let declared = match &b.subcontracting {
                    Some(d) if d.subcontractors.trim().is_empty() => format!("{} %", l.exact(d.share)),
                    Some(d) => format!("{} % {} {}", l.exact(d.share), l.pick("til", "to"), d.subcontractors.trim()),
                    None => l.pick("ikke oplyst", "not stated").to_owned(),
                };
                format!("{}: {declared}", named(n, b))
            })
            .collect();
        let ties: Vec<String> = self.evaluated.iter().filter_map(|lot| lot.tie_note(l)).collect();
        let mut facts = vec![
            Fact::new(l.pick("Ordregiver", "Contracting authority"), self.authority_with_address()),
            Fact::new(
                l.pick("Genstand og anslået værdi", "Subject and estimated value"),
                format!("{}; {}", self.tender.title, self.money(self.tender.estimated_value)),
            ),
            Fact::new(l.pick("Værdi af de tildelte kontrakter", "Value of the contracts awarded"), list(awarded)),
            Fact::new(l.pick("Udbudsform", "Procedure"), self.procedure()),
            Fact::new(l.pick("Resultatet af udvælgelsen", "Results of the selection"), list(selection)),
            Fact::new(l.pick("Optagne tilbudsgivere", "Tenderers admitted"), list(admitted)),
            Fact::new(l.pick("Afviste tilbudsgivere", "Tenderers rejected"), list(rejected)),
            Fact::new(
                l.pick("Unormalt lave tilbud, der er afvist", "Abnormally low tenders rejected"),
                list(abnormally_low),
            ),
            Fact::new(
                l.pick("Vinder og begrundelse", "Winner and reasons"),
                list(self.evaluated.iter().filter_map(|lot| engine::winner_line(self.format(), lot)).collect()),
            ),
            Fact::new(
                l.pick("Underentreprise, som oplyst i tilbuddet", "Subcontracting, as the tender declares it"),
                list(subcontracting),
            ),
            Fact::new(l.pick("Delaftaler, der ikke tildeles", "Lots not awarded"), list(self.not_awarded())),
        ];
        if !ties.is_empty() {
            facts.push(Fact::new(l.pick("Lige point", "Equal totals"), ties.join(" ")));
        }
        let mut blocks = vec![
            Block::Facts(facts),
            Block::Subheading(l.pick("Forløb", "Timeline").into()),
            Block::Table(Table {
                columns: vec![Column::left(l.pick("Trin", "Step"), 5), Column::left(l.pick("Tidspunkt", "When"), 6)],
                rows: self.timeline(),
            }),
            Block::Subheading(l.pick("Interessekonflikter", "Conflicts of interest").into()),
        ];
        if self.evaluators.is_empty() {
            blocks.push(Block::Paragraph(
                l.pick("Der er ikke registreret evaluatorer.", "No evaluators are registered.").into(),
            ));
        } else {
            blocks.push(Block::Table(self.declarations()));
            blocks.extend(self.late_declarations().into_iter().map(Block::Paragraph));
        }
        Section {
            title: l
                .pick(
                    "Udbudsprotokol (direktiv 2014/24/EU, art. 84)",
                    "Procedure record (Directive 2014/24/EU, art. 84)",
                )
                .into(),
            blocks,
        }
    }

    /// The recommendation and the decision, with a line for the decision maker's signature: the award
    /// report is what the decision maker signs.
    pub(super) fn decision_block(&self) -> Section {
        let l = self.lang;
        let t = &self.tender;
        let unset = || l.pick("ikke angivet", "not stated").to_owned();
        let named = |who: &str| if who.trim().is_empty() { unset() } else { who.trim().to_owned() };
        let winners: Vec<String> = self
            .evaluated
            .iter()
            .filter_map(|lot| {
                let winner = lot.winner()?;
                Some(format!(
                    "{} {} {} {}",
                    l.pick("delaftale", "lot"),
                    lot.lot_number,
                    l.pick("til", "to"),
                    lot.bidder(&winner.bid)
                ))
            })
            .collect();
        let mut blocks = vec![Block::Facts(vec![
            Fact::new(l.pick("Indstillet af", "Recommended by"), named(&t.settings.recommended_by)),
            Fact::new(l.pick("Indstillet den", "Recommended on"), self.date(t.settings.recommended_on)),
            Fact::new(l.pick("Besluttet af", "Decided by"), named(&t.settings.decision_maker)),
            Fact::new(l.pick("Besluttet den", "Decided on"), self.date(t.award_date)),
        ])];
        if !winners.is_empty() {
            blocks.push(Block::Paragraph(format!(
                "{} {}.",
                l.pick(
                    "Det indstilles at tildele kontrakterne på grundlag af evalueringen i denne rapport:",
                    "It is recommended to award the contracts on the basis of the evaluation in this report:"
                ),
                winners.join("; ")
            )));
            blocks.push(Block::Paragraph(
                l.pick(
                    "Med underskriften nedenfor træffes tildelingsbeslutningen i overensstemmelse med indstillingen.",
                    "By the signature below, the award decision is made in accordance with the recommendation.",
                )
                .into(),
            ));
        }
        blocks.push(Block::Paragraph(format!(
            "{} ______________________________    {} ______________",
            l.pick("Underskrift:", "Signature:"),
            l.pick("Dato:", "Date:")
        )));
        Section { title: l.pick("Indstilling og beslutning", "Recommendation and decision").into(), blocks }
    }

    /// The procedure, with the reasons for it where the law asks for them (art. 84(1)(e) and (f)).
    fn procedure(&self) -> String {
        let l = self.lang;
        let t = &self.tender;
        let needs_reasons = matches!(
            t.procedure,
            Procedure::CompetitiveNegotiation
                | Procedure::CompetitiveDialogue
                | Procedure::InnovationPartnership
                | Procedure::NegotiatedWithoutNotice
        );
        match t.settings.procedure_justification.trim() {
            "" if needs_reasons => format!(
                "{}; {}",
                t.procedure.name(l),
                l.pick("begrundelsen for udbudsformen er ikke angivet", "the reasons for the procedure are not stated")
            ),
            "" => t.procedure.name(l).to_owned(),
            reasons => format!("{}; {}: {reasons}", t.procedure.name(l), l.pick("begrundelse", "reasons")),
        }
    }

    /// The winner's price for a lot: "delaftale 1: 12.948.000 kr. (Ultralyd Danmark A/S)".
    fn awarded_value(&self, lot: &EvaluatedLot) -> Option<String> {
        let winner = lot.winner()?;
        let price = lot.input.bids.iter().find(|b| b.id == winner.bid)?.stated_price();
        Some(format!(
            "{} {}: {} ({})",
            self.lang.pick("delaftale", "lot"),
            lot.lot_number,
            self.money(price),
            lot.bidder(&winner.bid)
        ))
    }

    /// Each lot that is not awarded, with the reason (art. 84(1)(g)).
    fn not_awarded(&self) -> Vec<String> {
        let l = self.lang;
        self.lots
            .iter()
            .filter_map(|lot| {
                let evaluated = self.evaluated.iter().find(|e| e.lot_number == lot.lot.number);
                let reason = match evaluated.map(|e| (e, e.outcome.as_ref().map(|o| &o.result.ranking))) {
                    _ if lot.bids.is_empty() => l.pick("der er ikke modtaget tilbud", "no tenders were received"),
                    None => l.pick("der er ingen evalueringsmodel", "there is no evaluation model"),
                    Some((_, Err(_))) => l.pick("evalueringen kan ikke gennemføres", "the evaluation cannot be made"),
                    Some((_, Ok(ranking))) if ranking.is_empty() => {
                        l.pick("der er ikke modtaget et tilbud, der kan antages", "no acceptable tender was received")
                    }
                    Some((lot, Ok(_))) if lot.winner().is_none() => l.pick(
                        "to tilbud deler første plads, og beslutningen er ikke truffet",
                        "two tenders share the first rank, and the decision has not been made",
                    ),
                    Some((_, Ok(_))) => return None,
                };
                Some(format!("{} {}: {reason}", l.pick("delaftale", "lot"), lot.lot.number))
            })
            .collect()
    }

    /// The procedure step by step, in the order the law has it, each with its day or its time: the tender
    /// file's own dates, and the first and last audit row of each step the log records.
    fn timeline(&self) -> Vec<Vec<String>> {
        let l = self.lang;
        let t = &self.tender;
        let mut rows =
            vec![vec![l.pick("Udbudsfilen oprettet", "Tender file created").to_owned(), l.timestamp(&t.created_at)]];
        if let Some(published) = t.published_on {
            rows.push(vec![
                l.pick("Udbudsbekendtgørelsen offentliggjort", "Contract notice published").to_owned(),
                l.date(published),
            ]);
        }
        for lot in &self.evaluated {
            if let Some(first) = &lot.history.first {
                rows.push(vec![
                    format!(
                        "{} {} {}",
                        l.pick("Delaftale", "Lot"),
                        lot.lot_number,
                        l.pick("offentliggjort", "published")
                    ),
                    l.timestamp(&first.published_at),
                ]);
            }
        }
        // The questions answered in the tender period, by the days the answers were given (their audit rows
        // carry the day), counting a question answered again once.
        let answers: Vec<&AuditEntry> =
            self.entries.iter().filter(|e| e.entity.starts_with("question ") && e.field == "answered").collect();
        let days: std::collections::BTreeSet<chrono::NaiveDate> =
            answers.iter().filter_map(|e| e.new_value.as_deref()?.parse().ok()).collect();
        if let (Some(first), Some(last)) = (days.first(), days.last()) {
            let questions: std::collections::BTreeSet<&str> = answers.iter().map(|e| e.entity.as_str()).collect();
            let when = if first == last { l.date(*first) } else { format!("{} – {}", l.date(*first), l.date(*last)) };
            rows.push(vec![
                format!(
                    "{} ({} {})",
                    l.pick("Spørgsmål og svar", "Questions and answers"),
                    questions.len(),
                    l.pick("besvaret", "answered")
                ),
                when,
            ]);
        }
        if let Some(deadline) = t.bid_deadline {
            rows.push(vec![l.pick("Tilbudsfrist", "Tender deadline").to_owned(), l.date(deadline)]);
        }
        for lot in &self.lots {
            let prefix = format!("lot {} bid ", lot.lot.number);
            let steps = [
                l.pick("Tilbud indlæst", "Tenders imported"),
                l.pick("Udvælgelse", "Selection"),
                l.pick("Individuel bedømmelse", "Individual scoring"),
                l.pick("Konsensus", "Consensus"),
                l.pick("Priserne åbnet", "Prices opened"),
            ];
            // A bid's steps are logged under the bid, the opening of the prices under the lot.
            let lot_entity = format!("lot {}", lot.lot.number);
            let step_of = |e: &AuditEntry| match e.field.as_str() {
                "prices revealed" if e.entity == lot_entity => Some(4),
                _ if !e.entity.starts_with(&prefix) => None,
                "imported" => Some(0),
                "selection" => Some(1),
                "consensus" => Some(3),
                field if field.starts_with("score by ") => Some(2),
                _ => None,
            };
            for (index, step) in steps.into_iter().enumerate() {
                let entries = self.entries.iter().filter(|e| step_of(e) == Some(index));
                if let Some(span) = span(l, entries) {
                    rows.push(vec![format!("{step}, {} {}", l.pick("delaftale", "lot"), lot.lot.number), span]);
                }
            }
        }
        for lot in &self.evaluated {
            if let Some(draw) = lot.tie.as_ref().and_then(|tie| tie.draw.as_ref()) {
                rows.push(vec![
                    format!(
                        "{}, {} {}",
                        l.pick("Lodtrækning", "Draw by lot"),
                        l.pick("delaftale", "lot"),
                        lot.lot_number
                    ),
                    l.date(draw.held_on),
                ]);
            }
        }
        if let Some(date) = t.award_date {
            rows.push(vec![l.pick("Tildelingsbeslutning", "Award decision").to_owned(), l.date(date)]);
        }
        if let Some(sent_on) = t.notices_sent_on {
            rows.push(vec![
                l.pick("Underretning afsendt", "Notices sent").to_owned(),
                format!("{} ({})", l.date(sent_on), t.notices_sent_by.describe(l)),
            ]);
        }
        if let Some(ends) = standstill::ends(t) {
            rows.push(vec![l.pick("Standstill-perioden udløber", "Standstill period ends").to_owned(), l.date(ends)]);
        }
        rows
    }

    fn declarations(&self) -> Table {
        let l = self.lang;
        Table {
            columns: vec![
                Column::left(l.pick("Evaluator", "Evaluator"), 3),
                Column::left(l.pick("Rolle", "Role"), 3),
                Column::left(l.pick("Erklæring", "Declaration"), 4),
                Column::left(l.pick("Foranstaltning", "Measure taken"), 5),
                Column::left(l.pick("Erklæret", "Declared"), 3),
            ],
            rows: self
                .evaluators
                .iter()
                .map(|e| {
                    let (declaration, measure) = match &e.declaration {
                        Some(Declaration::NoConflict) => {
                            (l.pick("Ingen konflikt", "No conflict").to_owned(), String::new())
                        }
                        Some(Declaration::Conflict { description, measure }) => (description.clone(), measure.clone()),
                        None => (l.pick("Ikke afgivet", "Not given").to_owned(), String::new()),
                    };
                    let declared = e.declared_at.as_deref().map(|at| l.timestamp(at)).unwrap_or_default();
                    vec![e.name.clone(), e.role.clone(), declaration, measure, declared]
                })
                .collect(),
        }
    }

    /// An evaluator who scored before declaring, or scored without a declaration: the declaration must come
    /// first, so the record says so.
    fn late_declarations(&self) -> Vec<String> {
        let l = self.lang;
        self.evaluators
            .iter()
            .filter_map(|e| {
                let field = format!("score by {}", e.name);
                let first = self.entries.iter().find(|entry| entry.field == field)?;
                match &e.declared_at {
                    Some(declared) if instant(declared) <= instant(&first.at) => None,
                    declared => Some(format!(
                        "{} {} {}, {}.",
                        e.name,
                        l.pick("gav sin første score", "gave a first score on"),
                        l.timestamp(&first.at),
                        match declared {
                            Some(at) =>
                                format!("{} {}", l.pick("før sin erklæring", "before declaring on"), l.timestamp(at)),
                            None => l.pick("uden at have afgivet en erklæring", "without having declared").to_owned(),
                        }
                    )),
                }
            })
            .collect()
    }
}

/// The time of the first and the last of `entries`: one time, or "from – to".
fn span<'a>(l: Lang, mut entries: impl Iterator<Item = &'a AuditEntry>) -> Option<String> {
    let first = entries.next()?;
    let last = entries.last().unwrap_or(first);
    Some(if first.at == last.at {
        l.timestamp(&first.at)
    } else {
        format!("{} – {}", l.timestamp(&first.at), l.timestamp(&last.at))
    })
}

/// An RFC 3339 time as an instant, so that times written with different offsets compare as times.
fn instant(rfc3339: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    chrono::DateTime::parse_from_rfc3339(rfc3339).ok()
}
