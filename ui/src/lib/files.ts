// What the bids and report screens work out from the app's answers before showing them: which file a
// diagnostic belongs to, whether an import may go ahead, and how a bid's compliance is worded. Pure
// functions, so they are unit-tested without a window; every number in them is the core's.

import type { BidSummaryView } from '../bindings/BidSummaryView';
import type { DiagnosticView } from '../bindings/DiagnosticView';
import { formatAmount, messageText, text, type Lang } from './i18n';

/** The paths typed in the test-mode field, one per line. */
export function typedPaths(typed: string): string[] {
  return typed
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A path's file name, as the core names the file in its diagnostics. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export type FileDiagnostics = { file: string; errors: number; warnings: number; items: DiagnosticView[] };

/**
 * The diagnostics grouped by file, in the order the files were chosen; a file without problems has an empty
 * group, so the consultant sees that it was checked. Diagnostics about a file not in the list (the core's
 * check across files) get a group of their own at the end.
 */
export function groupByFile(paths: string[], diagnostics: DiagnosticView[]): FileDiagnostics[] {
  const groups = new Map<string, FileDiagnostics>();
  for (const path of paths) {
    const file = fileName(path);
    if (!groups.has(file)) groups.set(file, { file, errors: 0, warnings: 0, items: [] });
  }
  for (const d of diagnostics) {
    let group = groups.get(d.file);
    if (!group) {
      group = { file: d.file, errors: 0, warnings: 0, items: [] };
      groups.set(d.file, group);
    }
    group.items.push(d);
    if (d.severity === 'error') group.errors += 1;
    else group.warnings += 1;
  }
  return [...groups.values()];
}

/** Whether checked workbooks can be saved: not with an error, after confirmation with warnings. */
export function verdict(diagnostics: DiagnosticView[]): 'clean' | 'warnings' | 'errors' {
  if (diagnostics.some((d) => d.severity === 'error')) return 'errors';
  return diagnostics.length > 0 ? 'warnings' : 'clean';
}

/** The points as the core rounded them, with the Danish decimal comma in Danish. */
export function formatPoints(lang: Lang, points: string): string {
  return lang === 'da' ? points.replace('.', ',') : points;
}

/** "12 of 12 minimum requirements met", followed by the failed and unanswered ones. */
export function complianceLines(lang: Lang, bid: BidSummaryView): string[] {
  if (bid.minimum_total === 0) return [text(lang, 'minimum_none')];
  const lines = [text(lang, 'minimum_met', { met: String(bid.minimum_met), total: String(bid.minimum_total) })];
  if (bid.minimum_failed.length > 0) lines.push(text(lang, 'minimum_failed', { codes: bid.minimum_failed.join(', ') }));
  if (bid.minimum_unanswered.length > 0) {
    lines.push(text(lang, 'minimum_unanswered', { codes: bid.minimum_unanswered.join(', ') }));
  }
  return lines;
}

/** Why a bid is excluded, in the user's language where the reason is Tenderbench's own. */
export function exclusionReasons(lang: Lang, bid: BidSummaryView): string[] {
  const reasons: string[] = [];
  if (bid.minimum_failed.length > 0) reasons.push(text(lang, 'minimum_failed', { codes: bid.minimum_failed.join(', ') }));
  if (bid.minimum_unanswered.length > 0) {
    reasons.push(text(lang, 'minimum_unanswered', { codes: bid.minimum_unanswered.join(', ') }));
  }
  for (const s of bid.below_minimum_points) {
    reasons.push(
      text(lang, 'below_minimum', {
        criterion: s.criterion,
        points: formatPoints(lang, s.points),
        min: formatPoints(lang, s.min_points),
      }),
    );
  }
  if (bid.exclusion) reasons.push(messageText(lang, bid.exclusion));
  return reasons;
}

/** The price, and the life-cycle cost when the lot's model has one. */
export function priceText(lang: Lang, bid: BidSummaryView, currency: string): string {
  if (bid.prices_sealed) return text(lang, 'prices_sealed_short');
  const parts: string[] = [];
  if (bid.price !== null) parts.push(formatAmount(lang, bid.price, currency));
  if (bid.life_cycle_cost !== null) {
    parts.push(text(lang, 'lcc_short', { amount: formatAmount(lang, bid.life_cycle_cost, currency) }));
  }
  return parts.join(' · ') || '–';
}
