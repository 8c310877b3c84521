import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { of, Subject } from 'rxjs';
import {
  buildCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  SHIPPED_CALENDAR,
  type BoardQuery,
  type BoardRowProject,
  type BoardRows,
  type CardEntry,
} from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubClock } from '../core/live/hub-clock.service';
import { LiveBoardService } from '../core/live/live-board.service';
import { SessionStore } from '../core/session/session.store';
import { InquiryDeskStore } from '../inquiries/inquiry-desk.store';
import { BoardPage } from './board.page';

const NOW = Date.parse('2026-12-02T02:00:00Z'); // a Wednesday, 10:00 in the center's zone
const DRC = { id: 'd-drc', code: 'DRC', name: '发展和改革局', nameEn: 'Development and Reform' };

const project: BoardRowProject = {
  id: 'p1',
  code: 'GC-2026-0001',
  name: '看板测试项目',
  category: 'city_key',
  mega: false,
  status: 'in_channel',
  registeredAt: new Date(NOW - 86_400_000).toISOString(),
  leadDepartmentId: DRC.id,
  items: [
    {
      id: 'i1',
      projectId: 'p1',
      departmentId: DRC.id,
      isLead: true,
      status: 'awaiting_acceptance',
      dueAt: null,
      provisional: false,
      deemedCause: null,
      noticeNumber: null,
      paused: null,
      opposed: null,
      pendingExplanation: null,
    },
  ],
};

const rows = (query: BoardQuery): BoardRows => ({
  position: 7,
  asOf: new Date(NOW).toISOString(),
  offset: query.offset ?? 0,
  limit: query.limit ?? 50,
  counts: {
    total: 1,
    inChannel: 1,
    byStatus: {
      overdue: 0,
      ruling_overdue: 0,
      due_today: 0,
      due_soon: 0,
      held: 0,
      deemed_consent: 0,
      awaiting_acceptance: 1,
    },
    byDepartment: { [DRC.id]: 1 },
  },
  projects: [project],
});

describe('BoardPage (issue 12, R25)', () => {
  let api: { boardRows: jest.Mock };
  let entries: Subject<CardEntry>;

  async function open(url: string) {
    api = { boardRows: jest.fn((query: BoardQuery) => of(rows(query))) };
    entries = new Subject<CardEntry>();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'board', component: BoardPage }]),
        { provide: ApiService, useValue: api },
        { provide: LiveBoardService, useValue: { entries$: entries.asObservable(), start: () => Promise.resolve() } },
        { provide: HubClock, useValue: { now: signal(NOW) } },
        {
          provide: CalendarStore,
          useValue: {
            calendar: signal(buildCalendar(SHIPPED_CALENDAR)),
            settings: signal(DEFAULT_CALENDAR_SETTINGS),
            load: () => Promise.resolve(),
          },
        },
        {
          provide: DepartmentsStore,
          useValue: { all: signal([DRC]), byId: signal(new Map([[DRC.id, DRC]])), load: () => Promise.resolve() },
        },
        { provide: SessionStore, useValue: { user: signal({ id: 'u1', role: 'leader', departmentId: null }), can: () => false } },
        {
          provide: InquiryDeskStore,
          useValue: { mine: signal([]), overdue: signal([]), escalated: signal([]), toAcknowledge: signal([]) },
        },
      ],
    });
    const router = TestBed.inject(Router);
    await router.navigateByUrl(url);
    const fixture = TestBed.createComponent(BoardPage);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, router, el: fixture.nativeElement as HTMLElement };
  }

  const box = (el: HTMLElement) => el.querySelector<HTMLInputElement>('[data-testid="board-search"]')!;

  it("R25: the filter comes from the URL; a search made in the top bar (a new q) shows in the board's own box and loads its page", async () => {
    const { fixture, router, el } = await open('/board?status=awaiting_acceptance');
    expect(api.boardRows).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'awaiting_acceptance', offset: 0 }));
    expect(box(el).value).toBe('');
    await router.navigateByUrl('/board?q=GC-2026-0001');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(box(el).value).toBe('GC-2026-0001');
    expect(api.boardRows).toHaveBeenLastCalledWith(expect.objectContaining({ q: 'GC-2026-0001' }));
  });

  it('R25: a search typed in the box goes to the URL (shareable) when submitted, and starts from the first page', async () => {
    const { fixture, router, el } = await open('/board?offset=50');
    box(el).value = '看板';
    box(el).dispatchEvent(new Event('input'));
    el.querySelector<HTMLFormElement>('[data-testid="board-filters"]')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    const url = router.parseUrl(router.url);
    expect(url.queryParams).toEqual({ q: '看板' });
    expect(api.boardRows).toHaveBeenLastCalledWith(expect.objectContaining({ q: '看板', offset: 0 }));
  });

  it('R25: a live entry about a project on screen changes its row at once, without asking for the page again', async () => {
    const { fixture, el } = await open('/board');
    const calls = api.boardRows.mock.calls.length;
    const accepted = { ...project.items[0]!, status: 'in_review' as const, dueAt: new Date(NOW + 3 * 86_400_000).toISOString() };
    entries.next({
      position: 8,
      projectId: project.id,
      seq: 2,
      at: new Date(NOW).toISOString(),
      actor: null,
      action: 'item.accepted',
      before: { kind: 'item', item: project.items[0] as never },
      after: { kind: 'item', item: accepted as never },
      detail: {},
      prevHash: 'x',
      hash: 'y',
    });
    fixture.detectChanges();
    const cell = el.querySelector(`[data-testid="cell-${project.code}-DRC"]`)!;
    expect(cell.getAttribute('data-status')).not.toBe('awaiting_acceptance');
    expect(api.boardRows.mock.calls.length).toBe(calls);
  });
});
