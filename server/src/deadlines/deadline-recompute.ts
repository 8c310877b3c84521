import { Injectable } from '@nestjs/common';
import {
  deadlineRuleOf,
  forwardingRuleOf,
  recomputeDeadline,
  recomputeForwarding,
  type CalendarSettings,
  type ConfigurationAction,
  type DeadlineRule,
  type RecomputedDeadline,
  type SessionUser,
  type WorkingCalendar,
} from '@hub/shared';
import { ProjectSteps } from '../card/project-steps';
import type { Tx } from '../database/database';
import { loadPaperTrailSettings } from '../mega/paper-trail-settings';
import { loadBoardProjects, loadItem } from '../projects/project-records';

/** What a calendar change is, as the cards of the deadlines it moves record it. */
export interface CalendarChangeRef {
  action: ConfigurationAction;
  target: string;
}

/**
 * R11: when a year is published or edited, every deadline still running is computed again, inside
 * the change's own transaction: a moved one gets its new due instant and a new deadline version
 * (so the engine and the early warning treat it as a new deadline), and a card entry with before
 * and after, pushed live after commit. Passed deadlines and deadlines set by hand stay. A mega
 * project's running forward deadline follows the same way (R6: "like any other").
 */
@Injectable()
export class DeadlineRecompute {
  constructor(private readonly steps: ProjectSteps) {}

  async apply(
    tx: Tx,
    actor: SessionUser,
    before: { calendar: WorkingCalendar; settings: CalendarSettings },
    after: WorkingCalendar,
    now: Date,
    change: CalendarChangeRef,
  ): Promise<RecomputedDeadline[]> {
    // Locked in one order, so two writers never wait on each other crosswise.
    const rows = await tx.query<{ id: string; due_rule: DeadlineRule | null }>(
      `SELECT id, due_rule FROM approval_items WHERE status = 'in_review' AND due_at > $1 ORDER BY id FOR UPDATE`,
      [now],
    );
    const moved: RecomputedDeadline[] = [];
    for (const row of rows) {
      const item = (await loadItem(tx, row.id))!;
      // Items accepted before rules were stored were computed under the settings of the time: today's.
      const rule = row.due_rule ?? deadlineRuleOf(before.settings);
      const result = recomputeDeadline(
        {
          status: item.status,
          acceptedAt: item.acceptedAt ? new Date(item.acceptedAt) : null,
          dueAt: item.dueAt ? new Date(item.dueAt) : null,
          provisional: item.provisional,
        },
        rule,
        before.calendar,
        after,
        now,
      );
      if (result.kind === 'moved') {
        await tx.query(`UPDATE approval_items SET due_at = $2, provisional = $3, deadline_version = deadline_version + 1 WHERE id = $1`, [
          item.id,
          result.dueAt,
          result.provisional,
        ]);
      } else if (result.kind === 'provisional_changed') {
        await tx.query(`UPDATE approval_items SET provisional = $2 WHERE id = $1`, [item.id, result.provisional]);
      } else {
        continue;
      }
      const updated = (await loadItem(tx, item.id))!;
      await this.steps.recordStep(
        tx,
        { item, after: updated },
        {
          actor,
          action: 'item.deadline_recomputed',
          detail: {
            fromDueAt: item.dueAt!,
            toDueAt: updated.dueAt!,
            provisional: String(updated.provisional),
            calendarChange: change.action,
            calendarTarget: change.target,
          },
        },
      );
      moved.push({
        itemId: item.id,
        projectId: item.projectId,
        departmentId: item.departmentId,
        fromDueAt: item.dueAt!,
        toDueAt: updated.dueAt!,
        provisional: updated.provisional,
      });
    }
    await this.recomputeForwards(tx, actor, before, after, now, change);
    return moved;
  }

  /**
   * R6/R11: running forward deadlines (started, not forwarded, not yet due) move with the calendar;
   * the engine re-plans its wake-up after the change commits (ConfigurationLog signals it).
   */
  private async recomputeForwards(
    tx: Tx,
    actor: SessionUser,
    before: { calendar: WorkingCalendar; settings: CalendarSettings },
    after: WorkingCalendar,
    now: Date,
    change: CalendarChangeRef,
  ): Promise<void> {
    const rows = await tx.query<{ project_id: string; complete_at: Date; due_at: Date; due_rule: DeadlineRule | null }>(
      `SELECT project_id, complete_at, due_at, due_rule FROM mega_forwarding
       WHERE forwarded_at IS NULL AND due_at > $1 ORDER BY project_id FOR UPDATE`,
      [now],
    );
    if (rows.length === 0) return;
    // Forwards started before rules were stored were computed under today's settings.
    const fallback = forwardingRuleOf(before.settings, (await loadPaperTrailSettings(tx)).megaForwardingWorkingDays);
    for (const row of rows) {
      const result = recomputeForwarding(
        { completeAt: row.complete_at, dueAt: row.due_at, forwardedAt: null },
        row.due_rule ?? fallback,
        before.calendar,
        after,
        now,
      );
      if (result.kind !== 'moved') continue;
      const [project] = await loadBoardProjects(tx, [row.project_id]);
      await tx.query('UPDATE mega_forwarding SET due_at = $2 WHERE project_id = $1', [row.project_id, result.dueAt]);
      await this.steps.recordStep(tx, project!, {
        actor,
        action: 'mega.forwarding_recomputed',
        detail: {
          fromDueAt: row.due_at.toISOString(),
          toDueAt: result.dueAt.toISOString(),
          calendarChange: change.action,
          calendarTarget: change.target,
        },
      });
    }
  }
}
