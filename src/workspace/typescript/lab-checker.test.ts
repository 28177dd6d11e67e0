// The editor's diagnostics match the Node type check's, line, column and message, for the open learner file:
// imports of the lab's given files, the other learner files and `@impl/` names resolve as they do in Node.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { labIds, loadLab } from '../../course/labs.ts';
import { coursePaths } from '../../course/paths.ts';
import { typecheckLab } from '../../course/typecheck.ts';
import { typescriptEnvironment, withoutComments } from '../../site/pages/labs/_typescript-env.ts';
import type { TypescriptEnvironment } from './environment.ts';
import { LabChecker } from './lab-checker.ts';

const paths = coursePaths();
const lab = loadLab(paths, 'dns');
const read = (copy: string, names: readonly string[]) => Object.fromEntries(names.map((f) => [f, readFileSync(join(lab.dir, copy, f), 'utf8')]));
const solution = read('solution', lab.manifest.files);
const given = read('given', lab.manifest.given);

/** Edits that break header.ts in the ways a learner does, each kind of import included (a syntax error on its own). */
const BREAKS = {
  'types and every kind of import': [
    "const wrong: number = 'text';",
    "import { noSuchHelper } from '@impl/bytes.ts';",
    "import { readU16 as viaRelative } from './bytes.ts';",
    "import { encodeName } from './name.ts';\nencodeName(42);",
    "import { DnsFormatError as E } from '@impl/errors.ts';\nnew E(1, 2, 3, 4);",
    "import { createSocket } from 'node:dgram';\ncreateSocket('udp9');",
  ].join('\n'),
  'a syntax error': 'export function broken( {',
};

/** "line:column message" for one file, as typecheckLab prints them. */
function nodeCheck(files: Record<string, string>, file: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'journey-typecheck-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const prefix = `${file}:`;
  return typecheckLab(paths, lab, dir)
    .filter((line) => !line.startsWith('labs/') && line.split(' ')[0]!.split('/').pop()!.startsWith(prefix))
    .map((line) => line.replace(/^\S*?([^/\s]+):(\d+):(\d+) /, '$2:$3 '));
}

function editorCheck(checker: LabChecker, files: Record<string, string>, file: string): string[] {
  checker.update(files);
  const text = files[file]!;
  return checker.diagnostics(file).map((d) => {
    const column = d.from - text.lastIndexOf('\n', d.from - 1);
    return `${d.line}:${column} ${d.message}`;
  });
}

describe('diagnostics in the editor', () => {
  let env: TypescriptEnvironment;
  let checker: LabChecker;
  beforeAll(() => {
    env = typescriptEnvironment(paths);
    checker = new LabChecker(ts, env, { lab: 'dns', learner: solution, given });
  }, 120_000);

  it('are none for the solution and the starter', () => {
    for (const file of lab.manifest.files) expect(checker.diagnostics(file), file).toEqual([]);
    expect(editorCheck(checker, read('starter', lab.manifest.files), 'header.ts')).toEqual([]);
  });

  for (const [kind, edit] of Object.entries(BREAKS)) {
    it(`match the Node type check's, line, column and message, for ${kind}`, () => {
      const files = { ...solution, 'header.ts': `${solution['header.ts']}\n${edit}\n` };
      const expected = nodeCheck(files, 'header.ts');
      expect(expected.length).toBeGreaterThanOrEqual(edit.split('import').length - 1);
      expect(editorCheck(checker, files, 'header.ts')).toEqual(expected);
    }, 60_000);
  }

  it('ship only declaration files and the package.json files that lead to them, for every lab', () => {
    expect(Object.keys(env.options).sort()).toEqual(labIds(coursePaths()).sort());
    expect(Object.keys(env.files).every((f) => f.endsWith('.d.ts') || f.endsWith('package.json'))).toBe(true);
    // The lab's own files never ship in the environment: they come from the learner and the bundle.
    expect(Object.keys(env.files).some((f) => f.includes('/labs/'))).toBe(false);
  });
});

describe('declaration files without comments', () => {
  it('keep triple-slash directives and template literal types, and drop doc comments', () => {
    const text = '/// <reference lib="es2015" />\n/** Doc. */\ntype A = `a${string}b${`c${number}`}`; // note\ninterface B { /* x */ b: A }\n';
    const out = withoutComments(text);
    expect(out).toContain('/// <reference lib="es2015" />');
    expect(out).toContain('type A = `a${string}b${`c${number}`}`;');
    expect(out).not.toMatch(/Doc|note|\/\* x/);
  });
});
