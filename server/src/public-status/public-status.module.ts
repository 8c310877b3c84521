import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CardModule } from '../card/card.module';
import { AccessCodes } from './access-codes';
import { PublicStatusController } from './public-status.controller';
import { PublicStatusService } from './public-status.service';

@Module({
  imports: [AuthModule, CardModule],
  controllers: [PublicStatusController],
  providers: [PublicStatusService, AccessCodes],
  exports: [AccessCodes],
})
export class PublicStatusModule {}
