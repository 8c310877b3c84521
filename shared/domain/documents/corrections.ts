import type { ItemStatus } from '../approval/item-status';
import type { NoticeKind } from '../../contracts/paper-trail';
import type { RuleRefusal } from '../meetings/meeting-rules';
import { civilDateOf } from '../calendar/time-zone';
import type { CalendarData } from '../calendar/calendar-data';
import { LUNAR_TABLE_LAST_YEAR } from '../calendar/lunar-table';

/**
 * R11/R12: the last year the working-day calendar knows: a published year, or a provisional one whose
 * statutory holidays it can compute (the lunar table's range) — beyond it no working day can be counted.
 */
export function calendarLastYear(data: Pick<CalendarData, 'years'>): number {
  return Math.max(LUNAR_TABLE_LAST_YEAR, ...data.years.map((y) => y.year));
}

/** The document to correct, as far as R17 cares. */
export interface CorrectedDocument {
  kind: NoticeKind;
  number: string;
  /** The correction notice that already superseded it, if any. */
  supersededBy: string | null;
}

/** For a Timeout Implied Consent Notice: the item it deemed, now. */
export interface DeemedItem {
  status: ItemStatus;
  /** The item's current notice number: the deemed consent still standing is this notice's. */
  noticeNumber: string | null;
  /** A permit decision (R17) that rests on this deemed consent and is not itself corrected. */
  standingPermit: string | null;
}

/**
 * R17 Decision: a leader corrects any document by a numbered correction notice citing it and the
 * reason; the original is shown as superseded; a document is corrected once. For a Timeout Implied
 * Consent Notice the correction revokes the deemed consent: the item returns to review with a due
 * instant the leader sets — in the future and inside the years the working-day calendar knows (the
 * R12 bound on the length of extensions is the deadline rules' own check). Other kinds take no due instant.
 */
export function correctionError(
  document: CorrectedDocument,
  request: { reason: string; newDueAt: Date | null },
  item: DeemedItem | null,
  context: { now: Date; timeZone: string; lastKnownYear: number },
): RuleRefusal | null {
  if (!request.reason.trim())
    return { rule: 'R17', field: 'reason', code: 'correction.reason_required', message: 'R17: a correction states its reason' };
  if (document.supersededBy) {
    return {
      rule: 'R17',
      field: 'notice',
      code: 'correction.already_corrected',
      conflict: true,
      message: `R17: ${document.number} was already corrected by ${document.supersededBy}`,
    };
  }
  if (document.kind !== 'timeout_implied_consent') {
    if (request.newDueAt)
      return {
        rule: 'R17',
        field: 'newDueAt',
        code: 'due.not_taken',
        message: 'R17: only revoking a deemed consent sets a new due instant',
      };
    return null;
  }
  if (!request.newDueAt)
    return {
      rule: 'R17',
      field: 'newDueAt',
      code: 'due.required',
      message: 'R17: revoking a deemed consent sets the due instant the item returns to review with',
    };
  if (!item || item.status !== 'deemed_consent' || item.noticeNumber !== document.number) {
    return {
      rule: 'R17',
      field: 'notice',
      code: 'correction.consent_gone',
      conflict: true,
      message: `R17: the deemed consent of ${document.number} no longer stands`,
    };
  }
  if (item.standingPermit) {
    return {
      rule: 'R17',
      field: 'notice',
      code: 'correction.permit_rests_on_it',
      conflict: true,
      message: `R17: the permit decision ${item.standingPermit} rests on it: correct that first`,
    };
  }
  if (request.newDueAt.getTime() <= context.now.getTime())
    return { rule: 'R17', field: 'newDueAt', code: 'due.not_future', message: 'R17: the new due instant must lie in the future' };
  if (Number(civilDateOf(request.newDueAt, context.timeZone).slice(0, 4)) > context.lastKnownYear) {
    return {
      rule: 'R17',
      field: 'newDueAt',
      code: 'due.beyond_calendar',
      message: `R17: the new due instant lies beyond ${context.lastKnownYear}, the last year the calendar knows`,
    };
  }
  return null;
}
