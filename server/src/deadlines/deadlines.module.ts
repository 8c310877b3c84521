import { Global, Module } from '@nestjs/common';
import { DeadlineEngine } from './deadline-engine';

@Global()
@Module({ providers: [DeadlineEngine], exports: [DeadlineEngine] })
export class DeadlinesModule {}
