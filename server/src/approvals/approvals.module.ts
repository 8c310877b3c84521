import { Global, Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ApprovalsController, ExplanationsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { CorrectionsController } from './corrections.controller';
import { CorrectionsService } from './corrections.service';

@Global()
@Module({
  imports: [AlertsModule],
  controllers: [ApprovalsController, ExplanationsController, CorrectionsController],
  providers: [ApprovalsService, CorrectionsService],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
