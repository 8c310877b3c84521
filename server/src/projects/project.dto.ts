import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsEmailAddress, IsMoneyAmount, IsNotBlank, IsPhone } from '../common/validation';
import {
  CURRENCIES,
  PROJECT_CATEGORIES,
  type AdmitProjectRequest,
  type NationalCodeRequest,
  type WithdrawProjectRequest,
  type Currency,
  type Money,
  type OwnerOrganisation,
  type Preconditions,
  type ProjectCategory,
  type RefuseAdmissionRequest,
  type RegisterProjectRequest,
} from '@hub/shared';

class OwnerDto implements OwnerOrganisation {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) legalRepresentative: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) contactName: string;
  @ApiProperty() @IsString() @IsPhone() contactPhone: string;
  /** R27: the applicant is told of each step by e-mail when one is given. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsEmailAddress()
  contactEmail?: string;
}

class PreconditionsDto implements Preconditions {
  @ApiProperty() @IsBoolean() environmentalCompliance: boolean;
  @ApiProperty() @IsBoolean() feesAndTaxesPaid: boolean;
  @ApiProperty() @IsBoolean() safetyAndStability: boolean;
}

class MoneyDto implements Money {
  @ApiProperty({ example: '1250000000.00' })
  @IsString()
  @IsMoneyAmount()
  amount: string;

  @ApiProperty({ enum: CURRENCIES }) @IsIn(CURRENCIES) currency: Currency;
}

export class RegisterProjectDto implements RegisterProjectRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ type: OwnerDto }) @IsObject() @ValidateNested() @Type(() => OwnerDto) owner: OwnerDto;
  @ApiProperty({ enum: PROJECT_CATEGORIES }) @IsIn(PROJECT_CATEGORIES) category: ProjectCategory;
  @ApiProperty({ type: PreconditionsDto }) @IsObject() @ValidateNested() @Type(() => PreconditionsDto) preconditions: PreconditionsDto;
  @ApiProperty({ type: MoneyDto }) @IsObject() @ValidateNested() @Type(() => MoneyDto) totalInvestment: MoneyDto;
  @ApiProperty() @IsBoolean() reportToHigherAuthority: boolean;
  /** R4a: its format is checked by the service with the rule (nationalCodeError), naming R4a. */
  @ApiProperty({ required: false, nullable: true, example: '2024-330106-48-01-012345' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  nationalCode?: string | null;
}

export class NationalCodeDto implements NationalCodeRequest {
  @ApiProperty({ nullable: true, example: '2024-330106-48-01-012345' })
  @ValidateIf((o: NationalCodeDto) => o.nationalCode !== null)
  @IsString()
  @MaxLength(64)
  nationalCode: string | null;
}

export class WithdrawProjectDto implements WithdrawProjectRequest {
  @ApiProperty() @IsString() @IsNotBlank() @MaxLength(2000) reason: string;
  @ApiProperty({ example: '2026-03-02', description: 'The day the applicant asked to withdraw' }) @IsCalendarDate() requestedOn: string;
}

export class AdmitProjectDto implements AdmitProjectRequest {
  @ApiProperty() @IsUUID() leadDepartmentId: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  participatingDepartmentIds: string[];

  // Length and blankness are R3's to judge (admissionRefusal), so the refusal names the rule.
  @ApiProperty({ required: false, description: 'R3: required exactly when a precondition is not met' })
  @IsOptional()
  @IsString()
  overrideReason?: string;
}

export class RefuseAdmissionDto implements RefuseAdmissionRequest {
  @ApiProperty() @IsOptional() @IsString() reason: string;
}
