//! A requirement in the tender's specification: the tender's own copy, never a live link to a catalogue.

use crate::locale::Said;
use serde::{Deserialize, Serialize};

/// Minimum requirements are pass/fail, award requirements are scored, information requirements are asked
/// but neither gate nor score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    Minimum,
    Award,
    Information,
}

impl RequirementKind {
    pub fn code(self) -> &'static str {
        match self {
            RequirementKind::Minimum => "minimum",
            RequirementKind::Award => "award",
            RequirementKind::Information => "information",
        }
    }

    pub fn from_code(code: &str) -> Option<RequirementKind> {
        [RequirementKind::Minimum, RequirementKind::Award, RequirementKind::Information]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// The texts and provenance of a requirement, as added to a tender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementText {
    /// The tender's id for the requirement within its lot, such as "K-012"; bidders quote it.
    pub code: String,
    pub kind: RequirementKind,
    pub title_da: String,
    pub title_en: String,
    pub text_da: String,
    pub text_en: String,
    pub evidence: String,
    pub area: String,
    pub source: String,
    /// The catalogue template and version it was copied from, if any.
    pub template_id: Option<String>,
    pub catalogue_version: Option<String>,
    /// The template parameters filled in when it was added, as a JSON object.
    pub parameters: String,
}

/// A requirement of a lot as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub id: i64,
    pub lot_id: i64,
    pub position: i64,
    #[serde(flatten)]
    pub text: RequirementText,
    /// The code of the sub-criterion an award requirement is scored under.
    pub criterion: Option<String>,
    /// Its weight among the requirements of that sub-criterion, as a decimal string.
    pub weight: String,
    /// The announced scoring function of a measured award requirement, as JSON.
    pub measure: Option<String>,
}

impl RequirementText {
    /// Checks what a consultant must always give: an id, and a title and text in both languages.
    pub fn validate(&self) -> Result<(), Said> {
        let code = self.code.trim();
        if code.is_empty() {
            return Err(Said::new("A requirement needs an id.", "Et krav skal have et id."));
        }
        for (en, da, value) in [
            ("Danish title", "dansk titel", &self.title_da),
            ("English title", "engelsk titel", &self.title_en),
            ("Danish text", "dansk tekst", &self.text_da),
            ("English text", "engelsk tekst", &self.text_en),
        ] {
            if value.trim().is_empty() {
                return Err(Said::new(
                    format!("Requirement {code} needs a {en}."),
                    format!("Krav {code} skal have en {da}."),
                ));
            }
        }
        if serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&self.parameters).is_err() {
            return Err(Said::new(
                format!("Requirement {code}: the parameters must be a JSON object."),
                format!("Krav {code}: parametrene skal være et JSON-objekt."),
            ));
        }
        Ok(())
    }
}
