//! The demo tender: ultrasound scanners for a hospital region in two lots. Lot 1 is evaluated end to end:
//! a category strategy, catalogue and own requirements, a published evaluation model with life-cycle cost,
//! four bidders read from filled bid workbooks as a consultant would receive them, a panel that declared
//! its conflicts of interest, and its individual and consensus scores.

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tenderbench::audit::Stamp;
use tenderbench::bid::{LccInputs, PriceLine, Response, Selection, Subcontracting, Submission, bid_price};
use tenderbench::bid_workbook::fill_for_demo;
use tenderbench::catalogue::{self, Catalogue, CatalogueError};
use tenderbench::evaluation::exchange;
use tenderbench::locale::Lang;
use tenderbench::panel::Declaration;
use tenderbench::report::ReportError;
use tenderbench::requirement::{RequirementKind, RequirementText};
use tenderbench::store::{StoreError, TenderFile};
use tenderbench::strategy::{Decision, Questionnaire};
use tenderbench::tender::{NewTender, TenderField};
use tenderbench::workbook::{ImportOutcome, Language, WorkbookError};

type Result<T> = std::result::Result<T, WorkbookError>;

/// Lot 1's own requirements beside the catalogue's: id, kind, Danish and English title and text, evidence.
const REQUIREMENTS: [(&str, RequirementKind, &str, &str, &str, &str, &str); 4] = [
    (
        "M-01",
        RequirementKind::Minimum,
        "CE-mærkning",
        "CE marking",
        "Scanneren skal være CE-mærket som medicinsk udstyr klasse IIa efter MDR.",
        "The scanner must be CE marked as a class IIa medical device under the MDR.",
        "EU-overensstemmelseserklæring",
    ),
    (
        "T-01",
        RequirementKind::Award,
        "Billedkvalitet",
        "Image quality",
        "Beskriv billedkvaliteten ved abdominal- og karundersøgelser.",
        "Describe the image quality in abdominal and vascular examinations.",
        "Produktbeskrivelse og billedeksempler",
    ),
    (
        "T-02",
        RequirementKind::Award,
        "Brugervenlighed",
        "Ease of use",
        "Beskriv arbejdsgangen fra patientregistrering til færdig undersøgelse.",
        "Describe the workflow from patient registration to a completed examination.",
        "Brugermanual",
    ),
    (
        "I-01",
        RequirementKind::Information,
        "Leveringstid",
        "Delivery time",
        "Oplys leveringstiden i uger fra ordre.",
        "State the delivery time in weeks from order.",
        "",
    ),
];

/// Lot 1's evaluation model as published: price as life-cycle cost over eight years, quality, and energy and
/// spare parts. Energy counts once, as quality measured in kWh, so the life-cycle cost carries no energy
/// price. The templates' rules (`template_rule`) complete it: the measured requirements' functions, and the
/// service in years 6–8 (TCO-004) as a cost line per scanner.
const MODEL: &str = r#"{
  "scale": { "min": "0", "max": "10", "steps": [
    { "value": "0", "label": "Ikke besvaret eller uden værdi", "label_en": "Not answered or of no value" },
    { "value": "2", "label": "Ringe opfyldelse", "label_en": "Poor fulfilment" },
    { "value": "4", "label": "Mindre tilfredsstillende opfyldelse", "label_en": "Less than satisfactory fulfilment" },
    { "value": "6", "label": "Tilfredsstillende opfyldelse", "label_en": "Satisfactory fulfilment" },
    { "value": "8", "label": "God opfyldelse", "label_en": "Good fulfilment" },
    { "value": "10", "label": "Fremragende opfyldelse", "label_en": "Excellent fulfilment" } ] },
  "award_method": "best_price_quality",
  "lcc": { "years": 8, "discount_rate": "0.04", "escalation": "0.02", "quantity": "12" },
  "criteria": [
    { "id": "PRIS", "name": "Pris (livscyklusomkostninger)", "name_en": "Price (life-cycle cost)", "weight": "40",
      "price": { "model": "linear_from_lowest", "zero_at_percent_above_lowest": "50", "basis": "lcc" } },
    { "id": "KVALITET", "name": "Kvalitet", "name_en": "Quality", "weight": "45", "children": [
      { "id": "KV-BILLED", "name": "Billedkvalitet", "name_en": "Image quality", "weight": "60", "requirements": [ { "id": "T-01", "weight": "1" } ] },
      { "id": "KV-BRUG", "name": "Brugervenlighed", "name_en": "Usability", "weight": "40", "requirements": [ { "id": "T-02", "weight": "1" } ] } ] },
    { "id": "MILJØ", "name": "Energi og levetid", "name_en": "Energy and service life", "weight": "15", "children": [
      { "id": "MI-ENERGI", "name": "Energiforbrug i brug", "name_en": "Energy use in operation", "weight": "60", "requirements": [ { "id": "K-003", "weight": "1" } ] },
      { "id": "MI-DELE", "name": "Reservedelsperiode", "name_en": "Spare-parts period", "weight": "40", "requirements": [ { "id": "K-004", "weight": "1" } ] } ] }
  ]
}"#;

