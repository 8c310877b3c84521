import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsNotBlank, IsPhone } from '../common/validation';
import {
  APPLICANT_TYPES,
  isCivilDate,
  MATERIAL_KINDS,
  SPECIAL_PROCEDURES,
  type AddMaterialRequest,
  type ApplicantType,
  type IssueOneTimeNotificationRequest,
  type IssueReceiptRequest,
  type MaterialKind,
  type MaterialRulingRequest,
  type ReceiptApplicant,
  type RecordPickupRequest,
  type RecordReceivedRequest,
  type SpecialProcedure,
} from '@hub/shared';

/** A real calendar date 'YYYY-MM-DD' (a civil date in the center's zone). */
const IsCivilDate = () =>
  ValidateBy({
    name: 'civilDate',
    validator: {
      validate: (v) => typeof v === 'string' && isCivilDate(v),
      defaultMessage: (a) => `${a?.property} must be a date YYYY-MM-DD`,
    },
  });

export class AddMaterialDto implements AddMaterialRequest {
  @ApiProperty() @IsString() @IsNotBlank() @MaxLength(200) name: string;
  @ApiProperty({ enum: MATERIAL_KINDS }) @IsIn(MATERIAL_KINDS) kind: MaterialKind;
  @ApiProperty() @IsInt() @Min(1) @Max(99) copies: number;
  @ApiPropertyOptional({ description: 'Why it is needed; required after the one-time notification (R7)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class RecordReceivedDto implements RecordReceivedRequest {
  @ApiProperty() @IsInt() @Min(0) @Max(99) received: number;
}

export class MaterialRulingDto implements MaterialRulingRequest {
  @ApiProperty() @IsBoolean() approved: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class IssueOneTimeNotificationDto implements IssueOneTimeNotificationRequest {
  @ApiProperty({ description: 'Fees and their basis, or that none are charged' })
  @IsString()
  @IsNotBlank()
  @MaxLength(4000)
  fees: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}

class ApplicantDto implements ReceiptApplicant {
  @ApiProperty({ enum: APPLICANT_TYPES }) @IsIn(APPLICANT_TYPES) type: ApplicantType;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) occupation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) legalRepresentative?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) address: string;
  @ApiProperty() @IsString() @IsPhone() phone: string;
}

class SpecialProcedureDto {
  @ApiProperty({ enum: SPECIAL_PROCEDURES }) @IsIn(SPECIAL_PROCEDURES) procedure: SpecialProcedure;
  @ApiProperty() @IsInt() @Min(1) @Max(365) workingDays: number;
}

export class IssueReceiptDto implements IssueReceiptRequest {
  @ApiProperty({ type: ApplicantDto }) @IsObject() @ValidateNested() @Type(() => ApplicantDto) applicant: ApplicantDto;
  @ApiProperty({ example: '2026-03-02' }) @IsCivilDate() receivedOn: string;
  @ApiProperty({ nullable: true, example: '2026-03-02' })
  @ValidateIf((o: IssueReceiptDto) => o.acceptedOn !== null)
  @IsCivilDate()
  acceptedOn: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notAcceptedReason?: string;
  @ApiProperty({ example: '2026-03-05' }) @IsCivilDate() promisedCompletionOn: string;
  @ApiProperty({ type: [SpecialProcedureDto] })
  @IsArray()
  @ArrayMaxSize(SPECIAL_PROCEDURES.length)
  @ValidateNested({ each: true })
  @Type(() => SpecialProcedureDto)
  specialProcedures: SpecialProcedureDto[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) applicantSignatory: string;
}

export class RecordPickupDto implements RecordPickupRequest {
  @ApiProperty({ example: '2026-03-05' }) @IsCivilDate() pickedUpOn: string;
  @ApiPropertyOptional({ description: 'Required when later than promised (R9)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  lateReason?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) pickerName: string;
}
