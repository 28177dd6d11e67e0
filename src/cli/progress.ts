/**
 * The learner's progress, kept in workspace/.journey/progress.json so `list`
 * and `hint` know where they are: each lab's latest grade and its best, so a
 * run that hung (0/100) never replaces a better one (10/100). Beside it,
 * hints.json counts the hints shown per stage, so `hint` reveals them one at a time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from '../course/labs.ts';
import { labPoints } from '../course/manifest.ts';
import type { CoursePaths } from '../course/paths.ts';
import type { GradeResult } from '../runners/result.ts';

export interface StageProgress {
  earned: number;
  points: number;
  passed: boolean;
}

/** One grade of the workspace: the score and each stage's part of it. */
export interface GradeRecord {
  score: number;
  max: number;
  gradedAt: string;
  stages: Record<string, StageProgress>;
}

export interface LabProgress {
  /** The last grade (a `--stage` run updates only its stages). */
  latest: GradeRecord;
  /** The highest-scoring grade so far. */
  best: GradeRecord;
}

type ProgressFile = Record<string, LabProgress>;
/** Per lab, per stage: how many hints the learner has seen. */
type HintsFile = Record<string, Record<string, number>>;

function stateFile(paths: CoursePaths, name: 'progress.json' | 'hints.json'): string {
  return join(paths.workspace, '.journey', name);
}

/** A state file's contents; a missing or unreadable file counts as empty. */
function readState(paths: CoursePaths, name: 'progress.json' | 'hints.json'): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(stateFile(paths, name), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function writeState(paths: CoursePaths, name: 'progress.json' | 'hints.json', value: object): void {
  mkdirSync(join(paths.workspace, '.journey'), { recursive: true });
  writeFileSync(stateFile(paths, name), JSON.stringify(value, null, 2) + '\n');
}

/** Reads one lab's entry; files written before `best` existed held only the last grade. */
function upgrade(entry: unknown): LabProgress | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const e = entry as Partial<LabProgress> & Partial<GradeRecord>;
  if (e.latest && e.best) return e as LabProgress;
  if (typeof e.score === 'number' && e.stages) {
    const record: GradeRecord = { score: e.score, max: e.max ?? 0, gradedAt: e.gradedAt ?? '', stages: e.stages };
    return { latest: record, best: record };
  }
  return undefined;
}

/** Every lab's progress; an unreadable file counts as no progress. */
export function readProgress(paths: CoursePaths): ProgressFile {
  return Object.fromEntries(
    Object.entries(readState(paths, 'progress.json')).flatMap(([lab, entry]) => {
      const progress = upgrade(entry);
      return progress ? [[lab, progress]] : [];
    }),
  );
}

/** Records a workspace grade as the latest, and as the best when it scores at least as high. */
export function recordProgress(paths: CoursePaths, lab: Lab, result: GradeResult, now = new Date()): LabProgress {
  const all = readProgress(paths);
  const previous = all[result.lab];
  const stages = { ...previous?.latest.stages };
  for (const s of result.stages) {
    if (s.status !== 'not-run') stages[s.id] = { earned: s.earned, points: s.points, passed: s.status === 'passed' };
  }
  const score = Object.values(stages).reduce((sum, s) => sum + s.earned, 0);
  const latest: GradeRecord = { score, max: labPoints(lab.manifest.stages), gradedAt: now.toISOString(), stages };
  const best = previous && previous.best.score > latest.score ? previous.best : latest;
  all[result.lab] = { latest, best };
  writeState(paths, 'progress.json', all);
  return all[result.lab]!;
}

/** How many hints of this stage the learner has seen. */
export function hintsShown(paths: CoursePaths, labId: string, stageId: string): number {
  const count = (readState(paths, 'hints.json') as HintsFile)[labId]?.[stageId];
  return typeof count === 'number' ? count : 0;
}

/** Counts one more hint of this stage as shown (never more than it has); returns the new count. */
export function revealHint(paths: CoursePaths, labId: string, stageId: string, available: number): number {
  const all = readState(paths, 'hints.json') as HintsFile;
  const shown = Math.min(available, hintsShown(paths, labId, stageId) + 1);
  all[labId] = { ...all[labId], [stageId]: shown };
  writeState(paths, 'hints.json', all);
  return shown;
}
