import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceZip } from '../src/course/workspace-zip.ts';
import type { GradeResult } from '../src/runners/result.ts';
import { fixtureLabs, journey, tempWorkspace } from './support/cli.ts';

const labs = fixtureLabs;

describe('journey: usage errors name what is valid', () => {
  it('an unknown command exits 2 and lists the commands', () => {
    const run = journey(['gradde', 'adder'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "gradde"');
    expect(run.stderr).toMatch(/Valid commands: list, start, grade, watch, hint, import, reset/);
  });

  it('an unknown lab exits 2 and lists the labs', () => {
    const run = journey(['grade', 'nope'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown lab "nope". Labs: adder');
  });

  it('an unknown flag exits 2 and lists the flags of that command', () => {
    const run = journey(['grade', 'adder', '--targe', 'solution'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--targe'");
    expect(run.stderr).toContain('Flags for "grade": --target, --stage, --json');
  });

  it('a bad --target value and a bad --stage are named', () => {
    const ws = tempWorkspace();
    expect(journey(['grade', 'adder', '--target', 'mine'], { workspace: ws, labs }).stderr).toContain(
      '--target must be one of solution, starter, workspace; got "mine"',
    );
    expect(journey(['grade', 'adder', '--stage', 'nope'], { workspace: ws, labs }).stderr).toContain(
      'lab "adder" has no stage "nope". Stages: small, wrap',
    );
  });
});

describe('journey grade', () => {
  it('exits 0 at full marks and prints one JSON result in the documented shape', () => {
    const run = journey(['grade', 'adder', '--target', 'solution', '--json'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as GradeResult;
    expect(result).toMatchObject({ status: 'pass', lab: 'adder', target: 'solution', runner: 'node', score: 10, max: 10 });
    expect(result.stages.map((s) => [s.id, s.points, s.earned])).toEqual([
      ['small', 4, 4],
      ['wrap', 6, 6],
    ]);
    // Tests in file order, each with Exercism's fields.
    expect(result.stages[0]!.tests.map((t) => t.name)).toEqual(['add > adds 2 and 3', 'add > adds a negative number']);
    for (const test of result.stages.flatMap((s) => s.tests)) {
      expect(test).toEqual({ name: expect.any(String), status: 'passed', durationMs: expect.any(Number) });
    }
  });

  it('exits 1 below full marks and shows each failing test with its message', () => {
    const run = journey(['grade', 'adder', '--target', 'starter'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Score 0\/10/);
    expect(run.stdout).toContain('small › add > adds 2 and 3');
    expect(run.stdout).toContain('expected -1 to be 5');
    expect(run.stdout).toContain('TODO(wrap)');
  });

  it('explains how to start when the learner has no workspace copy yet', () => {
    const run = journey(['grade', 'adder'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('You have not started the adder lab');
    expect(run.stderr).toContain('npx journey start adder');
  });

  it('still prints a JSON result (status error, nothing earned) for tools when nothing was started', () => {
    const run = journey(['grade', 'adder', '--json'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'error', score: 0, max: 10, message: expect.stringContaining('nothing to grade') });
    expect(run.stderr).toContain('npx journey start adder');
  });
});

describe('journey start, reset, list, hint', () => {
  it('start copies the starter and never overwrites the learner\'s files', () => {
    const ws = tempWorkspace();
    expect(journey(['start', 'adder'], { workspace: ws, labs }).code).toBe(0);
    const file = join(ws, 'adder', 'add.ts');
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(labs, 'adder', 'starter', 'add.ts'), 'utf8'));

    writeFileSync(file, '// my work\n');
    const again = journey(['start', 'adder'], { workspace: ws, labs });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Kept your add.ts');
    expect(readFileSync(file, 'utf8')).toBe('// my work\n');
  });

  it('start copies learner files only, and leaves a tsconfig that points the editor at the given files', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    expect(readdirSync(join(ws, 'adder')).sort()).toEqual(['add.ts', 'tsconfig.json']);
    const paths = JSON.parse(readFileSync(join(ws, 'adder', 'tsconfig.json'), 'utf8')).compilerOptions.paths;
    expect(paths['@impl/add.ts']).toEqual(['./add.ts']);
    expect(join(ws, 'adder', paths['@impl/*'][0])).toBe(join(labs, 'adder', 'given', '*'));
  });

  it('start says when a copy of a given file in the workspace is no longer used', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    writeFileSync(join(ws, 'adder', 'u32.ts'), '// an old copy\n');
    const again = journey(['start', 'adder'], { workspace: ws, labs });
    expect(again.stdout).toMatch(/Your u32\.ts is now given: graders read .*adder\/given\//);
    expect(readFileSync(join(ws, 'adder', 'u32.ts'), 'utf8')).toBe('// an old copy\n');
  });

  it('reset moves the learner\'s files to a backup before starting afresh', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    writeFileSync(join(ws, 'adder', 'add.ts'), '// my work\n');
    const run = journey(['reset', 'adder'], { workspace: ws, labs });
    expect(run.code).toBe(0);
    const backups = readdirSync(join(ws, '.journey', 'backups'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(ws, '.journey', 'backups', backups[0]!, 'add.ts'), 'utf8')).toBe('// my work\n');
    expect(readFileSync(join(ws, 'adder', 'add.ts'), 'utf8')).toContain('return a - b');
    expect(run.stdout).toContain('Moved your files to');
  });

  it('grading the workspace records progress that list and hint use', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    const solved = readFileSync(join(labs, 'adder', 'solution', 'add.ts'), 'utf8').replace(/export function add32[\s\S]*$/, '');
    writeFileSync(join(ws, 'adder', 'add.ts'), solved + 'export function add32(a: number, b: number): number { return a + b; }\n');
    const graded = journey(['grade', 'adder'], { workspace: ws, labs });
    expect(graded.code).toBe(1);
    expect(existsSync(join(ws, '.journey', 'progress.json'))).toBe(true);

    const list = journey(['list'], { workspace: ws, labs });
    // small passes (4/4); wrap passes 1 of its 2 tests, so 3 of its 6 points.
    expect(list.stdout).toMatch(/Adder .*7\/10/);
    expect(list.stdout).toMatch(/◐ wrap .* 3\/6/);
    expect(list.stdout).toMatch(/✓ small/);

    const hint = journey(['hint', 'adder'], { workspace: ws, labs });
    expect(hint.stdout).toContain('adder › wrap');
    expect(hint.stdout).toContain('Hint 1. Use >>> 0.');
  });
});

describe('journey import', () => {
  it('imports an exported zip into the workspace, backing up what was there, and grades it', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    writeFileSync(join(ws, 'adder', 'add.ts'), '// before import\n');
    const zip = join(ws, 'export.zip');
    // An export from before the lab had given/ still carries the given file: it is left out.
    writeFileSync(zip, workspaceZip('adder', { 'add.ts': readFileSync(join(labs, 'adder', 'solution', 'add.ts'), 'utf8'), 'u32.ts': '// old copy\n' }));
    const run = journey(['import', zip], { workspace: ws, labs });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Left out u32.ts: given files');
    expect(run.stdout).toContain('Imported 1 files into');
    expect(existsSync(join(ws, 'adder', 'u32.ts'))).toBe(false);
    const backups = readdirSync(join(ws, '.journey', 'backups'));
    expect(readFileSync(join(ws, '.journey', 'backups', backups[0]!, 'add.ts'), 'utf8')).toBe('// before import\n');
    expect(journey(['grade', 'adder'], { workspace: ws, labs }).code).toBe(0);
  });

  it('rejects a foreign or broken zip with the reason, and changes nothing', () => {
    const ws = tempWorkspace();
    journey(['start', 'adder'], { workspace: ws, labs });
    writeFileSync(join(ws, 'adder', 'add.ts'), '// my work\n');
    const cases: [Uint8Array, string][] = [
      [new TextEncoder().encode('not a zip at all'), 'not a readable zip file'],
      [workspaceZip('tcp-elsewhere', { 'add.ts': '' }), '"tcp-elsewhere" is not a lab of this course'],
      [workspaceZip('adder', { 'evil.ts': '' }), 'adder/evil.ts is not one of the adder lab\'s files'],
    ];
    for (const [bytes, reason] of cases) {
      const zip = join(ws, 'bad.zip');
      writeFileSync(zip, bytes);
      const run = journey(['import', zip], { workspace: ws, labs });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(reason);
      expect(run.stderr).toContain('Nothing was changed');
    }
    expect(readFileSync(join(ws, 'adder', 'add.ts'), 'utf8')).toBe('// my work\n');
    expect(existsSync(join(ws, '.journey', 'backups'))).toBe(false);
  });
});
