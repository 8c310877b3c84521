import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { NoticesModule } from '../notices/notices.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { InquiriesController } from './inquiries.controller';
import { InquiriesService } from './inquiries.service';
import { InquiryHistory } from './inquiry-history';
import { InquiryOverdueWatch } from './inquiry-overdue-watch';
import { InquiryStatisticsService } from './inquiry-statistics.service';

@Module({
  imports: [CalendarModule, NoticesModule, NotificationsModule],
  controllers: [InquiriesController],
  providers: [InquiriesService, InquiryHistory, InquiryStatisticsService, InquiryOverdueWatch],
})
export class InquiriesModule {}
