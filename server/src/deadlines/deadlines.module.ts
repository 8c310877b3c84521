import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { MegaModule } from '../mega/mega.module';
import { DeadlineEngine } from './deadline-engine';

@Module({ imports: [ApprovalsModule, MeetingsModule, MegaModule], providers: [DeadlineEngine], exports: [DeadlineEngine] })
export class DeadlinesModule {}
