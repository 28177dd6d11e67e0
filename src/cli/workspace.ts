/** The learner's workspace: starting a lab, and resetting it without losing a byte. */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Lab } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';
import { workspaceTsconfig } from '../course/workspace-tsconfig.ts';

export interface StartOutcome {
  dir: string;
  copied: string[];
  kept: string[];
  /** Copies of given files left in the workspace by an older course: the grader reads given/ instead. */
  unused: string[];
}

/** The workspace tsconfig for the learner's editor, written when missing (see course/workspace-tsconfig.ts). */
function writeEditorConfig(paths: CoursePaths, lab: Lab, dir: string): void {
  const file = join(dir, 'tsconfig.json');
  if (!existsSync(file)) writeFileSync(file, workspaceTsconfig(paths, lab, dir));
}

/** Copies the starter's learner files that the workspace lacks; never touches files already there. */
export function startLab(paths: CoursePaths, lab: Lab): StartOutcome {
  const dir = join(paths.workspace, lab.id);
  mkdirSync(dir, { recursive: true });
  writeEditorConfig(paths, lab, dir);
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
  return { dir, copied, kept, unused: lab.manifest.given.filter((f) => existsSync(join(dir, f))) };
}

/** Moves a non-empty workspace/<lab>/ to workspace/.journey/backups/<lab>-<time>/; returns where. */
function backUp(paths: CoursePaths, lab: Lab, now: Date): string | undefined {
  const dir = join(paths.workspace, lab.id);
  if (!existsSync(dir) || readdirSync(dir).length === 0) return undefined;
  const backup = join(paths.workspace, '.journey', 'backups', `${lab.id}-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(join(backup, '..'), { recursive: true });
  renameSync(dir, backup);
  return backup;
}

/** Backs the lab's workspace up, then starts it afresh from the starter. */
export function resetLab(paths: CoursePaths, lab: Lab, now = new Date()): { backup?: string; start: StartOutcome } {
  const backup = backUp(paths, lab, now);
  return { ...(backup ? { backup } : {}), start: startLab(paths, lab) };
}

/** Backs the lab's workspace up, then writes the imported files (already validated) in its place. */
export function importLab(paths: CoursePaths, lab: Lab, files: Record<string, string>, now = new Date()): { backup?: string; dir: string } {
  const backup = backUp(paths, lab, now);
  const dir = join(paths.workspace, lab.id);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeEditorConfig(paths, lab, dir);
  return { ...(backup ? { backup } : {}), dir };
}

/** A path shown relative to the course root when it is inside it. */
export function shown(paths: CoursePaths, path: string): string {
  const rel = relative(paths.root, path);
  return rel.startsWith('..') ? path : rel;
}
