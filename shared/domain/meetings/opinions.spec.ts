import fc from 'fast-check';
import type { BoardSnapshot, CardEntry } from '../../contracts/card';
import type { MeetingSummary } from '../../contracts/meetings';
import type { ApprovalItemView } from '../../contracts/projects';
import { ITEM_STATUSES } from '../approval/item-status';
import { applyCardEntry } from '../board/card-entry';
import { boundedOpinionHistory, OPINION_VERSIONS_SHOWN, opposedAtMeeting, opposedInRoom } from './meeting-rules';

const opposed = { meetingId: 'm1', meetingTitle: '联审会', basis: '《土地管理法》第44条', givenAt: '2026-01-06T02:30:00.000Z' };

describe('R18 opposed at the meeting', () => {
  it.each(ITEM_STATUSES.map((s) => [s]))(
    'R18: an item in state %s shows opposed only while the department has not decided it',
    (status) => {
      const undecided = status === 'awaiting_acceptance' || status === 'in_review';
      expect(opposedAtMeeting({ status, opposed })).toEqual(undecided ? opposed : null);
      expect(opposedAtMeeting({ status, opposed: null })).toBeNull();
      expect(opposedAtMeeting({ status })).toBeNull();
    },
  );

  it('R18: in the room, a department is shown opposed when its current opinion disagrees and its item is undecided', () => {
    const opinions = [
      { departmentId: 'drc', kind: 'disagree' as const },
      { departmentId: 'nrp', kind: 'disagree' as const },
      { departmentId: 'eeb', kind: 'agree_with_conditions' as const },
    ];
    expect(opposedInRoom(opinions, ['drc', 'eeb'])).toEqual(['drc']);
    expect(opposedInRoom(opinions, [])).toEqual([]);
  });

  const meeting: MeetingSummary = {
    id: 'm1',
    projectId: 'p1',
    kind: 'joint_review',
    title: '联审会',
    startsAt: '2026-01-06T02:00:00.000Z',
    endsAt: '2026-01-06T04:00:00.000Z',
    place: null,
    online: true,
    status: 'open',
    invitedDepartmentIds: ['drc', 'nrp'],
    presentDepartmentIds: [],
    convenedBy: { id: 'u', displayName: 'w', role: 'window' },
    closedAt: null,
  };
  const item = (departmentId: string): ApprovalItemView => ({
    id: `i-${departmentId}`,
    projectId: 'p1',
    departmentId,
    isLead: false,
    status: 'in_review',
    acceptedAt: null,
    dueAt: null,
    provisional: false,
    deadlineVersion: 1,
    decidedAt: null,
    basis: null,
    noticeNumber: null,
    deemedCause: null,
    pendingExplanation: null,
  });
  const board: BoardSnapshot = {
    position: 10,
    serverNow: '2026-01-06T02:00:00.000Z',
    projects: [
      {
        id: 'p1',
        code: 'GC-1',
        name: 'P',
        category: 'city_key',
        mega: false,
        status: 'in_channel',
        registeredAt: '2026-01-05T02:00:00.000Z',
        leadDepartmentId: null,
        items: [item('drc'), item('nrp')],
      },
    ],
  };
  const opinion = (position: number, department: string, kind: string, basis?: string): CardEntry => ({
    position,
    projectId: 'p1',
    seq: position,
    at: opposed.givenAt,
    actor: null,
    action: 'meeting.opinion',
    before: null,
    after: { kind: 'meeting', meeting },
    detail: { department, opinion: kind, version: '1', ...(basis ? { basis } : {}) },
    prevHash: '',
    hash: 'h',
  });

  it('R18 R25: a live "disagree" marks its department\'s item opposed on every board at once, with the basis; a later opinion clears it', () => {
    const marked = applyCardEntry(board, opinion(11, 'drc', 'disagree', opposed.basis));
    expect(marked.outcome).toBe('applied');
    const [drc, nrp] = marked.board.projects[0]!.items;
    expect(drc!.opposed).toEqual(opposed);
    expect(nrp!.opposed).toBeUndefined();
    const cleared = applyCardEntry(marked.board, opinion(12, 'drc', 'agree'));
    expect(cleared.board.projects[0]!.items[0]!.opposed).toBeNull();
    // Other entries of the meeting leave the items alone.
    const convened = applyCardEntry(marked.board, { ...opinion(12, 'drc', 'agree'), action: 'meeting.convened' });
    expect(convened.board.projects).toBe(marked.board.projects);
  });
});

describe('R18 bounded opinion history', () => {
  it('R18: the current version plus the last few: each department keeps its newest OPINION_VERSIONS_SHOWN versions, in the order given (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('drc', 'nrp', 'eeb'), { maxLength: 60 }), (givers) => {
        const counts = new Map<string, number>();
        const history = givers.map((departmentId) => {
          const version = (counts.get(departmentId) ?? 0) + 1;
          counts.set(departmentId, version);
          return { departmentId, version };
        });
        const bounded = boundedOpinionHistory(history);
        for (const [departmentId, latest] of counts) {
          const kept = bounded.filter((o) => o.departmentId === departmentId).map((o) => o.version);
          expect(kept).toEqual(
            Array.from(
              { length: Math.min(latest, OPINION_VERSIONS_SHOWN) },
              (_, i) => latest - Math.min(latest, OPINION_VERSIONS_SHOWN) + 1 + i,
            ),
          );
        }
        expect(bounded.length).toBeLessThanOrEqual(counts.size * OPINION_VERSIONS_SHOWN);
        // The order given is kept: a subsequence of the history.
        expect(bounded).toEqual(history.filter((o) => bounded.includes(o)));
      }),
    );
  });
});
