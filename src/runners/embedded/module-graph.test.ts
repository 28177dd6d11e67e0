import { describe, expect, it } from 'vitest';
import { ModuleGraph, ModuleLoadError, ready, resolveRelative, transpile } from './module-graph.ts';
import { runFiles } from './run-files.ts';

describe('transpile', () => {
  it('strips types and keeps line numbers, so stack traces point at the learner\'s lines', () => {
    const code = transpile('/impl/a.ts', 'export function f(x: number): number {\n  return x + 1;\n}\n');
    expect(code).not.toContain(': number');
    expect(code.split('\n')[1]).toContain('return x + 1');
  });

  it('names the file, line and column of a syntax error', () => {
    const broken = 'const a = 1;\nconst b = ;\nexport { a, b };\n';
    expect(() => transpile('/impl/header.ts', broken)).toThrow(ModuleLoadError);
    expect(() => transpile('/impl/header.ts', broken)).toThrow(/^\/impl\/header\.ts:2:11: Unexpected token/);
  });
});

describe('resolving imports', () => {
  it('resolves relative paths against the importing file', () => {
    expect(resolveRelative('/tests/fixtures/a.ts', '../../impl/b.ts')).toBe('/impl/b.ts');
    expect(resolveRelative('/tests/x.test.ts', './fixtures/y.ts')).toBe('/tests/fixtures/y.ts');
  });

  it('rewrites @impl, relative and built-in imports, and refuses anything else with the file named', async () => {
    await ready;
    const sources: string[] = [];
    const host = { toUrl: (source: string) => (sources.push(source), `mod:${sources.length}`) };
    const files = new Map([
      ['/tests/a.test.ts', "import { b } from '@impl/b.ts';\nimport { c } from './c.ts';\nimport { describe } from 'vitest';\ndescribe(b, c);\n"],
      ['/impl/b.ts', 'export const b = 1;'],
      ['/tests/c.ts', 'export const c = 2;'],
      ['/tests/bad.test.ts', "import pad from 'left-pad';\npad();"],
    ]);
    const graph = new ModuleGraph(files, { vitest: { describe: 1 } }, host);
    graph.urlFor('/tests/a.test.ts');
    const test = sources.at(-1)!;
    expect(test).toMatch(/from 'mod:\d+'.*\n.*from 'mod:\d+'.*\n.*from 'mod:\d+'/);
    expect(sources.some((s) => s.includes('__journeyModules["vitest"]'))).toBe(true);
    expect(() => graph.urlFor('/tests/bad.test.ts')).toThrow(/\/tests\/bad\.test\.ts: cannot import "left-pad"/);
  });

  it('serves @impl/ names that are not learner files from /given/, as runFiles lays them out', async () => {
    await ready;
    const sources: string[] = [];
    const host = { toUrl: (source: string) => (sources.push(source), `mod:${sources.length}`) };
    const files = new Map(
      runFiles({
        learnerFiles: ['header.ts', 'name.ts'],
        // A stale copy of a given file in the learner's saved files is never used.
        learner: { 'header.ts': "import { u16 } from '@impl/bytes.ts';\nexport const h = u16;", 'bytes.ts': 'export const u16 = "stale";' },
        given: { 'bytes.ts': 'export const u16 = "given";' },
        tests: { 'tests/a.test.ts': "import { h } from '@impl/header.ts';\nexport { h };" },
      }),
    );
    expect([...files.keys()]).toEqual(['/impl/header.ts', '/given/bytes.ts', '/tests/a.test.ts']);
    const graph = new ModuleGraph(files, {}, host);
    graph.urlFor('/tests/a.test.ts');
    expect(sources.some((s) => s.includes('"given"'))).toBe(true);
    expect(sources.some((s) => s.includes('"stale"'))).toBe(false);
    expect(() => new ModuleGraph(new Map([['/tests/b.test.ts', "import '@impl/name.ts';"]]), {}, host).urlFor('/tests/b.test.ts')).toThrow(
      /cannot find "@impl\/name\.ts" \(looked for \/given\/name\.ts\)/,
    );
  });
});
