import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { metricsText, registry } from '../metrics';
import { ReadinessRegistry } from './readiness';

/** Liveness, readiness and Prometheus metrics: the same three endpoints on every service. */
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('health/live')
  @HttpCode(200)
  live() {
    return { status: 'live' };
  }

  @Get('health/ready')
  async ready(@Res() res: Response) {
    const result = await this.readiness.evaluate();
    res.status(result.ready ? 200 : 503).json({ status: result.ready ? 'ready' : 'not-ready', checks: result.checks });
  }

  @Get('metrics')
  @Header('Content-Type', registry.contentType)
  metrics() {
    return metricsText();
  }
}
