//! The tender itself: what is bought, by whom, under which procedure, in which lots.

use crate::locale::{Lang, Said};
pub use crate::standstill::Dispatch;
pub use crate::tie_break::TieBreak;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The procurement procedures of Directive 2014/24/EU and Udbudsloven that a consultant runs evaluations for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    Open,
    Restricted,
    CompetitiveNegotiation,
    CompetitiveDialogue,
    InnovationPartnership,
    NegotiatedWithoutNotice,
    MiniCompetition,
}

impl Procedure {
    pub const ALL: [Procedure; 7] = [
        Procedure::Open,
        Procedure::Restricted,
        Procedure::CompetitiveNegotiation,
        Procedure::CompetitiveDialogue,
        Procedure::InnovationPartnership,
        Procedure::NegotiatedWithoutNotice,
        Procedure::MiniCompetition,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Procedure::Open => "open",
            Procedure::Restricted => "restricted",
            Procedure::CompetitiveNegotiation => "competitive_negotiation",
            Procedure::CompetitiveDialogue => "competitive_dialogue",
            Procedure::InnovationPartnership => "innovation_partnership",
            Procedure::NegotiatedWithoutNotice => "negotiated_without_notice",
            Procedure::MiniCompetition => "mini_competition",
        }
    }

    pub fn from_code(code: &str) -> Option<Procedure> {
        Procedure::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The procedure as Udbudsloven and the directive name it.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Procedure::Open => lang.pick("Offentligt udbud", "Open procedure"),
            Procedure::Restricted => lang.pick("Begrænset udbud", "Restricted procedure"),
            Procedure::CompetitiveNegotiation => {
                lang.pick("Udbud med forhandling", "Competitive procedure with negotiation")
            }
            Procedure::CompetitiveDialogue => lang.pick("Konkurrencepræget dialog", "Competitive dialogue"),
            Procedure::InnovationPartnership => lang.pick("Innovationspartnerskab", "Innovation partnership"),
            Procedure::NegotiatedWithoutNotice => lang.pick(
                "Udbud med forhandling uden forudgående offentliggørelse",
                "Negotiated procedure without prior publication",
            ),
            Procedure::MiniCompetition => lang.pick("Miniudbud", "Mini-competition"),
        }
    }
}

/// The tender's metadata, as stored in the tender file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tender {
    pub title: String,
    pub reference: String,
    pub authority: String,
    pub procedure: Procedure,
    pub cpv_codes: Vec<String>,
    pub currency: String,
    pub estimated_value: Option<Decimal>,
    pub published_on: Option<NaiveDate>,
    pub bid_deadline: Option<NaiveDate>,
    pub award_date: Option<NaiveDate>,
    pub standstill_ends: Option<NaiveDate>,
    /// When, and how, the award notices were sent to the bidders: the standstill period runs from then.
    pub notices_sent_on: Option<NaiveDate>,
    pub notices_sent_by: Dispatch,
    pub tie_break: String,
    /// The prefix the Open Contracting Partnership registered for the authority ("ocds-a1b2c3"); with the
    /// reference it makes the tender's open-contracting id. Empty until the consultant sets it.
    pub ocid_prefix: String,
    pub created_at: String,
    /// The fields added after format 5, kept one row each in `tender_setting`.
    pub settings: TenderSettings,
}

/// The tender's fields added after format 5 (see [`TenderField::is_setting`]); each is empty until set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenderSettings {
    /// The authority's postal address, for the procedure record (art. 84(1)(a)).
    pub authority_address: String,
    /// A tender whose price is this share (per cent) or more below the mean of the lot's other admissible
    /// tenders is flagged as possibly abnormally low; `None` is [`DEFAULT_ABNORMALLY_LOW_SHARE`].
    pub abnormally_low_share: Option<Decimal>,
    /// Who recommends the award (indstilling), with their role, and when; the decision block of the report.
    pub recommended_by: String,
    pub recommended_on: Option<NaiveDate>,
    /// Who makes the award decision, with their role; the decision's day is `award_date`.
    pub decision_maker: String,
    /// The announced rule for tenders with equal totals, as Tenderbench applies it; `tie_break` is its wording.
    pub tie_break_rule: TieBreak,
    /// Why the procedure was chosen, where the law asks for reasons (art. 84(1)(e) and (f)): a negotiated
    /// procedure, a competitive dialogue or an innovation partnership.
    pub procedure_justification: String,
    /// The days before the tender deadline by which questions are answered; `None` is the Act's
    /// [`crate::questions::DEFAULT_ANSWER_DAYS`].
    pub answer_days: Option<u32>,
}

