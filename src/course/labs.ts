/**
 * Finds labs on disk and loads their manifests, checking what the schema
 * cannot: that every stage has its test file, that the learner and given
 * files are where the manifest says (lab-checks.ts), and that the chapter page
 * exists and states the chapter number (its `sidebar.order`, the one place
 * that number is kept).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import type { ImplLayout } from './impl-layers.ts';
import { chapterOrder, pageFile } from './chapter-number.ts';
import { checkLabFiles } from './lab-checks.ts';
import { manifestSchema, type Manifest } from './manifest.ts';
import type { CoursePaths } from './paths.ts';

/** A manifest (or course settings file) that failed validation: names the file, the field and what was expected. */
export class ManifestError extends Error {
  override name = 'ManifestError';
  readonly file: string;
  readonly problems: readonly { field: string; message: string }[];

  constructor(file: string, problems: readonly { field: string; message: string }[], what = 'lab manifest') {
    super(`${file} is not a valid ${what}:\n` + problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n'));
    this.file = file;
    this.problems = problems;
  }
}

/** A lab whose manifest passed validation. */
export interface Lab {
  id: string;
  dir: string;
  manifest: Manifest;
  /** The chapter number, from the chapter page's `sidebar.order`. */
  chapter: number;
}

/** Which copy of a lab's files to grade. */
export type Target = 'solution' | 'starter' | 'workspace';
export const TARGETS: readonly Target[] = ['solution', 'starter', 'workspace'];

/** "stages[1].points" from a zod path. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), '') || '(root)';
}

/** Zod's issues, as field + message pairs a course author can act on. */
export function describeIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: fieldName(issue.path), message: issue.message }));
}

/** Ids of the folders under labs/ that hold a lab.json, sorted. */
export function labIds(paths: CoursePaths): string[] {
  if (!existsSync(paths.labs)) return [];
  return readdirSync(paths.labs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(paths.labs, d.name, 'lab.json')))
    .map((d) => d.name)
    .sort();
}

/** Loads and validates one lab; throws ManifestError naming the file and every bad field. */
export function loadLab(paths: CoursePaths, id: string): Lab {
  const dir = join(paths.labs, id);
  const file = join(dir, 'lab.json');
  const shown = relative(paths.root, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(shown, [{ field: '(file)', message: `not readable JSON: ${(error as Error).message}` }]);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new ManifestError(shown, describeIssues(parsed.error));
  const manifest = parsed.data;

  const problems: { field: string; message: string }[] = [];
  manifest.stages.forEach((stage, i) => {
    const test = join('tests', `${stage.id}.test.ts`);
    if (!existsSync(join(dir, test))) problems.push({ field: `stages[${i}].id`, message: `expected a test file ${test} for stage "${stage.id}"` });
  });
  problems.push(...checkLabFiles(dir, manifest));
  const page = pageFile(paths.content, manifest.chapterPage);
  const chapter = page === undefined ? undefined : chapterOrder(readFileSync(page, 'utf8'));
  if (!page) problems.push({ field: 'chapterPage', message: `expected a chapter page content/${manifest.chapterPage}.mdx` });
  else if (chapter === undefined) problems.push({ field: 'chapterPage', message: `${relative(paths.root, page)} states no chapter number: give its front matter \`sidebar:\` with \`order: <n>\` under it` });
  if (problems.length || chapter === undefined) throw new ManifestError(shown, problems);
  return { id, dir, manifest, chapter };
}

/** Every lab, in journey order (chapter number, then id). */
export function loadLabs(paths: CoursePaths): Lab[] {
  return labIds(paths)
    .map((id) => loadLab(paths, id))
    .sort((a, b) => a.chapter - b.chapter || a.id.localeCompare(b.id));
}

/** The folder holding the files of `target` for this lab. */
export function targetDir(paths: CoursePaths, lab: Lab, target: Target): string {
  return target === 'workspace' ? join(paths.workspace, lab.id) : join(lab.dir, target);
}

/** Where `@impl/…` finds the files when grading `lab` from `learnerDir` (see impl-layers.ts). */
export function implLayout(lab: Lab, learnerDir: string): ImplLayout {
  return { learnerDir, givenDir: join(lab.dir, 'given'), learnerFiles: lab.manifest.files };
}
