import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { Database } from '../database/database';

/** A database slower than this to answer `SELECT 1` counts as down. */
const HEALTH_WITHIN_MS = 900;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  /** Liveness and readiness: 200 only when the database answers; "down" within a second otherwise, never a hang. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<{ status: string; database: string }> {
    if (await this.db.ping(HEALTH_WITHIN_MS)) return { status: 'ok', database: 'up' };
    res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'unavailable', database: 'down' };
  }
}
