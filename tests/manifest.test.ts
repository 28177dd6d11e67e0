import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function problemsOf(labs: string, content = coursePaths().content): string {
  try {
    loadLab({ ...coursePaths(), labs, content }, 'adder');
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

  it('rejects a Chinese translation with a different number of hints, or a field the translation does not have', () => {
    expect(problemsOf(brokenLab((m) => m.stages[0]['zh-cn'].hints.push('多出来的一条')))).toContain(
      'stages[0].zh-cn.hints: 2 translated hints for 1 English ones: translate each hint, in the same order',
    );
    expect(problemsOf(brokenLab((m) => (m.stages[0]['zh-cn'].points = 4)))).toMatch(/stages\[0\]\.zh-cn: Unrecognized key: "points"/);
    expect(problemsOf(brokenLab((m) => (m['zh-cn'] = { title: '加法器' })))).toMatch(/zh-cn\.summary: .*expected string, received undefined/);
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

describe('given files', () => {
  it('the fixture lab, with a given file, is valid', () => {
    expect(loadLab({ ...coursePaths(), labs: fixtureLabs }, 'adder').manifest.given).toEqual(['u32.ts']);
  });

  it('rejects a file that is both the learner\'s and given', () => {
    expect(problemsOf(brokenLab((m) => m.given.push('add.ts')))).toContain('given[1]: "add.ts" is also a learner file (files[0])');
  });

  it('rejects a listed given file that is missing, and a file in given/ that is not listed', () => {
    expect(problemsOf(brokenLab((m) => (m.given = ['u64.ts'])))).toMatch(/given\[0\]: expected given\/u64\.ts to exist[\s\S]*given: given\/u32\.ts is not listed in "given"/);
  });

  it('rejects a second copy of a given file in starter/', () => {
    const labs = brokenLab(() => {});
    cpSync(join(labs, 'adder', 'given', 'u32.ts'), join(labs, 'adder', 'starter', 'u32.ts'));
    expect(problemsOf(labs)).toContain('files: starter/u32.ts is not listed in "files" (it is given: keep only given/u32.ts)');
  });

  it('rejects a given file that imports a learner file', () => {
    const labs = brokenLab(() => {});
    writeFileSync(join(labs, 'adder', 'given', 'u32.ts'), "import { add } from '@impl/add.ts';\nexport const U32_VALUES = add(2 ** 31, 2 ** 31);\n");
    expect(problemsOf(labs)).toContain('given[0]: given/u32.ts imports "@impl/add.ts"; given files may import only other given files');
  });

  it('rejects a learner file that reaches a given file by a relative path', () => {
    const labs = brokenLab(() => {});
    const file = join(labs, 'adder', 'solution', 'add.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("'@impl/u32.ts'", "'./u32.ts'"));
    expect(problemsOf(labs)).toContain('files[0]: solution/add.ts imports "./u32.ts", a given file: import it as "@impl/u32.ts"');
  });
});

describe('the chapter number', () => {
  it('comes from the chapter page\'s sidebar.order', () => {
    const content = mkdtempSync(join(tmpdir(), 'journey-content-'));
    mkdirSync(join(content, 'chapters'));
    writeFileSync(join(content, 'chapters', 'adding.mdx'), '---\ntitle: Adding\nsidebar:\n  label: Add\n  order: 7\n---\n\nText.\n');
    const labs = brokenLab((m) => (m.chapterPage = 'chapters/adding'));
    expect(loadLab({ ...coursePaths(), labs, content }, 'adder').chapter).toBe(7);
  });

  it('is required: a chapter page without sidebar.order is named', () => {
    const content = mkdtempSync(join(tmpdir(), 'journey-content-'));
    mkdirSync(join(content, 'chapters'));
    writeFileSync(join(content, 'chapters', 'adding.mdx'), '---\ntitle: Adding\n---\n\nText.\n');
    expect(problemsOf(brokenLab((m) => (m.chapterPage = 'chapters/adding')), content)).toMatch(/chapterPage: .*adding\.mdx states no chapter number/);
  });

  it('is not stated in lab.json', () => {
    expect(problemsOf(brokenLab((m) => (m.chapter = 2)))).toContain('Unrecognized key: "chapter"');
  });
});
