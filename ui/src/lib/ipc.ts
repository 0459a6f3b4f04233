// The only module that talks to the app process: commands, the OS file dialogs and dropped files all pass
// through here, so every failure reaches the UI as one typed value.

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open, save } from '@tauri-apps/plugin-dialog';
import type { AddLotRequest } from '../bindings/AddLotRequest';
import type { CreateTenderRequest } from '../bindings/CreateTenderRequest';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { IpcError } from '../bindings/IpcError';
import type { OpenTenderRequest } from '../bindings/OpenTenderRequest';
import type { RecentTender } from '../bindings/RecentTender';
import type { RejectBidRequest } from '../bindings/RejectBidRequest';
import type { RemoveLotRequest } from '../bindings/RemoveLotRequest';
import type { RevealPricesRequest } from '../bindings/RevealPricesRequest';
import type { SelectBidRequest } from '../bindings/SelectBidRequest';
import type { SetLotFieldRequest } from '../bindings/SetLotFieldRequest';
import type { SetTenderFieldRequest } from '../bindings/SetTenderFieldRequest';
import type { TenderView } from '../bindings/TenderView';
import type { LotRequest } from '../bindings/LotRequest';
import type { ProjectorRequest } from '../bindings/ProjectorRequest';
import type { ProjectorView } from '../bindings/ProjectorView';
import type { ScoreOutcome } from '../bindings/ScoreOutcome';
import type { ScoreRequest } from '../bindings/ScoreRequest';
import type { ScoringView } from '../bindings/ScoringView';
import type { AddEvaluatorRequest } from '../bindings/AddEvaluatorRequest';
import type { DecideRuleRequest } from '../bindings/DecideRuleRequest';
import type { DeclareRequest } from '../bindings/DeclareRequest';
import type { ModelEditRequest } from '../bindings/ModelEditRequest';
import type { ModelView } from '../bindings/ModelView';
import type { PanelMember } from '../bindings/PanelMember';
import type { ResultsView } from '../bindings/ResultsView';
import type { RobustnessView } from '../bindings/RobustnessView';
import type { UnlockModelRequest } from '../bindings/UnlockModelRequest';
import type { WhatIfRequest } from '../bindings/WhatIfRequest';
import type { AcceptWeightsRequest } from '../bindings/AcceptWeightsRequest';
import type { AddTemplateRequest } from '../bindings/AddTemplateRequest';
import type { AssignRequirementRequest } from '../bindings/AssignRequirementRequest';
import type { CatalogueRequest } from '../bindings/CatalogueRequest';
import type { CatalogueView } from '../bindings/CatalogueView';
import type { DecideProposalRequest } from '../bindings/DecideProposalRequest';
import type { MoveRequirementRequest } from '../bindings/MoveRequirementRequest';
import type { RequirementRequest } from '../bindings/RequirementRequest';
import type { RequirementsView } from '../bindings/RequirementsView';
import type { SaveToCatalogueRequest } from '../bindings/SaveToCatalogueRequest';
import type { SavedToCatalogue } from '../bindings/SavedToCatalogue';
import type { SetAnswerRequest } from '../bindings/SetAnswerRequest';
import type { StrategyState } from '../bindings/StrategyState';
import type { StrategyView } from '../bindings/StrategyView';
import type { UpdateRequirementRequest } from '../bindings/UpdateRequirementRequest';
import { revealItemInDir } from '@tauri-apps/plugin-opener';
import type { BidSummaryView } from '../bindings/BidSummaryView';
import type { CheckWorkbooksRequest } from '../bindings/CheckWorkbooksRequest';
import type { DiagnosticView } from '../bindings/DiagnosticView';
import type { ExportBidTemplateRequest } from '../bindings/ExportBidTemplateRequest';
import type { ExportOcdsRequest } from '../bindings/ExportOcdsRequest';
import type { ExportReportRequest } from '../bindings/ExportReportRequest';
import type { ExportedOcds } from '../bindings/ExportedOcds';
import type { ExportScoreSheetsRequest } from '../bindings/ExportScoreSheetsRequest';
import type { ExportedReport } from '../bindings/ExportedReport';
import type { ImportView } from '../bindings/ImportView';
import type { ImportWorkbooksRequest } from '../bindings/ImportWorkbooksRequest';
import type { ReportPreview } from '../bindings/ReportPreview';
import type { ReportProgress } from '../bindings/ReportProgress';
import type { ReportRequest } from '../bindings/ReportRequest';
import type { AddQuestionRequest } from '../bindings/AddQuestionRequest';
import type { AnswerQuestionRequest } from '../bindings/AnswerQuestionRequest';
import type { AskedQuestionsView } from '../bindings/AskedQuestionsView';
import type { DocumentsRequest } from '../bindings/DocumentsRequest';
import type { DocumentsView } from '../bindings/DocumentsView';
import type { ExportDocumentsRequest } from '../bindings/ExportDocumentsRequest';
import type { ExportQuestionsRequest } from '../bindings/ExportQuestionsRequest';
import type { ExportedDocuments } from '../bindings/ExportedDocuments';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// `satisfies` makes this list fail to compile when the generated ErrorCode gains or loses a member.
const CODES = {
  validation: true,
  not_found: true,
  file_too_new: true,
  not_a_tender_file: true,
  locked: true,
  import_rejected: true,
  needs_confirmation: true,
  internal: true,
} as const satisfies Record<ErrorCode, true>;

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(CODES, value);
}

