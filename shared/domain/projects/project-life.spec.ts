import { ITEM_STATUSES, type ItemStatus } from '../approval/item-status';
import {
  completionDue,
  itemDone,
  lifeActionError,
  LIFE_GUARDS,
  nationalCodeError,
  normalizeNationalCode,
  PROJECT_LIFE_ACTIONS,
  PROJECT_LIFE_STATES,
  projectLifeState,
  withdrawalEffect,
  type ProjectLifeFacts,
  type ProjectLifeState,
} from './project-life';

const item = (status: ItemStatus, permitted = false) => ({ status, permitted });
const facts = (over: Partial<ProjectLifeFacts> = {}): ProjectLifeFacts => ({
  admitted: true,
  refused: false,
  withdrawn: false,
  items: [],
  ...over,
});

describe('projectLifeState', () => {
  it.each`
    name                                                  | f                                                                                             | state
    ${'registered, not yet admitted'}                     | ${facts({ admitted: false })}                                                                 | ${'registered'}
    ${'refused admission (R3)'}                           | ${facts({ admitted: false, refused: true })}                                                  | ${'refused'}
    ${'withdrawn before admission'}                       | ${facts({ admitted: false, withdrawn: true })}                                                | ${'withdrawn'}
    ${'admitted, nothing accepted yet'}                   | ${facts({ items: [item('awaiting_acceptance')] })}                                            | ${'in_channel'}
    ${'admitted, one item in review'}                     | ${facts({ items: [item('approved', true), item('in_review')] })}                              | ${'in_channel'}
    ${'approved without its permit'}                      | ${facts({ items: [item('approved')] })}                                                       | ${'in_channel'}
    ${'deemed without its permit'}                        | ${facts({ items: [item('deemed_consent')] })}                                                 | ${'in_channel'}
    ${'every item approved with its permit'}              | ${facts({ items: [item('approved', true), item('approved', true)] })}                         | ${'completed'}
    ${'approved, deemed and rejected, permits where due'} | ${facts({ items: [item('approved', true), item('deemed_consent', true), item('rejected')] })} | ${'completed'}
    ${'every item rejected (no permit is due)'}           | ${facts({ items: [item('rejected'), item('rejected')] })}                                     | ${'completed'}
    ${'admitted with no item at all'}                     | ${facts({ items: [] })}                                                                       | ${'in_channel'}
    ${'withdrawn while in the channel'}                   | ${facts({ withdrawn: true, items: [item('approved', true), item('withdrawn')] })}             | ${'withdrawn'}
    ${'withdrawn wins over items that look complete'}     | ${facts({ withdrawn: true, items: [item('rejected')] })}                                      | ${'withdrawn'}
  `('R4a: $name → $state', ({ f, state }: { f: ProjectLifeFacts; state: ProjectLifeState }) => {
    expect(projectLifeState(f)).toBe(state);
  });

  it('R4a/R17: an item is done only when rejected, or approved or deemed with its permit decision', () => {
    const done = ITEM_STATUSES.flatMap((s) => [true, false].filter((p) => itemDone(item(s, p))).map((p) => `${s}${p ? '+permit' : ''}`));
    expect(done).toEqual(['approved+permit', 'rejected+permit', 'rejected', 'deemed_consent+permit']);
  });

  it('R4a: a withdrawn item never completes a project', () => {
    expect(projectLifeState(facts({ items: [item('approved', true), item('withdrawn')] }))).toBe('in_channel');
  });
});

describe('guards', () => {
  const allowed: Record<string, ProjectLifeState[]> = {
    admit: ['registered'],
    refuse: ['registered'],
    withdraw: ['registered', 'in_channel'],
    edit_national_code: ['registered'],
    accept_item: ['in_channel'],
    decide_item: ['in_channel'],
    issue_permit: ['in_channel'],
    convene_meeting: ['in_channel'],
  };
  const pairs = PROJECT_LIFE_STATES.flatMap((state) => PROJECT_LIFE_ACTIONS.map((action) => [state, action] as const));

  it.each(pairs)('R4a: in state %s, %s is allowed only as the table says', (state, action) => {
    const problem = lifeActionError(state, action);
    if (allowed[action]!.includes(state)) {
      expect(problem).toBeNull();
    } else {
      expect(problem).toMatchObject({ field: 'project', conflict: true });
      expect(problem!.rule).toMatch(/^R(3|4|4a)$/);
    }
  });

  it('R4a: the guard table is the one written out here', () => {
    expect(LIFE_GUARDS).toEqual(allowed);
  });

  it('R4a: refused, completed and withdrawn are final — nothing changes them', () => {
    for (const state of ['refused', 'completed', 'withdrawn'] as const) {
      expect(PROJECT_LIFE_ACTIONS.filter((a) => lifeActionError(state, a) === null)).toEqual([]);
    }
  });

  it('R3: refusing names R3; R4: admitting twice names R4', () => {
    expect(lifeActionError('in_channel', 'refuse')?.rule).toBe('R3');
    expect(lifeActionError('in_channel', 'admit')?.rule).toBe('R4');
  });
});

