import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLab } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { gradeLab } from '../src/runners/node/grade.ts';
import { fixtureLabs } from './support/cli.ts';

const paths = { ...coursePaths(), labs: fixtureLabs };
const lab = loadLab(paths, 'adder');

/** A folder of learner files: the solution with add.ts replaced. */
function learnerCopy(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'journey-impl-'));
  cpSync(join(lab.dir, 'solution'), dir, { recursive: true });
  writeFileSync(join(dir, 'add.ts'), source);
  return dir;
}

describe('the Node runner treats learner code as untrusted', () => {
  it('stops a test stuck in a synchronous loop, names it, and still grades the other stages', async () => {
    const result = await gradeLab({ paths, lab, target: 'workspace', implDir: join(lab.dir, 'looping'), testTimeoutMs: 1_500 });
    const [small, wrap] = result.stages;
    expect(small).toMatchObject({ status: 'passed', earned: 4 });
    expect(wrap!.status).toBe('failed');
    expect(wrap!.tests[0]).toMatchObject({ name: 'wraps past 2^32', status: 'failed' });
    expect(wrap!.tests[0]!.message).toContain('did not finish within 1.5 s and was stopped');
    expect(wrap!.error).toContain('stopped at the test "wraps past 2^32"');
    expect(result.score).toBe(4);
  });

  it('keeps what the learner printed, per test', async () => {
    const result = await gradeLab({ paths, lab, target: 'workspace', implDir: join(lab.dir, 'looping'), testTimeoutMs: 1_500, stages: ['small'] });
    expect(result.stages.map((s) => s.id)).toEqual(['small']);
    expect(result.stages[0]!.tests[0]!.output).toBe('adding 2 and 3\n');
  });

  it('reports a file that throws on import as a stage error, not a crash', async () => {
    const implDir = learnerCopy('throw new Error("boom at import");\nexport const add = 1, add32 = 2;\n');
    const result = await gradeLab({ paths, lab, target: 'workspace', implDir });
    expect(result.status).toBe('fail');
    for (const stage of result.stages) {
      expect(stage.earned).toBe(0);
      expect(stage.error).toContain('boom at import');
    }
  });

  it('reports a syntax error with the file it is in', async () => {
    const implDir = learnerCopy('export function add(a: number, b: number) { return a +; }\n');
    const result = await gradeLab({ paths, lab, target: 'workspace', implDir });
    expect(result.stages[0]!.error).toMatch(/add\.ts/);
    expect(result.score).toBe(0);
  });

  it('says there is nothing to grade when the folder does not exist', async () => {
    const result = await gradeLab({ paths, lab, target: 'workspace', implDir: join(tmpdir(), 'no-such-journey-dir') });
    expect(result).toMatchObject({ status: 'error', score: 0, max: 10 });
    expect(result.message).toContain('nothing to grade');
  });
});
