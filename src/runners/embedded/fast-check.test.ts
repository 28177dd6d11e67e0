// The embedded graders serve part of fast-check (fast-check.ts); every
// function a lab's test calls must be in that part, or the test would pass
// in the Node grader and fail in the browser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as wholeLibrary from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labIds } from '../../course/labs.ts';
import { coursePaths } from '../../course/paths.ts';
import { scaffoldFiles } from '../../course/scaffold.ts';
import served from './fast-check.ts';

/** The fast-check values a source file uses: members of its default or namespace import, and its named imports. */
function fastCheckValuesUsed(source: string): string[] {
  const used = new Set<string>();
  for (const [, clause] of source.matchAll(/\bimport\s+(?!type\b)([^;]*?)\s+from\s*['"]fast-check['"]/g)) {
    const named = /\{([^}]*)\}/.exec(clause!)?.[1] ?? '';
    for (const part of named.split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!;
      if (name && !part.trim().startsWith('type ')) used.add(name);
    }
    const local = /^(?:\*\s*as\s+)?([A-Za-z_$][\w$]*)/.exec(clause!.replace(/\{[^}]*\}/, '').trim())?.[1];
    if (local) for (const [, member] of source.matchAll(new RegExp(`\\b${local}\\.([A-Za-z_$][\\w$]*)`, 'g'))) used.add(member!);
  }
  // Types (fc.Arbitrary<…> in an annotation) are stripped before grading: only the library's runtime values count.
  return [...used].filter((name) => name in wholeLibrary).sort();
}

/** Of these files, the fast-check values the served part lacks, with the file that uses each. */
function missing(files: Record<string, string>): string[] {
  return Object.entries(files).flatMap(([file, text]) => fastCheckValuesUsed(text).filter((name) => !(name in served)).map((name) => `${file}: fc.${name}`));
}

/** Every TypeScript file under the labs' tests/ folders, by path. */
function labTestFiles(): Record<string, string> {
  const paths = coursePaths();
  return Object.fromEntries(
    labIds(paths).flatMap((id) => {
      const dir = join(paths.labs, id, 'tests');
      return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => [`labs/${id}/tests/${f}`, readFileSync(join(dir, f), 'utf8')] as const);
    }),
  );
}

describe('the part of fast-check the embedded graders serve', () => {
  it("finds the functions a test uses through the default, namespace and named imports, and not its types", () => {
    const source = `import fc, { type Arbitrary } from 'fast-check';\nimport { json as j, integer } from 'fast-check';\nimport * as f from 'fast-check';\nconst a: fc.Arbitrary<number> = fc.nat();\nf.float();`;
    expect(fastCheckValuesUsed(source)).toEqual(['Arbitrary', 'float', 'integer', 'json', 'nat']);
    expect(missing({ 'x.test.ts': source })).toEqual(['x.test.ts: fc.float', 'x.test.ts: fc.json']);
  });

  it("holds every fast-check function the labs' tests and the scaffold's template use", () => {
    const files = { ...labTestFiles(), ...scaffoldFiles('demo', 99).labs };
    const used = new Set(Object.values(files).flatMap(fastCheckValuesUsed));
    expect(used.size).toBeGreaterThan(10);
    expect(missing(files)).toEqual([]);
  });

  it('serves each function as the library itself does, and what seed.ts needs', () => {
    for (const [name, value] of Object.entries(served)) expect(value, name).toBe(wholeLibrary[name as keyof typeof wholeLibrary]);
    expect(served.configureGlobal).toBe(wholeLibrary.configureGlobal);
  });
});
