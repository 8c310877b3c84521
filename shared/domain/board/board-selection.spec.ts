import fc from 'fast-check';
import { ITEM_STATUSES } from '../approval/item-status';
import { DEFAULT_CALENDAR_SETTINGS as settings } from '../calendar/calendar-data';
import { SHIPPED_CALENDAR } from '../calendar/shipped-calendar';
import { zonedInstant } from '../calendar/time-zone';
import { buildCalendar } from '../calendar/working-calendar';
import { boardStatusBounds } from './board-filter';
import { boardCellAt, BOARD_STATUS_FILTERS, selectBoard, type BoardIndexItem, type BoardIndexProject } from './board-selection';
import { boardStatus } from './board-status';

const cal = buildCalendar(SHIPPED_CALENDAR);
const HOUR = 3_600_000;
const NOW = zonedInstant('2026-03-06', '10:00', settings.timeZone);
const bounds = boardStatusBounds(NOW, cal, settings);

const item = (departmentId: string, status: BoardIndexItem['status'], dueInHours: number | null, extra: Partial<BoardIndexItem> = {}) => ({
  departmentId,
  status,
  dueAt: dueInHours === null ? null : NOW.getTime() + dueInHours * HOUR,
  pendingExplanation: null,
  paused: false,
  ...extra,
});

const project = (n: number, items: BoardIndexItem[], extra: Partial<BoardIndexProject> = {}): BoardIndexProject => ({
  id: `p${n}`,
  code: `GC-${String(n).padStart(3, '0')}`,
  searchable: [`gc-${String(n).padStart(3, '0')}`, `项目${n}`, `公司${n}`, `1380000${n}`],
  category: n % 2 ? 'city_key' : 'national_key',
  leadDepartmentId: items.length ? 'A' : null,
  registeredAt: NOW.getTime() - n * HOUR,
  status: items.length ? 'in_channel' : 'registered',
  completed: false,
  withdrawn: false,
  items,
  ...extra,
});

describe('boardCellAt', () => {
  it('R14 R14a R16 R10a: colours every item as boardStatus does, at every instant and edge', () => {
    const instants = fc.oneof(
      fc.integer({ min: -72, max: 24 * 20 }).map((h) => NOW.getTime() + h * HOUR),
      fc.constantFrom(...Object.values(bounds).flatMap((d: Date) => [d.getTime() - 1, d.getTime(), d.getTime() + 1])),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...ITEM_STATUSES),
        fc.option(instants, { nil: null }),
        fc.option(fc.record({ kind: fc.constantFrom('deadline' as const, 'meeting_excuse' as const), rulingDueAt: instants }), {
          nil: null,
        }),
        fc.boolean(),
        (status, dueAt, pendingExplanation, paused) => {
          const cell = boardCellAt({ departmentId: 'A', status, dueAt, pendingExplanation, paused }, bounds);
          const view = {
            status,
            dueAt: dueAt === null ? null : new Date(dueAt).toISOString(),
            paused: paused ? { procedureId: 'x', kind: 'expert_review' as const, since: NOW.toISOString() } : null,
            pendingExplanation: pendingExplanation && {
              kind: pendingExplanation.kind,
              rulingDueAt: new Date(pendingExplanation.rulingDueAt).toISOString(),
            },
          };
          expect(cell).toBe(boardStatus(view, NOW, cal, settings));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('selectBoard', () => {
  const board = [
    project(1, [item('A', 'in_review', -2), item('B', 'in_review', 200)]), // A overdue
    project(2, [item('A', 'in_review', 300), item('B', 'in_review', 2)]), // B due today
    project(3, [item('A', 'in_review', -5, { pendingExplanation: { kind: 'deadline', rulingDueAt: NOW.getTime() + HOUR } })]), // held
    project(4, []), // registered, waiting for admission
    project(5, [item('B', 'deemed_consent', -30), item('C', 'approved', null)]),
    project(6, [item('A', 'in_review', 100)], { completed: true }),
    project(7, [item('C', 'withdrawn', 400)], { withdrawn: true }),
  ];
  const all = { sort: 'urgency' as const, offset: 0, limit: 50 };

  it('R14 R16 R14a: urgency order puts red first, then held, due today, waiting, deemed, withdrawn; completed projects left out (R4a)', () => {
    const { ids, counts } = selectBoard(board, all, bounds);
    expect(ids).toEqual(['p1', 'p3', 'p2', 'p4', 'p5', 'p7']);
    expect(counts.total).toBe(6);
    expect(counts.inChannel).toBe(4); // p4 is only registered, p7 withdrawn
    expect(counts.byStatus).toEqual({
      ...Object.fromEntries(BOARD_STATUS_FILTERS.map((s) => [s, 0])),
      overdue: 1,
      held: 1,
      due_today: 1,
      deemed_consent: 1,
    });
    expect(counts.byDepartment).toEqual({ A: 3, B: 3, C: 2 });
    expect(selectBoard(board, { ...all, completed: true }, bounds).counts.total).toBe(7);
  });

  it('R14: a department looks at its own item only: colours, urgency and counts; by department keeps every department', () => {
    const { ids, counts } = selectBoard(board, { ...all, department: 'B' }, bounds);
    expect(ids).toEqual(['p2', 'p1', 'p5']); // p1's red item is A's; in B it runs on track
    expect(counts.byStatus.overdue).toBe(0);
    expect(counts.byDepartment).toEqual({ A: 3, B: 3, C: 2 });
  });

  it('R14: a status filter keeps the projects showing it; by department counts items of that colour; by status ignores it', () => {
    const { ids, counts } = selectBoard(board, { ...all, status: 'overdue' }, bounds);
    expect(ids).toEqual(['p1']);
    expect(counts.byDepartment).toEqual({ A: 1 });
    expect(counts.byStatus.due_today).toBe(1);
  });

  it('R25: search (any of code, name, owner, phone; case-insensitive), category and lead; sorts page through every project once', () => {
    expect(selectBoard(board, { ...all, q: 'GC-002' }, bounds).ids).toEqual(['p2']);
    expect(selectBoard(board, { ...all, q: '13800005' }, bounds).ids).toEqual(['p5']);
    expect(selectBoard(board, { ...all, category: 'national_key' }, bounds).ids).toEqual(['p2', 'p4']);
    expect(selectBoard(board, { ...all, lead: 'A' }, bounds).counts.total).toBe(5);
    expect(selectBoard(board, { ...all, sort: 'code' }, bounds).ids).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p7']);
    expect(selectBoard(board, { ...all, sort: 'registered' }, bounds).ids).toEqual(['p7', 'p5', 'p4', 'p3', 'p2', 'p1']);
    // due: the nearest running deadline first, projects with none last (by code)
    expect(selectBoard(board, { ...all, sort: 'due' }, bounds).ids).toEqual(['p3', 'p1', 'p2', 'p4', 'p5', 'p7']);
    const pages = [0, 2, 4].flatMap((offset) => selectBoard(board, { ...all, offset, limit: 2 }, bounds).ids);
    expect(pages).toEqual(selectBoard(board, all, bounds).ids);
  });
});
