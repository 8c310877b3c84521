import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { NotificationChannel, NotificationKind, SmtpSettings, UpdateMyNotificationsRequest } from '@hub/shared';

/** Addresses are checked by the service against the shared patterns, so each refusal names R27 and its field. */
export class UpdateMyNotificationsDto implements UpdateMyNotificationsRequest {
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

  @ApiProperty({ description: 'A channel (hub, email, sms) per alert kind' })
  @IsObject()
  channels: Record<NotificationKind, NotificationChannel>;
}

export class SmtpSettingsDto implements SmtpSettings {
  @ApiProperty({ example: 'smtp.example.gov.cn', description: 'Empty: use the environment (HUB_SMTP_HOST)' })
  @IsString()
  @MaxLength(200)
  host: string;

  @ApiProperty({ example: 465 })
  @IsInt()
  @Min(1)
  @Max(65535)
  port: number;

  @ApiProperty()
  @IsBoolean()
  secure: boolean;

  @ApiProperty({ example: 'hub@example.gov.cn' })
  @IsString()
  @MaxLength(200)
  user: string;

  @ApiProperty({ example: '绿色通道 <hub@example.gov.cn>' })
  @IsString()
  @MaxLength(200)
  from: string;
}
