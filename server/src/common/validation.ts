import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { isISO8601, ValidateBy } from 'class-validator';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, isCalendarYear, isCivilDate, yearOf } from '@hub/shared';
import { ProblemException } from './problem';

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Validation at the edge: unknown fields are rejected, errors name the fields at fault. */
export const hubValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) =>
    new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', 'Some fields are not valid', flatten(errors)),
});

const CALENDAR_YEARS = `${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}`;

/** R11: a civil date 'YYYY-MM-DD' in a year the working-day calendar covers. */
export const IsCalendarDate = () =>
  ValidateBy({
    name: 'calendarDate',
    validator: {
      validate: (v) => typeof v === 'string' && isCivilDate(v) && isCalendarYear(yearOf(v)),
      defaultMessage: (a) => `${a?.property} must be a date YYYY-MM-DD in ${CALENDAR_YEARS}, the years the calendar covers`,
    },
  });

/** R11: an ISO 8601 instant in a year the working-day calendar covers (a deadline beyond it cannot be counted). */
export const IsCalendarInstant = () =>
  ValidateBy({
    name: 'calendarInstant',
    validator: {
      validate: (v) => typeof v === 'string' && isISO8601(v, { strict: true }) && isCalendarYear(new Date(v).getUTCFullYear()),
      defaultMessage: (a) => `${a?.property} must be an ISO 8601 instant in ${CALENDAR_YEARS}, the years the calendar covers`,
    },
  });
