import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CardModule } from '../card/card.module';
import { NoticesModule } from '../notices/notices.module';
import { ProjectCompletions } from './project-completions';

/** R4a: the project completes with its last decision. A module of its own: approvals and permits record it, and projects use approvals. */
@Module({ imports: [CalendarModule, CardModule, NoticesModule], providers: [ProjectCompletions], exports: [ProjectCompletions] })
export class ProjectCompletionsModule {}
