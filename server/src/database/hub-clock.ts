import { Injectable } from '@nestjs/common';
import { Database, type Tx } from './database';

/** The one clock of every instance: the database's (shifted only by the test clock). Millisecond precision. */
@Injectable()
export class HubClock {
  constructor(private readonly db: Database) {}

  async now(tx?: Tx): Promise<Date> {
    const sql = `SELECT date_trunc('milliseconds', hub_now()) AS now`;
    const row = tx ? await tx.one<{ now: Date }>(sql) : await this.db.one<{ now: Date }>(sql);
    return row!.now;
  }
}
