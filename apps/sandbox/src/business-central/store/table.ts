import { randomUUID } from 'node:crypto';
import { Decimal } from '@mlc/platform-money';
import type { UnitOfWork } from './unit-of-work';

/** A stored field value: GUIDs, codes, texts, dates and enums as strings, amounts as Decimal. */
export type Value = string | number | boolean | Decimal;

export interface Row {
  readonly id: string;
  data: Record<string, Value>;
  /** SQL-rowversion-like counter: unique across the environment, drives the ETag. */
  version: number;
  createdAt: number;
  modifiedAt: number;
}

export interface TableContext {
  readonly companyId: string;
  readonly uow: UnitOfWork;
  readonly now: () => number;
  readonly nextVersion: () => number;
}

export interface TableOptions {
  /** Entity set whose webhook subscriptions hear about this table's changes; none for silent tables. */
  readonly notifies?: string;
  /** Fields kept in a unique lookup index (e.g. `number`, `code`). */
  readonly indexed?: readonly string[];
  /** Fields kept in a non-unique index (e.g. lines by `documentId`). */
  readonly grouped?: readonly string[];
}

function same(a: Value | undefined, b: Value | undefined): boolean {
  if (a instanceof Decimal && b instanceof Decimal) return a.eq(b);
  return a === b;
}

/**
 * One BC table: rows by SystemId with ETag versions and `SystemModifiedAt`. Every mutation is undoable inside a
 * unit of work; a patch that changes nothing is a null update (no new version, no notification), as in BC.
 */
export class Table {
  private readonly rows = new Map<string, Row>();
  private readonly indexes = new Map<string, Map<string, Row>>();
  private readonly groups = new Map<string, Map<string, Set<Row>>>();

  constructor(
    private readonly ctx: TableContext,
    private readonly options: TableOptions = {},
  ) {
    for (const field of options.indexed ?? []) this.indexes.set(field, new Map());
    for (const field of options.grouped ?? []) this.groups.set(field, new Map());
  }

  get size(): number {
    return this.rows.size;
  }

  get(id: string): Row | undefined {
    return this.rows.get(id.toLowerCase());
  }

  /** Rows in insertion order (callers sort by the table key). */
  all(): Row[] {
    return [...this.rows.values()];
  }

  findBy(field: string, value: string): Row | undefined {
    const index = this.indexes.get(field);
    if (!index) return this.all().find((r) => r.data[field] === value);
    return index.get(value);
  }

  /** Rows whose grouped field has this value, in insertion order. */
  groupOf(field: string, value: string): Row[] {
    const group = this.groups.get(field);
    if (!group) return this.all().filter((r) => r.data[field] === value);
    return [...(group.get(value) ?? [])];
  }

  insert(data: Record<string, Value>, id: string = randomUUID()): Row {
    const now = this.ctx.now();
    const row: Row = { id: id.toLowerCase(), data: { ...data }, version: this.ctx.nextVersion(), createdAt: now, modifiedAt: now };
    this.rows.set(row.id, row);
    this.reindex(row, undefined);
    this.ctx.uow.record(() => {
      this.rows.delete(row.id);
      this.unindex(row.data, row);
    });
    this.notify(row, 'created');
    return row;
  }

  /**
   * Applies changes; returns whether anything changed. `silent` changes (FlowField-like caches such as an item's
   * inventory) neither bump the version and modification time nor notify.
   */
  patch(row: Row, changes: Record<string, Value>, options: { silent?: boolean } = {}): boolean {
    const before: Record<string, Value | undefined> = {};
    for (const [key, value] of Object.entries(changes)) {
      if (!same(row.data[key], value)) before[key] = row.data[key];
    }
    if (Object.keys(before).length === 0) return false;
    const oldData = { ...row.data };
    const { version, modifiedAt } = row;
    row.data = { ...row.data, ...changes };
    this.reindex(row, oldData);
    if (!options.silent) this.bump(row);
    this.ctx.uow.record(() => {
      this.unindex(row.data, row);
      row.data = oldData;
      row.version = version;
      row.modifiedAt = modifiedAt;
      this.reindex(row, undefined);
    });
    if (!options.silent) this.notify(row, 'updated');
    return true;
  }

  /** Marks a row modified without a field change (a document header whose lines changed). */
  touch(row: Row): void {
    const { version, modifiedAt } = row;
    this.bump(row);
    this.ctx.uow.record(() => {
      row.version = version;
      row.modifiedAt = modifiedAt;
    });
    this.notify(row, 'updated');
  }

  delete(row: Row): void {
    if (!this.rows.delete(row.id)) return;
    this.unindex(row.data, row);
    this.ctx.uow.record(() => {
      this.rows.set(row.id, row);
      this.reindex(row, undefined);
    });
    this.notify(row, 'deleted');
  }

  /** Drops every row without undo or notification (reset and seed only). */
  clear(): void {
    this.rows.clear();
    for (const index of this.indexes.values()) index.clear();
    for (const group of this.groups.values()) group.clear();
  }

  private bump(row: Row): void {
    row.version = this.ctx.nextVersion();
    row.modifiedAt = this.ctx.now();
  }

  private notify(row: Row, changeType: 'created' | 'updated' | 'deleted'): void {
    if (!this.options.notifies) return;
    this.ctx.uow.emit({
      companyId: this.ctx.companyId,
      entitySet: this.options.notifies,
      id: row.id,
      changeType,
      at: this.ctx.now(),
    });
  }

  private reindex(row: Row, old: Record<string, Value> | undefined): void {
    for (const [field, index] of this.indexes) {
      if (old && typeof old[field] === 'string' && index.get(old[field]) === row) index.delete(old[field]);
      const value = row.data[field];
      if (typeof value === 'string' && value !== '') index.set(value, row);
    }
    for (const [field, group] of this.groups) {
      if (old && typeof old[field] === 'string') group.get(old[field])?.delete(row);
      const value = row.data[field];
      if (typeof value !== 'string') continue;
      const members = group.get(value) ?? new Set<Row>();
      members.add(row);
      group.set(value, members);
    }
  }

  private unindex(data: Record<string, Value>, row: Row): void {
    for (const [field, index] of this.indexes) {
      const value = data[field];
      if (typeof value === 'string' && index.get(value) === row) index.delete(value);
    }
    for (const [field, group] of this.groups) {
      const value = data[field];
      if (typeof value === 'string') group.get(value)?.delete(row);
    }
  }
}

/** The weak ETag BC puts in `@odata.etag`: base64 of a rowversion-like string, to be treated as opaque. */
export function etagOf(version: number): string {
  const digits = String(version);
  return `W/"${Buffer.from(`'${digits.length};${digits};00;'`).toString('base64')}"`;
}
