import { Module } from '@nestjs/common';
import { CardCheckpointController } from './card-checkpoint.controller';
import { CardCheckpoints } from './card-checkpoint.service';
import { CardService } from './card.service';
import { ProjectSteps } from './project-steps';

@Module({
  controllers: [CardCheckpointController],
  providers: [CardService, CardCheckpoints, ProjectSteps],
  exports: [CardService, ProjectSteps],
})
export class CardModule {}
