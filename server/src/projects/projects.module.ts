import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CardModule } from '../card/card.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { NoticesModule } from '../notices/notices.module';
import { ProjectCompletionsModule } from './project-completions.module';
import { CardController } from './card.controller';
import { ProjectsController } from './projects.controller';
import { ProjectLifeService } from './project-life.service';
import { ProjectsService } from './projects.service';

@Module({
  imports: [ApprovalsModule, CalendarModule, CardModule, MeetingsModule, NoticesModule, ProjectCompletionsModule],
  controllers: [ProjectsController, CardController],
  providers: [ProjectsService, ProjectLifeService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
