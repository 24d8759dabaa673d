import pino, { Logger } from 'pino';

/** Paths that may carry secrets or personal data; pino replaces them with "[redacted]" wherever they appear. */
export const REDACT_PATHS = [
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.accessToken',
  '*.token',
  '*.authorization',
  '*.email',
  'headers["x-auth-token"]',
  'headers.authorization',
  '*.headers["x-auth-token"]',
  '*.headers.authorization',
  'config.MASTER_KEY',
  'config.ADMIN_TOKEN',
];

export type { Logger };

/** JSON logs on stdout, one line per event, with `service` on every line. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
