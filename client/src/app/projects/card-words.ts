import type { CardAction, CardEntry } from '@hub/shared';

/** The kinds a reader filters the tracking card by (R5), from the first word of each step's action. */
export const CARD_KINDS = ['project', 'items', 'meetings', 'papers'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

const KIND_OF_PREFIX: Record<string, CardKind> = {
  project: 'project',
  access: 'project',
  item: 'items',
  explanation: 'items',
  meeting: 'meetings',
  material: 'papers',
  document: 'papers',
  mega: 'papers',
};

export function cardKindOf(action: CardAction): CardKind {
  return KIND_OF_PREFIX[action.split('.')[0]!] ?? 'project';
}

/** R5: the card as the reader asked for it — one kind or all, oldest first (the record's order) or newest first. */
export function cardView(entries: readonly CardEntry[], kind: CardKind | null, newestFirst: boolean): CardEntry[] {
  const shown = kind === null ? [...entries] : entries.filter((e) => cardKindOf(e.action) === kind);
  return newestFirst ? shown.reverse() : shown;
}

/** "id:value,id:value" as recorded on a meeting's close, as pairs. */
export function recordedPairs(value: string): [string, string][] {
  return value
    .split(',')
    .filter((p) => p.length > 0)
    .map((pair) => {
      const at = pair.indexOf(':');
      return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    });
}
