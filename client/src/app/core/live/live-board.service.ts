import { Injectable, computed, inject, signal } from '@angular/core';
import { Subject, firstValueFrom } from 'rxjs';
import { io, type Socket } from 'socket.io-client';
import {
  applyCardEntry,
  type BoardProject,
  type BoardSnapshot,
  type CardEntry,
  type ClientToServerEvents,
  type AlertView,
  type JoinMeetingResult,
  type MeetingOnline,
  type MeetingView,
  type InquiryChangedEvent,
  type ServerToClientEvents,
} from '@hub/shared';
import { ApiService } from '../api/api.service';
import { HubClock } from './hub-clock.service';

type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type LiveStatus = 'live' | 'reconnecting';

const SYNC_ACK_TIMEOUT_MS = 10_000;
const RECONNECT_DELAY_MS = 1_000;
const RECONNECT_DELAY_MAX_MS = 10_000;
const RANDOMIZATION = 0.5;
/** A wall screen stays open for days: re-read the hub clock now and then, not only on reconnect. */
const CLOCK_REFRESH_MS = 10 * 60_000;

/**
 * R25: the board, kept live. A snapshot from GET /api/board, then every card
 * entry pushed over Socket.IO applied in stream order. Socket.IO delivers at most
 * once, so on every (re)connect and on every gap the client asks the server to
 * replay what came after the last position it applied (`sync`), until the server
 * says nothing more waits. applyCardEntry drops duplicates, so nothing shows twice.
 */
@Injectable({ providedIn: 'root' })
export class LiveBoardService {
  private readonly api = inject(ApiService);
  private readonly clock = inject(HubClock);

  private readonly boardState = signal<BoardSnapshot | null>(null);
  private readonly statusState = signal<LiveStatus>('reconnecting');
  private readonly applied = new Subject<CardEntry>();
  private readonly roomViews = new Subject<MeetingView>();
  private readonly roomOnline = new Subject<MeetingOnline>();
  /** Meeting rooms this page is in: Socket.IO forgets rooms on reconnect, so they are joined again. */
  private readonly rooms = new Set<string>();
  private readonly inquiryEvents = new Subject<InquiryChangedEvent>();
  private readonly alertEvents = new Subject<AlertView>();
  private readonly calendarEvents = new Subject<void>();
  private readonly reconnects = new Subject<void>();

  private socket: HubSocket | null = null;
  /** The wall keeps every project live; other pages only the stream position (the board pages its rows itself). */
  private whole = false;
  private starting: Promise<void> | null = null;
  /** Bumped by stop(), so late answers from a previous session are dropped. */
  private generation = 0;
  private connectedOnce = false;
  private syncing = false;
  private syncAgain = false;
  private manualRetries = 0;
  private manualRetryTimer: ReturnType<typeof setTimeout> | null = null;
  private clockTimer: ReturnType<typeof setInterval> | null = null;

  readonly board = this.boardState.asReadonly();
  readonly status = this.statusState.asReadonly();
  readonly projects = computed<BoardProject[]>(() => this.boardState()?.projects ?? []);
  /** Entries as they are applied to the board, in stream order, each once. */
  readonly entries$ = this.applied.asObservable();
  /** R19: meeting room states and who is online in them, as pushed. */
  readonly meetingViews$ = this.roomViews.asObservable();
  readonly meetingOnline$ = this.roomOnline.asObservable();

