export interface LoggedRequest {
  readonly system: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly time: string;
}

/**
 * A bounded log of served requests, for tests and benchmarks that count API calls: a ring buffer keeping the newest
 * `limit` entries, so recording stays constant-time however many requests a benchmark sends.
 */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  /** Index of the oldest entry once the buffer is full. */
  private start = 0;

  constructor(private readonly limit = 200_000) {}

  record(entry: LoggedRequest): void {
    if (this.entries.length < this.limit) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.limit;
  }

  /** Entries oldest first, optionally of one system only. */
  list(system?: string): LoggedRequest[] {
    const ordered =
      this.start === 0 ? this.entries : [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
    return system ? ordered.filter((e) => e.system === system) : [...ordered];
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
  }
}
