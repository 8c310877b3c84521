import type { CardAction, CardEntry } from '@hub/shared';
import { cardKindOf, cardView, recordedPairs } from './card-words';

const entry = (seq: number, action: CardAction) => ({ seq, action }) as CardEntry;

describe('tracking card in plain language (R5)', () => {
  const entries = [entry(1, 'project.registered'), entry(2, 'item.accepted'), entry(3, 'meeting.closed'), entry(4, 'item.deemed_consent')];

  it("R5: steps filter by kind, in the record's order or newest first; the card itself is not reordered", () => {
    expect(cardView(entries, null, false).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(cardView(entries, 'items', false).map((e) => e.seq)).toEqual([2, 4]);
    expect(cardView(entries, 'items', true).map((e) => e.seq)).toEqual([4, 2]);
    expect(cardView(entries, null, true).map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('R5: every action has a kind', () => {
    expect(cardKindOf('meeting.closed')).toBe('meetings');
    expect(cardKindOf('explanation.ruled')).toBe('items');
  });

  it('R15: a close\'s recorded "id:outcome" list reads as pairs (named and worded by the card)', () => {
    expect(recordedPairs('a1:deemed,b2:excused')).toEqual([
      ['a1', 'deemed'],
      ['b2', 'excused'],
    ]);
    expect(recordedPairs('')).toEqual([]);
  });
});
