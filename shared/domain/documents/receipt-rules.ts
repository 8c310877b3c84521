import type { IssueReceiptRequest, RecordPickupRequest } from '../../contracts/paper-trail';
import type { CivilDate } from '../calendar/calendar-data';
import type { FieldProblem } from '../problems/problem-codes';

/** A receipt's or pickup's field at fault (kept under its old name for the callers). */
export type FieldError = FieldProblem;

const blank = (text: string | undefined | null) => !text?.trim();

/**
 * R9: what a receipt must say beyond its fields' shapes: the applicant's particulars by type,
 * the reason when not accepted on the day received, dates in order.
 */
export function receiptProblems(r: IssueReceiptRequest): FieldError[] {
  const problems: FieldError[] = [];
  if (r.applicant.type === 'person' && blank(r.applicant.occupation)) {
    problems.push({
      field: 'applicant.occupation',
      code: 'receipt.occupation_required',
      message: 'A person applying must give an occupation',
    });
  }
  if (r.applicant.type === 'organisation' && blank(r.applicant.legalRepresentative)) {
    problems.push({
      field: 'applicant.legalRepresentative',
      code: 'receipt.legal_representative_required',
      message: 'An organisation applying must name its legal representative',
    });
  }
  const acceptedSameDay = r.acceptedOn !== null && r.acceptedOn === r.receivedOn;
  if (!acceptedSameDay && blank(r.notAcceptedReason)) {
    problems.push({
      field: 'notAcceptedReason',
      code: 'receipt.not_accepted_reason',
      message: 'Not accepted on the day received: give the reason',
    });
  }
  if (r.acceptedOn !== null && r.acceptedOn < r.receivedOn) {
    problems.push({ field: 'acceptedOn', code: 'receipt.accepted_before_received', message: 'Acceptance cannot come before receipt' });
  }
  const start: CivilDate = r.acceptedOn ?? r.receivedOn;
  if (r.promisedCompletionOn < start) {
    problems.push({
      field: 'promisedCompletionOn',
      code: 'receipt.promised_before_accepted',
      message: 'The promised completion date cannot come before acceptance',
    });
  }
  const procedures = r.specialProcedures.map((p) => p.procedure);
  if (new Set(procedures).size !== procedures.length) {
    problems.push({ field: 'specialProcedures', code: 'receipt.procedure_repeated', message: 'Each procedure once' });
  }
  return problems;
}

/** R9: a pickup after the promised date must say why; nobody picks up before the receipt. */
export function pickupProblems(p: RecordPickupRequest, receipt: { receivedOn: CivilDate; promisedOn: CivilDate }): FieldError[] {
  const problems: FieldError[] = [];
  if (p.pickedUpOn < receipt.receivedOn) {
    problems.push({
      field: 'pickedUpOn',
      code: 'pickup.before_received',
      message: 'The pickup cannot come before the application was received',
    });
  }
  if (isLatePickup(p.pickedUpOn, receipt.promisedOn) && blank(p.lateReason)) {
    problems.push({ field: 'lateReason', code: 'pickup.late_reason', message: 'Picked up after the promised date: give the reason' });
  }
  return problems;
}

export function isLatePickup(pickedUpOn: CivilDate, promisedOn: CivilDate): boolean {
  return pickedUpOn > promisedOn;
}
