import { Injectable, Logger } from '@nestjs/common';
import type { EventEmitter } from 'node:events';
import { DataSource, type QueryRunner } from 'typeorm';

/** PostgreSQL errors after which the whole transaction can safely be tried again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 3;

/**
 * The connection went away (terminated backend, restart, network): PostgreSQL rolled the transaction
 * back. TypeORM releases a query runner whose client errored, hence QueryRunnerAlreadyReleasedError.
 */
export function isConnectionLost(error: unknown): boolean {
  const { code = '', message = '', name = '' } = (error ?? {}) as { code?: string; message?: string; name?: string };
  return (
    code.startsWith('08') ||
    code.startsWith('57P') ||
    name === 'QueryRunnerAlreadyReleasedError' ||
    /Connection terminated|ECONNRESET|ECONNREFUSED|Client has encountered a connection error/.test(message)
  );
}

/**
 * One open transaction. Work registered with onCommit runs only after a successful commit (R26);
 * checks registered with beforeCommit run last inside it, and a check that throws rolls it back.
 */
export class Tx {
  private readonly committed: (() => void)[] = [];
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

  beforeCommit(check: () => void): void {
    this.checks.push(check);
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

  constructor(private readonly dataSource: DataSource) {
    // A backend that dies (pg_terminate_backend, restart) can make its pg client emit 'error'
    // after TypeORM released it; an 'error' with no listener would take the whole process down.
    const pool = (dataSource.driver as unknown as { master?: EventEmitter }).master;
    pool?.on('connect', (client: EventEmitter) => client.on('error', (error: Error) => this.log.warn(`database client error: ${error.message}`)));
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.transaction((tx) => tx.query<T>(sql, params));
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }

  /** Runs `work` in one transaction; nothing is acknowledged before COMMIT returns. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const runner = this.dataSource.createQueryRunner();
      const tx = new Tx(runner);
      let committing = false;
      try {
        await runner.connect();
        await runner.startTransaction();
        const result = await work(tx);
        tx.runCommitChecks();
        committing = true;
        await runner.commitTransaction();
        tx.runCommitHooks();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        const code = (error as { code?: string }).code;
        // Retried only when the outcome is certain: a conflict, or a connection lost before COMMIT
        // (PostgreSQL rolled it back). A connection lost during COMMIT leaves the outcome unknown.
        const retry = (code !== undefined && RETRYABLE.has(code)) || (isConnectionLost(error) && !committing);
        if (retry && attempt < MAX_ATTEMPTS) {
          this.log.warn(`transaction retried after ${code ?? String(error)} (attempt ${attempt})`);
          continue;
        }
        throw error;
      } finally {
        await runner.release().catch(() => undefined);
      }
    }
  }
}
