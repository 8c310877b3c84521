import type {
  AlertKind,
  BoardCellStatus,
  ClockStoppingProcedure,
  CardAction,
  ConfigurationAction,
  CloseOutcome,
  DayReason,
  DeemedCause,
  DelayCause,
  ItemStatus,
  MeetingKind,
  MeetingStatus,
  OpinionKind,
  ProjectCategory,
  ProjectLifeState,
  ProjectStatus,
  Role,
  RollState,
} from '@hub/shared';

// Domain values to dictionary keys. The template-literal return types make the
// compiler prove that every value of each union has a translation.

export const roleKey = (r: Role) => `role.${r}` as const;
export const categoryKey = (c: ProjectCategory) => `category.${c}` as const;
export const projectStatusKey = (s: ProjectStatus) => `projectStatus.${s}` as const;
export const itemStatusKey = (s: ItemStatus) => `itemStatus.${s}` as const;
export const lifeKey = (s: ProjectLifeState) => `life.${s}` as const;
export const cellStatusKey = (s: BoardCellStatus) => `cell.${s}` as const;
export const cardActionKey = (a: CardAction) => `action.${a}` as const;
export const configurationActionKey = (a: ConfigurationAction) => `changes.action.${a}` as const;
export const dayReasonKey = (r: DayReason) => `explain.reason.${r}` as const;
export const meetingKindKey = (k: MeetingKind) => `meetingKind.${k}` as const;
export const meetingStatusKey = (s: MeetingStatus) => `meetingStatus.${s}` as const;
export const rollStateKey = (s: RollState) => `roll.${s}` as const;
export const opinionKey = (k: OpinionKind) => `opinion.${k}` as const;
export const delayCauseKey = (c: DelayCause) => `delayCause.${c}` as const;
export const alertKindKey = (k: AlertKind) => `alerts.kind.${k}` as const;
export const closeOutcomeKey = (o: CloseOutcome) => `outcome.${o}` as const;
export const deemedCauseKey = (c: DeemedCause) => `deemedCause.${c}` as const;
/** R10a: a clock-stopping special procedure, named as on the receipt (R9). */
export const procedureKey = (k: ClockStoppingProcedure) => `receipt.procedure.${k}` as const;
