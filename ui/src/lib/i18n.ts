// Words, numbers and dates in the user's language. Pure functions of the language, so they are unit-tested
// without a window; the chosen language itself lives in prefs.svelte.ts.

import type { IpcError } from '../bindings/IpcError';
import type { Procedure } from '../bindings/Procedure';
import type { Step } from '../bindings/Step';
import type { StepStatus } from '../bindings/StepStatus';
import type { TenderField } from '../bindings/TenderField';

export type Lang = 'en' | 'da';

const en = {
  app_name: 'Tenderbench',
  language: 'Language',
  theme: 'Theme',
  theme_system: 'As the system',
  theme_light: 'Light',
  theme_dark: 'Dark',
  theme_contrast: 'High contrast',
  start_heading: 'Evaluate a tender',
  new_tender: 'New tender',
  new_title: 'Title of the tender',
  new_authority: 'Contracting authority',
  create: 'Create tender file…',
  open: 'Open tender file…',
  recent: 'Recent tenders',
  no_recent: 'No tender has been opened on this computer yet.',
  drop_hint: 'You can also drop a .tender file onto this window.',
  test_path: 'File path (test mode)',
  close: 'Close tender',
  steps: 'Steps',
  overview: 'Overview',
  saved: 'Saved',
  lots: 'Lots',
  lot: 'Lot',
  add_lot: 'Add lot',
  new_lot_title: 'Title of the new lot',
  remove_lot: 'Remove lot',
  description: 'Description',
  amount_hint: 'Amount, for example 1250000.50',
  date_hint: 'Date as 2026-11-22',
  cpv_hint: 'Comma-separated, for example 33112200-0',
  waits_for: 'Waits for: {step}',
  missing: 'Still to fill in: {fields}',
  edit_in_overview: 'Fill them in on the overview',
  will_hold: 'What this step will hold',
  not_built: 'This step is not available in this version yet.',
  file: 'File',
  scoring_lot: 'Lot to score',
  scoring_layer: 'Scores entered as',
  consensus: 'Consensus',
  not_declared: '{name} (no declaration yet)',
  requirement: 'Requirement',
  criterion: 'Criterion',
  all_criteria: 'All criteria',
  only_disagreements: 'Only disagreements',
  only_missing: 'Only missing',
  totals: 'Totals',
  rank: 'Rank',
  bid: 'Bid',
  total: 'Total',
  no_totals: 'No totals yet',
  excluded: 'Excluded',
  undo: 'Undo',
  redo: 'Redo',
  disagreement: 'Evaluators disagree (spread {spread})',
  keys_hint: 'Arrows move, digits type, Enter saves, Delete clears, Ctrl+Z undoes, Ctrl+Shift+Z redoes, F5 projects.',
  projector: 'Projector',
  reveal_prices: 'Reveal prices',
  prices_hidden: 'Prices are hidden while quality is scored.',
  price: 'Price',
  leave_projector: 'Leave projector (Esc)',
  no_rows: 'No award requirement is under a sub-criterion yet.',
  strategy_heading: 'Category strategy',
  section_of: 'Section {n} of {m}',
  answered_of: '{answered} of {total} answered',
  sections: 'Sections',
  previous_section: 'Previous section',
  next_section: 'Next section',
  source: 'Source',
  reason: 'Reason',
  not_answered: 'Not answered',
  saving: 'Saving…',
  scale_ends: '1 = {low}, 5 = {high}',
  screening_not_relevant: 'Not relevant',
  screening_minimum: 'Minimum requirement',
  screening_award: 'Award criterion',
  kraljic: 'Kraljic position',
  kraljic_none: 'Answer at least one supply-risk and one profit-impact question to place the category.',
  kraljic_point: 'Supply risk {risk}, profit impact {impact}: {quadrant}',
  supply_risk: 'Supply risk',
  profit_impact: 'Profit impact',
  quadrant_strategic: 'Strategic',
  quadrant_leverage: 'Leverage',
  quadrant_bottleneck: 'Bottleneck',
  quadrant_non_critical: 'Non-critical',
  suggested_weights: 'Suggested top-level weights',
  weights_none: 'Rate all four objectives to get suggested weights.',
  objective_quality: 'Quality',
  objective_efficiency: 'Efficiency (price and life-cycle cost)',
  objective_sustainability: 'Sustainability',
  objective_supply_security: 'Supply security',
  weights_lot: 'Evaluation model of',
  weights_into: 'Goes into criterion',
  leave_out: '(leave out)',
  accept_weights: 'Accept into the evaluation model',
  weights_accepted: 'The weights are now in the evaluation model.',
  model_locked: 'The model is published and locked; unlock it before changing weights.',
  no_model: 'No lot has an evaluation model yet; the weights can be accepted once one has.',
  catalogue_heading: 'Requirement catalogue',
  catalogue_search: 'Search in Danish or English',
  area: 'Area',
  kind: 'Kind',
  category: 'Category',
  track: 'Climate track',
  all: 'All',
  matches: '{n} of {total} templates',
  templates: 'Templates',
  choose_template: 'Choose a template to see it in full.',
  danish: 'Danish',
  english: 'English',
  evidence: 'Evidence',
  parameters: 'Parameters',
  add_to_tender: 'Add to tender',
  added_as: 'Added as {code}.',
  proposals: 'Proposed by the strategy',
  no_proposals: 'Screen the 13 requirement types in the strategy to get proposals.',
  accept: 'Accept',
  reject: 'Reject',
  decision_accepted: 'Accepted',
  decision_rejected: 'Rejected',
  catalogue_test_path: 'Catalogue file path (test mode)',
  save_to_catalogue: 'Save to personal catalogue…',
  template_id: 'Id in the personal catalogue',
  saved_to: 'Saved in {path}: version {version}, templates: {n}.',
  no_lots: 'Add a lot on the overview first.',
  requirement_list: 'Requirements of the lot',
  no_requirements: 'No requirements yet; add them from the catalogue.',
  reorder_hint: "With the focus on a requirement's ↑ or ↓ button, Alt+↑ and Alt+↓ move it.",
  move_up: 'Move up',
  move_down: 'Move down',
  edit: 'Edit',
  save: 'Save',
  cancel: 'Cancel',
  delete: 'Delete',
  deleted: 'Deleted {what}.',
  title_da: 'Title (Danish)',
  title_en: 'Title (English)',
  text_da: 'Text (Danish)',
  text_en: 'Text (English)',
  sub_criterion: 'Sub-criterion',
  unassigned: '(none)',
  from_template: 'From {id}, catalogue version {version}',
  kind_minimum: 'Minimum requirement',
  kind_award: 'Award requirement',
  kind_information: 'Information',
  area_quality: 'Quality',
  area_tco: 'TCO and economy',
  area_green_minimum: 'Green minimum requirements',
  area_green_award: 'Green award criteria',
  area_repairability: 'Repairability',
  area_take_back: 'Take-back and buy-back',
  area_supply_security: 'Supply security',
  area_packaging: 'Packaging',
  area_transport: 'Transport',
  area_use_phase: 'Use phase',
  area_documentation: 'Documentation and data',
  category_medical_technical: 'Medical-technical equipment',
  category_it: 'IT',
  category_clinical_consumables: 'Clinical consumables',
  category_services: 'Services',
  track_C1: 'C1 transport',
  track_C2: 'C2 production energy',
  track_C3: 'C3 other',
  evidence_data_sheet: 'data sheet',
  evidence_certificate: 'certificate',
  evidence_declaration: 'declaration',
  evidence_test_report: 'test report',
  evidence_documentation: 'documentation',
  evidence_price_sheet: 'price sheet',
  evidence_sample: 'sample',
  use_personal: 'Open a personal catalogue…',
  use_builtin: 'Back to the built-in catalogue',
} as const;

