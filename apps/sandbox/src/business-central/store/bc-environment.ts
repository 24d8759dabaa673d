import type { SandboxClock } from '../../core/clock';
import { BC_DEFAULTS } from '../bc-identity';
import { BcSettings, defaultBcSettings } from '../bc-settings';
import { CompanyData } from './company-data';
import { ChangeEvent, UnitOfWork } from './unit-of-work';

/**
 * One BC environment (`/v2.0/{tenant}/{environment}`): its companies, settings, the unit of work every write runs
 * in, and the change feed webhook subscriptions listen to. Time is the sandbox clock.
 */
export class BcEnvironment {
  settings: BcSettings = defaultBcSettings();
  readonly uow: UnitOfWork;
  readonly companies = new Map<string, CompanyData>();
  readonly tenantId: string = BC_DEFAULTS.tenantId;
  readonly name: string = BC_DEFAULTS.environment;
  private version = 1_225_575_064;
  private readonly listeners: Array<(events: ChangeEvent[]) => void> = [];

  constructor(
    readonly clock: SandboxClock,
    readonly timeScale: number,
  ) {
    this.uow = new UnitOfWork((events) => {
      for (const listener of this.listeners) listener(events);
    });
    const company = new CompanyData(BC_DEFAULTS.companyId, BC_DEFAULTS.companyName, {
      uow: this.uow,
      now: () => this.clock.now(),
      nextVersion: () => this.nextVersion(),
    });
    this.companies.set(company.id, company);
  }

  get defaultCompany(): CompanyData {
    return this.companies.get(BC_DEFAULTS.companyId)!;
  }

  onChanges(listener: (events: ChangeEvent[]) => void): void {
    this.listeners.push(listener);
  }

  nextVersion(): number {
    this.version += 1;
    return this.version;
  }

  now(): number {
    return this.clock.now();
  }

  /** Today's date in sandbox time (UTC), the work date of documents created without dates. */
  today(): string {
    return this.clock.nowIso().slice(0, 10);
  }

  /** A documented wait compressed by the sandbox time scale. */
  scaled(ms: number): number {
    return Math.max(0, Math.round(ms / this.timeScale));
  }

  findCompany(idOrName: string): CompanyData | undefined {
    const byId = this.companies.get(idOrName.toLowerCase());
    if (byId) return byId;
    return [...this.companies.values()].find((c) => c.name === idOrName);
  }
}
