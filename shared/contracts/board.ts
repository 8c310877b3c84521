import type { BoardSort, BoardStatusFilter } from '../domain/board/board-selection';
import type { ProjectLifeState } from '../domain/projects/project-life';
import type { ProjectPaperwork } from './paper-trail';
import type { ApprovalItemView, PendingExplanation, ProjectCategory, ProjectStatus } from './projects';

/**
 * The board at thousands of projects (issue 12): the server filters, sorts and pages the projects
 * and sends only what the board draws. A slim project is a BoardProject without what the board
 * never shows, so a full project from a card entry (R25) replaces one as it is.
 */
export type BoardRowItem = Pick<
  ApprovalItemView,
  | 'id'
  | 'projectId'
  | 'departmentId'
  | 'isLead'
  | 'status'
  | 'dueAt'
  | 'provisional'
  | 'deemedCause'
  | 'noticeNumber'
  | 'paused'
  | 'opposed'
> & {
  pendingExplanation: Pick<PendingExplanation, 'kind' | 'rulingDueAt'> | null;
};

export interface BoardRowProject {
  id: string;
  code: string;
  name: string;
  category: ProjectCategory;
  mega: boolean;
  status: ProjectStatus;
  registeredAt: string;
  leadDepartmentId: string | null;
  items: BoardRowItem[];
  /** R4a: registered, in the channel, refused, completed or withdrawn (absent in entries older than R4a: lifeOf). */
  life?: ProjectLifeState;
  nationalCode?: string | null;
  /** R6: a mega project's forwarding, drawn as its flag; absent on other projects. */
  paperwork?: ProjectPaperwork;
}

export const BOARD_PAGE_MAX = 200;

/** GET /api/board/rows query; every field optional. */
export interface BoardQuery {
  /** Project code, national project code (R4a), name, owner organisation, contact name or phone (substring, case-insensitive). */
  q?: string;
  /** Projects with an item in this department; the status filter and the urgency then look at that item only. */
  department?: string;
  status?: BoardStatusFilter;
  category?: ProjectCategory;
  /** Projects led by this department. */
  lead?: string;
  /** R4a: completed projects too (left out by default, kept for the record). */
  completed?: boolean;
  sort?: BoardSort;
  offset?: number;
  limit?: number;
}

/** How many projects each filter value would show, the other filters kept. */
export interface BoardCounts {
  /** Projects matching every filter. */
  total: number;
  inChannel: number;
  byStatus: Record<BoardStatusFilter, number>;
  /** department id → projects with an item there. */
  byDepartment: Record<string, number>;
}

/** GET /api/board/rows: one page of the board as of a stream position (R25: live entries after it apply). */
export interface BoardRows {
  position: number;
  /** The hub time the colours were filtered at (rounded down to a few seconds: one answer serves them all). */
  asOf: string;
  offset: number;
  limit: number;
  projects: BoardRowProject[];
  counts: BoardCounts;
}

/** GET /api/board/head: where the card stream is, and the hub clock (R25: replay starts here). */
export interface BoardHead {
  position: number;
  serverNow: string;
}
