//! The open-contracting export: the tender, its bids and its awards as an OCDS 1.1 release package, for the
//! authority's open-data portal (docs/ocds.md).
//!
//! The package holds only what the tender file holds; a field the file cannot fill is left out, never
//! guessed. Its texts are the file's, which are Danish, so the release says `"language": "da"`. Lots are
//! told as items and one award per lot, because only the core standard and the bids extension are used: the
//! package must pass the official validator offline, and that validator has no other extension to hand.

use crate::bid_overview::{BidSummary, bid_overview};
use crate::error::ErrorCode;
use crate::evaluation::{AwardMethod, Criterion, Evaluation, EvaluationInput, PriceBasis, evaluate};
use crate::locale::{Lang, Said, copenhagen};
use crate::store::{StoreError, TenderFile};
use crate::tender::{Lot, Procedure, Tender};
use chrono::NaiveTime;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// The bids extension, named as the package must name it.
pub const BIDS_EXTENSION: &str =
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json";

#[derive(Debug, thiserror::Error)]
pub enum OcdsError {
    #[error(
        "The tender has no OCID prefix. Set the prefix the Open Contracting Partnership registered for the authority, for example: tenderbench set T.tender ocid_prefix ocds-a1b2c3."
    )]
    NoPrefix,
    #[error(
        "The tender has no reference, from which the open-contracting id is made. Set the tender's reference first."
    )]
    NoReference,
    #[error(
        "The prices of lot {lot} are sealed, and the bids in the open contracting data would show them. Open them once the panel has agreed the quality scores (tenderbench reveal-prices T.tender --lot {lot})."
    )]
    PricesSealed { lot: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl OcdsError {
    pub fn code(&self) -> ErrorCode {
        match self {
            OcdsError::NoPrefix | OcdsError::NoReference | OcdsError::PricesSealed { .. } => ErrorCode::Validation,
            OcdsError::Store(e) => e.code(),
        }
    }

    /// The refusal in English and Danish.
    pub fn said(&self) -> Said {
        match self {
            OcdsError::NoPrefix => Said::new(
                self.to_string(),
                "Udbuddet har intet OCID-præfiks. Angiv det præfiks, Open Contracting Partnership har registreret for ordregiveren, for eksempel: tenderbench set T.tender ocid_prefix ocds-a1b2c3.",
            ),
            OcdsError::NoReference => Said::new(
                self.to_string(),
                "Udbuddet har ingen reference, som udbuddets åbne id (ocid) dannes af. Angiv udbuddets reference først.",
            ),
            OcdsError::PricesSealed { lot } => Said::new(
                self.to_string(),
                format!(
                    "Priserne for delaftale {lot} er forseglet, og tilbuddene i de åbne udbudsdata ville vise dem. Åbn dem, når bedømmelsesgruppen har fastlagt kvalitetsscorerne (tenderbench reveal-prices T.tender --lot {lot})."
                ),
            ),
            OcdsError::Store(e) => e.said(),
        }
    }
}

/// An amount as a JSON number written from its exact decimal, so that no money passes through a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount(pub Decimal);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number = serde_json::value::RawValue::from_string(self.0.normalize().to_string())
            .map_err(serde::ser::Error::custom)?;
        number.serialize(serializer)
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReleasePackage {
    pub uri: String,
    pub version: &'static str,
    pub extensions: Vec<&'static str>,
    pub published_date: String,
    pub publisher: Publisher,
    pub releases: Vec<Release>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Publisher {
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    pub ocid: String,
    pub id: String,
    pub date: String,
    pub tag: Vec<&'static str>,
    pub initiation_type: &'static str,
    pub language: &'static str,
    pub parties: Vec<Party>,
    pub buyer: OrganizationReference,
    pub tender: TenderSection,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bids: Option<Bids>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Party {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    pub roles: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    pub scheme: &'static str,
    pub id: String,
    pub legal_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrganizationReference {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TenderSection {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    pub procuring_entity: OrganizationReference,
    pub procurement_method: &'static str,
    pub procurement_method_details: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_procurement_category: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub award_criteria: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub award_criteria_details: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tender_period: Option<Period>,
    pub number_of_tenderers: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tenderers: Vec<OrganizationReference>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    pub amount: Amount,
    pub currency: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub id: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classification>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub additional_classifications: Vec<Classification>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Classification {
    pub scheme: &'static str,
    pub id: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bids {
    pub statistics: Vec<BidStatistic>,
    pub details: Vec<BidDetail>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BidStatistic {
    pub id: String,
    pub measure: &'static str,
    pub value: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct BidDetail {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub status: &'static str,
    pub tenderers: Vec<OrganizationReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Award {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppliers: Vec<OrganizationReference>,
    pub items: Vec<Item>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_bid: Option<String>,
}

/// OCDS's procurement method for each procedure: open to all, limited to qualified or framework suppliers
/// (selective), or negotiated with suppliers the authority chose without a notice (limited).
pub fn procurement_method(procedure: Procedure) -> &'static str {
    match procedure {
        Procedure::Open => "open",
        Procedure::Restricted
        | Procedure::CompetitiveNegotiation
        | Procedure::CompetitiveDialogue
        | Procedure::InnovationPartnership
        | Procedure::MiniCompetition => "selective",
        Procedure::NegotiatedWithoutNotice => "limited",
    }
}

/// OCDS's award criteria for each award method: price alone, cost alone, or price weighed against quality.
pub fn award_criteria(method: AwardMethod) -> &'static str {
    match method {
        AwardMethod::LowestPrice => "priceOnly",
        AwardMethod::LowestCost => "costOnly",
        AwardMethod::BestPriceQuality | AwardMethod::PricePerQualityPoint | AwardMethod::ValueAdjustedPrice => {
            "ratedCriteria"
        }
    }
}

/// A bid that met every minimum requirement and was neither excluded by the consultant nor by the engine
/// for points below a criterion's minimum is valid; every other is disqualified.
pub fn bid_status(bid: &BidSummary) -> &'static str {
    if bid.admissible() { "valid" } else { "disqualified" }
}

/// The main category from the first CPV code's division: 45 is works, 03–44 and 48 are supplies, the rest
/// (50–98) services, as Regulation (EC) No 213/2008 divides the vocabulary.
pub fn main_procurement_category(cpv: &str) -> Option<&'static str> {
    let division: u32 = cpv.get(..2)?.parse().ok()?;
    Some(match division {
        45 => "works",
        3..=44 | 48 => "goods",
        _ => "services",
    })
}

/// The release package of a tender file. `uri` is where the authority will publish it; without one the
/// package is named by its ocid as a URN, for the portal to replace.
pub fn release_package(store: &TenderFile, uri: Option<&str>) -> Result<ReleasePackage, OcdsError> {
    let tender = store.tender()?;
    if tender.ocid_prefix.is_empty() {
        return Err(OcdsError::NoPrefix);
    }
    if tender.reference.trim().is_empty() {
        return Err(OcdsError::NoReference);
    }
    let ocid = format!("{}-{}", tender.ocid_prefix, tender.reference.trim());
    let audit = store.audit_log()?;
    let last = audit.last().map_or((0, tender.created_at.clone()), |entry| (entry.seq, entry.at.clone()));
    let lots = store.lots()?;
    let bids = bid_overview(store)?;
    if let Some(sealed) = bids.iter().find(|b| b.prices_sealed) {
        return Err(OcdsError::PricesSealed { lot: sealed.lot_number });
    }
    let mut lot_awards = Vec::new();
    for lot in &lots {
        lot_awards.push(LotAward { lot, input: store.competing_input(lot.id)?, draw: store.draw(lot.id)? });
    }
    let mut parties = Parties::new(&tender, store.bidders()?, &bids);
    let awards: Vec<Award> = lot_awards.iter().filter_map(|lot| lot.award(&tender, &bids, &parties)).collect();
    for supplier in awards.iter().flat_map(|a| &a.suppliers) {
        parties.add_role(&supplier.id, "supplier");
    }
    let tag = if awards.is_empty() { vec!["tender"] } else { vec!["tender", "award"] };
    let release = Release {
        id: format!("{ocid}-{}", last.0),
        ocid: ocid.clone(),
        date: last.1.clone(),
        tag,
        initiation_type: "tender",
        language: "da",
        buyer: parties.buyer(),
        tender: tender_section(&tender, &lot_awards, &bids, &parties),
        bids: (!bids.is_empty()).then(|| bid_section(&tender, &bids, &parties)),
        awards,
        parties: parties.list,
    };
    Ok(ReleasePackage {
        uri: uri.map_or_else(|| format!("urn:ocds:{}", uri_escaped(&ocid)), str::to_owned),
        version: "1.1",
        extensions: vec![BIDS_EXTENSION],
        published_date: last.1,
        publisher: Publisher { name: tender.authority.clone() },
        releases: vec![release],
    })
}

/// Text as it may stand in a URI: letters, digits and `-._~` as they are, every other byte as `%XX`, so a
/// reference such as "RSD 2026/12" still names the package by a valid URI.
fn uri_escaped(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The authority and every bidder, each once, with the roles it has in this tender.
struct Parties {
    list: Vec<Party>,
}

impl Parties {
    const BUYER: &str = "buyer";

    fn new(tender: &Tender, bidders: Vec<crate::bid::Bidder>, bids: &[BidSummary]) -> Parties {
        let mut list = vec![Party {
            id: Self::BUYER.into(),
            name: tender.authority.clone(),
            identifier: None,
            roles: vec!["buyer", "procuringEntity"],
        }];
        for bidder in bidders.into_iter().filter(|b| bids.iter().any(|bid| bid.bidder == b.name)) {
            // A bidder's CVR number is its identifier where the file holds one (org-id.guide's DK-CVR).
            let (id, identifier) = if bidder.cvr.trim().is_empty() {
                (format!("bidder-{}", bidder.id), None)
            } else {
                let cvr = bidder.cvr.trim().to_owned();
                (
                    format!("DK-CVR-{cvr}"),
                    Some(Identifier { scheme: "DK-CVR", id: cvr, legal_name: bidder.name.clone() }),
                )
            };
            list.push(Party { id, name: bidder.name, identifier, roles: vec!["tenderer"] });
        }
        Parties { list }
    }

    fn add_role(&mut self, id: &str, role: &'static str) {
        for party in self.list.iter_mut().filter(|p| p.id == id && !p.roles.contains(&role)) {
            party.roles.push(role);
        }
    }

    fn buyer(&self) -> OrganizationReference {
        self.reference(&self.list[0])
    }

    fn reference(&self, party: &Party) -> OrganizationReference {
        OrganizationReference { id: party.id.clone(), name: party.name.clone() }
    }

    fn bidder(&self, name: &str) -> OrganizationReference {
        let party = self.list[1..].iter().find(|p| p.name == name).expect("every bidder with a bid is a party");
        self.reference(party)
    }
}

/// A lot with the input its award is decided on: the competing bids and the model, if it has one.
struct LotAward<'a> {
    lot: &'a Lot,
    input: Option<EvaluationInput>,
    draw: Option<crate::tie_break::DrawByLot>,
}

impl LotAward<'_> {
    fn item(&self, tender: &Tender) -> Item {
        // CPV codes are the tender's; the check digit after the dash is not part of the code.
        let mut codes = tender
            .cpv_codes
            .iter()
            .map(|code| Classification { scheme: "CPV", id: code.split('-').next().unwrap_or(code).to_owned() });
        Item {
            id: format!("lot-{}", self.lot.number),
            description: format!("Delaftale {}: {}", self.lot.number, self.lot.title),
            classification: codes.next(),
            additional_classifications: codes.collect(),
        }
    }

    /// The award of the lot as the engine ranks its competing bids: the one bid ranked first, no supplier
    /// while two share the first rank that the tie-break rule does not separate, or unsuccessful when no bid conforms. A lot without bids or that the
    /// engine cannot evaluate yet has no award. The file records the award decision but not the contract's
    /// signature, so an award is pending (OCDS: made, not yet in force, as during the standstill period).
    fn award(&self, tender: &Tender, bids: &[BidSummary], parties: &Parties) -> Option<Award> {
        let input = self.input.as_ref()?;
        let lot_bids: Vec<&BidSummary> = bids.iter().filter(|b| b.lot_id == self.lot.id).collect();
        if lot_bids.is_empty() {
            return None;
        }
        let mut result = evaluate(input).ok()?;
        // The tender's tie-break rule decides a shared first rank here as it does in the report.
        crate::tie_break::break_tie(tender.settings.tie_break_rule, self.draw.as_ref(), input, &mut result);
        let first: Vec<&str> = result.ranking.iter().filter(|r| r.rank == 1).map(|r| r.bid.as_str()).collect();
        let mut award = Award {
            id: format!("lot-{}-award", self.lot.number),
            title: format!("Delaftale {}: {}", self.lot.number, self.lot.title),
            description: None,
            status: "pending",
            date: tender.award_date.map(|day| copenhagen(day, NaiveTime::MIN)),
            value: None,
            suppliers: Vec::new(),
            items: vec![self.item(tender)],
            related_bid: None,
        };
        match first[..] {
            [] => {
                award.status = "unsuccessful";
                award.description = Some("Ingen konditionsmæssige tilbud.".into());
            }
            [winner] => {
                let bid = lot_bids.iter().find(|b| b.bidder == winner)?;
                award.value =
                    bid.price.map(|amount| Value { amount: Amount(amount), currency: tender.currency.clone() });
                award.suppliers = vec![parties.bidder(winner)];
                award.related_bid = Some(bid_id(bid));
            }
            _ => {
                award.description =
                    Some(format!("{} tilbud har samme samlede resultat; tildelingen er ikke afgjort.", first.len()))
            }
        }
        Some(award)
    }
}

fn bid_id(bid: &BidSummary) -> String {
    format!("bid-{}", bid.bid_id)
}

fn tender_section(tender: &Tender, lots: &[LotAward], bids: &[BidSummary], parties: &Parties) -> TenderSection {
    let methods: Vec<AwardMethod> = lots.iter().filter_map(|l| l.input.as_ref()).map(|i| i.award_method).collect();
    // One code stands for the tender only when every lot with a model is awarded the same way.
    let criteria =
        methods.first().map(|m| award_criteria(*m)).filter(|code| methods.iter().all(|m| award_criteria(*m) == *code));
    let details: Vec<String> = lots.iter().filter_map(|l| Some(criteria_in_words(l.lot, l.input.as_ref()?))).collect();
    let mut tenderers: Vec<OrganizationReference> = Vec::new();
    for bid in bids {
        let party = parties.bidder(&bid.bidder);
        if !tenderers.contains(&party) {
            tenderers.push(party);
        }
    }
    let day = |date: Option<chrono::NaiveDate>, time| date.map(|d| copenhagen(d, time));
    let period = Period {
        start_date: day(tender.published_on, NaiveTime::MIN),
        // A deadline the file holds as a date is the end of that day.
        end_date: day(tender.bid_deadline, NaiveTime::from_hms_opt(23, 59, 59).expect("a time of day")),
    };
    TenderSection {
        id: tender.reference.trim().to_owned(),
        title: tender.title.clone(),
        status: if tender.award_date.is_some() { "complete" } else { "active" },
        value: tender.estimated_value.map(|amount| Value { amount: Amount(amount), currency: tender.currency.clone() }),
        procuring_entity: parties.buyer(),
        procurement_method: procurement_method(tender.procedure),
        procurement_method_details: tender.procedure.name(Lang::Da),
        main_procurement_category: tender.cpv_codes.first().and_then(|c| main_procurement_category(c)),
        award_criteria: criteria,
        award_criteria_details: (!details.is_empty()).then(|| details.join(" ")),
        items: lots.iter().map(|l| l.item(tender)).collect(),
        tender_period: (period.start_date.is_some() || period.end_date.is_some()).then_some(period),
        number_of_tenderers: tenderers.len(),
        tenderers,
    }
}

fn bid_section(tender: &Tender, bids: &[BidSummary], parties: &Parties) -> Bids {
    let valid = bids.iter().filter(|b| b.admissible()).count();
    Bids {
        statistics: vec![
            BidStatistic { id: "bids".into(), measure: "bids", value: bids.len() },
            BidStatistic { id: "validBids".into(), measure: "validBids", value: valid },
        ],
        details: bids
            .iter()
            .map(|bid| BidDetail {
                id: bid_id(bid),
                date: bid.received_at.clone().filter(|at| chrono::DateTime::parse_from_rfc3339(at).is_ok()),
                status: bid_status(bid),
                tenderers: vec![parties.bidder(&bid.bidder)],
                value: bid.price.map(|amount| Value { amount: Amount(amount), currency: tender.currency.clone() }),
            })
            .collect(),
    }
}

/// What a criterion weighs: price, life-cycle cost, or quality (every criterion scored on the scale).
fn kind(criterion: &Criterion) -> &'static str {
    match criterion.price.as_ref().map(|rule| rule.basis) {
        Some(PriceBasis::Price) => "pris",
        Some(PriceBasis::Lcc) => "omkostninger",
        None => "kvalitet",
    }
}

/// A lot's model in words: "Delaftale 1 (Ultralydsscannere): bedste forhold mellem pris og kvalitet. Pris
/// [pris] 40 %; Kvalitet 60 %: Billedkvalitet [kvalitet] 35 %, Brugervenlighed [kvalitet] 25 %." Each scored
/// criterion's type is in brackets, and its weight is the engine's normalised one as a percentage of the
/// whole; a model the engine cannot read yet is named with its award method alone.
fn criteria_in_words(lot: &Lot, input: &EvaluationInput) -> String {
    let l = Lang::Da;
    let head = format!("Delaftale {} ({}): {}.", lot.number, lot.title, input.award_method.name(l).to_lowercase());
    let Ok(evaluation) = Evaluation::new(&EvaluationInput { bids: Vec::new(), ..input.clone() }) else { return head };
    let result = evaluation.result();
    let share =
        |weights: &BTreeMap<String, Decimal>, id: &str| weights.get(id).map_or_else(String::new, |w| l.percent(*w));
    let name = |c: &Criterion| if c.name.is_empty() { c.id.clone() } else { c.name.clone() };
    let parts: Vec<String> = input
        .criteria
        .iter()
        .map(|top| {
            let top_share = share(&result.criterion_weights, &top.id);
            if top.children.is_empty() {
                return format!("{} [{}] {top_share}", name(top), kind(top));
            }
            let mut leaves = Vec::new();
            collect_leaves(&top.children, &mut leaves);
            let under: Vec<String> = leaves
                .iter()
                .map(|leaf| format!("{} [{}] {}", name(leaf), kind(leaf), share(&result.leaf_weights, &leaf.id)))
                .collect();
            format!("{} {top_share}: {}", name(top), under.join(", "))
        })
        .collect();
    format!("{head} {}.", parts.join("; "))
}

fn collect_leaves<'a>(criteria: &'a [Criterion], out: &mut Vec<&'a Criterion>) {
    for criterion in criteria {
        if criterion.children.is_empty() {
            out.push(criterion);
        } else {
            collect_leaves(&criterion.children, out);
        }
    }
}

/// The package as the file an open-data portal loads: pretty-printed JSON with the standard's key order.
pub fn to_json(package: &ReleasePackage) -> String {
    let mut text = serde_json::to_string_pretty(package).expect("a release package is always JSON");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_with_spaces_and_letters_outside_ascii_still_makes_a_uri() {
        assert_eq!(uri_escaped("ocds-a1b2c3-RSD-2026-0412"), "ocds-a1b2c3-RSD-2026-0412");
        assert_eq!(uri_escaped("ocds-a1b2c3-RSD 2026/Å"), "ocds-a1b2c3-RSD%202026%2F%C3%85");
    }
}
