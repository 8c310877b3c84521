// `npm run bench`: the hub's speed and memory figures, each beside a baseline measured in the
// same run, printed as a table and written to docs/benchmarks.md. Not a test: nothing here fails.
// Loopback only; every loop is bounded in count and time.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io } from 'socket.io-client';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';
import { freshDatabase, hubCluster, login, percentile, post, REGISTRATION, runningItemsDueIn, sessionCookies, sleep, sqlClient, until } from '../faults/fault-kit.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rows = [];
const ms = (v) => `${v.toFixed(1)} ms`;
const report = (benchmark, figure, baseline, goal, met, why) => {
  rows.push({ benchmark, figure, baseline, goal, met: met === undefined ? '—' : met ? 'met' : `not met — ${why ?? 'see the figure beside its goal'}` });
  console.log(`  ${benchmark}: ${figure} (baseline ${baseline}; goal ${goal})`);
};




/** `count` clients over the instances; with `cookies`, each its own session (as browsers; a session holds at most 10 sockets). */
async function connectClients(urls, cookies, count, onEntry) {
  const sockets = [];
  for (let c = 0; c < count; c++) {
    const at = c % urls.length;
    const s = io(urls[at], { transports: ['websocket'], extraHeaders: cookies ? { cookie: cookies[c] } : {}, forceNew: true });
    s.on('card:entry', (e) => onEntry(e, Date.now()));
    sockets.push(s);
  }
  await until(() => sockets.every((s) => s.connected), 60000, `${count} clients connected`);
  return sockets;
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) * 1024;
}

async function bareServer(port) {
  const child = spawn(process.execPath, [join(root, 'server/bench/bare-broadcast.mjs'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => child.stdout.once('data', r));
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill() };
}

/** 1. commit → card:entry received, hub vs bare broadcast of the same payload to the same clients. */
async function liveLatency(databaseUrl) {
  const changes = 50;
  for (const instances of [1, 3]) {
    for (const clientCount of [100, 1000]) {
      const db = await freshDatabase();
      const cluster = await hubCluster(db.url, instances, 4400);
      const urls = cluster.map((i) => i.url);
      const sql = await sqlClient(db.url);
      const cookies = await sessionCookies(sql, 'leader', clientCount);
      await sql.end();
      const window = await login(urls[0], 'window');
      const hubSamples = [];
      let lastEntry = null;
      const sockets = await connectClients(urls, cookies, clientCount, (e, now) => {
        hubSamples.push(now - Date.parse(e.at));
        lastEntry = e;
      });
      for (let n = 0; n < changes; n++) {
        await post(urls[0], '/api/projects', window, REGISTRATION);
        await sleep(20);
      }
      await until(() => hubSamples.length >= changes * clientCount, 30000, 'all entries received');
      for (const s of sockets) s.disconnect();
      await Promise.all(cluster.map((i) => i.stop()));
      await db.drop();

      const bare = await bareServer(4490);
      const bareSamples = [];
      const bareSockets = await connectClients([bare.url], null, clientCount, (e, now) => bareSamples.push(now - Date.parse(e.at)));
      for (let n = 0; n < changes; n++) {
        await fetch(bare.url, { method: 'POST', body: JSON.stringify(lastEntry) });
        await sleep(20);
      }
      await until(() => bareSamples.length >= changes * clientCount, 30000, 'all bare messages received');
      for (const s of bareSockets) s.disconnect();
      bare.stop();

      const p99 = percentile(hubSamples, 99);
      const bareP99 = percentile(bareSamples, 99);
      report(
        `live latency, ${clientCount} clients, ${instances} instance${instances > 1 ? 's' : ''}`,
        `p50 ${ms(percentile(hubSamples, 50))}, p99 ${ms(p99)}`,
        `bare broadcast p50 ${ms(percentile(bareSamples, 50))}, p99 ${ms(bareP99)}`,
        'p99 ≤ 1.5 × bare and < 100 ms',
        p99 <= 1.5 * bareP99 && p99 < 100,
        `p99 is ${(p99 / bareP99).toFixed(2)} × bare (${ms(p99)} vs ${ms(bareP99)})${instances > 1 ? ': every entry crosses the PostgreSQL adapter to the other instances first' : ''}`,
      );
    }
  }
}

/** 2. changes per second through the API (each with its card entry and push) vs single-row inserts. */
async function throughput() {
  const db = await freshDatabase();
  const cluster = await hubCluster(db.url, 1, 4410);
  const window = await login(cluster[0].url, 'window');
  const seconds = 10;
  const workers = 16;
  let changes = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < end) if ((await post(cluster[0].url, '/api/projects', window, REGISTRATION)).status === 201) changes++;
    }),
  );
  const apiRate = changes / seconds;
  await Promise.all(cluster.map((i) => i.stop()));

  const sql = await sqlClient(db.url);
  await sql.query('CREATE TABLE bench_rows (id bigserial PRIMARY KEY, payload jsonb NOT NULL)');
  await sql.end();
  let inserts = 0;
  const pool = new pg.Pool({ connectionString: db.url, max: workers });
  pool.on('error', () => {}); // an idle connection cut from outside is replaced on the next query
  const insertEnd = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < insertEnd) {
        await pool.query('INSERT INTO bench_rows (payload) VALUES ($1)', [REGISTRATION]);
        inserts++;
      }
    }),
  );
  await pool.end();
  await db.drop();
  report('changes through the API (registration + card entry + push), 1 instance', `${apiRate.toFixed(0)} /s`, `single-row inserts ${(inserts / seconds).toFixed(0)} /s`, '≥ 1,000 /s', apiRate >= 1000,
    `${workers} workers: ${((workers * 1000) / apiRate).toFixed(0)} ms per registration; each change's transaction holds the card stream's advisory lock (one global order, R25) until it commits, so changes run one at a time; not changed yet`);
}

