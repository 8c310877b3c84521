import { Injectable, Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { CardEntry, ClientToServerEvents, Role, ServerToClientEvents } from '@hub/shared';

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents>;
export const BOARD_ROOM = 'board';
/** Rooms every socket joins by who it is, so a push reaches only those who may read it (R2). */
export const userRoom = (id: string) => `user:${id}`;
export const roleRoom = (role: Role) => `role:${role}`;
export const departmentRoom = (id: string) => `department:${id}`;

/** Services publish domain events here; only this class touches the socket server. */
@Injectable()
export class LiveEvents {
  private readonly log = new Logger('LiveEvents');
  private server: HubServer | null = null;
  /** Events handed to Socket.IO by this instance (for /metrics). */
  published = 0;

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
    } catch (error) {
      this.log.warn({ msg: 'push failed; clients will replay', position: entry.position, error: String(error) });
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
}
