import type { INestApplication } from '@nestjs/common';
import { loadConfig, type HubConfig } from '../config/hub-config';
import { DEMO_USERS, DemoData } from '../demo/demo-data';
import { createHubApp } from './create-hub-app';

export interface RunningHub {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

export const DEMO_PASSWORD_ENV = 'HUB_DEMO_PASSWORD';

/** Starts a hub instance: migrations, demo data when asked, HTTP and Socket.IO on one port. */
export async function startHub(config: HubConfig = loadConfig()): Promise<RunningHub> {
  const app = await createHubApp(config);
  await app.init();
  if (config.demoData) {
    const password = process.env[DEMO_PASSWORD_ENV] || 'greenchannel';
    await app.get(DemoData).loadIfEmpty(password);
    printDemoLogins(password);
  }
  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}`;
  console.log(`\nGreen Channel Hub ready on ${url}  (API docs: ${url}/api/docs)\n`);
  return { app, url, close: () => app.close() };
}

function printDemoLogins(password: string): void {
  console.log('\nDemo logins (password for all: %s):', password);
  for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(14)} ${u.role.padEnd(8)} ${u.displayName}`);
}
