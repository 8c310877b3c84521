import { Global, Module } from '@nestjs/common';
import { CardCheckpointController } from './card-checkpoint.controller';
import { CardCheckpoints } from './card-checkpoint.service';
import { CardController } from './card.controller';
import { CardService } from './card.service';

@Global()
@Module({ controllers: [CardController, CardCheckpointController], providers: [CardService, CardCheckpoints], exports: [CardService] })
export class CardModule {}
