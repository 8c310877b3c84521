import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/database';

/**
 * Gapless numbers per kind and year (R17). The counter row stays locked until the
 * issuing transaction ends, so a rolled-back issue leaves no gap and two issuers never share a number.
 */
@Injectable()
export class NumberingService {
  async next(tx: Tx, kind: string, year: number): Promise<number> {
    const row = await tx.one<{ last: number }>(
      `INSERT INTO number_counters (kind, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (kind, year) DO UPDATE SET last = number_counters.last + 1
       RETURNING last`,
      [kind, year],
    );
    return row!.last;
  }
}
