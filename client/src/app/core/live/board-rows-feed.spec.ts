import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { ApprovalItemView, BoardRowProject, CardEntry, PositionedBoard } from '@hub/shared';
import { BoardRowsFeed } from './board-rows-feed';
import { LiveBoardService } from './live-board.service';

const item = (id: string, projectId: string, status: ApprovalItemView['status'] = 'awaiting_acceptance') =>
  ({
    id,
    projectId,
    departmentId: 'd1',
    isLead: true,
    status,
    dueAt: null,
    provisional: false,
    deemedCause: null,
    noticeNumber: null,
    paused: false,
    opposed: false,
    pendingExplanation: null,
  }) as unknown as ApprovalItemView;
const project = (id: string, items: ApprovalItemView[]): BoardRowProject => ({
  id,
  code: `GC-${id}`,
  name: id,
  category: 'city_key',
  mega: false,
  status: 'in_channel',
  registeredAt: '2026-11-27T02:00:00.000Z',
  leadDepartmentId: 'd1',
  items,
});
const itemEntry = (position: number, after: ApprovalItemView): CardEntry =>
  ({ position, projectId: after.projectId, after: { kind: 'item', item: after } }) as unknown as CardEntry;

describe('BoardRowsFeed (R25: a few projects kept live)', () => {
  let entries: Subject<CardEntry>;
  let answers: PositionedBoard<BoardRowProject>[];
  let asked: number;

  function feed(mayJoin: (entry: CardEntry) => boolean = () => true) {
    entries = new Subject();
    asked = 0;
    TestBed.configureTestingModule({
      providers: [{ provide: LiveBoardService, useValue: { entries$: entries, start: () => Promise.resolve() } }],
    });
    return TestBed.runInInjectionContext(
      () =>
        new BoardRowsFeed(async () => {
          asked++;
          return answers.shift()!;
        }, mayJoin),
    );
  }

  beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] }));
  afterEach(() => jest.useRealTimers());

  it('R25: the next entry moves a project on the page; an old one changes nothing', async () => {
    answers = [{ position: 10, projects: [project('p1', [item('i1', 'p1')])] }];
    const rows = feed();
    await rows.load();
    entries.next(itemEntry(11, item('i1', 'p1', 'in_review')));
    expect(rows.projects()[0]!.items[0]!.status).toBe('in_review');
    entries.next(itemEntry(9, item('i1', 'p1', 'approved')));
    expect(rows.projects()[0]!.items[0]!.status).toBe('in_review');
    expect(asked).toBe(1);
  });

  it('R25: a gap in the stream asks the server again, and the entries held meanwhile apply after', async () => {
    answers = [
      { position: 10, projects: [project('p1', [item('i1', 'p1')])] },
      { position: 12, projects: [project('p1', [item('i1', 'p1', 'in_review')])] },
    ];
    const rows = feed();
    await rows.load();
    entries.next(itemEntry(13, item('i1', 'p1', 'approved'))); // 11 and 12 never came
    await jest.runAllTimersAsync();
    expect(asked).toBe(2);
    expect(rows.projects()[0]!.items[0]!.status).toBe('approved');
  });

  it('R25: an entry about a project off the page asks again only when it may join the page, once per burst', async () => {
    answers = [
      { position: 10, projects: [project('p1', [item('i1', 'p1')])] },
      { position: 12, projects: [project('p1', [item('i1', 'p1')]), project('p2', [item('i2', 'p2')])] },
    ];
    const rows = feed((entry) => entry.projectId === 'p2');
    await rows.load();
    entries.next(itemEntry(11, item('i9', 'p9'))); // never joins
    await jest.runAllTimersAsync();
    expect(asked).toBe(1);
    entries.next(itemEntry(12, item('i2', 'p2')));
    await jest.runAllTimersAsync();
    expect(asked).toBe(2);
    expect(rows.projects().map((p) => p.id)).toEqual(['p1', 'p2']);
  });
});
