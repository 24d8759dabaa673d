import {
  anyOf,
  BcPath,
  BusinessCentral,
  EMPTY_GUID,
  eq,
  guid,
  isGuid,
  ODataFilter,
  Paged,
} from '@mlc/business-central';
import { Decimal } from '@mlc/platform-money';
import { z } from 'zod';
import { BcItemRead, BcItemSource, BcSalesOrderState } from './bc-item-source.port';

/** `or` chains per request: 40 GUIDs keep the URL near 2.5 KB, well under common 8 KiB limits. */
const IDS_PER_REQUEST = 40;
const SELECT = ['id', 'number', 'gtin', 'type', 'blocked', 'inventory', 'unitPrice', 'priceIncludesTax'];
const ITEMS = BcPath.collection('items');

const itemRow = z.object({
  id: z.string(),
  number: z.string(),
  gtin: z.string().optional(),
  type: z.enum(['Inventory', 'Service', 'Non-Inventory']),
  blocked: z.boolean(),
  inventory: z.number(),
  unitPrice: z.number(),
  priceIncludesTax: z.boolean().optional(),
});

/**
 * Items as the push needs them, with `$select` so BC sends only these fields. Signals carry ids only, so a push
 * re-reads its items: up to `fullReadThreshold` by `id eq .. or id eq ..` batches (BC accepts `or` on one field),
 * beyond that by paging the whole `items` collection, which costs fewer requests.
 */
export class BusinessCentralItemSource implements BcItemSource {
  constructor(
    private readonly bc: BusinessCentral,
    private readonly fullReadThreshold: number,
    private readonly now: () => number = Date.now,
  ) {}

  async readItems(ids: readonly string[]): Promise<BcItemRead[]> {
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))].filter(isGuid);
    if (wanted.length > this.fullReadThreshold) {
      const set = new Set(wanted);
      const found: BcItemRead[] = [];
      for await (const page of this.readAll()) found.push(...page.filter((i) => set.has(i.id)));
      return found;
    }
    const found: BcItemRead[] = [];
    for (let i = 0; i < wanted.length; i += IDS_PER_REQUEST) {
      const filter = anyOf(
        'id',
        wanted.slice(i, i + IDS_PER_REQUEST).map((id) => guid(id)),
      );
      for await (const page of this.pages(filter)) found.push(...page);
    }
    return found;
  }

  readAll(): AsyncIterable<readonly BcItemRead[]> {
    return this.pages(undefined);
  }

  async findByKeys(mode: 'item-number' | 'gtin', keys: readonly string[]): Promise<BcItemRead[]> {
    const field = mode === 'item-number' ? 'number' : 'gtin';
    const max = mode === 'item-number' ? 20 : 14;
    const wanted = [...new Set(keys.map((k) => (mode === 'item-number' ? k.trim().toUpperCase() : k.trim())))].filter(
      (k) => k !== '' && k.length <= max,
    );
    const found: BcItemRead[] = [];
    for (let i = 0; i < wanted.length; i += IDS_PER_REQUEST) {
      for await (const page of this.pages(anyOf(field, wanted.slice(i, i + IDS_PER_REQUEST)))) found.push(...page);
    }
    return found;
  }

  /** A customer billed in local currency shows the LCY code with an empty `currencyId`. */
  async localCurrency(): Promise<string | undefined> {
    const rows = await this.bc.client
      .list(BcPath.collection('customers'), z.object({ currencyCode: z.string() }), {
        filter: eq('currencyId', guid(EMPTY_GUID)),
        select: ['currencyCode'],
        top: 1,
      })
      .toArray();
    const code = rows[0]?.currencyCode.trim().toUpperCase();
    return code ? code : undefined;
  }

  async salesOrder(id: string): Promise<BcSalesOrderState | undefined> {
    const order = await this.bc.salesOrders.get(id);
    if (!order) return undefined;
    return {
      id: order.id,
      lastModifiedAt: Date.parse(order.lastModifiedDateTime),
      lines: (order.salesOrderLines ?? []).map((l) => ({
        ...(l.itemId ? { itemId: l.itemId } : {}),
        quantity: l.quantity.toString(),
        shippedQuantity: l.shippedQuantity.toString(),
      })),
    };
  }

  /** Pages of a filtered read, each row stamped with the start of the request that returned it. */
  private async *pages(filter: ODataFilter | undefined): AsyncIterable<readonly BcItemRead[]> {
    const pager: Paged<z.infer<typeof itemRow>> = this.bc.client.list(ITEMS, itemRow, {
      ...(filter && { filter }),
      select: SELECT,
    });
    const iterator = pager.pages()[Symbol.asyncIterator]();
    for (;;) {
      const observedAt = this.now();
      const next = await iterator.next();
      if (next.done) return;
      yield next.value.map((row) => readOf(row, observedAt));
    }
  }
}

function readOf(row: z.infer<typeof itemRow>, observedAt: number): BcItemRead {
  return {
    id: row.id.toLowerCase(),
    number: row.number,
    ...(row.gtin ? { gtin: row.gtin } : {}),
    type: row.type,
    blocked: row.blocked,
    inventory: Decimal.fromWireNumber(row.inventory),
    unitPrice: Decimal.fromWireNumber(row.unitPrice),
    priceIncludesTax: row.priceIncludesTax ?? false,
    observedAt,
  };
}