/** GETs `path` from `concurrency` clients until `requests` are done: timings and the bytes of the last answer as sent. */
async function concurrentGets(url, cookie, paths, concurrency, requests, encoding) {
  const timings = [];
  let issued = 0;
  let bytes = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < requests) {
        const path = paths[issued++ % paths.length];
        const t = performance.now();
        const res = await rawGet(`${url}${path}`, { cookie, ...(encoding ? { 'accept-encoding': encoding } : {}) });
        if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: the figures would time failures`);
        bytes = res.bytes;
        timings.push(performance.now() - t);
      }
    }),
  );
  return { timings, bytes };
}

/** One GET with the bytes counted as they came over the wire (fetch would decompress them). */
function rawGet(url, headers) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent }, (res) => {
        let bytes = 0;
        res.on('data', (c) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode, bytes }));
      })
      .on('error', reject);
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * 3. The board with 2,000 active projects × 8 departments under 50 concurrent connections: the first
 * screen of the slim, server-filtered board (GET /api/board/rows, br) beside the whole snapshot
 * (GET /api/board, what the board loaded before issue 12) in the same run; then 50 clients each
 * searching something else, so no two requests share an answer.
 */
async function boardSnapshot() {
  const db = await freshDatabase();
  const cluster = await hubCluster(db.url, 1, 4420);
  const sql = await sqlClient(db.url);
  await sql.query(`INSERT INTO departments (code, name, name_en) VALUES ('B1','基准一','Bench 1'),('B2','基准二','Bench 2'),('B3','基准三','Bench 3')`);
  await runningItemsDueIn(sql, Array.from({ length: 2000 * 8 }, (_, i) => (30 + (i % 20)) * 86_400_000 + (i % 997) * 1000), 8);
  const leader = await login(cluster[0].url, 'leader');
  const url = cluster[0].url;
  const whole = await concurrentGets(url, leader, ['/api/board'], 50, 150);
  const firstScreen = await concurrentGets(url, leader, ['/api/board/rows?limit=50'], 50, 500, 'br, gzip');
  const { rows: codes } = await sql.query(`SELECT code FROM projects ORDER BY random() LIMIT 500`);
  const searches = await concurrentGets(url, leader, codes.map((r, n) => `/api/board/rows?limit=50&q=${encodeURIComponent(r.code.slice(2, 8))}&sort=${n % 2 ? 'due' : 'urgency'}`), 50, 500, 'br, gzip');
  const direct = [];
  for (let n = 0; n < 50; n++) {
    const t = performance.now();
    await sql.query('SELECT * FROM projects');
    await sql.query('SELECT * FROM approval_items');
    direct.push(performance.now() - t);
  }
  await sql.end();
  await Promise.all(cluster.map((i) => i.stop()));
  await db.drop();
  const p99 = percentile(firstScreen.timings, 99);
  const kB = (b) => `${(b / 1e3).toFixed(1)} kB`;
  report(
    'board first screen (50 rows + counts, br), 2,000 projects × 8 departments, 50 concurrent',
    `p50 ${ms(percentile(firstScreen.timings, 50))}, p99 ${ms(p99)}, ${kB(firstScreen.bytes)}`,
    `whole snapshot GET /api/board (${(whole.bytes / 1e6).toFixed(1)} MB): p50 ${ms(percentile(whole.timings, 50))}, p99 ${ms(percentile(whole.timings, 99))}; the rows read directly, one client: p50 ${ms(percentile(direct, 50))}`,
    'p99 < 150 ms; first screen < 100 kB compressed',
    p99 < 150 && firstScreen.bytes < 100_000,
    p99 < 150 ? undefined : `p99 ${(percentile(whole.timings, 99) / p99).toFixed(0)} × faster than the whole snapshot, p50 ${ms(percentile(firstScreen.timings, 50))} beside a one-client direct read of ${ms(percentile(direct, 50))} on this run; each request still checks its session and reads the stream head, and a new position or 5 s window rebuilds the answer (one statement over all ${2000 * 8} items)`,
  );
  const searchP99 = percentile(searches.timings, 99);
  report(
    'board search (50 rows + counts, each request a different search), 2,000 projects × 8 departments, 50 concurrent',
    `p50 ${ms(percentile(searches.timings, 50))}, p99 ${ms(searchP99)}, ${kB(searches.bytes)}`,
    `the rows read directly, one client: p50 ${ms(percentile(direct, 50))}`,
    'p99 < 150 ms',
    searchP99 < 150,
    searchP99 < 150 ? undefined : `no two requests share an answer: each is its own statement (counts of every filter over all ${2000 * 8} items, the page for the search), 50 at once on 2 cores shared with PostgreSQL`,
  );
}

/** 4. deadline lateness: 100,000 pending, 1,000 due in the same second; and 1,000 spread over 20 s. */
async function deadlineLateness() {
  const db = await freshDatabase();
  const cluster = await hubCluster(db.url, 1, 4430);
  const sql = await sqlClient(db.url);
  await runningItemsDueIn(sql, Array.from({ length: 100_000 }, () => 30 * 86_400_000));
  const measure = async (offsets) => {
    const ids = await runningItemsDueIn(sql, offsets);
    await until(async () => Number((await sql.query('SELECT count(*) AS n FROM deemed_consents WHERE item_id = ANY($1)', [ids])).rows[0].n) === ids.length, 120000, 'firing');
    const { rows: r } = await sql.query(`SELECT EXTRACT(EPOCH FROM fired_at - due_at) * 1000 AS l FROM deemed_consents WHERE item_id = ANY($1)`, [ids]);
    return r.map((x) => Number(x.l));
  };
  const bunched = await measure(Array.from({ length: 1000 }, () => 5000));
  const spread = await measure(Array.from({ length: 1000 }, (_, i) => 5000 + i * 20));
  await sql.end();
  await Promise.all(cluster.map((i) => i.stop()));
  await db.drop();

  const timerLate = [];
  await Promise.all(Array.from({ length: 1000 }, (_, i) => new Promise((r) => { const due = Date.now() + 100 + i; setTimeout(() => { timerLate.push(Date.now() - due); r(); }, 100 + i); })));
  report('deadline lateness, 100,000 pending, 1,000 due in the same second', `p50 ${ms(percentile(bunched, 50))}, p99 ${ms(percentile(bunched, 99))}, max ${ms(Math.max(...bunched))}`, `Node timers p99 ${ms(percentile(timerLate, 99))}`, 'all within 2 s', Math.max(...bunched) <= 2000,
    `${(Math.max(...bunched) / 1000).toFixed(1)} s for 1,000: each firing writes its deemed consent, notice and card entry under the card stream's lock; not changed yet`);
  report('deadline lateness, 100,000 pending, 1,000 due over 20 s', `p50 ${ms(percentile(spread, 50))}, p99 ${ms(percentile(spread, 99))}, max ${ms(Math.max(...spread))}`, `Node timers p99 ${ms(percentile(timerLate, 99))}`, 'p99 ≤ 250 ms', percentile(spread, 99) <= 250,
    `p99 ${ms(percentile(spread, 99))} at 50 due a second; not changed yet`);
}

