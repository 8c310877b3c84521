import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { isISO8601, ValidateBy } from 'class-validator';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  EMAIL_PATTERN,
  isCalendarYear,
  isCivilDate,
  isProblemCode,
  moneyAmountProblem,
  PHONE_PATTERN,
  yearOf,
  type FieldProblem,
  type ProblemCode,
} from '@hub/shared';
import { ProblemException } from './problem';

/**
 * The code of a class-validator constraint (issue 14). The hub's own validators are named by their
 * code; the library's by what they check. Anything else is 'field.invalid'.
 */
const CONSTRAINT_CODES: Record<string, ProblemCode> = {
  isNotEmpty: 'field.required',
  isDefined: 'field.required',
  maxLength: 'field.too_long',
  arrayMaxSize: 'field.too_long',
  whitelistValidation: 'field.unknown',
  isIn: 'field.not_allowed',
  isEnum: 'field.not_allowed',
  isInt: 'number.out_of_range',
  min: 'number.out_of_range',
  max: 'number.out_of_range',
  calendarDate: 'date.invalid',
  civilDate: 'date.invalid',
  calendarInstant: 'instant.invalid',
};

const constraintCode = (constraint: string): ProblemCode =>
  isProblemCode(constraint) ? constraint : (CONSTRAINT_CODES[constraint] ?? 'field.invalid');

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({ field, code: constraintCode(constraint), message }));
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

/** A text that is more than blanks: 'field.required' as an empty one is. */
export const IsNotBlank = () =>
  ValidateBy({
    name: 'field.required',
    validator: { validate: (v) => typeof v === 'string' && /\S/.test(v), defaultMessage: (a) => `${a?.property} must not be blank` },
  });

/** A contact phone as the window writes it down (the browser checks the same pattern, with the same words). */
export const IsPhone = () =>
  ValidateBy({
    name: 'phone.invalid',
    validator: {
      validate: (v) => typeof v === 'string' && PHONE_PATTERN.test(v),
      defaultMessage: (a) => `${a?.property} must be a phone number`,
    },
  });

export const IsEmailAddress = () =>
  ValidateBy({
    name: 'email.invalid',
    validator: {
      validate: (v) => typeof v === 'string' && EMAIL_PATTERN.test(v),
      defaultMessage: (a) => `${a?.property} must be an e-mail address`,
    },
  });

const AMOUNT_MESSAGES = {
  'amount.out_of_range': 'must be below 10^18',
  'amount.invalid': 'must be a decimal with at most 2 decimals',
  'amount.not_positive': 'must be greater than zero',
} as const;

/**
 * R6: an amount in whole currency units, at most two decimals, positive, below 10^18 — one
 * constraint per code, of which at most one fails (moneyAmountProblem names the first problem).
 */
export const IsMoneyAmount = () => (target: object, key: string) => {
  for (const [code, words] of Object.entries(AMOUNT_MESSAGES)) {
    ValidateBy({
      name: code,
      validator: {
        validate: (v) => typeof v !== 'string' || moneyAmountProblem(v) !== code,
        defaultMessage: (a) => `${a?.property} ${words}`,
      },
    })(target, key);
  }
};
