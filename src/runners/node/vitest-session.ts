/**
 * Runs a lab's graders with Vitest's Node API against one folder of learner
 * files and reports each test's result as it ends. `@impl/…`, resolved by
 * the course's rule (learner files from the target, the rest from given/), is
 * what makes one set of tests grade the solution, the starter or a workspace.
 * A session stays open between runs for `journey watch`: Vite keeps its
 * transforms and module graph, so a re-grade re-reads only the learner's
 * files and runs only the stages that import what changed.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { TestCase, TestModule, Vitest } from 'vitest/node';
import { createVitest, type Reporter } from 'vitest/node';
import type { ImplLayout } from '../../course/impl-layers.ts';
import { implPlugin } from '../../course/impl-plugin.ts';
import type { GraderEvent } from '../embedded/protocol.ts';
import { appendOutput, failureText, type LearnerFiles, type TestResult } from '../result.ts';
import type { Limits } from '../rules.ts';
import type { GraderContext } from './grader-setup.ts';
import { sparePool } from './spare-pool.ts';
import type { SpareThreads } from './spare-threads.ts';
import { stageOfFile } from './stage-file.ts';

/** What a session is opened for: one copy of a lab, graded under these limits. */
export interface SessionSetup {
  root: string;
  /** The course's modules by name (see course/aliases.ts). */
  aliases: Record<string, string>;
  /** Where `@impl/…` finds the learner's and the given files. */
  impl: ImplLayout;
  limits: Limits;
  /** The name of a test that must fail, added first to every stage (batch grading: a pass means tampering). */
  canary?: string;
}

/** One run of a session. */
export interface RunOrder {
  /**
   * Absolute paths of the stage test files to run (`tests/<stage>.test.ts`),
   * in batches run one after another; a batch's files run side by side.
   */
  batches: string[][];
  /** The seed and progress channel every test worker gets (see grader-setup.ts). */
  context: GraderContext;
  /** Another run will follow (journey watch): its threads start as soon as this one has been reported. */
  warm?: boolean;
  /**
   * The learner files saved since this session's last run (journey watch):
   * only these are read again. Absent, every learner file is. (A new
   * session reads every file whatever this says: it has read none yet.)
   */
  changed?: readonly string[];
}

/** Results are reported as tests end; Vitest's own batching would lose the last ones before a hang (see progress-channel.ts). */
export type SessionEvent = Extract<GraderEvent, { kind: 'test-end' | 'stage-end' | 'run-end' }>;

/**
 * Stage files graded side by side: two cores' worth. A stage waiting on a
 * timer or a socket (the DNS wire stage waits a second for a reply that must
 * not come) no longer holds up the others; the watchdog watches each stage apart.
 */
const PARALLEL_STAGES = 2;

