import { Global, Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ApprovalsController, ExplanationsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

@Global()
@Module({ imports: [AlertsModule], controllers: [ApprovalsController, ExplanationsController], providers: [ApprovalsService], exports: [ApprovalsService] })
export class ApprovalsModule {}
