/**
 * Runs a lab's graders with Vitest's Node API against one folder of learner
 * files and reports each test as it starts and ends. `@impl/…`, resolved by
 * the course's rule (learner files from the target, the rest from given/), is
 * what makes one set of tests grade the solution, the starter or a workspace.
 */
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { TestCase, TestModule } from 'vitest/node';
import { createVitest, type Reporter } from 'vitest/node';
import type { ImplLayout } from '../../course/impl-layers.ts';
import { implPlugin } from '../../course/impl-plugin.ts';
import type { PassEvent } from '../passes.ts';
import { appendOutput, failureText, type TestResult } from '../result.ts';

/** Per-test time limit; a test of learner code that takes longer has a bug (or a loop). */
export const TEST_TIMEOUT_MS = 10_000;


export interface SessionOptions {
  root: string;
  /** The course's modules by name (see course/aliases.ts). */
  aliases: Record<string, string>;
  /** Where `@impl/…` finds the learner's and the given files. */
  impl: ImplLayout;
  /** Absolute paths of the stage test files to run (`tests/<stage>.test.ts`). */
  files: string[];
}

/** The stage id of a test file: its name without `.test.ts`. */
export function stageOfFile(file: string): string {
  return basename(file).replace(/\.test\.ts$/, '');
}

function testResult(test: TestCase, output: Map<string, string>): TestResult {
  const result = test.result();
  const status = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
  const errors = result.errors ?? [];
  const message = status === 'failed' && errors.length ? failureText(errors) : undefined;
  const printed = output.get(test.id);
  return {
    name: test.fullName,
    status,
    ...(message ? { message } : {}),
    ...(printed ? { output: printed } : {}),
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
}

/** An error that stopped a test file outside its tests (a syntax error, a throw on import). */
function moduleError(module: TestModule): string | undefined {
  const errors = module.errors();
  return errors.length ? errors.map((e) => `${e.name ?? 'Error'}: ${e.message}`).join('\n') : undefined;
}

function reporter(emit: (event: PassEvent) => void): Reporter {
  const output = new Map<string, string>();
  return {
    onUserConsoleLog(log) {
      if (log.taskId) output.set(log.taskId, appendOutput(output.get(log.taskId), log.content));
    },
    onTestCaseResult(test) {
      emit({ kind: 'test-end', stage: stageOfFile(test.module.moduleId), result: testResult(test, output) });
    },
    onTestModuleEnd(module) {
      const error = moduleError(module);
      emit({ kind: 'stage-end', stage: stageOfFile(module.moduleId), ...(error ? { error } : {}) });
    },
    onTestRunEnd(_modules, unhandled) {
      emit({ kind: 'run-end', unhandled: unhandled.map((e) => `${e.name ?? 'Error'}: ${e.message}`) });
    },
  };
}

/** Runs the files once, reporting through `emit`; resolves when the run has ended. */
export async function runSession(options: SessionOptions, emit: (event: PassEvent) => void): Promise<void> {
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const vitest = await createVitest(
    'test',
    {
      root: options.root,
      config: false,
      include: options.files,
      watch: false,
      reporters: [reporter(emit)],
      testTimeout: TEST_TIMEOUT_MS,
      hookTimeout: TEST_TIMEOUT_MS,
      teardownTimeout: 2_000,
      pool: 'forks',
      // One stage file at a time: the learner's code gets a core to itself, and a hang has one suspect.
      fileParallelism: false,
      passWithNoTests: true,
      setupFiles: [fileURLToPath(new URL('./progress-setup.ts', import.meta.url))],
    },
    {
      resolve: { alias: options.aliases },
      plugins: [implPlugin(() => options.impl)],
      logLevel: 'silent',
      cacheDir: join(options.root, 'node_modules', '.vite-journey'),
      server: { watch: null },
    },
    // Vitest's own logging would interleave with the course's scoreboard.
    { stdout: quiet, stderr: quiet },
  );
  try {
    await vitest.start();
  } finally {
    await vitest.close();
  }
}
