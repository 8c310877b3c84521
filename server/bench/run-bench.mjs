// `npm run bench`: the hub's speed and memory figures, each beside a baseline measured in the
// same run, printed as a table and written to docs/benchmarks.md. Not a test: nothing here fails.
// Loopback only; every loop is bounded in count and time.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io } from 'socket.io-client';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';
import {
  freshDatabase,
  hubCluster,
  login,
  percentile,
  post,
  REGISTRATION,
  runningItemsDueIn,
  sessionCookies,
  sleep,
  sqlClient,
  until,
} from '../faults/fault-kit.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rows = [];
const ms = (v) => `${v.toFixed(1)} ms`;
const kB = (b) => `${(b / 1e3).toFixed(1)} kB`;
const report = (benchmark, figure, baseline, goal, met, why) => {
  rows.push({
    benchmark,
    figure,
    baseline,
    goal,
    met: met === undefined ? '—' : met ? 'met' : `not met — ${why ?? 'see the figure beside its goal'}`,
  });
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
  const child = spawn(process.execPath, [join(root, 'server/bench/bare-broadcast.mjs'), String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((r) => child.stdout.once('data', r));
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill() };
}

/**
 * The first pushes to freshly connected clients run cold (the push path not yet compiled: one
 * change in 50 at 200-300 ms made the p99 alone, in the hub and the bare server alike); both are
 * measured warm, after `WARM_UP` changes every client has received.
 */
const WARM_UP = 5;
async function warmUp(change, samples, clientCount) {
  for (let n = 0; n < WARM_UP; n++) await change();
  await until(() => samples.length >= WARM_UP * clientCount, 30000, 'the warm-up changes received');
  samples.length = 0;
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
      const hubChange = () => post(urls[0], '/api/projects', window, REGISTRATION);
      await warmUp(hubChange, hubSamples, clientCount);
      for (let n = 0; n < changes; n++) {
        await hubChange();
        await sleep(20);
      }
      await until(() => hubSamples.length >= changes * clientCount, 30000, 'all entries received');
      // The part spent inside the hub before the push: the rest of each change's transaction and its commit.
      const inHub =
        Number(/^hub_push_delay_seconds\{quantile="0.99"\} (\S+)$/m.exec(await (await fetch(`${urls[0]}/metrics`)).text())?.[1]) * 1000;
      for (const s of sockets) s.disconnect();
      await Promise.all(cluster.map((i) => i.stop()));
      await db.drop();

      const bare = await bareServer(4490);
      const bareSamples = [];
      const bareSockets = await connectClients([bare.url], null, clientCount, (e, now) => bareSamples.push(now - Date.parse(e.at)));
      const bareChange = () => fetch(bare.url, { method: 'POST', body: JSON.stringify(lastEntry) });
      await warmUp(bareChange, bareSamples, clientCount);
      for (let n = 0; n < changes; n++) {
        await bareChange();
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
        `p99 is ${(p99 / bareP99).toFixed(2)} × bare (${ms(p99)} vs ${ms(bareP99)}); the entry's instant is stamped inside its transaction, and the hub's own /metrics put the p99 from that instant to the push at ${ms(inHub)} (the rest of the transaction and its durable commit), which the bare server does not have${instances > 1 ? '; every entry then crosses the PostgreSQL adapter to the other instances' : ''}`,
      );
    }
  }
}

/**
 * 2. changes per second through the API (each with its card entry and push), from 16 and from 128
 * clients at once, vs single-row inserts and vs the hub answering an authenticated request that
 * writes nothing (its own ceiling on this machine).
 */
