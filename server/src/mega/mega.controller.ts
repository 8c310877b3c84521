import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { BoardProject, SessionUser, StaffMember } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { AssignTrackerDto, RecordForwardingDto } from './mega.dto';
import { MegaService } from './mega.service';

@ApiTags('mega projects')
@Controller()
export class MegaController {
  constructor(private readonly mega: MegaService) {}

  @Requires('mega.track')
  @Get('mega-trackers')
  trackers(@CurrentUser() user: SessionUser): Promise<StaffMember[]> {
    return this.mega.trackers(user);
  }

  @Requires('mega.track')
  @Post('projects/:id/mega-tracker')
  @HttpCode(200)
  assignTracker(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignTrackerDto,
  ): Promise<BoardProject> {
    return this.mega.assignTracker(user, id, dto);
  }

  @Requires('mega.track')
  @Post('projects/:id/forwarding')
  @HttpCode(200)
  recordForwarding(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordForwardingDto,
  ): Promise<BoardProject> {
    return this.mega.recordForwarding(user, id, dto);
  }
}
