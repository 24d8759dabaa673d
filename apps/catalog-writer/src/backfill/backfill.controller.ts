import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Headers, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { describeError } from '@mlc/platform-errors';
import type { SyncProgress } from '../sku-map/full-sync';
import { BACKFILL_OPTIONS, BackfillEndpointOptions } from './backfill.tokens';
import { BackfillService } from './backfill.service';

const CONNECTION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * `POST /admin/connections/:id/backfill-catalog[?dryRun=true]` with `Authorization: Bearer <ADMIN_TOKEN>`: runs the
 * backfill and streams newline-delimited JSON: `{"type":"progress",phase,done,total?}` lines while it runs, then one
 * `{"type":"summary",...}` or `{"type":"error",code,message}` line. Disabled (403) when ADMIN_TOKEN is not set.
 */
@Controller('admin')
export class BackfillController {
  constructor(
    @Inject(BackfillService) private readonly backfill: BackfillService,
    @Inject(BACKFILL_OPTIONS) private readonly options: BackfillEndpointOptions,
  ) {}

  @Post('connections/:id/backfill-catalog')
  async run(
    @Param('id') connectionId: string,
    @Query('dryRun') dryRun: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const denied = this.denied(authorization);
    if (denied) {
      res.status(denied.status).json({ error: denied.error });
      return;
    }
    if (!CONNECTION_ID.test(connectionId)) {
      res.status(400).json({ error: 'connection ids are lowercase letters, digits and dashes' });
      return;
    }
    res.status(200).setHeader('content-type', 'application/x-ndjson');
    res.flushHeaders();
    const line = (value: object) => res.write(`${JSON.stringify(value)}\n`);
    try {
      const summary = await this.backfill.run(connectionId, {
        dryRun: dryRun === 'true' || dryRun === '1',
        onProgress: throttled((p) => line({ type: 'progress', ...p })),
      });
      line({ type: 'summary', connectionId, ...summary });
    } catch (err) {
      const { code, message } = describeError(err);
      line({ type: 'error', code, message });
    }
    res.end();
  }

  private denied(authorization: string | undefined): { status: number; error: string } | undefined {
    const token = this.options.adminToken;
    if (!token) return { status: 403, error: 'the admin API is disabled: set ADMIN_TOKEN' };
    const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    const digest = (text: string) => createHash('sha256').update(text).digest();
    return timingSafeEqual(digest(given), digest(token)) ? undefined : { status: 401, error: 'bad admin token' };
  }
}

/** Progress lines at most every 100 ms within a phase; a new phase is always reported. */
function throttled(emit: (p: SyncProgress) => void): (p: SyncProgress) => void {
  let last = 0;
  let phase = '';
  return (p) => {
    const now = Date.now();
    const final = p.total !== undefined && p.done === p.total;
    if (p.phase !== phase || final || now - last >= 100) {
      phase = p.phase;
      last = now;
      emit(p);
    }
  };
}
