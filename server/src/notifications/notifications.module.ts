import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CardModule } from '../card/card.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { ApplicantNotifier, Notifier } from './notifier';
import { Outbox } from './outbox';
import { OutboxSender } from './outbox-sender';

/** R27: messages outside the hub — the outbox, its sender in every instance, the choices of each person. */
@Module({
  imports: [CalendarModule, CardModule],
  controllers: [NotificationsController],
  providers: [Outbox, OutboxSender, Notifier, ApplicantNotifier, NotificationsService],
  exports: [Notifier, Outbox],
})
export class NotificationsModule {}
