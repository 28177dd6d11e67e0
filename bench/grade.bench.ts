/** How long a learner waits for `journey grade dns --target solution`, from a fresh process and an empty transform cache. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { median, type Benchmark } from './figure.ts';
import { root, timeCommand } from './process.ts';

const RUNS = 5;

export const benchmark: Benchmark = {
  name: 'journey grade',
  async run() {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(join(root, 'node_modules', '.vite-journey'), { recursive: true, force: true });
      samples.push(timeCommand(process.execPath, ['bin/journey.mjs', 'grade', 'dns', '--target', 'solution', '--json']));
    }
    return [
      {
        name: `journey grade dns --target solution (cold, median of ${RUNS})`,
        value: median(samples),
        unit: 'ms',
        target: { op: '<=', value: 5000 },
      },
    ];
  },
};
