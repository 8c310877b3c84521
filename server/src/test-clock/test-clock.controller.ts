import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Requires } from '../auth/requires.decorator';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { Database } from '../database/database';
import { DeadlineSignals } from '../events/deadline-signals';

class AdvanceClockDto {
  @ApiProperty({ example: 259200000 })
  @IsInt()
  @Min(1)
  @Max(366 * 24 * 3600 * 1000)
  advanceMs: number;
}

/** Exists only when the server runs with HUB_TEST_CLOCK=1: moves the one hub clock forward, never back. */
@ApiTags('test')
@Controller('test/clock')
export class TestClockController {
  constructor(
    private readonly db: Database,
    private readonly signals: DeadlineSignals,
  ) {}

  @Requires('clock.advance')
  @Post()
  @HttpCode(200)
  async advance(@Body() dto: AdvanceClockDto): Promise<{ now: string }> {
    const row = await this.db.one<{ now: Date }>(
      `WITH moved AS (UPDATE hub_clock SET offset_ms = offset_ms + $1 RETURNING offset_ms)
       SELECT clock_timestamp() + offset_ms * interval '1 millisecond' AS now FROM moved`,
      [dto.advanceMs],
    );
    this.signals.deadlinesChanged();
    return { now: row!.now.toISOString() };
  }
}
