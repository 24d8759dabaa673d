import { CliError, EXIT } from '../cli-error';

/** Accepts ISO 8601 (`2026-11-28T08:00:00Z`, `2026-11-28`) or a relative age (`90m`, `24h`, `7d`). */
export function parseTimeArg(value: string, name: string, now = Date.now()): number {
  const relative = /^(\d+)([smhd])$/.exec(value.trim());
  if (relative) {
    const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return now - Number(relative[1]) * unit;
  }
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) {
    throw new CliError(`${name} must be an ISO 8601 time (2026-11-28T08:00:00Z) or an age such as 24h: got "${value}"`, EXIT.usage);
  }
  return parsed;
}
