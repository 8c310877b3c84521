import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  ROLES,
  type CreateUserRequest,
  type NameDeputyRequest,
  type PeopleImportRequest,
  type Role,
  type SaveDepartmentRequest,
  type UpdateUserContactRequest,
} from '@hub/shared';

export class SaveDepartmentDto implements SaveDepartmentRequest {
  @ApiProperty({ example: 'DRC' })
  @IsString()
  @MaxLength(16)
  code: string;

  @ApiProperty({ example: '发展和改革局' })
  @IsString()
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'Development and Reform Bureau' })
  @IsString()
  @MaxLength(200)
  nameEn: string;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'zhang.san' })
  @IsString()
  @MaxLength(40)
  username: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ nullable: true, description: 'Exactly one for a liaison, none for every other role (R1)' })
  @IsOptional()
  @IsUUID()
  departmentId: string | null;
}

/** R27: an e-mail and a mobile; checked by the service against the shared rule, so a refusal names R27 and its field. */
export class ContactDto implements UpdateUserContactRequest {
  @ApiProperty({ nullable: true, example: 'zhang.san@example.gov.cn' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  email: string | null;

  @ApiProperty({ nullable: true, example: '13800138000' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  mobile: string | null;
}

export class SetupDto {
  @ApiProperty({ description: 'The token of the one-time setup link printed at first start' })
  @IsString()
  @MaxLength(200)
  token: string;

  @ApiProperty({ description: 'At least 10 characters, not the username' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class NameDeputyDto implements NameDeputyRequest {
  @ApiProperty()
  @IsUUID()
  principalUserId: string;

  @ApiProperty()
  @IsUUID()
  deputyUserId: string;

  @ApiProperty({ example: '2026-03-02T00:00:00+08:00' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2026-03-09T00:00:00+08:00' })
  @IsISO8601({ strict: true })
  endsAt: string;
}

export class PeopleImportDto implements PeopleImportRequest {
  @ApiProperty({ description: 'CSV in the template columns (UTF-8, BOM allowed)' })
  @IsString()
  @MaxLength(1_000_000)
  content: string;
}
