import { changeOf, fingerprintOf, hash32 } from './stock-fingerprint';
import type { ScannedItem } from './bc-watch.port';

const item: ScannedItem = {
  id: '3f2b8c1e-0000-4000-8000-000000000001',
  number: 'SKU-00001',
  type: 'Inventory',
  blocked: false,
  inventory: '12',
  unitPrice: '19.99',
};

describe('stock fingerprints', () => {
  it('is stable for the same values and fits a Postgres integer', () => {
    const a = fingerprintOf(item);
    expect(fingerprintOf({ ...item })).toEqual(a);
    for (const half of [a.stock, a.attrs]) {
      expect(Number.isInteger(half)).toBe(true);
      expect(half).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(half).toBeLessThan(2 ** 31);
    }
  });

  it('reports a silent stock movement as stock', () => {
    expect(changeOf(fingerprintOf(item), fingerprintOf({ ...item, inventory: '11' }))).toBe('stock');
  });

  it('reports price, blocked, type and number changes as updated, also when stock moved too', () => {
    const before = fingerprintOf(item);
    expect(changeOf(before, fingerprintOf({ ...item, unitPrice: '21' }))).toBe('updated');
    expect(changeOf(before, fingerprintOf({ ...item, blocked: true }))).toBe('updated');
    expect(changeOf(before, fingerprintOf({ ...item, type: 'Service' }))).toBe('updated');
    expect(changeOf(before, fingerprintOf({ ...item, number: 'SKU-00001-B' }))).toBe('updated');
    expect(changeOf(before, fingerprintOf({ ...item, unitPrice: '21', inventory: '3' }))).toBe('updated');
  });

  it('reports nothing when nothing changed, and a new item as updated', () => {
    expect(changeOf(fingerprintOf(item), fingerprintOf(item))).toBeUndefined();
    expect(changeOf(undefined, fingerprintOf(item))).toBe('updated');
  });

  it('hashes with 32-bit FNV-1a (reference values)', () => {
    expect(hash32('') >>> 0).toBe(0x811c9dc5);
    expect(hash32('a') >>> 0).toBe(0xe40c292c);
    expect(hash32('foobar') >>> 0).toBe(0xbf9cf968);
  });

  it('does not confuse fields that concatenate to the same text', () => {
    const a = fingerprintOf({ ...item, number: 'AB', type: 'C' });
    const b = fingerprintOf({ ...item, number: 'A', type: 'BC' });
    expect(a.attrs).not.toBe(b.attrs);
  });
});
