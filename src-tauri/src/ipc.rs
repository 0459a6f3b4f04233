//! The types that cross the IPC boundary. Their TypeScript twins in `ui/src/bindings/` are generated from
//! these definitions (see the `bindings` test), so the UI cannot drift from the app unnoticed.
//!
//! The core's enums are mirrored here rather than given TypeScript derives in the core: the core stays free of
//! anything the shell needs, and the exhaustive `From` matches below stop compiling when the core gains a
//! variant, so a mirror cannot fall behind.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use tenderbench::error::ErrorCode as CoreCode;
use tenderbench::evaluation::Problem;
use tenderbench::locale::Said;
use tenderbench::store::StoreError;
use tenderbench::tender as core;
use ts_rs::TS;

/// What kind of failure a command met; the UI branches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    NotFound,
    FileTooNew,
    NotATenderFile,
    Locked,
    ImportRejected,
    NeedsConfirmation,
    Internal,
}

impl From<CoreCode> for ErrorCode {
    fn from(code: CoreCode) -> Self {
        match code {
            CoreCode::Validation => ErrorCode::Validation,
            CoreCode::NotFound => ErrorCode::NotFound,
            CoreCode::FileTooNew => ErrorCode::FileTooNew,
            CoreCode::NotATenderFile => ErrorCode::NotATenderFile,
            CoreCode::Locked => ErrorCode::Locked,
            CoreCode::ImportRejected => ErrorCode::ImportRejected,
            CoreCode::NeedsConfirmation => ErrorCode::NeedsConfirmation,
            CoreCode::Internal => ErrorCode::Internal,
        }
    }
}

/// Every command fails with this. The message is the core's explanation in Danish and English, shown in
/// the window's language as detail next to the UI's own wording for the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message_da: String,
    pub message_en: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: Said) -> Self {
        IpcError { code, message_da: message.da, message_en: message.en }
    }

    /// A request the app refuses before the core sees it.
    pub fn invalid(en: impl Into<String>, da: impl Into<String>) -> Self {
        IpcError::new(ErrorCode::Validation, Said::new(en, da))
    }

    /// A failure of the app itself, such as a window that could not be opened; what Tauri or the
    /// operating system said is quoted as it came, in English.
    pub fn internal(e: impl std::fmt::Display) -> Self {
        IpcError::new(ErrorCode::Internal, Said::new(e.to_string(), format!("Der opstod en intern fejl: {e}")))
    }
}

/// Reads a number as the consultant typed it, with a decimal comma or point; `en` and `da` name the field
/// in the refusal.
pub fn typed_number(text: &str, en: &str, da: &str) -> Result<Decimal, IpcError> {
    let trimmed = text.trim();
    Decimal::from_str(&trimmed.replace(',', ".")).map_err(|_| {
        IpcError::invalid(format!("{en}: '{trimmed}' is not a number."), format!("{da}: '{trimmed}' er ikke et tal."))
    })
}

/// The engine refuses only a model or bids it cannot evaluate, and says which criterion or bid.
impl From<tenderbench::evaluation::EvaluationError> for IpcError {
    fn from(e: tenderbench::evaluation::EvaluationError) -> Self {
        IpcError::new(ErrorCode::Validation, e.said())
    }
}

