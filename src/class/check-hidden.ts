/**
 * `journey class check-hidden DIR`: a teacher's hidden tests checked like a
 * lab's own: each file must pass on the solution and fail on the starter
 * (a hidden test the starter passes checks nothing). The course's own
 * copies are trusted code, so this runs without the sandbox.
 */
import { join } from 'node:path';
import type { Lab } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';
import { gradeHidden, type HiddenTests } from './hidden.ts';

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
  const [solution, starter] = [await gradeHidden(paths, lab, hidden, 'solution', join(lab.dir, 'solution')), await gradeHidden(paths, lab, hidden, 'starter', join(lab.dir, 'starter'))];
  return hidden.entries.map((e, i) => ({ lab: lab.id, file: e.file, message: e.message, onSolution: solution[i]!.passed, onStarter: starter[i]!.passed }));
}
