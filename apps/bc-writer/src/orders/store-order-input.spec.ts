import { buildOrder } from '@mlc/bigcommerce/testing';
import { parseFetchedOrder } from './store-order-input';

describe('parseFetchedOrder', () => {
  it('reads a blank store_default_currency_code as not sent, and only that', () => {
    const raw = { ...buildOrder(7), store_default_currency_code: '' };
    const blank = parseFetchedOrder(raw);
    const absent = parseFetchedOrder({ ...raw, store_default_currency_code: undefined });
    expect(blank.ok && blank.order.currency.storeDefault).toBeNull();
    expect(blank).toEqual(absent);
    const wrong = parseFetchedOrder({ ...raw, store_default_currency_code: 'US' });
    expect(wrong.ok).toBe(false);
  });
});
