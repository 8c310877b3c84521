import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The prevHash of the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 of an entry without its own hash, over canonical JSON (jsonb reorders keys). */
export function chainHash(unsigned: object): string {
  return createHash('sha256').update(canonicalJson(unsigned)).digest('hex');
}

/** SHA-256 of a notice's content as stored (R17): the hash its card entry cites. */
export const contentHash = (content: object): string => chainHash(content);

export interface Chained {
  seq: number;
  prevHash: string;
  hash: string;
}

/** R5: `entry` as the link after `last` (undefined: the chain's first), sealed with its hash. */
export function chainAfter<T extends object>(last: Pick<Chained, 'seq' | 'hash'> | undefined, entry: T): T & Chained {
  const unsigned = { ...entry, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH };
  return { ...unsigned, hash: chainHash(unsigned) };
}

export interface ChainVerification {
  valid: boolean;
  entries: number;
  head: string;
  /** seq of the first entry that does not verify, when invalid. */
  brokenAt?: number;
}

/** R5: recompute a chain in seq order; a changed, removed or reordered entry breaks it. */
export function verifyChain(entries: readonly Chained[]): ChainVerification {
  let prev = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    const { hash, ...unsigned } = entry;
    if (entry.seq !== i + 1 || entry.prevHash !== prev || chainHash(unsigned) !== hash) {
      return { valid: false, entries: entries.length, head: prev, brokenAt: i + 1 };
    }
    prev = hash;
  }
  return { valid: true, entries: entries.length, head: prev };
}
