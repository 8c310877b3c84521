import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { HubConfig } from '../config/hub-config';
import { Database } from './database';
import { HubClock } from './hub-clock';
import { HUB_MIGRATIONS } from './migrations';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl,
          entities: [],
          migrations: HUB_MIGRATIONS,
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          synchronize: false,
          uuidExtension: 'pgcrypto',
          logging: ['error', 'migration'],
          extra: {
            max: 10,
            // A hung or frozen instance must not hold claimed deadlines forever (DESIGN: deadlines).
            options: '-c idle_in_transaction_session_timeout=15000 -c TimeZone=UTC',
          },
        }),
      ],
      providers: [Database, HubClock],
      exports: [Database, HubClock],
    };
  }
}
