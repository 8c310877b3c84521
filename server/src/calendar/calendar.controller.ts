import { Controller, Get, Query } from '@nestjs/common';
import { Requires } from '../auth/requires.decorator';
import { ApiTags } from '@nestjs/swagger';
import { explainDeadline, type CalendarResponse, type DeadlineExplanation } from '@hub/shared';
import { CalendarService } from './calendar.service';
import { DeadlineQueryDto } from './deadline-query.dto';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Requires('calendar.read')
  @Get()
  calendar(): Promise<CalendarResponse> {
    return this.calendars.response();
  }

  /** R11: every due instant explains itself — each day counted or skipped, with its reason. */
  @Requires('calendar.read')
  @Get('deadline')
  async deadline(@Query() q: DeadlineQueryDto): Promise<DeadlineExplanation> {
    const { calendar, settings } = await this.calendars.current();
    return explainDeadline(new Date(q.from), q.workingDays, calendar, settings);
  }
}
