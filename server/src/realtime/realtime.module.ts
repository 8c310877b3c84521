import { Global, Module } from '@nestjs/common';
import { LiveEvents } from '../events/live-events';
import { RealtimeGateway } from './realtime.gateway';

@Global()
@Module({ providers: [LiveEvents, RealtimeGateway], exports: [LiveEvents] })
export class RealtimeModule {}
