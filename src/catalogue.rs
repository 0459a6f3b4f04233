//! Requirement catalogues: the built-in catalogue and a consultant's own ones, all in one JSON format with
//! a version, plus their .xlsx form (see [`xlsx`]).
//!
//! A template is filled into a tender as a [`RequirementText`] that keeps the template id and the catalogue
//! version: the tender holds a copy, so later edits to a catalogue never change a tender.
//!
//! Templates may have parameters with defaults, such as `{"years": 7}`, written as `{years}` in the texts.
//! Numeric defaults take decimal numbers only; text defaults take any text.

pub mod xlsx;

use crate::audit::Stamp;
use crate::error::ErrorCode;
use crate::locale::Said;
use crate::requirement::{Requirement, RequirementKind, RequirementText};
use crate::store::{StoreError, TenderFile};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;

const BUILTIN_JSON: &str = include_str!("../assets/catalogue/catalogue.json");

/// The 13 requirement types of Region Syddanmark's table of requirement options (seed 003, table 2).
pub const REQUIREMENT_TYPES: [&str; 13] = [
    "transport",
    "production",
    "materials",
    "packaging",
    "use_phase",
    "repair",
    "upgrade",
    "resale",
    "disassembly",
    "disposal",
    "proprietary_consumables",
    "life_extension",
    "optimised_use",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Quality,
    Tco,
    GreenMinimum,
    GreenAward,
    Repairability,
    TakeBack,
    SupplySecurity,
    Packaging,
    Transport,
    UsePhase,
    Documentation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    MedicalTechnical,
    It,
    ClinicalConsumables,
    Services,
}

/// The reduction tracks of the regions' climate model that concern the supply chain (seed 003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Track {
    /// Transport in the supply chain.
    C1,
    /// Energy used in production.
    C2,
    /// Everything else: materials, packaging, use, repair, end of life.
    C3,
}

/// What a bidder must hand in to show a requirement is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    DataSheet,
    Certificate,
    Declaration,
    TestReport,
    Documentation,
    PriceSheet,
    Sample,
}

impl Evidence {
    pub const ALL: [Evidence; 7] = [
        Evidence::DataSheet,
        Evidence::Certificate,
        Evidence::Declaration,
        Evidence::TestReport,
        Evidence::Documentation,
        Evidence::PriceSheet,
        Evidence::Sample,
    ];

    pub fn label_da(self) -> &'static str {
        match self {
            Evidence::DataSheet => "datablad",
            Evidence::Certificate => "certifikat",
            Evidence::Declaration => "erklæring",
            Evidence::TestReport => "testrapport",
            Evidence::Documentation => "dokumentation",
            Evidence::PriceSheet => "prisbilag",
            Evidence::Sample => "vareprøve",
        }
    }
}

/// Whether more or less of a measured value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// A hint for scoring a measured award requirement: the value that earns no points, the value that earns
/// full points, and the unit the bidder states it in. The tender's evaluation model makes it binding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scoring {
    pub direction: Direction,
    pub worst: Decimal,
    pub best: Decimal,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub kind: RequirementKind,
    pub area: Area,
    /// The requirement type of seed 003 whose screening proposes this template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<Track>,
    pub categories: Vec<Category>,
    pub evidence: Vec<Evidence>,
    pub source: String,
    pub title_da: String,
    pub title_en: String,
    pub text_da: String,
    pub text_en: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<Scoring>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    pub name: String,
    pub version: String,
    pub templates: Vec<Template>,
}

/// A problem found in one row of an imported catalogue sheet. Rows and columns are as Excel shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    pub sheet: String,
    pub row: u32,
    /// The column letter and its heading, such as "C (area)".
    pub column: String,
    pub message: Said,
}

impl ImportProblem {
    /// The problem with its place, in both languages.
    pub fn said(&self) -> Said {
        let (sheet, row, column) = (&self.sheet, self.row, &self.column);
        Said::new(
            format!("sheet {sheet}, row {row}, column {column}: {}", self.message.en),
            format!("ark {sheet}, række {row}, kolonne {column}: {}", self.message.da),
        )
    }
}

