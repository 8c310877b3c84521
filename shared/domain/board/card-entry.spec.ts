import type { BoardProject, BoardSnapshot, CardEntry, CardState } from '../../contracts/card';
import type { ApprovalItemView } from '../../contracts/projects';
import { applyCardEntry } from './card-entry';

function item(id: string, projectId: string, status: ApprovalItemView['status'] = 'awaiting_acceptance'): ApprovalItemView {
  return {
    id,
    projectId,
    departmentId: `dept-${id}`,
    isLead: false,
    status,
    acceptedAt: null,
    dueAt: null,
    provisional: false,
    deadlineVersion: 1,
    decidedAt: null,
    basis: null,
    noticeNumber: null,
    deemedCause: null,
    pendingExplanation: null,
  };
}

function project(id: string, items: ApprovalItemView[] = [], name = `Project ${id}`): BoardProject {
  return {
    id,
    code: `GC-${id}`,
    name,
    category: 'city_key',
    mega: false,
    status: 'in_channel',
    registeredAt: '2026-01-05T02:00:00.000Z',
    leadDepartmentId: null,
    items,
  };
}

function entry(position: number, after: CardState): CardEntry {
  return {
    position,
    projectId: after.kind === 'project' ? after.project.id : after.kind === 'item' ? after.item.projectId : after.meeting.projectId,
    seq: 1,
    at: '2026-01-06T02:00:00.000Z',
    actor: null,
    action: after.kind === 'project' ? 'project.registered' : after.kind === 'item' ? 'item.accepted' : 'meeting.convened',
    before: null,
    after,
    detail: {},
    prevHash: '',
    hash: 'h',
  };
}

const board: BoardSnapshot = Object.freeze({
  position: 10,
  serverNow: '2026-01-06T02:00:00.000Z',
  projects: [project('p1', [item('i1', 'p1'), item('i2', 'p1')]), project('p2')],
});

describe('applyCardEntry', () => {
  it.each([1, 9, 10])('R25: an entry at position %i, already applied, is a duplicate and changes nothing', (position) => {
    const result = applyCardEntry(board, entry(position, { kind: 'project', project: project('p3') }));
    expect(result).toEqual({ board, outcome: 'duplicate' });
    expect(result.board).toBe(board);
  });

  it('R25: an entry beyond the next position is a gap and changes nothing', () => {
    const result = applyCardEntry(board, entry(12, { kind: 'project', project: project('p3') }));
    expect(result.outcome).toBe('gap');
    expect(result.board).toBe(board);
  });

  it('R25: a new project is appended, and the position advances', () => {
    const { board: after, outcome } = applyCardEntry(board, entry(11, { kind: 'project', project: project('p3') }));
    expect(outcome).toBe('applied');
    expect(after.position).toBe(11);
    expect(after.projects.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('R25: a known project is replaced whole, in its place', () => {
    const renamed = project('p1', [item('i1', 'p1', 'in_review')], 'Renamed');
    const { board: after } = applyCardEntry(board, entry(11, { kind: 'project', project: renamed }));
    expect(after.projects.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(after.projects[0]).toEqual(renamed);
  });

  it('R25: an item is replaced in its project, others untouched', () => {
    const accepted = item('i2', 'p1', 'in_review');
    const { board: after, outcome } = applyCardEntry(board, entry(11, { kind: 'item', item: accepted }));
    expect(outcome).toBe('applied');
    expect(after.projects[0].items).toEqual([board.projects[0].items[0], accepted]);
    expect(after.projects[1]).toBe(board.projects[1]);
  });

  it('R25: a page of a filter (onlyKnown) updates its own rows and lets a project it does not show pass', () => {
    const page = { position: 10, projects: [project('p1', [item('i1', 'p1')])] };
    const passed = applyCardEntry(page, entry(11, { kind: 'project', project: project('p3') }), { onlyKnown: true });
    expect([passed.outcome, passed.board.position, passed.board.projects]).toEqual(['applied', 11, page.projects]);
    const renamed = project('p1', [item('i1', 'p1', 'in_review')], 'Renamed');
    const updated = applyCardEntry(passed.board, entry(12, { kind: 'project', project: renamed }), { onlyKnown: true });
    expect(updated.board.projects).toEqual([renamed]);
    expect(applyCardEntry(updated.board, entry(14, { kind: 'project', project: renamed }), { onlyKnown: true }).outcome).toBe('gap');
  });

  it('R25: an item of an unknown project is ignored but the position still advances', () => {
    const { board: after, outcome } = applyCardEntry(board, entry(11, { kind: 'item', item: item('x', 'p9') }));
    expect(outcome).toBe('applied');
    expect(after.position).toBe(11);
    expect(after.projects).toEqual(board.projects);
  });

  it('R19: a meeting entry advances the position and leaves the projects as they are', () => {
    const meeting = {
      id: 'm1',
      projectId: 'p1',
      kind: 'joint_review' as const,
      title: '联审会',
      startsAt: '2026-01-06T02:00:00.000Z',
      endsAt: '2026-01-06T04:00:00.000Z',
      place: null,
      online: true,
      status: 'open' as const,
      invitedDepartmentIds: [],
      presentDepartmentIds: [],
      convenedBy: { id: 'u', displayName: 'w', role: 'window' as const },
      closedAt: null,
    };
    const { board: after, outcome } = applyCardEntry(board, entry(11, { kind: 'meeting', meeting }));
    expect(outcome).toBe('applied');
    expect(after.position).toBe(11);
    expect(after.projects).toBe(board.projects);
  });

  it('R25: applying never mutates the board it was given', () => {
    const before = JSON.stringify(board);
    applyCardEntry(board, entry(11, { kind: 'item', item: item('i1', 'p1', 'approved') }));
    applyCardEntry(board, entry(11, { kind: 'project', project: project('p1', [], 'Changed') }));
    applyCardEntry(board, entry(11, { kind: 'project', project: project('p4') }));
    expect(JSON.stringify(board)).toBe(before);
  });

  it('R25: replaying a stream in order, with duplicates and gaps refused, ends where the stream ends', () => {
    const stream = [
      entry(11, { kind: 'project', project: project('p3') }),
      entry(12, { kind: 'item', item: item('i1', 'p1', 'in_review') }),
      entry(13, { kind: 'item', item: item('i1', 'p1', 'approved') }),
    ];
    let current = board;
    for (const e of [stream[0], stream[0], stream[2], stream[1], stream[2]]) current = applyCardEntry(current, e).board;
    expect(current.position).toBe(13);
    expect(current.projects[0].items[0].status).toBe('approved');
    expect(current.projects.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });
});
