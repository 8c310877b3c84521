import { Injectable } from '@nestjs/common';
import type { BoardProject, CardAction, SessionUser } from '@hub/shared';
import { CardService } from './card.service';
import { notFound } from '../common/problem';
import type { Tx } from '../database/database';
import { loadBoardProjects } from '../projects/project-records';

/** One step: who took it (null: the hub itself), the card action, and its detail as the card prints it. */
export interface ProjectStep {
  actor: SessionUser | null;
  action: CardAction;
  detail: Record<string, string>;
}

/**
 * R5 for the paper trail: a step on a project's paperwork locks the project (steps on one project
 * run one at a time), records its state before and after (materials missing, documents,
 * forwarding) and appends the card entry, all in the caller's transaction.
 */
@Injectable()
export class ProjectSteps {
  constructor(private readonly card: CardService) {}

  async lock(tx: Tx, projectId: string): Promise<BoardProject> {
    if (!(await tx.one('SELECT 1 FROM projects WHERE id = $1 FOR UPDATE', [projectId]))) throw notFound('Project');
    return (await loadBoardProjects(tx, [projectId]))[0]!;
  }

  /** Records one step on the card of `subject` (the project as `lock` returned it); returns the project after it. */
  async recordStep(tx: Tx, subject: BoardProject, change: ProjectStep): Promise<BoardProject> {
    const { actor, action, detail } = change;
    const after = (await loadBoardProjects(tx, [subject.id]))[0]!;
    await this.card.append(tx, {
      projectId: subject.id,
      actor,
      action,
      before: { kind: 'project', project: subject },
      after: { kind: 'project', project: after },
      detail,
    });
    return after;
  }
}
