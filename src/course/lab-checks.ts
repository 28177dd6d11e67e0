/**
 * What a lab's manifest promises about its files, checked on disk: each
 * learner file exists in starter/ and solution/, each given file in given/,
 * no file is both, nothing sits in a folder unlisted (a second copy is how
 * given code drifts), given files import only given files, and learner files
 * reach given files through `@impl/` (a relative path finds nothing once the
 * learner's files are copied out). Each problem names its field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { implName } from './impl-layers.ts';
import type { Manifest } from './manifest.ts';

/** One thing wrong with a lab, by manifest field. */
export interface Problem {
  field: string;
  message: string;
}

/** The module specifiers a TypeScript file imports or re-exports (static and dynamic). */
export function importedSpecifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The file a relative specifier names in the same folder (`./x.ts` → `x.ts`), if it is one. */
function sameFolder(specifier: string): string | undefined {
  return /^\.\/[a-z0-9-]+\.ts$/.test(specifier) ? specifier.slice(2) : undefined;
}

function tsFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')) : [];
}

/** Every problem with the lab's learner and given files; empty when the manifest and the folders agree. */
export function checkLabFiles(dir: string, manifest: Manifest): Problem[] {
  const problems: Problem[] = [];
  const { files, given } = manifest;
  files.forEach((name, i) => {
    for (const copy of ['starter', 'solution']) {
      if (!existsSync(join(dir, copy, name))) problems.push({ field: `files[${i}]`, message: `expected ${copy}/${name} to exist` });
    }
  });
  given.forEach((name, i) => {
    const learner = files.indexOf(name);
    if (learner >= 0) problems.push({ field: `given[${i}]`, message: `"${name}" is also a learner file (files[${learner}]); a file is either the learner's or given` });
    if (!existsSync(join(dir, 'given', name))) problems.push({ field: `given[${i}]`, message: `expected given/${name} to exist` });
  });
  for (const [copy, listed, field] of [['starter', files, 'files'], ['solution', files, 'files'], ['given', given, 'given']] as const) {
    for (const name of tsFiles(join(dir, copy))) {
      if (!listed.includes(name)) problems.push({ field, message: `${copy}/${name} is not listed in "${field}"${copy !== 'given' && given.includes(name) ? ' (it is given: keep only given/' + name + ')' : ''}` });
    }
  }
  given.forEach((name, i) => {
    const file = join(dir, 'given', name);
    if (!existsSync(file)) return;
    for (const specifier of importedSpecifiers(readFileSync(file, 'utf8'))) {
      const target = implName(specifier) ?? sameFolder(specifier);
      if (target === undefined || !given.includes(target)) {
        problems.push({ field: `given[${i}]`, message: `given/${name} imports "${specifier}"; given files may import only other given files` });
      }
    }
  });
  files.forEach((name, i) => {
    for (const copy of ['starter', 'solution']) {
      const file = join(dir, copy, name);
      if (!existsSync(file)) continue;
      for (const specifier of importedSpecifiers(readFileSync(file, 'utf8'))) {
        const target = sameFolder(specifier);
        if (target && given.includes(target)) {
          problems.push({ field: `files[${i}]`, message: `${copy}/${name} imports "${specifier}", a given file: import it as "@impl/${target}"` });
        }
      }
    }
  });
  return problems;
}
