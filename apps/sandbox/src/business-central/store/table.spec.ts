import { Decimal } from '@mlc/platform-money';
import { Table } from './table';
import { ChangeEvent, UnitOfWork } from './unit-of-work';

function setup() {
  const published: ChangeEvent[] = [];
  const uow = new UnitOfWork((events) => published.push(...events));
  let clock = 1000;
  let version = 0;
  const table = new Table(
    { companyId: 'c1', uow, now: () => clock, nextVersion: () => ++version },
    { notifies: 'items', indexed: ['number'], grouped: ['group'] },
  );
  return { table, uow, published, tick: () => (clock += 1000) };
}

describe('Table', () => {
  it('treats a patch that changes nothing as a null update: same version, no notification', () => {
    const { table, published } = setup();
    const row = table.insert({ number: 'A', price: Decimal.parse('1.50') });
    const version = row.version;
    expect(table.patch(row, { price: Decimal.parse('1.5') })).toBe(false);
    expect(row.version).toBe(version);
    expect(published.map((e) => e.changeType)).toEqual(['created']);
  });

  it('keeps silent changes out of the version, the modification time and the change feed', () => {
    const { table, published, tick } = setup();
    const row = table.insert({ number: 'A', inventory: Decimal.ZERO });
    const { version, modifiedAt } = row;
    tick();
    table.patch(row, { inventory: Decimal.from(5) }, { silent: true });
    expect([row.version, row.modifiedAt, published.length]).toEqual([version, modifiedAt, 1]);
    expect((row.data.inventory as Decimal).toString()).toBe('5');
  });

  it('rolls back every change of a failed unit of work, indexes included, and publishes nothing', () => {
    const { table, uow, published } = setup();
    const kept = table.insert({ number: 'A', group: 'g' });
    expect(() =>
      uow.atomic(() => {
        table.patch(kept, { number: 'B' });
        table.insert({ number: 'C', group: 'g' });
        table.delete(kept);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(table.findBy('number', 'A')).toBe(kept);
    expect(table.findBy('number', 'B')).toBeUndefined();
    expect(table.findBy('number', 'C')).toBeUndefined();
    expect(table.groupOf('group', 'g')).toEqual([kept]);
    expect(published.map((e) => e.changeType)).toEqual(['created']);
  });

  it('publishes the events of a committed unit once, at the end', () => {
    const { table, uow, published } = setup();
    uow.atomic(() => {
      const row = table.insert({ number: 'A' });
      uow.atomic(() => table.patch(row, { number: 'A2' }));
      expect(published).toHaveLength(0);
    });
    expect(published.map((e) => e.changeType)).toEqual(['created', 'updated']);
    expect(table.findBy('number', 'A2')).toBeDefined();
  });
});
