import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { MaterialsModule } from '../materials/materials.module';
import { ProjectsModule } from '../projects/projects.module';
import { DemoData } from './demo-data';

@Module({ imports: [ApprovalsModule, MaterialsModule, ProjectsModule], providers: [DemoData], exports: [DemoData] })
export class DemoModule {}
