import type { CardEntry } from './card';
import type { InquiryChangedEvent } from './inquiries';

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
  /**
   * R23/R24: an inquiry changed (its new state and history entry), to its first responder, its
   * transferee (user or department) and leaders. Not on the card stream: a desk that reconnects reloads.
   */
  'inquiry:changed': (event: InquiryChangedEvent) => void;
}

export interface ClientToServerEvents {
  /** Replays every entry after `after`, in order, as `card:entry` events, then acks. */
  sync: (request: SyncRequest, ack: (result: SyncResult) => void) => void;
}
