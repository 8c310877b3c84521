import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool } from 'pg';
import type { Server, ServerOptions } from 'socket.io';

/**
 * Socket.IO fanned out between instances through PostgreSQL (LISTEN/NOTIFY), so a client
 * on any instance sees changes made through any other. Randomised client back-off avoids storms.
 */
export class HubIoAdapter extends IoAdapter {
  private readonly pool: Pool;

  constructor(app: INestApplicationContext, databaseUrl: string) {
    super(app);
    this.pool = new Pool({ connectionString: databaseUrl, max: 2 });
    // A cut connection must not crash the process: the adapter's LISTEN client has no error
    // listener of its own (it reconnects on 'end'), so every client of this pool gets one.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, { ...options, serveClient: false }) as Server;
    server.adapter(createAdapter(this.pool, { tableName: 'socket_io_attachments' }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await this.pool.end().catch(() => undefined);
  }
}
