import { Injectable } from '@nestjs/common';
import type { BoardSnapshot, SessionUser } from '@hub/shared';
import { authorize } from '../common/authorize';
import { Database } from '../database/database';
import { loadBoardProjects } from '../projects/project-records';

@Injectable()
export class BoardService {
  constructor(private readonly db: Database) {}

  /** One consistent snapshot: the projects exactly as of the stream position it names (R25). */
  async snapshot(user: SessionUser): Promise<BoardSnapshot> {
    authorize(user, 'board.read');
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const head = await tx.one<{ position: string; now: Date }>(
        `SELECT COALESCE(MAX(position), 0) AS position, date_trunc('milliseconds', hub_now()) AS now FROM card_entries`,
      );
      return { position: Number(head!.position), serverNow: head!.now.toISOString(), projects: await loadBoardProjects(tx, null) };
    });
  }
}
