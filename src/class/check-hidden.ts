/**
 * `journey class check-hidden DIR`: a teacher's hidden tests checked like a
 * lab's own: each file must pass on the solution and fail on the starter
 * (a hidden test the starter passes checks nothing). The course's own
 * copies are trusted code, so this runs without the sandbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';
import { gradeLab } from '../runners/node/grade.ts';
import { hiddenId, hiddenLab, type HiddenTests } from './hidden.ts';

/** One hidden file's check: whether it passed on the solution and on the starter. */
export interface HiddenCheck {
  lab: string;
  file: string;
  message: string;
  onSolution: boolean;
  onStarter: boolean;
}

/** True when the file does what a hidden test must: passes on the solution, fails on the starter. */
export function checkPasses(check: HiddenCheck): boolean {
  return check.onSolution && !check.onStarter;
}

/** Grades the lab's hidden tests against its solution and its starter. */
export async function checkHidden(paths: CoursePaths, lab: Lab, hidden: HiddenTests): Promise<HiddenCheck[]> {
  const work = mkdtempSync(join(tmpdir(), 'journey-hidden-check-'));
  try {
    const secret = hiddenLab(lab, hidden, work);
    const passedOn = async (copy: 'solution' | 'starter') => {
      const result = await gradeLab({ paths, lab: secret, target: copy, implDir: join(lab.dir, copy), scoring: 'all-or-nothing' });
      return new Set(result.stages.filter((s) => s.status === 'passed').map((s) => s.id));
    };
    const [solution, starter] = [await passedOn('solution'), await passedOn('starter')];
    return hidden.entries.map((e) => ({ lab: lab.id, file: e.file, message: e.message, onSolution: solution.has(hiddenId(e)), onStarter: starter.has(hiddenId(e)) }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
