import { Module } from '@nestjs/common';
import { CardModule } from '../card/card.module';
import { DeadlineRecompute } from './deadline-recompute';

/** R11: running deadlines recomputed in a calendar change's transaction. Apart from the engine, which needs the capabilities that need the calendar. */
@Module({ imports: [CardModule], providers: [DeadlineRecompute], exports: [DeadlineRecompute] })
export class DeadlineRecomputeModule {}
