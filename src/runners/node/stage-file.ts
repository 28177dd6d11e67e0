/** Which stage a test file grades, for both sides of the Node runner (the CLI's process must not load Vitest to know it). */
import { basename } from 'node:path';

/** The stage id of a test file: its name without `.test.ts`. */
export function stageOfFile(file: string): string {
  return basename(file).replace(/\.test\.ts$/, '');
}
