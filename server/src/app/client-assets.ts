import type express from 'express';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Types the client build precompresses (client/scripts/precompress.mjs); images and fonts are compressed already. */
const COMPRESSIBLE: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
/** Angular's output hashing names files `main-ABCD1234.js`: their content never changes under that name. */
const HASHED = /-[A-Z0-9]{8,}\.(js|mjs|css)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: always revalidate it. */
const REVALIDATE = 'no-cache';

type Encoding = 'br' | 'gzip' | 'identity';

export interface ClientAsset {
  type: string;
  cacheControl: string;
  bodies: Partial<Record<Encoding, Buffer>> & { identity: Buffer };
}

/**
 * The built client's text assets with the brotli and gzip copies the build wrote beside them
 * (`main-….js.br`, `.gz`), held in memory: a few hundred kilobytes in all.
 */
export function loadClientAssets(dir: string): Map<string, ClientAsset> {
  const assets = new Map<string, ClientAsset>();
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const type = COMPRESSIBLE[extname(file)];
    if (!type) continue;
    const path = join(dir, file);
    const copy = (suffix: string) => (existsSync(path + suffix) ? readFileSync(path + suffix) : undefined);
    const url = '/' + file.split(/[\\/]/).join('/');
    assets.set(url, {
      type,
      cacheControl: HASHED.test(url) ? IMMUTABLE : REVALIDATE,
      bodies: { identity: readFileSync(path), br: copy('.br'), gzip: copy('.gz') },
    });
  }
  return assets;
}

/** Serves a known text asset in the best encoding the browser accepts; anything else goes on. */
export function compressedAssets(assets: Map<string, ClientAsset>): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const asset = assets.get(req.path === '/' ? '/index.html' : req.path);
    if (!asset) return next();
    sendAsset(req, res, asset);
  };
}

export function sendAsset(req: express.Request, res: express.Response, asset: ClientAsset): void {
  const { bodies } = asset;
  // Browsers list gzip before br with equal weight; br is smaller, so it wins whenever accepted.
  const encoding: Encoding =
    bodies.br && req.acceptsEncodings('br') ? 'br' : bodies.gzip && req.acceptsEncodings('gzip') ? 'gzip' : 'identity';
  const body = bodies[encoding]!;
  res.setHeader('Content-Type', asset.type);
  res.setHeader('Cache-Control', asset.cacheControl);
  res.setHeader('Vary', 'Accept-Encoding');
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', String(body.length));
  res.status(200).end(req.method === 'HEAD' ? undefined : body);
}
