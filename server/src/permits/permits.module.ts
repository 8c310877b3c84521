import { Module } from '@nestjs/common';
import { CardModule } from '../card/card.module';
import { MaterialsModule } from '../materials/materials.module';
import { ProjectCompletionsModule } from '../projects/project-completions.module';
import { PermitsController } from './permits.controller';
import { PermitsService } from './permits.service';

@Module({ imports: [CardModule, MaterialsModule, ProjectCompletionsModule], controllers: [PermitsController], providers: [PermitsService] })
export class PermitsModule {}