export type Key = keyof typeof en;

const da: Record<Key, string> = {
  app_name: 'Tenderbench',
  language: 'Sprog',
  theme: 'Tema',
  theme_system: 'Som systemet',
  theme_light: 'Lyst',
  theme_dark: 'Mørkt',
  theme_contrast: 'Høj kontrast',
  start_heading: 'Evaluér et udbud',
  new_tender: 'Nyt udbud',
  new_title: 'Udbuddets titel',
  new_authority: 'Ordregiver',
  create: 'Opret udbudsfil…',
  open: 'Åbn udbudsfil…',
  recent: 'Seneste udbud',
  no_recent: 'Der er endnu ikke åbnet et udbud på denne computer.',
  drop_hint: 'Du kan også trække en .tender-fil ind i vinduet.',
  test_path: 'Filsti (testtilstand)',
  close: 'Luk udbud',
  steps: 'Trin',
  overview: 'Overblik',
  saved: 'Gemt',
  lots: 'Delaftaler',
  lot: 'Delaftale',
  add_lot: 'Tilføj delaftale',
  new_lot_title: 'Titel på den nye delaftale',
  remove_lot: 'Fjern delaftale',
  description: 'Beskrivelse',
  amount_hint: 'Beløb, for eksempel 1.250.000,50',
  date_hint: 'Dato som 2026-11-22',
  cpv_hint: 'Kommasepareret, for eksempel 33112200-0',
  waits_for: 'Venter på: {step}',
  missing: 'Mangler: {fields}',
  edit_in_overview: 'Udfyld dem i overblikket',
  will_hold: 'Hvad trinnet kommer til at indeholde',
  not_built: 'Trinnet findes ikke i denne version endnu.',
  file: 'Fil',
  scoring_lot: 'Delaftale',
  scoring_layer: 'Point indtastes som',
  consensus: 'Konsensus',
  not_declared: '{name} (mangler erklæring)',
  requirement: 'Krav',
  criterion: 'Kriterium',
  all_criteria: 'Alle kriterier',
  only_disagreements: 'Kun uenighed',
  only_missing: 'Kun manglende',
  totals: 'Samlet',
  rank: 'Placering',
  bid: 'Tilbud',
  total: 'Point i alt',
  no_totals: 'Endnu ingen samlet pointsum',
  excluded: 'Udelukket',
  undo: 'Fortryd',
  redo: 'Gentag',
  disagreement: 'Bedømmerne er uenige (spredning {spread})',
  keys_hint: 'Pile flytter, tal indtaster, Enter gemmer, Delete rydder, Ctrl+Z fortryder, Ctrl+Shift+Z gentager, F5 viser på projektor.',
  projector: 'Projektor',
  reveal_prices: 'Vis priser',
  prices_hidden: 'Priserne er skjult, mens kvaliteten bedømmes.',
  price: 'Pris',
  leave_projector: 'Forlad projektorvisning (Esc)',
  no_rows: 'Intet tildelingskrav er placeret under et underkriterium endnu.',
  strategy_heading: 'Kategoristrategi',
  section_of: 'Afsnit {n} af {m}',
  answered_of: '{answered} af {total} besvaret',
  sections: 'Afsnit',
  previous_section: 'Forrige afsnit',
  next_section: 'Næste afsnit',
  source: 'Kilde',
  reason: 'Begrundelse',
  not_answered: 'Ikke besvaret',
  saving: 'Gemmer…',
  scale_ends: '1 = {low}, 5 = {high}',
  screening_not_relevant: 'Ikke relevant',
  screening_minimum: 'Mindstekrav',
  screening_award: 'Tildelingskriterium',
  kraljic: 'Kraljic-placering',
  kraljic_none: 'Besvar mindst ét spørgsmål om forsyningsrisiko og ét om økonomisk betydning for at placere kategorien.',
  kraljic_point: 'Forsyningsrisiko {risk}, økonomisk betydning {impact}: {quadrant}',
  supply_risk: 'Forsyningsrisiko',
  profit_impact: 'Økonomisk betydning',
  quadrant_strategic: 'Strategisk',
  quadrant_leverage: 'Løftestang',
  quadrant_bottleneck: 'Flaskehals',
  quadrant_non_critical: 'Ikke-kritisk',
  suggested_weights: 'Foreslåede vægte på øverste niveau',
  weights_none: 'Vurdér alle fire målsætninger for at få foreslåede vægte.',
  objective_quality: 'Kvalitet',
  objective_efficiency: 'Effektivitet (pris og livscyklusomkostninger)',
  objective_sustainability: 'Bæredygtighed',
  objective_supply_security: 'Forsyningssikkerhed',
  weights_lot: 'Evalueringsmodel for',
  weights_into: 'Indgår i kriteriet',
  leave_out: '(udelad)',
  accept_weights: 'Overfør til evalueringsmodellen',
  weights_accepted: 'Vægtene er nu overført til evalueringsmodellen.',
  model_locked: 'Modellen er offentliggjort og låst; lås den op, før vægtene ændres.',
  no_model: 'Ingen delaftale har en evalueringsmodel endnu; vægtene kan overføres, når der er en.',
  catalogue_heading: 'Kravkatalog',
  catalogue_search: 'Søg på dansk eller engelsk',
  area: 'Område',
  kind: 'Kravtype',
  category: 'Kategori',
  track: 'Klimaspor',
  all: 'Alle',
  matches: '{n} af {total} skabeloner',
  templates: 'Skabeloner',
  choose_template: 'Vælg en skabelon for at se den i sin helhed.',
  danish: 'Dansk',
  english: 'Engelsk',
  evidence: 'Dokumentation',
  parameters: 'Parametre',
  add_to_tender: 'Tilføj til udbuddet',
  added_as: 'Tilføjet som {code}.',
  proposals: 'Foreslået af strategien',
  no_proposals: 'Screen de 13 kravtyper i strategien for at få forslag.',
  accept: 'Acceptér',
  reject: 'Afvis',
  decision_accepted: 'Accepteret',
  decision_rejected: 'Afvist',
  catalogue_test_path: 'Sti til katalogfil (testtilstand)',
  save_to_catalogue: 'Gem i eget katalog…',
  template_id: 'Id i eget katalog',
  saved_to: 'Gemt i {path}: version {version}, skabeloner: {n}.',
  no_lots: 'Tilføj først en delaftale i overblikket.',
  requirement_list: 'Delaftalens krav',
  no_requirements: 'Endnu ingen krav; tilføj dem fra kataloget.',
  reorder_hint: 'Med fokus på et kravs ↑- eller ↓-knap flytter Alt+↑ og Alt+↓ kravet.',
  move_up: 'Flyt op',
  move_down: 'Flyt ned',
  edit: 'Redigér',
  save: 'Gem',
  cancel: 'Annullér',
  delete: 'Slet',
  deleted: 'Slettede {what}.',
  title_da: 'Titel (dansk)',
  title_en: 'Titel (engelsk)',
  text_da: 'Tekst (dansk)',
  text_en: 'Tekst (engelsk)',
  sub_criterion: 'Underkriterium',
  unassigned: '(intet)',
  from_template: 'Fra {id}, katalogversion {version}',
  kind_minimum: 'Mindstekrav',
  kind_award: 'Tildelingskrav',
  kind_information: 'Oplysningskrav',
  area_quality: 'Kvalitet',
  area_tco: 'TCO og økonomi',
  area_green_minimum: 'Grønne mindstekrav',
  area_green_award: 'Grønne tildelingskriterier',
  area_repairability: 'Reparerbarhed',
  area_take_back: 'Tilbagetagning og tilbagekøb',
  area_supply_security: 'Forsyningssikkerhed',
  area_packaging: 'Emballage',
  area_transport: 'Transport',
  area_use_phase: 'Brugsfase',
  area_documentation: 'Dokumentation og data',
  category_medical_technical: 'Medicoteknisk udstyr',
  category_it: 'IT',
  category_clinical_consumables: 'Kliniske forbrugsvarer',
  category_services: 'Tjenesteydelser',
  track_C1: 'C1 transport',
  track_C2: 'C2 energi i produktionen',
  track_C3: 'C3 øvrigt',
  evidence_data_sheet: 'datablad',
  evidence_certificate: 'certifikat',
  evidence_declaration: 'erklæring',
  evidence_test_report: 'testrapport',
  evidence_documentation: 'dokumentation',
  evidence_price_sheet: 'prisbilag',
  evidence_sample: 'vareprøve',
  use_personal: 'Åbn eget katalog…',
  use_builtin: 'Tilbage til standardkataloget',
};

