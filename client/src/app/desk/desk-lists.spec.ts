import {
  buildCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  SHIPPED_CALENDAR,
  type AlertView,
  type ApprovalItemView,
  type BoardProject,
  type MeetingSummary,
} from '@hub/shared';
import { invitationsNow, leaderInbox, liaisonTodo, type DeskClock } from './desk-lists';

const NOW = new Date('2026-12-01T02:00:00.000Z'); // Tuesday 1 December 2026, 10:00 in Shanghai
const clock: DeskClock = { now: NOW, cal: buildCalendar(SHIPPED_CALENDAR), settings: DEFAULT_CALENDAR_SETTINGS };

function item(id: string, departmentId: string, over: Partial<ApprovalItemView> = {}): ApprovalItemView {
  return {
    id,
    projectId: 'p',
    departmentId,
    isLead: false,
    status: 'in_review',
    acceptedAt: '2026-11-27T02:00:00.000Z',
    dueAt: '2026-12-02T16:00:00.000Z',
    provisional: false,
    deadlineVersion: 1,
    decidedAt: null,
    basis: null,
    noticeNumber: null,
    deemedCause: null,
    pendingExplanation: null,
    ...over,
  };
}

function project(id: string, registeredAt: string, items: ApprovalItemView[], over: Partial<BoardProject> = {}): BoardProject {
  return {
    id,
    code: id.toUpperCase(),
    name: id,
    category: 'city_key',
    mega: false,
    status: 'in_channel',
    registeredAt,
    leadDepartmentId: null,
    items,
    ...over,
  };
}

describe('liaisonTodo', () => {
  const own = (i: Pick<ApprovalItemView, 'departmentId'>) => i.departmentId === 'drc';

  it("R10 R14: only the department's items still needing an act, nearest deadline first, undated (awaiting acceptance) last", () => {
    const projects = [
      project('a', '2026-11-01T00:00:00Z', [
        item('late', 'drc', { dueAt: '2026-12-04T16:00:00.000Z' }),
        item('other', 'nrp', { dueAt: '2026-12-01T16:00:00.000Z' }),
        item('done', 'drc', { status: 'approved' }),
      ]),
      project('b', '2026-11-02T00:00:00Z', [item('soon', 'drc', { dueAt: '2026-12-01T16:00:00.000Z' })]),
      project('c', '2026-10-30T00:00:00Z', [item('new', 'drc', { status: 'awaiting_acceptance', dueAt: null, acceptedAt: null })]),
      project('d', '2026-11-03T00:00:00Z', [item('new2', 'drc', { status: 'awaiting_acceptance', dueAt: null, acceptedAt: null })]),
    ];
    const rows = liaisonTodo(projects, own, clock);
    expect(rows.map((r) => r.item.id)).toEqual(['soon', 'late', 'new', 'new2']);
    expect(rows.map((r) => r.cell)).toEqual(['due_today', 'on_track', 'awaiting_acceptance', 'awaiting_acceptance']);
  });

  it('R4a: a project not in the channel lists nothing to do', () => {
    const projects = [project('a', '2026-11-01T00:00:00Z', [item('x', 'drc')], { status: 'registered' })];
    expect(liaisonTodo(projects, own, clock)).toEqual([]);
  });

  it('R16: a held item stays on the list (it still needs a decision) and shows as held', () => {
    const pendingExplanation = {
      id: 'e',
      kind: 'deadline' as const,
      text: '',
      filedAt: '2026-11-29T02:00:00.000Z',
      meetingId: null,
      rulingDueAt: '2026-12-01T16:00:00.000Z',
    };
    const projects = [
      project('a', '2026-11-01T00:00:00Z', [item('held', 'drc', { dueAt: '2026-11-30T16:00:00.000Z', pendingExplanation })]),
    ];
    expect(liaisonTodo(projects, own, clock).map((r) => r.cell)).toEqual(['held']);
  });
});

