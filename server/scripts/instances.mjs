// Several hub instances of the built server (dist/server/main.js) on loopback, all on one
// PostgreSQL (DATABASE_URL). Used by the fault tests and benchmarks; runnable by hand:
//   DATABASE_URL=postgres://… node server/scripts/instances.mjs 3 4100
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = join(root, 'dist/server/main.js');

// One checkpoint signing key for every instance this script starts (HUB_CHECKPOINT_KEY is
// required without the test clock): a checkpoint taken on one verifies on all of them.
const CHECKPOINT_KEY = process.env.HUB_CHECKPOINT_KEY || generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });

// Instances never outlive the script that started them, even when it fails half-way.
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () => reject(new Error(`port ${port} is in use`)));
    probe.listen(port, '127.0.0.1', () => probe.close(resolve));
  });
}

/** Waits for /health of the child just started (a port still held by another process fails fast). */
async function waitHealthy(url, child, ms = 30000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`instance for ${url} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become healthy in ${ms} ms`);
}

/** One instance: start(), stop(), signal(sig); restartable on the same port. */
export class HubInstance {
  constructor(port, env) {
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.env = env;
    this.child = null;
    this.output = '';
  }

  async start() {
    await assertPortFree(this.port); // else /health would answer for whatever holds it
    this.child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, HUB_CHECKPOINT_KEY: CHECKPOINT_KEY, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = this.child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    const keep = (chunk) => (this.output = (this.output + chunk).slice(-20000));
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);
    await waitHealthy(this.url, this.child);
    return this;
  }

  signal(sig) {
    this.child?.kill(sig);
  }

  async stop(sig = 'SIGTERM') {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGCONT');
    child.kill(sig);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  }
}

export async function startInstances(count, basePort, env = {}) {
  const instances = Array.from({ length: count }, (_, i) => new HubInstance(basePort + i, env));
  await Promise.all(instances.map((i) => i.start()));
  return instances;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const [count = '3', basePort = '4100'] = process.argv.slice(2);
  const instances = await startInstances(Number(count), Number(basePort));
  for (const i of instances) console.log(`hub instance ready: ${i.url}`);
  const stopAll = async () => {
    await Promise.all(instances.map((i) => i.stop()));
    process.exit(0);
  };
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);
}
