import { Injectable } from '@nestjs/common';
import { completionDue, lifeOf, type CompletionContent, type SessionUser } from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { ProjectSteps } from '../card/project-steps';
import type { Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { NoticesService } from '../notices/notices.service';
import { loadBoardProjects } from './project-records';

/**
 * R4a: completion (办结) is recorded once, in the transaction of the step that completes the project
 * (the last permit, or a rejection that decides the last item): a numbered 办结通知书 and a card
 * entry. The project row is locked first, so two last steps committing together are taken one after
 * the other and the later one sees the earlier (each statement reads what has committed); the
 * project_completions key makes a second record impossible across instances.
 */
@Injectable()
export class ProjectCompletions {
  constructor(
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly notices: NoticesService,
    private readonly steps: ProjectSteps,
  ) {}

  async recordIfDone(tx: Tx, projectId: string, actor: SessionUser | null): Promise<void> {
    await tx.query('SELECT 1 FROM projects WHERE id = $1 FOR UPDATE', [projectId]);
    const [project] = await loadBoardProjects(tx, [projectId]);
    const recorded = await tx.one('SELECT 1 FROM project_completions WHERE project_id = $1', [projectId]);
    if (!project || !completionDue(lifeOf(project), recorded !== undefined)) return;
    const now = await this.clock.now(tx);
    const { settings } = await this.calendars.current(tx);
    const lines = await tx.query<CompletionContent['items'][number]>(
      `SELECT d.name AS department, i.status AS outcome, i.notice_number AS "noticeNumber",
              (SELECT n.number FROM permits pm JOIN notices n ON n.id = pm.notice_id WHERE pm.item_id = i.id) AS "permitNumber"
       FROM approval_items i JOIN departments d ON d.id = i.department_id
       WHERE i.project_id = $1 ORDER BY i.is_lead DESC, d.code`,
      [projectId],
    );
    const content: CompletionContent = { completedAt: now.toISOString(), items: lines };
    const notice = await this.notices.issue(tx, {
      kind: 'completion_notice',
      projectId,
      itemId: null,
      issuedAt: now,
      timeZone: settings.timeZone,
      content: { ...content },
      issuedBy: actor,
    });
    await tx.query('INSERT INTO project_completions (project_id, notice_id, completed_at) VALUES ($1, $2, $3)', [
      projectId,
      notice.id,
      now,
    ]);
    await this.steps.recordStep(
      tx,
      { project, after: project },
      { actor, action: 'project.completed', detail: { noticeNumber: notice.number } },
    );
  }
}
