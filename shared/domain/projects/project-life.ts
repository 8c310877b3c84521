import { permitMayFollow, type ItemStatus } from '../approval/item-status';
import { deemedConsentDue, type DeadlineHolds, type RuleProblem } from '../approval/deemed-consent';

/**
 * R4a: a project is registered, then admitted (in the channel) or refused (R3); it is completed
 * (办结) when every item is decided and each approved or deemed item has its permit decision; the
 * applicant may withdraw it before that.
 */
export const PROJECT_LIFE_STATES = ['registered', 'in_channel', 'refused', 'completed', 'withdrawn'] as const;
export type ProjectLifeState = (typeof PROJECT_LIFE_STATES)[number];

/** The facts the state is computed from; nothing else decides it. */
export interface ProjectLifeFacts {
  /** R4: sealed into the green channel. */
  admitted: boolean;
  /** R3: a leader refused admission (with a reason). */
  refused: boolean;
  /** R4a: the window recorded the applicant's withdrawal. */
  withdrawn: boolean;
  /** One per department (R4), with whether its permit decision is issued (R17). */
  items: readonly { status: ItemStatus; permitted: boolean }[];
}

/** R4a/R17: an item is done when rejected, or approved or deemed with its permit decision. */
export function itemDone(item: { status: ItemStatus; permitted: boolean }): boolean {
  if (item.status === 'rejected') return true;
  return permitMayFollow(item.status) && item.permitted;
}

export function projectLifeState(facts: ProjectLifeFacts): ProjectLifeState {
  if (facts.refused) return 'refused';
  if (facts.withdrawn) return 'withdrawn';
  if (!facts.admitted) return 'registered';
  // An admitted project always has its lead's item; none would be a project with nothing to complete.
  return facts.items.length > 0 && facts.items.every(itemDone) ? 'completed' : 'in_channel';
}

/** R4a: a board project's state; a card entry recorded before R4a carries only the admission status. */
export function lifeOf(project: { life?: ProjectLifeState; status: 'registered' | 'in_channel' }): ProjectLifeState {
  return project.life ?? project.status;
}

/** The steps of a project's life that depend on its state (the guards). */
export const PROJECT_LIFE_ACTIONS = [
  'admit',
  'refuse',
  'withdraw',
  'edit_national_code',
  'accept_item',
  'decide_item',
  'issue_permit',
  'convene_meeting',
] as const;
export type ProjectLifeAction = (typeof PROJECT_LIFE_ACTIONS)[number];

/** R3/R4/R4a: where each step is allowed. Refused, completed and withdrawn projects are kept for the record only. */
export const LIFE_GUARDS: Readonly<Record<ProjectLifeAction, readonly ProjectLifeState[]>> = {
  admit: ['registered'],
  refuse: ['registered'],
  withdraw: ['registered', 'in_channel'],
  edit_national_code: ['registered'],
  accept_item: ['in_channel'],
  decide_item: ['in_channel'],
  issue_permit: ['in_channel'],
  convene_meeting: ['in_channel'],
};

const STATE_WORDS: Readonly<Record<ProjectLifeState, string>> = {
  registered: 'registered',
  in_channel: 'in the green channel',
  refused: 'refused admission',
  completed: 'completed',
  withdrawn: 'withdrawn',
};

const RULE_OF: Readonly<Record<ProjectLifeAction, string>> = {
  admit: 'R4',
  refuse: 'R3',
  withdraw: 'R4a',
  edit_national_code: 'R4a',
  accept_item: 'R4a',
  decide_item: 'R4a',
  issue_permit: 'R4a',
  convene_meeting: 'R4a',
};

/** The refusal (409 naming the rule and the project's state) when the state forbids the step; null when allowed. */
export function lifeActionError(state: ProjectLifeState, action: ProjectLifeAction): RuleProblem | null {
  if (LIFE_GUARDS[action].includes(state)) return null;
  return {
    rule: RULE_OF[action],
    field: 'project',
    code: 'project.state_forbids',
    message: `Not allowed: the project is ${STATE_WORDS[state]}`,
    conflict: true,
  };
}

/**
 * R4a/R17: completion is recorded (with its 办结 notice) once, the first time the state computed from
 * the facts is completed — never again, even if a correction (R17) later reopens an item.
 */
export function completionDue(state: ProjectLifeState, alreadyRecorded: boolean): boolean {
  return !alreadyRecorded && state === 'completed';
}

/**
 * R4a at the instant of a withdrawal, per item: a decided item keeps its decision; a running item
 * whose due instant has passed unheld was deemed to consent at that instant (R14, before the
 * withdrawal: the engine may merely not have got to it), so it is deemed first; anything else stops,
 * and nothing is deemed after.
 */
export type WithdrawalEffect = 'keep' | 'deem_first' | 'stop';

export function withdrawalEffect(item: { status: ItemStatus; dueAt: Date | null; holds?: DeadlineHolds }, at: Date): WithdrawalEffect {
  if (item.status !== 'awaiting_acceptance' && item.status !== 'in_review') return 'keep';
  return deemedConsentDue(item, at) ? 'deem_first' : 'stop';
}

/**
 * R4a: the national investment project code (项目代码) as the online approval and supervision
 * platform prints it: 24 characters, year-region-industry-type-serial, e.g. 2024-330106-48-01-012345.
 */
export const NATIONAL_CODE_PATTERN = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;

/** Trims; empty means "none" (the code is optional). */
export function normalizeNationalCode(input: string | null | undefined): string | null {
  const code = input?.trim() ?? '';
  return code === '' ? null : code;
}

export function nationalCodeError(input: string | null | undefined): RuleProblem | null {
  const code = normalizeNationalCode(input);
  if (code === null || NATIONAL_CODE_PATTERN.test(code)) return null;
  return {
    rule: 'R4a',
    field: 'nationalCode',
    code: 'national_code.invalid',
    message: 'The national project code has 24 characters as the platform prints it: YYYY-RRRRRR-II-TT-NNNNNN (digits and dashes)',
  };
}
