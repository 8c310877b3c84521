import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  CLOCK_STOPPING_PROCEDURES,
  type ClockStoppingProcedure,
  type EndSpecialProcedureRequest,
  type StartSpecialProcedureRequest,
} from '@hub/shared';
import { IsCalendarInstant } from '../common/validation';

export class StartSpecialProcedureDto implements StartSpecialProcedureRequest {
  @ApiProperty({ enum: CLOCK_STOPPING_PROCEDURES }) @IsIn(CLOCK_STOPPING_PROCEDURES) kind: ClockStoppingProcedure;
  @ApiProperty({ description: 'R10a: when it began (after acceptance, before the due instant, not in the future)' })
  @IsCalendarInstant()
  startsAt: string;
}

export class EndSpecialProcedureDto implements EndSpecialProcedureRequest {
  @ApiProperty({ description: 'R10a: when it ended (after its start, not in the future)' }) @IsCalendarInstant() endsAt: string;
}
