/**
 * How long a learner waits for the local grader: `journey grade dns --target
 * solution` from a fresh process with an empty transform cache (Node's
 * compile cache as an earlier run of the CLI left it; the very first run
 * after `npm ci`, with no cache at all, is a figure of its own), and `journey
 * watch dns` itself: save one of the learner's files, wait for the new
 * scoreboard. Each of the lab's files is saved in turn, since a save re-runs
 * only the stages that import the file, a second after the last scoreboard:
 * a learner reads it and edits before saving again, while the watch readies
 * the next run's threads.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLab } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { median, type Benchmark } from './figure.ts';
import { root, timeCommand } from './process.ts';

const RUNS = 5;
/** From one scoreboard to the next save: the least a learner spends reading it and editing. */
const EDIT_MS = 1_000;
const GRADE = ['bin/journey.mjs', 'grade', 'dns', '--target', 'solution', '--json'];
const transformCache = join(root, 'node_modules', '.vite-journey');
const compileCache = join(root, 'node_modules', '.cache', 'journey-node');

/** Milliseconds from saving each file (a comment appended) to the watch's next scoreboard. */
async function watchSaves(files: readonly string[]): Promise<number[]> {
  const base = mkdtempSync(join(tmpdir(), 'journey-bench-watch-'));
  const dir = join(base, 'dns');
  const paths = coursePaths();
  cpSync(join(loadLab(paths, 'dns').dir, 'solution'), dir, { recursive: true });
  const watch = spawn(process.execPath, ['bin/journey.mjs', 'watch', 'dns'], { cwd: root, env: { ...process.env, NO_COLOR: '1', JOURNEY_WORKSPACE: base }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let seen = 0;
  let wake = () => {};
  watch.stdout.on('data', (chunk) => {
    output += chunk;
    wake();
  });
  /** Resolves at the next scoreboard ("Watching … save a file"). */
  const scoreboard = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`journey watch printed no scoreboard within 60 s:\n${output.slice(-2000)}`)), 60_000);
      wake = () => {
        const count = output.split('Watching ').length - 1;
        if (count > seen) {
          seen = count;
          clearTimeout(timer);
          resolve();
        }
      };
      wake();
    });
  try {
    await scoreboard();
    const times: number[] = [];
    for (const file of files) {
      await new Promise((resolve) => setTimeout(resolve, EDIT_MS));
      const next = scoreboard();
      const started = performance.now();
      appendFileSync(join(dir, file), `\n// saved ${times.length}\n`);
      await next;
      times.push(performance.now() - started);
      if (!output.includes('Every stage passes')) throw new Error(`the watched solution stopped passing after saving ${file}:\n${output.slice(-2000)}`);
    }
    return times;
  } finally {
    watch.kill('SIGINT');
    await new Promise((resolve) => watch.once('exit', resolve));
    rmSync(base, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'journey grade',
  async run() {
    const first: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(transformCache, { recursive: true, force: true });
      rmSync(compileCache, { recursive: true, force: true });
      first.push(timeCommand(process.execPath, GRADE));
    }
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(transformCache, { recursive: true, force: true });
      cold.push(timeCommand(process.execPath, GRADE));
    }
    const files = loadLab(coursePaths(), 'dns').manifest.files;
    const saves = await watchSaves(files);
    return [
      { name: `journey grade dns --target solution (cold, median of ${RUNS})`, value: median(cold), unit: 'ms', target: { op: '<=', value: 1500 } },
      { name: `journey grade dns --target solution, first run after install: no caches (median of ${RUNS})`, value: median(first), unit: 'ms', target: { op: '<=', value: 1500 } },
      { name: `journey watch dns: save to new scoreboard (median over saving each of its ${files.length} files, ${EDIT_MS / 1000} s after the last)`, value: median(saves), unit: 'ms', target: { op: '<=', value: 500 } },
      { name: `journey watch dns: save to new scoreboard, slowest file`, value: Math.max(...saves), unit: 'ms', target: { op: '<=', value: 500 } },
    ];
  },
};
