/** A plain static file server on 127.0.0.1 that sends no special headers: a host like GitHub Pages. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Serves `dir` at `base` (`/pj/` for a GitHub Pages project site): `url` is the
 * server's origin, and anything outside the base is a 404, as it would be there.
 */
export async function serveStatic(dir: string, base = '/'): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const requested = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const inBase = requested.startsWith(base) || `${requested}/` === base;
    const path = normalize(requested.slice(base.length - 1)).replace(/^(\.\.[/\\])+/, '');
    let file = inBase ? join(dir, path) : '';
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
