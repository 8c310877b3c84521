import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import type { CorrectNoticeRequest } from '@hub/shared';

export class CorrectNoticeDto implements CorrectNoticeRequest {
  @ApiProperty({ description: 'R17: why the document is corrected' }) @IsString() @MaxLength(4000) reason: string;
  @ApiPropertyOptional({ description: 'R17: revoking a deemed consent — the due instant the item returns to review with' })
  @IsOptional()
  @IsISO8601({ strict: true })
  newDueAt?: string;
}
