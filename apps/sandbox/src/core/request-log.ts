export interface LoggedRequest {
  readonly system: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly time: string;
}

/** A bounded log of served requests, for tests and benchmarks that count API calls. */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly limit = 200_000) {}

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  list(system?: string): LoggedRequest[] {
    return system ? this.entries.filter((e) => e.system === system) : [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
