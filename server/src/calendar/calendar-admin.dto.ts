import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_IMPORT_FORMATS,
  CALENDAR_LAST_YEAR,
  isCalendarYear,
  isCivilDate,
  type CalendarImportFormat,
  type ImportCalendarRequest,
  type SetCalendarDayRequest,
} from '@hub/shared';
import { badRequest } from '../common/problem';

export class SetCalendarDayDto implements SetCalendarDayRequest {
  @ApiProperty({ enum: ['holiday', 'workday'], description: 'holiday: a day off; workday: a make-up working day (调休)' })
  @IsIn(['holiday', 'workday'])
  kind: 'holiday' | 'workday';

  @ApiProperty({ example: '元旦' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  name: string;
}

export class ImportCalendarDto implements ImportCalendarRequest {
  @ApiProperty({ enum: CALENDAR_IMPORT_FORMATS })
  @IsIn(CALENDAR_IMPORT_FORMATS)
  format: CalendarImportFormat;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(CALENDAR_FIRST_YEAR)
  @Max(CALENDAR_LAST_YEAR)
  year: number;

  @ApiProperty({ description: 'The ICS or JSON file as text' })
  @IsString()
  @MinLength(1)
  @MaxLength(90_000)
  content: string;
}

/** A route's :date, a civil date YYYY-MM-DD; refused naming the field otherwise. */
@Injectable()
export class CivilDateParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isCivilDate(value)) throw badRequest('date', 'date must be a date YYYY-MM-DD', 'date.invalid');
    return value;
  }
}

/** A route's :year, one the calendar can keep (R11). */
@Injectable()
export class CalendarYearParam implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!isCalendarYear(year))
      throw badRequest('year', `year must be between ${CALENDAR_FIRST_YEAR} and ${CALENDAR_LAST_YEAR}`, 'date.invalid');
    return year;
  }
}
