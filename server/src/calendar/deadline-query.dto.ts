import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsCalendarInstant } from '../common/validation';

export class DeadlineQueryDto {
  @ApiProperty({ example: '2026-09-30T02:00:00Z', description: 'Acceptance instant (ISO 8601)' })
  @IsCalendarInstant()
  from: string;

  @ApiProperty({ example: 3, description: 'Working days allowed (R10)' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(250)
  workingDays: number;
}
