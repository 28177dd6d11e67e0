/** The learner's workspace: starting a lab, and resetting it without losing a byte. */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Lab } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';

export interface StartOutcome {
  dir: string;
  copied: string[];
  kept: string[];
}

/** Copies the starter's learner files that the workspace lacks; never touches files already there. */
export function startLab(paths: CoursePaths, lab: Lab): StartOutcome {
  const dir = join(paths.workspace, lab.id);
  mkdirSync(dir, { recursive: true });
  const copied: string[] = [];
  const kept: string[] = [];
  for (const file of lab.manifest.files) {
    const to = join(dir, file);
    if (existsSync(to)) kept.push(file);
    else {
      cpSync(join(lab.dir, 'starter', file), to);
      copied.push(file);
    }
  }
  return { dir, copied, kept };
}

/** Moves the lab's workspace into workspace/.journey/backups/<lab>-<time>/, then starts it afresh. */
export function resetLab(paths: CoursePaths, lab: Lab, now = new Date()): { backup?: string; start: StartOutcome } {
  const dir = join(paths.workspace, lab.id);
  let backup: string | undefined;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    backup = join(paths.workspace, '.journey', 'backups', `${lab.id}-${stamp}`);
    mkdirSync(join(backup, '..'), { recursive: true });
    renameSync(dir, backup);
  }
  return { ...(backup ? { backup } : {}), start: startLab(paths, lab) };
}

/** A path shown relative to the course root when it is inside it. */
export function shown(paths: CoursePaths, path: string): string {
  const rel = relative(paths.root, path);
  return rel.startsWith('..') ? path : rel;
}