describe('completionDue', () => {
  const complete = facts({ items: [item('approved', true)] });
  const due = (f: ProjectLifeFacts, recorded: boolean) => completionDue(projectLifeState(f), recorded);
  it('R4a: the first time the facts say completed, and never again', () => {
    expect(due(complete, false)).toBe(true);
    expect(due(complete, true)).toBe(false);
  });
  it('R4a: not while an item is undecided or without its permit, and never for a withdrawn or refused project', () => {
    expect(due(facts({ items: [item('approved')] }), false)).toBe(false);
    expect(due(facts({ items: [item('approved', true), item('in_review')] }), false)).toBe(false);
    expect(due({ ...complete, withdrawn: true }, false)).toBe(false);
    expect(due({ ...complete, admitted: false, refused: true }, false)).toBe(false);
  });
});

describe('withdrawalEffect', () => {
  const at = new Date('2026-03-10T16:00:00Z');
  const due = (ms: number) => new Date(at.getTime() + ms);

  it.each`
    status                   | dueMs   | held     | effect
    ${'awaiting_acceptance'} | ${null} | ${false} | ${'stop'}
    ${'in_review'}           | ${1}    | ${false} | ${'stop'}
    ${'in_review'}           | ${0}    | ${false} | ${'deem_first'}
    ${'in_review'}           | ${-1}   | ${false} | ${'deem_first'}
    ${'in_review'}           | ${-1}   | ${true}  | ${'stop'}
    ${'approved'}            | ${-1}   | ${false} | ${'keep'}
    ${'rejected'}            | ${null} | ${false} | ${'keep'}
    ${'deemed_consent'}      | ${-1}   | ${false} | ${'keep'}
    ${'withdrawn'}           | ${null} | ${false} | ${'keep'}
  `('R4a/R14: $status due at withdrawal $dueMs ms, held $held → $effect', ({ status, dueMs, held, effect }) => {
    const dueAt = dueMs === null ? null : due(dueMs);
    expect(withdrawalEffect({ status, dueAt, holds: { deadlineExplanationPending: held } }, at)).toBe(effect);
  });

  it('R4a: a deadline at the very instant of the withdrawal was already deemed (R14 "at that moment"); a millisecond later it stops', () => {
    expect(withdrawalEffect({ status: 'in_review', dueAt: at }, at)).toBe('deem_first');
    expect(withdrawalEffect({ status: 'in_review', dueAt: due(1) }, at)).toBe('stop');
  });
});

describe('national project code', () => {
  it.each(['2024-330106-48-01-012345', '2017-110105-70-01-000101', ' 2024-330106-48-01-012345 '])('R4a: %p is a national code', (code) => {
    expect(nationalCodeError(code)).toBeNull();
  });

  it.each(['', '   ', null, undefined])('R4a: %p means no code (it is optional)', (code) => {
    expect(nationalCodeError(code)).toBeNull();
    expect(normalizeNationalCode(code)).toBeNull();
  });

  it.each([
    '2024330106480101234',
    '2024-330106-48-01-01234',
    '2024-330106-48-01-0123456',
    '2024—330106-48-01-012345',
    '2024-33010A-48-01-012345',
    '2024_330106_48_01_012345',
    '2024-3301064-8-01-012345',
    'GC-2026-0001',
  ])('R4a: %p is refused naming the field', (code) => {
    expect(nationalCodeError(code)).toMatchObject({ rule: 'R4a', field: 'nationalCode' });
  });

  it('R4a: the code is 24 characters', () => {
    expect(normalizeNationalCode('2024-330106-48-01-012345')).toHaveLength(24);
  });
});
