import type { CardEntry } from './card';
import type { JoinMeetingResult, MeetingOnline, MeetingView } from './meetings';
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
  /** Why nothing was replayed: a bad request, a replay already running on this socket, an ended session. */
  error?: string;
}

/** One typed map for the socket, used by server gateway and Angular client alike. */
export interface ServerToClientEvents {
  'card:entry': (entry: CardEntry) => void;
  /** R19: the room's state after every change (attendance, opinion, close), to room `meeting:<id>`. */
  'meeting:room': (meeting: MeetingView) => void;
  /** Who is connected to the room right now (live indicator only; attendance is durable, R15). */
  'meeting:online': (online: MeetingOnline) => void;
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
  /**
   * R19: enter the room. A liaison of an invited department joins as that department (attendance is
   * recorded once the meeting is open); staff who may read the board watch. Send again after reconnect.
   */
  'meeting:join': (request: { meetingId: string }, ack: (result: JoinMeetingResult) => void) => void;
  'meeting:leave': (request: { meetingId: string }) => void;
}
