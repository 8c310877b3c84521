import { Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { NoticeSummary, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { PermitsService } from './permits.service';

@ApiTags('permits')
@Controller('items/:id/permit')
export class PermitsController {
  constructor(private readonly permits: PermitsService) {}

  @Requires('permit.issue')
  @Post()
  issue(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<NoticeSummary> {
    return this.permits.issue(user, id);
  }
}
