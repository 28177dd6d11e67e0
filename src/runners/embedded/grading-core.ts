/**
 * The embedded grader: runs a lab's real test files with Vitest's own runner
 * (@vitest/runner, @vitest/expect) against files held in memory, reporting
 * each test's start before running it so a host can stop a test that never
 * returns. The browser worker and the WebContainer's Node both run this.
 */
import { startTests, type File, type Suite, type Test, type VitestRunner, type VitestRunnerConfig } from '@vitest/runner';
import { format } from '@vitest/utils/display';
import * as labKit from '../../lab-kit/index.ts';
import { appendOutput, causeOf, failureText, type ReportedError, type TestResult } from '../result.ts';
import { useSeed } from '../seed.ts';
import { importedPackages } from './imports.ts';
import { ModuleGraph, ModuleLoadError, ready, type ModuleHost } from './module-graph.ts';
import type { PrefetchRequest, RunRequest, WorkerMessage } from './protocol.ts';
import * as vitestShim from './vitest-shim.ts';

/** The modules lab tests may import by name. */
export const builtins: Record<string, Record<string, unknown>> = {
  vitest: vitestShim,
  '@lab-kit': labKit,
};

/** A module loaded by the first run whose files import it, and made ready for each run. */
interface LazyBuiltin {
  load(): Promise<Record<string, unknown>>;
  /** Prepares the module for one run (e.g. its seed). */
  forRun?(module: Record<string, unknown>, seed: number): void;
}

/** The lazily loaded built-ins, by name: modules that only some labs use, kept out of the worker's first download. */
const LAZY_BUILTINS: Record<string, LazyBuiltin> = {
  'fast-check': {
    // The part of fast-check the labs use (fast-check.ts), as a namespace: `import fc from` and named imports both work.
    load: async () => {
      const { default: fc } = await import('./fast-check.ts');
      return { ...fc, default: fc };
    },
    forRun: (fc, seed) => useSeed(fc as unknown as typeof import('fast-check'), seed),
  },
  // The network simulator: only the labs that build topologies import it.
  '@netsim': { load: () => import('../../netsim/index.ts') },
  // The CDN lab's reference cache.
  'http-cache-semantics': { load: () => import('http-cache-semantics') },
  // The inventory lab's database (PostgreSQL in WebAssembly, ≈ 5 MB): fetched only by a lab page whose files import it.
  '@electric-sql/pglite': { load: () => import('@electric-sql/pglite') },
};

/**
 * npm packages that only `node` stages import, as real peers (the ws library,
 * hessian.js, grpc-js):
 * a Node host serves them through `GradingHost.packages`; the browser worker,
 * which never runs a `node` stage, has none.
 */
export const NODE_PACKAGES = ['ws', 'hessian.js', '@grpc/grpc-js'] as const;

/**
 * npm packages that only `host` stages import (the pg client of a real
 * PostgreSQL server): only the local grader runs those stages, so no embedded
 * host serves them.
 */
export const HOST_PACKAGES = ['pg'] as const;

/** Every name lab files may import: eager, lazy, served by Node hosts, and left to the local grader. */
export const builtinNames: readonly string[] = [...Object.keys(builtins), ...Object.keys(LAZY_BUILTINS), ...NODE_PACKAGES, ...HOST_PACKAGES];

const loaded = new Map<string, Promise<Record<string, unknown>>>();

/** A lazy built-in's module, loaded once; a failed load (offline) is forgotten so the next run tries again. */
function loadLazy(name: string): Promise<Record<string, unknown>> {
  let module = loaded.get(name);
  if (!module) {
    module = LAZY_BUILTINS[name]!.load().catch((error: unknown) => {
      loaded.delete(name);
      throw error;
    });
    loaded.set(name, module);
  }
  return module;
}

/** The lazy built-ins these files import. */
function lazyImports(texts: Iterable<string>): string[] {
  return importedPackages(Object.keys(LAZY_BUILTINS), texts);
}

/** The built-in modules for a run: each lazy one joins them when a file imports it, prepared for the run. */
async function builtinsFor(files: ReadonlyMap<string, string>, seed: number): Promise<Record<string, Record<string, unknown>>> {
  const modules = { ...builtins };
  for (const name of lazyImports(files.values())) {
    let module: Record<string, unknown>;
    try {
      module = await loadLazy(name);
    } catch (error) {
      throw new Error(`the grader could not load ${name}, which these tests use (are you offline?): ${String(error)}`);
    }
    LAZY_BUILTINS[name]!.forRun?.(module, seed);
    modules[name] = module;
  }
  return modules;
}

/**
 * Fetches in the background the lazy modules a lab's files import, and only
 * those: a worker started while online then still grades the lab after the
 * connection drops, and a lab page never downloads another lab's packages.
 */
export function prefetchBuiltins(request: PrefetchRequest): void {
  for (const name of lazyImports(request.files.map(([, text]) => text))) loadLazy(name).catch(() => undefined);
}

export interface GradingHost extends ModuleHost {
  post(message: WorkerMessage): void;
  /** The NODE_PACKAGES this host can serve, by name (see node-packages.ts). */
  packages?: Record<string, Record<string, unknown>>;
  /** Skip a stage's tests after its first failure: for checks that only ask whether a stage fails (the mistakes check), not for grading. */
  bail?: boolean;
}

/** The test whose body is running, so console output lands on it. */
let current: string | undefined;
const outputs = new Map<string, string>();
let outputLimit = 4096;
/** Errors no test caught (an unhandled rejection), reported at the end of the run as Vitest does. */
const unhandled: string[] = [];

