import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLab, ManifestError } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { fixtureLabs, journey, tempWorkspace } from './support/cli.ts';

/** A copy of the fixture lab whose lab.json has been changed by `edit`. */
function brokenLab(edit: (manifest: Record<string, any>) => void) {
  const labs = mkdtempSync(join(tmpdir(), 'journey-labs-'));
  cpSync(join(fixtureLabs, 'adder'), join(labs, 'adder'), { recursive: true });
  const file = join(labs, 'adder', 'lab.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  edit(manifest);
  writeFileSync(file, JSON.stringify(manifest));
  return labs;
}

function problemsOf(labs: string): string {
  try {
    loadLab({ ...coursePaths(), labs }, 'adder');
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as ManifestError).message;
  }
  throw new Error('expected the manifest to be rejected');
}

describe('lab manifests are validated with the file, the field and what was expected', () => {
  it('names a field of the wrong type', () => {
    const message = problemsOf(brokenLab((m) => (m.stages[1].points = 'six')));
    expect(message).toContain('adder/lab.json is not a valid lab manifest');
    expect(message).toMatch(/stages\[1\]\.points: .*expected number, received string/);
  });

  it('names a missing field and an unknown one', () => {
    const message = problemsOf(
      brokenLab((m) => {
        delete m.title;
        m.stages[0].hint = 'singular';
      }),
    );
    expect(message).toMatch(/title: .*expected string, received undefined/);
    expect(message).toMatch(/stages\[0\]: Unrecognized key: "hint"/);
  });

  it('lists the allowed values of runsIn', () => {
    expect(problemsOf(brokenLab((m) => (m.stages[0].runsIn = 'browser')))).toMatch(
      /stages\[0\]\.runsIn: .*"pure"\|"node"\|"host"/,
    );
  });

  it('rejects duplicate stage ids and stages without a test file', () => {
    expect(problemsOf(brokenLab((m) => (m.stages[1].id = 'small')))).toContain('stages[1].id: duplicate stage id "small"');
    expect(problemsOf(brokenLab((m) => (m.stages[1].id = 'carry')))).toContain(
      'stages[1].id: expected a test file tests/carry.test.ts for stage "carry"',
    );
  });

  it('rejects learner files missing from starter/ or solution/', () => {
    const labs = brokenLab(() => {});
    rmSync(join(labs, 'adder', 'starter', 'add.ts'));
    expect(problemsOf(labs)).toContain('files[0]: expected starter/add.ts to exist');
  });

  it('rejects a lab.json that is not JSON, and the CLI reports it with exit code 2', () => {
    const labs = brokenLab(() => {});
    writeFileSync(join(labs, 'adder', 'lab.json'), '{ "title": ');
    expect(problemsOf(labs)).toMatch(/\(file\): not readable JSON/);
    const run = journey(['hint', 'adder'], { workspace: tempWorkspace(), labs });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('adder/lab.json is not a valid lab manifest');
  });
});

describe('the chapter page', () => {
  it('must exist in content/', () => {
    expect(problemsOf(brokenLab((m) => (m.chapterPage = 'chapters/nowhere')))).toContain(
      'chapterPage: expected a chapter page content/chapters/nowhere.mdx',
    );
  });
});
