import 'reflect-metadata';
import { startHub } from './app/start-hub';

export { startHub };
export { loadConfig } from './config/hub-config';

// `node dist/server/main.js` starts the hub from its environment; the embedded launcher
// (server/scripts/start.mjs) sets HUB_LAUNCHER=1 and calls startHub itself.
if (process.env['HUB_LAUNCHER'] !== '1') {
  startHub()
    .then((hub) => {
      const stop = () => void hub.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