/** An internal failure whose one text, not the app's, stands in both languages. */
function internal(message: string): IpcError {
  return { code: 'internal', message_da: message, message_en: message };
}

/** Turns whatever a failed call rejected with into an IpcError. */
export function toIpcError(failure: unknown): IpcError {
  if (typeof failure === 'object' && failure !== null) {
    const { code, message_da, message_en } = failure as Record<string, unknown>;
    if (isErrorCode(code) && typeof message_da === 'string' && typeof message_en === 'string') {
      return { code, message_da, message_en };
    }
    if (failure instanceof Error) return internal(failure.message);
  }
  // Tauri itself rejects with a bare string when a command cannot run at all (not granted, bad arguments).
  return internal(typeof failure === 'string' ? failure : 'Unknown failure');
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await invoke<T>(command, args) };
  } catch (failure) {
    return { ok: false, error: toIpcError(failure) };
  }
}

export const ipc = {
  createTender: (request: CreateTenderRequest) => call<TenderView>('create_tender', { request }),
  openTender: (request: OpenTenderRequest) => call<TenderView>('open_tender', { request }),
  closeTender: () => call<null>('close_tender'),
  getTender: () => call<TenderView>('get_tender'),
  setTenderField: (request: SetTenderFieldRequest) => call<TenderView>('set_tender_field', { request }),
  addLot: (request: AddLotRequest) => call<TenderView>('add_lot', { request }),
  setLotField: (request: SetLotFieldRequest) => call<TenderView>('set_lot_field', { request }),
  removeLot: (request: RemoveLotRequest) => call<TenderView>('remove_lot', { request }),
  recentTenders: () => call<RecentTender[]>('recent_tenders'),
  testMode: () => call<boolean>('test_mode'),
  scoringSheet: (request: LotRequest) => call<ScoringView>('scoring_sheet', { request }),
  score: (request: ScoreRequest) => call<ScoreOutcome>('score', { request }),
  undoScore: (request: LotRequest) => call<ScoreOutcome | null>('undo_score', { request }),
  redoScore: (request: LotRequest) => call<ScoreOutcome | null>('redo_score', { request }),
  projectorView: (request: ProjectorRequest) => call<ProjectorView | null>('projector_view', { request }),
  evaluationModel: (request: LotRequest) => call<ModelView>('evaluation_model', { request }),
  editModel: (request: ModelEditRequest) => call<ModelView>('edit_model', { request }),
  lockModel: (request: LotRequest) => call<ModelView>('lock_model', { request }),
  unlockModel: (request: UnlockModelRequest) => call<ModelView>('unlock_model', { request }),
  decideRule: (request: DecideRuleRequest) => call<ModelView>('decide_rule', { request }),
  results: (request: LotRequest) => call<ResultsView>('results', { request }),
  whatIf: (request: WhatIfRequest) => call<ResultsView>('what_if', { request }),
  robustness: (request: LotRequest) => call<RobustnessView>('robustness', { request }),
  panel: () => call<PanelMember[]>('panel'),
  addEvaluator: (request: AddEvaluatorRequest) => call<PanelMember[]>('add_evaluator', { request }),
  declare: (request: DeclareRequest) => call<PanelMember[]>('declare', { request }),
  openProjectorWindow: () => call<null>('open_projector_window'),
  project: (request: ProjectorRequest) => call<ProjectorView | null>('project', { request }),
  currentProjection: () => call<ProjectorView | null>('current_projection'),
  strategy: () => call<StrategyView>('strategy'),
  setStrategyAnswer: (request: SetAnswerRequest) => call<StrategyState>('set_strategy_answer', { request }),
  acceptSuggestedWeights: (request: AcceptWeightsRequest) =>
    call<StrategyState>('accept_suggested_weights', { request }),
  decideProposal: (request: DecideProposalRequest) => call<StrategyState>('decide_proposal', { request }),
  searchCatalogue: (request: CatalogueRequest) => call<CatalogueView>('search_catalogue', { request }),
  requirements: (request: LotRequest) => call<RequirementsView>('requirements', { request }),
  addTemplate: (request: AddTemplateRequest) => call<RequirementsView>('add_template', { request }),
  updateRequirement: (request: UpdateRequirementRequest) => call<RequirementsView>('update_requirement', { request }),
  moveRequirement: (request: MoveRequirementRequest) => call<RequirementsView>('move_requirement', { request }),
  assignRequirement: (request: AssignRequirementRequest) => call<RequirementsView>('assign_requirement', { request }),
  removeRequirement: (request: RequirementRequest) => call<RequirementsView>('remove_requirement', { request }),
  undoRemoveRequirement: (request: LotRequest) => call<RequirementsView>('undo_remove_requirement', { request }),
  saveToCatalogue: (request: SaveToCatalogueRequest) => call<SavedToCatalogue>('save_to_catalogue', { request }),
  bidOverview: () => call<BidSummaryView[]>('bid_overview'),
  rejectBid: (request: RejectBidRequest) => call<BidSummaryView[]>('reject_bid', { request }),
  selectBid: (request: SelectBidRequest) => call<BidSummaryView[]>('select_bid', { request }),
  revealPrices: (request: RevealPricesRequest) => call<ScoringView>('reveal_prices', { request }),
  exportBidTemplate: (request: ExportBidTemplateRequest) => call<string>('export_bid_template', { request }),
  exportScoreSheets: (request: ExportScoreSheetsRequest) => call<string[]>('export_score_sheets', { request }),
  checkBidWorkbooks: (request: CheckWorkbooksRequest) => call<DiagnosticView[]>('check_bid_workbooks', { request }),
  importBidWorkbooks: (request: ImportWorkbooksRequest) => call<ImportView>('import_bid_workbooks', { request }),
  checkScoreSheets: (request: CheckWorkbooksRequest) => call<DiagnosticView[]>('check_score_sheets', { request }),
  importScoreSheets: (request: ImportWorkbooksRequest) => call<ImportView>('import_score_sheets', { request }),
  reportPreview: (request: ReportRequest) => call<ReportPreview>('report_preview', { request }),
  exportReport: (request: ExportReportRequest) => call<ExportedReport>('export_report', { request }),
  exportOcds: (request: ExportOcdsRequest) => call<ExportedOcds>('export_ocds', { request }),
  tenderDocuments: (request: DocumentsRequest) => call<DocumentsView>('tender_documents', { request }),
  exportDocuments: (request: ExportDocumentsRequest) => call<ExportedDocuments>('export_documents', { request }),
  questions: (request: ReportRequest) => call<AskedQuestionsView>('questions', { request }),
  addQuestion: (request: AddQuestionRequest) => call<AskedQuestionsView>('add_question', { request }),
  answerQuestion: (request: AnswerQuestionRequest) => call<AskedQuestionsView>('answer_question', { request }),
  exportQuestions: (request: ExportQuestionsRequest) => call<ExportedDocuments>('export_questions', { request }),
};

