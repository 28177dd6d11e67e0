/**
 * A lab's list of realistic learner mistakes (`labs/<id>/mistakes.json`): each
 * is one classic error, written as small find → replace edits of the
 * solution, and names the stage whose tests must catch it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { describeIssues, ManifestError, type Lab } from '../../course/labs.ts';
import type { CoursePaths } from '../../course/paths.ts';

const editSchema = z.strictObject({
  /** A learner file (one of the manifest's `files`). */
  file: z.string().min(1),
  /** Text that occurs exactly once in the solution's copy of the file. */
  find: z.string().min(1),
  replace: z.string(),
});

const mistakeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id'),
  stage: z.string().min(1),
  description: z.string().min(1),
  edits: z.array(editSchema).min(1),
});

/** One mistake: what a learner wrote wrong, and the stage that must lose its points for it. */
export type Mistake = z.infer<typeof mistakeSchema>;

/** The file a lab's mistakes live in. */
export function mistakesFile(lab: Lab): string {
  return join(lab.dir, 'mistakes.json');
}

/** True when the lab has a mistakes list. */
export function hasMistakes(lab: Lab): boolean {
  return existsSync(mistakesFile(lab));
}

/** Loads and checks a lab's mistakes: valid JSON, unique ids, real stages and learner files. */
export function loadMistakes(paths: CoursePaths, lab: Lab): Mistake[] {
  const file = mistakesFile(lab);
  const shown = relative(paths.root, file);
  const what = 'mistakes list';
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(shown, [{ field: '(file)', message: `not readable JSON: ${(error as Error).message}` }], what);
  }
  const parsed = z.array(mistakeSchema).safeParse(raw);
  if (!parsed.success) throw new ManifestError(shown, describeIssues(parsed.error), what);
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  parsed.data.forEach((m, i) => {
    if (seen.has(m.id)) problems.push({ field: `[${i}].id`, message: `"${m.id}" is used twice` });
    seen.add(m.id);
    if (!lab.manifest.stages.some((s) => s.id === m.stage)) {
      problems.push({ field: `[${i}].stage`, message: `expected one of ${lab.manifest.stages.map((s) => s.id).join(', ')}, got "${m.stage}"` });
    }
    m.edits.forEach((e, j) => {
      if (!lab.manifest.files.includes(e.file)) problems.push({ field: `[${i}].edits[${j}].file`, message: `"${e.file}" is not one of the lab's learner files` });
    });
  });
  if (problems.length) throw new ManifestError(shown, problems, what);
  return parsed.data;
}

/** A mistake whose edit no longer applies to the solution. */
export class MistakePatchError extends Error {
  override name = 'MistakePatchError';
}

/** The learner files with the mistake's edits made; throws MistakePatchError unless each `find` occurs exactly once. */
export function applyMistake(labId: string, files: Readonly<Record<string, string>>, mistake: Mistake): Record<string, string> {
  const out = { ...files };
  for (const edit of mistake.edits) {
    const text = out[edit.file];
    const count = text === undefined ? 0 : text.split(edit.find).length - 1;
    if (count !== 1) {
      const where = `labs/${labId}/mistakes.json: mistake "${mistake.id}": solution/${edit.file}`;
      throw new MistakePatchError(`${where}: the text to replace occurs ${count} times, expected exactly once (did the solution change?): ${JSON.stringify(edit.find)}`);
    }
    out[edit.file] = text!.replace(edit.find, () => edit.replace);
  }
  return out;
}
