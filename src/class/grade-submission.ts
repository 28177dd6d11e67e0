/**
 * Grades one lab of one submission: the learner's files (any missing one
 * taken from the starter, as if untouched) are copied into a folder of their
 * own and graded with the course's tests in the sandbox, with a canary. The
 * outcome is cached by the hash of everything that decides it, so a batch
 * interrupted and run again resumes where it stopped.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';
import { gradeLab } from '../runners/node/grade.ts';
import { NOT_GRADED } from '../runners/passes.ts';
import type { GradeResult, Scoring } from '../runners/result.ts';
import { canaryName, takeCanary } from './canary.ts';
import { bubblewrapLauncher, type Isolation } from './sandbox.ts';
import type { LabFiles, Submission } from './submissions.ts';

/**
 * The runner's limits, but a shorter wall time for a whole lab: a correct
 * submission of the slowest lab grades in about 15 s, and one that keeps
 * every stage's loading stuck (a fork bomb) must not hold a job for long.
 */
const CLASS_LIMITS = { runMs: 90_000 };

/** How one lab of one submission came out: a gradebook row and the notes the log gives it. */
export interface LabGrade {
  student: string;
  lab: string;
  score: number;
  max: number;
  /** `tampered`: the canary passed (see canary.ts); `missing`: none of the lab's files were submitted. */
  status: 'pass' | 'fail' | 'error' | 'tampered' | 'missing';
  /** Points earned per stage id. */
  stages: Record<string, number>;
  commit?: string;
  submittedAt?: string;
  gradedAt: string;
  isolation: Isolation;
  /** What the log says about it: hung tests, stage errors, tampering, files left out. */
  notes: string[];
  /** True when this came from the cache rather than a grade now. */
  cached?: boolean;
}

/** Everything a job needs besides the submission. */
export interface JobContext {
  paths: CoursePaths;
  scoring: Scoring;
  isolation: { kind: 'bubblewrap'; bwrap: string } | { kind: 'none' };
  /** Where each job's copy of the learner's files is made (removed after). */
  workDir: string;
  /** Where outcomes are cached by content hash. */
  cacheDir: string;
}

/** Hash of what grading a lab reads from the course: its manifest, given code and tests. */
export function labFingerprint(lab: Lab): string {
  const hash = createHash('sha256');
  const add = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()) {
      hash.update(entry).update('\0').update(readFileSync(entry)).update('\0');
    }
  };
  hash.update(readFileSync(join(lab.dir, 'lab.json')));
  add(join(lab.dir, 'given'));
  add(join(lab.dir, 'tests'));
  return hash.digest('hex');
}

function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The log's notes on a result: crashes, stage errors, hung tests, each named. */
function resultNotes(result: GradeResult): string[] {
  const notes: string[] = [];
  if (result.message) notes.push(`grading failed: ${firstLine(result.message)}`);
  for (const stage of result.stages) {
    if (stage.error) notes.push(`${stage.id}: stage error: ${firstLine(stage.error)}`);
    for (const test of stage.tests.filter((t) => t.status === 'hung')) notes.push(`${stage.id}: hung, stopped at its time limit: "${test.name}"`);
    const failed = stage.tests.filter((t) => t.status === 'failed');
    if (failed[0]) notes.push(`${stage.id}: ${failed.length} of ${stage.tests.length} tests failed, first "${failed[0].name}": ${firstLine(failed[0].message ?? '')}`);
  }
  return notes;
}

/**
 * The row's status: a run stopped at its wall-time limit after the learner's
 * code hung a stage is that code's failure (and cached like one); `error`
 * is kept for a grader that failed on its own.
 */
function statusOf(result: GradeResult): LabGrade['status'] {
  const learnersFault = result.stages.some((s) => (s.error && s.error !== NOT_GRADED) || s.tests.some((t) => t.status === 'hung'));
  return result.status === 'error' && learnersFault ? 'fail' : result.status;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Grades one lab of one submission (or takes it from the cache). Never throws for what the learner's code does. */
export async function gradeSubmission(context: JobContext, lab: Lab, submission: Submission, found: LabFiles, fingerprint: string): Promise<LabGrade> {
  const base = {
    student: submission.student,
    lab: lab.id,
    max: lab.manifest.stages.reduce((sum, s) => sum + s.points, 0),
    ...(found.commit ? { commit: found.commit } : {}),
    ...(found.submittedAt ? { submittedAt: found.submittedAt.toISOString() } : {}),
    isolation: context.isolation.kind,
  };
  const noStages = Object.fromEntries(lab.manifest.stages.map((s) => [s.id, 0]));
  if (!Object.keys(found.files).length) {
    return { ...base, score: 0, status: 'missing', stages: noStages, gradedAt: new Date().toISOString(), notes: [`no ${lab.id} files submitted`, ...found.problems] };
  }
  const files = { ...found.files };
  const notes = [...found.problems];
  for (const name of lab.manifest.files.filter((f) => !(f in files))) {
    files[name] = readFileSync(join(lab.dir, 'starter', name), 'utf8');
    notes.push(`${name} not submitted: graded the starter's`);
  }
  const key = cacheKey({ fingerprint, files, isolation: context.isolation.kind, scoring: context.scoring });
  const cached = join(context.cacheDir, `${key}.json`);
  if (existsSync(cached)) {
    try {
      const grade = JSON.parse(readFileSync(cached, 'utf8')) as LabGrade;
      return { ...grade, ...base, cached: true };
    } catch {
      // A cache file cut short by an interruption: grade again.
    }
  }
  const implDir = mkdtempSync(join(context.workDir, `${lab.id}-`));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(implDir, name), text);
    const canary = canaryName();
    const launcher = context.isolation.kind === 'bubblewrap' ? bubblewrapLauncher(context.isolation.bwrap, context.paths.root, lab, implDir) : undefined;
    const raw = await gradeLab({ paths: context.paths, lab, target: 'workspace', implDir, scoring: context.scoring, canary, limits: CLASS_LIMITS, ...(launcher ? { launcher } : {}) });
    const { result, tampered } = takeCanary(raw, canary, lab, context.scoring);
    notes.push(...tampered.map((t) => `tampering: ${t}`), ...resultNotes(result));
    const grade: LabGrade = {
      ...base,
      score: tampered.length ? 0 : result.score,
      status: tampered.length ? 'tampered' : statusOf(result),
      stages: tampered.length ? noStages : Object.fromEntries(result.stages.map((s) => [s.id, s.earned])),
      gradedAt: new Date().toISOString(),
      notes,
    };
    // An error may be the machine's (out of memory, a kill): grade it again next time.
    if (grade.status !== 'error') {
      mkdirSync(context.cacheDir, { recursive: true });
      // Written whole, then renamed: an interrupted write never leaves a cache entry.
      writeFileSync(`${cached}.part`, JSON.stringify(grade));
      renameSync(`${cached}.part`, cached);
    }
    return grade;
  } finally {
    rmSync(implDir, { recursive: true, force: true });
  }
}
