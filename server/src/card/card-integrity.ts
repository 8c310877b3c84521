import type { CardEntry, CardVerification } from '@hub/shared';
import { contentHash, verifyChain } from './hash-chain';

/** A notice as stored, for recomputing the hash a card entry cites. */
export interface StoredNotice {
  projectId: string | null;
  content: object;
}

/** Where a card must end: its head as recorded beside the chain (card_heads) or in a signed checkpoint. */
export interface CardHead {
  seq: number;
  hash: string;
}

/**
 * R5/R17: recomputes a card from its stored entries alone — the chain (seq, prevHash, every hash),
 * every cited notice's content hash from the notice as stored, and the chain's end against a head
 * kept outside it (null: no head recorded). A rewritten notice (content and stored hash together)
 * no longer matches the hash its entry cites; a deleted last entry or a re-chained card no longer
 * ends at the head. Stored hashes are never trusted, only recomputed.
 */
export function recomputeCard(
  entries: readonly CardEntry[],
  notices: ReadonlyMap<string, StoredNotice>,
  head: CardHead | null,
): CardVerification {
  const chain = verifyChain(entries);
  if (!chain.valid) return { ...chain, problem: 'entry' };
  for (const entry of entries) {
    for (const cited of entry.notices ?? []) {
      const stored = notices.get(cited.id);
      if (!stored || stored.projectId !== entry.projectId || contentHash(stored.content) !== cited.contentHash) {
        return { valid: false, entries: entries.length, head: chain.head, brokenAt: entry.seq, problem: 'notice', noticeId: cited.id };
      }
    }
  }
  const last = entries.at(-1);
  const seq = head?.seq ?? 0;
  if (seq !== entries.length || (head !== null && last?.hash !== head.hash)) {
    // Entries missing at the end: the first one gone; a re-chained card: its recorded head.
    const brokenAt = seq === entries.length ? seq : Math.min(seq, entries.length) + 1;
    return { valid: false, entries: entries.length, head: chain.head, brokenAt, problem: 'head' };
  }
  return chain;
}

/** The notice ids every entry cites, for loading them in one query. */
export const citedNoticeIds = (entries: readonly CardEntry[]): string[] => entries.flatMap((e) => (e.notices ?? []).map((n) => n.id));