const TENDER_FILTER = [{ name: 'Tenderbench', extensions: ['tender'] }];

/** Asks where to save a new tender file; null when the user cancels. */
export function chooseNewFile(suggestedName: string): Promise<string | null> {
  return save({ filters: TENDER_FILTER, defaultPath: suggestedName });
}

/** Asks which tender file to open; null when the user cancels. */
export async function chooseExistingFile(): Promise<string | null> {
  return open({ filters: TENDER_FILTER, multiple: false, directory: false });
}

/** Calls `onDrop` with the first .tender file dropped onto the window; resolves to the unsubscribe function. */
export function onTenderFileDrop(onDrop: (path: string) => void): Promise<() => void> {
  return getCurrentWebview().onDragDropEvent((event) => {
    if (event.payload.type !== 'drop') return;
    const path = event.payload.paths.find((p) => p.toLowerCase().endsWith('.tender'));
    if (path) onDrop(path);
  });
}

/** Calls `onView` with every requirement the consultant's window projects; resolves to the unsubscribe function. */
export function onProjection(onView: (view: ProjectorView) => void): Promise<() => void> {
  return listen<ProjectorView | null>('projection', (event) => {
    if (event.payload) onView(event.payload);
  });
}

/** Asks which personal catalogue file (JSON) to save to, new or existing; null when the user cancels. */
export function chooseCatalogueFile(): Promise<string | null> {
  return save({ filters: [{ name: 'Katalog / Catalogue', extensions: ['json'] }], defaultPath: 'katalog.json' });
}

