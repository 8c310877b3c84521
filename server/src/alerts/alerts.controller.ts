import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AlertInbox, AlertView, LeaderInboxProjects, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { AlertsService } from './alerts.service';

/** R14a: each user's own inbox of early warnings. */
@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Requires('alerts.read')
  @Get()
  inbox(@CurrentUser() user: SessionUser): Promise<AlertInbox> {
    return this.alerts.inbox(user);
  }

  /** Issue 14: the projects a leader's inbox is about (R16 rulings, R6 forwards) — not the whole board. */
  @Requires('explanation.rule')
  @Get('leader-projects')
  leaderProjects(@CurrentUser() user: SessionUser): Promise<LeaderInboxProjects> {
    return this.alerts.leaderProjects(user);
  }

  @Requires('alerts.read')
  @Post(':id/read')
  @HttpCode(200)
  markRead(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<AlertView> {
    return this.alerts.markRead(user, id);
  }
}
