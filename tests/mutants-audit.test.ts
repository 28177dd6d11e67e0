// What the mutation audit mutates and runs (src/tooling/mutants/scope.ts): timed
// stages never grade mutants, and a file only left-out stages exercise is not
// mutated (it would count as surviving, since no test that runs can kill it);
// and how the results are scored against MUTANTS.md (audit.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLab, type Lab } from '../src/course/labs.ts';
import { manifestSchema } from '../src/course/manifest.ts';
import { coursePaths } from '../src/course/paths.ts';
import type { MutantResult } from '@stryker-mutator/api/core';
import { score } from '../src/tooling/mutants/audit.ts';
import { auditScope } from '../src/tooling/mutants/scope.ts';

const paths = coursePaths();

describe('the audit scope of the course labs', () => {
  it('leaves the DNS wire stage and udp-server.ts out unless --host, reporting the file as not audited', () => {
    const dns = loadLab(paths, 'dns');
    const scope = auditScope(dns);
    expect(scope.stages).not.toContain('wire');
    expect(scope.mutate).not.toContain('udp-server.ts');
    expect(scope.mutate).toContain('authority.ts');
    expect(scope.notAudited).toEqual([{ file: 'udp-server.ts', reason: 'needs the host (stage wire; --host includes it)' }]);

    const withHost = auditScope(dns, { hostStages: true });
    expect(withHost.stages).toContain('wire');
    expect(withHost.mutate).toContain('udp-server.ts');
    expect(withHost.notAudited).toEqual([]);
  });

  it('never runs the timed TCP speed stage, even with --host, but still mutates the files other stages test', () => {
    const tcp = loadLab(paths, 'tcp');
    expect(tcp.manifest.stages.find((s) => s.id === 'speed')?.timed).toBe(true);
    for (const hostStages of [false, true]) {
      const scope = auditScope(tcp, { hostStages });
      expect(scope.stages).not.toContain('speed');
      expect(scope.stages).toContain('integration');
      expect(scope.mutate).toEqual(expect.arrayContaining(['byte-stream.ts', 'reassembler.ts']));
      expect(scope.notAudited).toEqual([]);
    }
  });
});

describe('the audit scope of a made-up lab', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journey-scope-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const stage = (id: string, extra: object = {}) => ({ id, title: id, summary: id, points: 1, runsIn: 'pure', hints: ['h'], ...extra });
  const lab = (stages: object[]): Lab => ({
    id: 'made-up',
    dir,
    chapter: 1,
    manifest: manifestSchema.parse({ title: 't', chapterPage: 'chapters/x', summary: 's', files: ['fast.ts', 'core.ts', 'helper.ts', 'kept.ts'], given: ['util.ts'], stages }),
  });
  for (const f of ['fast.ts', 'core.ts', 'helper.ts']) write(`starter/${f}`, `export {}; // TODO\n`);
  write('solution/fast.ts', `import { x } from '@impl/util.ts';\nexport const fast = x;\n`);
  write('solution/core.ts', `import {\n  help,\n} from './helper.ts';\nexport const core = help;\n`);
  write('solution/helper.ts', `export const help = 1;\n`);
  // Handed over complete (starter = solution): never mutated, whoever tests it.
  write('starter/kept.ts', `export const kept = 1;\n`);
  write('solution/kept.ts', `export const kept = 1;\n`);
  write('given/util.ts', `export const x = 1;\n`);
  write('tests/fixtures/load.ts', `export const load = () => import('@impl/core.ts');\n`);
  write('tests/core.test.ts', `import { load } from './fixtures/load.ts';\nimport '@impl/kept.ts';\n`);
  write('tests/speed.test.ts', `import { fast } from '@impl/fast.ts';\n`);
  write('tests/wire.test.ts', `import { fast } from '@impl/fast.ts';\n`);

  it('follows fixtures, dynamic imports and a learner file’s relative imports', () => {
    const scope = auditScope(lab([stage('core')]));
    expect(scope.mutate).toEqual(['core.ts', 'helper.ts']);
    expect(scope.notAudited).toEqual([{ file: 'fast.ts', reason: 'no stage imports it' }]);
  });

  it('reports a file only a timed stage exercises as not audited, never as mutated', () => {
    const scope = auditScope(lab([stage('core'), stage('speed', { runsIn: 'node', timed: true })]));
    expect(scope.stages).toEqual(['core']);
    expect(scope.mutate).toEqual(['core.ts', 'helper.ts']);
    expect(scope.notAudited).toEqual([{ file: 'fast.ts', reason: 'timed (stage speed)' }]);
  });

  it('names every left-out stage that exercises a file, with the tools a host stage needs', () => {
    const stages = [stage('core'), stage('speed', { timed: true }), stage('wire', { runsIn: 'host', needs: ['tshark'] })];
    expect(auditScope(lab(stages)).notAudited).toEqual([
      { file: 'fast.ts', reason: 'timed (stage speed); needs tshark (stage wire; --host includes it)' },
    ]);
    expect(auditScope(lab(stages), { hostStages: true })).toMatchObject({ stages: ['core', 'wire'], mutate: ['fast.ts', 'core.ts', 'helper.ts'], notAudited: [] });
  });
});

describe('the score of an audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journey-score-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'labs', 'made-up'), { recursive: true });
  writeFileSync(
    join(dir, 'labs', 'made-up', 'MUTANTS.md'),
    ['| file:line | mutator | replacement | reason |', '| --- | --- | --- | --- |', '| solution/a.ts:3 | StringLiteral | `""` | text only |', '| solution/a.ts:9 | BlockStatement | `{}` | gone |', '| solution/c.ts:2 | StringLiteral | `""` | a file this run did not mutate |'].join('\n'),
  );
  const result = (line: number, status: MutantResult['status'], mutatorName = 'StringLiteral', replacement = '""'): MutantResult =>
    ({ id: String(line), fileName: join(dir, 'labs', 'made-up', 'solution', 'a.ts'), mutatorName, replacement, status, location: { start: { line, column: 1 }, end: { line, column: 2 } } }) as MutantResult;

  it('counts every status, leaves listed survivors out of the denominator, and reports rows of the mutated files that match nothing', () => {
    const paths = { root: dir, labs: join(dir, 'labs'), content: dir, workspace: dir };
    const notAudited = [{ file: 'b.ts', reason: 'timed (stage speed)' }];
    const r = score(paths, 'made-up', { stages: ['core'], mutate: ['a.ts'], notAudited }, [result(1, 'Killed'), result(2, 'Timeout'), result(3, 'Survived'), result(4, 'NoCoverage'), result(5, 'CompileError')]);
    expect(r.statuses).toEqual({ Killed: 1, Timeout: 1, Survived: 1, NoCoverage: 1, CompileError: 1 });
    expect([r.detected, r.equivalent, r.errors, r.survivors.map((s) => `${s.file}:${s.line} ${s.status}`)]).toEqual([2, 1, 1, ['solution/a.ts:4 NoCoverage']]);
    expect(r.score).toBeCloseTo(2 / 3);
    expect(r.staleRows, 'the row for c.ts, not mutated in this run, is not stale').toEqual(['solution/a.ts:9 BlockStatement {}']);
    expect(r.mutated).toEqual(['a.ts']);
    expect(r.notAudited).toEqual(notAudited);
  });
});
