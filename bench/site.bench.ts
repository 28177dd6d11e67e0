/** The site build's wall time. */
import { join } from 'node:path';
import type { Benchmark } from './figure.ts';
import { root, timeCommand } from './process.ts';

export const benchmark: Benchmark = {
  name: 'site',
  async run() {
    const buildMs = timeCommand(process.execPath, [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build']);
    return [{ name: 'site build (astro build, all pages)', value: buildMs / 1000, unit: 's', target: { op: '<=', value: 60 } }];
  },
};
