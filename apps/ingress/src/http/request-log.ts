import { connectionIdSchema } from '@mlc/connections';
import type { Logger } from '@mlc/platform-observability';
import type { Answer } from './replies';

export interface RequestOutcome {
  readonly system: string;
  readonly requestId: string;
  readonly connectionId: string;
  readonly started: number;
  readonly answer: Answer;
  readonly outcome: string;
  readonly reason: string;
}

/**
 * One line per request: request id, connection, status, outcome, reason code and duration. Never headers, bodies,
 * signatures or secrets. Acknowledged deliveries log at debug (they are counted in metrics); refusals at info;
 * broker trouble at warn.
 */
export function logOutcome(logger: Logger, o: RequestOutcome): void {
  const level = o.answer.status >= 500 ? 'warn' : o.answer.status >= 300 || o.outcome === 'dropped' ? 'info' : 'debug';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      reqId: o.requestId,
      system: o.system,
      connectionId: connectionIdSchema.safeParse(o.connectionId).success ? o.connectionId : '(invalid)',
      status: o.answer.status,
      outcome: o.outcome,
      reason: o.reason,
      ms: Math.round((performance.now() - o.started) * 10) / 10,
    },
    `${o.system} ${o.outcome}`,
  );
}
