import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { Requires } from '../auth/requires.decorator';
import { ApiTags } from '@nestjs/swagger';
import type { ProjectView, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { AdmitProjectDto, NationalCodeDto, RefuseAdmissionDto, RegisterProjectDto, WithdrawProjectDto } from './project.dto';
import { ProjectLifeService } from './project-life.service';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly life: ProjectLifeService,
  ) {}

  @Requires('project.register')
  @Post()
  register(@CurrentUser() user: SessionUser, @Body() dto: RegisterProjectDto): Promise<ProjectView> {
    return this.projects.register(user, dto);
  }

  @Requires('project.read')
  @Get(':id')
  get(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectView> {
    return this.projects.view(user, id);
  }

  @Requires('project.admit')
  @Post(':id/admission')
  @HttpCode(200)
  admit(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AdmitProjectDto): Promise<ProjectView> {
    return this.projects.admit(user, id, dto);
  }

  /** R3 Decision: a leader refuses admission, with a reason. */
  @Requires('project.admit')
  @Post(':id/admission-refusal')
  @HttpCode(200)
  refuseAdmission(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RefuseAdmissionDto,
  ): Promise<ProjectView> {
    return this.projects.refuseAdmission(user, id, dto);
  }

  @Requires('project.edit')
  @Put(':id/national-code')
  nationalCode(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: NationalCodeDto,
  ): Promise<ProjectView> {
    return this.life.setNationalCode(user, id, dto);
  }

  @Requires('project.withdraw')
  @Post(':id/withdrawal')
  @HttpCode(200)
  withdraw(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WithdrawProjectDto,
  ): Promise<ProjectView> {
    return this.life.withdraw(user, id, dto);
  }
}
