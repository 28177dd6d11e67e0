/**
 * The full-Node runner: mounts the container plan, runs the grader with
 * Node, streams its output to a terminal and its events into the shared
 * grading passes. The container itself sits behind `ContainerDriver`, a seam
 * two methods wide: a WebContainer in the browser, a temp folder and a child
 * process in the parity test.
 */
import type { Manifest } from '../../course/manifest.ts';
import type { WorkerMessage } from '../embedded/protocol.ts';
import { gradeInPasses, type PassEvent, type PassOutcome } from '../passes.ts';
import { notRunStage, type GradeResult } from '../result.ts';
import { EventLineSplitter } from './events.ts';
import { containerPlan } from './plan.ts';

export interface ContainerProcess {
  output: ReadableStream<string>;
  exit: Promise<number>;
  kill(): void;
}

/** What the runner needs of a container. */
export interface ContainerDriver {
  mount(files: Record<string, string>): Promise<void>;
  spawn(command: string, args: string[]): Promise<ContainerProcess>;
}

/** Per-test limit in the container: `node` stages start real servers, so a little more than the worker. */
export const CONTAINER_TEST_TIMEOUT_MS = 10_000;
const GRACE_MS = 2_000;

export interface ContainerGradeRequest {
  lab: string;
  target: string;
  manifest: Manifest;
  learnerFiles: Record<string, string>;
  givenFiles: Record<string, string>;
  testFiles: Record<string, string>;
  graderSource: string;
  testTimeoutMs?: number;
  /** Terminal text (CRLF line ends), as the grader prints it. */
  onOutput?: (text: string) => void;
}

/** Grades every `pure` and `node` stage in the container; `host` stages are listed as not run here. */
export function gradeInContainer(driver: ContainerDriver, request: ContainerGradeRequest): Promise<GradeResult> {
  const limitMs = request.testTimeoutMs ?? CONTAINER_TEST_TIMEOUT_MS;
  return gradeInPasses({
    lab: request.lab,
    target: request.target,
    runner: 'webcontainer',
    stages: request.manifest.stages,
    notRun: (stage) => (stage.runsIn === 'host' ? notRunStage(stage) : undefined),
    runPass: async (stages, onEvent) => {
      const plan = containerPlan({
        graderSource: request.graderSource,
        manifest: request.manifest,
        learnerFiles: request.learnerFiles,
        givenFiles: request.givenFiles,
        testFiles: request.testFiles,
        stages: stages.map((s) => s.id),
        testTimeoutMs: limitMs,
      });
      await driver.mount(plan.files);
      const process = await driver.spawn(plan.command, plan.args);
      return watch(process, limitMs, onEvent, request.onOutput);
    },
  });
}

/** Reads the grader's output until it exits, killing it when a test overruns. */
async function watch(
  process: ContainerProcess,
  limitMs: number,
  onEvent: (event: PassEvent) => void,
  onOutput?: (text: string) => void,
): Promise<PassOutcome> {
  const splitter = new EventLineSplitter();
  let running: { stage: string; name: string } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hung: PassOutcome | undefined;
  let ended = false;
  const handle = (event: WorkerMessage) => {
    if (event.kind === 'ready') return;
    if (event.kind === 'test-start') {
      running = event;
      clearTimeout(timer);
      timer = setTimeout(() => {
        hung = { kind: 'hung', stage: running!.stage, name: running!.name, limitMs };
        process.kill();
      }, limitMs + GRACE_MS);
      return;
    }
    if (event.kind === 'test-end') clearTimeout(timer);
    if (event.kind === 'run-end') ended = true;
    onEvent(event);
  };
  const reader = process.output.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || hung) break;
      const { text, events } = splitter.push(value);
      if (text) onOutput?.(text);
      events.forEach(handle);
    }
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
  if (hung) return hung;
  const code = await process.exit;
  return ended ? { kind: 'done' } : { kind: 'crash', message: `the grader exited with code ${code} before it finished` };
}
