import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { can, type ClientToServerEvents, type JoinMeetingResult, type ServerToClientEvents, type SyncResult } from '@hub/shared';
import { AuthService } from '../auth/auth.service';
import { originAllowed } from '../auth/csrf.middleware';
import { MAX_SOCKETS_PER_SESSION, readCookie, SESSION_CHECK_MS, SESSION_COOKIE } from '../auth/session-cookie';
import { CardService } from '../card/card.service';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { MeetingsService } from '../meetings/meetings.service';
import {
  BOARD_ROOM,
  departmentRoom,
  LiveEvents,
  meetingRoom,
  roleRoom,
  sessionRoom,
  userRoom,
  type HubServer,
  type SocketData,
} from '../events/live-events';
import { ReplayGate } from './replay-gate';

type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
/** Entries per `sync` answer: a replay comes in bounded batches, the client asks again while `more`. */
const SYNC_BATCH = 500;
/** Replay reads this instance runs at once; more wait their turn, so replays never take the whole pool. */
const REPLAYS_AT_ONCE = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Socket.IO on the default path. Guards do not run at connection, so authority is checked here (R2). */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly log = new Logger('Realtime');
  private server: HubServer | null = null;
  /** Sockets (by id) with a `sync` in flight: one at a time per socket. */
  private readonly syncing = new Set<string>();
  private readonly replays = new ReplayGate(REPLAYS_AT_ONCE);
  private sessionCheck: NodeJS.Timeout | null = null;
  private checkFailing = false;

  constructor(
    private readonly auth: AuthService,
    private readonly card: CardService,
    private readonly live: LiveEvents,
    private readonly meetings: MeetingsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  afterInit(server: HubServer): void {
    this.server = server;
    this.live.attach(server);
    server.use((socket, next) => {
      this.admit(socket as HubSocket).then(
        () => next(),
        (error: Error) => {
          this.log.warn({ msg: 'handshake refused', reason: error.message, address: socket.handshake.address });
          next(error);
        },
      );
    });
    server.on('connection', (socket: HubSocket) => {
      // "Online now" follows the connection; attendance (durable, in PostgreSQL) does not (R15/R19).
      socket.on('disconnecting', () => {
        const rooms = [...socket.rooms].filter((r) => r.startsWith('meeting:'));
        socket.once('disconnect', () => {
          for (const room of rooms) void this.live.publishOnline(room.slice('meeting:'.length));
        });
      });
      socket.once('disconnect', () => this.syncing.delete(socket.id));
      const user = socket.data.user;
      if (can(user, 'board.read')) void socket.join(BOARD_ROOM);
      // Personal pushes (e.g. inquiry:changed to its first responder, transferee and leaders).
      void socket.join([userRoom(user.id), roleRoom(user.role), ...(user.departmentId ? [departmentRoom(user.departmentId)] : [])]);
    });
    // Expiry (and any end whose cut did not arrive): every instance checks its own sockets' sessions.
    this.sessionCheck = setInterval(() => void this.cutEndedSessions(), SESSION_CHECK_MS);
    this.sessionCheck.unref();
  }

  onModuleDestroy(): void {
    if (this.sessionCheck) clearInterval(this.sessionCheck);
  }

  /**
   * A socket belongs to its session (room `session:<id>`, joined here so logout cuts it at once).
   * At most MAX_SOCKETS_PER_SESSION per session across instances: the newest handshake beyond it
   * is refused, so a tab already open keeps working. Handshakes on one instance are counted
   * exactly; two instances admitting at the very same moment may each let one through.
   */
  private async admit(socket: HubSocket): Promise<void> {
    const { headers } = socket.handshake;
    if (!originAllowed(headers.origin, headers.host, this.config)) throw new Error('origin not allowed');
    const session = await this.auth.sessionForToken(readCookie(headers.cookie, SESSION_COOKIE));
    if (!session) throw new Error('unauthorized');
    // R1: nothing live before an initial or reset password is replaced.
    if (session.user.mustChangePassword) throw new Error('password change required');
    const room = sessionRoom(session.id);
    const here = this.server!.sockets.adapter.rooms.get(room)?.size ?? 0;
    if (here >= MAX_SOCKETS_PER_SESSION) throw new Error('too many connections for this session');
    await socket.join(room);
    if (here + 1 + (await this.live.remoteSessionSockets(session.id)) > MAX_SOCKETS_PER_SESSION) {
      await socket.leave(room);
      throw new Error('too many connections for this session');
    }
    socket.data.user = session.user;
    socket.data.sessionId = session.id;
  }

  /** Cuts this instance's sockets whose session ended or expired. */
  private async cutEndedSessions(): Promise<void> {
    const sockets = [...(this.server?.sockets.sockets.values() ?? [])].filter((s) => s.data.sessionId);
    if (sockets.length === 0) return;
    try {
      const live = await this.auth.liveSessions([...new Set(sockets.map((s) => s.data.sessionId))]);
      for (const s of sockets) if (!live.has(s.data.sessionId)) s.disconnect(true);
      this.checkFailing = false;
    } catch (error) {
      if (!this.checkFailing) this.log.warn({ msg: 'session check failed; retrying', error: String(error) });
      this.checkFailing = true;
    }
  }

  /** The socket's session is still live; if not, the socket is cut just after this answer (it replays and joins nothing more). */
  private async stillLive(socket: HubSocket): Promise<boolean> {
    if ((await this.auth.liveSessions([socket.data.sessionId])).size === 1) return true;
    setTimeout(() => socket.disconnect(true), 0);
    return false;
  }

  /**
   * R19: enter a meeting room. Authorised here, per socket (guards do not run on sockets): a liaison
   * only as its own department and only where invited (R2); staff who may read the board watch.
   * The socket joins room `meeting:<id>` only after the service agreed.
   */
  @SubscribeMessage('meeting:join')
  async joinMeeting(@ConnectedSocket() socket: HubSocket, @MessageBody() body: unknown): Promise<JoinMeetingResult> {
    const meetingId = (body as { meetingId?: unknown } | null)?.meetingId;
    if (typeof meetingId !== 'string' || !UUID.test(meetingId)) return { ok: false, error: 'meetingId must be a UUID' };
    if (!(await this.stillLive(socket))) return { ok: false, error: 'session ended' };
    const result = await this.meetings.joinFromSocket(socket.data.user, meetingId);
    if (result.ok) {
      await socket.join(meetingRoom(meetingId));
      void this.live.publishOnline(meetingId);
    } else {
      this.log.warn({ msg: 'refused', event: 'meeting:join', user: socket.data.user.username, meetingId, reason: result.error });
    }
    return result;
  }

  @SubscribeMessage('meeting:leave')
  async leaveMeeting(@ConnectedSocket() socket: HubSocket, @MessageBody() body: unknown): Promise<void> {
    const meetingId = (body as { meetingId?: unknown } | null)?.meetingId;
    if (typeof meetingId !== 'string' || !socket.rooms.has(meetingRoom(meetingId))) return;
    await socket.leave(meetingRoom(meetingId));
    void this.live.publishOnline(meetingId);
  }

  /**
   * R25: replays up to SYNC_BATCH entries after `after`, in order, then acks; the client asks again
   * while `more`. One replay in flight per socket (a second one meanwhile is refused: the client
   * sends the next after the ack), and at most REPLAYS_AT_ONCE reads per instance.
   */
  @SubscribeMessage('sync')
  async sync(@ConnectedSocket() socket: HubSocket, @MessageBody() body: unknown): Promise<SyncResult> {
    const after = (body as { after?: unknown } | null)?.after;
    if (!can(socket.data.user, 'card.read') || typeof after !== 'number' || !Number.isInteger(after) || after < 0) {
      this.log.warn({ msg: 'refused', event: 'sync', user: socket.data.user.username, after });
      return { upTo: 0, more: false };
    }
    if (this.syncing.has(socket.id)) return { upTo: after, more: false, error: 'a replay is already running on this socket' };
    this.syncing.add(socket.id);
    try {
      if (!(await this.stillLive(socket))) return { upTo: after, more: false, error: 'session ended' };
      const entries = await this.replays.run(() => this.card.after(after, SYNC_BATCH));
      for (const entry of entries) socket.emit('card:entry', entry);
      return { upTo: entries.at(-1)?.position ?? after, more: entries.length === SYNC_BATCH };
    } finally {
      this.syncing.delete(socket.id);
    }
  }
}
