import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

@Module({ imports: [CalendarModule], controllers: [SettingsController], providers: [SettingsService] })
export class SettingsModule {}
