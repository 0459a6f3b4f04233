import { describe, expect, it } from 'vitest';
import {
  amountForInput,
  amountFromInput,
  codeName,
  errorText,
  errorWithDetail,
  formatAmount,
  formatDate,
  formatDecimal,
} from './i18n';

describe('Danish and English formats', () => {
  it('writes amounts the Danish way in Danish', () => {
    expect(formatAmount('da', '1234567.89', 'DKK')).toBe('1.234.567,89\u00a0kr.');
    expect(formatAmount('en', '1234567.89', 'DKK')).toBe('DKK\u00a01,234,567.89');
    expect(formatAmount('da', '12343952', 'DKK')).toBe('12.343.952\u00a0kr.');
  });

  it('writes the core’s decimals digit for digit in the user’s notation', () => {
    expect(formatDecimal('da', '1234567.005')).toBe('1.234.567,005');
    expect(formatDecimal('en', '1234567.005')).toBe('1,234,567.005');
    expect(formatDecimal('da', '-40')).toBe('−40');
    expect(formatDecimal('da', '999')).toBe('999');
  });

  it('writes dates the Danish way in Danish', () => {
    expect(formatDate('da', '2026-11-22')).toBe('22. november 2026');
    expect(formatDate('en', '2026-11-22')).toBe('22 November 2026');
  });

  it('reads typed amounts in the user’s notation into the core’s', () => {
    expect(amountFromInput('da', '1.234.567,89')).toBe('1234567.89');
    expect(amountFromInput('da', '1234567,89')).toBe('1234567.89');
    expect(amountFromInput('en', '1,234,567.89')).toBe('1234567.89');
    expect(amountForInput('da', '1234567.89')).toBe('1234567,89');
    expect(amountForInput('en', null)).toBe('');
  });
});

describe('errorText', () => {
  it('words a refused file in the user’s language, whatever the core said', () => {
    const error = {
      code: 'file_too_new',
      message_da: 'x.tender er gemt af en nyere version',
      message_en: 'x.tender was saved by a newer version',
    } as const;
    expect(errorText('en', error)).toContain('newer version of Tenderbench');
    expect(errorText('da', error)).toContain('nyere version af Tenderbench');
  });

  it('shows the core’s validation message in the user’s language', () => {
    const error = {
      code: 'validation',
      message_da: "'kr' er ikke en valutakode på tre store bogstaver, for eksempel DKK.",
      message_en: "'kr' is not a three-letter currency code such as DKK.",
    } as const;
    expect(errorText('en', error)).toBe(error.message_en);
    expect(errorText('da', error)).toBe(error.message_da);
  });
});

describe('codeName', () => {
  it('words the core codes of the catalogue and the strategy in both languages', () => {
    expect(codeName('da', 'area', 'green_minimum')).toBe('Grønne mindstekrav');
    expect(codeName('en', 'track', 'C1')).toBe('C1 transport');
    expect(codeName('da', 'quadrant', 'bottleneck')).toBe('Flaskehals');
    expect(codeName('en', 'kind', 'award')).toBe('Award requirement');
  });

  it('shows a code it does not know as it is', () => {
    expect(codeName('da', 'area', 'space_travel')).toBe('space_travel');
  });
});

describe('errorWithDetail', () => {
  it('adds the core detail to a worded failure, but not twice to a validation message', () => {
    const missing = { code: 'not_found', message_da: '/tmp/k.json: filen findes ikke.', message_en: '/tmp/k.json: missing' } as const;
    expect(errorWithDetail('da', missing)).toBe('Filen eller elementet findes ikke. /tmp/k.json: filen findes ikke.');
    expect(errorWithDetail('en', missing)).toBe('The file or item was not found. /tmp/k.json: missing');
    const refused = { code: 'validation', message_da: 'years skal være et tal', message_en: 'years takes a number' } as const;
    expect(errorWithDetail('en', refused)).toBe('years takes a number');
    expect(errorWithDetail('da', refused)).toBe('years skal være et tal');
  });
});
