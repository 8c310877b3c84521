import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { IssueCirculationRequest } from '@hub/shared';
import { IsCalendarDate } from '../common/validation';

/** A period in the center's zone, first and last day inclusive (month, quarter, year or custom). */
export class PeriodQueryDto {
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-03-31' }) @IsCalendarDate() to: string;
}

/** Issue 14: one figure of the record, for a department or (without one) the totals. */
export class FigureQueryDto extends PeriodQueryDto {
  @ApiProperty({ example: 'deemed.timeout' }) @IsString() @Matches(/^[a-zA-Z]+(\.[a-z_]+)?$/) @MaxLength(60) figure: string;
  @ApiProperty({ required: false }) @IsOptional() @IsUUID() department?: string;
}

export class QuarterQueryDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ example: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(4) quarter: number;
}

export class IssueCirculationDto implements IssueCirculationRequest {
  @ApiProperty() @IsUUID() departmentId: string;
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(4) quarter: number;
  @ApiProperty({ required: false, description: "The leader's own words, added to the standard text" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  remarks?: string;
}
