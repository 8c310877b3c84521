import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { isConnectionLost } from './database';

/**
 * TypeORM's log, through Nest's. A failed query is logged with its SQL and error, never its
 * parameters: they carry people's data (names, phone numbers, opinions) that has no place in logs.
 * A lost connection is not logged per query: the Database logs an outage once.
 */
export class HubSqlLogger implements TypeOrmLogger {
  private readonly out = new Logger('SQL');

  logQuery(): void {
    // Queries that succeed are not logged.
  }

  logQueryError(error: string | Error, query: string): void {
    if (isConnectionLost(error)) return;
    const message = typeof error === 'string' ? error : error.message;
    const code = typeof error === 'string' ? undefined : (error as { code?: string }).code;
    this.out.error(`query failed${code ? ` (${code})` : ''}: ${message} -- ${query.replace(/\s+/g, ' ').trim().slice(0, 500)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.out.warn(`slow query (${time} ms): ${query.replace(/\s+/g, ' ').trim().slice(0, 500)}`);
  }

  logSchemaBuild(): void {
    // The schema is built by migrations, which log themselves.
  }

  logMigration(): void {
    // A failed migration throws, and stops the start.
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    // An idle pooled connection that dies is dropped by the pool and harmless; a lost database is logged once, by the Database.
    if (String(message).startsWith('Postgres pool raised an error')) return;
    if (level === 'warn') this.out.warn(String(message));
    else this.out.log(String(message));
  }
}
