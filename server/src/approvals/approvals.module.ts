import { Global, Module } from '@nestjs/common';
import { ApprovalsController, ExplanationsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

@Global()
@Module({ controllers: [ApprovalsController, ExplanationsController], providers: [ApprovalsService], exports: [ApprovalsService] })
export class ApprovalsModule {}