impl From<tenderbench::ocds::OcdsError> for IpcError {
    fn from(e: tenderbench::ocds::OcdsError) -> Self {
        IpcError::new(e.code().into(), e.said())
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        IpcError::new(e.code().into(), e.said())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
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

impl From<core::Procedure> for Procedure {
    fn from(p: core::Procedure) -> Self {
        match p {
            core::Procedure::Open => Procedure::Open,
            core::Procedure::Restricted => Procedure::Restricted,
            core::Procedure::CompetitiveNegotiation => Procedure::CompetitiveNegotiation,
            core::Procedure::CompetitiveDialogue => Procedure::CompetitiveDialogue,
            core::Procedure::InnovationPartnership => Procedure::InnovationPartnership,
            core::Procedure::NegotiatedWithoutNotice => Procedure::NegotiatedWithoutNotice,
            core::Procedure::MiniCompetition => Procedure::MiniCompetition,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
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
}

impl From<TenderField> for core::TenderField {
    fn from(f: TenderField) -> Self {
        match f {
            TenderField::Title => core::TenderField::Title,
            TenderField::Reference => core::TenderField::Reference,
            TenderField::Authority => core::TenderField::Authority,
            TenderField::Procedure => core::TenderField::Procedure,
            TenderField::CpvCodes => core::TenderField::CpvCodes,
            TenderField::Currency => core::TenderField::Currency,
            TenderField::EstimatedValue => core::TenderField::EstimatedValue,
            TenderField::PublishedOn => core::TenderField::PublishedOn,
            TenderField::BidDeadline => core::TenderField::BidDeadline,
            TenderField::AwardDate => core::TenderField::AwardDate,
            TenderField::StandstillEnds => core::TenderField::StandstillEnds,
            TenderField::TieBreak => core::TenderField::TieBreak,
            TenderField::OcidPrefix => core::TenderField::OcidPrefix,
            TenderField::NoticesSentOn => core::TenderField::NoticesSentOn,
            TenderField::NoticesSentBy => core::TenderField::NoticesSentBy,
            TenderField::AuthorityAddress => core::TenderField::AuthorityAddress,
            TenderField::AbnormallyLowShare => core::TenderField::AbnormallyLowShare,
            TenderField::RecommendedBy => core::TenderField::RecommendedBy,
            TenderField::RecommendedOn => core::TenderField::RecommendedOn,
            TenderField::DecisionMaker => core::TenderField::DecisionMaker,
            TenderField::TieBreakRule => core::TenderField::TieBreakRule,
            TenderField::ProcedureJustification => core::TenderField::ProcedureJustification,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LotField {
    Title,
    Description,
    EstimatedValue,
}

impl LotField {
    /// The field's name as the core knows it.
    pub fn column(self) -> &'static str {
        match self {
            LotField::Title => "title",
            LotField::Description => "description",
            LotField::EstimatedValue => "estimated_value",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
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

impl From<core::Step> for Step {
    fn from(s: core::Step) -> Self {
        match s {
            core::Step::Strategy => Step::Strategy,
            core::Step::Requirements => Step::Requirements,
            core::Step::EvaluationModel => Step::EvaluationModel,
            core::Step::Bids => Step::Bids,
            core::Step::Scoring => Step::Scoring,
            core::Step::Result => Step::Result,
            core::Step::Report => Step::Report,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Done,
    Blocked,
}

impl From<core::StepStatus> for StepStatus {
    fn from(s: core::StepStatus) -> Self {
        match s {
            core::StepStatus::NotStarted => StepStatus::NotStarted,
            core::StepStatus::InProgress => StepStatus::InProgress,
            core::StepStatus::Done => StepStatus::Done,
            core::StepStatus::Blocked => StepStatus::Blocked,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepView {
    pub step: Step,
    pub status: StepStatus,
    pub waits_for: Option<Step>,
    /// Field names of the tender still to fill in, and "lots" when there is none.
    pub missing: Vec<String>,
}

/// One of the engine's problems with a model or its bids, in both languages; the UI shows the one it speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProblemView {
    pub message_da: String,
    pub message_en: String,
}

impl ProblemView {
    pub fn all(problems: &[Problem]) -> Vec<ProblemView> {
        problems
            .iter()
            .map(|p| ProblemView { message_da: p.message_da.clone(), message_en: p.message_en.clone() })
            .collect()
    }
}

/// Amounts travel as decimal strings ("1250000.5") and dates as ISO dates ("2026-11-22"), so no value is
/// rounded through a JavaScript number; the UI formats them for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LotView {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub description: String,
    pub estimated_value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TenderView {
    pub path: String,
    pub title: String,
    pub reference: String,
    pub authority: String,
    pub procedure: Procedure,
    pub cpv_codes: Vec<String>,
    pub currency: String,
    pub estimated_value: Option<String>,
    pub published_on: Option<String>,
    pub bid_deadline: Option<String>,
    pub award_date: Option<String>,
    pub standstill_ends: Option<String>,
    pub ocid_prefix: String,
    pub notices_sent_on: Option<String>,
    /// "electronic" or "letter", as the tender field takes it.
    pub notices_sent_by: String,
    pub authority_address: String,
    /// The per-cent share below the others' mean price at which a bid is flagged as possibly abnormally low;
    /// `null` while the tender keeps the default.
    pub abnormally_low_share: Option<String>,
    pub recommended_by: String,
    pub recommended_on: Option<String>,
    pub decision_maker: String,
    /// "none", "lowest_price", "highest_quality" or "draw", as the tender field takes it.
    pub tie_break_rule: String,
    pub procedure_justification: String,
    pub lots: Vec<LotView>,
    pub steps: Vec<StepView>,
}

impl TenderView {
    pub fn new(
        path: String,
        tender: core::Tender,
        lots: Vec<core::Lot>,
        progress: &core::Progress,
        strategy_open: &[String],
    ) -> Self {
        let steps = core::step_states(&tender, &lots, progress, strategy_open)
            .into_iter()
            .map(|s| StepView {
                step: s.step.into(),
                status: s.status.into(),
                waits_for: s.waits_for.map(Into::into),
                missing: s.missing,
            })
            .collect();
        let text = |v: Option<_>| v.map(|v: chrono::NaiveDate| v.to_string());
        TenderView {
            path,
            title: tender.title,
            reference: tender.reference,
            authority: tender.authority,
            procedure: tender.procedure.into(),
            cpv_codes: tender.cpv_codes,
            currency: tender.currency,
            estimated_value: tender.estimated_value.map(|d| d.to_string()),
            published_on: text(tender.published_on),
            bid_deadline: text(tender.bid_deadline),
            award_date: text(tender.award_date),
            standstill_ends: text(tender.standstill_ends),
            ocid_prefix: tender.ocid_prefix,
            notices_sent_on: text(tender.notices_sent_on),
            notices_sent_by: tender.notices_sent_by.code().to_owned(),
            authority_address: tender.settings.authority_address,
            abnormally_low_share: tender.settings.abnormally_low_share.map(|d| d.to_string()),
            recommended_by: tender.settings.recommended_by,
            recommended_on: text(tender.settings.recommended_on),
            decision_maker: tender.settings.decision_maker,
            tie_break_rule: tender.settings.tie_break_rule.code().to_owned(),
            procedure_justification: tender.settings.procedure_justification,
            lots: lots
                .into_iter()
                .map(|l| LotView {
                    id: l.id,
                    number: l.number,
                    title: l.title,
                    description: l.description,
                    estimated_value: l.estimated_value.map(|d| d.to_string()),
                })
                .collect(),
            steps,
        }
    }
}

/// A tender file opened before, for the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecentTender {
    pub path: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CreateTenderRequest {
    pub path: String,
    pub title: String,
    pub authority: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OpenTenderRequest {
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetTenderFieldRequest {
    pub field: TenderField,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddLotRequest {
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetLotFieldRequest {
    pub lot_id: i64,
    pub field: LotField,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RemoveLotRequest {
    pub lot_id: i64,
}
