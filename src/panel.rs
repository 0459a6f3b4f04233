//! The evaluation panel: evaluators, their declarations of conflict of interest, and their scores.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An evaluator's declaration under Udbudsloven § 4. Without one, the evaluator may not score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Declaration {
    NoConflict,
    Conflict { description: String, measure: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluator {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub declaration: Option<Declaration>,
    pub declared_at: Option<String>,
}

/// One evaluator's score of one award requirement for one bid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndividualScore {
    pub evaluator: String,
    pub requirement_code: String,
    pub bidder: String,
    pub points: Decimal,
    pub comment: String,
}

/// The panel's agreed score with its written reason; the engine uses these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsensusScore {
    pub requirement_code: String,
    pub bidder: String,
    pub points: Decimal,
    pub justification: String,
}
