import { Body, Controller, Delete, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CalendarChangeResult, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { CalendarAdminService } from './calendar-admin.service';
import { CalendarYearParam, CivilDateParam, ImportCalendarDto, SetCalendarDayDto } from './calendar-admin.dto';

/** R11: the admin's calendar; every change recomputes running deadlines and is on record. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarAdminController {
  constructor(private readonly admin: CalendarAdminService) {}

  @Requires('calendar.edit')
  @Put('days/:date')
  setDay(
    @CurrentUser() user: SessionUser,
    @Param('date', CivilDateParam) date: string,
    @Body() dto: SetCalendarDayDto,
  ): Promise<CalendarChangeResult> {
    return this.admin.setDay(user, date, dto);
  }

  @Requires('calendar.edit')
  @Delete('days/:date')
  clearDay(@CurrentUser() user: SessionUser, @Param('date', CivilDateParam) date: string): Promise<CalendarChangeResult> {
    return this.admin.clearDay(user, date);
  }

  @Requires('calendar.edit')
  @Post('years/:year/publication')
  @HttpCode(200)
  publish(@CurrentUser() user: SessionUser, @Param('year', CalendarYearParam) year: number): Promise<CalendarChangeResult> {
    return this.admin.publish(user, year);
  }

  @Requires('calendar.edit')
  @Post('imports')
  @HttpCode(200)
  importYear(@CurrentUser() user: SessionUser, @Body() dto: ImportCalendarDto): Promise<CalendarChangeResult> {
    return this.admin.importYear(user, dto);
  }
}
