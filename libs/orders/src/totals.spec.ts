import { Decimal } from '@mlc/platform-money';
import { settingsWith } from './__fixtures__/order-scenarios';
import { compareTotals } from './totals';

const d = (value: string) => Decimal.parse(value);

describe('compareTotals', () => {
  it('accepts a difference up to the tolerance, inclusive', () => {
    expect(compareTotals(d('64.97'), d('64.96'), settingsWith())).toEqual({ kind: 'ok', difference: d('0.01') });
    expect(compareTotals(d('69.31'), d('69.31'), settingsWith()).kind).toBe('ok');
  });

  it('reports a mismatch beyond the tolerance with the signed difference and the configured action', () => {
    expect(compareTotals(d('64.94'), d('64.96'), settingsWith())).toEqual({
      kind: 'TOTAL_MISMATCH',
      difference: d('-0.02'),
      bcTotalIncTax: d('64.94'),
      storeTotalIncTax: d('64.96'),
      action: 'hold-draft',
      detail: 'BC total 64.94 vs store total_inc_tax 64.96: difference -0.02 exceeds tolerance 0.01',
    });
    expect(compareTotals(d('70'), d('64.96'), settingsWith({ onTotalMismatch: 'accept' }))).toMatchObject({
      action: 'accept',
    });
  });

  it('honours a wider tolerance', () => {
    expect(compareTotals(d('65.01'), d('64.96'), settingsWith({ totalsTolerance: '0.05' })).kind).toBe('ok');
  });
});
