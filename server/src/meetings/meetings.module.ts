import { Global, Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Global()
@Module({ imports: [AlertsModule], controllers: [MeetingsController], providers: [MeetingsService], exports: [MeetingsService] })
export class MeetingsModule {}