/** Sends the learner's console output to the test that printed it, instead of the host's console. */
export function captureConsole(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[method] = (...args: unknown[]) => {
      if (current) outputs.set(current, appendOutput(outputs.get(current), format(...args) + '\n', outputLimit));
    };
  }
}

/** Records an error outside any test; hosts call it from their unhandled-rejection listener. */
export function reportUnhandled(error: unknown): void {
  const e = error as { name?: string; message?: string } | undefined;
  unhandled.push(e && typeof e === 'object' && 'message' in e ? `${e.name ?? 'Error'}: ${e.message}` : `Error: ${String(error)}`);
}

/** "describe > it", as Vitest's reporters name a test (the Node runner's TestCase.fullName). */
function fullName(test: Test): string {
  return test.fullTestName ?? test.name;
}

function allTests(suite: Suite): Test[] {
  return suite.tasks.flatMap((t) => (t.type === 'test' ? [t] : t.type === 'suite' ? allTests(t) : []));
}

/** An error whose stacks (its own and its causes') name files instead of module URLs, so the learner's own frames can be found. */
function named(error: ReportedError, graph: ModuleGraph): ReportedError {
  const cause = causeOf(error);
  return { ...error, ...(error.stack ? { stack: graph.describe(error.stack) } : {}), ...(cause ? { cause: named(cause, graph) } : {}) };
}

function testResult(test: Test, graph: ModuleGraph): TestResult {
  const state = test.result?.state;
  const status = state === 'pass' ? 'passed' : state === 'fail' ? 'failed' : 'skipped';
  const message = graph.describe(failureText((test.result?.errors ?? []).map((e) => named(e, graph)), graph.layout));
  const output = outputs.get(test.id);
  return {
    name: fullName(test),
    status,
    ...(status === 'failed' && message ? { message } : {}),
    ...(output ? { output } : {}),
    durationMs: Math.round(test.result?.duration ?? 0),
  };
}

function runnerFor(graph: ModuleGraph, stage: string, testTimeoutMs: number, host: GradingHost): VitestRunner {
  let failed = false;
  const config: VitestRunnerConfig = {
    root: '/',
    setupFiles: [],
    name: undefined,
    passWithNoTests: true,
    testNamePattern: undefined,
    allowOnly: false,
    sequence: { seed: 0, hooks: 'stack', setupFiles: 'list' },
    chaiConfig: undefined,
    maxConcurrency: 1,
    testTimeout: testTimeoutMs,
    hookTimeout: testTimeoutMs,
    retry: 0,
    includeTaskLocation: false,
    tags: [],
    tagsFilter: undefined,
    strictTags: false,
  };
  return {
    config,
    onCollected(files) {
      host.post({ kind: 'stage-tests', stage, names: files.flatMap(allTests).map(fullName) });
    },
    importFile: async (filepath) => {
      await import(/* @vite-ignore */ graph.urlFor(filepath));
    },
    onBeforeRunTask(task) {
      if (task.type !== 'test') return;
      // The runner checks a test's mode after this hook, so a test marked here is skipped, hooks and all.
      if (failed && host.bail) {
        task.mode = 'skip';
        return;
      }
      current = task.id;
      vitestShim.resetExpectState(fullName(task), task.file.filepath);
      host.post({ kind: 'test-start', stage, name: fullName(task) });
    },
    onAfterRunTask(task) {
      if (task.type !== 'test') return;
      if (task.result?.state === 'fail') failed = true;
      current = undefined;
      host.post({ kind: 'test-end', stage, result: testResult(task, graph) });
    },
  };
}

function fileError(file: File | undefined, graph: ModuleGraph): string | undefined {
  const errors = file?.result?.errors ?? [];
  return errors.length ? graph.describe(errors.map((e) => `${e.name ?? 'Error'}: ${e.message}`).join('\n')) : undefined;
}

/** Runs each requested stage's test file in a fresh module graph, as Vitest isolates files. */
export async function runStages(request: RunRequest, host: GradingHost): Promise<void> {
  await ready;
  const files = new Map(request.files);
  outputLimit = request.limits.outputChars;
  unhandled.length = 0;
  let modules: Record<string, Record<string, unknown>>;
  try {
    modules = { ...(await builtinsFor(files, request.seed)), ...host.packages };
  } catch (error) {
    // Every stage still gets a result: say what could not be loaded, and why.
    for (const stage of request.stages) {
      host.post({ kind: 'stage-start', stage });
      host.post({ kind: 'stage-end', stage, error: error instanceof Error ? error.message : String(error) });
    }
    host.post({ kind: 'run-end', unhandled: [] });
    return;
  }
  for (const stage of request.stages) {
    const graph = new ModuleGraph(files, modules, host);
    const path = `/tests/${stage}.test.ts`;
    host.post({ kind: 'stage-start', stage });
    try {
      // Build the graph up front, so a syntax error names its file and line before any test runs.
      graph.urlFor(path);
      const [file] = await startTests([path], runnerFor(graph, stage, request.limits.testMs, host));
      const tests = file ? allTests(file) : [];
      const error = fileError(file, graph);
      host.post({ kind: 'stage-end', stage, ...(error || !tests.length ? { error: error ?? 'no tests ran' } : {}) });
    } catch (error) {
      const message = error instanceof ModuleLoadError ? error.message : graph.describe(String((error as Error).stack ?? error));
      host.post({ kind: 'stage-end', stage, error: message });
    } finally {
      graph.dispose();
      outputs.clear();
    }
  }
  // Rejections nobody handled are reported after a macrotask; let the last stage's arrive.
  await new Promise((resolve) => setTimeout(resolve, 0));
  host.post({ kind: 'run-end', unhandled: [...unhandled] });
}
