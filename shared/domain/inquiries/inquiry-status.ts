/**
 * The life of one inquiry (R23). open → a disposition: answered or referred (closed), promised
 * (a reply owed by a date), transferred (awaiting the colleague's acknowledgement) →
 * acknowledged (the colleague holds it, the first responder supervises), escalated (a leader's).
 */
export const INQUIRY_STATUSES = ['open', 'promised', 'transferred', 'acknowledged', 'escalated', 'answered', 'referred'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** Answered, or referred to the body that can act: the first responder's duty is done. */
export const CLOSED_INQUIRY_STATUSES: readonly InquiryStatus[] = ['answered', 'referred'];

export function isInquiryClosed(status: InquiryStatus): boolean {
  return CLOSED_INQUIRY_STATUSES.includes(status);
}
