import { Global, Module } from '@nestjs/common';
import { CardController } from './card.controller';
import { CardService } from './card.service';

@Global()
@Module({ controllers: [CardController], providers: [CardService], exports: [CardService] })
export class CardModule {}
