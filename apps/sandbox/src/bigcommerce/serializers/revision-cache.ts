/**
 * Memoises serialized bodies per record and revision: formatting money and dates is the costly part of a list
 * page, and most records do not change between reads. Records bump their `revision` on every change; `variant`
 * distinguishes renderings of the same revision (host, includes, stock level).
 */
export class RevisionCache<K extends { revision: number }, V> {
  private readonly entries = new WeakMap<K, { revision: number; variants: Map<string, V> }>();

  get(record: K, variant: string, build: () => V): V {
    let entry = this.entries.get(record);
    if (!entry || entry.revision !== record.revision) {
      entry = { revision: record.revision, variants: new Map() };
      this.entries.set(record, entry);
    }
    let value = entry.variants.get(variant);
    if (value === undefined) {
      value = build();
      entry.variants.set(variant, value);
    }
    return value;
  }
}
