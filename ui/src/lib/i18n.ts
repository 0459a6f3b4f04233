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
  bids_heading: 'Bids',
  bids_none: 'No bids have been imported yet.',
  bids_test_paths: 'File paths (test mode), one per line',
  bidder: 'Bidder',
  minimum_requirements: 'Minimum requirements',
  price_or_lcc: 'Price / life-cycle cost',
  status: 'Status',
  admissible: 'Admissible',
  minimum_met: '{met} of {total} minimum requirements met',
  minimum_none: 'No minimum requirements',
  minimum_failed: 'Not met: {codes}',
  minimum_unanswered: 'Unanswered: {codes}',
  below_minimum: '{criterion}: {points} points, below the minimum of {min}',
  lcc_short: 'LCC {amount}',
  export_template: 'Export bid workbook…',
  export_sheets: 'Export score sheets…',
  import_bids: 'Import bid workbooks…',
  import_scores: 'Import score sheets…',
  template_title: 'Export the bidder response workbook',
  sheets_title: 'Export the evaluators’ score sheets',
  workbook_language: 'Language of the workbook',
  lang_da: 'Danish',
  lang_en: 'English',
  choose_file_export: 'Choose file and export…',
  choose_folder_export: 'Choose folder and export…',
  written_to: 'Written: {path}',
  written_files: '{count} files written to {folder}',
  dialog_close: 'Close',
  import_bids_title: 'Import bid workbooks',
  import_scores_title: 'Import score sheets',
  import_hint: 'Choose one or more workbooks, or drop them here. Nothing is saved until every workbook has been checked.',
  choose_workbooks: 'Choose workbooks…',
  checking: 'Checking file {n} of {m}: {file}',
  saving: 'Saving…',
  no_problems: 'No problems found.',
  severity_error: 'Error',
  severity_warning: 'Warning',
  whole_file: 'Whole file',
  import_errors: 'Nothing was saved. Correct the workbooks with errors and import them again.',
  import_warnings: 'The workbooks can be imported, but look at the warnings first.',
  import_anyway: 'Import with these warnings',
  imported: '{count} workbooks imported.',
  report_heading: 'Award report',
  report_language: 'Language of the report',
  report_contents: 'Contents',
  report_letters: 'Letters to bidders',
  report_no_letters: 'No bidder needs a letter yet.',
  report_export: 'Export report and letters…',
  report_test_path: 'Folder (test mode)',
  report_writing: 'Writing file {n} of {m}: {file}',
  report_written: 'Report written: {path} ({pages} pages), and {count} letters.',
  open_folder: 'Open the folder',
  report_unavailable: 'The report cannot be previewed yet.',
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
  bids_heading: 'Tilbud',
  bids_none: 'Der er endnu ikke indlæst tilbud.',
  bids_test_paths: 'Filstier (testtilstand), én pr. linje',
  bidder: 'Tilbudsgiver',
  minimum_requirements: 'Mindstekrav',
  price_or_lcc: 'Pris / livscyklusomkostninger',
  status: 'Status',
  admissible: 'Konditionsmæssigt',
  minimum_met: '{met} af {total} mindstekrav opfyldt',
  minimum_none: 'Ingen mindstekrav',
  minimum_failed: 'Ikke opfyldt: {codes}',
  minimum_unanswered: 'Ubesvaret: {codes}',
  below_minimum: '{criterion}: {points} point, under mindstepointene {min}',
  lcc_short: 'LCC {amount}',
  export_template: 'Eksportér tilbudsark…',
  export_sheets: 'Eksportér pointark…',
  import_bids: 'Indlæs tilbudsark…',
  import_scores: 'Indlæs pointark…',
  template_title: 'Eksportér tilbudsgivernes besvarelsesark',
  sheets_title: 'Eksportér bedømmernes pointark',
  workbook_language: 'Arkets sprog',
  lang_da: 'Dansk',
  lang_en: 'Engelsk',
  choose_file_export: 'Vælg fil og eksportér…',
  choose_folder_export: 'Vælg mappe og eksportér…',
  written_to: 'Skrevet: {path}',
  written_files: '{count} filer skrevet i {folder}',
  dialog_close: 'Luk',
  import_bids_title: 'Indlæs tilbudsark',
  import_scores_title: 'Indlæs pointark',
  import_hint: 'Vælg et eller flere regneark, eller træk dem hertil. Intet gemmes, før alle ark er kontrolleret.',
  choose_workbooks: 'Vælg regneark…',
  checking: 'Kontrollerer fil {n} af {m}: {file}',
  saving: 'Gemmer…',
  no_problems: 'Ingen problemer fundet.',
  severity_error: 'Fejl',
  severity_warning: 'Advarsel',
  whole_file: 'Hele filen',
  import_errors: 'Intet er gemt. Ret regnearkene med fejl, og indlæs dem igen.',
  import_warnings: 'Regnearkene kan indlæses, men se advarslerne først.',
  import_anyway: 'Indlæs med disse advarsler',
  imported: '{count} regneark indlæst.',
  report_heading: 'Tildelingsrapport',
  report_language: 'Rapportens sprog',
  report_contents: 'Indhold',
  report_letters: 'Breve til tilbudsgiverne',
  report_no_letters: 'Ingen tilbudsgiver skal have brev endnu.',
  report_export: 'Eksportér rapport og breve…',
  report_test_path: 'Mappe (testtilstand)',
  report_writing: 'Skriver fil {n} af {m}: {file}',
  report_written: 'Rapport skrevet: {path} ({pages} sider), og {count} breve.',
  open_folder: 'Åbn mappen',
  report_unavailable: 'Rapporten kan ikke vises endnu.',
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
