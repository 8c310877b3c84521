import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ClosePreview, MeetingSummary, MeetingView, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { badRequest } from '../common/problem';
import { CloseMeetingDto, ClosePreviewDto, ConveneMeetingDto, MarkPresentDto, OpinionDto } from './meeting.dto';
import { MeetingsService } from './meetings.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('meetings and site inspections')
@Controller()
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  /** R18/R20: convene a meeting or a joint site inspection for a project. */
  @Requires('meeting.convene')
  @Post('projects/:id/meetings')
  convene(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ConveneMeetingDto): Promise<MeetingView> {
    return this.meetings.convene(user, id, dto);
  }

  /** The desk list: the meetings the user is invited to (liaison), or all (other staff); optionally one project's. */
  @Requires('meeting.read')
  @Get('meetings')
  @ApiQuery({ name: 'projectId', required: false })
  list(@CurrentUser() user: SessionUser, @Query('projectId') projectId?: string): Promise<MeetingSummary[]> {
    if (projectId !== undefined && !UUID.test(projectId)) throw badRequest('projectId', 'projectId must be a UUID');
    return this.meetings.list(user, projectId);
  }

  @Requires('meeting.read')
  @Get('meetings/:id')
  get(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingView> {
    return this.meetings.view(user, id);
  }

  @Requires('meeting.manage')
  @Post('meetings/:id/opening')
  @HttpCode(200)
  open(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingView> {
    return this.meetings.open(user, id);
  }

  /** R19: a liaison joins as its own department (the socket's `meeting:join` does the same). */
  @Requires('meeting.attend')
  @Post('meetings/:id/join')
  @HttpCode(200)
  join(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingView> {
    return this.meetings.join(user, id);
  }

  /** The convener marks a department present in person. */
  @Requires('meeting.manage')
  @Post('meetings/:id/attendance')
  @HttpCode(200)
  markPresent(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MarkPresentDto): Promise<MeetingView> {
    return this.meetings.markPresent(user, id, dto);
  }

  /** R18: a department's opinion in the room. */
  @Requires('meeting.opine')
  @Post('meetings/:id/opinions')
  @HttpCode(200)
  opine(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: OpinionDto): Promise<MeetingView> {
    return this.meetings.opine(user, id, dto);
  }

  /** R15a: the lead liaison (or whoever runs the meeting) proposes the close; the window or a leader closes. */
  @Requires('meeting.manage')
  @Post('meetings/:id/close-proposal')
  @HttpCode(200)
  proposeClose(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingView> {
    return this.meetings.proposeClose(user, id);
  }

  /** R15a: what a close now would do to each department (changes nothing). */
  @Requires('meeting.close')
  @Post('meetings/:id/closing-preview')
  @HttpCode(200)
  closePreview(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ClosePreviewDto,
  ): Promise<ClosePreview> {
    return this.meetings.closePreview(user, id, dto);
  }

  /** R15/R15a/R18: the conclusion, and the close that deems the absent to consent (the window or a leader). */
  @Requires('meeting.close')
  @Post('meetings/:id/closing')
  @HttpCode(200)
  close(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CloseMeetingDto): Promise<MeetingView> {
    return this.meetings.close(user, id, dto);
  }
}
