import { Injectable } from '@nestjs/common';
import {
  civilDateOf,
  explanationHoldsDeadline,
  lifeActionError,
  lifeOf,
  nationalCodeError,
  nextItemStatus,
  normalizeNationalCode,
  withdrawalEffect,
  type ProjectLifeAction,
  type ProjectView,
  type SessionUser,
} from '@hub/shared';
import { ApprovalsService } from '../approvals/approvals.service';
import { CalendarService } from '../calendar/calendar.service';
import { ProjectSteps } from '../card/project-steps';
import { authorize } from '../common/authorize';
import { refuse, refusedBy } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { DeadlineSignals } from '../events/deadline-signals';
import { MeetingsService } from '../meetings/meetings.service';
import type { NationalCodeDto, WithdrawProjectDto } from './project.dto';
import { loadItem, loadProjectView, type CurrentBoardProject } from './project-records';

/** R4a: the national code is unique across projects; a second one is refused naming the field. */
export async function uniqueNationalCode<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
    const pg = e.driverError ?? e;
    if (pg.code === '23505' && pg.constraint === 'projects_national_code_unique') {
      throw refusedBy('R4a', 'nationalCode', 'Another project already has this national project code', true, 'national_code.taken');
    }
    throw error;
  }
}

/**
 * R4a: the steps of a project's life besides admission and its refusal (ProjectsService) — the
 * national project code, the applicant's withdrawal. Each is one transaction with its card entry; the guards
 * are the pure rule's (lifeActionError) on the state computed under the project's lock.
 */
@Injectable()
export class ProjectLifeService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly steps: ProjectSteps,
    private readonly approvals: ApprovalsService,
    private readonly meetings: MeetingsService,
    private readonly signals: DeadlineSignals,
  ) {}

  /** R4a: the window records, corrects or clears the national project code until admission. */
  async setNationalCode(user: SessionUser, id: string, dto: NationalCodeDto): Promise<ProjectView> {
    authorize(user, 'project.edit');
    const problem = nationalCodeError(dto.nationalCode);
    if (problem) refuse(problem);
    const code = normalizeNationalCode(dto.nationalCode);
    await uniqueNationalCode(() =>
      this.db.transaction(async (tx) => {
        const before = await this.locked(tx, id, 'edit_national_code');
        if (before.nationalCode === code) return;
        await tx.query('UPDATE projects SET national_code = $2 WHERE id = $1', [id, code]);
        await this.steps.recordStep(tx, before, {
          actor: user,
          action: 'project.national_code_set',
          detail: { nationalCode: code ?? '', previous: before.nationalCode ?? '' },
        });
      }),
    );
    return (await loadProjectView(this.db, id))!;
  }

  /**
   * R4a: the window records the applicant's withdrawal (reason, the day the applicant asked). In one
   * transaction: running deadlines stop (items withdrawn: the engine claims only in_review, so nothing
   * is deemed after), open meetings close without R15 effect, all on the card. Locks: the project,
   * then its open meetings, then its undecided items — the order a meeting's close takes (meeting,
   * then items), and the engine skips locked items. An item whose due instant had already passed,
   * unheld, was deemed at that instant (R14): it is deemed first, then the project is withdrawn.
   */
  async withdraw(user: SessionUser, id: string, dto: WithdrawProjectDto): Promise<ProjectView> {
    authorize(user, 'project.withdraw');
    await this.db.transaction(async (tx) => {
      const before = await this.locked(tx, id, 'withdraw');
      const now = await this.clock.now(tx);
      const { settings } = await this.calendars.current(tx);
      if (dto.requestedOn > civilDateOf(now, settings.timeZone)) {
        refuse({ rule: 'R4a', field: 'requestedOn', code: 'date.in_future', message: 'The applicant cannot have asked after today' });
      }
      const meetings = await tx.query<{ id: string }>(
        `SELECT id FROM meetings WHERE project_id = $1 AND status IN ('scheduled','open') ORDER BY id FOR UPDATE`,
        [id],
      );
      const items = await tx.query<{ id: string }>(
        `SELECT id FROM approval_items WHERE project_id = $1 AND status IN ('awaiting_acceptance','in_review') ORDER BY id FOR UPDATE`,
        [id],
      );
      let deemed = 0;
      for (const { id: itemId } of items) {
        const item = (await loadItem(tx, itemId))!;
        const holds = { deadlineExplanationPending: explanationHoldsDeadline(item.pendingExplanation) };
        if (withdrawalEffect({ status: item.status, dueAt: item.dueAt ? new Date(item.dueAt) : null, holds }, now) === 'deem_first') {
          await this.approvals.deemConsent(tx, item, now);
          deemed++;
        } else {
          await tx.query(`UPDATE approval_items SET status = $2 WHERE id = $1`, [itemId, nextItemStatus(item.status, 'withdraw')]);
        }
      }
      await tx.query(
        'INSERT INTO project_withdrawals (project_id, reason, requested_on, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)',
        [id, dto.reason.trim(), dto.requestedOn, user.id, now],
      );
      await this.meetings.lapseForWithdrawal(
        tx,
        user,
        meetings.map((m) => m.id),
      );
      await this.steps.recordStep(tx, before, {
        actor: user,
        action: 'project.withdrawn',
        detail: {
          reason: dto.reason.trim(),
          requestedOn: dto.requestedOn,
          stoppedItems: String(items.length - deemed),
          closedMeetings: String(meetings.length),
        },
      });
      tx.onCommit(() => this.signals.deadlinesChanged());
    });
    return (await loadProjectView(this.db, id))!;
  }

  /** The project locked for a step of its life, refused (409, naming the rule) when its state forbids the step. */
  private async locked(tx: Tx, id: string, action: ProjectLifeAction): Promise<CurrentBoardProject> {
    const project = await this.steps.lock(tx, id);
    const problem = lifeActionError(lifeOf(project), action);
    if (problem) refuse(problem);
    return project;
  }
}
