import { Global, Module } from '@nestjs/common';
import { DeadlineSignals } from './deadline-signals';
import { LiveEvents } from './live-events';

/** Events every capability publishes: live pushes to clients, and due instants changed for this instance's engine. */
@Global()
@Module({ providers: [LiveEvents, DeadlineSignals], exports: [LiveEvents, DeadlineSignals] })
export class EventsModule {}
