import { Global, Module } from '@nestjs/common';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';
import { NumberingService } from './numbering.service';
import { PdfRenderer } from './pdf-renderer';

@Global()
@Module({ controllers: [NoticesController], providers: [NoticesService, NumberingService, PdfRenderer], exports: [NoticesService, NumberingService] })
export class NoticesModule {}
