import { SandboxClock } from './clock';
import { FaultInjector, FaultSystem } from './faults';
import { RequestLog } from './request-log';
import { Router, SandboxRequest, SandboxResponse } from './router';
import { SeedCatalog } from './seed';
import { createRng } from './rng';

/** Shared by both simulated systems: one clock, one fault table, one request log, one seeded random source. */
export class SandboxWorld {
  readonly clock = new SandboxClock();
  readonly log = new RequestLog();
  random: () => number;
  readonly faults: FaultInjector;

  constructor(seed = 1) {
    this.random = createRng(seed);
    this.faults = new FaultInjector(() => this.random());
  }

  reseed(seed: number): void {
    this.random = createRng(seed);
  }

  resetShared(): void {
    this.clock.clear();
    this.log.clear();
    this.faults.clear();
  }
}

/**
 * A simulated external system. Each lives on its own port with its own routes, error shapes and state, and takes
 * part in the shared control API (reset, seed, state) under `/__sandbox/`.
 */
export interface SandboxSystem {
  readonly name: 'bigcommerce' | 'business-central';
  /** This system's API routes, served on its own port. */
  registerApi(router: Router): void;
  /** This system's control routes (e.g. `/__sandbox/bigcommerce/orders`), served on both ports. */
  registerControl(router: Router): void;
  /** Which fault/log system an API path belongs to; undefined for paths this system does not own. */
  systemOf(path: string): FaultSystem | undefined;
  notFound(req: SandboxRequest): SandboxResponse;
  methodNotAllowed(req: SandboxRequest, allowed: string[]): SandboxResponse;
  tooLarge(): SandboxResponse;
  readonly maxBodyBytes: number;
  reset(): void;
  seed(catalog: SeedCatalog): void;
  state(): unknown;
}