/// The four bidders: name, unit prices in øre of the two price items, whether they meet K-002 (spare parts),
/// yearly energy use of one scanner in kWh (K-003), years of spare parts offered (K-004), and the yearly price
/// per scanner in kr. of full service after the five years the price sheet covers (K-006, a cost line).
const BIDDERS: [(&str, i64, i64, bool, i64, i64, i64); 4] = [
    ("Sonoscan A/S", 98_500_000, 4_500_000, true, 2_100, 15, 42_000),
    ("MedImaging Nordic ApS", 91_000_000, 5_200_000, true, 2_600, 13, 46_000),
    ("Ultralyd Danmark A/S", 104_000_000, 3_900_000, true, 1_900, 12, 39_000),
    ("EchoHealth GmbH", 86_000_000, 6_100_000, false, 3_000, 10, 51_000),
];

/// The panel: name, role.
const PANEL: [(&str, &str); 3] =
    [("Lene Bach", "Overlæge, radiologi"), ("Jonas Holm", "Radiograf"), ("Birgit Sørensen", "MTU-tekniker")];

/// Consensus scores for the admissible bidders, with the panel's justification, per award requirement.
const CONSENSUS: [(&str, &str, &str, &str); 6] = [
    ("T-01", "Sonoscan A/S", "8", "Skarpe abdominalbilleder og god dybdegennemtrængning; doppler lidt støjfyldt."),
    ("T-01", "MedImaging Nordic ApS", "6", "Tilfredsstillende billeder, men svag opløsning ved karundersøgelser."),
    ("T-01", "Ultralyd Danmark A/S", "10", "Bedste billedkvalitet i afprøvningen på alle undersøgelsestyper."),
    ("T-02", "Sonoscan A/S", "8", "Logisk arbejdsgang med få klik; touchskærm kan betjenes med handsker."),
    ("T-02", "MedImaging Nordic ApS", "8", "Hurtig opstart og tydelige menuer på dansk."),
    ("T-02", "Ultralyd Danmark A/S", "6", "Mange undermenuer; kræver længere oplæring."),
];

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WorkbookError + '_ {
    move |e| StoreError::Io { path: path.to_owned(), source: e }.into()
}

/// The demo's own timeline, so the story holds whatever day it is run: prepared in July, published on
/// 3 August with the bid deadline on 14 September, bids opened the day after, scored in October, its prices
/// opened once the quality scores were agreed, and decided on 20 November. Times are UTC, as the audit log
/// keeps them.
struct Timeline {
    prepared: Stamp,
    published: Stamp,
    bids_opened: Stamp,
    scored: Stamp,
    prices_opened: Stamp,
    awarded: Stamp,
}

