//! The bidders' original workbooks, kept in the tender file and read again by `check`.
//!
//! An imported bid keeps the bytes of the workbook it was read from. `check` hashes them against the
//! SHA-256 the import recorded, reads them again as an import would, and compares what they say with the
//! answers, prices and life-cycle-cost inputs stored for the bid. So a value changed in the tables is found
//! even by someone who rewrites the change log to match, and the consultant can hand a disputing bidder
//! the very file they sent.

use crate::bid::{LccInputs, Response, Subcontracting, Submission};
use crate::bid_import::{on_all_cores, read};
use crate::bid_workbook::BidForm;
use crate::evaluation::IdMap;
use crate::locale::Said;
use crate::store::TenderFile;
use crate::workbook::{Findings, WorkbookError};
use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// What `check` found on the bids' original workbooks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OriginalsCheck {
    /// Bids whose original workbook the file keeps, all of them read again.
    pub kept: usize,
    /// Bids the file keeps no original for: imported before format 5, or not read from a workbook.
    pub without: usize,
    /// For each bid whose original and stored content part ways, the first difference.
    pub breaks: Vec<Said>,
}

/// The kept originals with the bids the tables hold, read out of the file so that comparing them needs no
/// connection and can run beside the store's own check. Each bid is a `Submission` as the tables hold it,
/// its `original` the workbook it was read from.
pub(crate) struct Originals {
    forms: Vec<BidForm>,
    kept: Vec<Submission>,
    without: usize,
}

/// Reads the kept originals and their bids out of the file.
pub(crate) fn gather(store: &TenderFile) -> Result<Originals, WorkbookError> {
    let forms = BidForm::load_all(store)?;
    let mut kept = Vec::new();
    let mut without = 0;
    for form in &forms {
        for bid in store.bids(form.lot.id)? {
            let Some(bytes) = store.original(bid.id)? else {
                without += 1;
                continue;
            };
            kept.push(Submission {
                lot_number: form.lot.number,
                responses: store.responses(bid.id)?,
                price_lines: store.price_lines(bid.id)?,
                subcontracting: store.subcontracting(bid.id)?,
                lcc: store.lcc_inputs(bid.id)?,
                original: Some(bytes),
                bidder: bid.bidder,
                received_at: bid.received_at,
                source_file: bid.source_file,
                source_sha256: bid.source_sha256,
            });
        }
    }
    Ok(Originals { forms, kept, without })
}

impl Originals {
    /// Reads every kept original again, on all cores, and compares it with its bid.
    pub(crate) fn check(&self) -> OriginalsCheck {
        let breaks = on_all_cores(&self.kept, |kept| compare(&self.forms, kept)).into_iter().flatten().collect();
        OriginalsCheck { kept: self.kept.len(), without: self.without, breaks }
    }
}