/// The share below the others' mean price at which a tender is flagged as possibly abnormally low, in per
/// cent, when the tender sets none.
pub const DEFAULT_ABNORMALLY_LOW_SHARE: Decimal = Decimal::from_parts(20, 0, 0, false, 0);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lot {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub description: String,
    pub estimated_value: Option<Decimal>,
}

/// What a consultant gives when creating a tender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTender {
    pub title: String,
    pub authority: String,
    pub reference: String,
}

/// The editable fields of a tender. Each edit names one field so the audit log records exactly what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenderField {
    Title,
    Reference,
    Authority,
    Procedure,
    CpvCodes,
    Currency,
    EstimatedValue,
    PublishedOn,
    BidDeadline,
    AwardDate,
    StandstillEnds,
    TieBreak,
    OcidPrefix,
    NoticesSentOn,
    NoticesSentBy,
    AuthorityAddress,
    AbnormallyLowShare,
    RecommendedBy,
    RecommendedOn,
    DecisionMaker,
    TieBreakRule,
    ProcedureJustification,
    AnswerDays,
}

impl TenderField {
    pub const ALL: [TenderField; 23] = [
        TenderField::Title,
        TenderField::Reference,
        TenderField::Authority,
        TenderField::Procedure,
        TenderField::CpvCodes,
        TenderField::Currency,
        TenderField::EstimatedValue,
        TenderField::PublishedOn,
        TenderField::BidDeadline,
        TenderField::AwardDate,
        TenderField::StandstillEnds,
        TenderField::TieBreak,
        TenderField::OcidPrefix,
        TenderField::NoticesSentOn,
        TenderField::NoticesSentBy,
        TenderField::AuthorityAddress,
        TenderField::AbnormallyLowShare,
        TenderField::RecommendedBy,
        TenderField::RecommendedOn,
        TenderField::DecisionMaker,
        TenderField::TieBreakRule,
        TenderField::ProcedureJustification,
        TenderField::AnswerDays,
    ];

