import { Global, Module } from '@nestjs/common';
import { DeadlineEngine } from './deadline-engine';
import { DeadlineSignals } from '../events/deadline-signals';

@Global()
@Module({ providers: [DeadlineEngine, DeadlineSignals], exports: [DeadlineEngine, DeadlineSignals] })
export class DeadlinesModule {}
