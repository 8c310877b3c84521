import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/database';

/**
 * Gapless numbers per kind and year (R17). The counter row stays locked until the
 * issuing transaction ends, so a rolled-back issue leaves no gap and two issuers never share a number.
 */
@Injectable()
export class NumberingService {
  async next(tx: Tx, kind: string, year: number): Promise<number> {
    return this.take(tx, kind, year, 1);
  }

  /**
   * `count` consecutive numbers in one statement (a batch of deemed consents, R17); returns the
   * first. Still gapless: the range is taken under the same row lock, and rolls back with it.
   */
  async take(tx: Tx, kind: string, year: number, count: number): Promise<number> {
    const row = await tx.one<{ last: number }>(
      `INSERT INTO number_counters (kind, year, last) VALUES ($1, $2, $3)
       ON CONFLICT (kind, year) DO UPDATE SET last = number_counters.last + $3
       RETURNING last`,
      [kind, year, count],
    );
    return row!.last - count + 1;
  }
}
