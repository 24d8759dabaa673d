import { Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MAX_WEBHOOK_BODY_BYTES } from '@mlc/bigcommerce';
import type { Logger } from '@mlc/platform-observability';
import { readRawBody } from '../http/raw-body';
import { requestIdOf, writeAnswer } from '../http/replies';
import { logOutcome } from '../http/request-log';
import { IngressRuntime } from '../boot/ingress-runtime';
import { INGRESS_LOGGER } from '../ingress.tokens';
import { BigCommerceWebhookHandler } from './bigcommerce-webhook.handler';

/** `POST /webhooks/bigcommerce/{connectionId}`: the raw body is read here (Nest's body parser is off). */
@Controller('webhooks/bigcommerce')
export class BigCommerceWebhookController {
  constructor(
    private readonly handler: BigCommerceWebhookHandler,
    private readonly runtime: IngressRuntime,
    @Inject(INGRESS_LOGGER) private readonly logger: Logger,
  ) {}

  @Post(':connectionId')
  async receive(@Param('connectionId') connectionId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const started = performance.now();
    const requestId = requestIdOf(req);
    const result = await this.handler.handle({
      connectionId,
      contentType: req.headers['content-type'],
      headers: req.headers,
      readBody: () => readRawBody(req, MAX_WEBHOOK_BODY_BYTES),
    });
    // A body left unread (refused early or too large) is not drained for keep-alive, and a draining server keeps
    // no connection: either way the connection closes after this answer.
    const close = !req.complete || !this.runtime.accepting;
    writeAnswer(res, close ? { ...result.answer, close } : result.answer, requestId);
    logOutcome(this.logger, { system: 'bigcommerce', requestId, connectionId, started, ...result });
  }
}
