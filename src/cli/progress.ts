/**
 * The learner's progress: the last grade of each lab's workspace, kept in
 * workspace/.journey/progress.json so `list` and `hint` know where they are.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from '../course/labs.ts';
import { labPoints } from '../course/manifest.ts';
import type { CoursePaths } from '../course/paths.ts';
import type { GradeResult } from '../runners/result.ts';

export interface LabProgress {
  score: number;
  max: number;
  gradedAt: string;
  stages: Record<string, { earned: number; points: number; passed: boolean }>;
}

function progressFile(paths: CoursePaths): string {
  return join(paths.workspace, '.journey', 'progress.json');
}

/** Every lab's last recorded workspace grade; an unreadable file counts as no progress. */
export function readProgress(paths: CoursePaths): Record<string, LabProgress> {
  const file = progressFile(paths);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, LabProgress>;
  } catch {
    return {};
  }
}

/** Records a workspace grade (grades of the solution or starter are not the learner's progress). */
export function recordProgress(paths: CoursePaths, lab: Lab, result: GradeResult): void {
  const all = readProgress(paths);
  const previous = all[result.lab]?.stages ?? {};
  const stages = { ...previous };
  for (const s of result.stages) {
    if (s.status !== 'not-run') stages[s.id] = { earned: s.earned, points: s.points, passed: s.status === 'passed' };
  }
  const score = Object.values(stages).reduce((sum, s) => sum + s.earned, 0);
  all[result.lab] = { score, max: labPoints(lab.manifest.stages), gradedAt: new Date().toISOString(), stages };
  mkdirSync(join(paths.workspace, '.journey'), { recursive: true });
  writeFileSync(progressFile(paths), JSON.stringify(all, null, 2) + '\n');
}
