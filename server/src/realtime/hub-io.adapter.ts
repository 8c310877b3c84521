import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter as postgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as redisAdapter } from '@socket.io/redis-adapter';
import { Pool } from 'pg';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

/** How events reach the other instances' clients, and how to let go of it. */
interface FanOut {
  adapter: ReturnType<typeof postgresAdapter> | ReturnType<typeof redisAdapter>;
  close(): Promise<void>;
}

const log = new Logger('FanOut');

/** PostgreSQL LISTEN/NOTIFY on the hub's own database: nothing else to run. */
function postgresFanOut(databaseUrl: string): FanOut {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  // A cut connection must not crash the process: the adapter's LISTEN client has no error
  // listener of its own (it reconnects on 'end'), so every client of this pool gets one.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return { adapter: postgresAdapter(pool, { tableName: 'socket_io_attachments' }), close: () => pool.end().catch(() => undefined) };
}

/** Redis pub/sub, where one is configured (REDIS_URL). */
async function redisFanOut(redisUrl: string): Promise<FanOut> {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (error: Error) => log.warn(`redis: ${error.message}`));
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    adapter: redisAdapter(pub, sub),
    close: async () => {
      await Promise.all([pub.close(), sub.close()]).catch(() => undefined);
    },
  };
}

/**
 * Socket.IO fanned out between instances, so a client on any instance sees changes made
 * through any other: through PostgreSQL, or Redis when REDIS_URL is set.
 */
export class HubIoAdapter extends IoAdapter {
  private constructor(
    app: INestApplicationContext,
    private readonly fanOut: FanOut,
  ) {
    super(app);
  }

  static async create(app: INestApplicationContext, config: { databaseUrl: string; redisUrl: string | null }): Promise<HubIoAdapter> {
    return new HubIoAdapter(app, config.redisUrl ? await redisFanOut(config.redisUrl) : postgresFanOut(config.databaseUrl));
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, { ...options, serveClient: false }) as Server;
    server.adapter(this.fanOut.adapter);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await this.fanOut.close();
  }
}
