/** Runs the real `journey` binary for tests, against a throwaway workspace. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const fixtureLabs = join(root, 'tests', 'fixtures', 'labs');
const bin = join(root, 'bin', 'journey.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh, empty workspace folder. */
export function tempWorkspace(): string {
  return mkdtempSync(join(tmpdir(), 'journey-ws-'));
}

/** Runs `journey …args` with the given workspace (and labs and content folders), without colour. */
export function journey(args: string[], env: { workspace: string; labs?: string; content?: string }): CliRun {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      JOURNEY_WORKSPACE: env.workspace,
      ...(env.labs ? { JOURNEY_LABS: env.labs } : {}),
      ...(env.content ? { JOURNEY_CONTENT: env.content } : {}),
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
