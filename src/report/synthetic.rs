//! A large generated tender turned into its award report and letters through the same sections as a real
//! tender file, to measure the report on the biggest tenders consultants run: 50 bids and 2,000 award
//! requirements from [`crate::evaluation::synthetic`], evaluated by the engine.

use super::evaluation::{self as engine, EvaluatedLot, Format};
use super::model::{Document, Section};
use crate::evaluation::synthetic::{self, TenderSize};
use crate::locale::Lang;

/// Every this many requirements one carries the panel's written justification, as the scores a panel
/// discusses do; the rest are scored without one.
const JUSTIFIED_EVERY: usize = 100;

/// The generated tender of `bids` bids and `requirements` award requirements, evaluated by the engine.
pub fn tender(bids: usize, requirements: usize) -> EvaluatedLot {
    let mut input = synthetic::tender(TenderSize { bids, requirements, evaluators: 0 }, 7);
    for bid in &mut input.bids {
        let justified: Vec<String> = bid
            .scores
            .keys()
            .enumerate()
            .filter(|(i, _)| i % JUSTIFIED_EVERY == 1)
            .map(|(_, id)| id.to_owned())
            .collect();
        for id in justified {
            bid.justifications.insert(
                id,
                "Løsningen er beskrevet konkret med dokumentation; enkelte punkter om reservedele er mindre klare."
                    .into(),
            );
        }
    }
    EvaluatedLot::evaluate(1, "Genereret delaftale", Some("2026-08-03T09:00:00Z".into()), input)
}

fn shell(heading: &str, preamble: Vec<String>, table_of_contents: bool, sections: Vec<Section>) -> Document {
    Document {
        lang: Lang::Da,
        heading: heading.to_owned(),
        tender_reference: "BENCH-2026-0001".into(),
        tender_title: "Genereret udbud til måling af rapporten".into(),
        file_sha256: "0".repeat(64),
        seal: format!("tenderbench seal 1 {}", "0".repeat(24)),
        as_of: "2026-11-20T14:05:00Z".into(),
        preamble,
        table_of_contents,
        sections,
    }
}

const FORMAT: Format<'static> = Format { lang: Lang::Da, currency: "DKK" };

/// The award report of an evaluated generated tender: the sections that come from the engine.
pub fn award_report(lot: &EvaluatedLot) -> Document {
    let lots = std::slice::from_ref(lot);
    let sections = vec![
        engine::decision(FORMAT, lots, "20. november 2026".into()),
        engine::model(FORMAT, lots),
        engine::scores(FORMAT, lots),
        engine::costs(FORMAT, lots),
        engine::ranking(FORMAT, lots),
        engine::robustness(FORMAT, lots),
    ];
    shell("Tildelingsrapport", vec!["Ordregiver: Region Syddanmark".into()], true, sections)
}

/// One letter per unsuccessful bid of the evaluated generated tender.
pub fn letters(lot: &EvaluatedLot) -> Vec<Document> {
    let Some((_, unsuccessful)) = engine::unsuccessful(lot) else { return Vec::new() };
    unsuccessful
        .iter()
        .map(|own| {
            let sections = engine::comparison(FORMAT, "Region Syddanmark", lot, own);
            shell("Meddelelse om tildelingsbeslutning", vec![format!("Til: {}", own.bid)], false, sections)
        })
        .collect()
}
