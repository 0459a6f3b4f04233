import { describe, expect, it } from 'vitest';
import type { BidSummaryView } from '../bindings/BidSummaryView';
import type { DiagnosticView } from '../bindings/DiagnosticView';
import { complianceLines, exclusionReasons, fileName, groupByFile, priceText, typedPaths, verdict } from './files';

const diagnostic = (file: string, severity: 'error' | 'warning', reference: string | null): DiagnosticView => ({
  severity,
  file,
  sheet: null,
  reference,
  message_da: 'm',
  message_en: 'm',
});

const bid = (changes: Partial<BidSummaryView>): BidSummaryView => ({
  bid_id: 1,
  lot_id: 1,
  lot_number: 1,
  bidder: 'Sonoscan A/S',
  source_file: 'sonoscan.xlsx',
  minimum_total: 12,
  minimum_met: 12,
  minimum_failed: [],
  minimum_unanswered: [],
  price: '1234567.5',
  life_cycle_cost: null,
  below_minimum_points: [],
  exclusion: null,
  abnormally_low: null,
  admissible: true,
  prices_sealed: false,
  selection: null,
  subcontracted_share: null,
  subcontractors: '',
  ...changes,
});

describe('import diagnostics', () => {
  it('reads one path per line and names files as the core does', () => {
    expect(typedPaths(' /a/b.xlsx \n\n/c/d.xlsx\n')).toEqual(['/a/b.xlsx', '/c/d.xlsx']);
    expect(fileName('/tmp/x/bid-a.xlsx')).toBe('bid-a.xlsx');
    expect(fileName('C:\\bids\\bid-a.xlsx')).toBe('bid-a.xlsx');
  });

  it('groups by file in the chosen order, keeps clean files and counts errors and warnings', () => {
    const groups = groupByFile(
      ['/x/a.xlsx', '/x/b.xlsx'],
      [diagnostic('b.xlsx', 'error', 'Krav!D14'), diagnostic('b.xlsx', 'warning', null), diagnostic('c.xlsx', 'error', null)],
    );
    expect(groups.map((g) => [g.file, g.errors, g.warnings, g.items.length])).toEqual([
      ['a.xlsx', 0, 0, 0],
      ['b.xlsx', 1, 1, 2],
      ['c.xlsx', 1, 0, 1],
    ]);
  });

  it('refuses with an error, asks with only warnings, and goes ahead when clean', () => {
    expect(verdict([diagnostic('a', 'warning', null), diagnostic('a', 'error', null)])).toBe('errors');
    expect(verdict([diagnostic('a', 'warning', null)])).toBe('warnings');
    expect(verdict([])).toBe('clean');
  });
});

describe('bids overview wording', () => {
  it('states how many minimum requirements were met, and which failed', () => {
    expect(complianceLines('en', bid({}))).toEqual(['12 of 12 minimum requirements met']);
    const failed = bid({ minimum_met: 10, minimum_failed: ['K-3'], minimum_unanswered: ['K-7'], admissible: false });
    expect(complianceLines('da', failed)).toEqual(['10 af 12 mindstekrav opfyldt', 'Ikke opfyldt: K-3', 'Ubesvaret: K-7']);
    expect(complianceLines('en', bid({ minimum_total: 0, minimum_met: 0 }))).toEqual(['No minimum requirements']);
  });

  it('gives every reason for an exclusion, points with a decimal comma in Danish', () => {
    const below = bid({
      below_minimum_points: [{ criterion: 'KVALITET', points: '4.5', min_points: '5' }],
      exclusion: { message_da: 'Unormalt lavt tilbud', message_en: 'Abnormally low tender' },
      admissible: false,
    });
    expect(exclusionReasons('da', below)).toEqual([
      'KVALITET: 4,5 point, under mindstepointene 5',
      'Unormalt lavt tilbud',
    ]);
    expect(exclusionReasons('en', below)[1]).toBe('Abnormally low tender');
  });

  it('shows the price and the life-cycle cost in the user’s format', () => {
    expect(priceText('da', bid({ life_cycle_cost: '2000000' }), 'DKK')).toBe(
      '1.234.567,50\u00a0kr. · LCC 2.000.000\u00a0kr.',
    );
    expect(priceText('en', bid({ price: null }), 'DKK')).toBe('–');
  });
});
