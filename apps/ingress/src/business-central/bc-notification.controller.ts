import { Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from '@mlc/platform-observability';
import { discardBody, readRawBody } from '../http/raw-body';
import { requestIdOf, writeAnswer } from '../http/replies';
import { logOutcome } from '../http/request-log';
import { IngressRuntime } from '../boot/ingress-runtime';
import { INGRESS_CONFIG, INGRESS_LOGGER } from '../ingress.tokens';
import type { IngressConfig } from '../config';
import { BcNotificationHandler } from './bc-notification.handler';

/** `POST /webhooks/business-central/{connectionId}`: the validation handshake and change notifications. */
@Controller('webhooks/business-central')
export class BcNotificationController {
  constructor(
    private readonly handler: BcNotificationHandler,
    @Inject(INGRESS_CONFIG) private readonly config: IngressConfig,
    private readonly runtime: IngressRuntime,
    @Inject(INGRESS_LOGGER) private readonly logger: Logger,
  ) {}

  @Post(':connectionId')
  async receive(@Param('connectionId') connectionId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const started = performance.now();
    const requestId = requestIdOf(req);
    const result = await this.handler.handle({
      connectionId,
      url: req.originalUrl,
      readBody: () => readRawBody(req, this.config.bcMaxBodyBytes),
      discardBody: () => discardBody(req),
    });
    // A body left unread (refused early or too large) is not drained for keep-alive, and a draining server keeps
    // no connection: either way the connection closes after this answer.
    const close = !req.complete || !this.runtime.accepting;
    writeAnswer(res, close ? { ...result.answer, close } : result.answer, requestId);
    logOutcome(this.logger, { system: 'business-central', requestId, connectionId, started, ...result });
  }
}
