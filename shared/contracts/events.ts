import type { CardEntry } from './card';
import type { InquiryChangedEvent } from './inquiries';
import type { AlertView, CalendarChangedEvent } from './leaders';

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
  /** R14a: a new alert in this user's inbox. Not on the card stream: an inbox that reconnects reloads. */
  'alert:new': (alert: AlertView) => void;
  /** R11: the calendar or the settings changed (to every board): reload them; moved deadlines come as card entries. */
  'calendar:changed': (event: CalendarChangedEvent) => void;
}

export interface ClientToServerEvents {
  /** Replays every entry after `after`, in order, as `card:entry` events, then acks. */
  sync: (request: SyncRequest, ack: (result: SyncResult) => void) => void;
}
