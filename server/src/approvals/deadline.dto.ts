import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  DELAY_CAUSES,
  RULINGS,
  type DelayCause,
  type DelayItemRequest,
  type ExtendItemRequest,
  type FileExplanationRequest,
  type RuleExplanationRequest,
  type Ruling,
} from '@hub/shared';
import { IsCalendarInstant } from '../common/validation';

export class ExtendItemDto implements ExtendItemRequest {
  @ApiProperty({ example: '2026-03-10T16:00:00.000Z' }) @IsCalendarInstant() newDueAt: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) reason: string;
}

export class DelayItemDto implements DelayItemRequest {
  @ApiProperty({ enum: DELAY_CAUSES }) @IsIn(DELAY_CAUSES) cause: DelayCause;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) description: string;
  @ApiProperty() @IsCalendarInstant() newDueAt: string;
  @ApiPropertyOptional({ description: 'R13 network outage: when it began' }) @IsOptional() @IsCalendarInstant() outageFrom?: string;
  @ApiPropertyOptional({ description: 'R13 network outage: when it ended (record the delay up to 1 working day after)' })
  @IsOptional()
  @IsCalendarInstant()
  outageTo?: string;
}

export class FileExplanationDto implements FileExplanationRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(8000) text: string;
  @ApiPropertyOptional({ description: 'The meeting or inspection this explanation excuses absence from' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;
}

export class RuleExplanationDto implements RuleExplanationRequest {
  @ApiProperty({ enum: RULINGS }) @IsIn(RULINGS) ruling: Ruling;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) note?: string;
  @ApiPropertyOptional({ description: 'Accepted: the new due instant (R12)' }) @IsOptional() @IsCalendarInstant() newDueAt?: string;
}
