import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, IsString, Max, MaxLength, Min } from 'class-validator';
import type { NotificationChannel, NotificationKind, SmtpSettings, UpdateMyNotificationsRequest } from '@hub/shared';
import { ContactDto } from '../people/people.dto';

/** The person's own addresses (checked like the admin's, ContactDto) and a channel per kind. */
export class UpdateMyNotificationsDto extends ContactDto implements UpdateMyNotificationsRequest {
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
