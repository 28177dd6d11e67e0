/** The site build's wall time, and the JavaScript a chapter page ships (gzip), read off the built HTML. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Benchmark } from './figure.ts';
import { root, timeCommand } from './process.ts';

/** Gzipped bytes of every script a page loads up front: inline modules and same-origin `src` files. */
export function pageScriptBytes(dist: string, page: string): number {
  const html = readFileSync(join(dist, page), 'utf8');
  let total = 0;
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = match[1] ?? '';
    if (/type="(application\/(ld\+)?json)"/.test(attrs)) continue;
    const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
    const code = src ? readFileSync(join(dist, src.replace(/^\//, ''))) : Buffer.from(match[2] ?? '');
    total += gzipSync(code, { level: 9 }).length;
  }
  return total;
}

export const benchmark: Benchmark = {
  name: 'site',
  async run() {
    const buildMs = timeCommand(process.execPath, [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build']);
    return [
      { name: 'site build (astro build, all pages)', value: buildMs / 1000, unit: 's', target: { op: '<=', value: 60 } },
      {
        name: 'JS shipped by the DNS chapter page before any interaction (gzip)',
        value: pageScriptBytes(join(root, 'dist'), 'chapters/dns/index.html') / 1024,
        unit: 'KiB',
        target: { op: '<=', value: 25 },
      },
    ];
  },
};
