import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MaterialsModule } from '../materials/materials.module';
import { ProjectsModule } from '../projects/projects.module';
import { PublicStatusController } from './public-status.controller';
import { PublicStatusService } from './public-status.service';

@Module({
  imports: [AuthModule, MaterialsModule, ProjectsModule],
  controllers: [PublicStatusController],
  providers: [PublicStatusService],
})
export class PublicStatusModule {}
