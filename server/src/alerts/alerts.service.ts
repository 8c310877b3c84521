import { HttpStatus, Injectable } from '@nestjs/common';
import {
  countdown,
  isWarned,
  type AlertInbox,
  type AlertView,
  type LeaderInboxProjects,
  type ApprovalItemView,
  type SessionUser,
} from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { ProjectSteps } from '../card/project-steps';
import { authorize } from '../common/authorize';
import { notFound, ProblemException } from '../common/problem';
import { CLAIM_TX, Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import type { Queryable } from '../database/database';
import { loadBoardProjects, loadItem } from '../projects/project-records';
import { Notifier } from '../notifications/notifier';
import { LiveEvents, userRoom } from '../events/live-events';

interface AlertRow {
  id: string;
  kind: AlertView['kind'];
  created_at: Date;
  read_at: Date | null;
  project_id: string;
  project_code: string;
  project_name: string;
  item_id: string | null;
  department_id: string | null;
  explanation_id: string | null;
  meeting_id: string | null;
  due_at: Date;
  deadline_version: number | null;
  working_days_left: number | null;
  handled_at: Date | null;
  deemed_cause: AlertView['deemedCause'];
}

/** What an alert is about, beyond the R14a warning (which names a deadline version). */
export type AlertSubject =
  | { kind: 'explanation_filed' | 'ruling_overdue'; projectId: string; itemId: string; explanationId: string }
  | { kind: 'forwarding_overdue'; projectId: string }
  | { kind: 'meeting_invited'; projectId: string; meetingId: string };

/** What was settled: the alerts about it that still wait are marked handled (in the settling transaction). */
export type HandledSubject = { itemIds: readonly string[] } | { explanationId: string } | { forwardedProjectId: string };

// The instant an alert is about: the warned deadline (R14a), the ruling's due instant (R16), the forward
// deadline (R6), the meeting's start (R15a), the instant a deemed consent took effect (R17).
const SELECT = `
  SELECT a.id, a.kind, a.created_at, a.read_at, a.handled_at, p.id AS project_id, p.code AS project_code, p.name AS project_name,
         a.item_id, i.department_id, a.explanation_id, a.meeting_id, COALESCE(w.due_at, e.ruling_due_at, f.due_at, m.starts_at, d.due_at) AS due_at,
         COALESCE(a.deadline_version, a.deemed_version) AS deadline_version, w.working_days_left, d.cause AS deemed_cause
  FROM alerts a
  JOIN projects p ON p.id = a.project_id
  LEFT JOIN item_warnings w ON w.item_id = a.item_id AND w.deadline_version = a.deadline_version AND a.kind = 'deadline_warning'
  LEFT JOIN deemed_consents d ON d.item_id = a.item_id AND d.deadline_version = a.deemed_version
  LEFT JOIN approval_items i ON i.id = a.item_id
  LEFT JOIN written_explanations e ON e.id = a.explanation_id
  LEFT JOIN mega_forwarding f ON f.project_id = a.project_id AND a.kind = 'forwarding_overdue'
  LEFT JOIN meetings m ON m.id = a.meeting_id`;

const INBOX_SIZE = 100;

const toView = (r: AlertRow): AlertView => ({
  id: r.id,
  kind: r.kind,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
  projectId: r.project_id,
  projectCode: r.project_code,
  projectName: r.project_name,
  itemId: r.item_id,
  departmentId: r.department_id,
  explanationId: r.explanation_id,
  meetingId: r.meeting_id,
  dueAt: r.due_at.toISOString(),
  deadlineVersion: r.deadline_version,
  workingDaysLeft: r.working_days_left,
  handledAt: r.handled_at?.toISOString() ?? null,
  deemedCause: r.deemed_cause ?? null,
});

/** The matching alerts, newest first; an inbox shows the first INBOX_SIZE, alerts just raised are loaded whole (limit null). */
async function loadAlerts(q: Queryable, where: string, params: unknown[], limit: number | null = INBOX_SIZE): Promise<AlertView[]> {
  return (
    await q.query<AlertRow>(`${SELECT} WHERE ${where} ORDER BY a.created_at DESC, a.id${limit === null ? '' : ` LIMIT ${limit}`}`, params)
  ).map(toView);
}

/** A deemed consent to alert: the item and the deadline version it was deemed under (a deemed_consents key). */
export interface DeemedSubject {
  itemId: string;
  deadlineVersion: number;
}

/**
 * R14a early warning: an item with the warning threshold or fewer working days left is warned once
 * per deadline — on its card, and in the inbox of its department's liaison(s) and of the window —
 * and each alert is pushed live to its recipient. The item_warnings key (item, deadline version)
 * makes a second warning of the same deadline impossible, across instances and restarts.
 */
@Injectable()
export class AlertsService {
  /** Deemed consents of a transaction still to alert, raised together at its end. */
  private readonly deemed = new WeakMap<Tx, { subjects: DeemedSubject[]; now: Date }>();

  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly steps: ProjectSteps,
    private readonly live: LiveEvents,
    private readonly notifier: Notifier,
  ) {}

  /** Warns one item if it is in its warning window and not yet warned for this deadline; true if it did. */
  warnIfDue(itemId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // Skip an item another transaction holds (being decided, accepted, recomputed): the next sweep sees it settled.
      const claimed = await tx.one(`SELECT 1 FROM approval_items WHERE id = $1 AND status = 'in_review' FOR UPDATE SKIP LOCKED`, [itemId]);
      if (!claimed) return false;
      const item = (await loadItem(tx, itemId))!;
      const now = await this.clock.now(tx);
      const { calendar, settings } = await this.calendars.current();
      const dueAt = new Date(item.dueAt!);
      if (
        !isWarned({ status: item.status, dueAt, acceptedAt: item.acceptedAt ? new Date(item.acceptedAt) : null }, now, calendar, settings)
      )
        return false;
      const { workingDaysLeft } = countdown(now, dueAt, calendar, settings);
      const stored = await tx.one(
        `INSERT INTO item_warnings (item_id, deadline_version, due_at, warned_at, working_days_left) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING item_id`,
        [item.id, item.deadlineVersion, dueAt, now, workingDaysLeft],
      );
      if (!stored) return false; // this deadline was warned already
      const recipients = await tx.query<{ id: string }>(
        `SELECT id FROM users WHERE (role = 'liaison' AND department_id = $1) OR role = 'window' ORDER BY id`,
        [item.departmentId],
      );
      const ids = await this.insertWarnings(
        tx,
        recipients.map((r) => r.id),
        item,
        now,
      );
      // R5: the warning is a step of the project, on its card — proof the department was told in time.
      await this.steps.recordStep(
        tx,
        { item, after: item },
        {
          actor: null,
          action: 'item.warned',
          detail: { dueAt: item.dueAt!, workingDaysLeft: String(workingDaysLeft), alerted: String(recipients.length) },
        },
      );
      const alerts = await loadAlerts(tx, 'a.id = ANY($1)', [ids]);
      const byId = new Map(recipients.map((r, i) => [ids[i]!, r.id]));
      await this.notifier.alerted(tx, alerts, byId, now); // R27: by e-mail or SMS where each chose so
      tx.onCommit(() => {
        for (const alert of alerts) this.live.emitTo([userRoom(byId.get(alert.id)!)], 'alert:new', alert);
      });
      return true;
    }, CLAIM_TX);
  }

  /**
   * Issue 14: what a leader's inbox is drawn from, as of one stream position (R25: live entries
   * after it apply) — projects with a running item whose written explanation awaits a ruling (R16)
   * and mega projects whose forward is due and not made (R6; the screen tells escalated by the clock).
   */
  async leaderProjects(user: SessionUser): Promise<LeaderInboxProjects> {
    authorize(user, 'explanation.rule');
    return this.db.transaction(async (tx) => {
      const head = await tx.one<{ position: string }>('SELECT COALESCE(MAX(position), 0) AS position FROM card_entries');
      const ids = await tx.query<{ id: string }>(
        `SELECT ai.project_id AS id FROM written_explanations we JOIN approval_items ai ON ai.id = we.item_id
          WHERE we.status = 'pending' AND ai.status IN ('awaiting_acceptance', 'in_review')
         UNION
         SELECT mf.project_id FROM mega_forwarding mf WHERE mf.forwarded_at IS NULL AND mf.due_at IS NOT NULL`,
      );
      const projects =
        ids.length === 0
          ? []
          : await loadBoardProjects(
              tx,
              ids.map((r) => r.id),
            );
      return { position: Number(head!.position), projects };
    });
  }

  /** R14a: the user's own alerts, newest first, with the count still unread. */
  async inbox(user: SessionUser): Promise<AlertInbox> {
    authorize(user, 'alerts.read');
    const alerts = await loadAlerts(this.db, 'a.user_id = $1', [user.id]);
    const unread = await this.db.one<{ n: string }>('SELECT count(*) AS n FROM alerts WHERE user_id = $1 AND read_at IS NULL', [user.id]);
    return { alerts, unread: Number(unread!.n) };
  }

  /** Marks one of the user's own alerts read; someone else's is refused (R2: a clear 403 that changes nothing). */
  async markRead(user: SessionUser, id: string): Promise<AlertView> {
    authorize(user, 'alerts.read');
    return this.db.transaction(async (tx) => {
      const alert = await tx.one<{ user_id: string }>('SELECT user_id FROM alerts WHERE id = $1 FOR UPDATE', [id]);
      if (!alert) throw notFound('Alert');
      if (alert.user_id !== user.id)
        throw new ProblemException(HttpStatus.FORBIDDEN, 'Forbidden', `${user.role} ${user.username} may read only their own alerts`);
      await tx.query('UPDATE alerts SET read_at = COALESCE(read_at, hub_now()) WHERE id = $1', [id]);
      return (await loadAlerts(tx, 'a.id = $1', [id]))[0]!;
    });
  }

  /**
   * R16/R6: alerts the given people inside the caller's transaction, once per person and subject
   * (unique indexes), each pushed live to its recipient after commit. Returns how many were stored.
   */
  async alert(tx: Tx, userIds: readonly string[], subject: AlertSubject, now: Date): Promise<number> {
    const ids: string[] = [];
    for (const userId of userIds) {
      const row = await tx.one<{ id: string }>(
        `INSERT INTO alerts (user_id, kind, project_id, item_id, explanation_id, meeting_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          userId,
          subject.kind,
          subject.projectId,
          'itemId' in subject ? subject.itemId : null,
          'explanationId' in subject ? subject.explanationId : null,
          'meetingId' in subject ? subject.meetingId : null,
          now,
        ],
      );
      if (row) ids.push(row.id);
    }
    const owners = new Map(
      (await tx.query<{ id: string; user_id: string }>('SELECT id, user_id FROM alerts WHERE id = ANY($1)', [ids])).map((r) => [
        r.id,
        r.user_id,
      ]),
    );
    await this.raised(tx, owners, now);
    return ids.length;
  }

  /**
   * R14/R15/R17: a deemed consent alerts its department's active liaisons and every leader, once per
   * item and deadline version (unique index). Gathered over the caller's transaction and raised at
   * its end by one INSERT … SELECT for all of them: an engine batch firing many deadlines pays a
   * few statements, not several per firing and person (which made 1,000 due together fire seconds late).
   */
  deemedConsent(tx: Tx, subject: DeemedSubject, now: Date): void {
    const pending = this.deemed.get(tx);
    if (pending) {
      pending.subjects.push(subject);
      if (now > pending.now) pending.now = now;
      return;
    }
    const gathered = { subjects: [subject], now };
    this.deemed.set(tx, gathered);
    tx.atEnd(() => this.alertDeemed(tx, gathered.subjects, gathered.now));
  }

  private async alertDeemed(tx: Tx, subjects: readonly DeemedSubject[], now: Date): Promise<void> {
    // Each alert bears the instant its consent was deemed (fired_at), as one raised in the firing would.
    const rows = await tx.query<{ id: string; user_id: string }>(
      `INSERT INTO alerts (user_id, kind, project_id, item_id, deemed_version, created_at)
       SELECT u.id, 'deemed_consent', i.project_id, d.item_id, d.deadline_version, d.fired_at
       FROM unnest($1::uuid[], $2::int[]) AS s(item_id, deadline_version)
       JOIN deemed_consents d ON d.item_id = s.item_id AND d.deadline_version = s.deadline_version
       JOIN approval_items i ON i.id = d.item_id
       JOIN users u ON (u.role = 'liaison' AND u.active AND u.department_id = i.department_id) OR u.role = 'leader'
       ORDER BY d.fired_at, u.id
       ON CONFLICT DO NOTHING RETURNING id, user_id`,
      [subjects.map((s) => s.itemId), subjects.map((s) => s.deadlineVersion)],
    );
    await this.raised(tx, new Map(rows.map((r) => [r.id, r.user_id])), now);
  }

  /** Alerts just stored: told by each owner's chosen channel (R27) and pushed live to them once committed. */
  private async raised(tx: Tx, owners: ReadonlyMap<string, string>, now: Date): Promise<void> {
    if (!owners.size) return;
    const alerts = await loadAlerts(tx, 'a.id = ANY($1)', [[...owners.keys()]], null);
    await this.notifier.alerted(tx, alerts, owners, now); // R27: by e-mail or SMS where each chose so
    tx.onCommit(() => {
      for (const alert of alerts) this.live.emitTo([userRoom(owners.get(alert.id)!)], 'alert:new', alert);
    });
  }

  /** R15a: every active liaison of the given departments (deputies are liaisons of the same department). */
  async liaisonIds(q: Queryable, departmentIds: readonly string[]): Promise<string[]> {
    return (
      await q.query<{ id: string }>(`SELECT id FROM users WHERE role = 'liaison' AND active AND department_id = ANY($1) ORDER BY id`, [
        departmentIds,
      ])
    ).map((r) => r.id);
  }

  /**
   * Marks handled, inside the settling transaction, the alerts that waited on what was just settled:
   * an item decided or deemed settles its warnings; a ruling settles its explanation's alerts; a
   * forward settles the overdue-forward alerts. A deemed-consent alert is news, not a wait: it stays.
   */
  async markHandled(tx: Tx, subject: HandledSubject, now: Date): Promise<number> {
    const [where, param] =
      'itemIds' in subject
        ? [`item_id = ANY($1::uuid[]) AND kind = 'deadline_warning'`, subject.itemIds]
        : 'explanationId' in subject
          ? [`explanation_id = $1`, subject.explanationId]
          : [`project_id = $1 AND kind = 'forwarding_overdue'`, subject.forwardedProjectId];
    const rows = await tx.query<{ id: string }>(`UPDATE alerts SET handled_at = $2 WHERE ${where} AND handled_at IS NULL RETURNING id`, [
      param,
      now,
    ]);
    return rows.length;
  }

  /** R16: every leader is alerted at filing and when a ruling is overdue. */
  async leaderIds(q: Queryable): Promise<string[]> {
    return (await q.query<{ id: string }>(`SELECT id FROM users WHERE role = 'leader' ORDER BY id`)).map((r) => r.id);
  }

  private async insertWarnings(tx: Tx, userIds: string[], item: ApprovalItemView, now: Date): Promise<string[]> {
    const ids: string[] = [];
    for (const userId of userIds) {
      const row = await tx.one<{ id: string }>(
        `INSERT INTO alerts (user_id, kind, project_id, item_id, deadline_version, created_at) VALUES ($1, 'deadline_warning', $2, $3, $4, $5) RETURNING id`,
        [userId, item.projectId, item.id, item.deadlineVersion, now],
      );
      ids.push(row!.id);
    }
    return ids;
  }
}
