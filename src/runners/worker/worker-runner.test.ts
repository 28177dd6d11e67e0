// The page side of the worker runner, against scripted workers (no browser):
// how it spreads stages over its workers, and that the result does not
// depend on how many there are or which finishes first. The real worker is
// graded in Chromium by tests/e2e/golden-worker.test.ts and lab-page.test.ts.
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../course/manifest.ts';
import type { RunRequest, WorkerMessage } from '../embedded/protocol.ts';
import type { GradeResult } from '../result.ts';
import { poolSize, WorkerRunner, type WorkerGradeRequest } from './worker-runner.ts';

/** How a scripted worker grades one stage: its tests, how long it takes on the test clock, and what it leaves behind. */
interface StageScript {
  tests: string[];
  failing?: string[];
  /** The stage's test that never returns (the watchdog must stop it). */
  hangs?: string;
  costMs?: number;
  unhandled?: string[];
}

/** A clock that moves only when a scripted worker spends time on a stage. */
class TestClock {
  ms = 0;
  readonly now = () => this.ms;
}

/** A stand-in for the grading worker that answers each run request from a script, a macrotask later. */
class ScriptedWorker {
  readonly requests: RunRequest[] = [];
  terminated = false;
  private readonly listeners: Record<string, ((event: unknown) => void)[]> = { message: [], error: [] };
  private readonly script: Record<string, StageScript>;
  private readonly clock: TestClock;

  /** `startError`: the worker fails to load with this error instead of becoming ready. */
  constructor(script: Record<string, StageScript>, clock: TestClock, startError?: string) {
    this.script = script;
    this.clock = clock;
    setTimeout(() => (startError ? this.listeners['error']!.forEach((l) => l({ message: startError })) : this.emit({ kind: 'ready' })));
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners[type]!.push(listener);
  }

  postMessage(request: RunRequest | { type: 'prefetch' }): void {
    if (request.type !== 'run') return;
    this.requests.push(request);
    setTimeout(() => this.run(request));
  }

  terminate(): void {
    this.terminated = true;
  }

  private run(request: RunRequest): void {
    const unhandled: string[] = [];
    for (const stage of request.stages) {
      const s = this.script[stage]!;
      this.emit({ kind: 'stage-start', stage });
      this.emit({ kind: 'stage-tests', stage, names: s.tests });
      for (const name of s.tests) {
        this.emit({ kind: 'test-start', stage, name });
        if (name === s.hangs) return;
        const failed = s.failing?.includes(name);
        this.emit({ kind: 'test-end', stage, result: { name, status: failed ? 'failed' : 'passed', ...(failed ? { message: `${name} failed` } : {}), durationMs: 1 } });
      }
      this.clock.ms += s.costMs ?? 1;
      this.emit({ kind: 'stage-end', stage });
      unhandled.push(...(s.unhandled ?? []));
    }
    this.emit({ kind: 'run-end', unhandled });
  }

  private emit(data: WorkerMessage): void {
    if (!this.terminated) for (const listener of this.listeners['message']!) listener({ data });
  }
}

const stage = (id: string) => ({ id, title: id, summary: id, points: 10, runsIn: 'pure' as const, hints: ['h'] });

function manifest(ids: string[]): Manifest {
  return { title: 'T', chapterPage: 'chapters/t', summary: 'S', files: ['a.ts'], given: [], stages: ids.map(stage) } as unknown as Manifest;
}

const SCRIPT: Record<string, StageScript> = {
  one: { tests: ['1a', '1b'], costMs: 10 },
  two: { tests: ['2a'], failing: ['2a'], costMs: 80, unhandled: ['Error: from two'] },
  three: { tests: ['3a', '3b', '3c'], costMs: 30 },
  four: { tests: ['4a'], costMs: 50, unhandled: ['Error: from four'] },
};