async function throughput() {
  const db = await freshDatabase();
  const cluster = await hubCluster(db.url, 1, 4410);
  const url = cluster[0].url;
  const window = await login(url, 'window');
  const seconds = 10;
  /** Calls per second from `clients` loops calling `call` (true: it counted) for `seconds`. */
  const rate = async (clients, call) => {
    let done = 0;
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < end) if (await call()) done++;
      }),
    );
    return done / seconds;
  };
  const register = async () => {
    const res = await post(url, '/api/projects', window, REGISTRATION);
    await res.arrayBuffer();
    return res.status === 201;
  };
  const me = async () => {
    const res = await fetch(`${url}/api/auth/me`, { headers: { cookie: window, 'x-requested-with': 'XMLHttpRequest' } });
    await res.arrayBuffer();
    return res.status === 200;
  };
  const from16 = await rate(16, register);
  const from128 = await rate(128, register);
  const noop = await rate(16, me);
  await Promise.all(cluster.map((i) => i.stop()));

  const sql = await sqlClient(db.url);
  // Registrations that shared a transaction share its instant.
  const { rows: shared } = await sql.query('SELECT count(*)::float / count(DISTINCT registered_at) AS per FROM projects WHERE name = $1', [
    REGISTRATION.name,
  ]);
  await sql.query('CREATE TABLE bench_rows (id bigserial PRIMARY KEY, payload jsonb NOT NULL)');
  await sql.end();
  const workers = 16;
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
  report(
    'changes through the API (registration + card entry + push), 1 instance',
    `${from128.toFixed(0)} /s from 128 clients at once; ${from16.toFixed(0)} /s from 16`,
    `single-row inserts ${(inserts / seconds).toFixed(0)} /s (16 clients); the hub answering GET /api/auth/me, which writes nothing, ${noop.toFixed(0)} /s (16 clients)`,
    '≥ 1,000 /s',
    from128 >= 1000,
    `registrations arriving together share one transaction, one hold of the gapless counter and one card append (group commit: ${Number(shared[0].per).toFixed(1)} per commit on average), so the lock no longer sets the pace; the hub's one Node thread does: it answers an authenticated request that writes nothing at ${noop.toFixed(0)} /s on this machine, where it shares 2 cores with PostgreSQL and the bench's own clients, and a registration is ${(noop / from128).toFixed(1)} × that work (validation, a session read, the batch's statements, its push through the PostgreSQL adapter)`,
  );
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
  await sql.query(
    `INSERT INTO departments (code, name, name_en) VALUES ('B1','基准一','Bench 1'),('B2','基准二','Bench 2'),('B3','基准三','Bench 3')`,
  );
  await runningItemsDueIn(
    sql,
    Array.from({ length: 2000 * 8 }, (_, i) => (30 + (i % 20)) * 86_400_000 + (i % 997) * 1000),
    8,
  );
  const leader = await login(cluster[0].url, 'leader');
  const url = cluster[0].url;
  const whole = await concurrentGets(url, leader, ['/api/board'], 50, 150);
  const FIRST = '/api/board/rows?limit=50';
  // A hub serving a board is warm: the first screen's first answers (its build, the JIT) and the page
  // rows it reads in the background after its first full read come before the timing.
  await concurrentGets(url, leader, [FIRST], 50, 500, 'br, gzip');
  await until(
    async () => Number(/^hub_board_rows_kept (\d+)$/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1]) >= 2000,
    60000,
    'the board rows warmed',
  );
  const firstScreen = await concurrentGets(url, leader, [FIRST], 50, 1000, 'br, gzip');
  // The same while the window registers a project every 500 ms: each change moves the stream, so the next request rebuilds the answer.
  const window = await login(url, 'window');
  let changing = true;
  const changes = (async () => {
    while (changing) {
      await post(url, '/api/projects', window, REGISTRATION);
      await sleep(500);
    }
  })();
  const withChanges = await concurrentGets(url, leader, [FIRST], 50, 2000, 'br, gzip');
  changing = false;
  await changes;
  const alone = [];
  for (let n = 0; n < 10; n++) {
    await post(url, '/api/projects', window, REGISTRATION);
    const t = performance.now();
    await rawGet(`${url}${FIRST}`, { cookie: leader, 'accept-encoding': 'br, gzip' });
    alone.push(performance.now() - t);
  }
  const { rows: codes } = await sql.query(`SELECT code FROM projects ORDER BY random() LIMIT 500`);
  const searches = await concurrentGets(
    url,
    leader,
    codes.map((r, n) => `/api/board/rows?limit=50&q=${encodeURIComponent(r.code.slice(2, 8))}&sort=${n % 2 ? 'due' : 'urgency'}`),
    50,
    500,
    'br, gzip',
  );
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
  report(
    'board first screen (50 rows + counts, br), 2,000 projects × 8 departments, 50 concurrent',
    `p50 ${ms(percentile(firstScreen.timings, 50))}, p99 ${ms(p99)}, ${kB(firstScreen.bytes)} (warm hub, the stream standing still)`,
    `whole snapshot GET /api/board (${(whole.bytes / 1e6).toFixed(1)} MB): p50 ${ms(percentile(whole.timings, 50))}, p99 ${ms(percentile(whole.timings, 99))}; the rows read directly, one client: p50 ${ms(percentile(direct, 50))}`,
    'p99 < 150 ms; first screen < 100 kB compressed',
    p99 < 150 && firstScreen.bytes < 100_000,
    `p99 ${ms(p99)}, p50 ${ms(percentile(firstScreen.timings, 50))}: fifty clients asking back to back queue behind each other on 2 cores shared with PostgreSQL and this bench; each request checks its session and reads the stream head (two statements)`,
  );
  const changingP99 = percentile(withChanges.timings, 99);
  report(
    'board first screen while the window registers a project every 500 ms, 50 concurrent',
    `p50 ${ms(percentile(withChanges.timings, 50))}, p99 ${ms(changingP99)}, max ${ms(Math.max(...withChanges.timings))}`,
    `the answer rebuilt after a change, one client alone: p50 ${ms(percentile(alone, 50))}`,
    'p99 < 150 ms',
    changingP99 < 150,
    `every change moves the stream, and the requests after it wait for one build (${ms(percentile(alone, 50))} alone: the board index reads the changed project again, then the page's rows are read), longer beside fifty clients on 2 cores shared with PostgreSQL`,
  );
  const searchP99 = percentile(searches.timings, 99);
  report(
    'board search (50 rows + counts, each request a different search), 2,000 projects × 8 departments, 50 concurrent',
    `p50 ${ms(percentile(searches.timings, 50))}, p99 ${ms(searchP99)}, ${kB(searches.bytes)}`,
    `the rows read directly, one client: p50 ${ms(percentile(direct, 50))}`,
    'p99 < 150 ms',
    searchP99 < 150,
    searchP99 < 150
      ? undefined
      : `no two requests share an answer; each chooses its page in memory (under 1 ms) from rows warmed after the index's full read, so what is left is the session check, the shared stream-head read and the HTTP exchange of fifty clients on 2 cores shared with PostgreSQL and this bench`,
  );
}

