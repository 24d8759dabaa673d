import { BusinessCentralClient } from '../client/business-central-client';
import { ItemsPort, Paged } from '../business-central.port';
import { anyOf, eq, gt } from '../odata/odata-filter';
import { BcPath } from '../odata/odata-path';
import { BcItem, BcItemField, BcItemSelection, itemSchema, itemSelectionSchema } from './schemas/item.schema';

const items = BcPath.collection('items');
/** Numbers per `or` chain: keeps the URL well under common 8 KiB limits. */
const NUMBERS_PER_REQUEST = 40;
const MAX_NUMBER_LENGTH = 20;
const MAX_GTIN_LENGTH = 14;

export class ItemsResource implements ItemsPort {
  constructor(private readonly client: BusinessCentralClient) {}

  async byId(id: string): Promise<BcItem | undefined> {
    return this.client.find(BcPath.entity('items', id), itemSchema);
  }

  async byNumber(number: string): Promise<BcItem | undefined> {
    const [found] = await this.byNumbers([number]);
    return found;
  }

  async byNumbers(numbers: readonly string[]): Promise<BcItem[]> {
    const wanted = [...new Set(numbers.map((n) => n.trim().toUpperCase()))].filter(
      (n) => n && n.length <= MAX_NUMBER_LENGTH,
    );
    const found: BcItem[] = [];
    for (let i = 0; i < wanted.length; i += NUMBERS_PER_REQUEST) {
      const chunk = wanted.slice(i, i + NUMBERS_PER_REQUEST);
      found.push(...(await this.client.list(items, itemSchema, { filter: anyOf('number', chunk) }).toArray()));
    }
    return found;
  }

  async byGtin(gtin: string): Promise<BcItem[]> {
    const wanted = gtin.trim();
    if (!wanted || wanted.length > MAX_GTIN_LENGTH) return [];
    return this.client.list(items, itemSchema, { filter: eq('gtin', wanted) }).toArray();
  }

  list<K extends BcItemField>(
    select: readonly K[],
    options: { readonly readReplica?: boolean } = {},
  ): Paged<BcItemSelection<K>> {
    const fields = [...new Set<BcItemField>(['id', ...select])];
    return this.client.list(items, itemSelectionSchema(select), { select: fields }, options);
  }

  modifiedSince(since: Date): Paged<BcItem> {
    return this.client.list(items, itemSchema, { filter: gt('lastModifiedDateTime', since) });
  }
}
