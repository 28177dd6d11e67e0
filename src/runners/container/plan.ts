/**
 * Exactly what the WebContainer runner mounts and spawns, as plain data: the
 * browser mounts it, and the parity test writes it to a folder and runs it
 * with real Node. One function for both is what makes the test honest.
 */
import type { RunRequest } from '../embedded/protocol.ts';

export interface ContainerPlan {
  /** Path → file contents, relative to the container's working directory. */
  files: Record<string, string>;
  command: string;
  args: string[];
}

/** The files and command that run `run` with the bundled grader. */
export function containerPlan(graderSource: string, run: RunRequest): ContainerPlan {
  return {
    files: {
      'package.json': JSON.stringify({ name: 'journey-grader', private: true, type: 'module' }, null, 2),
      'grader.mjs': graderSource,
      'run.json': JSON.stringify(run),
    },
    command: 'node',
    args: ['grader.mjs', 'run.json'],
  };
}
