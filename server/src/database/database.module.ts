import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { HubConfig } from '../config/hub-config';
import { Database } from './database';
import { HubClock } from './hub-clock';

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
          // Migrations run before the app starts, under a lock (see migrate.ts).
          migrationsRun: false,
          synchronize: false,
          uuidExtension: 'pgcrypto',
          logging: ['error', 'migration'],
          extra: {
            max: 10,
            // A hung or frozen instance must not hold claimed deadlines for long (DESIGN: deadlines):
            // the hub's transactions are milliseconds long, so 1 s idle inside one means the instance is stuck
            // (and it may hold the stream lock every writer needs).
            options: '-c idle_in_transaction_session_timeout=1000 -c TimeZone=UTC',
          },
        }),
      ],
      providers: [Database, HubClock],
      exports: [Database, HubClock],
    };
  }
}
