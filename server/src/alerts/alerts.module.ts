import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CardModule } from '../card/card.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { EarlyWarningWatch } from './early-warning-watch';

@Module({
  imports: [CalendarModule, CardModule, NotificationsModule],
  controllers: [AlertsController],
  providers: [AlertsService, EarlyWarningWatch],
  exports: [AlertsService],
})
export class AlertsModule {}
