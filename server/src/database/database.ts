import { Injectable, Logger } from '@nestjs/common';
import type { EventEmitter } from 'node:events';
import { DataSource, type QueryRunner } from 'typeorm';

/** Database or Tx: anything that runs a query. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** PostgreSQL errors after which the whole transaction can safely be tried again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 3;

/** A statement that only reads: safe to run outside a transaction and to try again. */
const READ = /^\s*SELECT\b/i;

/**
 * The connection went away (terminated backend, restart, network, or the session cut for idling in a
 * transaction, 25P03): PostgreSQL rolled the transaction back. TypeORM releases a query runner whose
 * client errored, hence QueryRunnerAlreadyReleasedError.
 */
export function isConnectionLost(error: unknown): boolean {
  const { code = '', message = '', name = '' } = (error ?? {}) as { code?: string; message?: string; name?: string };
  return (
    code.startsWith('08') ||
    code.startsWith('57P') ||
    code === '25P03' ||
    name === 'QueryRunnerAlreadyReleasedError' ||
    /Connection terminated|ECONNRESET|ECONNREFUSED|Client has encountered a connection error|timeout exceeded when trying to connect/.test(
      message,
    )
  );
}

/** No connection could be opened: nothing listens, the server is starting or stopping, or it does not answer. */
function isRefused(error: unknown): boolean {
  const { code = '', message = '' } = (error ?? {}) as { code?: string; message?: string };
  return code === '57P03' || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|timeout exceeded when trying to connect/.test(`${code} ${message}`);
}

/** Options of one transaction. */
export interface TxOptions {
  /**
   * PostgreSQL ends this transaction's session when it idles this long inside it (SET LOCAL
   * idle_in_transaction_session_timeout): for claim transactions, so a frozen instance lets go of
   * the rows and locks it claimed within a second. Other work keeps the pool's generous limit.
   */
  idleLimitMs?: number;
}

/** Background claims (deadlines, warnings, overdue flags, lapses): held at most a second by a frozen instance. */
export const CLAIM_TX: TxOptions = { idleLimitMs: 1000 };

/**
 * One open transaction. Work registered with onCommit runs only after a successful commit (R26);
 * work registered with atEnd runs inside it once the caller's work is done (set-based statements
 * gathered over the transaction); checks registered with beforeCommit run last inside it, and a
 * check that throws rolls it back.
 */
export class Tx {
  private readonly committed: (() => void)[] = [];
  private readonly ending: (() => Promise<void>)[] = [];
  private readonly checks: (() => void)[] = [];

  constructor(private readonly runner: QueryRunner) {}

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(sql, params, true);
    return result.records as T[];
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }

  onCommit(work: () => void): void {
    this.committed.push(work);
  }

  atEnd(work: () => Promise<void>): void {
    this.ending.push(work);
  }

  beforeCommit(check: () => void): void {
    this.checks.push(check);
  }

  /** @internal */
  async runEndWork(): Promise<void> {
    for (const work of this.ending) await work();
  }

  /** @internal */
  runCommitChecks(): void {
    for (const check of this.checks) check();
  }

  /** @internal */
  runCommitHooks(): void {
    for (const work of this.committed) work();
  }
}

/** Raw SQL over TypeORM's pool: the hub's invariants live in SQL (locks, constraints), so it stays visible. */
@Injectable()
export class Database {
  private readonly log = new Logger('Database');
  /** When this process last found the database gone (null: reachable). */
  private downSince: number | null = null;
  private readonly recovered = new Set<() => void>();

  constructor(private readonly dataSource: DataSource) {
    // A backend that dies (pg_terminate_backend, restart) can make its pg client emit 'error'
    // after TypeORM released it; an 'error' with no listener would take the whole process down.
    // Not logged: an idle connection cut is harmless, and a lost database is logged once, below.
    const pool = (dataSource.driver as unknown as { master?: EventEmitter }).master;
    pool?.on('connect', (client: EventEmitter) => client.on('error', () => undefined));
  }

  /** Calls `listener` each time the database answers again after an outage; returns the unsubscribe. */
  onRecovered(listener: () => void): () => void {
    this.recovered.add(listener);
    return () => void this.recovered.delete(listener);
  }

  /** False from the moment a transaction found the database gone until one succeeds again. */
  get available(): boolean {
    return this.downSince === null;
  }

  /** True when the database answers within `withinMs`; never waits longer (a pool or connect that hangs). */
  async ping(withinMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), withinMs)));
    const probe = this.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One statement. A read runs on its own, without BEGIN and COMMIT: two round trips fewer on every
   * session lookup and view (issue 12); being a read, it is tried again on a lost connection. A
   * write keeps the transaction's rule: tried again only when it certainly did not commit.
   */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!READ.test(sql)) return this.transaction((tx) => tx.query<T>(sql, params));
    return this.attempts(async (runner) => (await runner.query(sql, params, true)).records as T[]);
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }

  /** Runs `work` in one transaction; nothing is acknowledged before COMMIT returns. */
  async transaction<T>(work: (tx: Tx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    const { result, tx } = await this.attempts(async (runner, outcome) => {
      const tx = new Tx(runner);
      await runner.startTransaction();
      if (options.idleLimitMs !== undefined)
        await runner.query(`SET LOCAL idle_in_transaction_session_timeout = ${Math.round(options.idleLimitMs)}`);
      const result = await work(tx);
      await tx.runEndWork();
      tx.runCommitChecks();
      outcome.committing = true;
      await runner.commitTransaction();
      return { result, tx };
    });
    tx.runCommitHooks();
    return result;
  }

  /** Runs `work` on a connection of its own, tried again while its outcome is certainly nothing. */
  private async attempts<T>(work: (runner: QueryRunner, outcome: { committing: boolean }) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const runner = this.dataSource.createQueryRunner();
      const outcome = { committing: false };
      let connected = false;
      try {
        await runner.connect();
        connected = true;
        const result = await work(runner, outcome);
        this.reachable();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        const code = (error as { code?: string }).code;
        const lost = isConnectionLost(error);
        // Retried only when the outcome is certain: a conflict, or a connection lost before COMMIT
        // (PostgreSQL rolled it back). A connection lost during COMMIT leaves the outcome unknown.
        // A database that refuses connections (stopped, starting, unreachable) is not retried at
        // once: callers back off. A connection cut while being opened is, like any other cut.
        const retry = (code !== undefined && RETRYABLE.has(code)) || (lost && !outcome.committing && !(!connected && isRefused(error)));
        if (retry && attempt < MAX_ATTEMPTS) {
          if (this.downSince === null) this.log.warn(`transaction retried after ${code ?? String(error)} (attempt ${attempt})`);
          continue;
        }
        if (lost) this.unreachable(error);
        throw error;
      } finally {
        await runner.release().catch(() => undefined);
      }
    }
  }

  /** One line when the database goes, however many requests and sweeps fail meanwhile. */
  private unreachable(error: unknown): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    this.log.error(
      `database unavailable (${(error as Error).message ?? String(error)}): requests answer 503, background work backs off and resumes on its own`,
    );
  }

  /** And one when it returns, with the outage's length; then the waiting sweeps go at once. */
  private reachable(): void {
    if (this.downSince === null) return;
    const seconds = ((Date.now() - this.downSince) / 1000).toFixed(1);
    this.downSince = null;
    this.log.log(`database available again after ${seconds} s`);
    for (const listener of this.recovered) listener();
  }
}
