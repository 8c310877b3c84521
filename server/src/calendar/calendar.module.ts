import { Module } from '@nestjs/common';
import { CardModule } from '../card/card.module';
import { DeadlineRecomputeModule } from '../deadlines/deadline-recompute.module';
import { CalendarAdminController } from './calendar-admin.controller';
import { CalendarAdminService } from './calendar-admin.service';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { ConfigurationLog } from './configuration-log';
import { ItemDeadlineController } from './item-deadline.controller';

@Module({
  imports: [CardModule, DeadlineRecomputeModule],
  controllers: [CalendarController, CalendarAdminController, ItemDeadlineController],
  providers: [CalendarService, CalendarAdminService, ConfigurationLog],
  exports: [CalendarService, ConfigurationLog],
})
export class CalendarModule {}
