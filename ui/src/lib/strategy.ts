// Small pure helpers of the strategy wizard and the requirement list, kept out of the components so they are
// unit-tested without a window. Nothing here computes a result of the core: the Kraljic point is placed
// from the core's two axis values, and progress only counts the answers the core has saved.

import type { AnswerView } from '../bindings/AnswerView';
import type { SectionView } from '../bindings/SectionView';

/** How many of a section's questions have a saved answer. */
export function progress(section: SectionView, answers: AnswerView[]): { answered: number; total: number } {
  const saved = new Set(answers.filter((a) => a.value !== '').map((a) => a.question_id));
  return { answered: section.questions.filter((q) => saved.has(q.id)).length, total: section.questions.length };
}

/**
 * Where a point with axis values from 1 to 5 sits in a square chart of `size` pixels with `margin` pixels
 * around the plot: supply risk runs left to right, profit impact bottom to top, as in Kraljic's matrix.
 */
export function chartPoint(supplyRisk: string, profitImpact: string, size: number, margin: number): { x: number; y: number } {
  const plot = size - 2 * margin;
  const share = (value: string) => Math.min(Math.max((Number(value) - 1) / 4, 0), 1);
  return { x: margin + share(supplyRisk) * plot, y: margin + (1 - share(profitImpact)) * plot };
}

/** The 1-based position a requirement at `index` moves to by `delta`, or null at either end of the list. */
export function movedPosition(index: number, delta: -1 | 1, length: number): number | null {
  const target = index + delta;
  return target < 0 || target >= length ? null : target + 1;
}

/**
 * Delays saving while the user types: `schedule` replaces the pending save of the same key and runs it after
 * `delay` ms; `flush` runs a key's pending save at once (on leaving the field). Each key saves its last value.
 */
export class Debouncer {
  private pending = new Map<string, { timer: ReturnType<typeof setTimeout>; run: () => void }>();

  constructor(private delay: number) {}

  schedule(key: string, run: () => void): void {
    const waiting = this.pending.get(key);
    if (waiting) clearTimeout(waiting.timer);
    const timer = setTimeout(() => this.flush(key), this.delay);
    this.pending.set(key, { timer, run });
  }

  flush(key: string): void {
    const waiting = this.pending.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.pending.delete(key);
    waiting.run();
  }

  flushAll(): void {
    for (const key of [...this.pending.keys()]) this.flush(key);
  }
}
