import { Module } from '@nestjs/common';
import { CardModule } from '../card/card.module';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';
import { NumberingService } from './numbering.service';
import { PdfRenderer } from './pdf-renderer';

@Module({
  imports: [CardModule],
  controllers: [NoticesController],
  providers: [NoticesService, NumberingService, PdfRenderer],
  exports: [NoticesService, NumberingService],
})
export class NoticesModule {}
