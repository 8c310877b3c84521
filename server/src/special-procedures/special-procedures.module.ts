import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CardModule } from '../card/card.module';
import { SpecialProceduresController } from './special-procedures.controller';
import { SpecialProceduresService } from './special-procedures.service';

@Module({
  imports: [ApprovalsModule, CalendarModule, CardModule],
  controllers: [SpecialProceduresController],
  providers: [SpecialProceduresService],
  exports: [SpecialProceduresService],
})
export class SpecialProceduresModule {}
