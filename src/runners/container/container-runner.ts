/**
 * The full-Node runner: mounts the container plan, runs the grader with
 * Node, streams its output to a terminal and its events into the shared
 * grading passes. The container itself sits behind `ContainerDriver`, a seam
 * two methods wide: a WebContainer in the browser, a temp folder and a child
 * process in the parity test.
 */
import type { Manifest } from '../../course/manifest.ts';
import { feedWatch, runRequest } from '../embedded/protocol.ts';
import { gradeInPasses, type PassOutcome } from '../passes.ts';
import { DEFAULT_SCORING, notRunStage, type GradeResult, type Scoring } from '../result.ts';
import { LIMITS, reaches, type Limits } from '../rules.ts';
import { DEFAULT_SEED } from '../seed.ts';
import { EventLineSplitter } from './events.ts';
import { containerPlan, packageFilesFor } from './plan.ts';
import { requestFiles, type LabSources } from '../embedded/run-files.ts';

export interface ContainerProcess {
  output: ReadableStream<string>;
  exit: Promise<number>;
  kill(): void;
}

/** What the runner needs of a container. */
export interface ContainerDriver {
  mount(files: Record<string, string | Uint8Array>): Promise<void>;
  spawn(command: string, args: string[]): Promise<ContainerProcess>;
}

export interface ContainerGradeRequest extends LabSources {
  lab: string;
  target: string;
  manifest: Manifest;
  graderSource: string;
  /** Reads one of the package files the plan mounts beside the grader (plan.ts PACKAGE_FILES), asked for only when the lab's files import its package. */
  packageFile?: (name: string) => Promise<Uint8Array>;
  /** The course's scoring (course.json); all-or-nothing by default. */
  scoring?: Scoring;
  /** Overrides of the runner's limits (tests use short ones). */
  limits?: Partial<Limits>;
  seed?: number;
  /** Terminal text (CRLF line ends), as the grader prints it. */
  onOutput?: (text: string) => void;
}

/** The package files a run needs, read before grading starts so their download is not timed as a stage's loading. */
async function loadPackageFiles(names: string[], read: ContainerGradeRequest['packageFile']): Promise<Record<string, Uint8Array>> {
  if (!names.length) return {};
  if (!read) throw new Error(`these files import a package whose files (${names.join(', ')}) this page cannot provide`);
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(name)] as const)));
}

/** Grades every stage the WebContainer reaches; the others are listed as not run here. */
export async function gradeInContainer(driver: ContainerDriver, request: ContainerGradeRequest): Promise<GradeResult> {
  const limits = { ...LIMITS.webcontainer, ...request.limits };
  const files = requestFiles(request);
  const run = (stages: readonly { id: string }[]) => runRequest(files, stages, limits, request.seed ?? DEFAULT_SEED);
  const packageFiles = await loadPackageFiles(packageFilesFor(run([])), request.packageFile);
  return gradeInPasses({
    lab: request.lab,
    target: request.target,
    runner: 'webcontainer',
    scoring: request.scoring ?? DEFAULT_SCORING,
    limits,
    stages: request.manifest.stages,
    notRun: (stage) => (reaches('webcontainer', stage.runsIn) ? undefined : notRunStage(stage)),
    runPass: async (stages, onEvent, watch, signal) => {
      const plan = containerPlan(request.graderSource, run(stages), packageFiles);
      await driver.mount(plan.files);
      const process = await driver.spawn(plan.command, plan.args);
      const stop = () => process.kill();
      signal.addEventListener('abort', stop, { once: true });
      let ended = false;
      const splitter = new EventLineSplitter();
      const reader = process.output.getReader();
      // A stopped process may never close its output: stop reading at once.
      const aborted = new Promise<{ done: true; value?: undefined }>((resolve) => signal.addEventListener('abort', () => resolve({ done: true }), { once: true }));
      try {
        for (;;) {
          const { value, done } = await Promise.race([reader.read(), aborted]);
          if (done || signal.aborted) break;
          const { text, events } = splitter.push(value);
          if (text) request.onOutput?.(text);
          for (const event of events) {
            if (event.kind === 'ready') continue;
            feedWatch(event, watch);
            onEvent(event);
            if (event.kind === 'run-end') ended = true;
          }
        }
      } finally {
        signal.removeEventListener('abort', stop);
        reader.releaseLock();
      }
      if (signal.aborted) return { kind: 'stopped' } satisfies PassOutcome;
      const code = await process.exit;
      return ended ? { kind: 'done' } : { kind: 'crash', message: `the grader exited with code ${code} before it finished` };
    },
  });
}
