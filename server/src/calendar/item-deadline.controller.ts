import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { DeadlineExplanation, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { CalendarService } from './calendar.service';

/** R11: an item's own deadline explained, under the rule it was accepted with. */
@ApiTags('calendar')
@Controller('items')
export class ItemDeadlineController {
  constructor(private readonly calendars: CalendarService) {}

  @Requires('project.read')
  @Get(':id/deadline')
  explain(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<DeadlineExplanation> {
    return this.calendars.explainItem(user, id);
  }
}
