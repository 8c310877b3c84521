// `npm start`: the hub on http://localhost:3000 with the built client. Without DATABASE_URL it runs an
// embedded PostgreSQL under ./.data/ (kept between starts) and loads demo data on first start.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

let database = null;
if (!process.env.DATABASE_URL) {
  console.log('No DATABASE_URL: starting the embedded PostgreSQL in .data/postgres …');
  database = await startEmbeddedPostgres({
    dir: join(root, '.data/postgres'),
    database: 'hub',
    port: Number(process.env.HUB_EMBEDDED_PG_PORT) || 54329,
  });
  process.env.DATABASE_URL = database.url;
  process.env.HUB_DEMO_DATA ??= '1';
  process.env.HUB_CHECKPOINT_KEY ||= checkpointKey(join(root, '.data/checkpoint-key'));
}

/**
 * R5: the key signing card checkpoints must outlive the process and stay out of the database: made
 * once next to the embedded database, readable by its owner only, and reused on every start.
 * With DATABASE_URL the operator provides HUB_CHECKPOINT_KEY.
 */
function checkpointKey(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  console.log(`Checkpoint signing key created in ${file} (keep a copy: checkpoints verify only with it)`);
  return pem;
}
process.env.HUB_CLIENT_DIR ??= join(root, 'dist/client/browser');
process.env.HUB_LAUNCHER = '1';

let hub = null;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the hub …');
  await hub?.close().catch((e) => console.error(e));
  await database?.stop().catch((e) => console.error(e));
  process.exit(code);
}
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

try {
  const { startHub } = require(join(root, 'dist/server/main.js'));
  hub = await startHub();
} catch (error) {
  console.error('The hub could not start:', error instanceof Error ? error.message : error);
  await stop(1);
}
