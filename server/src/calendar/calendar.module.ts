import { Global, Module } from '@nestjs/common';
import { CalendarAdminController } from './calendar-admin.controller';
import { CalendarAdminService } from './calendar-admin.service';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { ConfigurationLog } from './configuration-log';
import { DeadlineRecompute } from './deadline-recompute';
import { ItemDeadlineController } from './item-deadline.controller';

@Global()
@Module({
  controllers: [CalendarController, CalendarAdminController, ItemDeadlineController],
  providers: [CalendarService, CalendarAdminService, ConfigurationLog, DeadlineRecompute],
  exports: [CalendarService, ConfigurationLog],
})
export class CalendarModule {}
