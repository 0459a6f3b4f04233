//! The notices to the bidders (udbudslovens § 171): one letter to every bidder of every lot that has a
//! decision, chosen by the bid's status. The winner is told of the award and that no contract is signed
//! before the standstill period ends; an unsuccessful admitted bidder gets the winning tender's
//! characteristics and relative advantages; a rejected bidder gets each reason for the rejection, with the
//! requirement's words and its own answer, and the award decision. A lot where no tender can be accepted is
//! cancelled, and every bidder is told so.
//!
//! Every letter is dated with the day the notices are sent, as the tender file records it, so the letter
//! and its standstill end can be made again from the file. docs/legal-texts.md says where each rule is.

use super::build::{self, BidStatus, Facts, LotBids};
use super::evaluation::{self as engine, EvaluatedLot};
use super::model::{Block, Section};
use crate::evaluation::RankedBid;
use crate::locale::{Lang, Said};
use crate::standstill;
use crate::store::{Result, StoreError, TenderFile};
use chrono::NaiveDate;

/// A letter to one bidder about one lot.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    pub bidder: String,
    pub lot_number: i64,
    pub document: crate::report::Document,
}

impl Letter {
    /// A file name for the letter that sorts by lot and names the bidder: "lot-1-bolge-ekko-aps.pdf".
    pub fn file_name(&self) -> String {
        let mut slug = String::new();
        for c in self.bidder.to_lowercase().chars() {
            let c = match c {
                'æ' => "ae".to_owned(),
                'ø' => "oe".to_owned(),
                'å' => "aa".to_owned(),
                c if c.is_ascii_alphanumeric() => c.to_string(),
                _ => "-".to_owned(),
            };
            slug.push_str(&c);
        }
        let slug: Vec<&str> = slug.split('-').filter(|s| !s.is_empty()).collect();
        format!("lot-{}-{}.pdf", self.lot_number, slug.join("-"))
    }
}

/// What was decided for a lot, as far as the letters need it.
enum Decision<'a> {
    /// The contract goes to the first of the ranking.
    Award { lot: &'a EvaluatedLot, winner: &'a RankedBid },
    /// No tender can be accepted, so the lot is not awarded and its procurement is cancelled.
    Cancelled,
}

impl<'a> Decision<'a> {
    /// The lot's decision; `None` while there is none to tell: no model, an evaluation that cannot be made,
    /// or two tenders sharing the first rank with no tie-break applied.
    fn of(lot: &LotBids, evaluated: Option<&'a EvaluatedLot>) -> Option<Decision<'a>> {
        let evaluated = evaluated?;
        let ranking = &evaluated.outcome.as_ref().ok()?.result.ranking;
        if ranking.is_empty() {
            return (!lot.bids.is_empty()).then_some(Decision::Cancelled);
        }
        Some(Decision::Award { lot: evaluated, winner: evaluated.winner()? })
    }
}

/// Whether the tender file records the day the notices are sent, without which there are no letters.
pub fn dated(store: &TenderFile) -> Result<bool> {
    Ok(store.tender()?.notices_sent_on.is_some())
}

/// The letters to every bidder of every decided lot, sorted by lot and file name. Refused until the tender
/// file records the day the notices are sent: the letters carry it, and the standstill period runs from it.
pub fn letters(store: &TenderFile, lang: Lang) -> Result<Vec<Letter>> {
    let facts = build::read(store, lang)?;
    let Some(sent_on) = facts.tender.notices_sent_on else {
        return Err(StoreError::Invalid(Said::new(
            "the letters need the day the notices are sent: set \"Notices sent on\" on the tender overview \
             (tenderbench set FILE notices_sent_on YYYY-MM-DD)",
            "brevene skal have den dag, underretningerne sendes: angiv \"Underretning afsendt\" på udbuddets \
             oversigt (tenderbench set FIL notices_sent_on ÅÅÅÅ-MM-DD)",
        )));
    };
    let mut letters = Vec::new();
    for lot in &facts.lots {
        let evaluated = facts.evaluated.iter().find(|e| e.lot_number == lot.lot.number);
        let Some(decision) = Decision::of(lot, evaluated) else { continue };
        for bid in &lot.bids {
            let document = Notice { facts: &facts, lot, bid, decision: &decision, sent_on }.document();
            letters.push(Letter { bidder: bid.bid.bidder.clone(), lot_number: lot.lot.number, document });
        }
    }
    letters.sort_by_key(|letter| (letter.lot_number, letter.file_name()));
    Ok(letters)
}

/// One bidder's letter about one lot.
struct Notice<'a> {
    facts: &'a Facts,
    lot: &'a LotBids,
    bid: &'a BidStatus,
    decision: &'a Decision<'a>,
    sent_on: NaiveDate,
}

