import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { Database } from '../database/database';

/**
 * How long `SELECT 1` may take before the database counts as down: short once it is known gone
 * (an answer within a second), generous otherwise (a machine under load is not an outage).
 */
const PROBE_WHEN_DOWN_MS = 900;
const PROBE_WHEN_UP_MS = 10_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  /** Liveness and readiness: 200 only when the database answers; during an outage "down" within a second; never a hang. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<{ status: string; database: string }> {
    if (await this.db.ping(this.db.available ? PROBE_WHEN_UP_MS : PROBE_WHEN_DOWN_MS)) return { status: 'ok', database: 'up' };
    res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'unavailable', database: 'down' };
  }
}
