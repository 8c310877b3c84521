import { Inject, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { can, type ClientToServerEvents, type JoinMeetingResult, type ServerToClientEvents, type SessionUser, type SyncResult } from '@hub/shared';
import { AuthService } from '../auth/auth.service';
import { originAllowed } from '../auth/csrf.middleware';
import { readCookie, SESSION_COOKIE } from '../auth/session-cookie';
import { CardService } from '../card/card.service';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { MeetingsService } from '../meetings/meetings.service';
import { BOARD_ROOM, departmentRoom, LiveEvents, meetingRoom, roleRoom, userRoom, type HubServer } from './live-events';

type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { user: SessionUser }>;
const SYNC_BATCH = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Socket.IO on the default path. Guards do not run at connection, so authority is checked here (R2). */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit {
  private readonly log = new Logger('Realtime');

  constructor(
    private readonly auth: AuthService,
    private readonly card: CardService,
    private readonly live: LiveEvents,
    private readonly meetings: MeetingsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  afterInit(server: HubServer): void {
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
      const user = socket.data.user;
      if (can(user, 'board.read')) void socket.join(BOARD_ROOM);
      // Personal pushes (e.g. inquiry:changed to its first responder, transferee and leaders).
      void socket.join([userRoom(user.id), roleRoom(user.role), ...(user.departmentId ? [departmentRoom(user.departmentId)] : [])]);
    });
  }

  private async admit(socket: HubSocket): Promise<void> {
    const { headers } = socket.handshake;
    if (!originAllowed(headers.origin, headers.host, this.config)) throw new Error('origin not allowed');
    const user = await this.auth.userForToken(readCookie(headers.cookie, SESSION_COOKIE));
    if (!user) throw new Error('unauthorized');
    // R1: nothing live before an initial or reset password is replaced.
    if (user.mustChangePassword) throw new Error('password change required');
    socket.data.user = user;
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

  /** R25: replays every entry after `after`, in order, then acks; the client asks again while `more`. */
  @SubscribeMessage('sync')
  async sync(@ConnectedSocket() socket: HubSocket, @MessageBody() body: unknown): Promise<SyncResult> {
    const after = (body as { after?: unknown } | null)?.after;
    if (!can(socket.data.user, 'card.read') || typeof after !== 'number' || !Number.isInteger(after) || after < 0) {
      this.log.warn({ msg: 'refused', event: 'sync', user: socket.data.user.username, after });
      return { upTo: 0, more: false };
    }
    const entries = await this.card.after(after, SYNC_BATCH);
    for (const entry of entries) socket.emit('card:entry', entry);
    return { upTo: entries.at(-1)?.position ?? after, more: entries.length === SYNC_BATCH };
  }
}
