import type { ExplanationKind } from '../../contracts/deadlines';
import type { ItemStatus } from '../approval/item-status';
import { BOARD_URGENCY, type BoardStatusBounds } from './board-filter';
import type { BoardCellStatus } from './board-status';

/** The cell states a board can be filtered by (R14 red, R14a amber, R13 deemed, R16 held and ruling overdue). */
export const BOARD_STATUS_FILTERS = [
  'overdue',
  'ruling_overdue',
  'due_today',
  'due_soon',
  'held',
  'deemed_consent',
  'awaiting_acceptance',
] as const;
export type BoardStatusFilter = (typeof BOARD_STATUS_FILTERS)[number];

/** urgency: red, ruling overdue, held, due today, amber first (the default); due: the nearest running deadline first. */
export const BOARD_SORTS = ['urgency', 'due', 'code', 'registered'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

/** What the board's colours, filters and order read of an item (issue 12): instants as epoch milliseconds. */
export interface BoardIndexItem {
  departmentId: string;
  status: ItemStatus;
  dueAt: number | null;
  /** R16: the pending written explanation, if any. */
  pendingExplanation: { kind: ExplanationKind; rulingDueAt: number } | null;
  /** R10a: a special procedure is open. */
  paused: boolean;
}

/** What the board's search, filters and order read of a project. */
export interface BoardIndexProject {
  id: string;
  code: string;
  /** Lower-cased: code, national code, name, owner, contact name, contact phone (the search looks in each). */
  searchable: readonly string[];
  category: string;
  leadDepartmentId: string | null;
  registeredAt: number;
  /** The project's own status (registered, in_channel, …). */
  status: string;
  /** R4a: completed or withdrawn projects are no longer in the channel. */
  completed: boolean;
  withdrawn: boolean;
  items: readonly BoardIndexItem[];
}

export interface BoardSelectionQuery {
  q?: string;
  department?: string;
  status?: BoardStatusFilter;
  category?: string;
  lead?: string;
  completed?: boolean;
  sort: BoardSort;
  offset: number;
  limit: number;
}

export interface BoardSelection {
  /** The page's project ids, in order. */
  ids: string[];
  counts: {
    total: number;
    inChannel: number;
    byStatus: Record<BoardStatusFilter, number>;
    byDepartment: Record<string, number>;
  };
}

/**
 * An item's colour at the bounds' instant — boardStatus by plain comparisons (board-filter.spec
 * checks the two agree at every edge), so thousands are coloured per request without the calendar.
 */
export function boardCellAt(item: BoardIndexItem, bounds: BoardStatusBounds): BoardCellStatus {
  if (item.status !== 'in_review') return item.status;
  const now = bounds.now.getTime();
  const pending = item.pendingExplanation;
  if (pending && pending.rulingDueAt <= now) return 'ruling_overdue';
  if (item.paused) return 'paused';
  if (item.dueAt === null) return 'on_track';
  if (item.dueAt <= now) return pending?.kind === 'deadline' ? 'held' : 'overdue';
  if (item.dueAt <= bounds.endOfToday.getTime()) return 'due_today';
  if (item.dueAt <= bounds.amberUntil.getTime()) return 'due_soon';
  return 'on_track';
}

const AWAITING = BOARD_URGENCY.indexOf('awaiting_acceptance');

/** One project as a query sees it: its colours (in the department looked at), urgency and nearest running deadline. */
interface Facts {
  project: BoardIndexProject;
  cells: Set<BoardCellStatus>;
  inDepartment: boolean;
  urgency: number;
  nextDue: number;
}

/**
 * The board's page and counts for a query (issue 12, R14 R14a R16): the search, category and lead
 * keep projects; the department filter keeps projects with an item there and then looks at that
 * item only (its colours, urgency, due); the status filter keeps projects showing that colour.
 * Each count keeps the other filters: by status ignores the status filter, by department the
 * department filter. Completed projects only when asked for (R4a).
 */
export function selectBoard(projects: Iterable<BoardIndexProject>, query: BoardSelectionQuery, bounds: BoardStatusBounds): BoardSelection {
  const q = query.q?.toLowerCase();
  const byStatus = Object.fromEntries(BOARD_STATUS_FILTERS.map((s) => [s, 0])) as Record<BoardStatusFilter, number>;
  const byDepartment: Record<string, number> = {};
  const shown: Facts[] = [];
  for (const project of projects) {
    if (
      (!query.completed && project.completed) ||
      (q && !project.searchable.some((text) => text.includes(q))) ||
      (query.category && project.category !== query.category) ||
      (query.lead && project.leadDepartmentId !== query.lead)
    )
      continue;
    const facts: Facts = { project, cells: new Set(), inDepartment: !query.department, urgency: Infinity, nextDue: Infinity };
    const counted = new Set<string>();
    for (const item of project.items) {
      const cell = boardCellAt(item, bounds);
      if (!counted.has(item.departmentId) && (!query.status || cell === query.status)) {
        counted.add(item.departmentId);
        byDepartment[item.departmentId] = (byDepartment[item.departmentId] ?? 0) + 1;
      }
      if (query.department && item.departmentId !== query.department) continue;
      facts.inDepartment = true;
      facts.cells.add(cell);
      facts.urgency = Math.min(facts.urgency, BOARD_URGENCY.indexOf(cell));
      if (item.status === 'in_review' && item.dueAt !== null) facts.nextDue = Math.min(facts.nextDue, item.dueAt);
    }
    if (!facts.inDepartment) continue;
    // A project not yet admitted (no items) waits like an item awaiting acceptance.
    if (facts.urgency === Infinity) facts.urgency = AWAITING;
    for (const s of BOARD_STATUS_FILTERS) if (facts.cells.has(s)) byStatus[s]++;
    if (!query.status || facts.cells.has(query.status)) shown.push(facts);
  }
  shown.sort(ORDER[query.sort]);
  return {
    ids: shown.slice(query.offset, query.offset + query.limit).map((f) => f.project.id),
    counts: {
      total: shown.length,
      inChannel: shown.filter((f) => f.project.status === 'in_channel' && !f.project.withdrawn && !f.project.completed).length,
      byStatus,
      byDepartment,
    },
  };
}

const compare = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
const byCode = (a: Facts, b: Facts) => compare(a.project.code, b.project.code);
const byDue = (a: Facts, b: Facts) => compare(a.nextDue, b.nextDue) || byCode(a, b);
const ORDER: Record<BoardSort, (a: Facts, b: Facts) => number> = {
  urgency: (a, b) => a.urgency - b.urgency || byDue(a, b),
  due: byDue,
  code: byCode,
  registered: (a, b) => a.project.registeredAt - b.project.registeredAt || byCode(a, b),
};
