/**
 * `journey class grade`: every submission × every chosen lab, `jobs` at a
 * time, each in its own sandboxed grading child. A crash or hang in one job
 * is that job's result, never the batch's end; results already cached are
 * taken as they are, so a re-run after an interruption resumes. Progress
 * (done, running, remaining) and one log line per job go to `report`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab } from '../course/labs.ts';
import { gradeSubmission, labFingerprint, type JobContext, type LabGrade } from './grade-submission.ts';
import { openToSandbox } from './sandbox.ts';
import { labFiles, type Submission } from './submissions.ts';

/** What the batch tells its caller as it goes. */
export interface BatchReport {
  /** A job ended: its grade (its log line is made from it). */
  graded(grade: LabGrade): void;
  /** Counts after any change. */
  progress(counts: { done: number; running: number; remaining: number }): void;
}

/** The log's line for one job: who, which lab, the score, the status, the isolation, and every note. */
export function logLine(grade: LabGrade): string {
  const hidden = grade.hidden ? ` hidden ${grade.hidden.filter((h) => h.passed).length}/${grade.hidden.length}` : '';
  const head = `${grade.student} ${grade.lab} ${grade.score}/${grade.max} ${grade.status}${hidden} [${grade.isolation === 'none' ? 'NO SANDBOX' : grade.isolation}]${grade.cached ? ' (cached)' : ''}`;
  return grade.notes.length ? `${head}\n${grade.notes.map((n) => `    ${n}`).join('\n')}` : head;
}

/** Grades every submission's every lab, `jobs` at a time; resolves with every grade. */
export async function gradeBatch(
  context: Omit<JobContext, 'workDir'>,
  labs: readonly Lab[],
  submissions: readonly Submission[],
  jobs: number,
  report: BatchReport,
): Promise<LabGrade[]> {
  const fingerprints = new Map(labs.map((lab) => [lab.id, labFingerprint(lab, context.hidden?.get(lab.id))]));
  const queue = submissions.flatMap((submission) => labs.map((lab) => ({ submission, lab })));
  const grades: LabGrade[] = [];
  const workDir = mkdtempSync(join(tmpdir(), 'journey-class-'));
  openToSandbox(workDir, 'traverse');
  let running = 0;
  const tell = () => report.progress({ done: grades.length, running, remaining: queue.length });
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      running++;
      tell();
      const { submission, lab } = job;
      const grade = await gradeSubmission({ ...context, workDir }, lab, submission, labFiles(submission, lab), fingerprints.get(lab.id)!).catch(
        (error: Error): LabGrade => ({
          student: submission.student,
          lab: lab.id,
          score: 0,
          max: lab.manifest.stages.reduce((sum, s) => sum + s.points, 0),
          status: 'error',
          stages: {},
          gradedAt: new Date().toISOString(),
          isolation: context.isolation.kind,
          notes: [`grading failed: ${error.message}`],
        }),
      );
      running--;
      grades.push(grade);
      report.graded(grade);
      tell();
    }
  };
  // A grading child is unreferenced while it is being killed and reaped (runners/node/grading-child.ts),
  // which a sandbox full of processes makes slow: without this, Node could see nothing left to wait for and exit.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  } finally {
    clearInterval(keepAlive);
    rmSync(workDir, { recursive: true, force: true });
  }
  return grades;
}
