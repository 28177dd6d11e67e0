/**
 * Leaves nothing behind: every grading child runs in its own process group
 * (so one kill reaches everything it started) with a temp folder; both are registered
 * here while they live. When the CLI is interrupted (Ctrl+C, SIGTERM) or
 * exits, every live group is killed and every folder removed, then the signal
 * takes its usual course.
 */
import { rmSync } from 'node:fs';

const live = new Map<number, string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Kills a process group; quiet when it is already gone. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function reapAll(): void {
  for (const [pid, dir] of live) {
    killGroup(pid);
    rmSync(dir, { recursive: true, force: true });
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  reapAll();
  unlisten();
  // Nobody else handles it (`journey watch` does, to stop quietly): let it end the process as it would have.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function listen(): void {
  process.on('exit', reapAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function unlisten(): void {
  process.off('exit', reapAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Registers a child's group and temp folder; the returned function releases them once cleaned up. */
export function track(pid: number, dir: string): () => void {
  if (live.size === 0) listen();
  live.set(pid, dir);
  return () => {
    live.delete(pid);
    if (live.size === 0) unlisten();
  };
}
