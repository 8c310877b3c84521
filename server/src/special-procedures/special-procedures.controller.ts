import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SessionUser, SpecialProcedureView } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { EndSpecialProcedureDto, StartSpecialProcedureDto } from './special-procedure.dto';
import { SpecialProceduresService } from './special-procedures.service';

/** R10a: hearings, tenders, …, expert review: time not counted in the time limit. */
@ApiTags('special procedures')
@Controller('items/:id/special-procedures')
export class SpecialProceduresController {
  constructor(private readonly procedures: SpecialProceduresService) {}

  @Requires('project.read')
  @Get()
  list(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<SpecialProcedureView[]> {
    return this.procedures.list(user, id);
  }

  /** The window records that one began: the item's clock stops. */
  @Requires('item.special_procedure')
  @Post()
  start(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: StartSpecialProcedureDto,
  ): Promise<SpecialProcedureView> {
    return this.procedures.start(user, id, dto);
  }

  /** …and that it ended: the due instant moves by the working days it covered. */
  @Requires('item.special_procedure')
  @Post(':procedureId/end')
  @HttpCode(200)
  end(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('procedureId', ParseUUIDPipe) procedureId: string,
    @Body() dto: EndSpecialProcedureDto,
  ): Promise<SpecialProcedureView> {
    return this.procedures.end(user, id, procedureId, dto);
  }
}
