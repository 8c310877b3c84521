import type { CardEntry } from './card';

export interface SyncRequest {
  after: number;
}
export interface SyncResult {
  /** Highest position sent in this batch (or `after` when nothing new). */
  upTo: number;
  /** More entries wait: ask again with `after: upTo`. */
  more: boolean;
}

/** One typed map for the socket, used by server gateway and Angular client alike. */
export interface ServerToClientEvents {
  'card:entry': (entry: CardEntry) => void;
}

export interface ClientToServerEvents {
  /** Replays every entry after `after`, in order, as `card:entry` events, then acks. */
  sync: (request: SyncRequest, ack: (result: SyncResult) => void) => void;
}
