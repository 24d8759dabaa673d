/** Exit codes that mean something to scripts. */
/** `breaks`: reconcile found orders whose store and BC figures differ (the command itself worked). */
export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3, refused: 4, breaks: 5, config: 78 } as const;

/** An expected failure: printed as one line (no stack) with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
