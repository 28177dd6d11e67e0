/** Messages between a page and its embedded grader (a Web Worker, or Node in a WebContainer). */
import type { PassEvent } from '../passes.ts';

/** Page → grader: run these stage files against these sources. */
export interface RunRequest {
  type: 'run';
  /** Virtual path → source text (module-graph.ts `runFiles`): learner files under /impl/, given files under /given/, tests under /tests/. */
  files: [string, string][];
  /** Stage ids, in order; stage `s` runs `/tests/<s>.test.ts`. */
  stages: string[];
  testTimeoutMs: number;
}

/** Grader → page: a test has started (sent before its body runs, so a hang can be named). */
export interface TestStart {
  kind: 'test-start';
  stage: string;
  name: string;
}

export type WorkerMessage = PassEvent | TestStart | { kind: 'ready' };