/// The first way in which a bid differs from its original workbook, named after bidder, lot and file.
fn compare(forms: &[BidForm], stored: &Submission) -> Option<Said> {
    let bytes = stored.original.as_deref().unwrap_or_default();
    let (lot, file) = (stored.lot_number, &stored.source_file);
    let place = Said::new(
        format!("bid from {} for lot {lot} ({file})", stored.bidder),
        format!("tilbuddet fra {} på delaftale {lot} ({file})", stored.bidder),
    );
    let at = |said: Said| Some(Said::new(format!("{}: {}", place.en, said.en), format!("{}: {}", place.da, said.da)));
    let sha256 = hex::encode(Sha256::digest(bytes));
    if sha256 != stored.source_sha256 {
        return at(Said::new(
            format!(
                "the original workbook kept in the file has SHA-256 {sha256}, but the import recorded {}: it was \
                 replaced outside Tenderbench",
                stored.source_sha256
            ),
            format!(
                "det originale regneark i filen har SHA-256 {sha256}, men indlæsningen registrerede {}: det er \
                 udskiftet uden for Tenderbench",
                stored.source_sha256
            ),
        ));
    }
    let mut findings = Findings::new(file);
    let Some(original) = read(forms, &mut findings, bytes, Some(lot)) else {
        let why = findings.list.first().map(|d| d.said()).unwrap_or_else(|| Said::new("", ""));
        return at(Said::new(
            format!("the original workbook can no longer be read against the tender: {}", why.en),
            format!("det originale regneark kan ikke længere læses op mod udbuddet: {}", why.da),
        ));
    };
    if original.bidder.trim() != stored.bidder {
        return at(differs("the bidder's name", "tilbudsgiverens navn", &stored.bidder, &original.bidder));
    }
    let mut answers: HashMap<&str, &Response> =
        original.responses.iter().map(|r| (r.requirement_code.as_str(), r)).collect();
    for response in &stored.responses {
        let code = &response.requirement_code;
        let Some(read) = answers.remove(code.as_str()) else {
            return at(Said::new(
                format!("requirement {code} is answered in the file but not in the original workbook"),
                format!("krav {code} er besvaret i filen, men ikke i det originale regneark"),
            ));
        };
        if let Some(said) = first_field_difference(response, read) {
            return at(prefixed(&format!("requirement {code}"), &format!("krav {code}"), said));
        }
    }
    if let Some(extra) = original.responses.iter().find(|r| answers.contains_key(r.requirement_code.as_str())) {
        let code = &extra.requirement_code;
        return at(Said::new(
            format!("requirement {code} is answered in the original workbook but not in the file"),
            format!("krav {code} er besvaret i det originale regneark, men ikke i filen"),
        ));
    }
    if stored.price_lines.len() != original.price_lines.len() {
        let (file, workbook) = (stored.price_lines.len().to_string(), original.price_lines.len().to_string());
        return at(differs("the number of price lines", "antallet af prislinjer", &file, &workbook));
    }
    for (number, (line, read)) in stored.price_lines.iter().zip(&original.price_lines).enumerate() {
        if let Some(said) = first_field_difference(line, read) {
            let number = number + 1;
            return at(prefixed(&format!("price line {number}"), &format!("prislinje {number}"), said));
        }
    }
    let declared = |s: &Option<Subcontracting>| {
        s.as_ref().map_or(String::new(), |s| format!("{} % {}", s.share.normalize(), s.subcontractors.trim()))
    };
    if declared(&stored.subcontracting) != declared(&original.subcontracting) {
        let (file, workbook) = (declared(&stored.subcontracting), declared(&original.subcontracting));
        return at(differs("the share subcontracted", "andelen i underentreprise", &file, &workbook));
    }
    match (&stored.lcc, &original.lcc) {
        (Some(lcc), Some(read)) => {
            let fixed = |inputs: &LccInputs| LccInputs { costs: IdMap::new(), ..inputs.clone() };
            first_field_difference(&fixed(lcc), &fixed(read))
                .or_else(|| cost_line_difference(&lcc.costs, &read.costs))
                .and_then(|said| at(prefixed("the life-cycle cost", "levetidsomkostningerne", said)))
        }
        (None, None) => None,
        (lcc, _) => {
            let (en, da) =
                if lcc.is_some() { ("the file", "filen") } else { ("the original workbook", "det originale regneark") };
            at(Said::new(
                format!("only {en} holds life-cycle-cost inputs"),
                format!("kun {da} indeholder oplysninger til levetidsomkostningerne"),
            ))
        }
    }
}

/// The first announced cost line whose amount differs between the file and the original workbook, or that
/// only one of them gives.
fn cost_line_difference(stored: &IdMap<Decimal>, original: &IdMap<Decimal>) -> Option<Said> {
    let shown = |amount: Option<&Decimal>| amount.map_or(String::new(), |a| a.normalize().to_string());
    let ids = stored.keys().chain(original.keys().filter(|id| !stored.contains_key(id)));
    ids.map(|id| (id, shown(stored.get(id)), shown(original.get(id)))).find(|(_, file, workbook)| file != workbook).map(
        |(id, file, workbook)| {
            differs(&format!("cost line {id}"), &format!("omkostningslinjen {id}"), &file, &workbook)
        },
    )
}

/// The first field in which two records differ, as "field F: …", by their serialised fields.
fn first_field_difference<T: Serialize>(stored: &T, original: &T) -> Option<Said> {
    let fields = |value: &T| match serde_json::to_value(value) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let (stored, original) = (fields(stored), fields(original));
    let (field, value) = stored.iter().find(|(field, value)| original.get(*field) != Some(value))?;
    let shown = |value: Option<&serde_json::Value>| match value {
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    Some(differs(
        &format!("field {field}"),
        &format!("feltet {field}"),
        &shown(Some(value)),
        &shown(original.get(field)),
    ))
}

fn differs(what_en: &str, what_da: &str, file: &str, workbook: &str) -> Said {
    Said::new(
        format!(
            "{what_en} is \"{file}\" in the file but \"{workbook}\" in the original workbook: the file was changed outside Tenderbench"
        ),
        format!(
            "{what_da} er \"{file}\" i filen, men \"{workbook}\" i det originale regneark: filen er ændret uden for Tenderbench"
        ),
    )
}

fn prefixed(en: &str, da: &str, said: Said) -> Said {
    Said::new(format!("{en}, {}", said.en), format!("{da}, {}", said.da))
}