    /// The field's name in the tender file and the audit log.
    pub fn column(self) -> &'static str {
        match self {
            TenderField::Title => "title",
            TenderField::Reference => "reference",
            TenderField::Authority => "authority",
            TenderField::Procedure => "procedure",
            TenderField::CpvCodes => "cpv_codes",
            TenderField::Currency => "currency",
            TenderField::EstimatedValue => "estimated_value",
            TenderField::PublishedOn => "published_on",
            TenderField::BidDeadline => "bid_deadline",
            TenderField::AwardDate => "award_date",
            TenderField::StandstillEnds => "standstill_ends",
            TenderField::TieBreak => "tie_break",
            TenderField::OcidPrefix => "ocid_prefix",
            TenderField::NoticesSentOn => "notices_sent_on",
            TenderField::NoticesSentBy => "notices_sent_by",
            TenderField::AuthorityAddress => "authority_address",
            TenderField::AbnormallyLowShare => "abnormally_low_share",
            TenderField::RecommendedBy => "recommended_by",
            TenderField::RecommendedOn => "recommended_on",
            TenderField::DecisionMaker => "decision_maker",
            TenderField::TieBreakRule => "tie_break_rule",
            TenderField::ProcedureJustification => "procedure_justification",
            TenderField::AnswerDays => "answer_days",
        }
    }

    /// Whether the field is kept in `tender_setting`, one row per field, rather than in the tender's row: the
    /// fields added after format 5, so that a new field changes no row the change log already holds.
    pub fn is_setting(self) -> bool {
        matches!(
            self,
            TenderField::AuthorityAddress
                | TenderField::AbnormallyLowShare
                | TenderField::RecommendedBy
                | TenderField::RecommendedOn
                | TenderField::DecisionMaker
                | TenderField::TieBreakRule
                | TenderField::ProcedureJustification
                | TenderField::AnswerDays
        )
    }

    pub fn from_column(name: &str) -> Option<TenderField> {
        TenderField::ALL.into_iter().find(|f| f.column() == name)
    }

    /// Checks a new value for this field and returns it in the form the tender file stores.
    /// `None` clears an optional field.
    pub fn normalize(self, value: &str) -> Result<Option<String>, Said> {
        let value = value.trim();
        match self {
            TenderField::Title if value.is_empty() => {
                Err(Said::new("The title cannot be empty.", "Titlen må ikke være tom."))
            }
            TenderField::Authority if value.is_empty() => {
                Err(Said::new("The authority cannot be empty.", "Ordregiver skal udfyldes."))
            }
            TenderField::Procedure => Procedure::from_code(value).map(|p| Some(p.code().to_owned())).ok_or_else(|| {
                Said::new(
                    format!("'{value}' is not a known procedure."),
                    format!("'{value}' er ikke en kendt udbudsform."),
                )
            }),
            TenderField::Currency if value.len() != 3 || !value.chars().all(|c| c.is_ascii_uppercase()) => {
                Err(Said::new(
                    format!("'{value}' is not a three-letter currency code such as DKK."),
                    format!("'{value}' er ikke en valutakode på tre store bogstaver, for eksempel DKK."),
                ))
            }
            TenderField::CpvCodes => normalize_cpv(value).map(Some),
            TenderField::OcidPrefix => normalize_ocid_prefix(value).map(Some),
            TenderField::NoticesSentBy => {
                Dispatch::from_code(value).map(|d| Some(d.code().to_owned())).ok_or_else(|| {
                    Said::new(
                        format!("'{value}' is not a way of sending notices; use electronic or letter."),
                        format!("'{value}' er ikke en måde at sende underretninger på; brug electronic eller letter."),
                    )
                })
            }
            TenderField::EstimatedValue => optional(value, |v| parse_amount(v).map(|d| d.normalize().to_string())),
            TenderField::AbnormallyLowShare => optional(value, |v| {
                parse_amount(v)
                    .ok()
                    .filter(|share| *share > Decimal::ZERO && *share < Decimal::ONE_HUNDRED)
                    .map(|share| share.normalize().to_string())
                    .ok_or_else(|| {
                        Said::new(
                            format!("'{v}' is not a share in per cent between 0 and 100, such as 20."),
                            format!("'{v}' er ikke en andel i procent mellem 0 og 100, for eksempel 20."),
                        )
                    })
            }),
            TenderField::AnswerDays => optional(value, |v| {
                v.parse::<u32>().ok().filter(|days| (1..=60).contains(days)).map(|days| days.to_string()).ok_or_else(
                    || {
                        Said::new(
                            format!("'{v}' is not a number of days between 1 and 60, such as 6."),
                            format!("'{v}' er ikke et antal dage mellem 1 og 60, for eksempel 6."),
                        )
                    },
                )
            }),
            TenderField::TieBreakRule => optional(value, |v| {
                TieBreak::from_code(v).map(|rule| rule.code().to_owned()).ok_or_else(|| {
                    Said::new(
                        format!("'{v}' is not a tie-break rule; use none, lowest_price, highest_quality or draw."),
                        format!(
                            "'{v}' er ikke en regel ved lige point; brug none, lowest_price, highest_quality eller draw."
                        ),
                    )
                })
            }),
            TenderField::AuthorityAddress
            | TenderField::RecommendedBy
            | TenderField::DecisionMaker
            | TenderField::ProcedureJustification => optional(value, |v| Ok(v.to_owned())),
            TenderField::PublishedOn
            | TenderField::BidDeadline
            | TenderField::AwardDate
            | TenderField::StandstillEnds
            | TenderField::NoticesSentOn
            | TenderField::RecommendedOn => optional(value, |v| {
                NaiveDate::from_str(v).map(|d| d.to_string()).map_err(|_| {
                    Said::new(
                        format!("'{v}' is not a date in the form 2026-11-22."),
                        format!("'{v}' er ikke en dato på formen 2026-11-22."),
                    )
                })
            }),
            _ => Ok(Some(value.to_owned())),
        }
    }
}

