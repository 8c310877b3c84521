import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  DISPOSITION_KINDS,
  INQUIRER_KINDS,
  INQUIRY_CHANNELS,
  MATTER_TYPES,
  PROMISE_MAX_WORKING_DAYS,
  SATISFACTION_LEVELS,
  type DispositionKind,
  type DispositionRequest,
  type FollowUpRequest,
  type Inquirer,
  type InquirerKind,
  type InquiryChannel,
  type LinkProjectRequest,
  type MatterType,
  type RegisterInquiryRequest,
  type ReminderRequest,
  type Satisfaction,
} from '@hub/shared';
import { IsCalendarDate, IsNotBlank } from '../common/validation';

/** A required text that is more than blanks. */
const Text = (max: number) => (target: object, key: string) => {
  IsString()(target, key);
  MaxLength(max)(target, key);
  IsNotBlank()(target, key);
};
/** Optional text; blank counts as given (the domain rules decide what a kind needs). */
const OptionalText = (max: number) => (target: object, key: string) => {
  IsOptional()(target, key);
  IsString()(target, key);
  MaxLength(max)(target, key);
};

class InquirerDto implements Inquirer {
  @ApiProperty({ enum: INQUIRER_KINDS }) @IsIn(INQUIRER_KINDS) kind: InquirerKind;
  @ApiProperty({ example: '云港物流集团有限公司' }) @Text(200) name: string;
  @ApiPropertyOptional({ description: 'For an organisation: the person who asked', example: '吴青' })
  @OptionalText(100)
  contactName: string | null;
  @ApiProperty({ description: 'Phone, fax, e-mail or address', example: '0571-12345678' }) @Text(200) contact: string;
}

export class DispositionDto implements DispositionRequest {
  @ApiProperty({ enum: DISPOSITION_KINDS }) @IsIn(DISPOSITION_KINDS) kind: DispositionKind;
  @ApiPropertyOptional({ description: 'answer: what the inquirer was told' }) @OptionalText(2000) answer?: string;
  @ApiPropertyOptional({ description: 'promise: reply within this many working days', minimum: 1, maximum: PROMISE_MAX_WORKING_DAYS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PROMISE_MAX_WORKING_DAYS)
  workingDays?: number;
  @ApiPropertyOptional({ description: 'transfer: the named colleague' }) @IsOptional() @IsUUID() toUserId?: string;
  @ApiPropertyOptional({ description: 'transfer: the department' }) @IsOptional() @IsUUID() toDepartmentId?: string;
  @ApiPropertyOptional({ description: 'refer: the body that handles it' }) @OptionalText(200) referredTo?: string;
  @ApiPropertyOptional({ description: 'refer: how to reach that body' }) @OptionalText(200) referredContact?: string;
  @ApiPropertyOptional({ description: 'promise/transfer/refer: a note; escalate: why it is a major matter' })
  @OptionalText(2000)
  note?: string;
}

export class RegisterInquiryDto implements RegisterInquiryRequest {
  @ApiProperty({ enum: INQUIRY_CHANNELS }) @IsIn(INQUIRY_CHANNELS) channel: InquiryChannel;
  @ApiProperty({ type: InquirerDto }) @IsObject() @ValidateNested() @Type(() => InquirerDto) inquirer: InquirerDto;
  @ApiProperty({ example: '新建仓储项目需要办理哪些审批' }) @Text(500) subject: string;
  @ApiProperty({ enum: MATTER_TYPES }) @IsIn(MATTER_TYPES) matterType: MatterType;
  @ApiProperty({ description: 'The phone the first responder gave the inquirer', example: '0571-88001234' })
  @Text(100)
  responderContact: string;
  @ApiPropertyOptional({ type: DispositionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DispositionDto)
  disposition?: DispositionDto;
}

export class FollowUpDto implements FollowUpRequest {
  @ApiProperty({ enum: SATISFACTION_LEVELS }) @IsIn(SATISFACTION_LEVELS) satisfaction: Satisfaction;
  @ApiPropertyOptional({ description: 'Required when dissatisfied' }) @OptionalText(2000) comment?: string;
}

export class ReminderDto implements ReminderRequest {
  @ApiProperty({ example: '请今天下班前答复来访人' }) @Text(2000) note: string;
}

export class LinkProjectDto implements LinkProjectRequest {
  @ApiProperty() @IsUUID() projectId: string;
}

export class StatisticsQueryDto {
  @ApiProperty({ example: '2026-11-01', description: 'First day (center time zone), inclusive' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-11-30', description: 'Last day, inclusive' }) @IsCalendarDate() to: string;
}