/** 5. server RSS at 1,000 connected clients vs a bare Socket.IO server with the same clients. */
async function memory() {
  const db = await freshDatabase();
  const cluster = await hubCluster(db.url, 1, 4440);
  const sql = await sqlClient(db.url);
  const cookies = await sessionCookies(sql, 'leader', 1000);
  await sql.end();
  const sockets = await connectClients([cluster[0].url], cookies, 1000, () => {});
  await sleep(2000);
  const hubRss = rssOf(cluster[0].child.pid);
  for (const s of sockets) s.disconnect();
  await Promise.all(cluster.map((i) => i.stop()));
  await db.drop();
  const bare = await bareServer(4491);
  const bareSockets = await connectClients([bare.url], null, 1000, () => {});
  await sleep(2000);
  const bareRss = rssOf(bare.pid);
  for (const s of bareSockets) s.disconnect();
  bare.stop();
  report('server memory (RSS), 1,000 connected clients', `${(hubRss / 2 ** 20).toFixed(0)} MB`, `bare Socket.IO server ${(bareRss / 2 ** 20).toFixed(0)} MB`, '< 400 MB', hubRss < 400 * 2 ** 20, 'over the limit');
}

let embedded = null;
let dir = null;
if (!process.env.DATABASE_URL) {
  dir = mkdtempSync(join(tmpdir(), 'hub-bench-pg-'));
  embedded = await startEmbeddedPostgres({ dir, database: 'hub_bench' });
  process.env.DATABASE_URL = embedded.url;
}
const started = new Date();
console.log('Green Channel Hub benchmarks (figures beside their baselines)');
const only = process.argv.slice(2);
for (const bench of [liveLatency, throughput, boardSnapshot, deadlineLateness, memory].filter((b) => only.length === 0 || only.includes(b.name))) {
  console.log(`\n${bench.name} …`);
  await bench();
}
/** Rows of issue 12's table that no scenario here measures yet: printed, so none is silently missing. */
function notMeasured() {
  const why = 'not measured: no scenario in this bench yet (issue 12 went to the board first)';
  report('meeting with 1,000 opinion versions: GET meeting / one push', '—', '—', '< 64 kB; opinion p99 < 100 ms', false, why);
  report("20 parallel PDF downloads: another user's GET /api/auth/me", '—', '—', 'p99 < 100 ms', false, why);
  report('first load of the board: JavaScript transferred', '—', '—', '≤ 160 kB compressed (br/gzip)', false, why);
}
if (only.length === 0) notMeasured();
await embedded?.stop();
if (dir) rmSync(dir, { recursive: true, force: true });

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const table = [
  '| benchmark | figure | baseline (same run) | goal | met |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.benchmark} | ${r.figure} | ${r.baseline} | ${r.goal} | ${r.met} |`),
].join('\n');
console.log(`\n${table}\n`);
writeFileSync(
  join(root, 'docs/benchmarks.md'),
  `# Benchmarks\n\nWritten by \`npm run bench\` on ${started.toISOString()}.\n\nMachine: ${machine}. PostgreSQL: ${process.env.DATABASE_URL.replace(/\/\/[^@]*@/, '//')}.\n\n${table}\n`,
);
