//! The requirements step across IPC: the catalogue browser (search, preview, add with parameters, save to a
//! personal catalogue) and a lot's requirement list (edit, kind, order, sub-criterion, delete with undo).

use crate::ipc::{ErrorCode, IpcError};
use crate::session::Session;
use crate::strategy::Kind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tenderbench::catalogue::{self, Catalogue, CatalogueError, Category, Filter, Template};
use tenderbench::evaluation::Criterion;
use tenderbench::locale::Said;
use tenderbench::requirement::Requirement;
use tenderbench::store::{RemovedRequirement, TenderFile};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ParameterView {
    pub name: String,
    pub default: String,
    /// A numeric parameter takes a decimal number; any other takes a text.
    pub numeric: bool,
}

/// A catalogue template. Area, categories, track and evidence are the catalogue's codes, which the UI words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TemplateView {
    pub id: String,
    pub kind: Kind,
    pub area: String,
    pub requirement_type: Option<String>,
    pub track: Option<String>,
    pub categories: Vec<String>,
    pub evidence: Vec<String>,
    pub source: String,
    pub title_da: String,
    pub title_en: String,
    pub text_da: String,
    pub text_en: String,
    pub parameters: Vec<ParameterView>,
}

impl TemplateView {
    fn new(t: &Template) -> Self {
        TemplateView {
            id: t.id.clone(),
            kind: t.kind.into(),
            area: catalogue::code_of(&t.area),
            requirement_type: t.requirement_type.clone(),
            track: t.track.as_ref().map(catalogue::code_of),
            categories: t.categories.iter().map(catalogue::code_of).collect(),
            evidence: t.evidence.iter().map(catalogue::code_of).collect(),
            source: t.source.clone(),
            title_da: t.title_da.clone(),
            title_en: t.title_en.clone(),
            text_da: t.text_da.clone(),
            text_en: t.text_en.clone(),
            parameters: t
                .parameters
                .iter()
                .map(|(name, value)| ParameterView {
                    name: name.clone(),
                    default: match value {
                        serde_json::Value::String(text) => text.clone(),
                        other => other.to_string(),
                    },
                    numeric: value.is_number(),
                })
                .collect(),
        }
    }
}

/// A search of the built-in catalogue, or of a personal catalogue file when `catalogue_path` is given.
/// Empty filter codes match everything.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct CatalogueRequest {
    pub text: String,
    pub area: Option<String>,
    pub kind: Option<Kind>,
    pub category: Option<String>,
    pub track: Option<String>,
    pub catalogue_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CatalogueView {
    pub name: String,
    pub version: String,
    /// How many templates the catalogue holds, of which `templates` matched.
    pub total: u32,
    pub templates: Vec<TemplateView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RequirementView {
    pub id: i64,
    pub position: i64,
    pub code: String,
    pub kind: Kind,
    pub title_da: String,
    pub title_en: String,
    pub text_da: String,
    pub text_en: String,
    pub evidence: String,
    pub area: String,
    pub source: String,
    pub template_id: Option<String>,
    pub catalogue_version: Option<String>,
    pub criterion: Option<String>,
}

impl RequirementView {
    fn new(r: Requirement) -> Self {
        RequirementView {
            id: r.id,
            position: r.position,
            code: r.text.code,
            kind: r.text.kind.into(),
            title_da: r.text.title_da,
            title_en: r.text.title_en,
            text_da: r.text.text_da,
            text_en: r.text.text_en,
            evidence: r.text.evidence,
            area: r.text.area,
            source: r.text.source,
            template_id: r.text.template_id,
            catalogue_version: r.text.catalogue_version,
            criterion: r.criterion,
        }
    }
}

/// A sub-criterion of the lot's evaluation model that requirements are scored under.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SubCriterionView {
    pub code: String,
    /// The names from the top level down, such as "Kvalitet › Billedkvalitet".
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RequirementsView {
    pub lot_id: i64,
    pub requirements: Vec<RequirementView>,
    pub criteria: Vec<SubCriterionView>,
    /// The code and Danish title of the requirement last deleted in this lot, while it can be restored.
    pub undo: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct ParameterValue {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct AddTemplateRequest {
    pub lot_id: i64,
    pub template_id: String,
    pub parameters: Vec<ParameterValue>,
    pub catalogue_path: Option<String>,
}

/// The tender's own copy of a requirement's texts and its kind.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct UpdateRequirementRequest {
    pub lot_id: i64,
    pub id: i64,
    pub kind: Kind,
    pub title_da: String,
    pub title_en: String,
    pub text_da: String,
    pub text_en: String,
}

/// Moves a requirement to a 1-based position in its lot.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct MoveRequirementRequest {
    pub lot_id: i64,
    pub id: i64,
    pub position: i64,
}

/// Puts a requirement under a sub-criterion, or with `null` takes it out of the model.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct AssignRequirementRequest {
    pub lot_id: i64,
    pub id: i64,
    pub criterion: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct RequirementRequest {
    pub lot_id: i64,
    pub id: i64,
}

/// Saves a requirement of the tender as a template of a personal catalogue file, created if missing.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct SaveToCatalogueRequest {
    pub lot_id: i64,
    pub id: i64,
    pub path: String,
    pub template_id: String,
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SavedToCatalogue {
    pub path: String,
    pub name: String,
    pub version: String,
    pub templates: u32,
}

/// A requirement deleted in this session, with the file it was deleted from, so undo never restores it
/// into another tender.
pub(crate) type Removed = Option<(PathBuf, RemovedRequirement)>;

fn catalogue_error(e: CatalogueError) -> IpcError {
    IpcError::new(e.code().into(), e.said())
}

fn chosen_catalogue(path: Option<&str>) -> Result<Catalogue, IpcError> {
    match path.map(str::trim).filter(|p| !p.is_empty()) {
        Some(path) => Catalogue::load(Path::new(path)).map_err(catalogue_error),
        None => Ok(Catalogue::builtin().clone()),
    }
}

/// Reads an optional catalogue code; `en` and `da` name what kind of code it is in the refusal.
fn code<T: serde::de::DeserializeOwned>(en: &str, da: &str, value: &Option<String>) -> Result<Option<T>, IpcError> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => catalogue::parse_code(v).map(Some).ok_or_else(|| {
            IpcError::invalid(format!("'{v}' is not a known {en}."), format!("'{v}' er ikke en kendt {da}."))
        }),
    }
}

