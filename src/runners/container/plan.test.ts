import { describe, expect, it } from 'vitest';
import { runRequest } from '../embedded/protocol.ts';
import { LIMITS } from '../rules.ts';
import { containerPlan, packageFilesFor } from './plan.ts';

const run = (test: string) => runRequest([['/tests/a.test.ts', test]], [{ id: 'a' }], LIMITS.webcontainer, 1);
const pglite = run(`import { PGlite } from '@electric-sql/pglite';\nimport { it } from 'vitest';`);
const plain = run(`import { it } from 'vitest';\n// '@electric-sql/pglite' named in a comment is not an import`);
const bytes = (name: string) => new TextEncoder().encode(name);
const provided = Object.fromEntries(['pglite.wasm', 'pglite.data', 'initdb.wasm', 'pglite-data-dir.tar.gz'].map((name) => [name, bytes(name)]));

describe('the container plan', () => {
  it('mounts the grader, its request and package.json only, when no file imports a package with files of its own', () => {
    expect(packageFilesFor(plain)).toEqual([]);
    expect(Object.keys(containerPlan('grader', plain, provided).files).sort()).toEqual(['grader.mjs', 'package.json', 'run.json']);
  });

  it("mounts PGlite's files and an initialised data directory beside the grader when a file imports PGlite", () => {
    expect(packageFilesFor(pglite)).toEqual(['pglite.wasm', 'pglite.data', 'initdb.wasm', 'pglite-data-dir.tar.gz']);
    const { files } = containerPlan('grader', pglite, provided);
    expect(Object.keys(files).sort()).toEqual(['grader.mjs', 'initdb.wasm', 'package.json', 'pglite-data-dir.tar.gz', 'pglite.data', 'pglite.wasm', 'run.json']);
    expect(files['pglite.data']).toEqual(bytes('pglite.data'));
  });

  it('names the package files it was not given', () => {
    expect(() => containerPlan('grader', pglite, { 'pglite.wasm': bytes('w') })).toThrow('pglite.data, initdb.wasm, pglite-data-dir.tar.gz');
  });
});
