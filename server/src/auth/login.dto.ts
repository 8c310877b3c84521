import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { ChangePasswordRequest, LoginRequest } from '@hub/shared';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'leader' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'greenchannel' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: 'At least 10 characters, not the username (R1)' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}