function testResult(test: TestCase, output: Map<string, string>, learner: LearnerFiles): TestResult {
  const result = test.result();
  const status = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
  const errors = result.errors ?? [];
  const message = status === 'failed' && errors.length ? failureText(errors, learner) : undefined;
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
function moduleError(module: TestModule, learner: LearnerFiles): string | undefined {
  const errors = module.errors();
  return errors.length ? failureText(errors.map((e) => ({ ...e, name: e.name ?? 'Error' })), learner) : undefined;
}

function reporter(emit: (event: SessionEvent) => void, setup: SessionSetup): Reporter {
  const output = new Map<string, string>();
  return {
    onTestRunStart() {
      output.clear();
    },
    onUserConsoleLog(log) {
      if (log.taskId) output.set(log.taskId, appendOutput(output.get(log.taskId), log.content, setup.limits.outputChars));
    },
    onTestCaseResult(test) {
      emit({ kind: 'test-end', stage: stageOfFile(test.module.moduleId), result: testResult(test, output, setup.impl) });
    },
    onTestModuleEnd(module) {
      const error = moduleError(module, setup.impl);
      emit({ kind: 'stage-end', stage: stageOfFile(module.moduleId), ...(error ? { error } : {}) });
    },
    onTestRunEnd(_modules, unhandled) {
      emit({ kind: 'run-end', unhandled: unhandled.map((e) => `${e.name ?? 'Error'}: ${e.message}`) });
    },
  };
}

/** One Vitest instance for one copy of a lab; runs as often as asked, one run at a time. */
export class VitestSession {
  private readonly vitest: Vitest;
  private readonly setup: SessionSetup;
  private readonly spares: SpareThreads;
  /** The most stage files one run of this session has had: what a save may run again. */
  private widest = 0;

  private constructor(vitest: Vitest, setup: SessionSetup, spares: SpareThreads) {
    this.vitest = vitest;
    this.setup = setup;
    this.spares = spares;
  }

  /** Opens a session whose results go to `emit`, whichever run they belong to, on threads from `spares`. */
  static async open(setup: SessionSetup, emit: (event: SessionEvent) => void, spares: SpareThreads): Promise<VitestSession> {
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    const vitest = await createVitest(
      'test',
      {
        root: setup.root,
        config: false,
        // Runs name their files; nothing is collected by pattern.
        include: [],
        watch: false,
        reporters: [reporter(emit, setup)],
        testTimeout: setup.limits.testMs,
        hookTimeout: setup.limits.testMs,
        teardownTimeout: 2_000,
        // Threads start faster than forked processes, and each stage file gets a fresh one, started ahead
        // of time (spare-threads.ts); a thread stuck in a loop is stopped with the grading child, which the
        // runner kills as a whole (see grade.ts).
        pool: sparePool(spares),
        maxWorkers: PARALLEL_STAGES,
        // A worker started with its own execArgv runs without the process's permission model (class/sandbox.ts
        // puts one on this process in batch grading): the test workers, where learner code runs, get it too.
        execArgv: process.execArgv.filter((arg) => arg === '--permission' || arg.startsWith('--allow-')),
        fileParallelism: true,
        passWithNoTests: true,
        setupFiles: [fileURLToPath(new URL('./grader-setup.ts', import.meta.url))],
      },
      {
        resolve: { alias: setup.aliases },
        plugins: [implPlugin(() => setup.impl)],
        logLevel: 'silent',
        cacheDir: join(setup.root, 'node_modules', '.vite-journey'),
        server: { watch: null },
      },
      // Vitest's own logging would interleave with the course's scoreboard.
      { stdout: quiet, stderr: quiet },
    );
    return new VitestSession(vitest, setup, spares);
  }

  /** Runs these stage files with a fresh read of the learner's files (those changed, if it knows); resolves when the run has ended. */
  async run(order: RunOrder): Promise<void> {
    const reread = order.changed ?? this.setup.impl.learnerFiles.map((name) => join(this.setup.impl.learnerDir, name));
    for (const file of reread) this.vitest.invalidateFile(file);
    this.vitest.provide('journey', order.context);
    const project = this.vitest.getRootProject();
    this.widest = Math.max(this.widest, order.batches.flat().length);
    for (const batch of order.batches) await this.vitest.runTestSpecifications(batch.map((file) => project.createSpecification(file)));
  }

  /** Starts a thread for every stage the next run may grade (a save can touch them all): they load while the learner edits. */
  readyNext(): void {
    this.spares.keep(this.widest);
  }

  /**
   * Which of these test files import any of the changed files, by the module
   * graph of the runs so far; undefined when a changed file is in no graph
   * (new to the session), so the caller runs them all.
   */
  dependents(changed: readonly string[], testFiles: readonly string[]): string[] | undefined {
    const found = new Set<string>();
    const environments = Object.values(this.vitest.getRootProject().vite.environments);
    for (const file of changed) {
      const modules = environments.flatMap((e) => [...(e.moduleGraph.getModulesByFile(file) ?? [])]);
      if (!modules.length) return undefined;
      const seen = new Set(modules);
      for (const module of seen) {
        if (module.file && testFiles.includes(module.file)) found.add(module.file);
        for (const importer of module.importers) seen.add(importer);
      }
    }
    return testFiles.filter((f) => found.has(f));
  }

  close(): Promise<void> {
    return this.vitest.close();
  }
}
