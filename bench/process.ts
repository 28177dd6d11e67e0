/** Timing whole commands for benchmarks. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command in the course root and returns its wall time in ms; throws with its output when it fails unexpectedly. */
export function timeCommand(command: string, args: string[], okCodes: readonly number[] = [0]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (!okCodes.includes(result.status ?? -1)) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${(result.stdout + result.stderr).slice(-3000)}`);
  }
  return ms;
}