fn leaves(criteria: &[Criterion], path: &str, out: &mut Vec<SubCriterionView>) {
    for c in criteria {
        let name = if c.name.is_empty() { c.id.clone() } else { c.name.clone() };
        let here = if path.is_empty() { name } else { format!("{path} › {name}") };
        if !c.children.is_empty() {
            leaves(&c.children, &here, out);
        } else if c.price.is_none() && c.measure.is_none() && !path.is_empty() {
            out.push(SubCriterionView { code: c.id.clone(), path: here });
        }
    }
}

fn find(file: &TenderFile, lot_id: i64, id: i64) -> Result<Requirement, IpcError> {
    file.requirements(lot_id)?.into_iter().find(|r| r.id == id).ok_or_else(|| {
        IpcError::new(
            ErrorCode::NotFound,
            Said::new(format!("The lot has no requirement {id}."), format!("Delaftalen har intet krav {id}.")),
        )
    })
}

impl Session {
    fn requirements_view(&self, file: &TenderFile, lot_id: i64) -> Result<RequirementsView, IpcError> {
        let mut criteria = Vec::new();
        leaves(&file.evaluation_input(lot_id)?.criteria, "", &mut criteria);
        let removed = self.removed()?;
        let undo = removed
            .as_ref()
            .map(|(path, removed)| (path, &removed.requirement))
            .filter(|(path, r)| path.as_path() == file.path() && r.lot_id == lot_id)
            .map(|(_, r)| format!("{} {}", r.text.code, r.text.title_da));
        Ok(RequirementsView {
            lot_id,
            requirements: file.requirements(lot_id)?.into_iter().map(RequirementView::new).collect(),
            criteria,
            undo,
        })
    }

    pub fn search_catalogue(&self, request: &CatalogueRequest) -> Result<CatalogueView, IpcError> {
        let catalogue = chosen_catalogue(request.catalogue_path.as_deref())?;
        let filter = Filter {
            text: request.text.clone(),
            area: code("area", "område", &request.area)?,
            kind: request.kind.map(Into::into),
            category: code("category", "kategori", &request.category)?,
            track: code("climate track", "klimaspor", &request.track)?,
        };
        Ok(CatalogueView {
            name: catalogue.name.clone(),
            version: catalogue.version.clone(),
            total: catalogue.templates.len() as u32,
            templates: catalogue.search(&filter).into_iter().map(TemplateView::new).collect(),
        })
    }

    pub fn requirements(&self, lot_id: i64) -> Result<RequirementsView, IpcError> {
        self.with_open(|file, _| self.requirements_view(file, lot_id))
    }

    /// Fills a template with the given parameter values into the lot under its next code.
    pub fn add_template(&self, request: &AddTemplateRequest) -> Result<RequirementsView, IpcError> {
        let catalogue = chosen_catalogue(request.catalogue_path.as_deref())?;
        let values: BTreeMap<String, String> =
            request.parameters.iter().map(|p| (p.name.clone(), p.value.clone())).collect();
        self.with_open(|file, stamp| {
            catalogue::add_to_lot(file, &stamp, request.lot_id, &catalogue, &request.template_id, &values)
                .map_err(catalogue_error)?;
            self.requirements_view(file, request.lot_id)
        })
    }

