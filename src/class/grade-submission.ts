/**
 * Grades one lab of one submission: the learner's files (any missing one
 * taken from the starter, as if untouched) are copied into a folder of their
 * own and graded with the course's tests in the sandbox, with a canary. The
 * outcome is cached by the hash of everything that decides it, so a batch
 * interrupted and run again resumes where it stopped.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';
import { gradeLab } from '../runners/node/grade.ts';
import { NOT_GRADED } from '../runners/passes.ts';
import type { GradeResult, Scoring } from '../runners/result.ts';
import { canaryName, takeCanary } from './canary.ts';
import { hiddenLab, hiddenPassed, type HiddenTests } from './hidden.ts';
import { bubblewrapLauncher, openToSandbox, type Isolation } from './sandbox.ts';
import type { LabFiles, Submission } from './submissions.ts';

/**
 * The default wall time for one lab of one submission, shorter than the
 * runner's: a correct submission of the slowest lab grades in about 15 s, and
 * one that keeps every stage's loading stuck (a fork bomb) must not hold a
 * job for long.
 */
export const DEFAULT_LAB_MS = 90_000;

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
  /** The sandbox it graded in, or `student CI` for a result collected from the student's own CI run (collect.ts). */
  isolation: Isolation | 'student CI';
  /** The hidden tests' outcomes, each by the teacher's message only. */
  hidden?: HiddenResult[];
  /** The course's tests, each passed or not (none for a tampered submission, whose results mean nothing). */
  tests?: TestOutcome[];
  /** What the log says about it: hung tests, stage errors, tampering, files left out. */
  notes: string[];
  /** True when this came from the cache rather than a grade now. */
  cached?: boolean;
}

/** One of the course's tests in one submission: its stage, its name, and whether it passed. */
export interface TestOutcome {
  stage: string;
  name: string;
  passed: boolean;
}

/** Every test of a result, by stage (hung, not-run and failed alike count as not passed). */
export function testOutcomes(result: GradeResult): TestOutcome[] {
  return result.stages.flatMap((stage) => stage.tests.map((t) => ({ stage: stage.id, name: t.name, passed: t.status === 'passed' })));
}

/** One hidden test file's outcome: what a learner may be shown of it. */
export interface HiddenResult {
  file: string;
  stage: string;
  points: number;
  message: string;
  passed: boolean;
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
  /** The teacher's hidden tests, by lab id (see hidden.ts). */
  hidden?: ReadonlyMap<string, HiddenTests>;
  /** Wall time for one lab of one submission (DEFAULT_LAB_MS unless the teacher chose). */
  labMs: number;
  /** Time for one test, or one stage's loading, before it counts as hung (the course's unless the teacher chose). */
  testMs: number;
}

/** Hash of what grading a lab reads: its manifest, given code and tests, and the teacher's hidden tests for it. */
export function labFingerprint(lab: Lab, hidden?: HiddenTests): string {
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
  if (hidden) add(hidden.dir);
  return hash.digest('hex');
}

function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The log's notes on a result: crashes, stage errors, hung tests, each named. */
export function resultNotes(result: GradeResult): string[] {
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
  const key = cacheKey({ fingerprint, files, isolation: context.isolation.kind, scoring: context.scoring, labMs: context.labMs, testMs: context.testMs });
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
  const hidden = context.hidden?.get(lab.id);
  const secretLab = hidden ? hiddenLab(lab, hidden, context.workDir) : undefined;
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(implDir, name), text);
    openToSandbox(implDir, 'read');
    if (secretLab) openToSandbox(secretLab.dir, 'read');
    const { result, tampered } = await gradeSandboxed(context, lab, implDir, context.scoring);
    notes.push(...tampered.map((t) => `tampering: ${t}`), ...resultNotes(result));
    const stages = Object.fromEntries(result.stages.map((s) => [s.id, s.earned]));
    let score = result.score;
    let max = base.max;
    const hiddenResults: HiddenResult[] = [];
    if (hidden && secretLab) {
      // A run of its own: whatever the hidden tests print or fail with stays in that sandbox.
      const secret = await gradeSandboxed(context, secretLab, implDir, 'all-or-nothing');
      tampered.push(...secret.tampered);
      notes.push(...secret.tampered.map((t) => `tampering (hidden tests): ${t}`));
      for (const entry of hiddenPassed(hidden, secret.result)) {
        hiddenResults.push(entry);
        max += entry.points;
        if (entry.passed) {
          stages[entry.stage] = (stages[entry.stage] ?? 0) + entry.points;
          score += entry.points;
        } else notes.push(`${entry.stage}: hidden test failed: ${entry.message}`);
      }
    }
    const grade: LabGrade = {
      ...base,
      max,
      score: tampered.length ? 0 : score,
      status: tampered.length ? 'tampered' : statusOf(result) === 'pass' && score < max ? 'fail' : statusOf(result),
      stages: tampered.length ? noStages : stages,
      ...(hiddenResults.length ? { hidden: hiddenResults } : {}),
      ...(tampered.length ? {} : { tests: testOutcomes(result) }),
      gradedAt: new Date().toISOString(),
      notes,
    };
    // An error may be the machine's (out of memory, a kill): grade it again next time.
    if (grade.status !== 'error') {
      mkdirSync(context.cacheDir, { recursive: true });
      // Written whole, then renamed: an interrupted write never leaves a cache entry. Two students with
      // the same files share the key, so each job writes its own part file.
      const part = `${cached}.${randomBytes(6).toString('hex')}.part`;
      writeFileSync(part, JSON.stringify(grade));
      renameSync(part, cached);
    }
    return grade;
  } finally {
    rmSync(implDir, { recursive: true, force: true });
    if (secretLab) rmSync(secretLab.dir, { recursive: true, force: true });
  }
}

/** Grades `lab`'s tests against the files in `implDir`, in the sandbox when there is one, with a canary. */
async function gradeSandboxed(context: JobContext, lab: Lab, implDir: string, scoring: Scoring): Promise<{ result: GradeResult; tampered: string[] }> {
  const canary = canaryName();
  const launcher = context.isolation.kind === 'bubblewrap' ? bubblewrapLauncher(context.isolation.bwrap, context.paths.root, lab, implDir) : undefined;
  const raw = await gradeLab({ paths: context.paths, lab, target: 'workspace', implDir, scoring, canary, limits: { runMs: context.labMs, testMs: context.testMs }, ...(launcher ? { launcher } : {}) });
  return takeCanary(raw, canary, lab, scoring);
}
