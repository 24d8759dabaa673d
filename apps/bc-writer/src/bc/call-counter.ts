/** Counts API calls by logical operation (`customers.findByEmail`, `getOrder`) for one sync attempt. */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  add(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

type Method = (...args: unknown[]) => unknown;

/**
 * Wraps a port so every method call is counted under `<prefix><name>`; objects held in properties (the resources
 * of BusinessCentralApi) are wrapped too, `depth` levels down. Calls run on the original object, so private fields
 * and `this` behave as without the wrapper.
 */
export function counted<T extends object>(target: T, counter: CallCounter, prefix = '', depth = 1): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (typeof property !== 'string') return value;
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          counter.add(`${prefix}${property}`);
          return (value as Method).apply(object, args);
        };
      }
      if (depth > 0 && value !== null && typeof value === 'object') {
        return counted(value, counter, `${prefix}${property}.`, depth - 1);
      }
      return value;
    },
  });
}
