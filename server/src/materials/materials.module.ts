import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CardModule } from '../card/card.module';
import { MegaModule } from '../mega/mega.module';
import { NoticesModule } from '../notices/notices.module';
import { PublicStatusModule } from '../public-status/public-status.module';
import { MaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';

@Module({
  imports: [CalendarModule, CardModule, MegaModule, NoticesModule, PublicStatusModule],
  controllers: [MaterialsController],
  providers: [MaterialsService],
  exports: [MaterialsService],
})
export class MaterialsModule {}