fn optional(value: &str, parse: impl Fn(&str) -> Result<String, Said>) -> Result<Option<String>, Said> {
    if value.is_empty() { Ok(None) } else { parse(value).map(Some) }
}

/// Parses a non-negative amount written with a decimal point and no thousands separators.
pub fn parse_amount(value: &str) -> Result<Decimal, Said> {
    match Decimal::from_str(value) {
        Ok(d) if d.is_sign_negative() => Err(Said::new(
            format!("'{value}' is negative; an amount must be zero or more."),
            format!("'{value}' er negativt; et beløb skal være nul eller mere."),
        )),
        Ok(d) => Ok(d),
        Err(_) => Err(Said::new(
            format!("'{value}' is not an amount such as 1250000.50."),
            format!("'{value}' er ikke et beløb som 1250000.50 (med punktum og uden tusindtalsskilletegn)."),
        )),
    }
}

/// CPV codes are eight digits with an optional check digit ("33112200-0"); a list is comma-separated.
fn normalize_cpv(value: &str) -> Result<String, Said> {
    let codes: Vec<&str> = value.split(',').map(str::trim).filter(|c| !c.is_empty()).collect();
    for code in &codes {
        let (main, check) = code.split_once('-').unwrap_or((code, "0"));
        let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
        if !digits(main, 8) || !digits(check, 1) {
            return Err(Said::new(
                format!("'{code}' is not a CPV code such as 33112200-0."),
                format!("'{code}' er ikke en CPV-kode som 33112200-0."),
            ));
        }
    }
    Ok(codes.join(","))
}

/// An OCID prefix is "ocds-" and the six letters or digits the Open Contracting Partnership assigned; it is
/// stored in lower case, as the registry lists it. An empty value clears it.
fn normalize_ocid_prefix(value: &str) -> Result<String, Said> {
    let prefix = value.to_ascii_lowercase();
    let assigned =
        prefix.strip_prefix("ocds-").filter(|rest| rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()));
    if prefix.is_empty() || assigned.is_some() {
        Ok(prefix)
    } else {
        Err(Said::new(
            format!("'{value}' is not an OCID prefix such as ocds-a1b2c3."),
            format!("'{value}' er ikke et OCID-præfiks som ocds-a1b2c3."),
        ))
    }
}

/// Checks a lot title and number as entered.
pub fn validate_lot(number: i64, title: &str) -> Result<(), Said> {
    if number < 1 {
        return Err(Said::new(
            format!("Lot number {number} must be 1 or more."),
            format!("Delaftalens nummer {number} skal være 1 eller mere."),
        ));
    }
    if title.trim().is_empty() {
        return Err(Said::new(
            format!("Lot {number} needs a title."),
            format!("Delaftale {number} skal have en titel."),
        ));
    }
    Ok(())
}

/// The guided steps of an evaluation, in the order a consultant works through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Strategy,
    Requirements,
    EvaluationModel,
    Bids,
    Scoring,
    Result,
    Report,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Strategy,
        Step::Requirements,
        Step::EvaluationModel,
        Step::Bids,
        Step::Scoring,
        Step::Result,
        Step::Report,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Done,
    /// The step cannot begin until the step named in [`StepState::waits_for`] is done.
    Blocked,
}

/// Where one step stands and, when it is not done, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepState {
    pub step: Step,
    pub status: StepStatus,
    /// For a blocked step: the earlier step that must be done first.
    pub waits_for: Option<Step>,
    /// For the strategy: what is still to be filled in, as field names ("lots" when there is no lot).
    pub missing: Vec<String>,
}

/// What the tender file holds beyond its metadata, counted over all lots by the store; the later steps'
/// states follow from it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub requirements: usize,
    /// Lots whose evaluation model has at least one criterion.
    pub models_started: usize,
    /// Lots whose evaluation model is published and locked.
    pub models_locked: usize,
    pub bids: usize,
    /// Consensus scores given on award requirements placed under a sub-criterion.
    pub scores: usize,
    /// Consensus scores still to give: each bid on each award requirement placed under a sub-criterion of
    /// its lot, measured requirements left out because their formula scores them.
    pub scores_missing: usize,
    /// Lots with bids whose prices are still sealed: their result is not there until they are opened.
    pub lots_sealed: usize,
}

