import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CardModule } from '../card/card.module';
import { AlertsModule } from '../alerts/alerts.module';
import { MegaController } from './mega.controller';
import { MegaService } from './mega.service';

@Module({
  imports: [AlertsModule, CalendarModule, CardModule],
  controllers: [MegaController],
  providers: [MegaService],
  exports: [MegaService],
})
export class MegaModule {}
