import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest } from '@hub/shared';

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