impl Timeline {
    fn new(actor: &str) -> Self {
        let at = |text: &str| Stamp::new(actor, text.parse().expect("the demo's times are valid RFC 3339"));
        Timeline {
            prepared: at("2026-07-20T08:00:00Z"),
            published: at("2026-08-03T07:00:00Z"),
            bids_opened: at("2026-09-15T07:30:00Z"),
            scored: at("2026-10-06T08:00:00Z"),
            prices_opened: at("2026-10-06T13:30:00Z"),
            awarded: at("2026-11-20T14:05:00Z"),
        }
    }
}

/// How far the demo takes the tender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Stage {
    /// The panel has agreed the quality scores; the prices are still sealed and nothing is decided.
    QualityAgreed,
    /// Prices opened, the award decided and the notices sent, with the report and the letters written.
    Awarded,
}

/// Writes the demo into `dir` (replacing an earlier demo there) and returns the paths written: the tender
/// file, the bid workbooks, the award report and the letters to the bidders. `actor` is who the audit log
/// names; the times are the demo's own, never the clock's.
pub fn write(dir: &Path, actor: &str, stage: Stage) -> Result<Vec<PathBuf>> {
    let time = Timeline::new(actor);
    let stamp = &time.prepared;
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let path = dir.join("ultrasound-demo.tender");
    if path.exists() {
        std::fs::remove_file(&path).map_err(io(&path))?;
    }
    let new = NewTender {
        title: "Ultralydsscannere til Region Syddanmark".into(),
        authority: "Region Syddanmark".into(),
        reference: "RSD-2026-0412".into(),
    };
    let mut store = TenderFile::create(&path, &new, stamp)?;
    for (field, value) in [
        (TenderField::Procedure, "open"),
        (TenderField::CpvCodes, "33112200-0"),
        (TenderField::EstimatedValue, "14500000"),
        (TenderField::PublishedOn, "2026-08-03"),
        (TenderField::BidDeadline, "2026-09-14"),
        (TenderField::AuthorityAddress, "Damhaven 12, 7100 Vejle"),
    ] {
        store.set_tender_field(stamp, field, value)?;
    }
    let lot1 = store.add_lot(stamp, "Stationære ultralydsscannere til radiologi")?;
    store.set_lot_field(stamp, lot1.id, "estimated_value", "11000000")?;
    let lot2 = store.add_lot(stamp, "Håndholdte ultralydsscannere til akutmodtagelser")?;
    store.set_lot_field(stamp, lot2.id, "estimated_value", "3500000")?;
    strategy_and_requirements(&mut store, stamp, lot1.id, lot2.id)?;
    for (code, kind, title_da, title_en, text_da, text_en, evidence) in REQUIREMENTS {
        let text = RequirementText {
            code: code.into(),
            kind,
            title_da: title_da.into(),
            title_en: title_en.into(),
            text_da: text_da.into(),
            text_en: text_en.into(),
            evidence: evidence.into(),
            area: "quality".into(),
            source: "Brugergruppen".into(),
            template_id: None,
            catalogue_version: None,
            parameters: "{}".into(),
        };
        store.add_requirement(stamp, lot1.id, &text)?;
    }
    let quantity = Decimal::from(12);
    store.add_price_item(stamp, lot1.id, "Stationær ultralydsscanner inkl. 3 transducere", "stk.", quantity)?;
    store.add_price_item(stamp, lot1.id, "Serviceaftale, 5 år", "stk.", quantity)?;
    let model = exchange::parse_input(MODEL).map_err(|e| WorkbookError::Invalid(e.said()))?;
    store.set_evaluation_model(stamp, lot1.id, &model)?;
    for proposal in store.template_rules(lot1.id)? {
        let reason = "Skabelonens funktion offentliggøres i udbudsbetingelserne.";
        store.decide_template_rule(stamp, lot1.id, &proposal, Decision::Accepted, reason)?;
    }
    store.lock_evaluation_model(&time.published, lot1.id)?;

    let mut written = vec![path.clone()];
    written.extend(bids(&mut store, &time.bids_opened, dir, lot1.number)?);
    for bid in store.bids(lot1.id)? {
        let selection = Selection {
            qualified: true,
            reason: "Egnethedskravene i udbudsbekendtgørelsen er opfyldt (ESPD, nøgletal for omsætning og tre \
                     referencer), og ingen udelukkelsesgrund foreligger."
                .into(),
        };
        store.set_selection(&time.bids_opened, bid.id, Some(&selection))?;
    }
    scores(&mut store, &time.scored, lot1.id)?;
    if stage == Stage::QualityAgreed {
        return Ok(written);
    }
    // The prices are opened once the panel has agreed every quality score (two envelopes).
    tenderbench::price_seal::reveal(&mut store, &time.prices_opened, lot1.id, None)?;
    for (field, value) in [
        (TenderField::RecommendedBy, "Mette Kjær, udbudskonsulent"),
        (TenderField::RecommendedOn, "2026-11-18"),
        (TenderField::DecisionMaker, "Karsten Møller, vicedirektør, Indkøb og Logistik"),
        (TenderField::AwardDate, "2026-11-20"),
        (TenderField::NoticesSentOn, "2026-11-20"),
        (TenderField::StandstillEnds, "2026-11-30"),
    ] {
        store.set_tender_field(&time.awarded, field, value)?;
    }
    drop(store);
    written.extend(award_report(dir, &path)?);
    Ok(written)
}

