/** The value, or a TypeError naming what was missing: for invariants the ledger guarantees (a programmer error). */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new TypeError(`${what} is missing`);
  return value;
}
