import { Module } from '@nestjs/common';
import { CardModule } from '../card/card.module';
import { CalendarAdminController } from './calendar-admin.controller';
import { CalendarAdminService } from './calendar-admin.service';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { ConfigurationLog } from './configuration-log';
import { DeadlineRecompute } from '../deadlines/deadline-recompute';
import { ItemDeadlineController } from './item-deadline.controller';

@Module({
  imports: [CardModule],
  controllers: [CalendarController, CalendarAdminController, ItemDeadlineController],
  providers: [CalendarService, CalendarAdminService, ConfigurationLog, DeadlineRecompute],
  exports: [CalendarService, ConfigurationLog],
})
export class CalendarModule {}
