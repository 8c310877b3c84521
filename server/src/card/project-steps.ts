import { Injectable } from '@nestjs/common';
import type {
  ApprovalItemView,
  BoardProject,
  CardAction,
  CardEntry,
  CardState,
  CitedNotice,
  MeetingSummary,
  SessionUser,
} from '@hub/shared';
import { CardService, type NewCardEntry } from './card.service';
import { notFound } from '../common/problem';
import type { Tx } from '../database/database';
import { loadBoardProjects, type CurrentBoardProject } from '../projects/project-records';

/** One step: who took it (null: the hub itself), the card action, and its detail as the card prints it. */
export interface ProjectStep {
  actor: SessionUser | null;
  action: CardAction;
  detail?: Record<string, string>;
  /** R17: the numbered notice the step issued, cited by its entry. */
  notice?: CitedNotice;
}

/**
 * What a step changed when its owner already holds the state after it: the project itself (null
 * before: the step registered it), one of its approval items, or one of its meetings (null before:
 * the step convened it).
 */
export type StepChange =
  | { project: BoardProject | null; after: BoardProject }
  | { item: ApprovalItemView; after: ApprovalItemView }
  | { meeting: MeetingSummary | null; after: MeetingSummary };

/**
 * R5: the one way to record a step on a project's card. A step on the project's paperwork locks
 * the project first (steps on one project run one at a time); every step records the state before
 * and after it and appends the card entry, all in the caller's transaction.
 */
@Injectable()
export class ProjectSteps {
  constructor(private readonly card: CardService) {}

  async lock(tx: Tx, projectId: string): Promise<CurrentBoardProject> {
    if (!(await tx.one('SELECT 1 FROM projects WHERE id = $1 FOR UPDATE', [projectId]))) throw notFound('Project');
    return (await loadBoardProjects(tx, [projectId]))[0]!;
  }

  /** The project as a step on it would record it, read in the caller's transaction without locking it. */
  async current(tx: Tx, projectId: string): Promise<CurrentBoardProject | undefined> {
    return (await loadBoardProjects(tx, [projectId]))[0];
  }

  /**
   * Records one step on the card of `subject`: the project as it was before (its state after is
   * read here; returned), or a StepChange.
   */
  recordStep(tx: Tx, subject: BoardProject, step: ProjectStep): Promise<BoardProject>;
  recordStep(tx: Tx, subject: StepChange, step: ProjectStep): Promise<CardEntry>;
  async recordStep(tx: Tx, subject: BoardProject | StepChange, step: ProjectStep): Promise<BoardProject | CardEntry> {
    if (!('after' in subject)) {
      const after = (await loadBoardProjects(tx, [subject.id]))[0]!;
      await this.append(tx, { project: subject, after }, step);
      return after;
    }
    return this.append(tx, subject, step);
  }

  /** Records many changes' steps at once, in their order (the engine's claim: one card append for all). */
  recordSteps(tx: Tx, steps: readonly { change: StepChange; step: ProjectStep }[]): Promise<CardEntry[]> {
    return this.card.appendMany(
      tx,
      steps.map(({ change, step }) => newEntry(change, step)),
    );
  }

  private append(tx: Tx, change: StepChange, step: ProjectStep): Promise<CardEntry> {
    return this.card.append(tx, newEntry(change, step));
  }
}

function newEntry(change: StepChange, { actor, action, detail, notice }: ProjectStep): NewCardEntry {
  // A meeting's steps name the meeting on the card.
  const named = 'meeting' in change ? { meeting: change.after.title, ...detail } : detail;
  return { ...cardStates(change), actor, action, detail: named, ...(notice ? { notices: [notice] } : {}) };
}

/** Whose card a change goes on, and its state before and after as the card records them. */
function cardStates(change: StepChange): { projectId: string; before: CardState | null; after: CardState } {
  if ('item' in change) {
    return { projectId: change.after.projectId, before: { kind: 'item', item: change.item }, after: { kind: 'item', item: change.after } };
  }
  if ('meeting' in change) {
    const before = change.meeting && { kind: 'meeting' as const, meeting: change.meeting };
    return { projectId: change.after.projectId, before, after: { kind: 'meeting', meeting: change.after } };
  }
  const before = change.project && { kind: 'project' as const, project: change.project };
  return { projectId: change.after.id, before, after: { kind: 'project', project: change.after } };
}
