/**
 * `journey class collect`: the results of students' own CI runs, gathered
 * from a folder of downloaded artifacts into the gradebook `class grade`
 * writes. Each student's `journey-results` artifact (`journey ci summary`
 * writes it) holds `<lab>.json`, the lab's grade result, and `run.json`, the
 * commit graded and when; the folder has one `<student>/` (the artifact's
 * files, directly or in `journey-results/`) or `<student>.zip` (as the REST
 * API downloads it) per student. Rows say `student CI`: the student's fork
 * ran tests the student could read and change, so a result is feedback, not
 * a trusted grade. A result that does not add up against the course's
 * manifest (stages, points, total) is an `error` row, with why in the log.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { z } from 'zod';
import type { Lab } from '../course/labs.ts';
import { RESULTS_DIR, RUN_FILE } from '../ci/workflow.ts';
import type { GradeResult } from '../runners/result.ts';
import { resultNotes, testOutcomes, type LabGrade } from './grade-submission.ts';
import type { Submission } from './submissions.ts';
import { openZip } from './open-zip.ts';

/** The isolation a collected row reports: none that the teacher controlled. */
export const STUDENT_CI = 'student CI';

/** Most bytes one artifact file may have (a lab's result with every test's output is far smaller). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Most bytes an artifact zip may have before it is opened. */
const MAX_ZIP_BYTES = 32 * 1024 * 1024;

const testSchema = z.object({ name: z.string(), status: z.enum(['passed', 'failed', 'skipped', 'hung', 'not-run']), message: z.string().optional(), durationMs: z.number() });
const stageSchema = z.object({
  id: z.string(),
  title: z.string(),
  points: z.number().int(),
  earned: z.number().int(),
  status: z.enum(['passed', 'failed', 'not-run']),
  error: z.string().optional(),
  tests: z.array(testSchema),
});
const resultSchema = z.object({
  status: z.enum(['pass', 'fail', 'error']),
  message: z.string().optional(),
  lab: z.string(),
  score: z.number().int(),
  max: z.number().int(),
  stages: z.array(stageSchema),
});
const runSchema = z.object({ commit: z.string().regex(/^[0-9a-f]{40}$/).optional(), committedAt: z.iso.datetime({ offset: true }).optional(), gradedAt: z.iso.datetime({ offset: true }) });

/** What `journey ci summary` writes beside the results: the commit graded, its date, and when it was graded. */
export type RunRecord = z.infer<typeof runSchema>;

/** Reads a file of a student's artifact by name (`<lab>.json`, `run.json`), wherever the download put it. */
type ArtifactReader = (name: string) => { text: string } | { problem: string } | undefined;

function folderReader(dir: string): ArtifactReader {
  return (name) => {
    const file = [join(dir, name), join(dir, RESULTS_DIR, name)].find((f) => existsSync(f));
    if (!file) return undefined;
    const stat = lstatSync(file);
    if (!stat.isFile()) return { problem: `${name} is not a regular file (a link or a folder), so it was left out` };
    if (stat.size > MAX_FILE_BYTES) return { problem: `${name} has ${stat.size} bytes, more than a result can be, so it was left out` };
    return { text: readFileSync(file, 'utf8') };
  };
}

function zipReader(path: string): ArtifactReader {
  const opened = openZip(path, { zipBytes: MAX_ZIP_BYTES, entryBytes: MAX_FILE_BYTES, what: 'an artifact' }, (f) => /^(journey-results\/)?[a-z0-9-]+\.json$/.test(f.name));
  if ('problem' in opened) return () => ({ problem: opened.problem });
  const { entries } = opened;
  return (name) => {
    const data = entries[name] ?? entries[`${RESULTS_DIR}/${name}`];
    return data ? { text: strFromU8(data) } : undefined;
  };
}