/// The award report in Danish and one letter per bidder concerned, as the consultant would send them.
fn award_report(dir: &Path, tender: &Path) -> Result<Vec<PathBuf>> {
    let report = dir.join("award-report.pdf");
    let letters = dir.join("letters");
    if letters.exists() {
        // Letters of an earlier demo run would otherwise sit beside the new ones.
        std::fs::remove_dir_all(&letters).map_err(io(&letters))?;
    }
    let written = tenderbench::report::write(tender, &report, Lang::Da, Some(&letters)).map_err(|e| match e {
        ReportError::Store(e) => WorkbookError::Store(e),
        other => WorkbookError::write(&report, other),
    })?;
    Ok(std::iter::once(written.report).chain(written.letters).collect())
}

/// Fills one bid workbook per bidder, as the bidders would, and imports them all.
fn bids(store: &mut TenderFile, stamp: &Stamp, dir: &Path, lot_number: i64) -> Result<Vec<PathBuf>> {
    let lot = store.lots()?.into_iter().find(|l| l.number == lot_number).map(|l| l.id).unwrap_or_default();
    let requirements = store.requirements(lot)?;
    let items = store.price_items(lot)?;
    let mut workbooks = Vec::new();
    // The service after the price sheet's five years is the cost line its TCO-004 requirement proposed.
    let service_line = requirements.iter().find(|r| r.text.template_id.as_deref() == Some("TCO-004"));
    for (name, scanner, service, spare_parts, kwh, years, later_service) in BIDDERS {
        let price_lines: Vec<PriceLine> = [scanner, service]
            .into_iter()
            .zip(&items)
            .map(|(øre, item)| PriceLine {
                item: item.item.clone(),
                quantity: item.quantity,
                unit_price: Decimal::new(øre, 2),
            })
            .collect();
        let responses = requirements
            .iter()
            .map(|r| Response {
                requirement_code: r.text.code.clone(),
                compliant: (r.text.kind == RequirementKind::Minimum).then_some(r.text.code != "K-002" || spare_parts),
                value: match (r.text.kind, r.text.code.as_str()) {
                    (RequirementKind::Minimum, _) => String::new(),
                    (RequirementKind::Award, "K-003") => kwh.to_string(),
                    (RequirementKind::Award, "K-004") => years.to_string(),
                    (RequirementKind::Award, code) => format!("Se bilag {code} fra {name}."),
                    (RequirementKind::Information, _) => "Se tilbudslistens LCC-ark.".into(),
                },
                document_ref: format!("Bilag {}", r.text.code),
                comment: String::new(),
            })
            .collect();
        let submission = Submission {
            bidder: name.into(),
            lot_number,
            received_at: None,
            source_file: String::new(),
            source_sha256: String::new(),
            responses,
            subcontracting: Some(match name {
                "Sonoscan A/S" => Subcontracting {
                    share: Decimal::from(15),
                    subcontractors: "Medicoteknisk Service ApS (service og vedligehold)".into(),
                },
                _ => Subcontracting { share: Decimal::ZERO, subcontractors: String::new() },
            }),
            lcc: Some(LccInputs {
                acquisition: bid_price(&price_lines),
                energy_kwh_per_year: Decimal::from(kwh),
                maintenance_per_year: Decimal::from(60_000),
                end_of_life_cost: Decimal::from(24_000),
                take_back_value: Decimal::from(if spare_parts { 36_000 } else { 0 }),
                costs: service_line.map(|r| (r.text.code.clone(), Decimal::from(later_service))).into_iter().collect(),
                ..LccInputs::default()
            }),
            price_lines,
            original: None,
        };
        let slug: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        let workbook = dir.join(format!("bid-lot{lot_number}-{}.xlsx", slug.to_lowercase()));
        fill_for_demo(store, lot_number, Language::Da, &submission, &workbook)?;
        workbooks.push(workbook);
    }
    match tenderbench::bid_import::import_bids(store, stamp, &workbooks, Some(lot_number), false)? {
        ImportOutcome::Imported { .. } => Ok(workbooks),
        refused => Err(WorkbookError::invalid(
            format!("The demo bids were refused: {refused:?}"),
            format!("Demoens tilbud blev afvist: {refused:?}"),
        )),
    }
}