  /**
   * R19: enter a meeting room (a liaison joins as its department; attendance is recorded by the
   * server once the meeting is open). Kept across reconnects until leaveMeeting.
   */
  async joinMeeting(meetingId: string): Promise<JoinMeetingResult> {
    this.rooms.add(meetingId);
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: 'offline' }; // joined on (re)connect
    return this.emitJoin(socket, meetingId);
  }

  leaveMeeting(meetingId: string): void {
    this.rooms.delete(meetingId);
    if (this.socket?.connected) this.socket.emit('meeting:leave', { meetingId });
  }

  private async emitJoin(socket: HubSocket, meetingId: string): Promise<JoinMeetingResult> {
    try {
      const result = await socket.timeout(SYNC_ACK_TIMEOUT_MS).emitWithAck('meeting:join', { meetingId });
      if (result.meeting) this.roomViews.next(result.meeting);
      return result;
    } catch {
      return { ok: false, error: 'timeout' };
    }
  }
  /** R23/R24 inquiry changes pushed to this user (not on the card stream: desks reload on reconnect). */
  readonly inquiryChanges$ = this.inquiryEvents.asObservable();
  /** R14a early warnings pushed to this user (not replayed: the inbox reloads on reconnect). */
  readonly alerts$ = this.alertEvents.asObservable();
  /** R11: the calendar or the settings changed: reload them. */
  readonly calendarChanges$ = this.calendarEvents.asObservable();
  /** Back after a drop: whatever is not on the card stream (inbox, calendar) must be read again. */
  readonly reconnected$ = this.reconnects.asObservable();

  /**
   * Load the snapshot, then go live. Safe to call again; the first call wins. `whole`: every project
   * (the wall); otherwise only the stream position, and `entries$` carries the changes.
   */
  start({ whole = false }: { whole?: boolean } = {}): Promise<void> {
    // The wall opened while a page kept only the position: start again with every project.
    if (this.starting && whole && !this.whole) this.stop();
    if (!this.starting) {
      this.whole = whole;
      const generation = this.generation;
      this.starting = this.loadSnapshot(generation).then(
        () => {
          if (generation === this.generation) this.connect();
        },
        (error: unknown) => {
          if (generation === this.generation) this.starting = null;
          throw error;
        },
      );
    }
    return this.starting;
  }

  /** On logout: close the socket and forget the board (the next user may see less). */
  stop(): void {
    this.generation++; // a start still loading its snapshot must not connect after this
    if (this.manualRetryTimer) clearTimeout(this.manualRetryTimer);
    this.manualRetryTimer = null;
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.clockTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.rooms.clear();
    this.starting = null;
    this.connectedOnce = false;
    this.syncing = false;
    this.syncAgain = false;
    this.whole = false;
    this.boardState.set(null);
    this.statusState.set('reconnecting');
  }

  private async loadSnapshot(generation: number): Promise<void> {
    const sentAt = Date.now();
    const snapshot = this.whole
      ? await firstValueFrom(this.api.board())
      : { ...(await firstValueFrom(this.api.boardHead())), projects: [] };
    if (generation !== this.generation) return;
    this.clock.sync(snapshot.serverNow, sentAt, Date.now());
    this.boardState.set(snapshot);
  }

  /** Only the clock offset is refreshed here: the board catches up through `sync`. */
  private async refreshClock(): Promise<void> {
    try {
      const sentAt = Date.now();
      const head = await firstValueFrom(this.api.boardHead());
      this.clock.sync(head.serverNow, sentAt, Date.now());
    } catch {
      // Keep the old offset; the next reconnect tries again.
    }
  }

  private connect(): void {
    const socket: HubSocket = io({
      withCredentials: true,
      reconnection: true,
      reconnectionDelay: RECONNECT_DELAY_MS,
      reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
      randomizationFactor: RANDOMIZATION,
    });
    this.socket = socket;
    this.clockTimer = setInterval(() => {
      if (socket.connected) void this.refreshClock();
    }, CLOCK_REFRESH_MS);

    socket.on('connect', () => {
      this.statusState.set('live');
      this.manualRetries = 0;
      if (this.connectedOnce) {
        void this.refreshClock();
        this.reconnects.next();
      }
      this.connectedOnce = true;
      void this.requestSync();
      for (const meetingId of this.rooms) void this.emitJoin(socket, meetingId);
    });
    socket.on('disconnect', (reason) => {
      this.statusState.set('reconnecting');
      // The server closed us on purpose (a restart, or our session ended): Socket.IO does not
      // retry that itself. Ask over HTTP too: an ended session answers 401 there, and the
      // session-expiry interceptor takes the user to the login page.
      if (reason === 'io server disconnect') {
        void this.refreshClock();
        this.retryLater();
      }
    });
    socket.on('connect_error', (error) => {
      this.statusState.set('reconnecting');
      if (error.message === 'unauthorized') void this.refreshClock();
      // A refusal at the handshake middleware leaves the socket inactive: retry ourselves.
      if (!socket.active) this.retryLater();
    });
    socket.on('card:entry', (entry) => this.receive(entry));
    socket.on('meeting:room', (view) => this.roomViews.next(view));
    socket.on('meeting:online', (online) => this.roomOnline.next(online));
    socket.on('inquiry:changed', (event) => this.inquiryEvents.next(event));
    socket.on('alert:new', (alert) => this.alertEvents.next(alert));
    socket.on('calendar:changed', () => this.calendarEvents.next());
  }

  /** Manual reconnect with the same randomised back-off Socket.IO uses, so a restart causes no storm. */
  private retryLater(): void {
    if (this.manualRetryTimer || !this.socket) return;
    const base = Math.min(RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS * 2 ** this.manualRetries++);
    const jitter = base * RANDOMIZATION * (Math.random() * 2 - 1);
    this.manualRetryTimer = setTimeout(
      () => {
        this.manualRetryTimer = null;
        this.socket?.connect();
      },
      Math.max(0, base + jitter),
    );
  }

  private receive(entry: CardEntry): void {
    const board = this.boardState();
    // Before the snapshot there is nothing to apply to; the sync after it covers this entry.
    if (!board) return;
    const { board: next, outcome } = applyCardEntry(board, entry, { onlyKnown: !this.whole });
    switch (outcome) {
      case 'applied':
        this.clock.observe(entry.at);
        this.boardState.set(next);
        this.applied.next(entry);
        break;
      case 'duplicate':
        break;
      case 'gap':
        // Something before this entry never reached us: replay from what we have.
        void this.requestSync();
        break;
    }
  }

  /**
   * One replay at a time. A request made while one runs (a gap seen mid-replay,
   * a reconnect while an ack is pending) makes it run again, from wherever the
   * board has got to by then.
   */
  private async requestSync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    let failed = false;
    try {
      do {
        this.syncAgain = false;
        let more = true;
        while (more) {
          const socket = this.socket;
          const board = this.boardState();
          if (!socket?.connected || !board) return;
          const after = board.position;
          // The server sends the replayed entries as card:entry events before it acks.
          const result = await socket.timeout(SYNC_ACK_TIMEOUT_MS).emitWithAck('sync', { after });
          more = result.more;
          // A batch that moved nothing forward would loop forever; let the next gap/reconnect retry.
          if (more && (this.boardState()?.position ?? after) <= after) break;
        }
      } while (this.syncAgain);
    } catch {
      failed = true; // no ack in time, or the connection dropped meanwhile
    } finally {
      this.syncing = false;
    }
    if (this.syncAgain && this.socket?.connected) {
      void this.requestSync();
    } else if (failed && this.socket?.connected) {
      // Still connected but unanswered: try again shortly rather than wait for the next gap.
      setTimeout(() => void this.requestSync(), RECONNECT_DELAY_MS);
    }
  }
}
