import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hub/shared';
import { createHubApp } from '../src/app/create-hub-app';
import type { HubConfig } from '../src/config/hub-config';
import { DemoData } from '../src/demo/demo-data';

export const TEST_PASSWORD = 'test-password';

/** The PostgreSQL server the tests use: `npm test` provides one (embedded unless DATABASE_URL is set). */
function serverUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: run the server tests through `npm test`');
  return url;
}

/** A fresh, empty database on the test server, dropped by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestHub {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
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
    secureCookies: false,
    redisUrl: null,
    deadlineSweepMs: 200,
    meetingLapseMs: 24 * 3_600_000,
    meetingNoticeWorkingDays: 1,
    meetingGraceMs: 15 * 60_000,
    logJson: false,
    checkpointKey: null,
    ...overrides,
  };
  const app = await createHubApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** Demo departments and users (no projects), password TEST_PASSWORD. */
export async function loadPeople(hub: TestHub): Promise<void> {
  await hub.app.get(DemoData).loadIfEmpty(TEST_PASSWORD, false);
}

export interface Reply<T = any> {
  status: number;
  body: T;
}

/** A logged-in browser-like API client: session cookie plus the CSRF header. */
export class HubClient {
  cookie = '';

  constructor(readonly baseUrl: string) {}

  static async login(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<HubClient> {
    const client = new HubClient(baseUrl);
    const reply = await client.post('/api/auth/login', { username, password });
    if (reply.status !== 200) throw new Error(`login ${username} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return client;
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.send<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.send<T>('POST', path, body);
  }

  async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        'x-requested-with': 'XMLHttpRequest',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, body: text ? safeJson(text) : undefined };
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

/** Polls until `check` returns a value (not undefined), or fails after timeoutMs. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const REGISTRATION = {
  name: '新能源汽车零部件产业园',
  owner: { name: '星河新能源科技有限公司', legalRepresentative: '陈星河', contactName: '赵敏', contactPhone: '0571-88886666' },
  category: 'provincial_key',
  preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
  totalInvestment: { amount: '860000000.00', currency: 'CNY' },
  reportToHigherAuthority: false,
};

/** Registers and admits a project with the given department codes (first is lead); returns the project view. */
export async function admittedProject(window: HubClient, leader: HubClient, codes: string[], name = REGISTRATION.name) {
  const departments = (await window.get<{ id: string; code: string }[]>('/api/departments')).body;
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
