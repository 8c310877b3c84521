import { Global, Module } from '@nestjs/common';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';
import { NumberingService } from './numbering.service';

@Global()
@Module({ controllers: [NoticesController], providers: [NoticesService, NumberingService], exports: [NoticesService, NumberingService] })
export class NoticesModule {}
