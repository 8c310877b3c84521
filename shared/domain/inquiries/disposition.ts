import type { DispositionKind, DispositionRequest, FollowUpRequest, Inquirer } from '../../contracts/inquiries';
import type { InquiryStatus } from './inquiry-status';
import type { FieldProblem, ProblemCode } from '../problems/problem-codes';

/** The state each disposition leads to (R23). */
export const DISPOSITION_TARGET: Readonly<Record<DispositionKind, InquiryStatus>> = {
  answer: 'answered',
  promise: 'promised',
  transfer: 'transferred',
  refer: 'referred',
  escalate: 'escalated',
};

/** A promised reply is due within this many working days at most (setting-free bound on input). */
export const PROMISE_MAX_WORKING_DAYS = 20;

type DispositionField = Exclude<keyof DispositionRequest, 'kind'>;

/** Which fields each disposition needs and which it may carry; `oneOf` needs exactly one of its fields. */
const FIELDS: Readonly<
  Record<DispositionKind, { required: DispositionField[]; optional: DispositionField[]; oneOf?: DispositionField[] }>
> = {
  answer: { required: ['answer'], optional: [] },
  promise: { required: ['workingDays'], optional: ['note'] },
  transfer: { required: [], optional: ['note'], oneOf: ['toUserId', 'toDepartmentId'] },
  refer: { required: ['referredTo', 'referredContact'], optional: ['note'] },
  escalate: { required: ['note'], optional: [] },
};

const ALL_FIELDS: DispositionField[] = ['answer', 'workingDays', 'toUserId', 'toDepartmentId', 'referredTo', 'referredContact', 'note'];

const present = (value: unknown) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

/**
 * R23/R26: the fields of a disposition that do not fit its kind, each named (with `prefix`, e.g.
 * "disposition."). Empty when the request may stand. Types are the DTO's business; this checks the combination.
 */
export function dispositionErrors(request: DispositionRequest, prefix = ''): FieldProblem[] {
  const spec = FIELDS[request.kind];
  const problems: FieldProblem[] = [];
  const at = (field: string, code: ProblemCode, message: string) => problems.push({ field: `${prefix}${field}`, code, message });
  for (const field of spec.required) {
    if (!present(request[field])) at(field, 'disposition.field_required', `${field} is required to ${request.kind}`);
  }
  if (spec.oneOf) {
    const given = spec.oneOf.filter((f) => present(request[f]));
    if (given.length !== 1)
      at(spec.oneOf[0], 'disposition.one_target', `a ${request.kind} names exactly one of ${spec.oneOf.join(' or ')}`);
  }
  const allowed = new Set([...spec.required, ...spec.optional, ...(spec.oneOf ?? [])]);
  for (const field of ALL_FIELDS) {
    if (!allowed.has(field) && request[field] !== undefined)
      at(field, 'disposition.field_not_allowed', `${field} does not belong to a ${request.kind}`);
  }
  const days = request.workingDays;
  if (request.kind === 'promise' && present(days) && !(Number.isInteger(days) && days! >= 1 && days! <= PROMISE_MAX_WORKING_DAYS)) {
    at('workingDays', 'disposition.working_days', `workingDays must be a whole number from 1 to ${PROMISE_MAX_WORKING_DAYS}`);
  }
  return problems;
}

/** R24: a dissatisfied inquirer's view is recorded with the reason. */
export function followUpErrors(request: FollowUpRequest): FieldProblem[] {
  if (request.satisfaction === 'dissatisfied' && !present(request.comment)) {
    return [{ field: 'comment', code: 'follow_up.comment_required', message: 'comment is required when the inquirer is dissatisfied' }];
  }
  return [];
}

/** R23: an organisation is reached through the person who asked; a person is that person. */
export function inquirerErrors(inquirer: Inquirer, prefix = 'inquirer.'): FieldProblem[] {
  if (inquirer.kind === 'organisation' && !present(inquirer.contactName)) {
    return [{ field: `${prefix}contactName`, code: 'inquirer.contact_required', message: 'contactName is required for an organisation' }];
  }
  if (inquirer.kind === 'person' && present(inquirer.contactName)) {
    return [
      {
        field: `${prefix}contactName`,
        code: 'inquirer.contact_for_organisation',
        message: 'contactName is for organisations; a person is named in name',
      },
    ];
  }
  return [];
}