/** 4. deadline lateness: 100,000 pending, 1,000 due in the same second; and 1,000 spread over 20 s. */
async function deadlineLateness() {
  const db = await freshDatabase();
  const cluster = await hubCluster(db.url, 1, 4430);
  const sql = await sqlClient(db.url);
  await runningItemsDueIn(
    sql,
    Array.from({ length: 100_000 }, () => 30 * 86_400_000),
  );
  // A hub that grew to 100,000 pending items has its planner statistics (autovacuum analyzes within a
  // minute of a bulk change); without this the first minute of the row measured a stale-statistics plan.
  await sql.query('ANALYZE');
  const measure = async (offsets) => {
    // Items a few seconds from due were warned a working day before (R14a): made already warned, in one
    // transaction with them, so the bench measures firing and not 1,000 first warnings raised beside it.
    await sql.query('BEGIN');
    const ids = await runningItemsDueIn(sql, offsets);
    await sql.query(
      `INSERT INTO item_warnings (item_id, deadline_version, due_at, warned_at, working_days_left)
       SELECT id, deadline_version, due_at, hub_now() - interval '1 day', 1 FROM approval_items WHERE id = ANY($1)`,
      [ids],
    );
    await sql.query('COMMIT');
    await until(
      async () =>
        Number((await sql.query('SELECT count(*) AS n FROM deemed_consents WHERE item_id = ANY($1)', [ids])).rows[0].n) === ids.length,
      120000,
      'firing',
    );
    const { rows: r } = await sql.query(
      `SELECT EXTRACT(EPOCH FROM fired_at - due_at) * 1000 AS l FROM deemed_consents WHERE item_id = ANY($1)`,
      [ids],
    );
    return r.map((x) => Number(x.l));
  };
  const bunched = await measure(Array.from({ length: 1000 }, () => 5000));
  const spread = await measure(Array.from({ length: 1000 }, (_, i) => 5000 + i * 20));
  await sql.end();
  await Promise.all(cluster.map((i) => i.stop()));
  await db.drop();

  const timerLate = [];
  await Promise.all(
    Array.from(
      { length: 1000 },
      (_, i) =>
        new Promise((r) => {
          const due = Date.now() + 100 + i;
          setTimeout(() => {
            timerLate.push(Date.now() - due);
            r();
          }, 100 + i);
        }),
    ),
  );
  report(
    'deadline lateness, 100,000 pending, 1,000 due in the same second',
    `p50 ${ms(percentile(bunched, 50))}, p99 ${ms(percentile(bunched, 99))}, max ${ms(Math.max(...bunched))}`,
    `Node timers p99 ${ms(percentile(timerLate, 99))}`,
    'all within 2 s',
    Math.max(...bunched) <= 2000,
    `${(Math.max(...bunched) / 1000).toFixed(1)} s for 1,000 (${(Math.max(...bunched) / 1000).toFixed(1)} ms a firing): a claim of 25 writes its deemed consents, notices, item updates and alerts in a dozen set-based statements, but each card entry is still appended alone under the card stream's one lock, and the R17 numbering row stays locked to commit, so claims run one after another`,
  );
  report(
    'deadline lateness, 100,000 pending, 1,000 due over 20 s',
    `p50 ${ms(percentile(spread, 50))}, p99 ${ms(percentile(spread, 99))}, max ${ms(Math.max(...spread))}`,
    `Node timers p99 ${ms(percentile(timerLate, 99))}`,
    'p99 ≤ 250 ms',
    percentile(spread, 99) <= 250,
    `p99 ${ms(percentile(spread, 99))} at 50 due a second: each claim (deemed consent, notice, card entry, alerts, outbox) takes its turn at the card stream's lock and the R17 numbering row`,
  );
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
  report(
    'server memory (RSS), 1,000 connected clients',
    `${(hubRss / 2 ** 20).toFixed(0)} MB`,
    `bare Socket.IO server ${(bareRss / 2 ** 20).toFixed(0)} MB`,
    '< 400 MB',
    hubRss < 400 * 2 ** 20,
    'over the limit',
  );
}

