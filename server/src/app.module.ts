import { Module, type DynamicModule } from '@nestjs/common';
import { AccountabilityModule } from './accountability/accountability.module';
import { AlertsModule } from './alerts/alerts.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuthModule } from './auth/auth.module';
import { BoardModule } from './board/board.module';
import { CalendarModule } from './calendar/calendar.module';
import { CardModule } from './card/card.module';
import { HUB_CONFIG, type HubConfig } from './config/hub-config';
import { DatabaseModule } from './database/database.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DemoModule } from './demo/demo.module';
import { DepartmentsModule } from './departments/departments.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { InspectionsModule } from './inspections/inspections.module';
import { MeetingsModule } from './meetings/meetings.module';
import { InquiriesModule } from './inquiries/inquiries.module';
import { MaterialFilesModule } from './materials/material-files.module';
import { MaterialsModule } from './materials/materials.module';
import { MegaModule } from './mega/mega.module';
import { NoticesModule } from './notices/notices.module';
import { PeopleModule } from './people/people.module';
import { PermitsModule } from './permits/permits.module';
import { ProjectsModule } from './projects/projects.module';
import { PublicStatusModule } from './public-status/public-status.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SettingsModule } from './settings/settings.module';
import { SpecialProceduresModule } from './special-procedures/special-procedures.module';
import { TestClockModule } from './test-clock/test-clock.module';
import { WallModule } from './wall/wall.module';

@Module({})
export class AppModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forRoot(config),
        EventsModule,
        AuthModule,
        CalendarModule,
        NoticesModule,
        RealtimeModule,
        CardModule,
        ProjectsModule,
        ApprovalsModule,
        SpecialProceduresModule,
        MeetingsModule,
        InspectionsModule,
        DeadlinesModule,
        BoardModule,
        DepartmentsModule,
        HealthModule,
        DemoModule,
        InquiriesModule,
        // R1, R6–R9, R17: the paper trail
        MaterialsModule,
        // R28: files received for materials
        MaterialFilesModule,
        MegaModule,
        PermitsModule,
        PublicStatusModule,
        // R11, R14a, R21, R22: the leaders' view
        SettingsModule,
        AlertsModule,
        AccountabilityModule,
        WallModule,
        // R1: departments, people, deputies, the first admin
        PeopleModule,
        // R27: e-mail and SMS through a durable outbox
        NotificationsModule,
        // The test clock route does not exist unless asked for (never in production).
        ...(config.testClock ? [TestClockModule] : []),
      ],
      providers: [{ provide: HUB_CONFIG, useValue: config }],
      exports: [HUB_CONFIG],
    };
  }
}
