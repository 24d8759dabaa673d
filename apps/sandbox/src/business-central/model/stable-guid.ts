import { createHash } from 'node:crypto';

/** A deterministic GUID for a name, so seeded setup records keep the same ids across resets and runs. */
export function stableGuid(name: string): string {
  const hex = createHash('sha1').update(`bc-sandbox:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