    pub fn update_requirement(&self, request: &UpdateRequirementRequest) -> Result<RequirementsView, IpcError> {
        self.with_open(|file, stamp| {
            let mut text = find(file, request.lot_id, request.id)?.text;
            text.kind = request.kind.into();
            text.title_da = request.title_da.trim().to_owned();
            text.title_en = request.title_en.trim().to_owned();
            text.text_da = request.text_da.trim().to_owned();
            text.text_en = request.text_en.trim().to_owned();
            file.update_requirement(&stamp, request.id, &text)?;
            self.requirements_view(file, request.lot_id)
        })
    }

    pub fn move_requirement(&self, request: &MoveRequirementRequest) -> Result<RequirementsView, IpcError> {
        self.with_open(|file, stamp| {
            find(file, request.lot_id, request.id)?;
            file.move_requirement(&stamp, request.id, request.position)?;
            self.requirements_view(file, request.lot_id)
        })
    }

    /// Changes only the sub-criterion; the requirement's weight and measured scoring stay as they are.
    pub fn assign_requirement(&self, request: &AssignRequirementRequest) -> Result<RequirementsView, IpcError> {
        self.with_open(|file, stamp| {
            let old = find(file, request.lot_id, request.id)?;
            let criterion = request.criterion.as_deref().filter(|c| !c.is_empty());
            file.assign_requirement(&stamp, request.id, criterion, &old.weight, old.measure.as_deref())?;
            self.requirements_view(file, request.lot_id)
        })
    }

    /// Deletes a requirement with its answers and scores (audited) and keeps all of it so that
    /// [`Session::undo_remove_requirement`] can put it back.
    pub fn remove_requirement(&self, request: &RequirementRequest) -> Result<RequirementsView, IpcError> {
        self.with_open(|file, stamp| {
            find(file, request.lot_id, request.id)?;
            let removed = file.delete_requirement(&stamp, request.id)?;
            *self.removed()? = Some((file.path().to_owned(), removed));
            self.requirements_view(file, request.lot_id)
        })
    }

    /// Restores the requirement last deleted in this lot, in one audited transaction of the store: its
    /// texts, code and provenance at its old place, under its old sub-criterion, with its answers and scores.
    pub fn undo_remove_requirement(&self, lot_id: i64) -> Result<RequirementsView, IpcError> {
        self.with_open(|file, stamp| {
            let mut removed = self.removed()?;
            let taken = match removed.take() {
                Some((path, taken)) if path == file.path() && taken.requirement.lot_id == lot_id => taken,
                other => {
                    *removed = other;
                    return Err(IpcError::new(
                        ErrorCode::NotFound,
                        Said::new(
                            "There is no deleted requirement to restore.",
                            "Der er intet slettet krav at gendanne.",
                        ),
                    ));
                }
            };
            drop(removed);
            if let Err(refused) = file.restore_requirement(&stamp, &taken) {
                // Nothing was restored, so the delete can still be undone once the obstacle is gone.
                *self.removed()? = Some((file.path().to_owned(), taken));
                return Err(refused.into());
            }
            self.requirements_view(file, lot_id)
        })
    }

    pub fn save_to_catalogue(&self, request: &SaveToCatalogueRequest) -> Result<SavedToCatalogue, IpcError> {
        let categories = request
            .categories
            .iter()
            .map(|c| {
                code::<Category>("category", "kategori", &Some(c.clone()))?
                    .ok_or_else(|| IpcError::invalid("A category is empty.", "En kategori er tom."))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let path = PathBuf::from(request.path.trim());
        if request.path.trim().is_empty() {
            return Err(IpcError::invalid(
                "Choose the catalogue file to save to.",
                "Vælg den katalogfil, der skal gemmes i.",
            ));
        }
        // The dialog on Linux does not add the extension its filter shows.
        let path = if path.extension().is_none() { path.with_extension("json") } else { path };
        let text = self.with_open(|file, _| Ok(find(file, request.lot_id, request.id)?.text))?;
        let mut personal = if path.exists() {
            Catalogue::load(&path).map_err(catalogue_error)?
        } else {
            Catalogue::personal("Mit katalog")
        };
        let template = Template::from_requirement(&request.template_id, &text, categories).map_err(catalogue_error)?;
        personal.put(vec![template]);
        personal.save(&path).map_err(catalogue_error)?;
        Ok(SavedToCatalogue {
            path: path.display().to_string(),
            name: personal.name.clone(),
            version: personal.version.clone(),
            templates: personal.templates.len() as u32,
        })
    }
}
