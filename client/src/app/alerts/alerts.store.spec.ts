import { TestBed } from '@angular/core/testing';
import { Subject, of } from 'rxjs';
import type { AlertInbox, AlertView } from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { LiveBoardService } from '../core/live/live-board.service';
import { AlertsStore } from './alerts.store';

const alert = (id: string, readAt: string | null = null): AlertView => ({
  id,
  kind: 'deadline_warning',
  createdAt: '2026-11-27T02:00:00.000Z',
  readAt,
  projectId: 'p1',
  projectCode: 'GC-2026-0001',
  projectName: '新能源电池项目',
  itemId: `item-${id}`,
  departmentId: 'd1',
  explanationId: null,
  meetingId: null,
  dueAt: '2026-11-27T16:00:00.000Z',
  deadlineVersion: 1,
  workingDaysLeft: 1,
  handledAt: null,
  deemedCause: null,
});

describe('AlertsStore', () => {
  let pushes: Subject<AlertView>;
  let reconnects: Subject<void>;
  let inbox: AlertInbox;
  let loads: number;

  beforeEach(() => {
    pushes = new Subject();
    reconnects = new Subject();
    inbox = { alerts: [alert('a1', '2026-11-27T03:00:00.000Z'), alert('a2')], unread: 1 };
    loads = 0;
    TestBed.configureTestingModule({
      providers: [
        {
          provide: LeadersApi,
          useValue: {
            alerts: () => {
              loads++;
              return of(inbox);
            },
            markAlertRead: (id: string) => of(alert(id, '2026-11-27T04:00:00.000Z')),
          },
        },
        { provide: LiveBoardService, useValue: { alerts$: pushes, reconnected$: reconnects } },
      ],
    });
  });

  it('R14a: a pushed warning is added once and counted unread, even if pushed twice', async () => {
    const store = TestBed.inject(AlertsStore);
    store.start();
    await store.load();
    pushes.next(alert('a3'));
    pushes.next(alert('a3'));
    expect(store.alerts().map((a) => a.id)).toEqual(['a3', 'a1', 'a2']);
    expect(store.unread()).toBe(2);
    expect(store.latest()?.id).toBe('a3');
  });

  it('R14a: a warning pushed while the inbox is being read is kept, though the answer was read before it', async () => {
    const store = TestBed.inject(AlertsStore);
    const answer = new Subject<AlertInbox>();
    TestBed.inject(LeadersApi).alerts = () => answer;
    store.start();
    const loading = store.load();
    pushes.next(alert('a3'));
    answer.next(inbox);
    answer.complete();
    await loading;
    expect(store.alerts().map((a) => a.id)).toEqual(['a3', 'a1', 'a2']);
    expect(store.unread()).toBe(2);
  });

  it('R14a: marking read counts down once; marking an already read alert changes nothing', async () => {
    const store = TestBed.inject(AlertsStore);
    await store.load();
    await store.markRead('a2');
    await store.markRead('a2');
    await store.markRead('a1');
    expect(store.unread()).toBe(0);
    expect(store.alerts().every((a) => a.readAt !== null)).toBe(true);
  });

  it('R25: after a reconnect the inbox is read again (alerts are not replayed)', async () => {
    const store = TestBed.inject(AlertsStore);
    store.start();
    await store.load();
    const before = loads;
    inbox = { alerts: [alert('a9'), ...inbox.alerts], unread: 2 };
    reconnects.next();
    await Promise.resolve();
    expect(loads).toBe(before + 1);
    expect(store.unread()).toBe(2);
  });

  it('logout forgets the inbox and stops listening', () => {
    const store = TestBed.inject(AlertsStore);
    store.start();
    pushes.next(alert('a5'));
    store.stop();
    pushes.next(alert('a6'));
    expect(store.alerts()).toEqual([]);
    expect(store.unread()).toBe(0);
  });
});
