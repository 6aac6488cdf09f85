import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Express, RequestHandler } from 'express';

/** Built files named by their content (Vite's `[name]-[hash].[ext]`): a new build gives new names. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current build's files: revalidated on every load (it carries an ETag). */
export const REVALIDATE = 'no-cache';

/** The precompressed variants the build writes next to each asset (admin/precompress.ts), best first. */
const VARIANTS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** A file directly in assets/: no folder, no dot file, not one of the variants themselves. */
const ASSET_NAME = /^\/(?!\.)[\w.-]+$/;
const HASHED = /-[\w-]{8,}\.\w+$/;

/**
 * The encodings an Accept-Encoding header allows, with their weights (RFC 9110 §12.5.3): a coding
 * listed with q=0 is refused, `*` stands for the codings not listed.
 */
export function acceptedEncodings(header: string | undefined): (encoding: string) => number {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  return (encoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
}

const isFile = (file: string) =>
  stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * The built assets (admin/dist/assets): the brotli or gzip variant the client accepts (the one it
 * weighs highest, brotli on a tie), else the file itself; `Vary: Accept-Encoding` either way, so a
 * shared cache keeps them apart. Content-Type is the file's, Content-Length the variant's.
 */
function assets(dir: string): RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = req.path;
    if (!ASSET_NAME.test(name) || VARIANTS.some((v) => name.endsWith(v.suffix))) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', HASHED.test(name) ? IMMUTABLE : REVALIDATE);
    const weight = acceptedEncodings(req.headers['accept-encoding']);
    const candidates = VARIANTS.filter((v) => weight(v.encoding) > 0).sort((a, b) => weight(b.encoding) - weight(a.encoding));
    let sent = name;
    for (const v of candidates) {
      if (await isFile(path.join(dir, name + v.suffix))) {
        res.setHeader('Content-Encoding', v.encoding);
        res.type(path.extname(name));
        sent = name + v.suffix;
        break;
      }
    }
    res.sendFile(sent, { root: dir, cacheControl: false, dotfiles: 'deny' }, (err) => {
      if (!err) return;
      if (res.headersSent) return next(err);
      res.removeHeader('Content-Encoding');
      // Not the asset's year: a file missing now (a deployment half done) may be there next time.
      res.setHeader('Cache-Control', REVALIDATE);
      res.status(404).type('text/plain').send('Not found');
    });
  };
}

/** The console is built ahead of time (`npm run build`); nothing is built or compressed per request. */
export function mountConsole(app: Express, dist: string) {
  const index = path.join(dist, 'index.html');
  app.use('/admin/assets', assets(path.join(dist, 'assets')));
  // Every other console path is the single page (hash routes; /admin/index.html too).
  app.get(/^\/admin(\/.*)?$/, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The console is not built. Run `npm run build` (or `npm start`).');
      return;
    }
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(index);
  });
}
