import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MeetingView, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { RectificationDto } from '../meetings/meeting.dto';
import { MeetingsService } from '../meetings/meetings.service';

/**
 * R20: a joint site inspection is a meeting of kind "site_inspection" (same schedule, attendance,
 * close and R15); what only inspections have — rectification requests made on the spot and whether
 * each was done — lives here. Findings are recorded with the close.
 */
@ApiTags('meetings and site inspections')
@Controller('inspections')
export class InspectionsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Requires('meeting.manage')
  @Post(':id/rectifications')
  @HttpCode(200)
  add(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RectificationDto): Promise<MeetingView> {
    return this.meetings.addRectification(user, id, dto);
  }

  @Requires('meeting.manage')
  @Post(':id/rectifications/:rectificationId/done')
  @HttpCode(200)
  done(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('rectificationId', ParseUUIDPipe) rectificationId: string,
  ): Promise<MeetingView> {
    return this.meetings.completeRectification(user, id, rectificationId);
  }
}