/// Why a catalogue could not be read, written or used. `Display` is the English wording;
/// [`CatalogueError::said`] gives both.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("{}", Said::lines(.0))]
    Invalid(Vec<Said>),
    #[error("{}", self.said())]
    Rejected(Vec<ImportProblem>),
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String, missing: bool },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CatalogueError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CatalogueError::Invalid(_) => ErrorCode::Validation,
            CatalogueError::Rejected(_) => ErrorCode::ImportRejected,
            CatalogueError::File { missing: true, .. } => ErrorCode::NotFound,
            CatalogueError::File { .. } => ErrorCode::Internal,
            CatalogueError::Store(e) => e.code(),
        }
    }

    fn file(path: &Path, error: impl std::fmt::Display) -> CatalogueError {
        CatalogueError::File { path: path.to_owned(), message: error.to_string(), missing: !path.exists() }
    }

    fn invalid(en: impl Into<String>, da: impl Into<String>) -> CatalogueError {
        CatalogueError::Invalid(vec![Said::new(en, da)])
    }

    /// The error in English and Danish. What a file library said is quoted as it came, in English.
    pub fn said(&self) -> Said {
        match self {
            CatalogueError::Invalid(problems) => Said::lines(problems),
            CatalogueError::Rejected(problems) => {
                let lines = Said::lines(&problems.iter().map(ImportProblem::said).collect::<Vec<_>>());
                Said::new(
                    format!("nothing was imported:\n{}", lines.en),
                    format!("intet blev importeret:\n{}", lines.da),
                )
            }
            CatalogueError::File { path, message, missing: true } => Said::new(
                format!("{}: {message}", path.display()),
                format!("{}: filen findes ikke ({message}).", path.display()),
            ),
            CatalogueError::File { path, message, missing: false } => Said::new(
                format!("{}: {message}", path.display()),
                format!("{}: filen kunne ikke læses eller skrives ({message}).", path.display()),
            ),
            CatalogueError::Store(e) => e.said(),
        }
    }
}

pub type Result<T> = std::result::Result<T, CatalogueError>;

/// The code of an enum value as written in the JSON and xlsx files, such as "green_minimum".
pub fn code_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(code)) => code,
        _ => String::new(),
    }
}

/// Parses the code of an enum value, such as "green_minimum" for [`Area::GreenMinimum`].
pub fn parse_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(Value::String(code.trim().to_owned())).ok()
}

/// The names in `{name}` placeholders of a text, in order of appearance.
fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        if let Some(end) = rest.find('}') {
            let name = &rest[..end];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                names.push(name);
            }
        }
    }
    names
}

/// The text a parameter value takes in a requirement text.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

