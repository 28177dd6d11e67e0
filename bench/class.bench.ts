/**
 * A class of 30 graded in batch (issue 19's target: under 5 minutes on a
 * 2-core machine): `journey class grade --labs dns,tcp` over 8 solutions,
 * 6 starters, 6 partial submissions and the 10 hostile ones
 * (tests/support/class-submissions.ts), each in its own bubblewrap sandbox,
 * from an empty cache. The machine's load average before the run is shown
 * beside it, since other work on the cores slows every grade. While it runs,
 * the fork bomb's processes are counted: Node's permission model in the
 * sandbox refuses the first, and the task limit under it would hold the
 * rest, root or not (src/class/sandbox.test.ts).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_LIMITS } from '../src/class/sandbox.ts';
import { HOSTILE, markedProcesses, writeClass } from '../tests/support/class-submissions.ts';
import type { Benchmark } from './figure.ts';
import { root } from './process.ts';

/** Jobs at once: grading waits on timers and sockets as much as it computes, so one more than the cores. */
const JOBS = availableParallelism() + 1;

/** Runs the CLI, sampling the marked processes every 250 ms; resolves with its wall time and the most seen at once. */
function gradeWatching(args: string[], marker: string): Promise<{ ms: number; peak: number }> {
  const started = performance.now();
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, markedProcesses(marker).length)), 250);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'journey.mjs'), ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-3000)));
    child.on('close', (code) => {
      clearInterval(sample);
      if (code === 0) resolve({ ms: performance.now() - started, peak });
      else reject(new Error(`journey ${args.join(' ')} exited ${code}:\n${stderr}`));
    });
  });
}

export const benchmark: Benchmark = {
  name: 'class grading',
  async run() {
    const base = mkdtempSync(join(tmpdir(), 'journey-bench-class-'));
    const marker = `bench-class-${process.pid}`;
    try {
      const submissions = join(base, 'submissions');
      mkdirSync(submissions);
      mkdirSync(join(base, 'secret'));
      writeClass(join(root, 'labs'), submissions, { solutions: 8, starters: 6, partial: 6, hostile: HOSTILE, labs: ['dns', 'tcp'] }, { root, submissions, secret: join(base, 'secret'), port: 9, marker });
      const load = loadavg()[0]!;
      const { ms, peak } = await gradeWatching(['class', 'grade', submissions, '--labs', 'dns,tcp', '--out', join(base, 'gradebook.csv'), '--jobs', String(JOBS)], marker);
      const user = process.getuid?.() === 0 ? 'as root' : 'as an ordinary user';
      return [
        { name: `journey class grade: 30 students × dns,tcp, ${JOBS} jobs, cold cache (load average ${load.toFixed(1)} on ${availableParallelism()} cores before)`, value: ms / 1000, unit: 's', target: { op: '<=', value: 300 } },
        { name: `the fork bomb's processes at most at once, graded ${user} (sandbox task limit ${SANDBOX_LIMITS.tasks})`, value: peak, unit: 'processes', target: { op: '<=', value: SANDBOX_LIMITS.tasks } },
        { name: 'hostile processes left running after the batch', value: markedProcesses(marker).length, unit: 'processes', target: { op: '<=', value: 0 } },
      ];
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  },
};
