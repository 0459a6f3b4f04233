//! Questions and answers in the tender period (spørgsmål og svar). Bidders ask about the tender documents;
//! the authority answers every bidder alike, so the published list is anonymised and numbered, and an answer
//! that changes the documents is marked as a corrigendum (rettelsesblad).
//!
//! The authority must give supplementary information about the tender documents no later than six days
//! before the tender deadline (udbudsloven § 134, stk. 1); information given later obliges it to extend the
//! deadline (§ 93, stk. 4, nr. 1). The six days are full days counted back from the day before the deadline
//! (Council Regulation 1182/71, art. 3), so with a deadline on 28 October the last day to answer is 21
//! October. The number of days is a tender setting with the Act's six as its default.

use crate::locale::{Lang, Said};
use crate::report::model::{Block, Document, Section};
use chrono::{Days, NaiveDate};

/// The days before the tender deadline by which answers must be given, unless the tender sets others.
pub const DEFAULT_ANSWER_DAYS: u32 = 6;

/// One question with its answer, once given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub number: u32,
    pub received_on: NaiveDate,
    /// Who asked, for the authority's own file; never published.
    pub asker: String,
    pub text: String,
    pub answer: Option<Answer>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub answered_on: NaiveDate,
    pub text: String,
    /// The answer changes the tender documents: a corrigendum (rettelsesblad).
    pub changes_documents: bool,
}

/// What is wrong with a question's timing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Received after the last day an answer can lawfully be given.
    ReceivedTooLate,
    /// Answered after that day: the tender deadline must be extended, unless the answer only points to
    /// what the documents already say.
    AnsweredTooLate,
}

/// The last day on which supplementary information may be given: `days` full days before the tender
/// deadline's day.
pub fn last_answer_day(bid_deadline: NaiveDate, days: u32) -> NaiveDate {
    bid_deadline.checked_sub_days(Days::new(u64::from(days) + 1)).unwrap_or(NaiveDate::MIN)
}

impl Question {
    /// The question's flags against the last day to answer; none while the tender has no deadline.
    pub fn flags(&self, last_day: Option<NaiveDate>) -> Vec<Flag> {
        let Some(last_day) = last_day else { return Vec::new() };
        let mut flags = Vec::new();
        if self.received_on > last_day {
            flags.push(Flag::ReceivedTooLate);
        }
        if self.answer.as_ref().is_some_and(|a| a.answered_on > last_day) {
            flags.push(Flag::AnsweredTooLate);
        }
        flags
    }
}

impl Flag {
    pub fn said(self, last_day: NaiveDate) -> Said {
        let (en, da) = (Lang::En.date(last_day), Lang::Da.date(last_day));
        match self {
            Flag::ReceivedTooLate => Said::new(
                format!(
                    "received after {en}, the last day to answer (udbudsloven § 134, stk. 1): answer only by \
                     pointing to the documents, or extend the tender deadline (§ 93, stk. 4, nr. 1)"
                ),
                format!(
                    "modtaget efter {da}, den sidste dag for svar (udbudslovens § 134, stk. 1): svar kun med \
                     en henvisning til udbudsmaterialet, eller forlæng tilbudsfristen (§ 93, stk. 4, nr. 1)"
                ),
            ),
            Flag::AnsweredTooLate => Said::new(
                format!(
                    "answered after {en}, the last day to answer: the tender deadline must be extended \
                     (udbudsloven § 93, stk. 4, nr. 1) unless the answer only points to the documents"
                ),
                format!(
                    "besvaret efter {da}, den sidste dag for svar: tilbudsfristen skal forlænges (udbudslovens \
                     § 93, stk. 4, nr. 1), medmindre svaret alene henviser til udbudsmaterialet"
                ),
            ),
        }
    }
}

/// What the published list is made for: the tender's name and the authority.
pub struct Heading<'a> {
    pub authority: &'a str,
    pub reference: &'a str,
    pub title: &'a str,
    pub file_sha256: String,
    pub seal: String,
    pub as_of: String,
}

/// The list published to all bidders: every answered question, numbered, with the days received and
/// answered, without who asked.
pub fn published_list(heading: &Heading, questions: &[Question], lang: Lang) -> Document {
    let l = lang;
    let mut blocks = vec![Block::Paragraph(
        l.pick(
            "Ordregiveren offentliggør her de spørgsmål, der er stillet til udbudsmaterialet, og svarene på dem. Listen gives til alle tilbudsgivere på samme tid og nævner ikke, hvem der har spurgt. Svar markeret som rettelsesblad ændrer udbudsmaterialet.",
            "The contracting authority publishes here the questions asked about the tender documents and the answers to them. The list goes to all tenderers at the same time and does not name who asked. Answers marked as a corrigendum change the tender documents.",
        )
        .into(),
    )];
    let answered: Vec<(&Question, &Answer)> =
        questions.iter().filter_map(|q| q.answer.as_ref().map(|a| (q, a))).collect();
    if answered.is_empty() {
        blocks.push(Block::Paragraph(
            l.pick("Der er endnu ikke besvaret spørgsmål.", "No question has been answered yet.").into(),
        ));
    }
    for (question, answer) in answered {
        blocks.push(Block::Subheading(format!(
            "{} {} ({} {})",
            l.pick("Spørgsmål", "Question"),
            question.number,
            l.pick("modtaget", "received"),
            l.date(question.received_on)
        )));
        blocks.push(Block::Paragraph(question.text.clone()));
        let corrigendum = if answer.changes_documents { l.pick(" – rettelsesblad", " – corrigendum") } else { "" };
        blocks.push(Block::Paragraph(format!(
            "{} ({}{corrigendum}): {}",
            l.pick("Svar", "Answer"),
            l.date(answer.answered_on),
            answer.text
        )));
    }
    Document {
        lang,
        heading: l.pick("Spørgsmål og svar", "Questions and answers").into(),
        tender_reference: heading.reference.to_owned(),
        tender_title: heading.title.to_owned(),
        file_sha256: heading.file_sha256.clone(),
        seal: heading.seal.clone(),
        as_of: heading.as_of.clone(),
        preamble: vec![heading.authority.to_owned()],
        table_of_contents: false,
        sections: vec![Section { title: l.pick("Spørgsmål og svar", "Questions and answers").into(), blocks }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_day_leaves_six_full_days_before_the_deadline() {
        // Konkurrence- og Forbrugerstyrelsen's worked example: a deadline on 28 October leaves 22–27 October
        // as the six full days, so the answers are due by the end of 21 October.
        let deadline = NaiveDate::from_ymd_opt(2020, 10, 28).unwrap();
        assert_eq!(last_answer_day(deadline, DEFAULT_ANSWER_DAYS), NaiveDate::from_ymd_opt(2020, 10, 21).unwrap());
    }
}
