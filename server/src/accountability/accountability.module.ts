import { Module } from '@nestjs/common';
import { AccountabilityController } from './accountability.controller';
import { AccountabilityService } from './accountability.service';
import { CirculationService } from './circulation.service';

@Module({ controllers: [AccountabilityController], providers: [AccountabilityService, CirculationService] })
export class AccountabilityModule {}
