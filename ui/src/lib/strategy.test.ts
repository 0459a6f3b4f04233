import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SectionView } from '../bindings/SectionView';
import { chartPoint, Debouncer, movedPosition, progress } from './strategy';

const question = (id: string) => ({
  id,
  text_da: id,
  text_en: id,
  help_da: '',
  help_en: '',
  source: 'seed',
  answer: { type: 'text' as const },
});

describe('progress', () => {
  it('counts the saved answers of the section only, not cleared ones or other sections', () => {
    const section: SectionView = { id: 's', title_da: 'S', title_en: 'S', questions: [question('a'), question('b'), question('c')] };
    const answers = [
      { question_id: 'a', value: '3', reason: '' },
      { question_id: 'c', value: '', reason: '' },
      { question_id: 'other', value: 'x', reason: '' },
    ];
    expect(progress(section, answers)).toEqual({ answered: 1, total: 3 });
  });
});

describe('chartPoint', () => {
  it('puts 1 at the low end and 5 at the high end of each axis, impact upwards', () => {
    expect(chartPoint('1', '1', 220, 10)).toEqual({ x: 10, y: 210 });
    expect(chartPoint('5', '5', 220, 10)).toEqual({ x: 210, y: 10 });
    expect(chartPoint('3', '3', 220, 10)).toEqual({ x: 110, y: 110 });
  });

  it('places a two-decimal value from the core between the grid lines', () => {
    expect(chartPoint('4.33', '2', 220, 10).x).toBeCloseTo(176.5, 1);
    expect(chartPoint('4.33', '2', 220, 10).y).toBe(160);
  });
});

describe('movedPosition', () => {
  it('gives the 1-based target, or null past either end', () => {
    expect(movedPosition(1, -1, 3)).toBe(1);
    expect(movedPosition(1, 1, 3)).toBe(3);
    expect(movedPosition(0, -1, 3)).toBeNull();
    expect(movedPosition(2, 1, 3)).toBeNull();
  });
});

describe('Debouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves only the last value typed within the delay', () => {
    const saved: string[] = [];
    const debouncer = new Debouncer(400);
    for (const value of ['1', '12', '120']) debouncer.schedule('q', () => saved.push(value));
    vi.advanceTimersByTime(399);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(saved).toEqual(['120']);
  });

  it('saves at once on flush and not again when the timer would have fired', () => {
    const saved: string[] = [];
    const debouncer = new Debouncer(400);
    debouncer.schedule('q', () => saved.push('a'));
    debouncer.schedule('r', () => saved.push('b'));
    debouncer.flush('q');
    expect(saved).toEqual(['a']);
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual(['a', 'b']);
  });
});
