import { Injectable } from '@nestjs/common';
import type { SessionUser } from '@hub/shared';
import { authorize } from '../common/authorize';
import { Database } from '../database/database';
import { ProjectsService } from '../projects/projects.service';

/** The projects as of one stream position, serialised once. */
interface BuiltBoard {
  position: number;
  projectsJson: string;
}

/**
 * The board snapshot (R25). Every change to what the board shows comes with a card entry, so
 * the board at a given stream position never changes: it is built (and serialised) once per
 * position and shared by every request — with 2,000 projects it is megabytes of JSON.
 */
@Injectable()
export class BoardService {
  private latest: BuiltBoard | null = null;
  private building: Promise<BuiltBoard> | null = null;

  constructor(
    private readonly db: Database,
    private readonly projects: ProjectsService,
  ) {}

  /** BoardSnapshot as JSON text: projects exactly as of the position it names, and the hub clock now. */
  async snapshotJson(user: SessionUser): Promise<string> {
    authorize(user, 'board.read');
    const head = await this.db.one<{ position: string; now: Date }>(
      `SELECT COALESCE(MAX(position), 0) AS position, date_trunc('milliseconds', hub_now()) AS now FROM card_entries`,
    );
    const board = this.latest?.position === Number(head!.position) ? this.latest : await this.build();
    // A board older than `head` (a build already under way) is still consistent: the client replays from its position.
    return `{"position":${board.position},"serverNow":${JSON.stringify(head!.now.toISOString())},"projects":${board.projectsJson}}`;
  }

  /** One build at a time; requests arriving meanwhile share it. */
  private build(): Promise<BuiltBoard> {
    this.building ??= this.db
      .transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const head = await tx.one<{ position: string }>('SELECT COALESCE(MAX(position), 0) AS position FROM card_entries');
        return { position: Number(head!.position), projectsJson: JSON.stringify(await this.projects.boardProjects(tx, null)) };
      })
      .then((built) => {
        if (!this.latest || built.position >= this.latest.position) this.latest = built;
        return built;
      })
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }
}
