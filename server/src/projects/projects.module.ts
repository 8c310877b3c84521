import { Global, Module } from '@nestjs/common';
import { CardController } from './card.controller';
import { ProjectsController } from './projects.controller';
import { ProjectCompletions } from './project-completions';
import { ProjectLifeService } from './project-life.service';
import { ProjectsService } from './projects.service';

@Global()
@Module({ controllers: [ProjectsController, CardController], providers: [ProjectsService, ProjectLifeService, ProjectCompletions], exports: [ProjectsService, ProjectCompletions] })
export class ProjectsModule {}