const words: Record<Lang, Record<Key, string>> = { en, da };

export function text(lang: Lang, key: Key, vars: Record<string, string> = {}): string {
  return words[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

const fieldNames: Record<Lang, Record<TenderField | 'lots', string>> = {
  en: {
    title: 'Title',
    reference: 'Reference',
    authority: 'Contracting authority',
    procedure: 'Procedure',
    cpv_codes: 'CPV codes',
    currency: 'Currency',
    estimated_value: 'Estimated value',
    published_on: 'Published',
    bid_deadline: 'Bid deadline',
    award_date: 'Award decision',
    standstill_ends: 'Standstill ends',
    tie_break: 'Tie-break rule',
    lots: 'At least one lot',
  },
  da: {
    title: 'Titel',
    reference: 'Reference',
    authority: 'Ordregiver',
    procedure: 'Udbudsform',
    cpv_codes: 'CPV-koder',
    currency: 'Valuta',
    estimated_value: 'Anslået værdi',
    published_on: 'Offentliggjort',
    bid_deadline: 'Tilbudsfrist',
    award_date: 'Tildelingsbeslutning',
    standstill_ends: 'Standstill udløber',
    tie_break: 'Regel ved lighed',
    lots: 'Mindst én delaftale',
  },
};

/** The label of a tender field, or of "lots" as the step states name it. */
export function fieldName(lang: Lang, field: string): string {
  return (fieldNames[lang] as Record<string, string>)[field] ?? field;
}

const procedures: Record<Lang, Record<Procedure, string>> = {
  en: {
    open: 'Open procedure',
    restricted: 'Restricted procedure',
    competitive_negotiation: 'Competitive procedure with negotiation',
    competitive_dialogue: 'Competitive dialogue',
    innovation_partnership: 'Innovation partnership',
    negotiated_without_notice: 'Negotiated procedure without prior publication',
    mini_competition: 'Mini-competition under a framework agreement',
  },
  da: {
    open: 'Offentligt udbud',
    restricted: 'Begrænset udbud',
    competitive_negotiation: 'Udbud med forhandling',
    competitive_dialogue: 'Konkurrencepræget dialog',
    innovation_partnership: 'Innovationspartnerskab',
    negotiated_without_notice: 'Udbud med forhandling uden forudgående offentliggørelse',
    mini_competition: 'Miniudbud på rammeaftale',
  },
};

export function procedureName(lang: Lang, procedure: Procedure): string {
  return procedures[lang][procedure];
}

const steps: Record<Lang, Record<Step, { name: string; holds: string }>> = {
  en: {
    strategy: {
      name: 'Strategy',
      holds: 'The procurement strategy: the procedure, the lots and the estimated value the tender is built on.',
    },
    requirements: {
      name: 'Requirements',
      holds: 'The minimum requirements and the award criteria’s sub-requirements, per lot.',
    },
    evaluation_model: {
      name: 'Evaluation model',
      holds: 'The award criteria, their weights and the scoring scale and method for price and quality.',
    },
    bids: { name: 'Bids', holds: 'The bids received, per bidder and lot, with their prices and documents.' },
    scoring: { name: 'Scoring', holds: 'The evaluators’ scores and the reasons for them, per bid and criterion.' },
    result: { name: 'Result', holds: 'The ranking per lot under the evaluation model, with ties resolved.' },
    report: { name: 'Report', holds: 'The award report and the letters to the bidders, ready to send.' },
  },
  da: {
    strategy: {
      name: 'Strategi',
      holds: 'Udbudsstrategien: udbudsformen, delaftalerne og den anslåede værdi, som udbuddet bygger på.',
    },
    requirements: { name: 'Krav', holds: 'Mindstekrav og underkriteriernes krav, pr. delaftale.' },
    evaluation_model: {
      name: 'Evalueringsmodel',
      holds: 'Tildelingskriterierne, deres vægte samt pointskala og metode for pris og kvalitet.',
    },
    bids: { name: 'Tilbud', holds: 'De modtagne tilbud pr. tilbudsgiver og delaftale med priser og bilag.' },
    scoring: { name: 'Pointgivning', holds: 'Evaluatorernes point og begrundelser pr. tilbud og kriterium.' },
    result: { name: 'Resultat', holds: 'Rangordenen pr. delaftale efter evalueringsmodellen, med afgjorte ligheder.' },
    report: { name: 'Rapport', holds: 'Evalueringsrapporten og breve til tilbudsgiverne, klar til afsendelse.' },
  },
};

export function stepName(lang: Lang, step: Step): string {
  return steps[lang][step].name;
}

export function stepHolds(lang: Lang, step: Step): string {
  return steps[lang][step].holds;
}

const statuses: Record<Lang, Record<StepStatus, string>> = {
  en: { not_started: 'Not started', in_progress: 'In progress', done: 'Done', blocked: 'Blocked' },
  da: { not_started: 'Ikke startet', in_progress: 'I gang', done: 'Færdig', blocked: 'Blokeret' },
};

export function statusName(lang: Lang, status: StepStatus): string {
  return statuses[lang][status];
}

const errorTexts: Record<Lang, Record<Exclude<IpcError['code'], 'validation'>, string>> = {
  en: {
    not_found: 'The file or item was not found.',
    file_too_new:
      'This file was saved by a newer version of Tenderbench. Update Tenderbench to open it; the file was not changed.',
    not_a_tender_file: 'This is not a tender file, or it is damaged.',
    locked: 'The tender file is open in another program. Close it there first.',
    import_rejected: 'The import found errors and changed nothing.',
    internal: 'Something went wrong.',
  },
  da: {
    not_found: 'Filen eller elementet findes ikke.',
    file_too_new:
      'Filen er gemt af en nyere version af Tenderbench. Opdatér Tenderbench for at åbne den; filen er ikke ændret.',
    not_a_tender_file: 'Filen er ikke en udbudsfil, eller den er beskadiget.',
    locked: 'Udbudsfilen er åben i et andet program. Luk den der først.',
    import_rejected: 'Importen fandt fejl og ændrede intet.',
    internal: 'Noget gik galt.',
  },
};

// Danish wording for the core's validation messages, which are English, by the field they concern.
const danishValidation: Record<TenderField | 'lot_title', string> = {
  title: 'Titlen må ikke være tom.',
  reference: 'Referencen kan ikke gemmes.',
  authority: 'Ordregiver må ikke være tom.',
  procedure: 'Vælg en udbudsform fra listen.',
  cpv_codes: 'Skriv CPV-koder som 33112200-0, adskilt af komma.',
  currency: 'Skriv en valutakode på tre store bogstaver, for eksempel DKK.',
  estimated_value: 'Skriv et beløb på nul eller mere, for eksempel 1.250.000,50.',
  published_on: 'Skriv en dato som 2026-11-22.',
  bid_deadline: 'Skriv en dato som 2026-11-22.',
  award_date: 'Skriv en dato som 2026-11-22.',
  standstill_ends: 'Skriv en dato som 2026-11-22.',
  tie_break: 'Reglen kan ikke gemmes.',
  lot_title: 'En delaftale skal have en titel.',
};

/**
 * A failure in the user's language. The core's validation messages name exactly what is wrong and are
 * shown as they are in English; in Danish the field they concern chooses the wording.
 */
export function errorText(lang: Lang, error: IpcError, field?: TenderField | 'lot_title'): string {
  if (error.code !== 'validation') return errorTexts[lang][error.code];
  return lang === 'da' && field ? danishValidation[field] : error.message;
}

function locale(lang: Lang): string {
  return lang === 'da' ? 'da-DK' : 'en-GB';
}

/** "1.234.567,89 kr." in Danish, "DKK 1,234,567.89" in English. */
export function formatAmount(lang: Lang, amount: string, currency: string): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency }).format(Number(amount));
}

