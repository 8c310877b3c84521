import { Injectable, Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { CardEntry, ClientToServerEvents, ServerToClientEvents } from '@hub/shared';

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents>;
export const BOARD_ROOM = 'board';

/** Services publish domain events here; only this class touches the socket server. */
@Injectable()
export class LiveEvents {
  private readonly log = new Logger('LiveEvents');
  private server: HubServer | null = null;

  attach(server: HubServer): void {
    this.server = server;
  }

  /** After commit; through the adapter it reaches clients of every instance. Missed pushes are replayed by `sync`. */
  publish(entry: CardEntry): void {
    if (!this.server) return;
    try {
      this.server.to(BOARD_ROOM).emit('card:entry', entry);
    } catch (error) {
      this.log.warn({ msg: 'push failed; clients will replay', position: entry.position, error: String(error) });
    }
  }
}
