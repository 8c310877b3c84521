import { Global, Module } from '@nestjs/common';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Global()
@Module({ controllers: [MeetingsController], providers: [MeetingsService], exports: [MeetingsService] })
export class MeetingsModule {}