/// Derives the state of every step from what the tender file holds.
///
/// The strategy is done once the tender can be announced (a reference, CPV codes, an estimated value, a bid
/// deadline and at least one lot) and the questionnaire's required sections are answered; `strategy_open`
/// names those still open, and they are listed as missing as `strategy.SECTION`. The requirements are done when every lot's model is published (they are
/// then part of the tender documents), and so is the model; bids are done once any are in; scoring once
/// every bid has a consensus score on every placed award requirement; the result once, in addition, every
/// lot's prices are opened. The report step is never marked done: an exported report is a file outside the
/// tender.
/// A step with nothing in it yet is blocked while the step before it is not done.
pub fn step_states(tender: &Tender, lots: &[Lot], progress: &Progress, strategy_open: &[String]) -> Vec<StepState> {
    let mut missing: Vec<String> = [
        (TenderField::Reference, tender.reference.trim().is_empty()),
        (TenderField::CpvCodes, tender.cpv_codes.is_empty()),
        (TenderField::EstimatedValue, tender.estimated_value.is_none()),
        (TenderField::BidDeadline, tender.bid_deadline.is_none()),
    ]
    .into_iter()
    .filter(|(_, absent)| *absent)
    .map(|(field, _)| field.column().to_owned())
    .collect();
    if lots.is_empty() {
        missing.push("lots".to_owned());
    }
    missing.extend(strategy_open.iter().map(|section| format!("strategy.{section}")));
    let published = !lots.is_empty() && progress.models_locked == lots.len();
    let scored = progress.scores > 0 && progress.scores_missing == 0;
    let own_status = |step: Step| -> StepStatus {
        let (started, done) = match step {
            Step::Strategy => (true, missing.is_empty()),
            Step::Requirements => (progress.requirements > 0, progress.requirements > 0 && published),
            Step::EvaluationModel => (progress.models_started > 0, published),
            Step::Bids => (progress.bids > 0, progress.bids > 0),
            Step::Scoring => (progress.scores > 0, scored),
            Step::Result => (scored, scored && progress.lots_sealed == 0),
            Step::Report => (false, false),
        };
        match (started, done) {
            (_, true) => StepStatus::Done,
            (true, false) => StepStatus::InProgress,
            (false, false) => StepStatus::NotStarted,
        }
    };
    let mut states: Vec<StepState> = Vec::with_capacity(Step::ALL.len());
    for step in Step::ALL {
        let status = own_status(step);
        let previous = states.last().filter(|p| p.status != StepStatus::Done).map(|p| p.step);
        let blocked = status == StepStatus::NotStarted && previous.is_some();
        states.push(StepState {
            step,
            status: if blocked { StepStatus::Blocked } else { status },
            waits_for: if blocked { previous } else { None },
            missing: if step == Step::Strategy { missing.clone() } else { Vec::new() },
        });
    }
    states
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_normalized_or_refused_with_a_reason() {
        assert_eq!(TenderField::EstimatedValue.normalize("1250000.50"), Ok(Some("1250000.5".into())));
        assert_eq!(TenderField::EstimatedValue.normalize(""), Ok(None));
        assert!(TenderField::EstimatedValue.normalize("-1").unwrap_err().en.contains("negative"));
        assert!(TenderField::EstimatedValue.normalize("1.234,5").is_err());
        assert_eq!(TenderField::CpvCodes.normalize("33112200-0, 33100000"), Ok(Some("33112200-0,33100000".into())));
        assert!(TenderField::CpvCodes.normalize("3311").is_err());
        assert!(TenderField::Title.normalize("  ").is_err());
        assert!(TenderField::Currency.normalize("kr").is_err());
        assert!(TenderField::BidDeadline.normalize("22/11/2026").is_err());
        assert_eq!(TenderField::BidDeadline.normalize("2026-11-22"), Ok(Some("2026-11-22".into())));
        assert!(TenderField::Procedure.normalize("auction").is_err());
        assert_eq!(TenderField::OcidPrefix.normalize(" OCDS-A1b2C3 "), Ok(Some("ocds-a1b2c3".into())));
        assert_eq!(TenderField::OcidPrefix.normalize(""), Ok(Some(String::new())));
        for wrong in ["ocds-a1b2", "ocds-a1b2c3d", "a1b2c3", "ocds-a1b2-3"] {
            assert!(TenderField::OcidPrefix.normalize(wrong).is_err(), "{wrong}");
        }
    }

    fn tender() -> Tender {
        Tender {
            title: "T".into(),
            reference: String::new(),
            authority: "A".into(),
            procedure: Procedure::Open,
            cpv_codes: Vec::new(),
            currency: "DKK".into(),
            estimated_value: None,
            published_on: None,
            bid_deadline: None,
            award_date: None,
            standstill_ends: None,
            notices_sent_on: None,
            notices_sent_by: Dispatch::Electronic,
            tie_break: String::new(),
            ocid_prefix: String::new(),
            created_at: String::new(),
            settings: TenderSettings::default(),
        }
    }

    #[test]
    fn the_strategy_names_what_is_missing_and_blocks_the_later_steps() {
        let states = step_states(&tender(), &[], &Progress::default(), &[]);
        assert_eq!(states.len(), 7);
        assert_eq!(states[0].status, StepStatus::InProgress);
        assert_eq!(states[0].missing, ["reference", "cpv_codes", "estimated_value", "bid_deadline", "lots"]);
        assert_eq!((states[1].status, states[1].waits_for), (StepStatus::Blocked, Some(Step::Strategy)));
        assert_eq!(states[6].waits_for, Some(Step::Result));
    }

    #[test]
    fn a_complete_strategy_opens_the_requirements() {
        let mut t = tender();
        t.reference = "R-1".into();
        t.cpv_codes = vec!["33112200-0".into()];
        t.estimated_value = Some(Decimal::new(100, 0));
        t.bid_deadline = NaiveDate::from_ymd_opt(2026, 11, 22);
        let lot = Lot { id: 1, number: 1, title: "L".into(), description: String::new(), estimated_value: None };
        let open = step_states(&t, std::slice::from_ref(&lot), &Progress::default(), &["objectives".into()]);
        assert_eq!(
            (open[0].status, open[0].missing.as_slice()),
            (StepStatus::InProgress, ["strategy.objectives".into()].as_slice())
        );
        let states = step_states(&t, std::slice::from_ref(&lot), &Progress::default(), &[]);
        assert_eq!(states[0].status, StepStatus::Done);
        assert_eq!((states[1].status, states[1].waits_for), (StepStatus::NotStarted, None));
        assert_eq!((states[2].status, states[2].waits_for), (StepStatus::Blocked, Some(Step::Requirements)));
    }

    #[test]
    fn each_later_step_follows_what_the_file_holds() {
        let lot = Lot { id: 1, number: 1, title: "L".into(), description: String::new(), estimated_value: None };
        let statuses = |progress: Progress| -> Vec<StepStatus> {
            step_states(&tender(), std::slice::from_ref(&lot), &progress, &[]).iter().map(|s| s.status).collect()
        };
        use StepStatus::*;
        // Metadata still missing, but a model being built is in progress, not blocked.
        let building = Progress { requirements: 3, models_started: 1, ..Progress::default() };
        assert_eq!(statuses(building), [InProgress, InProgress, InProgress, Blocked, Blocked, Blocked, Blocked]);
        // Published, bids in, scoring under way.
        let scoring = Progress {
            requirements: 3,
            models_started: 1,
            models_locked: 1,
            bids: 2,
            scores: 4,
            scores_missing: 2,
            lots_sealed: 1,
        };
        assert_eq!(statuses(scoring), [InProgress, Done, Done, Done, InProgress, Blocked, Blocked]);
        // Every score given but the prices still sealed: the result waits for them to be opened.
        let sealed = Progress { scores_missing: 0, ..scoring };
        assert_eq!(statuses(sealed), [InProgress, Done, Done, Done, Done, InProgress, Blocked]);
        // The prices opened: the result is there, and the report is the next thing to do.
        let scored = Progress { lots_sealed: 0, ..sealed };
        assert_eq!(statuses(scored), [InProgress, Done, Done, Done, Done, Done, NotStarted]);
    }
}
