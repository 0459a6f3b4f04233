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
  model_heading: 'Evaluation model',
  award_method: 'Award method',
  method_best_price_quality: 'Best price-quality ratio',
  method_lowest_price: 'Lowest price',
  method_lowest_cost: 'Lowest cost (life-cycle cost)',
  method_price_per_quality_point: 'Price per quality point',
  method_value_adjusted_price: 'Value-adjusted price',
  criteria: 'Criteria',
  code: 'Code',
  name: 'Name',
  weight: 'Weight',
  leaf_weight: 'Share of total',
  add_criterion: 'Add criterion',
  add_sub: 'Add sub-criterion to {code}',
  move_up: 'Move {code} up',
  move_down: 'Move {code} down',
  remove: 'Remove {code}',
  level_top: 'the top level',
  level_warning: 'The weights under {level} add up to {sum}, not 100.',
  model_problems: 'The engine cannot evaluate this model yet:',
  price_leaf: 'Price model',
  no_price_model: 'Scored on the scale',
  model_linear_fixed: 'Linear between fixed prices',
  model_linear_from_lowest: 'Linear from the lowest bid',
  model_proportional: 'Proportional to the lowest bid',
  basis_price: 'on the price',
  basis_lcc: 'on the life-cycle cost',
  full_points_at: 'Full points at',
  zero_points_at: 'Zero points at',
  zero_at_percent: 'Zero points at % above the lowest',
  curve_caption: 'Points against price, from the engine',
  scale: 'Scale',
  scale_min: 'Lowest',
  scale_max: 'Highest',
  scale_steps: 'Meaning of each step',
  add_step: 'Add step',
  save_scale: 'Save scale',
  lcc_heading: 'Life-cycle cost',
  use_lcc: 'Evaluate life-cycle cost',
  lcc_years: 'Years',
  lcc_discount: 'Discount rate',
  lcc_escalation: 'Price escalation',
  lcc_energy: 'Energy price per kWh',
  lcc_quantity: 'Quantity',
  lcc_co2: 'Emission factor, kg CO2e per kWh',
  lcc_co2_price: 'CO2e price per tonne',
  save_lcc: 'Save life-cycle cost',
  unassigned: 'Award requirements not under a sub-criterion',
  assign: 'Place under',
  requirements_under: 'Requirements: {codes}',
  locked_since: 'Published and locked {at} by {by}. Changes need an unlock with a reason, which the audit log keeps.',
  lock_model: 'Publish and lock',
  unlock_reason: 'Reason for unlocking',
  unlock_model: 'Unlock',
  results_heading: 'Results',
  contributions: 'Weighted points per criterion',
  lcc_breakdown: 'Life-cycle cost per bid',
  lcc_acquisition: 'Acquisition',
  lcc_energy_cost: 'Energy',
  lcc_co2_cost: 'CO2e',
  lcc_maintenance: 'Maintenance',
  lcc_consumables: 'Consumables',
  lcc_other: 'Other',
  lcc_end_of_life: 'End of life',
  lcc_take_back: 'Take-back value',
  robustness: 'Robustness',
  run_robustness: 'Analyse robustness',
  running: 'Calculating…',
  weight_ranges: 'Weight ranges that keep the winner',
  range_text: '{from} % – {to} % (now {weight} %)',
  smallest_change: 'The smallest change that changes the winner: {criterion} from {weight} % to {to} % makes {winner} win.',
  no_change: 'No single weight change changes the winner.',
  rank_reversals: 'Rank reversals when one bid is removed',
  reversal_text: 'Without {removed}, {first} is {after} {second} (was {before}).',
  no_reversals: 'Removing any one bid changes no other order.',
  position_ahead: 'ahead of',
  position_tied: 'tied with',
  position_behind: 'behind',
  monte_carlo: 'Share of wins over {draws} draws with weights varied ±{percent} %',
  what_if: 'What if the weights were…',
  what_if_note: 'Moving a weight changes nothing in the tender file.',
  reset_weights: 'Back to the model’s weights',
  panel_heading: 'Evaluation panel',
  role: 'Role',
  add_evaluator: 'Add evaluator',
  declaration: 'Conflict of interest (Udbudsloven § 4)',
  declaration_missing: 'Not declared: may not score yet',
  declaration_none: 'Declared no conflict of interest',
  declaration_conflict: 'Conflict: {description}. Measure: {measure}',
  declare_none: 'Declare no conflict',
  declare_conflict: 'Declare a conflict…',
  conflict_description: 'The conflict',
  conflict_measure: 'Measure taken',
  save: 'Save',
  cancel: 'Cancel',
  projector_waiting: 'Waiting for the consultant to project a requirement.',
  projector_window: 'Projector window',
  projector_window_open: 'The projector window follows this grid.',
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
  model_heading: 'Evalueringsmodel',
  award_method: 'Tildelingskriterium',
  method_best_price_quality: 'Bedste forhold mellem pris og kvalitet',
  method_lowest_price: 'Laveste pris',
  method_lowest_cost: 'Laveste omkostninger (totalomkostninger)',
  method_price_per_quality_point: 'Pris pr. kvalitetspoint',
  method_value_adjusted_price: 'Værdikorrigeret pris',
  criteria: 'Kriterier',
  code: 'Kode',
  name: 'Navn',
  weight: 'Vægt',
  leaf_weight: 'Andel af helheden',
  add_criterion: 'Tilføj kriterium',
  add_sub: 'Tilføj underkriterium til {code}',
  move_up: 'Flyt {code} op',
  move_down: 'Flyt {code} ned',
  remove: 'Fjern {code}',
  level_top: 'øverste niveau',
  level_warning: 'Vægtene under {level} giver {sum} tilsammen, ikke 100.',
  model_problems: 'Modellen kan endnu ikke evalueres:',
  price_leaf: 'Prismodel',
  no_price_model: 'Bedømmes på skalaen',
  model_linear_fixed: 'Lineær mellem faste priser',
  model_linear_from_lowest: 'Lineær fra laveste tilbud',
  model_proportional: 'Proportional med laveste tilbud',
  basis_price: 'på prisen',
  basis_lcc: 'på totalomkostningerne',
  full_points_at: 'Fuldt pointtal ved',
  zero_points_at: 'Nul point ved',
  zero_at_percent: 'Nul point ved % over laveste',
  curve_caption: 'Point mod pris, beregnet af motoren',
  scale: 'Pointskala',
  scale_min: 'Laveste',
  scale_max: 'Højeste',
  scale_steps: 'Betydning af hvert trin',
  add_step: 'Tilføj trin',
  save_scale: 'Gem skala',
  lcc_heading: 'Totalomkostninger',
  use_lcc: 'Evaluér totalomkostninger',
  lcc_years: 'År',
  lcc_discount: 'Diskonteringsrente',
  lcc_escalation: 'Prisudvikling',
  lcc_energy: 'Energipris pr. kWh',
  lcc_quantity: 'Antal',
  lcc_co2: 'Emissionsfaktor, kg CO2e pr. kWh',
  lcc_co2_price: 'CO2e-pris pr. ton',
  save_lcc: 'Gem totalomkostninger',
  unassigned: 'Tildelingskrav uden underkriterium',
  assign: 'Placér under',
  requirements_under: 'Krav: {codes}',
  locked_since: 'Offentliggjort og låst {at} af {by}. Ændringer kræver, at modellen låses op med en begrundelse, som gemmes i revisionssporet.',
  lock_model: 'Offentliggør og lås',
  unlock_reason: 'Begrundelse for at låse op',
  unlock_model: 'Lås op',
  results_heading: 'Resultat',
  contributions: 'Vægtede point pr. kriterium',
  lcc_breakdown: 'Totalomkostninger pr. tilbud',
  lcc_acquisition: 'Anskaffelse',
  lcc_energy_cost: 'Energi',
  lcc_co2_cost: 'CO2e',
  lcc_maintenance: 'Vedligehold',
  lcc_consumables: 'Forbrugsvarer',
  lcc_other: 'Andet',
  lcc_end_of_life: 'Bortskaffelse',
  lcc_take_back: 'Tilbagekøbsværdi',
  robustness: 'Robusthed',
  run_robustness: 'Analysér robusthed',
  running: 'Beregner…',
  weight_ranges: 'Vægtintervaller, hvor vinderen er den samme',
  range_text: '{from} % – {to} % (nu {weight} %)',
  smallest_change: 'Den mindste ændring, der skifter vinder: {criterion} fra {weight} % til {to} % gør {winner} til vinder.',
  no_change: 'Ingen ændring af én vægt skifter vinder.',
  rank_reversals: 'Rangombytninger, når ét tilbud fjernes',
  reversal_text: 'Uden {removed} er {first} {after} {second} (var {before}).',
  no_reversals: 'Fjernes ét tilbud, ændres ingen anden rækkefølge.',
  position_ahead: 'foran',
  position_tied: 'lige med',
  position_behind: 'efter',
  monte_carlo: 'Andel af sejre i {draws} træk med vægte varieret ±{percent} %',
  what_if: 'Hvad nu hvis vægtene var…',
  what_if_note: 'Ændrede vægte gemmes ikke i udbudsfilen.',
  reset_weights: 'Tilbage til modellens vægte',
  panel_heading: 'Bedømmelsesudvalg',
  role: 'Rolle',
  add_evaluator: 'Tilføj bedømmer',
  declaration: 'Interessekonflikt (udbudslovens § 4)',
  declaration_missing: 'Ikke erklæret: kan endnu ikke give point',
  declaration_none: 'Har erklæret ingen interessekonflikt',
  declaration_conflict: 'Konflikt: {description}. Foranstaltning: {measure}',
  declare_none: 'Erklær ingen konflikt',
  declare_conflict: 'Erklær en konflikt…',
  conflict_description: 'Konflikten',
  conflict_measure: 'Foranstaltning',
  save: 'Gem',
  cancel: 'Annullér',
  projector_waiting: 'Venter på, at konsulenten viser et krav.',
  projector_window: 'Projektorvindue',
  projector_window_open: 'Projektorvinduet følger dette skema.',
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

/** "1.234.567,89 kr." in Danish, "DKK 1,234,567.89" in English; "1.234.567 kr." for a whole amount. */
export function formatAmount(lang: Lang, amount: string, currency: string): string {
  // Whole amounts (the core rounds life-cycle costs to whole kroner) are written without øre.
  const digits = amount.includes('.') ? 2 : 0;
  const options = { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: 2 } as const;
  return new Intl.NumberFormat(locale(lang), options).format(Number(amount));
}

/**
 * A decimal from the core ("1234567.5") in the user's notation ("1.234.567,5" in Danish), by rewriting the
 * text: the core has already rounded it, and going through a binary number could change its last digit.
 */
export function formatDecimal(lang: Lang, value: string): string {
  const negative = value.startsWith('-');
  const [whole, fraction] = (negative ? value.slice(1) : value).split('.');
  const [group, point] = lang === 'da' ? ['.', ','] : [',', '.'];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return (negative ? '−' : '') + grouped + (fraction ? point + fraction : '');
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
