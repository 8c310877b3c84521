import { INQUIRY_STATUSES, isInquiryClosed, type InquiryStatus } from './inquiry-status';
import { IllegalInquiryTransitionError, INQUIRY_TRANSITIONS, nextInquiryStatus } from './inquiry-transitions';

/** The allowed steps, written out independently of the table. */
const ALLOWED = new Set([
  'open answered',
  'open promised',
  'open transferred',
  'open referred',
  'open escalated',
  'promised answered',
  'promised transferred',
  'promised referred',
  'promised escalated',
  'transferred acknowledged',
  'transferred transferred',
  'acknowledged answered',
  'acknowledged promised',
  'acknowledged transferred',
  'acknowledged referred',
  'acknowledged escalated',
  'escalated answered',
  'escalated promised',
  'escalated transferred',
  'escalated referred',
]);

describe('inquiry disposition state machine', () => {
  const pairs = INQUIRY_STATUSES.flatMap((from) => INQUIRY_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('R23: %s → %s as the table says, or an error naming both states', (from, to) => {
    if (ALLOWED.has(`${from} ${to}`)) {
      expect(nextInquiryStatus(from, to)).toBe(to);
      return;
    }
    let error: unknown;
    try {
      nextInquiryStatus(from, to);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalInquiryTransitionError);
    expect(error).toMatchObject({ from, to });
    expect((error as Error).message).toContain(`"${from}"`);
    expect((error as Error).message).toContain(`"${to}"`);
  });

  it('R23: an answered or referred inquiry is closed and has no way out', () => {
    for (const status of INQUIRY_STATUSES) {
      expect(isInquiryClosed(status)).toBe(status === 'answered' || status === 'referred');
      if (isInquiryClosed(status)) expect(INQUIRY_TRANSITIONS[status]).toEqual([]);
    }
  });

  it('R23: a transfer must be acknowledged (or re-routed) before anything else happens to it', () => {
    expect(INQUIRY_TRANSITIONS.transferred).toEqual(['acknowledged', 'transferred']);
  });

  it('R23: only a transfer leads to acknowledgement', () => {
    const into = (target: InquiryStatus) => INQUIRY_STATUSES.filter((from) => INQUIRY_TRANSITIONS[from].includes(target));
    expect(into('acknowledged')).toEqual(['transferred']);
    expect(into('open')).toEqual([]);
  });

  it('R23: every open state can still reach a closed one (nothing can be dropped)', () => {
    for (const start of INQUIRY_STATUSES) {
      const seen = new Set<InquiryStatus>([start]);
      const queue = [start];
      while (queue.length > 0) {
        for (const next of INQUIRY_TRANSITIONS[queue.shift()!]) {
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect([...seen].some(isInquiryClosed)).toBe(true);
    }
  });
});
