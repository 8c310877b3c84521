import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from './hub-config';

const pem = (type: 'ed25519' | 'rsa') =>
  (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 1024 }) : generateKeyPairSync('ed25519')).privateKey
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
const env = (extra: Record<string, string>) => ({ DATABASE_URL: 'postgres://hub@127.0.0.1/hub', ...extra });

describe('HUB_CHECKPOINT_KEY (R5: the checkpoint signing key is kept out of the database)', () => {
  it('R5: without it the hub refuses to start, saying how to make one', () => {
    expect(() => loadConfig(env({}))).toThrow(/HUB_CHECKPOINT_KEY is required.*openssl genpkey -algorithm ed25519/);
  });

  it('R5: only the test clock falls back to a key made for the process', () => {
    expect(loadConfig(env({ HUB_TEST_CLOCK: '1' })).checkpointKey).toBeNull();
  });

  it('R5: an Ed25519 PEM is taken as is, or written on one line with \\n escapes', () => {
    const key = pem('ed25519');
    expect(loadConfig(env({ HUB_CHECKPOINT_KEY: key })).checkpointKey).toBe(key);
    expect(loadConfig(env({ HUB_CHECKPOINT_KEY: key.replace(/\n/g, '\\n') })).checkpointKey).toBe(key);
  });

  it('R5: anything else is refused at start', () => {
    expect(() => loadConfig(env({ HUB_CHECKPOINT_KEY: 'secret' }))).toThrow(/not a private key in PEM format/);
    expect(() => loadConfig(env({ HUB_CHECKPOINT_KEY: pem('rsa') }))).toThrow(/must be an Ed25519 key, got rsa/);
  });
});
