import { Global, Module } from '@nestjs/common';
import { NoticesService } from './notices.service';
import { NumberingService } from './numbering.service';

@Global()
@Module({ providers: [NoticesService, NumberingService], exports: [NoticesService, NumberingService] })
export class NoticesModule {}
