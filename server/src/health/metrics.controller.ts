import { Controller, Get, Header, HttpStatus, Inject, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/public.decorator';
import { BoardQueryService } from '../board/board-query.service';
import { ProblemException } from '../common/problem';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { Database } from '../database/database';
import { LiveEvents } from '../events/live-events';

/**
 * Prometheus metrics of this instance and its database. Scraped with `Authorization: Bearer
 * $HUB_METRICS_TOKEN`; without a token configured, only from this machine.
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly db: Database,
    private readonly live: LiveEvents,
    private readonly board: BoardQueryService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Public()
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(@Req() req: Request): Promise<string> {
    if (!this.allowed(req)) throw new ProblemException(HttpStatus.FORBIDDEN, 'Forbidden', 'Metrics need the metrics token');
    const row = await this.db.one<{ pending: string; p50: number | null; p99: number | null; fired: string }>(
      `SELECT (SELECT count(*) FROM approval_items WHERE status = 'in_review') AS pending,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM fired_at - due_at)) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM fired_at - due_at)) AS p99,
              count(*) AS fired
       FROM deemed_consents WHERE fired_at > hub_now() - interval '1 hour'`,
    );
    return [
      '# HELP hub_pending_deadlines Approval items whose deadline is running.',
      '# TYPE hub_pending_deadlines gauge',
      `hub_pending_deadlines ${row!.pending}`,
      '# HELP hub_deadline_lateness_seconds Deemed consents fired in the last hour: seconds after the due instant.',
      '# TYPE hub_deadline_lateness_seconds summary',
      `hub_deadline_lateness_seconds{quantile="0.5"} ${row!.p50 ?? 'NaN'}`,
      `hub_deadline_lateness_seconds{quantile="0.99"} ${row!.p99 ?? 'NaN'}`,
      `hub_deadline_lateness_seconds_count ${row!.fired}`,
      '# HELP hub_events_published_total Live events this instance handed to Socket.IO.',
      '# TYPE hub_events_published_total counter',
      `hub_events_published_total ${this.live.published}`,
      "# HELP hub_push_delay_seconds Card entries: seconds from the entry's instant (stamped in its transaction) to its push, the last 1,024.",
      '# TYPE hub_push_delay_seconds summary',
      ...[0.5, 0.99].map((q) => `hub_push_delay_seconds{quantile="${q}"} ${seconds(this.live.pushDelay(q))}`),
      '# HELP hub_connected_clients Socket.IO clients connected to this instance.',
      '# TYPE hub_connected_clients gauge',
      `hub_connected_clients ${this.live.connectedClients}`,
      "# HELP hub_board_rows_kept The board's page rows this instance holds in memory (a search finds them without reading).",
      '# TYPE hub_board_rows_kept gauge',
      `hub_board_rows_kept ${this.board.rowsKept}`,
      '',
    ].join('\n');
  }

  private allowed(req: Request): boolean {
    const token = process.env['HUB_METRICS_TOKEN'];
    if (!token) return /^(::1|127\.|::ffff:127\.)/.test(req.socket.remoteAddress ?? '');
    const given = Buffer.from(req.get('authorization') ?? '');
    const wanted = Buffer.from(`Bearer ${token}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
}

const seconds = (ms: number | null) => (ms === null ? 'NaN' : String(ms / 1000));
