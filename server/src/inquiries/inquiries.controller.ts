import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type {
  InquiryDetail,
  InquiryHistoryVerification,
  InquiryStatistics,
  InquiryView,
  ResponderCard,
  SessionUser,
  TransferTarget,
} from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { InquiriesService } from './inquiries.service';
import { DispositionDto, FollowUpDto, LinkProjectDto, RegisterInquiryDto, ReminderDto, StatisticsQueryDto } from './inquiry.dto';
import { InquiryStatisticsService } from './inquiry-statistics.service';

/** R23/R24 first-inquiry register (首问负责). Fixed paths come before `:id`. */
@ApiTags('inquiries (首问负责)')
@Controller('inquiries')
export class InquiriesController {
  constructor(
    private readonly inquiries: InquiriesService,
    private readonly statistics: InquiryStatisticsService,
  ) {}

  @Requires('inquiry.register')
  @Post()
  register(@CurrentUser() user: SessionUser, @Body() dto: RegisterInquiryDto): Promise<InquiryView> {
    return this.inquiries.register(user, dto);
  }

  @Requires('inquiry.read')
  @Get()
  list(@CurrentUser() user: SessionUser): Promise<InquiryView[]> {
    return this.inquiries.list(user);
  }

  @Requires('inquiry.register')
  @Get('responder')
  responder(@CurrentUser() user: SessionUser): Promise<ResponderCard> {
    return this.inquiries.responderCard(user);
  }

  @Requires('inquiry.act')
  @Get('transfer-targets')
  transferTargets(@CurrentUser() user: SessionUser): Promise<TransferTarget[]> {
    return this.inquiries.transferTargets(user);
  }

  @Requires('inquiry.statistics')
  @Get('statistics')
  stats(@CurrentUser() user: SessionUser, @Query() period: StatisticsQueryDto): Promise<InquiryStatistics> {
    return this.statistics.statistics(user, period);
  }

  /** The same statistics as CSV for Excel (UTF-8 with BOM). */
  @Requires('inquiry.statistics')
  @Get('statistics/csv')
  async csv(
    @CurrentUser() user: SessionUser,
    @Query() period: StatisticsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { filename, body } = await this.statistics.csv(user, period);
    res.attachment(filename).type('text/csv; charset=utf-8');
    return body;
  }

  @Requires('inquiry.read')
  @Get(':id')
  get(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<InquiryDetail> {
    return this.inquiries.detail(user, id);
  }

  @Requires('inquiry.read')
  @Get(':id/history/verification')
  verify(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<InquiryHistoryVerification> {
    return this.inquiries.verify(user, id);
  }

  @Requires('inquiry.act')
  @Post(':id/disposition')
  @HttpCode(200)
  dispose(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DispositionDto): Promise<InquiryView> {
    return this.inquiries.dispose(user, id, dto);
  }

  @Requires('inquiry.act')
  @Post(':id/acknowledgement')
  @HttpCode(200)
  acknowledge(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<InquiryView> {
    return this.inquiries.acknowledge(user, id);
  }

  @Requires('inquiry.act')
  @Post(':id/reminder')
  @HttpCode(200)
  remind(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReminderDto): Promise<InquiryView> {
    return this.inquiries.remind(user, id, dto.note);
  }

  @Requires('inquiry.act')
  @Post(':id/follow-up')
  @HttpCode(200)
  followUp(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FollowUpDto): Promise<InquiryView> {
    return this.inquiries.followUp(user, id, dto);
  }

  @Requires('inquiry.act')
  @Post(':id/project')
  @HttpCode(200)
  linkProject(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LinkProjectDto): Promise<InquiryView> {
    return this.inquiries.linkProject(user, id, dto.projectId);
  }
}
