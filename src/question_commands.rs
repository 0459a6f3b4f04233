//! The `questions` command: the tender period's questions and answers.

use crate::Failure;
use chrono::NaiveDate;
use clap::Subcommand;
use std::path::PathBuf;
use tenderbench::audit::Stamp;
use tenderbench::locale::Lang;
use tenderbench::questions::last_answer_day;
use tenderbench::store::{Access, TenderFile};

#[derive(Subcommand)]
pub enum QuestionsAction {
    /// Keep a question received from a bidder; prints its number. Who asked is kept for the authority's own
    /// file and never published.
    Add {
        file: PathBuf,
        text: String,
        #[arg(long)]
        received_on: NaiveDate,
        #[arg(long, default_value = "")]
        from: String,
    },
    /// Answer question NUMBER; --corrigendum marks an answer that changes the tender documents.
    Answer {
        file: PathBuf,
        number: u32,
        text: String,
        #[arg(long)]
        answered_on: NaiveDate,
        #[arg(long)]
        corrigendum: bool,
    },
    /// List the questions with who asked, the answers, and each question received or answered too late.
    List { file: PathBuf },
    /// Write the list for all bidders, anonymised and numbered, as questions-and-answers.docx and .pdf into
    /// --out, in the language of --lang (Danish by default).
    Export {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn questions(action: QuestionsAction, stamp: &Stamp, messages: Lang, document: Lang) -> Result<(), Failure> {
    match action {
        QuestionsAction::Add { file, text, received_on, from } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            let number = store.add_question(stamp, received_on, &from, &text)?;
            println!("{}", number);
        }
        QuestionsAction::Answer { file, number, text, answered_on, corrigendum } => {
            let mut store = TenderFile::open(&file, Access::ReadWrite)?;
            store.answer_question(stamp, number, answered_on, &text, corrigendum)?;
        }
        QuestionsAction::List { file } => {
            let store = TenderFile::open(&file, Access::ReadOnly)?;
            let tender = store.tender()?;
            let days = tender.settings.answer_days.unwrap_or(tenderbench::questions::DEFAULT_ANSWER_DAYS);
            let last_day = tender.bid_deadline.map(|deadline| last_answer_day(deadline, days));
            if let Some(day) = last_day {
                println!("{}: {}", messages.pick("Sidste dag for svar", "Last day to answer"), messages.date(day));
            }
            let l = messages;
            for question in store.questions()? {
                let from = if question.asker.is_empty() { String::new() } else { format!(" ({})", question.asker) };
                println!("{}. {}{from}: {}", question.number, l.date(question.received_on), question.text);
                match &question.answer {
                    Some(answer) => {
                        let corrigendum =
                            if answer.changes_documents { l.pick(", rettelsesblad", ", corrigendum") } else { "" };
                        println!(
                            "   {} {}{corrigendum}: {}",
                            l.pick("svar", "answer"),
                            l.date(answer.answered_on),
                            answer.text
                        );
                    }
                    None => println!("   {}", l.pick("ikke besvaret", "not answered")),
                }
                for flag in question.flags(last_day) {
                    let day = last_day.expect("a flag needs the last day");
                    println!("   {}: {}", l.pick("advarsel", "warning"), flag.said(day).pick(l));
                }
            }
        }
        QuestionsAction::Export { file, out } => {
            let written = tenderbench::tender_documents::write_questions(&file, &out, document)
                .map_err(|e| Failure::Refused(e.said(), e.code()))?;
            written.iter().for_each(|path| println!("{}", path.display()));
        }
    }
    Ok(())
}
