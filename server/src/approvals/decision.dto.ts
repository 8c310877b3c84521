import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DECISION_OUTCOMES, type DecisionOutcome, type DecisionRequest } from '@hub/shared';

export class DecisionDto implements DecisionRequest {
  @ApiProperty({ enum: DECISION_OUTCOMES }) @IsIn(DECISION_OUTCOMES) outcome: DecisionOutcome;

  @ApiPropertyOptional({ description: 'Legal basis; required to reject' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  basis?: string;
}
