import { Global, Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { ApplicantNotifier, Notifier } from './notifier';
import { Outbox } from './outbox';
import { OutboxSender } from './outbox-sender';

/** R27: messages outside the hub — the outbox, its sender in every instance, the choices of each person. */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [Outbox, OutboxSender, Notifier, ApplicantNotifier, NotificationsService],
  exports: [Notifier, Outbox],
})
export class NotificationsModule {}
