import { Global, Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { MegaController } from './mega.controller';
import { MegaService } from './mega.service';

@Global()
@Module({ imports: [AlertsModule], controllers: [MegaController], providers: [MegaService], exports: [MegaService] })
export class MegaModule {}