impl Template {
    /// What is wrong with the template, each as (field, message), so a sheet import can name the column.
    pub fn problems(&self) -> Vec<(&'static str, Said)> {
        let mut problems = Vec::new();
        for (field, value) in [
            ("id", &self.id),
            ("title_da", &self.title_da),
            ("title_en", &self.title_en),
            ("text_da", &self.text_da),
            ("text_en", &self.text_en),
            ("source", &self.source),
        ] {
            if value.trim().is_empty() {
                problems.push((field, Said::new(format!("{field} is empty."), format!("{field} er tom."))));
            }
        }
        if self.id.trim() != self.id || self.id.contains(char::is_whitespace) {
            problems.push((
                "id",
                Said::new(
                    format!("The id '{}' must not contain spaces.", self.id),
                    format!("Id'et '{}' må ikke indeholde mellemrum.", self.id),
                ),
            ));
        }
        if self.categories.is_empty() {
            problems.push((
                "categories",
                Said::new("At least one category is needed.", "Der skal være mindst én kategori."),
            ));
        }
        if self.evidence.is_empty() {
            problems.push((
                "evidence",
                Said::new(
                    "The evidence the bidder must hand in is missing.",
                    "Den dokumentation, tilbudsgiveren skal aflevere, mangler.",
                ),
            ));
        }
        if let Some(kind) = &self.requirement_type
            && !REQUIREMENT_TYPES.contains(&kind.as_str())
        {
            problems.push((
                "requirement_type",
                Said::new(
                    format!("'{kind}' is not a requirement type of seed 003."),
                    format!("'{kind}' er ikke en kravtype fra seed 003."),
                ),
            ));
        }
        for (field, text) in [("text_da", &self.text_da), ("text_en", &self.text_en)] {
            for name in placeholders(text) {
                if !self.parameters.contains_key(name) {
                    problems.push((
                        field,
                        Said::new(
                            format!("The placeholder {{{name}}} has no parameter."),
                            format!("Pladsholderen {{{name}}} har ingen parameter."),
                        ),
                    ));
                }
            }
        }
        for (name, value) in &self.parameters {
            if !placeholders(&self.text_da).contains(&name.as_str())
                || !placeholders(&self.text_en).contains(&name.as_str())
            {
                problems.push((
                    "parameters",
                    Said::new(
                        format!("The parameter {name} is not used in both texts."),
                        format!("Parameteren {name} bruges ikke i begge tekster."),
                    ),
                ));
            }
            let sound = match value {
                Value::String(_) => true,
                Value::Number(n) => Decimal::from_str(&n.to_string()).is_ok(),
                _ => false,
            };
            if !sound {
                problems.push((
                    "parameters",
                    Said::new(
                        format!("The parameter {name} must default to a number or a text."),
                        format!("Parameteren {name} skal have et tal eller en tekst som standardværdi."),
                    ),
                ));
            }
        }
        if let Some(scoring) = &self.scoring {
            if self.kind != RequirementKind::Award {
                problems.push((
                    "scoring_direction",
                    Said::new("Only an award requirement is scored.", "Kun et tildelingskrav gives point."),
                ));
            }
            let ordered = match scoring.direction {
                Direction::HigherIsBetter => scoring.best > scoring.worst,
                Direction::LowerIsBetter => scoring.best < scoring.worst,
            };
            if !ordered {
                problems.push((
                    "scoring_best",
                    Said::new(
                        "The best value must be better than the worst in the direction given.",
                        "Den bedste værdi skal være bedre end den dårligste i den angivne retning.",
                    ),
                ));
            }
        }
        problems
    }