/// The panel declares, scores each admissible bid on its own, and agrees the consensus with its reasons.
fn scores(store: &mut TenderFile, stamp: &Stamp, lot: i64) -> Result<()> {
    let requirements = store.requirements(lot)?;
    let bids = store.bids(lot)?;
    let mut evaluators = Vec::new();
    for (name, role) in PANEL {
        let id = store.add_evaluator(stamp, name, role)?;
        let declaration = if name == "Birgit Sørensen" {
            Declaration::Conflict {
                description: "Var indtil 2024 servicetekniker hos EchoHealth GmbH.".into(),
                measure: "Vurderer ikke EchoHealth GmbH's tilbud; deltager i konsensus om de øvrige.".into(),
            }
        } else {
            Declaration::NoConflict
        };
        store.declare(stamp, id, &declaration)?;
        evaluators.push(id);
    }
    for (code, bidder, points, justification) in CONSENSUS {
        let (Some(requirement), Some(bid)) =
            (requirements.iter().find(|r| r.text.code == code), bids.iter().find(|b| b.bidder == bidder))
        else {
            return Err(WorkbookError::invalid(
                format!("The demo has no requirement {code} or bid {bidder}."),
                format!("Demoen har intet krav {code} eller tilbud fra {bidder}."),
            ));
        };
        let consensus: Decimal = points.parse().unwrap_or_default();
        // Each evaluator's own score lies near the consensus; the spread shows what the meeting discussed.
        for (offset, evaluator) in [Decimal::ZERO, Decimal::TWO, -Decimal::TWO].into_iter().zip(&evaluators) {
            let own = (consensus + offset).clamp(Decimal::ZERO, Decimal::TEN);
            store.set_individual_score(stamp, *evaluator, requirement.id, bid.id, Some(own), "")?;
        }
        store.set_consensus_score(stamp, requirement.id, bid.id, Some(consensus), justification)?;
    }
    Ok(())
}

