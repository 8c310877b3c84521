import { Body, Controller, Get, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AccountabilityItemsBehind, AccountabilityReport, CirculationStanding, NoticeSummary, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { FigureQueryDto, IssueCirculationDto, PeriodQueryDto, QuarterQueryDto } from './accountability.dto';
import { AccountabilityService } from './accountability.service';
import { CirculationService } from './circulation.service';

/** R21 the record per department and period (JSON, CSV, XLSX); R22 circulation. */
@ApiTags('accountability')
@Controller()
export class AccountabilityController {
  constructor(
    private readonly accountability: AccountabilityService,
    private readonly circulation: CirculationService,
  ) {}

  @Requires('accountability.read')
  @Get('accountability')
  report(@CurrentUser() user: SessionUser, @Query() period: PeriodQueryDto): Promise<AccountabilityReport> {
    return this.accountability.report(user, period);
  }

  /** Issue 14: the items behind one figure (each figure on the page links here). */
  @Requires('accountability.read')
  @Get('accountability/items')
  items(@CurrentUser() user: SessionUser, @Query() query: FigureQueryDto): Promise<AccountabilityItemsBehind> {
    return this.accountability.itemsBehind(user, { from: query.from, to: query.to }, query.figure, query.department ?? null);
  }

  /** For Excel: UTF-8 with BOM. */
  @Requires('accountability.read')
  @Get('accountability/csv')
  async csv(@CurrentUser() user: SessionUser, @Query() period: PeriodQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { filename, body } = await this.accountability.csv(user, period);
    res.attachment(filename).type('text/csv; charset=utf-8');
    return body;
  }

  @Requires('accountability.read')
  @Get('accountability/xlsx')
  async xlsx(@CurrentUser() user: SessionUser, @Query() period: PeriodQueryDto): Promise<StreamableFile> {
    const { filename, body } = await this.accountability.xlsx(user, period);
    return new StreamableFile(body, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${filename}"`,
    });
  }

  @Requires('accountability.read')
  @Get('circulation')
  standing(@CurrentUser() user: SessionUser, @Query() quarter: QuarterQueryDto): Promise<CirculationStanding> {
    return this.circulation.standing(user, quarter);
  }

  @Requires('circulation.issue')
  @Post('circulation-reports')
  issue(@CurrentUser() user: SessionUser, @Body() dto: IssueCirculationDto): Promise<NoticeSummary> {
    return this.circulation.issue(user, dto);
  }
}
