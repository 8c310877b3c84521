// `npm test`: every test of the hub — shared domain, server integration (real PostgreSQL,
// real Socket.IO), fault tests on built instances, and e2e (real Chromium against the real server). Without DATABASE_URL
// it runs an embedded PostgreSQL in a temporary directory for the duration.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: process.env.CI ? '0' : '1' };

// Failed tests, repeated at the end of the run (failed-tests-reporter.cjs).
const failures = join(tmpdir(), `hub-test-failures-${process.pid}.txt`);
env.HUB_TEST_FAILURES = failures;

let database = null;
let dir = null;
if (!env.DATABASE_URL) {
  dir = mkdtempSync(join(tmpdir(), 'hub-test-pg-'));
  console.log(`No DATABASE_URL: embedded PostgreSQL for the tests in ${dir}`);
  database = await startEmbeddedPostgres({ dir, database: 'hub_tests' });
  env.DATABASE_URL = database.url;
}

// Listed here rather than globbed: Node 20's test runner takes files, Node 22+ takes globs.
const faultTests = readdirSync(join(root, 'server/faults'))
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => `server/faults/${f}`);

const steps = [
  [
    'unit and integration tests (shared, client, server)',
    'npx',
    ['nx', 'run-many', '-t', 'test', '--projects=shared,client,server', '--parallel=1', '--outputStyle=stream'],
  ],
  ['formatting (prettier --check)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
  ['lint (module boundaries, strictness)', 'npx', ['nx', 'run-many', '-t', 'lint', '--parallel=2', '--outputStyle=stream']],
  [
    'build (server and client)',
    'npx',
    ['nx', 'run-many', '-t', 'build', '--projects=server,client', '--parallel=1', '--outputStyle=stream'],
  ],
  ['fault tests (built instances killed, frozen, cut off)', process.execPath, ['--test', '--test-concurrency=1', ...faultTests]],
  ['e2e in Chromium', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']],
];

let failed = null;
for (const [title, cmd, args] of steps) {
  console.log(`\n=== ${title} ===`);
  const run = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (run.status !== 0) {
    failed = title;
    break;
  }
}

await database?.stop();
if (dir) rmSync(dir, { recursive: true, force: true });
const failedTests = existsSync(failures) ? readFileSync(failures, 'utf8') : '';
rmSync(failures, { force: true });
if (failed) {
  if (failedTests) console.error(`\nFailed tests:\n${failedTests}`);
  console.error(`\nFAILED: ${failed}`);
  process.exit(1);
}
console.log('\nAll tests passed.');
