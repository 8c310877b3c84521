import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  absenceCause,
  closeError,
  closingOutcomes,
  lapseDue,
  lateExcusesError,
  noticeGiven,
  DEFAULT_MEETING_DURATION_MS,
  defaultInvitees,
  inviteesError,
  openError,
  opinionError,
  roomClosedError,
  scheduleError,
  type ApprovalItemView,
  type ClosePreview,
  type JoinMeetingResult,
  type MeetingSummary,
  type MeetingView,
  type SessionUser,
  lifeActionError,
  lifeOf,
} from '@hub/shared';
import { AlertsService } from '../alerts/alerts.service';
import { ApprovalsService } from '../approvals/approvals.service';
import { ProjectSteps, type StepChange } from '../card/project-steps';
import { authorize } from '../common/authorize';
import { badRequest, conflict, notFound, refuse, ruleRefusal } from '../common/problem';
import { CalendarService } from '../calendar/calendar.service';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { CLAIM_TX, Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { DeadlineSignals } from '../events/deadline-signals';
import { LiveEvents } from '../events/live-events';
import type { CloseMeetingDto, ClosePreviewDto, ConveneMeetingDto, MarkPresentDto, OpinionDto, RectificationDto } from './meeting.dto';
import {
  loadExcuses,
  loadInvitations,
  loadMeetingRow,
  loadMeetingView,
  loadSummaries,
  loadSummary,
  type MeetingRow,
} from './meeting-records';

/**
 * Meetings and site inspections (R15, R18–R20). Attendance is a durable fact in PostgreSQL, never
 * socket state: once a department joined (or was marked present) it stays present, whatever its
 * connection does. Every change is one transaction with its card entry; the room is pushed after commit.
 */
@Injectable()
export class MeetingsService {
  private readonly log = new Logger('Meetings');

  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly steps: ProjectSteps,
    private readonly approvals: ApprovalsService,
    private readonly live: LiveEvents,
    private readonly signals: DeadlineSignals,
    private readonly calendars: CalendarService,
    private readonly alerts: AlertsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** R18/R20: the lead department's liaison, the window or a leader schedules a meeting or inspection. */
  async convene(user: SessionUser, projectId: string, dto: ConveneMeetingDto): Promise<MeetingView> {
    const id = await this.db.transaction(async (tx) => {
      const project = await tx.one<{ status: string; lead_department_id: string | null }>(
        'SELECT status, lead_department_id FROM projects WHERE id = $1 FOR SHARE',
        [projectId],
      );
      if (!project) throw notFound('Project');
      authorize(user, 'meeting.convene', { departmentId: project.lead_department_id ?? undefined });
      if (project.status !== 'in_channel') throw conflict('Only a project in the green channel has departments to convene');
      // R4a: a withdrawn or completed project is kept for the record only (FOR SHARE above: no withdrawal slips in).
      const life = lifeActionError(lifeOf((await this.steps.current(tx, projectId))!), 'convene_meeting');
      if (life) refuse(life);
      if (!dto.online && !dto.place?.trim())
        throw badRequest('place', 'Give a place, or hold the meeting online', 'meeting.place_required');
      const items = await this.approvals.items(tx, [projectId]);
      const invited = dto.invitedDepartmentIds ?? defaultInvitees(items);
      const invitees = inviteesError(
        invited,
        items.map((i) => i.departmentId),
      );
      if (invitees) refuse(invitees);
      const now = await this.clock.now(tx);
      const startsAt = new Date(dto.startsAt);
      const endsAt = dto.endsAt ? new Date(dto.endsAt) : new Date(startsAt.getTime() + DEFAULT_MEETING_DURATION_MS);
      const schedule = scheduleError(startsAt, endsAt, now);
      if (schedule) refuse(schedule);
      const row = await tx.one<{ id: string }>(
        `INSERT INTO meetings (project_id, kind, title, starts_at, ends_at, place, online, agenda, status, convened_by, convened_at, convener_department_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'scheduled', $9, $10, $11) RETURNING id`,
        [
          projectId,
          dto.kind,
          dto.title.trim(),
          startsAt,
          endsAt,
          dto.place?.trim() || null,
          dto.online,
          dto.agenda?.trim() ?? '',
          user.id,
          now,
          project.lead_department_id,
        ],
      );
      // R15a: the invitation is sent now; it binds only if it gives the minimum notice before the start.
      const { calendar, settings } = await this.calendars.current(tx);
      const bound = noticeGiven(now, startsAt, calendar, settings.timeZone, this.config.meetingNoticeWorkingDays);
      const departments = [...new Set(invited)];
      for (const departmentId of departments) {
        await tx.query('INSERT INTO meeting_invitees (meeting_id, department_id, invited_at, notice_given) VALUES ($1, $2, $3, $4)', [
          row!.id,
          departmentId,
          now,
          bound,
        ]);
      }
      // R15a: the invitation is an alert to each invited department's liaisons, in the same transaction.
      await this.alerts.alert(
        tx,
        await this.alerts.liaisonIds(tx, departments),
        { kind: 'meeting_invited', projectId, meetingId: row!.id },
        now,
      );
      await this.steps.recordStep(tx, await this.changed(tx, row!.id, null), {
        actor: user,
        action: 'meeting.convened',
        detail: { agenda: dto.agenda?.trim() ?? '', noticeGiven: String(bound) },
      });
      tx.onCommit(() => this.signals.deadlinesChanged()); // the engine plans the lapse of this meeting
      return row!.id;
    });
    return (await this.snapshot(id))!;
  }

  /** The desk list: a liaison sees the meetings its department is invited to; other staff see all. */
  async list(user: SessionUser, projectId?: string): Promise<MeetingSummary[]> {
    authorize(user, 'meeting.read');
    const where: string[] = [];
    const params: unknown[] = [];
    if (projectId) where.push(`m.project_id = $${params.push(projectId)}`);
    if (user.role === 'liaison') {
      where.push(
        `EXISTS (SELECT 1 FROM meeting_invitees mi WHERE mi.meeting_id = m.id AND mi.department_id = $${params.push(user.departmentId)})`,
      );
    }
    return loadSummaries(this.db, where.length ? `WHERE ${where.join(' AND ')}` : '', params);
  }

  /** Like the list: a liaison reads only meetings its department is invited to or convened (R2: else 403). */
  async view(user: SessionUser, id: string): Promise<MeetingView> {
    authorize(user, 'meeting.read');
    const view = await this.snapshot(id);
    if (!view) throw notFound('Meeting');
    if (
      user.role === 'liaison' &&
      user.departmentId !== view.convenerDepartmentId &&
      !view.invitedDepartmentIds.includes(user.departmentId!)
    ) {
      authorize(user, 'meeting.attend', {}); // R2: not invited → 403
    }
    return view;
  }

  /** R19: at meeting time the convener opens the room. */
  async open(user: SessionUser, id: string): Promise<MeetingView> {
    return this.change(id, 'FOR UPDATE OF m', async (tx, meeting) => {
      this.authorizeManage(user, meeting);
      const now = await this.clock.now(tx);
      const problem = openError({ status: meeting.status, startsAt: meeting.starts_at }, now);
      if (problem) refuse(problem);
      await tx.query(`UPDATE meetings SET status = 'open', opened_at = $2 WHERE id = $1`, [id, now]);
      await this.steps.recordStep(tx, await this.changed(tx, id, meeting.summary), { actor: user, action: 'meeting.opened' });
    });
  }

  /**
   * R19: a liaison enters the room as its own department, only if invited (R2). Once the meeting is
   * open this records the department present — once: rejoining after a dropped connection is a
   * no-op. Staff who may read the board watch without attending. Returns the room.
   */
  async join(user: SessionUser, id: string): Promise<MeetingView> {
    authorize(user, 'meeting.read');
    const before = await loadMeetingRow(this.db, id);
    if (!before) throw notFound('Meeting');
    if (user.role !== 'liaison') return (await this.snapshot(id))!;
    authorize(user, 'meeting.attend', { departmentId: user.departmentId ?? undefined });
    const invited = await this.db.one('SELECT 1 FROM meeting_invitees WHERE meeting_id = $1 AND department_id = $2', [
      id,
      user.departmentId,
    ]);
    if (!invited) authorize(user, 'meeting.attend', {}); // R2: a department not invited cannot join (403)
    // Before opening a liaison may wait in the room; attendance starts when the convener opens it.
    return this.attend(user, id, user.departmentId!, 'joined', true);
  }

  /** The convener marks a department present that attends in person. */
  async markPresent(user: SessionUser, id: string, dto: MarkPresentDto): Promise<MeetingView> {
    const meeting = await loadMeetingRow(this.db, id);
    if (!meeting) throw notFound('Meeting');
    this.authorizeManage(user, meeting);
    return this.attend(user, id, dto.departmentId, 'marked');
  }

  /** R18/R19: a department gives (or changes) its opinion in the open room; giving it is attending. */
  async opine(user: SessionUser, id: string, dto: OpinionDto): Promise<MeetingView> {
    authorize(user, 'meeting.opine', { departmentId: user.departmentId ?? undefined });
    const problem = opinionError(dto);
    if (problem) refuse(problem);
    const departmentId = user.departmentId!;
    // FOR SHARE: opinions of different departments run side by side; a close (FOR UPDATE) waits for
    // them to commit, and any opinion that waited behind a close sees it closed and is refused.
    return this.change(id, 'FOR SHARE OF m', async (tx, meeting) => {
      const invitee = await tx.one<{ present_at: Date | null }>(
        'SELECT present_at FROM meeting_invitees WHERE meeting_id = $1 AND department_id = $2 FOR UPDATE',
        [id, departmentId],
      );
      if (!invitee) authorize(user, 'meeting.opine', {}); // R2: not invited → 403
      const closed = roomClosedError(meeting.status);
      if (closed) refuse(closed);
      const now = await this.clock.now(tx);
      if (!invitee!.present_at) {
        await tx.query(
          `UPDATE meeting_invitees SET present_at = $3, present_how = 'joined', present_by = $4 WHERE meeting_id = $1 AND department_id = $2`,
          [id, departmentId, now, user.id],
        );
      }
      const version = await tx.one<{ v: number }>(
        `INSERT INTO meeting_opinions (meeting_id, department_id, version, kind, conditions, basis, given_by, given_at)
         SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4, $5, $6, $7 FROM meeting_opinions WHERE meeting_id = $1 AND department_id = $2
         RETURNING version AS v`,
        [
          id,
          departmentId,
          dto.kind,
          dto.kind === 'agree_with_conditions' ? dto.conditions!.trim() : null,
          dto.kind === 'disagree' ? dto.basis!.trim() : null,
          user.id,
          now,
        ],
      );
      await this.steps.recordStep(tx, await this.changed(tx, id, meeting.summary), {
        actor: user,
        action: 'meeting.opinion',
        detail: {
          department: departmentId,
          opinion: dto.kind,
          version: String(version!.v),
          ...(dto.kind === 'agree_with_conditions' ? { conditions: dto.conditions!.trim() } : {}),
          ...(dto.kind === 'disagree' ? { basis: dto.basis!.trim() } : {}),
        },
      });
    });
  }

  /** R20: an on-the-spot rectification request, and later whether it was done. */
  async addRectification(user: SessionUser, id: string, dto: RectificationDto): Promise<MeetingView> {
    return this.change(id, 'FOR SHARE OF m', async (tx, meeting) => {
      this.authorizeManage(user, meeting);
      if (meeting.kind !== 'site_inspection')
        refuse({
          field: 'kind',
          code: 'rectification.inspection_only',
          message: 'R20: on-the-spot rectification requests belong to site inspections only',
        });
      if (meeting.status === 'lapsed') refuse({ field: 'status', code: 'meeting.ended', message: 'The meeting lapsed', conflict: true });
      if (
        dto.departmentId &&
        !(await tx.one('SELECT 1 FROM meeting_invitees WHERE meeting_id = $1 AND department_id = $2', [id, dto.departmentId]))
      ) {
        throw badRequest('departmentId', 'That department is not invited', 'meeting.not_invited');
      }
      const now = await this.clock.now(tx);
      await tx.query(
        `INSERT INTO rectifications (meeting_id, department_id, request, requested_at, requested_by) VALUES ($1, $2, $3, $4, $5)`,
        [id, dto.departmentId ?? null, dto.request.trim(), now, user.id],
      );
      await this.steps.recordStep(tx, await this.changed(tx, id, meeting.summary), {
        actor: user,
        action: 'meeting.rectification',
        detail: { request: dto.request.trim() },
      });
    });
  }

  async completeRectification(user: SessionUser, id: string, rectificationId: string): Promise<MeetingView> {
    return this.change(id, 'FOR SHARE OF m', async (tx, meeting) => {
      this.authorizeManage(user, meeting);
      const rect = await tx.one<{ request: string; done_at: Date | null }>(
        'SELECT request, done_at FROM rectifications WHERE id = $1 AND meeting_id = $2 FOR UPDATE',
        [rectificationId, id],
      );
      if (!rect) throw notFound('Rectification request');
      if (rect.done_at) throw conflict('Already recorded as done');
      const now = await this.clock.now(tx);
      await tx.query('UPDATE rectifications SET done_at = $2, done_by = $3 WHERE id = $1', [rectificationId, now, user.id]);
      await this.steps.recordStep(tx, await this.changed(tx, id, meeting.summary), {
        actor: user,
        action: 'meeting.rectification',
        detail: { request: rect.request, done: 'true' },
      });
    });
  }

  /**
   * R15a: the lead department's liaison (or whoever runs the meeting) proposes to close it; the
   * window or a leader closes. Recorded on the card, so the closers see it live.
   */
  async proposeClose(user: SessionUser, id: string): Promise<MeetingView> {
    return this.change(id, 'FOR UPDATE OF m', async (tx, meeting) => {
      this.authorizeManage(user, meeting);
      const closed = roomClosedError(meeting.status);
      if (closed) throw ruleRefusal({ ...closed, rule: 'R15a' });
      if (meeting.close_proposed_at) return false;
      const now = await this.clock.now(tx);
      await tx.query('UPDATE meetings SET close_proposed_at = $2, close_proposed_by = $3 WHERE id = $1', [id, now, user.id]);
      await this.steps.recordStep(tx, await this.changed(tx, id, meeting.summary), { actor: user, action: 'meeting.close_proposed' });
      return true;
    });
  }

  /** R15a: what closing now would do to each department — the closer's confirmation states it. Changes nothing. */
  async closePreview(user: SessionUser, id: string, dto: ClosePreviewDto): Promise<ClosePreview> {
    authorize(user, 'meeting.close');
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const meeting = await loadMeetingRow(tx, id);
      if (!meeting) throw notFound('Meeting');
      const { outcomes } = await this.outcomesAtClose(tx, meeting, dto);
      return {
        meetingId: id,
        closableFrom: new Date(meeting.starts_at.getTime() + this.config.meetingGraceMs).toISOString(),
        outcomes: [...outcomes].map(([departmentId, outcome]) => ({ departmentId, outcome })),
      };
    });
  }

  /**
   * R15/R15a/R18: the window or a leader records the conclusion and closes — only once open and only
   * after the start plus the grace. One transaction: the meeting row locked FOR UPDATE (waiting for
   * opinions in flight; a second closer, on any instance, then finds it closed: exactly once), closed,
   * and every department bound by the invitation and absent (or late and not excused) without an
   * accepted meeting excuse deemed to consent on its running item — the same exactly-once path as a
   * timeout, cause "absent from meeting", the meeting named, effective at the close. Pushed after commit.
   */
  async close(user: SessionUser, id: string, dto: CloseMeetingDto): Promise<MeetingView> {
    authorize(user, 'meeting.close');
    return this.change(id, 'FOR UPDATE OF m', async (tx, meeting) => {
      const now = await this.clock.now(tx);
      const refusal = closeError({ status: meeting.status, startsAt: meeting.starts_at }, now, this.config.meetingGraceMs);
      if (refusal) throw ruleRefusal(refusal);
      const { outcomes, items, lateExcuses } = await this.outcomesAtClose(tx, meeting, dto, true);
      await tx.query(
        `UPDATE meetings SET status = 'closed', closed_at = $2, closed_by = $3, conclusion = $4, findings = $5 WHERE id = $1`,
        [id, now, user.id, dto.conclusion.trim(), dto.findings?.trim() || null],
      );
      const deemed: string[] = [];
      for (const [departmentId, outcome] of outcomes) {
        await tx.query('UPDATE meeting_invitees SET outcome = $3, late_excuse = $4 WHERE meeting_id = $1 AND department_id = $2', [
          id,
          departmentId,
          outcome,
          lateExcuses.get(departmentId) ?? null,
        ]);
        if (outcome !== 'deemed') continue;
        const after = await this.approvals.deemConsent(tx, items.get(departmentId)!, now, {
          kind: absenceCause(meeting.kind),
          meetingId: id,
          meetingTitle: meeting.title,
          meetingKind: meeting.kind,
          meetingStartsAt: meeting.starts_at,
          effectiveAt: now,
        });
        deemed.push(after.noticeNumber ?? '');
      }
      const absent = [...outcomes].filter(([, o]) => o !== 'present').map(([d, o]) => `${d}:${o}`);
      await this.steps.recordStep(tx, await this.changed(tx, id, meeting.summary), {
        actor: user,
        action: 'meeting.closed',
        detail: {
          conclusion: dto.conclusion.trim(),
          ...(dto.findings?.trim() ? { findings: dto.findings.trim() } : {}),
          ...(absent.length ? { absences: absent.join(',') } : {}),
          ...(lateExcuses.size ? { lateExcused: [...lateExcuses].map(([d, r]) => `${d}:${r}`).join(',') } : {}),
          ...(deemed.length ? { noticeNumbers: deemed.join(',') } : {}),
        },
      });
      tx.onCommit(() => this.signals.deadlinesChanged());
    });
  }

  /** The R15a outcomes a close would record now; `lock`: lock every invited department's item (closing). */
  private async outcomesAtClose(tx: Tx, meeting: MeetingRow, dto: ClosePreviewDto, lock = false) {
    const invitations = await loadInvitations(tx, [meeting.id]);
    const roll = invitations.map((i) => ({ departmentId: i.department_id, presentAt: i.present_at, noticeGiven: i.notice_given }));
    const requested = dto.lateExcuses ?? [];
    const problem = lateExcusesError(requested, roll, meeting.starts_at, this.config.meetingGraceMs);
    if (problem) throw ruleRefusal(problem);
    const lateExcuses = new Map(requested.map((e) => [e.departmentId, e.reason.trim()]));
    const excuses = await loadExcuses(tx, meeting.id);
    // Lock every invited department's item before any card entry (the card lock comes last everywhere).
    const items = new Map<string, ApprovalItemView>();
    for (const inv of [...invitations].sort((a, b) => a.department_id.localeCompare(b.department_id))) {
      const item = await this.approvals.itemOf(tx, meeting.project_id, inv.department_id, lock);
      if (item) items.set(inv.department_id, item);
    }
    const outcomes = closingOutcomes({ startsAt: meeting.starts_at }, roll, excuses, lateExcuses, items, this.config.meetingGraceMs);
    return { outcomes, items, lateExcuses };
  }

  /**
   * Decision (never-closed meetings): the engine closes a meeting still scheduled or open
   * lapseMs after its scheduled end as "lapsed", WITHOUT R15 (nobody concluded it, so nobody is
   * deemed absent), recorded on the card. Returns whether one lapsed (the engine loops).
   */
  async lapseNext(): Promise<boolean> {
    const lapsed = await this.db.transaction(async (tx) => {
      const due = await tx.one<{ id: string }>(
        `SELECT id FROM meetings WHERE status IN ('scheduled','open') AND ends_at + $1 * interval '1 millisecond' <= hub_now()
         ORDER BY ends_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [this.config.meetingLapseMs],
      );
      if (!due) return null;
      const meeting = (await loadSummary(tx, due.id))!;
      const now = await this.clock.now(tx);
      // The claim picks the candidate; the shared rule decides, as the engine's deemedConsentDue does.
      if (!lapseDue({ status: meeting.status, endsAt: new Date(meeting.endsAt) }, now, this.config.meetingLapseMs)) return null;
      await tx.query(`UPDATE meetings SET status = 'lapsed', closed_at = $2 WHERE id = $1`, [due.id, now]);
      await this.steps.recordStep(tx, await this.changed(tx, due.id, meeting), {
        actor: null,
        action: 'meeting.lapsed',
        detail: { endsAt: meeting.endsAt, lapseAfterMs: String(this.config.meetingLapseMs) },
      });
      const view = (await loadMeetingView(tx, due.id, this.config.meetingGraceMs))!;
      tx.onCommit(() => this.live.publishMeeting(view));
      return due.id;
    }, CLAIM_TX);
    return lapsed !== null;
  }

  /**
   * R4a: the project's withdrawal closes its meetings still scheduled or open WITHOUT R15 effect
   * (there is nothing left to consent to), as a lapse with the reason, in the withdrawal's
   * transaction. The caller has locked the meetings (before the items, the order a close takes).
   */
  async lapseForWithdrawal(tx: Tx, actor: SessionUser, meetingIds: string[]): Promise<void> {
    const now = await this.clock.now(tx);
    for (const id of meetingIds) {
      const meeting = (await loadSummary(tx, id))!;
      await tx.query(`UPDATE meetings SET status = 'lapsed', closed_at = $2 WHERE id = $1`, [id, now]);
      await this.steps.recordStep(tx, await this.changed(tx, id, meeting), {
        actor: actor,
        action: 'meeting.lapsed',
        detail: { endsAt: meeting.endsAt, withdrawn: 'true' },
      });
      const view = (await loadMeetingView(tx, id, this.config.meetingGraceMs))!;
      tx.onCommit(() => this.live.publishMeeting(view));
    }
  }

  /** Socket entry point: the same rules as HTTP, answered as an ack instead of a problem. */
  async joinFromSocket(user: SessionUser, id: string): Promise<JoinMeetingResult> {
    try {
      return { ok: true, meeting: await this.join(user, id) };
    } catch (error) {
      const detail = (error as { getResponse?: () => { detail?: string } }).getResponse?.().detail;
      return { ok: false, error: detail ?? 'refused' };
    }
  }

  /** `watchOnly`: when the room is not open, just answer with it (a joining liaison) instead of refusing (409). */
  private async attend(
    user: SessionUser,
    id: string,
    departmentId: string,
    how: 'joined' | 'marked',
    watchOnly = false,
  ): Promise<MeetingView> {
    return this.change(id, 'FOR SHARE OF m', async (tx, meeting) => {
      const invitee = await tx.one<{ present_at: Date | null }>(
        'SELECT present_at FROM meeting_invitees WHERE meeting_id = $1 AND department_id = $2 FOR UPDATE',
        [id, departmentId],
      );
      if (!invitee) throw badRequest('departmentId', 'That department is not invited', 'meeting.not_invited');
      const closed = roomClosedError(meeting.status);
      if (closed && watchOnly) return false;
      if (closed) refuse(closed);
      if (invitee.present_at) return false; // durable: already present, nothing changes (no phantom entries on rejoin)
      const now = await this.clock.now(tx);
      await tx.query(
        `UPDATE meeting_invitees SET present_at = $3, present_how = $4, present_by = $5 WHERE meeting_id = $1 AND department_id = $2`,
        [id, departmentId, now, how, user.id],
      );
      await this.steps.recordStep(tx, await this.changed(tx, id, meeting.summary), {
        actor: user,
        action: 'meeting.attended',
        detail: { department: departmentId, how },
      });
      return true;
    });
  }

  /**
   * The room as of one moment: every part read in one snapshot, so `asOf` (the card position) and
   * the roll agree — a view read piecemeal could pair a new position with an old roll, and a client
   * keeping the newest view would then keep a stale one.
   */
  private snapshot(id: string): Promise<MeetingView | undefined> {
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return loadMeetingView(tx, id, this.config.meetingGraceMs);
    });
  }

  private authorizeManage(user: SessionUser, meeting: MeetingRow): void {
    authorize(user, 'meeting.manage', { departmentId: meeting.convener_department_id ?? undefined });
  }

  /** One change to a meeting: lock it, apply, and push the room after commit (when something changed). */
  private async change(
    id: string,
    lock: 'FOR SHARE OF m' | 'FOR UPDATE OF m',
    work: (tx: Tx, meeting: MeetingRow & { summary: MeetingSummary }) => Promise<boolean | void>,
  ): Promise<MeetingView> {
    const view = await this.db.transaction(async (tx) => {
      const row = await loadMeetingRow(tx, id, lock);
      if (!row) throw notFound('Meeting');
      const meeting = { ...row, summary: (await loadSummary(tx, id))! };
      const changed = (await work(tx, meeting)) !== false;
      const view = (await loadMeetingView(tx, id, this.config.meetingGraceMs))!;
      if (changed) tx.onCommit(() => this.live.publishMeeting(view));
      return view;
    });
    return view;
  }

  /** Every meeting step is on the project's card, so boards and desks learn of it live (R5, R25): the meeting before and now. */
  private async changed(tx: Tx, id: string, before: MeetingSummary | null): Promise<StepChange> {
    return { meeting: before, after: (await loadSummary(tx, id))! };
  }
}
