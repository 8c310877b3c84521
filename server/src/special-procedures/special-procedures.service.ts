import { Injectable } from '@nestjs/common';
import {
  civilDateOf,
  clockStopOf,
  dueMovedBy,
  explanationHoldsDeadline,
  procedureEndError,
  procedureStartError,
  SPECIAL_PROCEDURE_NAMES,
  stoppedWorkingDays,
  type ClockStop,
  type ClockStoppingProcedure,
  type DeadlineRule,
  type SessionUser,
  type SpecialProcedureView,
} from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { ProjectSteps } from '../card/project-steps';
import { authorize } from '../common/authorize';
import { notFound, refuse } from '../common/problem';
import { Database, type Queryable } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { DeadlineSignals } from '../events/deadline-signals';
import { ApprovalsService } from '../approvals/approvals.service';
import type { EndSpecialProcedureDto, StartSpecialProcedureDto } from './special-procedure.dto';

interface ProcedureRow {
  id: string;
  item_id: string;
  kind: ClockStoppingProcedure;
  starts_at: Date;
  ends_at: Date | null;
  stopped_working_days: number | null;
  from_due_at: Date | null;
  to_due_at: Date | null;
}

const toView = (r: ProcedureRow): SpecialProcedureView => ({
  id: r.id,
  itemId: r.item_id,
  kind: r.kind,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at?.toISOString() ?? null,
  stoppedWorkingDays: r.stopped_working_days,
  previousDueAt: r.from_due_at?.toISOString() ?? null,
  newDueAt: r.to_due_at?.toISOString() ?? null,
});

/** An item's special procedures, oldest first (periods never overlap). */
export async function loadProcedures(q: Queryable, itemId: string): Promise<ProcedureRow[]> {
  return q.query<ProcedureRow>(`SELECT * FROM special_procedures WHERE item_id = $1 ORDER BY starts_at`, [itemId]);
}

/**
 * R10a: the clock stops for hearings, tenders, auctions, inspection, testing, quarantine, appraisal and
 * expert review (行政许可法第45条). The window records when one began (the engine then holds the item:
 * HELD_BY_PROCEDURE) and when it ended: the due instant moves by the working days it covered, under
 * a new deadline version, in the same transaction as the period's end and its card entry. The end is
 * taken under the item's row lock and recorded on the open row only (a trigger lets it be ended once),
 * so two instances ending it at once move the deadline once.
 */
