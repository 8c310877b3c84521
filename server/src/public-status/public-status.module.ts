import { Global, Module } from '@nestjs/common';
import { AccessCodes } from './access-codes';
import { PublicStatusController } from './public-status.controller';
import { PublicStatusService } from './public-status.service';

@Global()
@Module({ controllers: [PublicStatusController], providers: [PublicStatusService, AccessCodes], exports: [AccessCodes] })
export class PublicStatusModule {}