    /// Fills the template into a requirement for a tender. `values` override the parameter defaults; a
    /// numeric parameter takes a decimal number.
    pub fn fill(
        &self,
        catalogue_version: &str,
        code: &str,
        values: &BTreeMap<String, String>,
    ) -> Result<RequirementText> {
        let mut parameters = self.parameters.clone();
        for (name, given) in values {
            let default = parameters.get(name).ok_or_else(|| {
                let known = self.parameters.keys().map(String::as_str).collect::<Vec<_>>().join(", ");
                let listed = |none: &str| if known.is_empty() { none.to_owned() } else { known.clone() };
                CatalogueError::invalid(
                    format!("Template {} has no parameter {name}; its parameters are: {}.", self.id, listed("none")),
                    format!(
                        "Skabelonen {} har ingen parameter {name}; dens parametre er: {}.",
                        self.id,
                        listed("ingen")
                    ),
                )
            })?;
            let value = match default {
                Value::Number(_) => {
                    let number = Decimal::from_str(given.trim()).map_err(|_| {
                        CatalogueError::invalid(
                            format!("The parameter {name} takes a number, not '{given}'."),
                            format!("Parameteren {name} skal være et tal, ikke '{given}'."),
                        )
                    })?;
                    // JSON text from a decimal's own digits, so the value never passes through a float.
                    serde_json::from_str(&number.normalize().to_string()).map_err(|e| {
                        CatalogueError::invalid(
                            format!("The parameter {name}: {e}"),
                            format!("Parameteren {name}: {e}"),
                        )
                    })?
                }
                _ => Value::String(given.trim().to_owned()),
            };
            parameters.insert(name.clone(), value);
        }
        let fill = |text: &str| {
            parameters
                .iter()
                .fold(text.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), &shown(value)))
        };
        let text = RequirementText {
            code: code.to_owned(),
            kind: self.kind,
            title_da: self.title_da.clone(),
            title_en: self.title_en.clone(),
            text_da: fill(&self.text_da),
            text_en: fill(&self.text_en),
            evidence: evidence_text(&self.evidence),
            area: code_of(&self.area),
            source: self.source.clone(),
            template_id: Some(self.id.clone()),
            catalogue_version: Some(catalogue_version.to_owned()),
            parameters: serde_json::to_string(&parameters).unwrap_or_else(|_| "{}".into()),
        };
        text.validate().map_err(|e| CatalogueError::Invalid(vec![e]))?;
        Ok(text)
    }

    /// Makes a template of a tender's requirement, for saving it to a personal catalogue. Its texts are the
    /// tender's filled texts, so it has no parameters.
    pub fn from_requirement(id: &str, text: &RequirementText, categories: Vec<Category>) -> Result<Template> {
        let area = parse_code(&text.area).ok_or_else(|| {
            CatalogueError::invalid(
                format!("'{}' is not a catalogue area.", text.area),
                format!("'{}' er ikke et område i kataloget.", text.area),
            )
        })?;
        let template = Template {
            id: id.trim().to_owned(),
            kind: text.kind,
            area,
            requirement_type: None,
            track: None,
            categories,
            evidence: parse_evidence(&text.evidence).map_err(|e| CatalogueError::Invalid(vec![e]))?,
            source: text.source.clone(),
            title_da: text.title_da.clone(),
            title_en: text.title_en.clone(),
            text_da: text.text_da.clone(),
            text_en: text.text_en.clone(),
            parameters: BTreeMap::new(),
            scoring: None,
        };
        let problems: Vec<Said> = template
            .problems()
            .into_iter()
            .map(|(_, m)| Said::new(format!("{id}: {}", m.en), format!("{id}: {}", m.da)))
            .collect();
        if problems.is_empty() { Ok(template) } else { Err(CatalogueError::Invalid(problems)) }
    }

    fn matches(&self, filter: &Filter) -> bool {
        // Parameter defaults are searched too, so "800" finds a template that says "{cycles}".
        let haystack: Vec<String> =
            [&self.id, &self.title_da, &self.title_en, &self.text_da, &self.text_en, &self.source]
                .into_iter()
                .cloned()
                .chain(self.parameters.values().map(shown))
                .map(|t| t.to_lowercase())
                .collect();
        filter.text.split_whitespace().all(|word| haystack.iter().any(|h| h.contains(&word.to_lowercase())))
            && filter.area.is_none_or(|a| a == self.area)
            && filter.kind.is_none_or(|k| k == self.kind)
            && filter.category.is_none_or(|c| self.categories.contains(&c))
            && filter.track.is_none_or(|t| Some(t) == self.track)
    }
}

/// The evidence as the tender shows it to bidders: Danish names, comma-separated.
pub fn evidence_text(evidence: &[Evidence]) -> String {
    evidence.iter().map(|e| e.label_da()).collect::<Vec<_>>().join(", ")
}

/// Reads evidence written either as codes ("data_sheet") or as the Danish names the tender shows.
pub fn parse_evidence(text: &str) -> std::result::Result<Vec<Evidence>, Said> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            parse_code(t).or_else(|| Evidence::ALL.into_iter().find(|e| e.label_da() == t.to_lowercase())).ok_or_else(
                || {
                    Said::new(
                        format!("'{t}' is not a kind of evidence."),
                        format!("'{t}' er ikke en slags dokumentation."),
                    )
                },
            )
        })
        .collect()
}

/// What to look for in a catalogue; empty text and `None` match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Words that must all occur in the id, a title, a text or the source, in either language.
    pub text: String,
    pub area: Option<Area>,
    pub kind: Option<RequirementKind>,
    pub category: Option<Category>,
    pub track: Option<Track>,
}

