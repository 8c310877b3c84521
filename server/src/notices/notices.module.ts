import { Module } from '@nestjs/common';
import { CardModule } from '../card/card.module';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';
import { NumberingService } from './numbering.service';

@Module({ imports: [CardModule], controllers: [NoticesController], providers: [NoticesService, NumberingService], exports: [NoticesService, NumberingService] })
export class NoticesModule {}
