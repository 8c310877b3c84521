import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';

/** PostgreSQL errors after which the whole transaction can safely be tried again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 3;

/** One open transaction. Work registered with onCommit runs only after a successful commit (R26). */
export class Tx {
  private readonly committed: (() => void)[] = [];

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

  /** @internal */
  runCommitHooks(): void {
    for (const work of this.committed) work();
  }
}

/** Raw SQL over TypeORM's pool: the hub's invariants live in SQL (locks, constraints), so it stays visible. */
@Injectable()
export class Database {
  private readonly log = new Logger('Database');

  constructor(private readonly dataSource: DataSource) {}

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
      try {
        await runner.connect();
        await runner.startTransaction();
        const result = await work(tx);
        await runner.commitTransaction();
        tx.runCommitHooks();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        const code = (error as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          this.log.warn(`transaction retried after ${code} (attempt ${attempt})`);
          continue;
        }
        throw error;
      } finally {
        await runner.release();
      }
    }
  }
}