/** "22. november 2026" in Danish, "22 November 2026" in English, from an ISO date. */
export function formatDate(lang: Lang, isoDate: string): string {
  const format = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' });
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}

/** An amount as typed in the user's notation, for the input field. The core's form is "1234567.89". */
export function amountForInput(lang: Lang, amount: string | null): string {
  if (amount === null) return '';
  return lang === 'da' ? amount.replace('.', ',') : amount;
}

/** Turns what the user typed into the core's notation; the core then judges whether it is an amount. */
export function amountFromInput(lang: Lang, typed: string): string {
  const compact = typed.replace(/\s/g, '');
  return lang === 'da' ? compact.replace(/\./g, '').replace(',', '.') : compact.replace(/,/g, '');
}

/** Every procedure, in the order the select lists them. */
export const PROCEDURES = Object.keys(procedures.en) as Procedure[];

/** The groups of codes the core sends as they are (catalogue areas, kinds, quadrants …) and the UI words. */
export type CodeGroup = 'area' | 'category' | 'track' | 'evidence' | 'kind' | 'quadrant' | 'objective' | 'screening';

/** A code of the core in the user's language, such as "Grønne mindstekrav" for area green_minimum; an
 * unknown code (from a personal catalogue of a newer version) is shown as it is. */
export function codeName(lang: Lang, group: CodeGroup, code: string): string {
  const key = `${group}_${code}`;
  return Object.hasOwn(words[lang], key) ? words[lang][key as Key] : code;
}

/** A failure in the user's language followed by the core's detail (such as the file path), for failures
 * other than validation, whose message already is the detail. */
export function errorWithDetail(lang: Lang, error: IpcError): string {
  const worded = errorText(lang, error);
  return error.code === 'validation' ? worded : `${worded} ${error.message}`;
}
