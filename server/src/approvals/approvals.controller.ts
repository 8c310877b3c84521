import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Requires } from '../auth/requires.decorator';
import { ApiTags } from '@nestjs/swagger';
import type { ApprovalItemView, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApprovalsService } from './approvals.service';
import { DecisionDto } from './decision.dto';

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
}