/** Why a result does not add up against the lab's manifest; empty when it does. */
function inconsistencies(result: z.infer<typeof resultSchema>, lab: Lab): string[] {
  const problems: string[] = [];
  if (result.lab !== lab.id) problems.push(`it is the result of lab "${result.lab}"`);
  for (const spec of lab.manifest.stages) {
    const stage = result.stages.filter((s) => s.id === spec.id);
    if (stage.length !== 1) problems.push(`stage ${spec.id} appears ${stage.length} times`);
    else if (stage[0]!.points !== spec.points) problems.push(`stage ${spec.id} is worth ${stage[0]!.points} points, not ${spec.points}`);
    else if (stage[0]!.earned < 0 || stage[0]!.earned > spec.points) problems.push(`stage ${spec.id} earned ${stage[0]!.earned} of ${spec.points} points`);
  }
  const unknown = result.stages.filter((s) => !lab.manifest.stages.some((spec) => spec.id === s.id));
  if (unknown.length) problems.push(`the lab has no stage ${unknown.map((s) => s.id).join(', ')}`);
  const max = lab.manifest.stages.reduce((sum, s) => sum + s.points, 0);
  if (result.max !== max) problems.push(`its maximum is ${result.max}, not ${max}`);
  if (result.score !== result.stages.reduce((sum, s) => sum + s.earned, 0)) problems.push(`its score ${result.score} is not the sum of its stages`);
  if ((result.status === 'pass') !== (result.score === max && result.status !== 'error')) problems.push(`its status "${result.status}" does not match its score`);
  return problems;
}

function parseJson<T>(text: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; why: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, why: `not readable JSON (${(error as Error).message})` };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, why: `not a result journey wrote (${parsed.error.issues[0]?.path.join('.') || '(file)'}: ${parsed.error.issues[0]?.message})` };
}

/** One student's row for one lab, from their artifact. */
function collectLab(student: string, lab: Lab, read: ArtifactReader, run: RunRecord | undefined, runNotes: string[]): LabGrade {
  const max = lab.manifest.stages.reduce((sum, s) => sum + s.points, 0);
  const noStages = Object.fromEntries(lab.manifest.stages.map((s) => [s.id, 0]));
  const base = {
    student,
    lab: lab.id,
    max,
    ...(run?.commit ? { commit: run.commit } : {}),
    ...(run?.committedAt ? { submittedAt: run.committedAt } : {}),
    gradedAt: run?.gradedAt ?? '',
    isolation: STUDENT_CI,
  } as const;
  const file = read(`${lab.id}.json`);
  if (!file) return { ...base, score: 0, status: 'missing', stages: noStages, notes: [`no ${lab.id}.json in the artifact`, ...runNotes] };
  const parsed = 'problem' in file ? { ok: false as const, why: file.problem } : parseJson(file.text, resultSchema);
  const problems = parsed.ok ? inconsistencies(parsed.value, lab) : [parsed.why];
  if (!parsed.ok || problems.length) return { ...base, score: 0, status: 'error', stages: noStages, notes: [`${lab.id}.json does not add up, so it scores nothing: ${problems.join('; ')}`, ...runNotes] };
  const result = parsed.value;
  return {
    ...base,
    score: result.score,
    status: result.status,
    stages: Object.fromEntries(result.stages.map((s) => [s.id, s.earned])),
    tests: testOutcomes(result as GradeResult),
    notes: [...resultNotes(result as GradeResult), ...runNotes],
  };
}

/** Every student's row for every lab, from the artifacts in `dir` (found as `findSubmissions` finds submissions). */
export function collectResults(students: readonly Submission[], labs: readonly Lab[]): LabGrade[] {
  return students.flatMap((student) => {
    const read = student.kind === 'folder' ? folderReader(student.path) : zipReader(student.path);
    const runFile = read(RUN_FILE);
    const run = runFile && 'text' in runFile ? parseJson(runFile.text, runSchema) : undefined;
    const runNotes = !runFile ? [`no ${RUN_FILE}: the commit and dates are unknown`] : 'problem' in runFile ? [runFile.problem] : run && !run.ok ? [`${RUN_FILE} is ${run.why}`] : [];
    return labs.map((lab) => collectLab(student.student, lab, read, run?.ok ? run.value : undefined, runNotes));
  });
}
