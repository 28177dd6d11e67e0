/**
 * How long a learner waits for the local grader: `journey grade dns --target
 * solution` from a fresh process and an empty transform cache, and a `journey
 * watch` re-grade after a save (what watch runs per save: gradeLab in the
 * process that is already running).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadLab } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { gradeLab } from '../src/runners/node/grade.ts';
import { median, type Benchmark } from './figure.ts';
import { root, timeCommand } from './process.ts';

const RUNS = 5;

export const benchmark: Benchmark = {
  name: 'journey grade',
  async run() {
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(join(root, 'node_modules', '.vite-journey'), { recursive: true, force: true });
      cold.push(timeCommand(process.execPath, ['bin/journey.mjs', 'grade', 'dns', '--target', 'solution', '--json']));
    }
    const paths = coursePaths();
    const lab = loadLab(paths, 'dns');
    await gradeLab({ paths, lab, target: 'solution' });
    const regrade: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await gradeLab({ paths, lab, target: 'solution' });
      regrade.push(performance.now() - started);
    }
    return [
      { name: `journey grade dns --target solution (cold, median of ${RUNS})`, value: median(cold), unit: 'ms', target: { op: '<=', value: 1500 } },
      { name: `journey watch dns: re-grade after a save (median of ${RUNS})`, value: median(regrade), unit: 'ms', target: { op: '<=', value: 500 } },
    ];
  },
};
