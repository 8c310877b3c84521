import { Injectable } from '@nestjs/common';
import {
  absenceCause,
  civilDateOf,
  DEADLINE_LIMITS,
  deadlineMoveError,
  deadlineRuleOf,
  decisionBasisError,
  deemedConsentDue,
  holdsOf,
  delayCauseError,
  dueInstant,
  explanationFilingError,
  explanationKindOf,
  nextItemStatus,
  outageUndoesDeemedConsent,
  rescheduleError,
  rulingDueAt,
  rulingEffect,
  workingDaysAdded,
  type ApprovalItemView,
  type CardAction,
  type ExplanationView,
  type OutagePeriod,
  type ImpliedConsentContent,
  type MeetingKind,
  type CorrectionContent,
  type DeemedCause,
  NOTICE_TITLES,
  type SessionUser,
} from '@hub/shared';
import { AlertsService } from '../alerts/alerts.service';
import { CalendarService } from '../calendar/calendar.service';
import { ProjectSteps } from '../card/project-steps';
import { authorize } from '../common/authorize';
import { badRequest, conflict, notFound, refuse } from '../common/problem';
import { CLAIM_TX, Database, type Queryable, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { DeadlineSignals } from '../events/deadline-signals';
import { NoticesService } from '../notices/notices.service';
import { MaterialsService } from '../materials/materials.service';
import { ProjectCompletions } from '../projects/project-completions';
import { loadItem, loadItemOf, loadItems, loadItemsById } from '../projects/project-records';
import type { DecisionDto } from './decision.dto';
import type { DelayItemDto, ExtendItemDto, FileExplanationDto, RuleExplanationDto } from './deadline.dto';
import { STANDING_PERMITS } from '../notices/standing-permit';

/**
 * Why consent is deemed (R17 Decision: the notice states it): the R14 timeout; a written explanation
 * rejected after the deadline (R16) — both effective at the due instant; or absence from a closed
 * meeting or inspection (R15), effective at its close.
 */
export type DeemCause =
  | { kind: 'timeout' }
  | { kind: 'explanation_rejected'; filedAt: Date; ruledAt: Date }
  | {
      kind: Extract<DeemedCause, 'meeting_absence' | 'inspection_absence'>;
      meetingId: string;
      meetingTitle: string;
      meetingKind: MeetingKind;
      meetingStartsAt: Date;
      effectiveAt: Date;
    };

/** A due instant moved by R12 extension, R13 delay or an accepted R16 explanation. */
interface Reschedule {
  kind: 'extension' | 'delay' | 'explanation_accepted';
  newDueAt: Date;
  reason: string;
  delayCause?: string;
  outage?: OutagePeriod;
  explanationId?: string;
  action: CardAction;
  detail?: Record<string, string>;
}

/** R13/R17: the deemed consent an outage delay undoes, with the notice it supersedes. */
interface DeemedToUndo {
  deadlineVersion: number;
  dueAt: Date;
  noticeId: string;
  noticeNumber: string;
  issuedAt: Date;
}

/** R4a: a withdrawal stops every clock of the project, the R16 ruling's too. */
export const RULING_RUNS = `NOT EXISTS (SELECT 1 FROM approval_items wi WHERE wi.id = written_explanations.item_id AND wi.status = 'withdrawn')`;

/** One department's approval item: acceptance starts its clock (R10), a decision or deemed consent ends it (R14). */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly steps: ProjectSteps,
    private readonly notices: NoticesService,
    private readonly signals: DeadlineSignals,
    private readonly alerts: AlertsService,
    private readonly completions: ProjectCompletions,
    private readonly materials: MaterialsService,
  ) {}

  async accept(user: SessionUser, id: string): Promise<ApprovalItemView> {
    return this.db.transaction(async (tx) => {
      const before = await this.lockedItem(tx, id);
      authorize(user, 'item.accept', { departmentId: before.departmentId });
      const status = nextItemStatus(before.status, 'accept');
      await this.materials.assertMainMaterialsComplete(tx, id); // R8: secondary materials may follow, main ones may not
      const now = await this.clock.now(tx);
      // In the transaction: a calendar change (R11) never slips between computing and storing it.
      const { calendar, settings } = await this.calendars.current(tx);
      const due = dueInstant(now, calendar, settings);
      // R10/R11: the rule it was computed by stays with it, so a calendar change recomputes it faithfully.
      await tx.query(
        `UPDATE approval_items SET status = $2, accepted_at = $3, accepted_by = $4, due_at = $5, provisional = $6,
                deadline_version = deadline_version + 1, due_rule = $7 WHERE id = $1`,
        [id, status, now, user.id, due.dueAt, due.provisional, JSON.stringify(deadlineRuleOf(settings))],
      );
      const after = (await loadItem(tx, id))!;
      await this.steps.recordStep(tx, { item: before, after }, { actor: user, action: 'item.accepted', detail: { dueAt: after.dueAt! } });
      tx.onCommit(() => this.signals.deadlinesChanged());
      return after;
    });
  }

  async decide(user: SessionUser, id: string, dto: DecisionDto): Promise<ApprovalItemView> {
    return this.db.transaction(async (tx) => {
      const before = await this.lockedItem(tx, id);
      authorize(user, 'item.decide', { departmentId: before.departmentId });
      const basisError = decisionBasisError(dto.outcome, dto.basis);
      if (basisError) throw badRequest('basis', basisError, 'decision.basis_required');
      const status = nextItemStatus(before.status, dto.outcome === 'approved' ? 'approve' : 'reject');
      const now = await this.clock.now(tx);
      // R14: at the due instant consent is already deemed (unless a pending explanation, R16, or an open special procedure, R10a, holds it).
      if (deemedConsentDue({ status: before.status, dueAt: before.dueAt ? new Date(before.dueAt) : null, holds: holdsOf(before) }, now)) {
        this.signals.deadlinesChanged();
        throw conflict('The deadline has passed: the department is deemed to consent (R14)', 'item.deemed_consent');
      }
      const basis = dto.basis?.trim() || null;
      await tx.query(`UPDATE approval_items SET status = $2, decided_at = $3, decided_by = $4, basis = $5 WHERE id = $1`, [
        id,
        status,
        now,
        user.id,
        basis,
      ]);
      const after = (await loadItem(tx, id))!;
      await this.alerts.markHandled(tx, { itemIds: [id] }, now);
      await this.steps.recordStep(
        tx,
        { item: before, after },
        { actor: user, action: status === 'approved' ? 'item.approved' : 'item.rejected', detail: basis ? { basis } : {} },
      );
      // R4a: a rejection needs no permit, so it may decide the project's last item.
      if (status === 'rejected') await this.completions.recordIfDone(tx, after.projectId, user);
      return after;
    });
  }

  /** R12: only a leader, only before the item is decided; a new due instant and a reason. */
  async extend(user: SessionUser, id: string, dto: ExtendItemDto): Promise<ApprovalItemView> {
    authorize(user, 'item.extend');
    return this.db.transaction(async (tx) => {
      const before = await this.lockedItem(tx, id);
      return this.reschedule(tx, user, before, {
        kind: 'extension',
        newDueAt: new Date(dto.newDueAt),
        reason: dto.reason.trim(),
        action: 'item.extended',
      });
    });
  }

  /**
   * R13: the window issues a numbered Delayed Approval Notice with the cause (one of three) and the
   * new due instant. A network-outage delay states the outage period and may come up to 1 working
   * day after it; a deemed consent (timeout) that fired inside that period is then undone by a
   * correction notice citing it (R17), and the item returns to review with the new due instant.
   */
  async delay(user: SessionUser, id: string, dto: DelayItemDto): Promise<ApprovalItemView> {
    authorize(user, 'item.delay');
    return this.db.transaction(async (tx) => {
      const before = await this.lockedItem(tx, id);
      const now = await this.clock.now(tx);
      const { calendar, settings } = await this.calendars.current(tx);
      const outage = { from: dto.outageFrom ? new Date(dto.outageFrom) : undefined, to: dto.outageTo ? new Date(dto.outageTo) : undefined };
      const causeProblem = delayCauseError(dto.cause, outage, now, calendar, settings);
      if (causeProblem) refuse(causeProblem);
      const period = outage.from && outage.to ? { from: outage.from, to: outage.to } : undefined;
      const undo = period && before.status === 'deemed_consent' ? await this.deemedInside(tx, before, period) : null;
      return this.reschedule(
        tx,
        user,
        before,
        {
          kind: 'delay',
          newDueAt: new Date(dto.newDueAt),
          reason: dto.description.trim(),
          delayCause: dto.cause,
          ...(period ? { outage: period } : {}),
          action: 'item.delayed',
          detail: {
            delayCause: dto.cause,
            ...(period ? { outageFrom: period.from.toISOString(), outageTo: period.to.toISOString() } : {}),
          },
        },
        undo,
      );
    });
  }

  /** R13/R17: the item's deemed consent, when it is a timeout whose legal instant lies inside the outage. */
  private async deemedInside(tx: Tx, item: ApprovalItemView, outage: OutagePeriod): Promise<DeemedToUndo | null> {
    const deemed = await tx.one<{
      deadline_version: number;
      cause: string;
      due_at: Date;
      notice_id: string;
      number: string;
      issued_at: Date;
      permitted: boolean;
    }>(
      `SELECT d.deadline_version, d.cause, d.due_at, d.notice_id, n.number, n.issued_at, EXISTS (SELECT 1 FROM (${STANDING_PERMITS}) sp WHERE sp.item_id = d.item_id) AS permitted
       FROM deemed_consents d JOIN notices n ON n.id = d.notice_id
       WHERE d.item_id = $1 AND d.deadline_version = $2
         AND NOT EXISTS (SELECT 1 FROM deemed_consent_corrections c WHERE c.item_id = d.item_id AND c.deadline_version = d.deadline_version)
         AND NOT EXISTS (SELECT 1 FROM deemed_consent_revocations r WHERE r.item_id = d.item_id AND r.deadline_version = d.deadline_version)`,
      [item.id, item.deadlineVersion],
    );
    if (!deemed || !outageUndoesDeemedConsent({ cause: deemed.cause, effectiveAt: deemed.due_at }, outage)) return null;
    if (deemed.permitted)
      refuse({
        rule: 'R17',
        field: 'item',
        code: 'correction.permit_rests_on_it',
        message: 'A permit was issued on this deemed consent: correct the permit first',
        conflict: true,
      });
    return {
      deadlineVersion: deemed.deadline_version,
      dueAt: deemed.due_at,
      noticeId: deemed.notice_id,
      noticeNumber: deemed.number,
      issuedAt: deemed.issued_at,
    };
  }

  /** R16: the item's own liaison explains in writing, before the deadline or before the meeting closes. */
  async fileExplanation(user: SessionUser, itemId: string, dto: FileExplanationDto): Promise<ExplanationView> {
    return this.db.transaction(async (tx) => {
      const unlocked = await loadItem(tx, itemId);
      if (!unlocked) throw notFound('Approval item');
      authorize(user, 'explanation.file', { departmentId: unlocked.departmentId });
      let about: { meetingOpen: boolean } | null = null;
      let meetingTitle: string | null = null;
      if (dto.meetingId) {
        // Meeting (FOR SHARE) before item, the order a close takes them in: a close either sees this
        // explanation or, having closed first, makes it too late.
        const meeting = await tx.one<{ status: string; title: string }>(
          `SELECT m.status, m.title FROM meetings m JOIN meeting_invitees mi ON mi.meeting_id = m.id
           WHERE m.id = $1 AND m.project_id = $2 AND mi.department_id = $3 FOR SHARE OF m`,
          [dto.meetingId, unlocked.projectId, unlocked.departmentId],
        );
        if (!meeting) throw badRequest('meetingId', 'The department is not invited to that meeting of this project', 'meeting.not_invited');
        about = { meetingOpen: meeting.status === 'scheduled' || meeting.status === 'open' };
        meetingTitle = meeting.title;
      }
      const before = await this.lockedItem(tx, itemId);
      const now = await this.clock.now(tx);
      const problem = explanationFilingError(
        {
          status: before.status,
          dueAt: before.dueAt ? new Date(before.dueAt) : null,
          explanationPending: before.pendingExplanation !== null,
        },
        about,
        now,
      );
      if (problem) refuse(problem);
      // R16 Decision: the kind says what it holds; the ruling is due 1 working day (setting) after the filing.
      const kind = explanationKindOf(dto.meetingId);
      const { calendar, settings } = await this.calendars.current(tx);
      const rulingDue = rulingDueAt(now, calendar, settings);
      const row = await tx.one<{ id: string }>(
        `INSERT INTO written_explanations (item_id, meeting_id, kind, text, filed_by, filed_at, ruling_due_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') RETURNING id`,
        [itemId, dto.meetingId ?? null, kind, dto.text.trim(), user.id, now, rulingDue],
      );
      const after = (await loadItem(tx, itemId))!;
      const detail = {
        explanation: dto.text.trim(),
        kind,
        rulingDueAt: rulingDue.toISOString(),
        ...(meetingTitle ? { meeting: meetingTitle, meetingId: dto.meetingId! } : {}),
      };
      await this.steps.recordStep(tx, { item: before, after }, { actor: user, action: 'explanation.filed', detail });
      // R16: every leader is alerted at filing (inbox, live).
      await this.alerts.alert(
        tx,
        await this.alerts.leaderIds(tx),
        { kind: 'explanation_filed', projectId: before.projectId, itemId, explanationId: row!.id },
        now,
      );
      tx.onCommit(() => this.signals.deadlinesChanged());
      return (await this.explanation(tx, row!.id))!;
    });
  }

  /**
   * R16: a leader rules. Accepted: a new due instant (R12) and the department excused from the
   * meeting it concerns. Rejected: deemed consent at once if the deadline has passed, or if the
   * department was absent from a meeting that closed while this explanation was pending (R15).
   */
  async ruleExplanation(user: SessionUser, explanationId: string, dto: RuleExplanationDto): Promise<ExplanationView> {
    authorize(user, 'explanation.rule');
    return this.db.transaction(async (tx) => {
      const found = await tx.one<{ item_id: string; meeting_id: string | null; status: string; filed_at: Date }>(
        'SELECT item_id, meeting_id, status, filed_at FROM written_explanations WHERE id = $1',
        [explanationId],
      );
      if (!found) throw notFound('Written explanation');
      const before = await this.lockedItem(tx, found.item_id);
      const explanation = await tx.one<{ status: string }>('SELECT status FROM written_explanations WHERE id = $1 FOR UPDATE', [
        explanationId,
      ]);
      if (explanation!.status !== 'pending') throw conflict(`The explanation has already been ${explanation!.status}`, 'explanation.ruled');
      const now = await this.clock.now(tx);
      // R16 Decision: a meeting excuse settles only the outcome of the meeting it names — never another
      // meeting of the project, and a deadline explanation no meeting at all.
      const held = await tx.query<{ id: string; title: string; kind: MeetingKind; starts_at: Date; closed_at: Date }>(
        `SELECT m.id, m.title, m.kind, m.starts_at, m.closed_at FROM meeting_invitees mi JOIN meetings m ON m.id = mi.meeting_id
         WHERE m.id = $3 AND m.project_id = $1 AND mi.department_id = $2 AND mi.outcome = 'held' FOR UPDATE OF mi`,
        [before.projectId, before.departmentId, found.meeting_id],
      );
      const newDueAt = dto.newDueAt ? new Date(dto.newDueAt) : null;
      const decided = rulingEffect(
        dto.ruling,
        { status: before.status, dueAt: before.dueAt ? new Date(before.dueAt) : null },
        { newDueAt, aboutMeeting: found.meeting_id !== null || held.length > 0, absentFromClosedMeeting: held.length > 0 },
        now,
      );
      if ('problem' in decided) refuse(decided.problem);
      const note = dto.note?.trim() || null;
      await tx.query(
        `UPDATE written_explanations SET status = $2, ruled_by = $3, ruled_at = $4, note = $5, new_due_at = $6 WHERE id = $1`,
        [explanationId, dto.ruling, user.id, now, note, decided.effect.kind === 'reschedule' ? decided.effect.newDueAt : null],
      );
      // The absences this explanation held are settled now, one way or the other.
      const settled = dto.ruling === 'accepted' ? 'excused' : before.status === 'in_review' ? 'deemed' : 'absent_no_open_item';
      for (const meeting of held) {
        await tx.query(`UPDATE meeting_invitees SET outcome = $3 WHERE meeting_id = $1 AND department_id = $2`, [
          meeting.id,
          before.departmentId,
          settled,
        ]);
      }
      await this.alerts.markHandled(tx, { explanationId }, now);
      const afterRuling = (await loadItem(tx, before.id))!;
      const detail = {
        ruling: dto.ruling,
        ...(note ? { note } : {}),
        ...(held.length ? { meeting: held.map((m) => m.title).join('、') } : {}),
      };
      await this.steps.recordStep(tx, { item: before, after: afterRuling }, { actor: user, action: 'explanation.ruled', detail });
      switch (decided.effect.kind) {
        case 'reschedule':
          await this.reschedule(tx, user, afterRuling, {
            kind: 'explanation_accepted',
            newDueAt: decided.effect.newDueAt,
            reason: note ?? 'written explanation accepted',
            explanationId,
            action: 'item.extended',
            detail: { explanationAccepted: 'true' },
          });
          break;
        case 'deem': {
          const meeting = held[0];
          const cause: DeemCause =
            decided.effect.cause === 'absence' && meeting
              ? {
                  kind: absenceCause(meeting.kind),
                  meetingId: meeting.id,
                  meetingTitle: meeting.title,
                  meetingKind: meeting.kind,
                  meetingStartsAt: meeting.starts_at,
                  effectiveAt: meeting.closed_at,
                }
              : decided.effect.cause === 'explanation_rejected'
                ? { kind: 'explanation_rejected', filedAt: found.filed_at, ruledAt: now }
                : { kind: 'timeout' };
          await this.deemConsent(tx, afterRuling, now, cause);
          break;
        }
        case 'none':
          break;
      }
      tx.onCommit(() => this.signals.deadlinesChanged());
      return (await this.explanation(tx, explanationId))!;
    });
  }

  /**
   * R16: a ruling not made by its due instant escalates, once: an alert to every leader, an entry on
   * the card (the boards and the wall show "ruling overdue" from the explanation's ruling due instant),
   * and it counts against the center (R21). It never decides for the leader: the explanation stays
   * pending and keeps holding what it holds. The ruling_escalated_at stamp, set in the same
   * transaction under FOR UPDATE SKIP LOCKED, makes it exactly once across instances and restarts.
   */
  async escalateOverdueRulings(): Promise<number> {
    let escalated = 0;
    for (;;) {
      const done = await this.db.transaction(async (tx) => {
        const row = await tx.one<{ id: string; item_id: string; ruling_due_at: Date }>(
          `SELECT id, item_id, ruling_due_at FROM written_explanations
           WHERE status = 'pending' AND ruling_escalated_at IS NULL AND ruling_due_at <= hub_now() AND ${RULING_RUNS}
           ORDER BY ruling_due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!row) return false;
        const now = await this.clock.now(tx);
        await tx.query(`UPDATE written_explanations SET ruling_escalated_at = $2 WHERE id = $1`, [row.id, now]);
        const item = (await loadItem(tx, row.item_id))!;
        const leaders = await this.alerts.leaderIds(tx);
        await this.alerts.alert(
          tx,
          leaders,
          { kind: 'ruling_overdue', projectId: item.projectId, itemId: item.id, explanationId: row.id },
          now,
        );
        const detail = {
          explanationId: row.id,
          rulingDueAt: row.ruling_due_at.toISOString(),
          alerted: String(leaders.length),
        };
        await this.steps.recordStep(tx, { item: item, after: item }, { actor: null, action: 'explanation.ruling_overdue', detail });
        return true;
      }, CLAIM_TX); // a background claim: a frozen instance lets go within a second
      if (!done) return escalated;
      escalated++;
    }
  }

  async explanations(user: SessionUser, projectId: string): Promise<ExplanationView[]> {
    authorize(user, 'project.read');
    const rows = await this.db.query<ExplanationRow>(`${EXPLANATION_SELECT} WHERE i.project_id = $1 ORDER BY e.filed_at`, [projectId]);
    return rows.map(toExplanation);
  }

  /** R14/R15/R17: one deemed consent (see deemConsents). */
  async deemConsent(tx: Tx, before: ApprovalItemView, firedAt: Date, cause: DeemCause = { kind: 'timeout' }): Promise<ApprovalItemView> {
    return (await this.deemConsents(tx, [{ before, cause }], firedAt))[0]!;
  }

  /**
   * R14/R15/R17: marks running items deemed to consent, each with its numbered notice, inside the
   * caller's transaction (engine: timeout; meeting close or ruling: absence). The (item, deadline
   * version) key of deemed_consents and the state machine make a second firing impossible. A batch
   * (the engine's claim) is written in a few set-based statements, whatever its size, its card
   * entries included (each citing its own notice).
   */
  async deemConsents(
    tx: Tx,
    firings: readonly { before: ApprovalItemView; cause?: DeemCause }[],
    firedAt: Date,
  ): Promise<ApprovalItemView[]> {
    if (!firings.length) return [];
    const { settings } = await this.calendars.current();
    const deemed = firings.map(({ before, cause = { kind: 'timeout' } }) => {
      const status = nextItemStatus(before.status, 'deem_consent');
      // R17 Decision: the decision takes effect at the legal instant — the due instant (R14 timeout, and an
      // explanation rejected after it: the explanation only held the clock) or the close (R15) — never at
      // the later instant the hub or the leader got to it.
      const absence = cause.kind === 'meeting_absence' || cause.kind === 'inspection_absence' ? cause : null;
      const effectiveAt = absence ? absence.effectiveAt : new Date(before.dueAt!);
      const content: ImpliedConsentContent = {
        itemId: before.id,
        departmentId: before.departmentId,
        acceptedAt: before.acceptedAt,
        dueAt: before.dueAt,
        cause: cause.kind,
        effectiveAt: effectiveAt.toISOString(),
        ...(absence
          ? {
              meetingId: absence.meetingId,
              meeting: absence.meetingTitle,
              meetingKind: absence.meetingKind,
              meetingStartsAt: absence.meetingStartsAt.toISOString(),
            }
          : {}),
        ...(cause.kind === 'explanation_rejected'
          ? { explanationFiledAt: cause.filedAt.toISOString(), explanationRuledAt: cause.ruledAt.toISOString() }
          : {}),
      };
      return { before, cause, status, absence, effectiveAt, content };
    });
    const notices = await this.notices.issueMany(
      tx,
      deemed.map((d) => ({
        kind: 'timeout_implied_consent' as const,
        projectId: d.before.projectId,
        itemId: d.before.id,
        issuedAt: firedAt,
        timeZone: settings.timeZone,
        content: { title: '超时默许通知书', ...d.content },
      })),
    );
    const ids = deemed.map((d) => d.before.id);
    await tx.query(
      `INSERT INTO deemed_consents (item_id, deadline_version, cause, due_at, fired_at, notice_id, meeting_id)
       SELECT item_id, deadline_version, cause, due_at, $5::timestamptz, notice_id, meeting_id
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $6::uuid[], $7::uuid[])
         AS d(item_id, deadline_version, cause, due_at, notice_id, meeting_id)`,
      [
        ids,
        deemed.map((d) => d.before.deadlineVersion),
        deemed.map((d) => d.cause.kind),
        deemed.map((d) => d.effectiveAt.toISOString()),
        firedAt,
        notices.map((n) => n.id),
        deemed.map((d) => d.absence?.meetingId ?? null),
      ],
    );
    await tx.query(
      `UPDATE approval_items i SET status = d.status, decided_at = d.decided_at, notice_number = d.notice_number
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[]) AS d(id, status, decided_at, notice_number)
       WHERE i.id = d.id`,
      [ids, deemed.map((d) => d.status), deemed.map((d) => d.effectiveAt.toISOString()), notices.map((n) => n.number)],
    );
    const afterById = new Map((await loadItemsById(tx, ids)).map((item) => [item.id, item]));
    // The desks: the warnings that waited on the items are settled; each department's liaisons and the
    // leaders learn of the deemed consent (raised with every other one of this transaction, at its end).
    await this.alerts.markHandled(tx, { itemIds: ids }, firedAt);
    const steps = deemed.map(({ before, cause, absence, effectiveAt }, i) => {
      const after = afterById.get(before.id)!;
      const notice = notices[i]!;
      this.alerts.deemedConsent(tx, { itemId: before.id, deadlineVersion: before.deadlineVersion }, firedAt);
      const detail = {
        cause: cause.kind,
        noticeNumber: notice.number,
        dueAt: before.dueAt!,
        lateMs: String(firedAt.getTime() - effectiveAt.getTime()),
        ...(absence ? { meeting: absence.meetingTitle, meetingId: absence.meetingId } : {}),
      };
      return { change: { item: before, after }, step: { actor: null, action: 'item.deemed_consent' as const, detail, notice } };
    });
    await this.steps.recordSteps(tx, steps);
    return steps.map((s) => s.change.after);
  }

  /**
   * R12/R13/R16: a new due instant under a new deadline version, so (item, version) stays exactly-once.
   * Bounded (R12 Decision): within the calendar's years, and all moves of the item together add at
   * most 10 working days (setting). The applicant gets a numbered notice: 延期通知 for an extension
   * (a leader's, or an accepted explanation's), 延时审批通知书 for a delay. `undo`: an outage delay
   * reopens a deemed consent by a correction notice citing it (R13, R17).
   */
  private async reschedule(
    tx: Tx,
    user: SessionUser,
    before: ApprovalItemView,
    change: Reschedule,
    undo: DeemedToUndo | null = null,
  ): Promise<ApprovalItemView> {
    const now = await this.clock.now(tx);
    if (undo) {
      if (change.newDueAt.getTime() <= now.getTime())
        refuse({ rule: 'R13', field: 'newDueAt', code: 'due.not_future', message: 'The new due time must lie in the future' });
    } else if (change.kind !== 'explanation_accepted') {
      // An accepted explanation was checked by the ruling table (R16); the bound below applies to it too.
      const problem = rescheduleError(
        { status: before.status, dueAt: before.dueAt ? new Date(before.dueAt) : null, holds: holdsOf(before) },
        change.newDueAt,
        now,
      );
      if (problem) refuse({ rule: change.kind === 'delay' ? 'R13' : 'R12', ...problem });
    }
    const { calendar, settings } = await this.calendars.current(tx);
    const fromDueAt = new Date(before.dueAt!);
    const used = await this.workingDaysUsed(tx, before.id);
    const bound = deadlineMoveError({ currentDueAt: fromDueAt, newDueAt: change.newDueAt, usedWorkingDays: used }, calendar, settings);
    if (bound) refuse(change.kind === 'delay' ? { ...bound, rule: 'R13' } : bound);
    const added = workingDaysAdded(fromDueAt, change.newDueAt, calendar, settings.timeZone);
    const provisional = calendar.yearStatus(Number(civilDateOf(change.newDueAt, settings.timeZone).slice(0, 4))) === 'provisional';
    let current = before;
    if (undo) current = await this.undoDeemedConsent(tx, user, before, undo, change, now, settings.timeZone);
    const notice = await this.notices.issue(tx, {
      ...(change.kind === 'delay'
        ? {
            kind: 'delayed_approval' as const,
            content: {
              itemId: before.id,
              departmentId: before.departmentId,
              cause: change.delayCause,
              description: change.reason,
              previousDueAt: before.dueAt,
              newDueAt: change.newDueAt.toISOString(),
              ...(change.outage ? { outageFrom: change.outage.from.toISOString(), outageTo: change.outage.to.toISOString() } : {}),
            },
          }
        : {
            kind: 'extension_notice' as const,
            content: {
              itemId: before.id,
              departmentId: before.departmentId,
              reason: change.reason,
              previousDueAt: before.dueAt,
              newDueAt: change.newDueAt.toISOString(),
              addedWorkingDays: used + added,
              limitWorkingDays: DEADLINE_LIMITS.extensionWorkingDays,
            },
          }),
      projectId: before.projectId,
      itemId: before.id,
      issuedAt: now,
      timeZone: settings.timeZone,
      issuedBy: user,
    });
    await tx.query(`UPDATE approval_items SET due_at = $2, provisional = $3, deadline_version = deadline_version + 1 WHERE id = $1`, [
      before.id,
      change.newDueAt,
      provisional,
    ]);
    await tx.query(
      `INSERT INTO deadline_changes (item_id, kind, from_version, to_version, from_due_at, to_due_at, reason, delay_cause, explanation_id, notice_id, changed_by, changed_at,
                                     added_working_days, outage_from, outage_to, undid_deemed_version)
       VALUES ($1, $2, $3, $3 + 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        before.id,
        change.kind,
        before.deadlineVersion,
        before.dueAt,
        change.newDueAt,
        change.reason,
        change.delayCause ?? null,
        change.explanationId ?? null,
        notice.id,
        user.id,
        now,
        added,
        change.outage?.from ?? null,
        change.outage?.to ?? null,
        undo?.deadlineVersion ?? null,
      ],
    );
    const after = (await loadItem(tx, before.id))!;
    const detail = {
      reason: change.reason,
      previousDueAt: before.dueAt!,
      dueAt: after.dueAt!,
      noticeNumber: notice.number,
      addedWorkingDays: String(used + added),
      ...change.detail,
    };
    await this.steps.recordStep(tx, { item: current, after }, { actor: user, action: change.action, detail });
    tx.onCommit(() => this.signals.deadlinesChanged());
    return after;
  }

  /** R12 Decision: the working days earlier moves of this item added (one budget per item). */
  private async workingDaysUsed(tx: Tx, itemId: string): Promise<number> {
    const row = await tx.one<{ used: number }>(
      `SELECT COALESCE(SUM(added_working_days), 0)::int AS used FROM deadline_changes WHERE item_id = $1`,
      [itemId],
    );
    return row!.used;
  }

  /**
   * R13/R17: an outage delay undoes a deemed consent that fired inside the outage: a numbered
   * correction notice cites the deemed-consent notice (which is shown superseded, and no longer
   * counts in R21), and the item returns to review. Same transaction as the delay itself.
   */
  private async undoDeemedConsent(
    tx: Tx,
    user: SessionUser,
    before: ApprovalItemView,
    undo: DeemedToUndo,
    change: Reschedule,
    now: Date,
    timeZone: string,
  ): Promise<ApprovalItemView> {
    const reason = `网络中断期间（${change.outage!.from.toISOString()}–${change.outage!.to.toISOString()}）发生的超时默许，依延时审批（R13）撤销：${change.reason}`;
    const correction = await this.notices.issue(tx, {
      kind: 'correction_notice',
      projectId: before.projectId,
      itemId: before.id,
      issuedAt: now,
      timeZone,
      issuedBy: user,
      corrects: { id: undo.noticeId, number: undo.noticeNumber },
      content: {
        itemId: before.id,
        departmentId: before.departmentId,
        ...({
          corrected: {
            id: undo.noticeId,
            number: undo.noticeNumber,
            kind: 'timeout_implied_consent',
            title: NOTICE_TITLES.timeout_implied_consent,
            issuedAt: undo.issuedAt.toISOString(),
          },
          reason,
          revocation: { itemId: before.id, newDueAt: change.newDueAt.toISOString() },
        } satisfies CorrectionContent),
      },
    });
    await tx.query(
      `INSERT INTO deemed_consent_corrections (item_id, deadline_version, correction_notice_id, reason, corrected_at) VALUES ($1, $2, $3, $4, $5)`,
      [before.id, undo.deadlineVersion, correction.id, reason, now],
    );
    const status = nextItemStatus(before.status, 'correct');
    await tx.query(`UPDATE approval_items SET status = $2, decided_at = NULL, notice_number = NULL WHERE id = $1`, [before.id, status]);
    const reopened = (await loadItem(tx, before.id))!;
    const detail = {
      noticeNumber: correction.number,
      corrects: undo.noticeNumber,
      reason,
    };
    await this.steps.recordStep(tx, { item: before, after: reopened }, { actor: user, action: 'item.deemed_consent_corrected', detail });
    return reopened;
  }

  /** An approval item as it is, read in `q` (the caller's transaction). */
  item(q: Queryable, id: string): Promise<ApprovalItemView | undefined> {
    return loadItem(q, id);
  }

  /** Approval items by id, read in `q` (the engine's claim). */
  itemsById(q: Queryable, ids: readonly string[]): Promise<ApprovalItemView[]> {
    return loadItemsById(q, ids);
  }

  /** A project's items (every project's: null), lead first, read in `q`. */
  items(q: Queryable, projectIds: string[] | null): Promise<ApprovalItemView[]> {
    return loadItems(q, projectIds);
  }

  /** The item of a department in a project (one per pair, R4), optionally locked, read in `q`. */
  itemOf(q: Queryable, projectId: string, departmentId: string, lock: boolean): Promise<ApprovalItemView | undefined> {
    return loadItemOf(q, projectId, departmentId, lock);
  }

  /** The item locked for a step on it; 404 when there is none. */
  async lockedItem(tx: Tx, id: string): Promise<ApprovalItemView> {
    const item = await loadItem(tx, id, true);
    if (!item) throw notFound('Approval item');
    return item;
  }

  private async explanation(tx: Tx, id: string): Promise<ExplanationView | undefined> {
    const row = await tx.one<ExplanationRow>(`${EXPLANATION_SELECT} WHERE e.id = $1`, [id]);
    return row && toExplanation(row);
  }
}

interface ExplanationRow {
  id: string;
  item_id: string;
  kind: ExplanationView['kind'];
  meeting_id: string | null;
  ruling_due_at: Date;
  text: string;
  status: ExplanationView['status'];
  filed_at: Date;
  filed_by_name: string;
  ruled_at: Date | null;
  note: string | null;
  new_due_at: Date | null;
}

const EXPLANATION_SELECT = `SELECT e.*, u.display_name AS filed_by_name FROM written_explanations e
  JOIN approval_items i ON i.id = e.item_id JOIN users u ON u.id = e.filed_by`;

function toExplanation(r: ExplanationRow): ExplanationView {
  return {
    id: r.id,
    itemId: r.item_id,
    kind: r.kind,
    meetingId: r.meeting_id,
    rulingDueAt: r.ruling_due_at.toISOString(),
    text: r.text,
    status: r.status,
    filedAt: r.filed_at.toISOString(),
    filedBy: r.filed_by_name,
    ruledAt: r.ruled_at?.toISOString() ?? null,
    note: r.note,
    newDueAt: r.new_due_at?.toISOString() ?? null,
  };
}
