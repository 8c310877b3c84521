import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CardModule } from '../card/card.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [AuthModule, CardModule, MeetingsModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
