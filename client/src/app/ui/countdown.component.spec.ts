import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { DEFAULT_CALENDAR_SETTINGS, SHIPPED_CALENDAR, buildCalendar, type ApprovalItemView } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { CalendarStore } from '../core/calendar/calendar.store';
import { HubClock } from '../core/live/hub-clock.service';
import { LiveBoardService } from '../core/live/live-board.service';
import { CountdownComponent } from './countdown.component';

type Item = Pick<ApprovalItemView, 'status' | 'dueAt' | 'provisional' | 'paused'> & Partial<Pick<ApprovalItemView, 'pendingExplanation'>>;

// Due at the end of Wednesday 2 December 2026 (24:00 Asia/Shanghai).
const DUE = '2026-12-02T16:00:00.000Z';

function render(item: Item, nowIso: string): HTMLElement {
  TestBed.configureTestingModule({
    providers: [
      { provide: ApiService, useValue: {} },
      { provide: LiveBoardService, useValue: { calendarChanges$: new Subject<void>(), reconnected$: new Subject<void>() } },
      { provide: HubClock, useValue: { now: signal(Date.parse(nowIso)) } },
      {
        provide: CalendarStore,
        useValue: { calendar: signal(buildCalendar(SHIPPED_CALENDAR)), settings: signal(DEFAULT_CALENDAR_SETTINGS) },
      },
    ],
  });
  const fixture = TestBed.createComponent(CountdownComponent);
  fixture.componentRef.setInput('item', item);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('CountdownComponent', () => {
  beforeEach(() => localStorage.clear());

  it('R10: counts working days left with the shared calendar, skipping the weekend', () => {
    // Friday 27 November 2026, 10:00 in Shanghai: Mon 30 Nov, Tue 1 and Wed 2 Dec are left.
    const el = render({ status: 'in_review', dueAt: DUE, provisional: false }, '2026-11-27T02:00:00.000Z');
    expect(el.querySelector('.countdown-left')?.textContent).toBe('剩 3 个工作日');
    expect(el.querySelector('.countdown')?.classList).not.toContain('urgent');
  });

  it('R14a: on the due day it is urgent and reads as time left, never like a time of day', () => {
    const el = render({ status: 'in_review', dueAt: DUE, provisional: false }, '2026-12-02T12:47:30.000Z');
    expect(el.querySelector('.countdown-left')?.textContent).toBe('今日到期，剩 3 小时 12 分');
    expect(el.querySelector('.countdown')?.classList).toContain('urgent');
  });

  it('R14: at the due instant it reads overdue', () => {
    const el = render({ status: 'in_review', dueAt: DUE, provisional: false }, DUE);
    expect(el.querySelector('.countdown-left')?.textContent).toBe('已超时');
  });

  it('R10a: past its due instant with a special procedure open, the clock reads paused, naming it — not overdue', () => {
    const paused = { procedureId: 'p', kind: 'expert_review' as const, since: '2026-12-01T02:00:00.000Z' };
    const el = render({ status: 'in_review', dueAt: DUE, provisional: false, paused }, '2026-12-04T02:00:00.000Z');
    expect(el.querySelector('.countdown-left')?.textContent).toBe('专家评审进行中，时限暂停');
    expect(el.querySelector('.countdown')?.classList).not.toContain('urgent');
  });

  it("R4a: an item stopped by the project's withdrawal shows no countdown", () => {
    const el = render({ status: 'withdrawn', dueAt: DUE, provisional: true }, '2026-11-27T02:00:00.000Z');
    expect(el.querySelector('.countdown')).toBeNull();
    expect(el.querySelector('.provisional')).toBeNull();
  });

  it('R16: past due and held by a deadline explanation, it reads held — no overdue, no running clock', () => {
    const pendingExplanation = { id: 'e', kind: 'deadline' as const, text: '', filedAt: DUE, meetingId: null, rulingDueAt: DUE };
    const el = render({ status: 'in_review', dueAt: DUE, provisional: false, pendingExplanation }, '2026-12-02T17:00:00.000Z');
    expect(el.querySelector('.countdown-left')?.textContent).toBe('时限暂停，待裁定');
    expect(el.querySelector('.countdown')?.classList).not.toContain('urgent');
    expect(el.textContent).not.toContain('已超时');
  });

  it('a decided item shows no countdown', () => {
    const el = render({ status: 'approved', dueAt: DUE, provisional: true }, '2026-11-27T02:00:00.000Z');
    expect(el.querySelector('.countdown')).toBeNull();
    expect(el.querySelector('.provisional')).toBeNull();
  });

  it('R11: a running deadline in a year not yet published is marked provisional', () => {
    const el = render({ status: 'in_review', dueAt: DUE, provisional: true }, '2026-11-27T02:00:00.000Z');
    expect(el.querySelector('.provisional')?.textContent).toBe('暂定');
  });
});
