import type { INestApplication } from '@nestjs/common';
import { loadConfig, type HubConfig } from '../config/hub-config';
import { DEMO_USERS, DemoData } from '../demo/demo-data';
import { FIRST_ADMIN_USERNAME, FirstStartService, type FirstStart } from '../people/first-start.service';
import { createHubApp } from './create-hub-app';

export interface RunningHub {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

export const DEMO_PASSWORD_ENV = 'HUB_DEMO_PASSWORD';
/** R1: the first admin's initial password on an empty database (without it: a one-time setup link). */
export const ADMIN_PASSWORD_ENV = 'HUB_ADMIN_PASSWORD';

/** Starts a hub instance: migrations, demo data when asked (else the first admin), HTTP and Socket.IO on one port. */
export async function startHub(config: HubConfig = loadConfig()): Promise<RunningHub> {
  const app = await createHubApp(config);
  await app.init();
  if (config.demoData) {
    const password = process.env[DEMO_PASSWORD_ENV] || 'greenchannel';
    await app.get(DemoData).loadIfEmpty(password);
    printDemoLogins(password);
  }
  const firstStart = config.demoData ? null : await app.get(FirstStartService).prepare(process.env[ADMIN_PASSWORD_ENV] || undefined);
  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}`;
  if (firstStart) printFirstStart(firstStart, url);
  console.log(`\nGreen Channel Hub ready on ${url}  (API docs: ${url}/api/docs)\n`);
  return { app, url, close: () => app.close() };
}

function printDemoLogins(password: string): void {
  console.log('\nDemo logins (password for all: %s):', password);
  for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(14)} ${u.role.padEnd(8)} ${u.displayName}`);
}

function printFirstStart(start: FirstStart, url: string): void {
  if (start.kind === 'admin_created') {
    console.log(
      `\nFirst start: administrator "${FIRST_ADMIN_USERNAME}" created with the password from ${ADMIN_PASSWORD_ENV}; a new one is chosen at first login.`,
    );
  } else if (start.kind === 'setup_link') {
    console.log(
      `\nFirst start: set the password of administrator "${FIRST_ADMIN_USERNAME}" once, within 24 hours, at\n  ${url}/setup?token=${start.token}\n(a new link is printed at every start until it is used)`,
    );
  }
}
