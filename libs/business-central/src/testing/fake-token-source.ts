import { AccessTokenSource } from '../auth/access-token-source.port';

/** Hands out `token-1`, `token-2`, ...: a new one only after the current one is invalidated. */
export class FakeTokenSource implements AccessTokenSource {
  issued = 0;
  readonly invalidated: string[] = [];
  private current?: string;
  private failures: Error[] = [];

  async getToken(): Promise<string> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    if (!this.current) {
      this.issued += 1;
      this.current = `token-${this.issued}`;
    }
    return this.current;
  }

  invalidate(token: string): void {
    this.invalidated.push(token);
    if (this.current === token) this.current = undefined;
  }

  /** The next getToken throws this error (e.g. an Entra CONFIG error). */
  failNext(error: Error): this {
    this.failures.push(error);
    return this;
  }
}
