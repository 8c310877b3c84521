import { Injectable, Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { CardEntry, ClientToServerEvents, MeetingOnline, MeetingView, Role, ServerToClientEvents, SessionUser } from '@hub/shared';

/** What a socket carries from its handshake: who, and through which session (cut with it). */
export interface SocketData {
  user: SessionUser;
  sessionId: string;
}
export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export const BOARD_ROOM = 'board';
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
/** Rooms every socket joins by who it is, so a push reaches only those who may read it (R2). */
export const userRoom = (id: string) => `user:${id}`;
export const roleRoom = (role: Role) => `role:${role}`;
export const departmentRoom = (id: string) => `department:${id}`;
/** Every socket opened with one session: logout, expiry, the per-user cap and deactivation cut it. */
export const sessionRoom = (id: string) => `session:${id}`;

const PUSH_DELAYS_KEPT = 1024;

/** Services publish domain events here; only this class touches the socket server. */
@Injectable()
export class LiveEvents {
  private readonly log = new Logger('LiveEvents');
  private server: HubServer | null = null;
  /** Events handed to Socket.IO by this instance (for /metrics). */
  published = 0;
  /**
   * The last card entries' push delays, ms from the entry's instant (stamped in its transaction)
   * to its hand-off here: the rest of the transaction and its commit (for /metrics).
   */
  private readonly pushDelays = new Float64Array(PUSH_DELAYS_KEPT);
  private pushes = 0;

  /** A quantile (0–1) of the kept push delays in ms; null before the first push. */
  pushDelay(quantile: number): number | null {
    const kept = this.pushDelays.slice(0, Math.min(this.pushes, PUSH_DELAYS_KEPT)).sort();
    return kept.length ? kept[Math.min(kept.length - 1, Math.floor(quantile * kept.length))]! : null;
  }

  /** Clients connected to this instance. */
  get connectedClients(): number {
    return this.server?.engine?.clientsCount ?? 0;
  }

  attach(server: HubServer): void {
    this.server = server;
  }

  /** After commit; through the adapter it reaches clients of every instance. Missed pushes are replayed by `sync`. */
  publish(entry: CardEntry): void {
    if (!this.server) return;
    try {
      this.server.to(BOARD_ROOM).emit('card:entry', entry);
      this.published++;
      // A test clock moved ahead stamps entries in the future: no delay to keep.
      const delay = Date.now() - Date.parse(entry.at);
      if (delay >= 0) this.pushDelays[this.pushes++ % PUSH_DELAYS_KEPT] = delay;
    } catch (error) {
      this.log.warn({ msg: 'push failed; clients will replay', position: entry.position, error: String(error) });
    }
  }

  /**
   * R19: the room's state after a committed change, to everyone in room `meeting:<id>` on any
   * instance. Best effort: the durable facts are in PostgreSQL and on the card, which clients replay.
   */
  publishMeeting(view: MeetingView): void {
    if (!this.server) return;
    try {
      this.server.to(meetingRoom(view.id)).emit('meeting:room', view);
      this.published++;
    } catch (error) {
      this.log.warn({ msg: 'meeting push failed', meetingId: view.id, error: String(error) });
    }
  }

  /**
   * Who is connected to a room right now, across every instance (the adapter asks them all).
   * A live indicator only: attendance never depends on it (R15).
   */
  async online(meetingId: string): Promise<MeetingOnline> {
    const empty = { meetingId, departmentIds: [], observers: 0 };
    if (!this.server) return empty;
    try {
      const sockets = await this.server.in(meetingRoom(meetingId)).timeout(2000).fetchSockets();
      const departments = new Set<string>();
      let observers = 0;
      for (const s of sockets) {
        const user = s.data.user;
        if (user?.role === 'liaison' && user.departmentId) departments.add(user.departmentId);
        else observers++;
      }
      return { meetingId, departmentIds: [...departments].sort(), observers };
    } catch (error) {
      this.log.warn({ msg: 'online lookup failed', meetingId, error: String(error) });
      return empty;
    }
  }

  async publishOnline(meetingId: string): Promise<void> {
    if (!this.server) return;
    const online = await this.online(meetingId);
    try {
      this.server.to(meetingRoom(meetingId)).emit('meeting:online', online);
      this.published++;
    } catch (error) {
      this.log.warn({ msg: 'online push failed', meetingId, error: String(error) });
    }
  }

  /** After commit: one typed event to some rooms; a socket in several of them gets it once. */
  emitTo<E extends keyof ServerToClientEvents>(rooms: string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    if (!this.server || rooms.length === 0) return;
    try {
      this.server.to(rooms).emit(event, ...args);
      this.published++;
    } catch (error) {
      this.log.warn({ msg: 'push failed; clients reload on reconnect', event, error: String(error) });
    }
  }

  /**
   * Cuts every socket of these sessions (or of this user), on every instance: the adapter carries
   * `disconnectSockets` to the others. The socket's own client sees 'io server disconnect'.
   */
  disconnect(rooms: string[]): void {
    if (!this.server || rooms.length === 0) return;
    try {
      this.server.in(rooms).disconnectSockets(true);
    } catch (error) {
      this.log.warn({ msg: 'disconnect failed; the session check cuts them', rooms, error: String(error) });
    }
  }

  /**
   * Sockets of a session on the other instances (the adapter asks them, briefly). An instance
   * that does not answer in time counts as none: the cap then holds per instance.
   */
  async remoteSessionSockets(sessionId: string): Promise<number> {
    if (!this.server) return 0;
    try {
      const sockets = await this.server.in(sessionRoom(sessionId)).timeout(1000).fetchSockets();
      return sockets.filter((s) => !this.server!.sockets.sockets.has(s.id)).length;
    } catch {
      return 0;
    }
  }
}
