/**
 * Exactly what the WebContainer runner mounts and spawns, as plain data: the
 * browser mounts it, and the parity test writes it to a folder and runs it
 * with real Node. One function for both is what makes the test honest.
 */
import type { Manifest } from '../../course/manifest.ts';
import { runFiles } from '../embedded/run-files.ts';
import type { RunRequest } from '../embedded/protocol.ts';

export interface ContainerPlan {
  /** Path → file contents, relative to the container's working directory. */
  files: Record<string, string>;
  command: string;
  args: string[];
}

/** Stages the WebContainer can run: everything but `host` (no UDP, no tshark there). */
export function containerStages(manifest: Manifest, only?: readonly string[]): string[] {
  return manifest.stages.filter((s) => s.runsIn !== 'host' && (!only || only.includes(s.id))).map((s) => s.id);
}

export function containerPlan(options: {
  graderSource: string;
  manifest: Manifest;
  learnerFiles: Record<string, string>;
  givenFiles: Record<string, string>;
  testFiles: Record<string, string>;
  stages: string[];
  testTimeoutMs: number;
}): ContainerPlan {
  const run: RunRequest = {
    type: 'run',
    files: runFiles({ learnerFiles: options.manifest.files, learner: options.learnerFiles, given: options.givenFiles, tests: options.testFiles }),
    stages: options.stages,
    testTimeoutMs: options.testTimeoutMs,
  };
  return {
    files: {
      'package.json': JSON.stringify({ name: 'journey-grader', private: true, type: 'module' }, null, 2),
      'grader.mjs': options.graderSource,
      'run.json': JSON.stringify(run),
    },
    command: 'node',
    args: ['grader.mjs', 'run.json'],
  };
}
