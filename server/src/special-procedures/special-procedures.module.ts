import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CardModule } from '../card/card.module';
import { SpecialProceduresController } from './special-procedures.controller';
import { SpecialProceduresService } from './special-procedures.service';

@Module({
  imports: [CalendarModule, CardModule],
  controllers: [SpecialProceduresController],
  providers: [SpecialProceduresService],
  exports: [SpecialProceduresService],
})
export class SpecialProceduresModule {}
