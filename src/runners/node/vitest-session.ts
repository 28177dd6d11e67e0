/**
 * Runs a lab's graders with Vitest's Node API against one folder of learner
 * files and reports each test's result as it ends. `@impl/…`, resolved by
 * the course's rule (learner files from the target, the rest from given/), is
 * what makes one set of tests grade the solution, the starter or a workspace.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { TestCase, TestModule } from 'vitest/node';
import { createVitest, type Reporter } from 'vitest/node';
import type { ImplLayout } from '../../course/impl-layers.ts';
import { implPlugin } from '../../course/impl-plugin.ts';
import type { GraderEvent } from '../embedded/protocol.ts';
import { appendOutput, failureText, type TestResult } from '../result.ts';
import type { Limits } from '../rules.ts';
import type { GraderContext } from './grader-setup.ts';
import { stageOfFile } from './stage-file.ts';

export interface SessionOptions {
  root: string;
  /** The course's modules by name (see course/aliases.ts). */
  aliases: Record<string, string>;
  /** Where `@impl/…` finds the learner's and the given files. */
  impl: ImplLayout;
  /** Absolute paths of the stage test files to run (`tests/<stage>.test.ts`). */
  files: string[];
  limits: Limits;
  /** The seed and progress channel every test worker gets (see grader-setup.ts). */
  context: GraderContext;
}

/** Results are reported as tests end; Vitest's own batching would lose the last ones before a hang (see progress-channel.ts). */
type SessionEvent = Extract<GraderEvent, { kind: 'test-end' | 'stage-end' | 'run-end' }>;

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
  return errors.length ? failureText(errors.map((e) => ({ ...e, name: e.name ?? 'Error' }))) : undefined;
}

function reporter(emit: (event: SessionEvent) => void, outputChars: number): Reporter {
  const output = new Map<string, string>();
  return {
    onUserConsoleLog(log) {
      if (log.taskId) output.set(log.taskId, appendOutput(output.get(log.taskId), log.content, outputChars));
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
export async function runSession(options: SessionOptions, emit: (event: SessionEvent) => void): Promise<void> {
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const vitest = await createVitest(
    'test',
    {
      root: options.root,
      config: false,
      include: options.files,
      watch: false,
      reporters: [reporter(emit, options.limits.outputChars)],
      testTimeout: options.limits.testMs,
      hookTimeout: options.limits.testMs,
      teardownTimeout: 2_000,
      // Threads start faster than forked processes, and isolate each stage file as well; a thread stuck in
      // a loop is stopped with the grading child, which the runner kills as a whole (see grade.ts).
      pool: 'threads',
      // One stage file at a time: the learner's code gets a core to itself, and a hang has one suspect.
      fileParallelism: false,
      passWithNoTests: true,
      setupFiles: [fileURLToPath(new URL('./grader-setup.ts', import.meta.url))],
      provide: { journey: options.context },
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
