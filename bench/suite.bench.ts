/** The whole test suite as CI runs it (`npm test`): type checks, unit and lab tests, build, browser tests. */
import type { Benchmark } from './figure.ts';
import { timeCommand } from './process.ts';

export const benchmark: Benchmark = {
  name: 'test suite',
  async run() {
    const ms = timeCommand('npm', ['test']);
    return [{ name: 'npm test (the full suite)', value: ms / 1000, unit: 's', target: { op: '<=', value: 600 } }];
  },
};
