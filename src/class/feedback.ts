/**
 * What a learner may be sent of a batch grade (`journey class grade
 * --feedback DIR`): `DIR/<student>/<lab>.json` with their score, status,
 * points per stage, the log's notes on the course's tests, and each hidden
 * test by its stage, points and the teacher's message alone (never its file,
 * source, expected values or output, which never leave its sandbox anyway).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabGrade } from './grade-submission.ts';

/** The learner's view of one grade. */
export function learnerFeedback(grade: LabGrade): object {
  return {
    student: grade.student,
    lab: grade.lab,
    score: grade.score,
    max: grade.max,
    status: grade.status,
    stages: grade.stages,
    notes: grade.notes,
    ...(grade.hidden ? { hidden: grade.hidden.map((h) => ({ stage: h.stage, points: h.points, message: h.message, passed: h.passed })) } : {}),
    gradedAt: grade.gradedAt,
  };
}

/** Writes every grade's feedback under `dir`, one folder per student. */
export function writeFeedback(dir: string, grades: readonly LabGrade[]): void {
  for (const grade of grades) {
    mkdirSync(join(dir, grade.student), { recursive: true });
    writeFileSync(join(dir, grade.student, `${grade.lab}.json`), JSON.stringify(learnerFeedback(grade), null, 2) + '\n');
  }
}
