/** Injection token of the admin endpoint's options. */
export const BACKFILL_OPTIONS = Symbol('catalog-writer backfill endpoint options');

export interface BackfillEndpointOptions {
  /** Bearer token the admin endpoint requires; the endpoint is disabled without one. */
  readonly adminToken?: string;
}
