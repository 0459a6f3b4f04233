//! The evaluation panel across IPC: registering evaluators and their declarations of conflict of interest
//! (Udbudsloven § 4), which the core requires before an evaluator's scores can be entered.

use crate::ipc::IpcError;
use crate::session::Session;
use serde::{Deserialize, Serialize};
use tenderbench::panel::{Declaration, Evaluator};
use tenderbench::store::TenderFile;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PanelMember {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub declaration: DeclarationView,
    pub declared_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DeclarationView {
    /// Not declared yet: the evaluator may not score.
    Missing,
    NoConflict,
    Conflict {
        description: String,
        measure: String,
    },
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct AddEvaluatorRequest {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct DeclareRequest {
    pub evaluator_id: i64,
    /// `missing` is refused: a declaration cannot be withdrawn, only replaced.
    pub declaration: DeclarationView,
}

impl From<Evaluator> for PanelMember {
    fn from(e: Evaluator) -> Self {
        PanelMember {
            id: e.id,
            name: e.name,
            role: e.role,
            declaration: match e.declaration {
                None => DeclarationView::Missing,
                Some(Declaration::NoConflict) => DeclarationView::NoConflict,
                Some(Declaration::Conflict { description, measure }) => {
                    DeclarationView::Conflict { description, measure }
                }
            },
            declared_at: e.declared_at,
        }
    }
}

fn members(file: &TenderFile) -> Result<Vec<PanelMember>, IpcError> {
    Ok(file.evaluators()?.into_iter().map(PanelMember::from).collect())
}

impl Session {
    pub fn panel(&self) -> Result<Vec<PanelMember>, IpcError> {
        self.with_open(|file, _| members(file))
    }

    pub fn add_evaluator(&self, request: &AddEvaluatorRequest) -> Result<Vec<PanelMember>, IpcError> {
        self.with_open(|file, stamp| {
            file.add_evaluator(&stamp, &request.name, &request.role)?;
            members(file)
        })
    }

    pub fn declare(&self, request: &DeclareRequest) -> Result<Vec<PanelMember>, IpcError> {
        let declaration = match &request.declaration {
            DeclarationView::Missing => {
                return Err(IpcError::invalid(
                    "Choose whether the evaluator has a conflict of interest.",
                    "Vælg, om bedømmeren er inhabil eller ej.",
                ));
            }
            DeclarationView::NoConflict => Declaration::NoConflict,
            DeclarationView::Conflict { description, measure } => {
                Declaration::Conflict { description: description.clone(), measure: measure.clone() }
            }
        };
        self.with_open(|file, stamp| {
            file.declare(&stamp, request.evaluator_id, &declaration)?;
            members(file)
        })
    }
}
