import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { CardEntry, ClientToServerEvents, ProblemDetails, RegisterProjectRequest, ServerToClientEvents } from '@hub/shared';
import { EarlyWarningWatch } from '../src/alerts/early-warning-watch';
import { ApprovalsService } from '../src/approvals/approvals.service';
import { createHubApp } from '../src/app/create-hub-app';
import { contentHash } from '../src/card/hash-chain';
import type { HubConfig } from '../src/config/hub-config';
import { DeadlineEngine } from '../src/deadlines/deadline-engine';
import { DemoData } from '../src/demo/demo-data';
import { InquiryOverdueWatch } from '../src/inquiries/inquiry-overdue-watch';
import { MeetingsService } from '../src/meetings/meetings.service';
import { MegaService } from '../src/mega/mega.service';
import { loadNotificationsConfig } from '../src/config/notifications-config';
import type { HubBody, HubPath, HubReply } from './hub-routes';

export const TEST_PASSWORD = 'test-password';

/** The PostgreSQL server the tests use: `npm test` provides one (embedded unless DATABASE_URL is set). */
function serverUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: run the server tests through `npm test`');
  return url;
}

/** A fresh, empty database on the test server, dropped by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const db = testDatabase();
  await db.create();
  return db;
}

/** A database's name and URL, made now; created and dropped when asked. */
function testDatabase() {
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const asAdmin = async (statement: string) => {
    const admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  return {
    url: url.toString(),
    create: () => asAdmin(`CREATE DATABASE ${name}`),
    drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export interface TestHub {
  app: INestApplication;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/** As the database superuser with every trigger off (the append-only ones included): R5/R17 tampering. */
export async function tamper(sql: Client, statements: [string, unknown[]][]): Promise<void> {
  await sql.query('SET session_replication_role = replica');
  try {
    for (const [statement, params] of statements) await sql.query(statement, params);
  } finally {
    await sql.query('SET session_replication_role = DEFAULT');
  }
}

/** Rewrites a notice's content and its stored hash together, so the notice alone looks intact. */
export async function rewriteNotice(sql: Client, id: string): Promise<void> {
  const { content } = (await sql.query('SELECT content FROM notices WHERE id = $1', [id])).rows[0];
  const forged = { ...content, text: '伪造的内容' };
  await tamper(sql, [
    ['UPDATE notices SET content = $2, content_hash = $3 WHERE id = $1', [id, JSON.stringify(forged), contentHash(forged)]],
  ]);
}

/** A real hub instance (HTTP + Socket.IO + deadline engine) on a loopback port. */
export async function startTestHub(databaseUrl: string, overrides: Partial<HubConfig> = {}): Promise<TestHub> {
  const config: HubConfig = {
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    testClock: true,
    demoData: false,
    clientDir: null,
    allowedOrigins: [],
    trustedProxies: [],
    secureCookies: false,
    redisUrl: null,
    deadlineSweepMs: 200,
    meetingLapseMs: 24 * 3_600_000,
    meetingNoticeWorkingDays: 1,
    meetingGraceMs: 15 * 60_000,
    logJson: false,
    checkpointKey: null,
    // R28: each hub keeps its files in its own temporary directory unless a test shares one.
    filesDir: mkdtempSync(join(tmpdir(), 'hub-files-')),
    notifications: loadNotificationsConfig({}, (m) => new Error(m)),
    ...overrides,
  };
  const app = await createHubApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, databaseUrl, close: () => app.close() };
}

/**
 * Waits for the hub's own work instead of sleeping: one complete pass of every watcher (deemed
 * consent, overdue rulings and forwards, meeting lapses, early warnings, overdue inquiries) on each
 * instance, started now, then
 * until no other session of the database is inside a transaction, so a claim another pass held
 * has committed too. Afterwards everything due by now is done: "nothing (more) happened" holds.
 */
export async function hubWorkDone(...hubs: TestHub[]): Promise<void> {
  for (const hub of hubs) {
    await hub.app.get(DeadlineEngine).fireDue();
    // The engine's cycle escalates these too (R16, R6): their card entries are the hub's work as well.
    await hub.app.get(ApprovalsService).escalateOverdueRulings();
    await hub.app.get(MegaService).escalateOverdueForwarding();
    const meetings = hub.app.get(MeetingsService);
    while (await meetings.lapseNext());
    await hub.app.get(EarlyWarningWatch).warnAllDue();
    await hub.app.get(InquiryOverdueWatch).flagAllDue();
  }
  const sql = new Client({ connectionString: hubs[0]!.databaseUrl });
  await sql.connect();
  try {
    await eventually(async () => {
      const open = await sql.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
      );
      return open.rows[0].n === 0 ? true : undefined;
    }, 30_000);
  } finally {
    await sql.end();
  }
}

/** Someone a spec logs in: a demo username, on the first instance unless [username, instance] names another. */
export type Person = string | readonly [username: string, instance: number];

export interface HubOptions<P extends Record<string, Person>> {
  /** Hub instances on the one database (default 1); R25/R27 specs take two. */
  instances?: number;
  /** Every instance's configuration over the test defaults. */
  config?: Partial<HubConfig>;
  /** The demo departments and users (default), or an empty hub (setup, imports). */
  demoPeople?: boolean;
  /** The clients the spec uses, by its own names: they exist at once and are logged in before its tests. */
  people?: P;
  /** The leader's board socket on the last instance collects every card entry (`entries`), and quiesce waits for it. */
  watch?: boolean;
}

export interface Hub<P extends Record<string, Person>> {
  readonly databaseUrl: string;
  /** The test database as its superuser (connected before the tests). */
  readonly sql: Client;
  readonly people: { readonly [K in keyof P]: HubClient };
  readonly instances: readonly TestHub[];
  readonly first: TestHub;
  readonly second: TestHub;
  /** Card entries the watching socket received, in order (watch). */
  readonly entries: CardEntry[];
  /** One more client, logged in now. */
  login(username: string, instance?: number): Promise<HubClient>;
  /** Nothing is left to happen: every instance's due work is done (hubWorkDone) and the watching socket is at the stream head. */
  quiesce(): Promise<void>;
  /** Stops every instance, runs `whileDown` with none running, and starts them again; the clients follow (sessions live in the database). */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  /** The hub clock (test clock), read and moved forward as the admin. */
  now(): Promise<Date>;
  advance(ms: number): Promise<void>;
  advanceTo(instant: string | Date, plusMs?: number): Promise<void>;
}

/**
 * A spec file's hub (issue 15): a fresh database with `instances` hub instances on it, the demo
 * people, the spec's clients logged in, and the superuser's `sql` — started before its tests
 * (beforeAll) and closed after them (afterAll), however far the start got.
 */
export function withHub<P extends Record<string, Person> = Record<never, Person>>(options: HubOptions<P> = {}): Hub<P> {
  const db = testDatabase();
  const sql = new Client({ connectionString: db.url });
  const named = Object.entries(options.people ?? {}) as [keyof P, Person][];
  const people = Object.fromEntries(named.map(([name]) => [name, new HubClient('')])) as Record<keyof P, HubClient>;
  const instances: TestHub[] = [];
  const entries: CardEntry[] = [];
  /** Every client the fixture logged in, with its instance, so a restart can point it at the new address. */
  const placed: [HubClient, number][] = [];
  let board: HubSocket | undefined;
  let created = false;
  let connectedSql = false;

  const instance = (index: number) => {
    const hub = instances[index];
    if (!hub) throw new Error(`instance ${index} is not running (instances: ${instances.length})`);
    return hub;
  };
  const place = (client: HubClient, index: number) => {
    placed.push([client, index]);
    return client.at(instance(index).url);
  };
  const login = (username: string, index = 0) => place(new HubClient(''), index).logIn(username);
  /** The admin who moves the clock, logged in when first needed. */
  let admin: Promise<HubClient> | undefined;
  const asAdmin = () => (admin ??= login('admin'));
  const start = async () => {
    for (let i = 0; i < (options.instances ?? 1); i++) instances.push(await startTestHub(db.url, options.config));
  };

  beforeAll(async () => {
    await db.create();
    created = true;
    await start();
    await sql.connect();
    connectedSql = true;
    if (options.demoPeople === false) return;
    await loadPeople(instance(0));
    for (const [name, person] of named) {
      const [username, index] = typeof person === 'string' ? [person, 0] : person;
      await place(people[name], index).logIn(username);
    }
    if (options.watch) {
      const last = instance(instances.length - 1);
      board = connectSocket(last.url, (await login('leader', instances.length - 1)).cookie);
      board.on('card:entry', (e) => entries.push(e));
      await connected(board);
    }
  });
  afterAll(async () => {
    board?.disconnect();
    if (connectedSql) await sql.end();
    for (const hub of instances) await hub.close();
    if (created) await db.drop();
  });

  return {
    databaseUrl: db.url,
    sql,
    people,
    instances,
    get first() {
      return instance(0);
    },
    get second() {
      return instance(1);
    },
    entries,
    login,
    async quiesce() {
      await hubWorkDone(...instances);
      if (!board) return;
      const head = Number((await sql.query('SELECT COALESCE(MAX(position), 0) AS head FROM card_entries')).rows[0].head);
      await eventually(() => (head === 0 || entries.some((e) => e.position >= head) ? true : undefined));
    },
    async restart(whileDown) {
      if (board) throw new Error('a watched hub does not restart: its socket would miss entries');
      for (const hub of instances.splice(0)) await hub.close();
      await whileDown?.();
      await start();
      for (const [client, index] of placed) client.at(instance(index).url);
    },
    now: async () => hubNow(await asAdmin()),
    advance: async (ms) => advanceClock(await asAdmin(), ms),
    advanceTo: async (instant, plusMs = 0) => advanceTo(await asAdmin(), instant, plusMs),
  };
}

/** The hub's clock now, as a board snapshot reads it. */
export async function hubNow(client: HubClient): Promise<Date> {
  return new Date((await client.get('/api/board')).body.serverNow);
}

/** Moves the one hub clock (test clock) forward by ms, as the admin `admin`. */
export async function advanceClock(admin: HubClient, ms: number): Promise<void> {
  const moved = await admin.post('/api/test/clock', { advanceMs: ms });
  if (moved.status !== 200) throw new Error(JSON.stringify(moved.body));
}

/** Moves the one hub clock (test clock) to `plusMs` after `instant`; never backwards. */
export async function advanceTo(admin: HubClient, instant: string | Date, plusMs = 0): Promise<void> {
  const by = new Date(instant).getTime() - (await hubNow(admin)).getTime() + plusMs;
  if (by > 0) await advanceClock(admin, by);
}

/** Demo departments and users (no projects), password TEST_PASSWORD. */
export async function loadPeople(hub: TestHub): Promise<void> {
  await hub.app.get(DemoData).loadIfEmpty(TEST_PASSWORD, false);
}

export interface Reply<T> {
  status: number;
  body: T;
  /** The response's content type. */
  type: string | null;
}

/** The RFC 9457 problem a refused request answers with; fails the test when the reply is anything else. */
export function problem(reply: Reply<unknown>): ProblemDetails {
  if (!reply.type?.startsWith('application/problem+json')) throw new Error(`not a problem: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as ProblemDetails;
}

/** The fields a request was refused for (a validation problem), with their messages. */
export function fieldErrors(reply: Reply<unknown>): { field: string; message: string }[] {
  const { errors } = problem(reply);
  if (!errors) throw new Error(`no field errors: ${reply.status} ${JSON.stringify(reply.body)}`);
  return errors;
}

/**
 * A logged-in browser-like API client: session cookie plus the CSRF header. get/post/put/patch/delete
 * take the routes of HubRoutes and answer their contract types; send and sendText take anything
 * (malformed bodies, unknown paths) and answer unknown.
 */
export class HubClient {
  cookie = '';

  /** Empty for a fixture's client until its hub runs (withHub). */
  constructor(private url: string) {}

  get baseUrl(): string {
    return this.url;
  }

  static login(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<HubClient> {
    return new HubClient(baseUrl).logIn(username, password);
  }

  /** Points a fixture's client at its instance, once it runs. */
  at(baseUrl: string): this {
    this.url = baseUrl;
    return this;
  }

  async logIn(username: string, password = TEST_PASSWORD): Promise<this> {
    const reply = await this.post('/api/auth/login', { username, password });
    if (reply.status !== 200) throw new Error(`login ${username} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return this;
  }

  get<P extends HubPath<'GET'>>(path: P): Promise<Reply<HubReply<'GET', P>>> {
    return this.send('GET', path) as Promise<Reply<HubReply<'GET', P>>>;
  }

  post<P extends HubPath<'POST'>>(path: P, ...body: HubBody<'POST', P>): Promise<Reply<HubReply<'POST', P>>> {
    return this.send('POST', path, body[0]) as Promise<Reply<HubReply<'POST', P>>>;
  }

  put<P extends HubPath<'PUT'>>(path: P, ...body: HubBody<'PUT', P>): Promise<Reply<HubReply<'PUT', P>>> {
    return this.send('PUT', path, body[0]) as Promise<Reply<HubReply<'PUT', P>>>;
  }

  patch<P extends HubPath<'PATCH'>>(path: P, ...body: HubBody<'PATCH', P>): Promise<Reply<HubReply<'PATCH', P>>> {
    return this.send('PATCH', path, body[0]) as Promise<Reply<HubReply<'PATCH', P>>>;
  }

  delete<P extends HubPath<'DELETE'>>(path: P): Promise<Reply<HubReply<'DELETE', P>>> {
    return this.send('DELETE', path) as Promise<Reply<HubReply<'DELETE', P>>>;
  }

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<unknown>> {
    return this.sendText(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
  }

  /** Sends a JSON body as given: text JSON.stringify never writes (lone surrogates, 10,000 levels deep, megabytes). */
  async sendText(method: string, path: string, text: string | undefined, headers: Record<string, string> = {}): Promise<Reply<unknown>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(text === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        'x-requested-with': 'XMLHttpRequest',
        ...headers,
      },
      body: text,
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const answer = await res.text();
    return { status: res.status, body: answer ? safeJson(answer) : undefined, type: res.headers.get('content-type') };
  }
}

const safeJson = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(baseUrl: string, cookie: string, extra: Record<string, string> = {}): HubSocket {
  return io(baseUrl, { transports: ['websocket'], extraHeaders: { cookie, ...extra }, reconnection: false, forceNew: true });
}

export function connected(socket: HubSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Polls until `check` returns a value (not undefined), or fails after timeoutMs (generous: a slow, busy machine still passes). */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const REGISTRATION: RegisterProjectRequest = {
  name: '新能源汽车零部件产业园',
  owner: { name: '星河新能源科技有限公司', legalRepresentative: '陈星河', contactName: '赵敏', contactPhone: '0571-88886666' },
  category: 'provincial_key',
  preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
  totalInvestment: { amount: '860000000.00', currency: 'CNY' },
  reportToHigherAuthority: false,
};

/** Registers and admits a project with the given department codes (first is lead); returns the project view. */
export async function admittedProject(window: HubClient, leader: HubClient, codes: string[], name = REGISTRATION.name) {
  const departments = (await window.get('/api/departments')).body;
  const id = (code: string) => departments.find((d) => d.code === code)!.id;
  const registered = await window.post('/api/projects', { ...REGISTRATION, name });
  if (registered.status !== 201) throw new Error(JSON.stringify(registered.body));
  const admitted = await leader.post(`/api/projects/${registered.body.id}/admission`, {
    leadDepartmentId: id(codes[0]!),
    participatingDepartmentIds: codes.slice(1).map(id),
  });
  if (admitted.status !== 200) throw new Error(JSON.stringify(admitted.body));
  return { project: admitted.body, departmentId: id };
}

/** R8 Decision: acceptance needs a main material on the item's checklist, received; the window records both. */
export async function mainMaterialReceived(window: HubClient, itemId: string): Promise<void> {
  const material = await window.post(`/api/items/${itemId}/materials`, { name: '申请主件', kind: 'main', copies: 1 });
  if (material.status !== 201) throw new Error(`material: ${material.status} ${JSON.stringify(material.body)}`);
  const received = await window.post(`/api/materials/${material.body.id}/received`, { received: 1 });
  if (received.status !== 200 && received.status !== 201) throw new Error(`received: ${received.status} ${JSON.stringify(received.body)}`);
}

/** Completes the item's main materials (window) and accepts it (`by`, the window unless said). */
export async function acceptItem(window: HubClient, itemId: string, by: HubClient = window) {
  await mainMaterialReceived(window, itemId);
  return by.post(`/api/items/${itemId}/acceptance`);
}
