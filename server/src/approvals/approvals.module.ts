import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CardModule } from '../card/card.module';
import { MaterialsModule } from '../materials/materials.module';
import { NoticesModule } from '../notices/notices.module';
import { ProjectCompletionsModule } from '../projects/project-completions.module';
import { AlertsModule } from '../alerts/alerts.module';
import { ApprovalsController, ExplanationsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';
import { CorrectionsController } from './corrections.controller';
import { CorrectionsService } from './corrections.service';

@Module({
  imports: [AlertsModule, CalendarModule, CardModule, MaterialsModule, NoticesModule, ProjectCompletionsModule],
  controllers: [ApprovalsController, ExplanationsController, CorrectionsController],
  providers: [ApprovalsService, CorrectionsService],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
