/**
 * A teacher's hidden tests: kept outside the course (`--hidden DIR`), laid
 * out like the labs, `DIR/<lab>/tests/<name>.test.ts`, with
 * `DIR/<lab>/hidden.json` giving each file a stage of the lab, points and
 * the message a learner may see in its place:
 *
 *   { "tests": [{ "file": "long-labels.test.ts", "stage": "names", "points": 5,
 *                 "message": "Labels of exactly 63 octets round-trip" }] }
 *
 * A hidden file earns its points when every test in it passes. Hidden files
 * grade in a sandbox run of their own, apart from the course's tests, so
 * nothing of theirs (source, expected values, failure messages) can surface
 * in the visible results: only pass or fail per file, shown with the
 * teacher's message. They are never part of the build or a learner's repo,
 * since they live outside the course.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describeIssues, ManifestError, type Lab, type Target } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';
import { gradeLab } from '../runners/node/grade.ts';
import type { GradeResult } from '../runners/result.ts';

const entrySchema = z.strictObject({
  file: z.string().regex(/^[a-z][a-z0-9-]*\.test\.ts$/, 'a kebab-case test file name such as "long-labels.test.ts"'),
  stage: z.string().min(1),
  points: z.number().int().positive(),
  message: z.string().min(1),
});
const hiddenSchema = z.strictObject({ tests: z.array(entrySchema).min(1) });

/** One hidden test file: its stage, its points and the message shown for it. */
export type HiddenEntry = z.infer<typeof entrySchema>;

/** A lab's hidden tests: the folder they are in and their entries. */
export interface HiddenTests {
  dir: string;
  entries: HiddenEntry[];
}

/** The lab's hidden tests in `root`, checked (every file listed, every stage real); undefined when it has none. */
export function loadHidden(root: string, lab: Lab): HiddenTests | undefined {
  const dir = join(root, lab.id);
  const file = join(dir, 'hidden.json');
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(file, [{ field: '(file)', message: `not readable JSON: ${(error as Error).message}` }], 'hidden tests file');
  }
  const parsed = hiddenSchema.safeParse(raw);
  if (!parsed.success) throw new ManifestError(file, describeIssues(parsed.error), 'hidden tests file');
  const problems: { field: string; message: string }[] = [];
  const stages = lab.manifest.stages.map((s) => s.id);
  const present = existsSync(join(dir, 'tests')) ? readdirSync(join(dir, 'tests')).filter((f) => f.endsWith('.test.ts')) : [];
  parsed.data.tests.forEach((entry, i) => {
    if (!stages.includes(entry.stage)) problems.push({ field: `tests[${i}].stage`, message: `the ${lab.id} lab has no stage "${entry.stage}" (stages: ${stages.join(', ')})` });
    if (!present.includes(entry.file)) problems.push({ field: `tests[${i}].file`, message: `expected ${join(dir, 'tests', entry.file)}` });
  });
  for (const f of present.filter((f) => !parsed.data.tests.some((e) => e.file === f))) problems.push({ field: 'tests', message: `tests/${f} is not listed: give it a stage, points and a message` });
  if (problems.length) throw new ManifestError(file, problems, 'hidden tests file');
  return { dir, entries: parsed.data.tests };
}

/** The id a hidden file grades under: its name without `.test.ts`. */
export function hiddenId(entry: HiddenEntry): string {
  return entry.file.replace(/\.test\.ts$/, '');
}

/**
 * The hidden tests as a lab the Node runner grades: a copy of the hidden
 * folder and the lab's given code in a folder under `workDir`, one stage per
 * hidden file (its points, and the assigned stage's `runsIn`).
 */
export function hiddenLab(lab: Lab, hidden: HiddenTests, workDir: string): Lab {
  const dir = mkdtempSync(join(workDir, `hidden-${lab.id}-`));
  cpSync(join(hidden.dir, 'tests'), join(dir, 'tests'), { recursive: true });
  if (existsSync(join(lab.dir, 'given'))) cpSync(join(lab.dir, 'given'), join(dir, 'given'), { recursive: true });
  const stages = hidden.entries.map((entry) => {
    const of = lab.manifest.stages.find((s) => s.id === entry.stage)!;
    return { id: hiddenId(entry), title: entry.message, summary: entry.message, points: entry.points, runsIn: of.runsIn, hints: ['hidden'] };
  });
  return { ...lab, dir, manifest: { ...lab.manifest, stages } };
}

/** Each hidden file with whether it passed, from a grade of the hidden lab (`hiddenLab`): a file passes when every test in it does. */
export function hiddenPassed(hidden: HiddenTests, secret: GradeResult): (HiddenEntry & { passed: boolean })[] {
  return hidden.entries.map((entry) => ({ ...entry, passed: secret.stages.find((s) => s.id === hiddenId(entry))?.status === 'passed' }));
}

/**
 * Grades the hidden tests against the files in `implDir`, with no sandbox of
 * its own: for the course's own copies (check-hidden) and for `journey
 * grade --hidden` where the grading machine is the sandbox (Gradescope's
 * container). Batch grading runs them in bubblewrap instead (grade-submission.ts).
 */
export async function gradeHidden(paths: CoursePaths, lab: Lab, hidden: HiddenTests, target: Target, implDir: string): Promise<(HiddenEntry & { passed: boolean })[]> {
  const work = mkdtempSync(join(tmpdir(), 'journey-hidden-'));
  try {
    const secret = await gradeLab({ paths, lab: hiddenLab(lab, hidden, work), target, implDir, scoring: 'all-or-nothing' });
    return hiddenPassed(hidden, secret);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
