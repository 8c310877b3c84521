// The real, built hub for the e2e tests: a fresh database `hub_e2e_<port>` on the test PostgreSQL
// (DATABASE_URL from npm test), demo people and projects, and the test clock switched on.
import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set: run e2e through `npm test`');

const database = `hub_e2e_${Number(process.env.PORT) || 3210}`;
const serverUrl = new URL(process.env.DATABASE_URL);
const admin = new pg.Client({ connectionString: serverUrl.toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${database}`);
await admin.end();
serverUrl.pathname = `/${database}`;

Object.assign(process.env, {
  DATABASE_URL: serverUrl.toString(),
  HOST: '127.0.0.1',
  HUB_TEST_CLOCK: '1',
  HUB_DEMO_DATA: '1',
  HUB_CLIENT_DIR: join(root, 'dist/client/browser'),
  // R28: material files of this run only, never the checkout's ./.data/files.
  HUB_FILES_DIR: mkdtempSync(join(tmpdir(), 'hub-e2e-files-')),
});
createRequire(import.meta.url)(join(root, 'dist/server/main.js'));
