import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { Lab } from '../course/labs.ts';
import { findSubmissions, labFiles } from './submissions.ts';

const lab: Lab = { id: 'dns', dir: '/labs/dns', chapter: 2, manifest: { title: 'DNS', chapterPage: 'dns', summary: 's', files: ['a.ts', 'b.ts'], given: ['given.ts'], stages: [] } };
const dir = mkdtempSync(join(tmpdir(), 'journey-subs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('submissions', () => {
  it('finds a folder or a zip per student, and ignores the rest', () => {
    mkdirSync(join(dir, 'alice', 'workspace', 'dns'), { recursive: true });
    writeFileSync(join(dir, 'bob.zip'), zipSync({ 'dns/a.ts': strToU8('export const a = 1;'), 'dns/evil.sh': strToU8('rm -rf /'), 'tcp/x.ts': strToU8('') }));
    writeFileSync(join(dir, 'notes.txt'), '');
    expect(findSubmissions(dir).map((s) => `${s.student}:${s.kind}`)).toEqual(['alice:folder', 'bob:zip']);
  });

  it('takes only the manifest\'s learner files, never a link, from a clone', () => {
    const ws = join(dir, 'alice', 'workspace', 'dns');
    writeFileSync(join(ws, 'a.ts'), 'export const a = 2;');
    writeFileSync(join(dir, 'other-student.ts'), 'someone else');
    symlinkSync(join(dir, 'other-student.ts'), join(ws, 'b.ts'));
    writeFileSync(join(ws, 'a.test.ts'), 'their own test');
    const found = labFiles(findSubmissions(dir).find((s) => s.student === 'alice')!, lab);
    expect(found.files).toEqual({ 'a.ts': 'export const a = 2;' });
    expect(found.problems).toEqual(['workspace/dns/b.ts is not a regular file (a link or a folder), so it was left out']);
  });

  it('takes only the lab\'s learner files from a browser export', () => {
    const found = labFiles(findSubmissions(dir).find((s) => s.student === 'bob')!, lab);
    expect(found.files).toEqual({ 'a.ts': 'export const a = 1;' });
  });
});
