// The headers a deployment needs, in every host's format, from one source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CROSS_ORIGIN_ISOLATION, netlifyHeaders, vercelConfig } from '../src/course/deploy-headers.ts';
import { root } from './support/cli.ts';

describe('deploy configuration', () => {
  it('asks for cross-origin isolation', () => {
    expect(CROSS_ORIGIN_ISOLATION).toEqual({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
  });

  it('vercel.json at the root is the generated one (regenerate it if this fails)', () => {
    expect(JSON.parse(readFileSync(join(root, 'vercel.json'), 'utf8'))).toEqual(vercelConfig());
  });

  it('_headers (Netlify, Cloudflare Pages) sends both headers on every path', () => {
    expect(netlifyHeaders()).toBe('/*\n  Cross-Origin-Opener-Policy: same-origin\n  Cross-Origin-Embedder-Policy: require-corp\n');
  });
});
