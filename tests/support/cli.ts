/** Runs the real `journey` binary for tests, against a throwaway workspace. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const fixtureLabs = join(root, 'tests', 'fixtures', 'labs');
/** `journey` follows the system locale: the tests expect English unless they ask for another language. */
const ENGLISH = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
const bin = join(root, 'bin', 'journey.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh, empty workspace folder, removed when the test that asked for it ends. */
export function tempWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'journey-ws-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `journey …args` with the given workspace (and labs and content folders, and other variables), without colour. */
export function journey(args: string[], env: { workspace: string; labs?: string; content?: string; more?: NodeJS.ProcessEnv }): CliRun {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      ...ENGLISH,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      JOURNEY_WORKSPACE: env.workspace,
      ...(env.labs ? { JOURNEY_LABS: env.labs } : {}),
      ...(env.content ? { JOURNEY_CONTENT: env.content } : {}),
      ...env.more,
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `journey …args` in this process (no grading child is spared: use it for
 * commands that only read and write files, where a spawn would be most of the time).
 */
export async function journeyHere(args: string[], env: { workspace: string; labs?: string; more?: Record<string, string> }): Promise<CliRun> {
  const { main } = await import('../../src/cli/main.ts');
  const vars: Record<string, string> = { ...ENGLISH, JOURNEY_WORKSPACE: env.workspace, ...(env.labs ? { JOURNEY_LABS: env.labs } : {}), ...env.more };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  let stdout = '';
  let stderr = '';
  try {
    const code = await main(args, { out: (t) => (stdout += t + '\n'), err: (t) => (stderr += t + '\n'), isTTY: false });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