@Injectable()
export class SpecialProceduresService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly steps: ProjectSteps,
    private readonly signals: DeadlineSignals,
    private readonly approvals: ApprovalsService,
  ) {}

  async list(user: SessionUser, itemId: string): Promise<SpecialProcedureView[]> {
    authorize(user, 'project.read');
    if (!(await this.approvals.item(this.db, itemId))) throw notFound('Approval item');
    return (await loadProcedures(this.db, itemId)).map(toView);
  }

  async start(user: SessionUser, itemId: string, dto: StartSpecialProcedureDto): Promise<SpecialProcedureView> {
    authorize(user, 'item.special_procedure');
    return this.db.transaction(async (tx) => {
      const before = await this.approvals.lockedItem(tx, itemId);
      const now = await this.clock.now(tx);
      const startsAt = new Date(dto.startsAt);
      const earlier = await loadProcedures(tx, itemId);
      const lastEnded = earlier.filter((p) => p.ends_at).at(-1)?.ends_at ?? null;
      const problem = procedureStartError(
        {
          status: before.status,
          acceptedAt: before.acceptedAt ? new Date(before.acceptedAt) : null,
          dueAt: before.dueAt ? new Date(before.dueAt) : null,
          deadlineExplanationPending: explanationHoldsDeadline(before.pendingExplanation),
          procedureOpen: before.paused != null,
          lastEndedAt: lastEnded,
        },
        startsAt,
        now,
      );
      if (problem) refuse(problem);
      const [row] = await tx.query<ProcedureRow>(
        `INSERT INTO special_procedures (item_id, kind, starts_at, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [itemId, dto.kind, startsAt, user.id, now],
      );
      const after = (await this.approvals.item(tx, itemId))!;
      const detail = {
        phase: 'started',
        procedure: dto.kind,
        procedureName: SPECIAL_PROCEDURE_NAMES[dto.kind],
        startsAt: startsAt.toISOString(),
        dueAt: before.dueAt!,
      };
      await this.steps.recordStep(tx, { item: before, after }, { actor: user, action: 'item.special_procedure', detail });
      tx.onCommit(() => this.signals.deadlinesChanged());
      return toView(row!);
    });
  }

  async end(user: SessionUser, itemId: string, procedureId: string, dto: EndSpecialProcedureDto): Promise<SpecialProcedureView> {
    authorize(user, 'item.special_procedure');
    return this.db.transaction(async (tx) => {
      const before = await this.approvals.lockedItem(tx, itemId);
      const procedures = await loadProcedures(tx, itemId);
      const procedure = procedures.find((p) => p.id === procedureId);
      if (!procedure) throw notFound('Special procedure');
      const now = await this.clock.now(tx);
      const endsAt = new Date(dto.endsAt);
      const problem = procedureEndError({ startsAt: procedure.starts_at, ended: procedure.ends_at !== null }, endsAt, now);
      if (problem) refuse(problem);

      const { calendar, settings } = await this.calendars.current(tx);
      const rule = (await tx.one<{ due_rule: DeadlineRule | null }>('SELECT due_rule FROM approval_items WHERE id = $1', [itemId]))!
        .due_rule;
      const timeZone = rule?.timeZone ?? settings.timeZone;
      const earlier: ClockStop[] = procedures
        .filter((p) => p.ends_at && p.id !== procedureId)
        .map((p) => clockStopOf({ kind: p.kind, startsAt: p.starts_at, endsAt: p.ends_at! }));
      const stopped = stoppedWorkingDays(
        { startsAt: procedure.starts_at, endsAt },
        new Date(before.acceptedAt!),
        earlier,
        calendar,
        timeZone,
      );
      const fromDueAt = new Date(before.dueAt!);
      // A decided item keeps its due instant: the period is recorded, nothing is left to move.
      const moves = before.status === 'in_review' && stopped.length > 0;
      const toDueAt = moves ? dueMovedBy(fromDueAt, stopped.length, calendar, { timeZone }) : fromDueAt;
      if (!toDueAt)
        refuse({
          rule: 'R10a',
          field: 'endsAt',
          code: 'due.beyond_calendar',
          message: 'The moved due instant would lie beyond the years the working-day calendar knows',
        });
      let toVersion: number | null = null;
      if (moves) {
        const provisional =
          calendar.yearStatus(Number(civilDateOf(new Date(toDueAt.getTime() - 1), timeZone).slice(0, 4))) === 'provisional';
        await tx.query(`UPDATE approval_items SET due_at = $2, provisional = $3, deadline_version = deadline_version + 1 WHERE id = $1`, [
          itemId,
          toDueAt,
          provisional,
        ]);
        toVersion = before.deadlineVersion + 1;
      }
      const [row] = await tx.query<ProcedureRow>(
        `UPDATE special_procedures SET ends_at = $2, ended_by = $3, end_recorded_at = $4, stopped_working_days = $5, from_due_at = $6, to_due_at = $7, to_version = $8
         WHERE id = $1 AND ends_at IS NULL RETURNING *`,
        [procedureId, endsAt, user.id, now, stopped.length, fromDueAt, toDueAt, toVersion],
      );
      const after = (await this.approvals.item(tx, itemId))!;
      const detail = {
        phase: 'ended',
        procedure: procedure.kind,
        procedureName: SPECIAL_PROCEDURE_NAMES[procedure.kind],
        startsAt: procedure.starts_at.toISOString(),
        endsAt: endsAt.toISOString(),
        stoppedWorkingDays: String(stopped.length),
        stoppedDays: stopped.join(','),
        previousDueAt: fromDueAt.toISOString(),
        dueAt: toDueAt.toISOString(),
      };
      await this.steps.recordStep(tx, { item: before, after }, { actor: user, action: 'item.special_procedure', detail });
      tx.onCommit(() => this.signals.deadlinesChanged());
      return toView(row!);
    });
  }
}
