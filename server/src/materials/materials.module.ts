import { Global, Module } from '@nestjs/common';
import { MaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';
import { ProjectSteps } from './project-steps';

@Global()
@Module({ controllers: [MaterialsController], providers: [MaterialsService, ProjectSteps], exports: [MaterialsService, ProjectSteps] })
export class MaterialsModule {}
