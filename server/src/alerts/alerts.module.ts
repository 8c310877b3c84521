import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { EarlyWarningWatch } from './early-warning-watch';

@Module({ controllers: [AlertsController], providers: [AlertsService, EarlyWarningWatch], exports: [AlertsService] })
export class AlertsModule {}
