import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  MEETING_KINDS,
  OPINION_KINDS,
  type CloseMeetingRequest,
  type ConveneMeetingRequest,
  type LateExcuse,
  type MarkPresentRequest,
  type MeetingKind,
  type OpinionKind,
  type OpinionRequest,
  type RectificationRequest,
} from '@hub/shared';

export class ConveneMeetingDto implements ConveneMeetingRequest {
  @ApiProperty({ enum: MEETING_KINDS }) @IsIn(MEETING_KINDS) kind: MeetingKind;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiProperty() @IsISO8601({ strict: true }) startsAt: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) endsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) place?: string;
  @ApiProperty() @IsBoolean() online: boolean;
  @ApiPropertyOptional({ description: 'Defaults to every department with an open item' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  invitedDepartmentIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(8000) agenda?: string;
}

export class OpinionDto implements OpinionRequest {
  @ApiProperty({ enum: OPINION_KINDS }) @IsIn(OPINION_KINDS) kind: OpinionKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(8000) conditions?: string;
  @ApiPropertyOptional({ description: 'Legal basis; required to disagree' }) @IsOptional() @IsString() @MaxLength(8000) basis?: string;
}

export class LateExcuseDto implements LateExcuse {
  @ApiProperty() @IsUUID() departmentId: string;
  @ApiProperty({ description: 'R15a: why the late arrival is excused' }) @IsString() @MaxLength(2000) reason: string;
}

export class ClosePreviewDto {
  @ApiPropertyOptional({ type: [LateExcuseDto], description: 'R15a: late arrivals the closer excuses, each with its reason' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LateExcuseDto)
  lateExcuses?: LateExcuseDto[];
}

export class CloseMeetingDto extends ClosePreviewDto implements CloseMeetingRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(8000) conclusion: string;
  @ApiPropertyOptional({ description: 'Site inspections: findings (R20)' }) @IsOptional() @IsString() @MaxLength(8000) findings?: string;
}

export class MarkPresentDto implements MarkPresentRequest {
  @ApiProperty() @IsUUID() departmentId: string;
}

export class RectificationDto implements RectificationRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) request: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() departmentId?: string;
}
