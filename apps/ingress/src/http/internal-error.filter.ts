import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from '@mlc/platform-observability';
import { INGRESS_LOGGER } from '../ingress.tokens';
import { requestIdOf, writeAnswer } from './replies';

const HTTP_REASONS: Record<number, string> = {
  400: 'bad-request',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'body-too-large',
};

/**
 * Every error that escapes a controller, and every route Nest does not know, answers with a short reason code: no
 * framework message, path echo or stack ever reaches the caller. Unexpected errors are logged with the request id.
 */
@Catch()
export class InternalErrorFilter implements ExceptionFilter {
  constructor(@Inject(INGRESS_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const requestId = requestIdOf(req);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      writeAnswer(res, { status, error: HTTP_REASONS[status] ?? (status >= 500 ? 'internal' : 'rejected') }, requestId);
      return;
    }
    this.logger.error(
      { reqId: requestId, method: req.method, path: req.route?.path, err: exception },
      'unhandled error',
    );
    writeAnswer(res, { status: 500, error: 'internal' }, requestId);
  }
}
