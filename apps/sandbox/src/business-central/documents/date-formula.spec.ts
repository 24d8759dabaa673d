import { applyDateFormula } from './date-formula';

describe('applyDateFormula', () => {
  it.each([
    ['2024-01-31', '0D', '2024-01-31'],
    ['2024-01-31', '30D', '2024-03-01'],
    ['2024-01-15', '2W', '2024-01-29'],
    ['2024-01-15', '1M', '2024-02-15'],
    ['2024-02-10', 'CM', '2024-02-29'],
    ['2024-01-10', '1M+CM', '2024-02-29'],
    ['2024-03-10', '-1Y', '2023-03-10'],
  ])('%s + %s = %s', (date, formula, expected) => {
    expect(applyDateFormula(date, formula)).toBe(expected);
  });
});