describe('invitationsNow', () => {
  const meeting = (id: string, over: Partial<MeetingSummary>): MeetingSummary => ({
    id,
    projectId: 'p',
    kind: 'coordination',
    title: id,
    startsAt: '2026-12-01T02:30:00.000Z',
    endsAt: '2026-12-01T04:30:00.000Z',
    place: null,
    online: true,
    status: 'scheduled',
    invitedDepartmentIds: ['drc'],
    presentDepartmentIds: [],
    convenedBy: { id: 'u', displayName: 'x', role: 'window' },
    closedAt: null,
    ...over,
  });

  it('R15 R15a: calls the department to an open room or one starting within the hour; not before, not once present, not when not invited', () => {
    const list = [
      meeting('open', { status: 'open', startsAt: '2026-12-01T01:30:00.000Z' }),
      meeting('within-hour', { startsAt: '2026-12-01T03:00:00.000Z' }),
      meeting('later', { startsAt: '2026-12-01T03:00:01.000Z' }),
      meeting('present', { status: 'open', presentDepartmentIds: ['drc'] }),
      meeting('not-invited', { status: 'open', invitedDepartmentIds: ['nrp'] }),
      meeting('closed', { status: 'closed' }),
    ];
    expect(invitationsNow(list, 'drc', NOW).map((m) => m.id)).toEqual(['open', 'within-hour']);
    expect(invitationsNow(list, null, NOW)).toEqual([]);
  });
});

describe('leaderInbox', () => {
  const pending = (rulingDueAt: string) => ({
    id: `e-${rulingDueAt}`,
    kind: 'deadline' as const,
    text: '',
    filedAt: '2026-11-30T02:00:00.000Z',
    meetingId: null,
    rulingDueAt,
  });
  const alert = (id: string, over: Partial<AlertView>): AlertView => ({
    id,
    kind: 'deemed_consent',
    createdAt: NOW.toISOString(),
    readAt: null,
    projectId: 'a',
    projectCode: 'A',
    projectName: 'a',
    itemId: 'i',
    departmentId: 'drc',
    explanationId: null,
    meetingId: null,
    dueAt: NOW.toISOString(),
    deadlineVersion: 1,
    workingDaysLeft: null,
    handledAt: null,
    deemedCause: 'timeout',
    ...over,
  });

  it('R16 R17 R6: rulings split pending / overdue (earliest first), unread deemed consents, escalated forwards', () => {
    const projects = [
      project('a', '2026-11-01T00:00:00Z', [
        item('r-late', 'drc', { pendingExplanation: pending('2026-11-30T16:00:00.000Z') }),
        item('r-2', 'nrp', { pendingExplanation: pending('2026-12-02T16:00:00.000Z') }),
        item('r-1', 'eeb', { pendingExplanation: pending('2026-12-01T16:00:00.000Z') }),
        item('quiet', 'hud'),
      ]),
      project('m', '2026-11-01T00:00:00Z', [], {
        mega: true,
        paperwork: {
          missingMain: 0,
          missingSecondary: 0,
          documents: 1,
          forwarding: {
            completeAt: '2026-11-20T02:00:00Z',
            dueAt: '2026-11-25T16:00:00.000Z',
            forwardedAt: null,
            forwardedTo: null,
            tracker: null,
          },
        },
      }),
      project('f', '2026-11-01T00:00:00Z', [], {
        paperwork: {
          missingMain: 0,
          missingSecondary: 0,
          documents: 1,
          forwarding: {
            completeAt: '2026-11-20T02:00:00Z',
            dueAt: '2026-11-25T16:00:00.000Z',
            forwardedAt: '2026-11-24T02:00:00Z',
            forwardedTo: '省发改委',
            tracker: null,
          },
        },
      }),
    ];
    const alerts = [
      alert('new', {}),
      alert('seen', { readAt: NOW.toISOString() }),
      alert('warning', { kind: 'deadline_warning', deemedCause: null }),
    ];
    const inbox = leaderInbox(projects, alerts, clock);
    expect(inbox.rulingsOverdue.map((r) => r.item.id)).toEqual(['r-late']);
    expect(inbox.rulingsPending.map((r) => r.item.id)).toEqual(['r-1', 'r-2']);
    expect(inbox.newDeemedConsents.map((a) => a.id)).toEqual(['new']);
    expect(inbox.forwardsEscalated.map((p) => p.id)).toEqual(['m']);
  });
});
