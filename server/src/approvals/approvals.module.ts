import { Global, Module } from '@nestjs/common';
import { ApprovalsController, ExplanationsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { CorrectionsController } from './corrections.controller';
import { CorrectionsService } from './corrections.service';

@Global()
@Module({
  controllers: [ApprovalsController, ExplanationsController, CorrectionsController],
  providers: [ApprovalsService, CorrectionsService],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