impl Catalogue {
    /// The catalogue built into this version of Tenderbench.
    pub fn builtin() -> &'static Catalogue {
        static BUILTIN: OnceLock<Catalogue> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            serde_json::from_str(BUILTIN_JSON).expect("the built-in catalogue is valid JSON (checked by tests)")
        })
    }

    /// A new, empty personal catalogue. Its version counts the changes saved to it.
    pub fn personal(name: &str) -> Catalogue {
        Catalogue { name: name.trim().to_owned(), version: "1".into(), templates: Vec::new() }
    }

    /// Everything wrong with the catalogue, each naming the template and field.
    pub fn problems(&self) -> Vec<Said> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() || self.version.trim().is_empty() {
            problems.push(Said::new(
                "A catalogue needs a name and a version.",
                "Et katalog skal have et navn og en version.",
            ));
        }
        let mut ids = HashSet::new();
        for template in &self.templates {
            let id = &template.id;
            if !ids.insert(id.as_str()) {
                problems
                    .push(Said::new(format!("{id}: the id is used twice."), format!("{id}: id'et er brugt to gange.")));
            }
            problems.extend(
                template
                    .problems()
                    .into_iter()
                    .map(|(field, m)| Said::new(format!("{id} {field}: {}", m.en), format!("{id} {field}: {}", m.da))),
            );
        }
        problems
    }

    pub fn from_json(json: &str) -> Result<Catalogue> {
        let catalogue: Catalogue = serde_json::from_str(json).map_err(|e| {
            CatalogueError::invalid(format!("Not a catalogue: {e}"), format!("Ikke et kravkatalog: {e}"))
        })?;
        let problems = catalogue.problems();
        if problems.is_empty() { Ok(catalogue) } else { Err(CatalogueError::Invalid(problems)) }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a catalogue file and checks it.
    pub fn load(path: &Path) -> Result<Catalogue> {
        let json = std::fs::read_to_string(path).map_err(|e| CatalogueError::file(path, e))?;
        Catalogue::from_json(&json).map_err(|e| CatalogueError::file(path, e))
    }

    /// Checks the catalogue and writes it, through a temporary file so a failed write leaves the old one.
    pub fn save(&self, path: &Path) -> Result<()> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(CatalogueError::Invalid(problems));
        }
        let temporary = path.with_extension("json.saving");
        std::fs::write(&temporary, self.to_json())
            .and_then(|()| std::fs::rename(&temporary, path))
            .map_err(|e| CatalogueError::file(path, e))
    }

    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// Adds templates, replacing those with the same ids. A numeric version is raised by one, so a tender's
    /// copy names the version of the catalogue it came from rather than a version that changed later.
    pub fn put(&mut self, templates: Vec<Template>) {
        for template in templates {
            match self.templates.iter_mut().find(|t| t.id == template.id) {
                Some(existing) => *existing = template,
                None => self.templates.push(template),
            }
        }
        if let Ok(version) = self.version.parse::<u64>() {
            self.version = (version + 1).to_string();
        }
    }

    pub fn search(&self, filter: &Filter) -> Vec<&Template> {
        self.templates.iter().filter(|t| t.matches(filter)).collect()
    }
}

/// The next requirement code of a lot: "K-" and a three-digit number one above the highest "K-" code in
/// the lot, so codes stay stable when requirements are removed or reordered.
pub fn next_code(existing: &[Requirement]) -> String {
    let highest =
        existing.iter().filter_map(|r| r.text.code.strip_prefix("K-")?.parse::<u32>().ok()).max().unwrap_or(0);
    format!("K-{:03}", highest + 1)
}

/// Fills a template from `catalogue` into a lot of the tender under the lot's next code.
pub fn add_to_lot(
    file: &mut TenderFile,
    stamp: &Stamp,
    lot_id: i64,
    catalogue: &Catalogue,
    template_id: &str,
    values: &BTreeMap<String, String>,
) -> Result<Requirement> {
    let template = catalogue.template(template_id).ok_or_else(|| {
        CatalogueError::invalid(
            format!("Catalogue {} has no template {template_id}.", catalogue.name),
            format!("Kataloget {} har ingen skabelon {template_id}.", catalogue.name),
        )
    })?;
    let code = next_code(&file.requirements(lot_id)?);
    let text = template.fill(&catalogue.version, &code, values)?;
    Ok(file.add_requirement(stamp, lot_id, &text)?)
}
