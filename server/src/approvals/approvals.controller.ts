import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Requires } from '../auth/requires.decorator';
import { ApiTags } from '@nestjs/swagger';
import type { ApprovalItemView, ExplanationView, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApprovalsService } from './approvals.service';
import { DecisionDto } from './decision.dto';
import { DelayItemDto, ExtendItemDto, FileExplanationDto, RuleExplanationDto } from './deadline.dto';

@ApiTags('approval items')
@Controller('items')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Requires('item.accept')
  @Post(':id/acceptance')
  @HttpCode(200)
  accept(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<ApprovalItemView> {
    return this.approvals.accept(user, id);
  }

  @Requires('item.decide')
  @Post(':id/decision')
  @HttpCode(200)
  decide(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecisionDto): Promise<ApprovalItemView> {
    return this.approvals.decide(user, id, dto);
  }

  /** R12: a leader extends an undecided item's deadline. */
  @Requires('item.extend')
  @Post(':id/extension')
  @HttpCode(200)
  extend(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ExtendItemDto): Promise<ApprovalItemView> {
    return this.approvals.extend(user, id, dto);
  }

  /** R13: the window records a Delayed Approval Notice. */
  @Requires('item.delay')
  @Post(':id/delay')
  @HttpCode(200)
  delay(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DelayItemDto): Promise<ApprovalItemView> {
    return this.approvals.delay(user, id, dto);
  }

  /** R16: the item's department files a written explanation. */
  @Requires('explanation.file')
  @Post(':id/explanations')
  file(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FileExplanationDto,
  ): Promise<ExplanationView> {
    return this.approvals.fileExplanation(user, id, dto);
  }
}

@ApiTags('written explanations')
@Controller()
export class ExplanationsController {
  constructor(private readonly approvals: ApprovalsService) {}

  /** R16: a leader rules on a written explanation. */
  @Requires('explanation.rule')
  @Post('explanations/:id/ruling')
  @HttpCode(200)
  rule(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RuleExplanationDto,
  ): Promise<ExplanationView> {
    return this.approvals.ruleExplanation(user, id, dto);
  }

  @Requires('project.read')
  @Get('projects/:id/explanations')
  list(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<ExplanationView[]> {
    return this.approvals.explanations(user, id);
  }
}
