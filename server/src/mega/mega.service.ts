import { Injectable } from '@nestjs/common';
import { forwardingDueAt, forwardingRuleOf, requiresForwarding, type BoardProject, type SessionUser, type StaffMember } from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { authorize } from '../common/authorize';
import { badRequest, conflict } from '../common/problem';
import { CLAIM_TX, Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { ProjectSteps } from '../card/project-steps';
import { AlertsService } from '../alerts/alerts.service';
import { DeadlineSignals } from '../events/deadline-signals';
import type { AssignTrackerDto, RecordForwardingDto } from './mega.dto';
import { loadPaperTrailSettings } from './paper-trail-settings';

/**
 * R6: a mega project to be reported higher is forwarded within n working days (setting) of
 * complete materials, tracked throughout by a named staff member. Its deadline only warns and
 * escalates on the board (forwardingStatus); nothing here or in the deadline engine deems consent.
 */
@Injectable()
export class MegaService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly steps: ProjectSteps,
    private readonly alerts: AlertsService,
    private readonly signals: DeadlineSignals,
  ) {}

  /**
   * R6: a forward deadline passed with the project not forwarded escalates once — an alert to the
   * window staff and the named tracker, and an entry on the card — and never deems consent (higher
   * authorities are not bound by the center's rules). The escalated_at stamp, set in the same
   * transaction under FOR UPDATE SKIP LOCKED, makes it exactly once across instances and restarts.
   */
  async escalateOverdueForwarding(): Promise<number> {
    let escalated = 0;
    for (;;) {
      const done = await this.db.transaction(async (tx) => {
        const row = await tx.one<{ project_id: string; due_at: Date; tracker_id: string | null }>(
          `SELECT project_id, due_at, tracker_id FROM mega_forwarding
           WHERE forwarded_at IS NULL AND escalated_at IS NULL AND due_at <= hub_now()
             AND NOT EXISTS (SELECT 1 FROM project_withdrawals w WHERE w.project_id = mega_forwarding.project_id) -- R4a: stopped
           ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!row) return false;
        const now = await this.clock.now(tx);
        const before = await this.steps.lock(tx, row.project_id);
        await tx.query(`UPDATE mega_forwarding SET escalated_at = $2 WHERE project_id = $1`, [row.project_id, now]);
        const people = await tx.query<{ id: string }>(`SELECT id FROM users WHERE role = 'window' OR id = $1 ORDER BY id`, [
          row.tracker_id,
        ]);
        const alerted = await this.alerts.alert(
          tx,
          people.map((p) => p.id),
          { kind: 'forwarding_overdue', projectId: row.project_id },
          now,
        );
        await this.steps.recordStep(tx, before, {
          actor: null,
          action: 'mega.forwarding_escalated',
          detail: { dueAt: row.due_at.toISOString(), alerted: String(alerted) },
        });
        return true;
      }, CLAIM_TX); // a background claim: a frozen instance lets go within a second
      if (!done) return escalated;
      escalated++;
    }
  }

  /** Who can be named to track a mega project: window staff and leaders. */
  async trackers(user: SessionUser): Promise<StaffMember[]> {
    authorize(user, 'mega.track');
    return this.db.query<StaffMember>(
      `SELECT id, display_name AS "displayName", role FROM users WHERE role IN ('window','leader') ORDER BY role, display_name`,
    );
  }

  async assignTracker(user: SessionUser, projectId: string, dto: AssignTrackerDto): Promise<BoardProject> {
    authorize(user, 'mega.track');
    return this.db.transaction(async (tx) => {
      const before = await this.forwardingProject(tx, projectId);
      const tracker = await tx.one<{ display_name: string }>(
        `SELECT display_name FROM users WHERE id = $1 AND role IN ('window','leader')`,
        [dto.trackerId],
      );
      if (!tracker) throw badRequest('trackerId', 'The tracker must be a window staff member or a leader');
      await tx.query(
        `INSERT INTO mega_forwarding (project_id, tracker_id) VALUES ($1, $2) ON CONFLICT (project_id) DO UPDATE SET tracker_id = EXCLUDED.tracker_id`,
        [projectId, dto.trackerId],
      );
      return this.steps.recordStep(tx, before, { actor: user, action: 'mega.tracker_assigned', detail: { tracker: tracker.display_name } });
    });
  }

  async recordForwarding(user: SessionUser, projectId: string, dto: RecordForwardingDto): Promise<BoardProject> {
    authorize(user, 'mega.track');
    return this.db.transaction(async (tx) => {
      const before = await this.forwardingProject(tx, projectId);
      const forwarding = before.paperwork?.forwarding;
      if (!forwarding?.dueAt) throw conflict('The materials are not complete yet: forward once they are (R6)', 'materials.incomplete');
      if (forwarding.forwardedAt) throw conflict(`Already forwarded to ${forwarding.forwardedTo}`);
      const now = await this.clock.now(tx);
      await tx.query('UPDATE mega_forwarding SET forwarded_at = $2, forwarded_to = $3, forwarded_by = $4 WHERE project_id = $1', [
        projectId,
        now,
        dto.forwardedTo.trim(),
        user.id,
      ]);
      await this.alerts.markHandled(tx, { forwardedProjectId: projectId }, now);
      return this.steps.recordStep(tx, before, {
        actor: user,
        action: 'mega.forwarded',
        detail: {
          forwardedTo: dto.forwardedTo.trim(),
          dueAt: forwarding.dueAt,
          late: now.getTime() >= new Date(forwarding.dueAt).getTime() ? '是' : '否',
        },
      });
    });
  }

  /**
   * R6: called in every transaction that changes a project's materials, with whether they are
   * complete now: the first time they are, the forwarding clock starts. It starts once; later
   * changes do not restart it.
   */
  async materialsChanged(tx: Tx, user: SessionUser, projectId: string, now: Date, complete: boolean): Promise<void> {
    const project = await tx.one<{ mega: boolean; report_to_higher: boolean; complete_at: Date | null }>(
      `SELECT p.mega, p.report_to_higher, f.complete_at FROM projects p LEFT JOIN mega_forwarding f ON f.project_id = p.id WHERE p.id = $1`,
      [projectId],
    );
    if (!project || !requiresForwarding({ mega: project.mega, reportToHigherAuthority: project.report_to_higher }) || project.complete_at)
      return;
    if (!complete) return;
    const before = await this.steps.lock(tx, projectId);
    const { calendar, settings } = await this.calendars.current();
    const workingDays = (await loadPaperTrailSettings(tx)).megaForwardingWorkingDays;
    const dueAt = forwardingDueAt(now, calendar, settings, workingDays);
    // The rule is kept so a calendar change recomputes this deadline as it was started (R6/R11).
    await tx.query(
      `INSERT INTO mega_forwarding (project_id, complete_at, due_at, due_rule) VALUES ($1, $2, $3, $4)
       ON CONFLICT (project_id) DO UPDATE SET complete_at = EXCLUDED.complete_at, due_at = EXCLUDED.due_at, due_rule = EXCLUDED.due_rule`,
      [projectId, now, dueAt, forwardingRuleOf(settings, workingDays)],
    );
    await this.steps.recordStep(tx, before, { actor: user, action: 'mega.forwarding_started', detail: { dueAt: dueAt.toISOString() } });
    tx.onCommit(() => this.signals.deadlinesChanged()); // the engine wakes at this forward deadline
  }

  private async forwardingProject(tx: Tx, projectId: string): Promise<BoardProject> {
    const before = await this.steps.lock(tx, projectId);
    if (!before.paperwork?.forwarding) throw conflict('Only a mega project reported to higher authorities is forwarded (R6)');
    return before;
  }
}
