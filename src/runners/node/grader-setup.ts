/**
 * Loaded into every test worker (a thread of the grading child) before a stage's test file: fixes
 * fast-check's seed, and writes the progress channel's lines (see
 * progress-channel.ts) as the stage loads and each test starts and ends.
 * What Vitest provides for this is taken out of reach first, so learner code,
 * which loads after this file, cannot sign lines of its own.
 */
import * as fc from 'fast-check';
import { afterEach, beforeAll, beforeEach, expect, inject, test } from 'vitest';
import { failureText, type LearnerFiles, type ReportedError } from '../result.ts';
import { useSeed } from '../seed.ts';
import { progressWriter, type ProgressChannel } from './progress-channel.ts';

/** What the grading child provides to each test worker. */
export interface GraderContext {
  seed: number;
  progress: ProgressChannel;
  /** Where stack traces show the learner's files, to say where their code threw. */
  learner: LearnerFiles;
  /** The name of a test that must fail (see vitest-session.ts). */
  canary?: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    journey: GraderContext;
  }
}

const context = inject('journey');
const state = (globalThis as { __vitest_worker__?: { providedContext?: Record<string, unknown> } }).__vitest_worker__;
delete state?.providedContext?.['journey'];

useSeed(fc, context.seed);
const write = progressWriter(context.progress);
const file = expect.getState().testPath ?? '';
const started = new Map<string, number>();

write({ event: 'load', file });

// It runs after the stage's file (and the learner's code) has loaded, with the same `expect`: code that
// patched assertions or globals to pass, or forged results wholesale, makes it pass too.
if (context.canary) {
  const [want, got] = [context.canary, [...context.canary].reverse().join('')];
  test(context.canary, () => expect(got).toBe(want));
}

// Vitest reports these only when the whole run ends, which a later hang would prevent.
process.on('unhandledRejection', (reason) => {
  const e = reason as { name?: string; message?: string } | undefined;
  write({ event: 'unhandled', file, message: e && typeof e === 'object' && 'message' in e ? `${e.name ?? 'Error'}: ${e.message}` : `Error: ${String(reason)}` });
});

type Task = { type: string; name: string; fullTestName?: string; tasks?: Task[] };

/** Every test under a suite, in the order they run. */
function testNames(tasks: readonly Task[]): string[] {
  return tasks.flatMap((t) => (t.type === 'test' ? [t.fullTestName ?? t.name] : testNames(t.tasks ?? [])));
}

// Vitest passes the file's suite second; its first argument must be a (here empty) fixture pattern.
// eslint-disable-next-line no-empty-pattern
beforeAll(({}, suite) => {
  write({ event: 'tests', file, names: testNames((suite as unknown as Task).tasks ?? []) });
});

beforeEach(({ task }) => {
  started.set(task.id, Date.now());
  write({ event: 'start', file, name: task.fullTestName ?? task.name });
});

afterEach(({ task }) => {
  const errors = (task.result?.errors ?? []) as ReportedError[];
  const passed = task.result?.state !== 'fail';
  write({
    event: 'end',
    file,
    name: task.fullTestName ?? task.name,
    passed,
    ...(!passed && errors.length ? { message: failureText(errors, context.learner) } : {}),
    durationMs: Date.now() - (started.get(task.id) ?? Date.now()),
  });
});