/** Asks which personal catalogue file to browse; null when the user cancels. */
export async function chooseCatalogueToOpen(): Promise<string | null> {
  return open({ filters: [{ name: 'Katalog / Catalogue', extensions: ['json'] }], multiple: false, directory: false });
}

const WORKBOOK_FILTER = [{ name: 'Excel', extensions: ['xlsx', 'xlsm', 'xls', 'ods'] }];

/** Asks which workbooks to import, several at once; an empty list when the user cancels. */
export async function chooseWorkbooks(): Promise<string[]> {
  const chosen = await open({ filters: WORKBOOK_FILTER, multiple: true, directory: false });
  return chosen ?? [];
}

/** Asks where to save a workbook; null when the user cancels. */
export function chooseWorkbookFile(suggestedName: string): Promise<string | null> {
  return save({ filters: [{ name: 'Excel', extensions: ['xlsx'] }], defaultPath: suggestedName });
}

/** Asks for a folder to write into; null when the user cancels. */
export async function chooseFolder(): Promise<string | null> {
  return open({ directory: true, multiple: false });
}

/** Calls `onDrop` with the workbooks dropped onto the window; resolves to the unsubscribe function. */
export function onWorkbookDrop(onDrop: (paths: string[]) => void): Promise<() => void> {
  return getCurrentWebview().onDragDropEvent((event) => {
    if (event.payload.type !== 'drop') return;
    const paths = event.payload.paths.filter((p) => /\.(xlsx|xlsm|xls|ods)$/i.test(p));
    if (paths.length > 0) onDrop(paths);
  });
}

/** Calls `onProgress` as a report export writes each file; resolves to the unsubscribe function. */
export function onReportProgress(onProgress: (progress: ReportProgress) => void): Promise<() => void> {
  return listen<ReportProgress>('report-progress', (event) => onProgress(event.payload));
}

/** Shows a written file selected in the system's file manager. */
export async function revealFile(path: string): Promise<Outcome<null>> {
  try {
    await revealItemInDir(path);
    return { ok: true, value: null };
  } catch (failure) {
    return { ok: false, error: toIpcError(failure) };
  }
}
