import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { NoticesModule } from '../notices/notices.module';
import { AccountabilityController } from './accountability.controller';
import { AccountabilityService } from './accountability.service';
import { CirculationService } from './circulation.service';

@Module({
  imports: [CalendarModule, NoticesModule],
  controllers: [AccountabilityController],
  providers: [AccountabilityService, CirculationService],
})
export class AccountabilityModule {}