function setUp(size: number, script = SCRIPT) {
  const clock = new TestClock();
  const workers: ScriptedWorker[] = [];
  const runner = new WorkerRunner(
    () => {
      const worker = new ScriptedWorker(script, clock);
      workers.push(worker);
      return worker as unknown as Worker;
    },
    { size, now: clock.now },
  );
  const request: WorkerGradeRequest = {
    lab: 't',
    target: 'workspace',
    manifest: manifest(Object.keys(script)),
    learnerFiles: { 'a.ts': 'export {};' },
    givenFiles: {},
    testFiles: {},
    limits: { testMs: 20, graceMs: 20 },
  };
  return { runner, workers, request };
}

/** A result without its timing, the one field that differs between equal runs. */
const untimed = (result: GradeResult) => ({ ...result, durationMs: 0 });

describe('the worker runner', () => {
  it('grades stages side by side, one stage per request, with the result one worker gives', async () => {
    const two = setUp(2);
    const one = setUp(1);
    const [side, alone] = [await two.runner.grade(two.request), await one.runner.grade(one.request)];
    expect(two.workers).toHaveLength(2);
    const perWorker = two.workers.map((w) => w.requests.flatMap((r) => r.stages));
    expect(perWorker.every((stages) => stages.length > 0)).toBe(true);
    expect(perWorker.flat().sort()).toEqual(['four', 'one', 'three', 'two']);
    expect(two.workers.flatMap((w) => w.requests).every((r) => r.stages.length === 1)).toBe(true);
    expect(untimed(side)).toEqual(untimed(alone));
    expect(side.stages.map((s) => [s.id, s.status])).toEqual([
      ['one', 'passed'],
      ['two', 'failed'],
      ['three', 'passed'],
      ['four', 'passed'],
    ]);
    // The errors no test caught, in manifest order whichever worker finished first.
    expect(side.message).toBe('errors outside any test:\nError: from two\nError: from four');
  });

  it('starts the stages that took longest last time first', async () => {
    const { runner, workers, request } = setUp(1);
    await runner.grade(request);
    expect(workers[0]!.requests.map((r) => r.stages[0])).toEqual(['one', 'two', 'three', 'four']);
    await runner.grade(request);
    expect(workers[0]!.requests.slice(4).map((r) => r.stages[0])).toEqual(['two', 'four', 'three', 'one']);
  });

  it('stops both workers when one stage hangs, records the hung test, grades the rest, and starts fresh workers after', async () => {
    const script = { ...SCRIPT, three: { ...SCRIPT['three']!, hangs: '3b' } };
    const { runner, workers, request } = setUp(2, script);
    const result = await runner.grade(request);
    expect(workers).toHaveLength(2);
    expect(workers.every((w) => w.terminated)).toBe(true);
    const three = result.stages.find((s) => s.id === 'three')!;
    expect(three.tests.map((t) => [t.name, t.status])).toEqual([
      ['3a', 'passed'],
      ['3b', 'hung'],
      ['3c', 'not-run'],
    ]);
    expect(result.stages.filter((s) => s.id !== 'three').map((s) => s.status)).toEqual(['passed', 'failed', 'passed']);
    // Stages that finished before the stop keep what they left behind.
    expect(result.message).toBe('errors outside any test:\nError: from two\nError: from four');
    // The next run starts new workers.
    await runner.grade(request);
    expect(workers).toHaveLength(4);
  });

  it('reports a worker that cannot start as a crash, and starts new workers for the next run', async () => {
    let broken = true;
    const clock = new TestClock();
    const created: ScriptedWorker[] = [];
    const runner = new WorkerRunner(
      () => {
        const worker = new ScriptedWorker(SCRIPT, clock, broken ? 'SyntaxError: bad worker' : undefined);
        created.push(worker);
        return worker as unknown as Worker;
      },
      { size: 2, now: clock.now },
    );
    const { request } = setUp(2);
    const failed = await runner.grade(request);
    expect(failed.status).toBe('error');
    expect(failed.message).toContain('the grading worker failed to start: SyntaxError: bad worker');
    broken = false;
    expect((await runner.grade(request)).stages.map((s) => s.status)).toEqual(['passed', 'failed', 'passed', 'passed']);
    expect(created).toHaveLength(4);
  });

  it('grades with two workers only where the machine has four cores or more', () => {
    expect([undefined, 1, 2, 3, 4, 8].map(poolSize)).toEqual([1, 1, 1, 1, 2, 2]);
  });
});
