import type {
  DispositionKind,
  InquirerKind,
  InquiryChannel,
  InquiryHistoryAction,
  InquiryStatus,
  MatterType,
  Satisfaction,
} from '@hub/shared';

// Domain values to dictionary keys; the template-literal types make the compiler prove every
// value has a translation (as core/i18n/labels.ts does for the foundation's values).
export const channelKey = (c: InquiryChannel) => `inquiry.channel.${c}` as const;
export const inquirerKindKey = (k: InquirerKind) => `inquiry.inquirerKind.${k}` as const;
export const matterKey = (m: MatterType) => `inquiry.matter.${m}` as const;
export const inquiryStatusKey = (s: InquiryStatus) => `inquiry.status.${s}` as const;
export const dispositionKey = (d: DispositionKind) => `inquiry.disposition.${d}` as const;
export const satisfactionKey = (s: Satisfaction) => `inquiry.satisfaction.${s}` as const;
export const historyActionKey = (a: InquiryHistoryAction) => `action.${a}` as const;
