import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MyNotifications, OutboxMessageView, SessionUser, SmtpSettingsView } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { SmtpSettingsDto, UpdateMyNotificationsDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

/** R27: my notifications (each person), sent messages and the SMTP server (admin). */
@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Requires('any-session')
  @Get('notifications/mine')
  mine(@CurrentUser() user: SessionUser): Promise<MyNotifications> {
    return this.notifications.mine(user);
  }

  @Requires('any-session')
  @Put('notifications/mine')
  updateMine(@CurrentUser() user: SessionUser, @Body() dto: UpdateMyNotificationsDto): Promise<MyNotifications> {
    return this.notifications.updateMine(user, dto);
  }

  @Requires('settings.edit')
  @Get('admin/messages')
  recent(@CurrentUser() user: SessionUser): Promise<OutboxMessageView[]> {
    return this.notifications.recent(user);
  }

  @Requires('settings.edit')
  @Get('settings/smtp')
  smtp(@CurrentUser() user: SessionUser): Promise<SmtpSettingsView> {
    return this.notifications.smtp(user);
  }

  @Requires('settings.edit')
  @Put('settings/smtp')
  updateSmtp(@CurrentUser() user: SessionUser, @Body() dto: SmtpSettingsDto): Promise<SmtpSettingsView> {
    return this.notifications.updateSmtp(user, dto);
  }
}
