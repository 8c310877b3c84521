import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CardModule } from '../card/card.module';
import { MegaModule } from '../mega/mega.module';
import { NoticesModule } from '../notices/notices.module';
import { AccessCodes } from './access-codes';
import { MaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';

@Module({
  imports: [CalendarModule, CardModule, MegaModule, NoticesModule],
  controllers: [MaterialsController],
  providers: [MaterialsService, AccessCodes],
  exports: [MaterialsService, AccessCodes],
})
export class MaterialsModule {}
