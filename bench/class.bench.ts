/**
 * A class of 30 graded in batch (issue 19's target: under 5 minutes on a
 * 2-core machine): `journey class grade --labs dns,tcp` over 8 solutions,
 * 6 starters, 6 partial submissions and the 10 hostile ones
 * (tests/support/class-submissions.ts), each in its own bubblewrap sandbox,
 * from an empty cache. The machine's load average before the run is shown
 * beside it, since other work on the cores slows every grade.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE, writeClass } from '../tests/support/class-submissions.ts';
import type { Benchmark } from './figure.ts';
import { root, timeCommand } from './process.ts';

/** Jobs at once: grading waits on timers and sockets as much as it computes, so one more than the cores. */
const JOBS = availableParallelism() + 1;

export const benchmark: Benchmark = {
  name: 'class grading',
  async run() {
    const base = mkdtempSync(join(tmpdir(), 'journey-bench-class-'));
    try {
      const submissions = join(base, 'submissions');
      mkdirSync(submissions);
      mkdirSync(join(base, 'secret'));
      writeClass(join(root, 'labs'), submissions, { solutions: 8, starters: 6, partial: 6, hostile: HOSTILE, labs: ['dns', 'tcp'] }, { root, submissions, secret: join(base, 'secret'), port: 9, marker: 'bench-class' });
      const load = loadavg()[0]!;
      const ms = timeCommand('node', ['bin/journey.mjs', 'class', 'grade', submissions, '--labs', 'dns,tcp', '--out', join(base, 'gradebook.csv'), '--jobs', String(JOBS)]);
      return [
        { name: `journey class grade: 30 students × dns,tcp, ${JOBS} jobs, cold cache (load average ${load.toFixed(1)} on ${availableParallelism()} cores before)`, value: ms / 1000, unit: 's', target: { op: '<=', value: 300 } },
      ];
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  },
};
