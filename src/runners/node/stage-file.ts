/** A stage's test file and a test file's stage, for both sides of the Node runner (the CLI's process must not load Vitest to know them). */
import { basename, join } from 'node:path';
import type { Lab } from '../../course/labs.ts';

/** The test file of a lab's stage: `tests/<stage>.test.ts`. */
export function stageFile(lab: Pick<Lab, 'dir'>, stage: string): string {
  return join(lab.dir, 'tests', `${stage}.test.ts`);
}

/** The stage id of a test file: its name without `.test.ts`. */
export function stageOfFile(file: string): string {
  return basename(file).replace(/\.test\.ts$/, '');
}