impl Notice<'_> {
    fn lang(&self) -> Lang {
        self.facts.lang
    }

    fn authority(&self) -> &str {
        &self.facts.tender.authority
    }

    fn document(&self) -> crate::report::Document {
        let l = self.lang();
        let (heading, mut sections) = match self.decision {
            _ if self.bid.rejected() => (
                l.pick("Meddelelse om afvisning af tilbud", "Notice of the rejection of your tender"),
                self.rejection(),
            ),
            Decision::Award { lot, winner } if lot.bidder(&winner.bid) == self.bid.bid.bidder => {
                (l.pick("Meddelelse om tildeling", "Notice of award"), self.award(lot, winner))
            }
            Decision::Award { lot, .. } => {
                let own = lot.ranked(&self.bid.bid.bidder);
                let f = self.facts.format();
                let sections = own.map(|own| engine::comparison(f, self.authority(), lot, own)).unwrap_or_default();
                (l.pick("Meddelelse om tildelingsbeslutning", "Notice of the award decision"), sections)
            }
            Decision::Cancelled => {
                (l.pick("Meddelelse om annullation", "Notice of cancellation"), vec![self.cancellation()])
            }
        };
        let mut document = self.facts.document(
            heading,
            vec![
                format!("{}: {}", l.pick("Til", "To"), self.bid.bid.bidder),
                format!("{}: {}", l.pick("Fra", "From"), self.facts.authority_with_address()),
                format!("{}: {}", l.pick("Dato", "Date"), l.date(self.sent_on)),
                format!("{} {}: {}", l.pick("Delaftale", "Lot"), self.lot.lot.number, self.lot.lot.title),
            ],
            false,
        );
        if let Decision::Award { lot, .. } = self.decision {
            sections.extend(engine::changes_notice(l, lot));
            sections.push(self.standstill());
        }
        sections.push(self.complaints());
        document.sections = sections;
        document
    }

    /// The award decision in one sentence, for the letters that are not to the winner.
    fn award_decision(&self) -> String {
        let l = self.lang();
        match self.decision {
            Decision::Award { lot, winner } => format!(
                "{} {} {} {} {} {}.",
                self.authority(),
                l.pick("har besluttet at tildele kontrakten om delaftale", "has decided to award the contract for lot"),
                self.lot.lot.number,
                l.pick("til", "to"),
                lot.bidder(&winner.bid),
                l.pick(
                    "på grundlag af tildelingskriteriet i udbudsmaterialet",
                    "on the basis of the award criterion in the tender documents"
                ),
            ),
            Decision::Cancelled => self.cancelled_sentence(),
        }
    }

    fn cancelled_sentence(&self) -> String {
        let l = self.lang();
        format!(
            "{} {}. {} {}",
            l.pick(
                "Der er ikke modtaget et tilbud, der kan antages, på delaftale",
                "No acceptable tender was received for lot"
            ),
            self.lot.lot.number,
            self.authority(),
            l.pick(
                "tildeler derfor ikke kontrakten om delaftalen og annullerer udbuddet af den.",
                "therefore does not award the contract for the lot and cancels its procurement."
            )
        )
    }

    fn rejection(&self) -> Vec<Section> {
        let l = self.lang();
        let missed = &self.bid.missed_minimum;
        let mut decision = vec![format!(
            "{} {} {}.",
            self.authority(),
            l.pick("har afvist jeres tilbud på delaftale", "has rejected your tender for lot"),
            self.lot.lot.number
        )];
        if self.bid.non_compliant() {
            decision.push(
                l.pick(
                    "Tilbuddet er ukonditionsmæssigt, fordi det ikke opfylder de mindstekrav, der er nævnt nedenfor. En ordregiver kan alene tildele kontrakten til et tilbud, der opfylder kravene i udbudsmaterialet (udbudslovens § 159, stk. 2), og af hensyn til principperne om ligebehandling og gennemsigtighed (§ 2) kan et ukonditionsmæssigt tilbud ikke indgå i evalueringen.",
                    "The tender is non-compliant because it does not meet the minimum requirements named below. A contracting authority may award the contract only to a tender that meets the requirements of the tender documents (§ 159(2) of the Danish Public Procurement Act), and the principles of equal treatment and transparency (§ 2) bar a non-compliant tender from the evaluation.",
                )
                .to_owned(),
            );
        }
        decision.push(
            l.pick(
                "Meddelelsen gives efter udbudslovens § 171, stk. 1, og begrundelsen efter § 171, stk. 4, nr. 1.",
                "This notice is given under § 171(1) of the Danish Public Procurement Act, and the reasons under § 171(4)(1).",
            )
            .to_owned(),
        );
        let mut reasons: Vec<Block> = missed
            .iter()
            .map(|m| {
                let requirement = if m.text.is_empty() { String::new() } else { format!(" \"{}\"", m.text.trim()) };
                Block::Paragraph(format!(
                    "{} {}.{requirement} {} {}.",
                    l.pick("Mindstekrav", "Minimum requirement"),
                    m.named(),
                    l.pick("Jeres besvarelse:", "Your answer:"),
                    m.answer_text(l)
                ))
            })
            .collect();
        reasons.extend(self.bid.below_minimum_points.iter().cloned().map(Block::Paragraph));
        reasons.extend(
            self.bid.exclusion.iter().map(|rejection| Block::Paragraph(rejection.statement(l, self.authority()))),
        );
        vec![
            Section {
                title: l.pick("Afgørelse", "Decision").into(),
                blocks: vec![Block::Paragraph(decision.join(" "))],
            },
            Section { title: l.pick("Begrundelse", "Reasons").into(), blocks: reasons },
            Section {
                title: l.pick("Tildelingsbeslutningen", "The award decision").into(),
                blocks: vec![Block::Paragraph(self.award_decision())],
            },
        ]
    }

    fn award(&self, lot: &EvaluatedLot, winner: &RankedBid) -> Vec<Section> {
        let l = self.lang();
        let f = self.facts.format();
        let Ok(evaluated) = &lot.outcome else { return Vec::new() };
        let method = evaluated.result.award_method;
        vec![Section {
            title: l.pick("Beslutning", "Decision").into(),
            blocks: vec![Block::Paragraph(format!(
                "{} {} {} {}. {} {}, {} {}. {}",
                self.authority(),
                l.pick("har besluttet at tildele jer kontrakten om delaftale", "has decided to award you the contract for lot"),
                self.lot.lot.number,
                l.pick("på grundlag af tildelingskriteriet i udbudsmaterialet", "on the basis of the award criterion in the tender documents"),
                l.pick("Jeres tilbud blev nr. 1 af", "Your tender ranked first of"),
                evaluated.result.ranking.len(),
                f.total_title(method).to_lowercase(),
                f.total(method, winner.total),
                l.pick(
                    "Meddelelsen gives efter udbudslovens § 171, stk. 1. Den er ikke en kontrakt: kontrakten indgås først, når standstill-perioden nedenfor er udløbet.",
                    "This notice is given under § 171(1) of the Danish Public Procurement Act. It is not a contract: the contract is signed only once the standstill period below has ended.",
                ),
            ))],
        }]
    }

    fn cancellation(&self) -> Section {
        let l = self.lang();
        Section {
            title: l.pick("Beslutning", "Decision").into(),
            blocks: vec![Block::Paragraph(format!(
                "{} {}",
                self.cancelled_sentence(),
                l.pick(
                    "Meddelelsen gives efter udbudslovens § 171, stk. 1, nr. 5.",
                    "This notice is given under § 171(1)(5) of the Danish Public Procurement Act."
                )
            ))],
        }
    }

    fn standstill(&self) -> Section {
        let l = self.lang();
        let ends = self.facts.date(standstill::ends(&self.facts.tender));
        Section {
            title: l.pick("Standstill-periode", "Standstill period").into(),
            blocks: vec![Block::Paragraph(format!(
                "{} {ends} {} {} {}",
                l.pick("Standstill-perioden udløber den", "The standstill period ends on"),
                l.pick(
                    "(udbudslovens § 171, stk. 4, og lov om Klagenævnet for Udbud § 3).",
                    "(§ 171(4) of the Danish Public Procurement Act and § 3 of the Act on the Complaints Board for Public Procurement).",
                ),
                self.authority(),
                l.pick(
                    "indgår ikke kontrakten, før perioden er udløbet, og ikke så længe en klage har opsættende virkning.",
                    "will not sign the contract before the period has ended, nor while a complaint has suspensive effect.",
                )
            ))],
        }
    }

    fn complaints(&self) -> Section {
        let l = self.lang();
        let authority = self.authority();
        let text = match l {
            Lang::Da => format!(
                "Klage over {} kan indgives til Klagenævnet for Udbud, Nævnenes Hus, Toldboden 2, 8800 Viborg. Klagen skal være indgivet senest 45 kalenderdage efter, at {authority} har offentliggjort en bekendtgørelse om resultatet af udbuddet i Den Europæiske Unions Tidende (lov om Klagenævnet for Udbud § 7, stk. 2, nr. 1). Indgives klagen i standstill-perioden, kan kontrakten ikke indgås, før Klagenævnet har truffet afgørelse om, hvorvidt klagen skal have opsættende virkning (§ 12, stk. 2). Senest samtidig med, at klagen indgives, skal klageren skriftligt underrette {authority} om, at der klages, og om klagen er indgivet i standstill-perioden (§ 6, stk. 4).",
                if matches!(self.decision, Decision::Cancelled) { "beslutningen" } else { "tildelingsbeslutningen" }
            ),
            Lang::En => format!(
                "A complaint about {} may be lodged with the Complaints Board for Public Procurement (Klagenævnet for Udbud), Nævnenes Hus, Toldboden 2, 8800 Viborg, Denmark. It must be lodged no later than 45 calendar days after {authority} has published a notice of the result of the procurement in the Official Journal of the European Union (§ 7(2)(1) of the Act on the Complaints Board for Public Procurement). If the complaint is lodged in the standstill period, the contract cannot be signed until the Board has decided whether the complaint is to have suspensive effect (§ 12(2)). No later than when the complaint is lodged, the complainant must inform {authority} in writing that a complaint is lodged and whether it is lodged in the standstill period (§ 6(4)).",
                if matches!(self.decision, Decision::Cancelled) { "the decision" } else { "the award decision" }
            ),
        };
        Section {
            title: l.pick("Klagevejledning", "Complaints procedure").into(),
            blocks: vec![
                Block::Paragraph(text),
                Block::Paragraph(l.pick("Med venlig hilsen", "Yours faithfully").into()),
                Block::Paragraph(authority.to_owned()),
            ],
        }
    }
}