/// Answers the category strategy for ultrasound scanners and adds a few catalogue requirements to each lot.
fn strategy_and_requirements(store: &mut TenderFile, stamp: &Stamp, lot1: i64, lot2: i64) -> Result<()> {
    let questionnaire = Questionnaire::builtin();
    for (question, value, reason) in [
        ("demand.category", "medical_technical", ""),
        ("demand.description", "Ultralydsscannere til radiologiens undersøgelsesrum og akutmodtagelserne.", ""),
        ("demand.annual_spend", "2900000", ""),
        ("demand.quantity", "36", ""),
        ("demand.contract_years", "5", ""),
        ("demand.user_group", "Radiologer, radiografer og akutlæger fra de fire sygehusenheder; MTU-teknikere", ""),
        ("demand.user_involvement", "5", ""),
        ("sustainability.co2e", "3", ""),
        ("sustainability.use_less", "2", ""),
        ("sustainability.use_longer", "4", ""),
        ("sustainability.use_greener", "3", ""),
        ("market.suppliers", "5", ""),
        ("market.concentration", "4", ""),
        ("market.monopoly_like", "no", ""),
        ("risk.criticality", "4", ""),
        ("risk.substitutes", "2", ""),
        ("risk.supply_levers", "supplier_stock,penalties", ""),
        ("importance.core_service", "5", ""),
        ("importance.spend_share", "4", ""),
        ("importance.cost_effect", "3", ""),
        ("objectives.quality", "5", ""),
        ("objectives.efficiency", "3", ""),
        ("objectives.sustainability", "2", ""),
        ("objectives.supply_security", "1", ""),
        ("screening.transport", "not_relevant", "Få store leverancer; lille reduktionspotentiale."),
        ("screening.repair", "minimum", "Regionens MTU-teknikere reparerer selv scannerne."),
        ("screening.life_extension", "award", "Reservedele ud over 10 år skal belønnes."),
        ("screening.use_phase", "award", "Scannerne står tændt det meste af døgnet."),
        ("screening.production", "not_relevant", "Producenterne er få og globale; krav flytter ikke produktionen."),
        ("screening.materials", "not_relevant", "Hygiejnekrav begrænser genanvendt plast i kabinettet."),
        ("screening.packaging", "not_relevant", "Få leverancer af store enheder."),
        ("screening.upgrade", "not_relevant", "Softwareopdateringer indgår i serviceaftalen."),
        ("screening.resale", "not_relevant", "Udstyret bruges til endt levetid."),
        ("screening.disassembly", "not_relevant", "Reservedelene kommer fra producenten."),
        ("screening.disposal", "minimum", "Leverandøren skal tage det udskiftede udstyr retur."),
        ("screening.proprietary_consumables", "not_relevant", "Gel og overtræk købes på en anden aftale."),
        ("screening.optimised_use", "not_relevant", "Automatisk standby belønnes under energiforbruget."),
        ("proposal.REP-001", "accepted", ""),
        ("proposal.REP-005", "rejected", "Brugte transducere giver ringere billedkvalitet."),
    ] {
        let value = questionnaire.check_answer(question, value, reason).map_err(StoreError::Invalid)?;
        store.set_strategy_answer(stamp, question, &value, reason, &questionnaire.version)?;
    }
    let none = BTreeMap::new();
    let years = BTreeMap::from([("years".to_owned(), "12".to_owned())]);
    let service_years =
        BTreeMap::from([("first_year".to_owned(), "6".to_owned()), ("last_year".to_owned(), "8".to_owned())]);
    for (lot, template, values) in [
        (lot1, "REP-001", &none),
        (lot1, "LEV-001", &years),
        (lot1, "BRU-002", &none),
        (lot1, "LEV-002", &none),
        (lot1, "RET-006", &none),
        (lot1, "TCO-004", &service_years),
        (lot2, "KVA-003", &none),
        (lot2, "BRU-003", &none),
        (lot2, "RET-005", &none),
        (lot2, "REP-001", &none),
    ] {
        catalogue::add_to_lot(store, stamp, lot, Catalogue::builtin(), template, values).map_err(|e| match e {
            CatalogueError::Store(e) => e,
            other => StoreError::Invalid(other.said()),
        })?;
    }
    Ok(())
}