/**
 * 6. A meeting where the departments changed their opinions 1,000 times in all (R18): every opinion
 * through the API, five departments side by side; the size of GET meeting and of each room push
 * beside the same view after the first round, and the time per opinion beside the first round's.
 */
async function meetingOpinions() {
  const db = await freshDatabase();
  const cluster = await hubCluster(db.url, 1, 4450);
  const url = cluster[0].url;
  const sql = await sqlClient(db.url);
  const [project] = await runningItemsDueIn(
    sql,
    Array.from({ length: 5 }, () => 30 * 86_400_000),
    5,
  );
  const {
    rows: [meeting],
  } = await sql.query(
    `WITH p AS (SELECT project_id FROM approval_items WHERE id = $1), w AS (SELECT id FROM users WHERE username = 'window'),
          m AS (INSERT INTO meetings (project_id, kind, title, starts_at, ends_at, online, status, convened_by, convened_at, opened_at)
                SELECT p.project_id, 'joint_review', '基准会议', hub_now() - interval '10 minutes', hub_now() + interval '1 day', true, 'open', w.id, hub_now(), hub_now() FROM p, w RETURNING id, project_id)
     INSERT INTO meeting_invitees (meeting_id, department_id, invited_at, notice_given)
     SELECT m.id, i.department_id, hub_now(), true FROM m JOIN approval_items i ON i.project_id = m.project_id RETURNING meeting_id AS id`,
    [project],
  );
  const { rows: liaisons } = await sql.query(
    `SELECT u.username FROM users u JOIN meeting_invitees mi ON mi.department_id = u.department_id AND mi.meeting_id = $1 WHERE u.role = 'liaison' AND u.active ORDER BY u.username`,
    [meeting.id],
  );
  await sql.end();
  const leader = await login(url, 'leader');
  const watcher = io(url, { transports: ['websocket'], extraHeaders: { cookie: leader }, forceNew: true });
  const pushes = [];
  watcher.on('meeting:room', (view) => pushes.push(Buffer.byteLength(JSON.stringify(view))));
  await until(() => watcher.connected, 10000, 'the watcher connected');
  const joined = await watcher.timeout(10000).emitWithAck('meeting:join', { meetingId: meeting.id });
  if (!joined.ok) throw new Error(`the leader could not watch the meeting: ${joined.error}`);
  const cookies = await Promise.all(liaisons.map((l) => login(url, l.username)));
  const timings = [];
  const total = 1000;
  const rounds = Math.ceil(total / cookies.length);
  let firstRoundView = 0;
  const KINDS = [
    { kind: 'agree' },
    { kind: 'disagree', basis: '基准依据：用地指标待确认' },
    { kind: 'agree_with_conditions', conditions: '基准条件：补充环评意见' },
  ];
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      cookies.map(async (cookie, d) => {
        const t = performance.now();
        const res = await post(url, `/api/meetings/${meeting.id}/opinions`, cookie, KINDS[(round + d) % KINDS.length]);
        if (res.status !== 200) throw new Error(`opinion answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
        timings.push(performance.now() - t);
      }),
    );
    if (round === 0) firstRoundView = (await rawGet(`${url}/api/meetings/${meeting.id}`, { cookie: leader })).bytes;
  }
  const view = await rawGet(`${url}/api/meetings/${meeting.id}`, { cookie: leader });
  await until(() => pushes.length >= total, 30000, 'every opinion pushed');
  watcher.disconnect();
  await Promise.all(cluster.map((i) => i.stop()));
  await db.drop();
  const first = timings.slice(0, 20);
  const p99 = percentile(timings, 99);
  const biggestPush = Math.max(...pushes);
  report(
    'meeting with 1,000 opinion versions: GET meeting / one push',
    `GET ${kB(view.bytes)}, largest push ${kB(biggestPush)} (${pushes.length} pushes); opinion p50 ${ms(percentile(timings, 50))}, p99 ${ms(p99)} (${cookies.length} departments at once)`,
    `the same meeting after one opinion each: GET ${kB(firstRoundView)}; the first 20 opinions p50 ${ms(percentile(first, 50))}`,
    '< 64 kB; opinion p99 < 100 ms',
    view.bytes < 64_000 && biggestPush < 64_000 && p99 < 100,
    view.bytes >= 64_000 || biggestPush >= 64_000
      ? `the view carries ${kB(Math.max(view.bytes, biggestPush))}`
      : `opinion p99 ${ms(p99)}: each opinion is one transaction that appends its card entry under the card stream's lock and reads the room back for its push`,
  );
}

/**
 * 7. 20 PDF downloads at once (20 different documents, none rendered before) while another user
 * asks GET /api/auth/me every 20 ms: its latency beside the same calls with nothing else running.
 */
async function pdfDownloads() {
  const db = await freshDatabase();
  const cluster = await hubCluster(db.url, 1, 4460);
  const url = cluster[0].url;
  const sql = await sqlClient(db.url);
  const ids = await runningItemsDueIn(
    sql,
    Array.from({ length: 40 }, () => 300),
    5,
  );
  await until(
    async () =>
      Number((await sql.query('SELECT count(*) AS n FROM deemed_consents WHERE item_id = ANY($1)', [ids])).rows[0].n) === ids.length,
    60000,
    'deemed consents with their notices',
  );
  const { rows: notices } = await sql.query(
    `SELECT n.id FROM notices n JOIN deemed_consents dc ON dc.notice_id = n.id WHERE dc.item_id = ANY($1) ORDER BY n.number`,
    [ids],
  );
  await sql.end();
  const leader = await login(url, 'leader');
  const window = await login(url, 'window');
  const meLoop = async (running) => {
    const samples = [];
    while (running()) {
      const t = performance.now();
      const res = await rawGet(`${url}/api/auth/me`, { cookie: window });
      if (res.status !== 200) throw new Error(`GET /api/auth/me answered ${res.status}`);
      samples.push(performance.now() - t);
      await sleep(20);
    }
    return samples;
  };
  const quietEnd = Date.now() + 3000;
  const quiet = await meLoop(() => Date.now() < quietEnd);
  const downloads = [];
  const me = [];
  for (const lang of ['zh', 'en']) {
    let done = false;
    const busy = meLoop(() => !done);
    await Promise.all(
      notices.slice(0, 20).map(async (n) => {
        const t = performance.now();
        const res = await rawGet(`${url}/api/notices/${n.id}/pdf?lang=${lang}`, { cookie: leader });
        if (res.status !== 200) throw new Error(`PDF answered ${res.status}`);
        downloads.push(performance.now() - t);
      }),
    );
    done = true;
    me.push(...(await busy));
  }
  await Promise.all(cluster.map((i) => i.stop()));
  await db.drop();
  const p99 = percentile(me, 99);
  report(
    "20 parallel PDF downloads: another user's GET /api/auth/me",
    `p50 ${ms(percentile(me, 50))}, p99 ${ms(p99)} (${me.length} calls during 2 × 20 first renders; a download p50 ${ms(percentile(downloads, 50))}, max ${ms(Math.max(...downloads))})`,
    `the same calls with nothing else running: p50 ${ms(percentile(quiet, 50))}, p99 ${ms(percentile(quiet, 99))}`,
    'p99 < 100 ms',
    p99 < 100,
    `p99 ${ms(p99)}, ${(p99 / percentile(quiet, 99)).toFixed(1)} × the quiet p99: the renders share the cores with the hub's own thread`,
  );
}

/**
 * 8. The JavaScript a browser downloads to show the board after login, as transferred (br/gzip),
 * read from Chromium's resource timing; beside the same files uncompressed.
 */
async function firstLoadJs() {
  const clientDir = join(root, 'dist/client/browser');
  if (!existsSync(join(clientDir, 'index.html'))) throw new Error('dist/client is missing: npx nx build client first');
  const { chromium } = await import('playwright-core');
  const db = await freshDatabase();
  const cluster = await hubCluster(db.url, 1, 4470, { HUB_CLIENT_DIR: clientDir });
  const url = cluster[0].url;
  const cookie = await login(url, 'leader');
  const browser = await chromium.launch({ executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined });
  const context = await browser.newContext();
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  const page = await context.newPage();
  await page.goto(`${url}/board`, { waitUntil: 'networkidle' });
  await page.locator('table, [role="grid"], [role="table"]').first().waitFor({ timeout: 30000 });
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => /\.m?js(\?|$)/.test(e.name))
      .map((e) => ({ name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
  );
  await browser.close();
  await Promise.all(cluster.map((i) => i.stop()));
  await db.drop();
  const transferred = scripts.reduce((a, s) => a + s.encoded, 0);
  const raw = scripts.reduce((a, s) => a + s.decoded, 0);
  const biggest = [...scripts]
    .sort((a, b) => b.encoded - a.encoded)
    .slice(0, 3)
    .map((s) => `${s.name.split('/').pop()} ${kB(s.encoded)}`)
    .join(', ');
  report(
    'first load of the board: JavaScript transferred',
    `${kB(transferred)} compressed in ${scripts.length} files`,
    `the same files uncompressed: ${kB(raw)}`,
    '≤ 160 kB compressed (br/gzip)',
    transferred <= 160_000,
    `${kB(transferred)}; the largest: ${biggest}`,
  );
}

const SCENARIOS = {
  live: liveLatency,
  changes: throughput,
  board: boardSnapshot,
  deadlines: deadlineLateness,
  memory,
  meeting: meetingOpinions,
  pdf: pdfDownloads,
  js: firstLoadJs,
};
const args = process.argv.slice(2);
const only = args.flatMap((a, n) => (a === '--only' ? [args[n + 1]] : []));
for (const o of only) if (!SCENARIOS[o]) throw new Error(`--only ${o}: one of ${Object.keys(SCENARIOS).join(', ')}`);

let embedded = null;
let dir = null;
if (!process.env.DATABASE_URL) {
  dir = mkdtempSync(join(tmpdir(), 'hub-bench-pg-'));
  embedded = await startEmbeddedPostgres({ dir, database: 'hub_bench' });
  process.env.DATABASE_URL = embedded.url;
}
const started = new Date();
console.log('Green Channel Hub benchmarks (figures beside their baselines)');
for (const [name, bench] of Object.entries(SCENARIOS).filter(([name]) => only.length === 0 || only.includes(name))) {
  console.log(`\n${name} …`);
  await bench();
}
await embedded?.stop();
if (dir) rmSync(dir, { recursive: true, force: true });

// With --only, the rows measured now replace theirs in docs/benchmarks.md and the others stay, each
// row naming the run it comes from (its figure and baseline always come from that same run).
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const docsPath = join(root, 'docs/benchmarks.md');
const run = started.toISOString().slice(0, 16).replace('T', ' ');
const line = (r) => `| ${r.benchmark} | ${r.figure} | ${r.baseline} | ${r.goal} | ${r.met} | ${run} |`;
const before = only.length === 0 || !existsSync(docsPath) ? '' : readFileSync(docsPath, 'utf8');
// A table written before rows named their run: its rows take the date in its first line.
const beforeRun = /on (\d{4}-\d\d-\d\dT\d\d:\d\d)/.exec(before)?.[1].replace('T', ' ');
const kept = before
  .split('\n')
  .filter((l) => /^\| (?!benchmark \||---)/.test(l))
  .map((l) => (l.split(' | ').length === 5 ? `${l} ${beforeRun} |` : l));
const measured = new Map(rows.map((r) => [r.benchmark, line(r)]));
// Notes written under the table (## sections) stay with a partial run's table.
const notes = only.length && before.includes('\n## ') ? before.slice(before.indexOf('\n## ')) : '\n';
const table = [
  '| benchmark | figure | baseline (same run) | goal | met | run (UTC) |',
  '|---|---|---|---|---|---|',
  ...kept.map((l) => {
    const benchmark = l.split(' | ')[0].slice(2);
    const now = measured.get(benchmark);
    measured.delete(benchmark);
    return now ?? l;
  }),
  ...measured.values(),
].join('\n');
console.log(`\n${table}\n`);
writeFileSync(
  docsPath,
  `# Benchmarks\n\nWritten by \`npm run bench\` (\`-- --only <scenario>\` re-measures one scenario: ${Object.keys(SCENARIOS).join(', ')}); each row names its run, and its figure and baseline come from that same run.\n\nMachine: ${machine}. PostgreSQL: ${process.env.DATABASE_URL.replace(/\/\/[^@]*@/, '//')}.\n\n${table}\n${notes}`,
);
