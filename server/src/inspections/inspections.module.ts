import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { InspectionsController } from './inspections.controller';

@Module({ imports: [MeetingsModule], controllers: [InspectionsController] })
export class InspectionsModule {}
