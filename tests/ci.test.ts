// `journey ci init` and `journey ci summary`: the workflow a student's fork grades
// itself with. Its structure is checked against the Classroom graders' contract, and
// every step's command is run here, as the runner would run it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { parse } from 'yaml';
import { parseCsv } from '../src/class/report.ts';
import { COMMAND_GRADER, REPORTER } from '../src/ci/workflow.ts';
import { loadLabs } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import type { GradeResult } from '../src/runners/result.ts';
import { fixtureLabs, journeyHere, root, tempWorkspace } from './support/cli.ts';

interface Step {
  name: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number>;
}

/** Runs `journey ci init` into a temp file and parses what it wrote. */
async function initWorkflow(labs?: string, args: string[] = []): Promise<{ steps: Step[]; text: string; file: string; workflow: unknown }> {
  const dir = tempWorkspace();
  const file = join(dir, 'grade.yml');
  const run = await journeyHere(['ci', 'init', '--out', file, ...args], { workspace: dir, ...(labs ? { labs } : {}) });
  expect(run.code, run.stderr).toBe(0);
  const text = readFileSync(file, 'utf8');
  const workflow = parse(text) as { jobs?: { grade: { steps: Step[] } } };
  return { steps: workflow.jobs?.grade.steps ?? [], text, file, workflow };
}

const graderSteps = (steps: Step[]) => steps.filter((s) => s.uses === COMMAND_GRADER);

describe('journey ci init', () => {
  it('writes one Classroom command-grader step per stage of every lab, worth the stage\'s points', async () => {
    const { steps, workflow } = await initWorkflow();
    const labs = loadLabs(coursePaths());
    const graders = graderSteps(steps);
    expect(graders.map((s) => s.with!['test-name'])).toEqual(labs.flatMap((lab) => lab.manifest.stages.map((stage) => `${lab.id} › ${stage.id}`)));
    expect(graders.map((s) => s.with!['max-score'])).toEqual(labs.flatMap((lab) => lab.manifest.stages.map((stage) => stage.points)));
    expect(graders.map((s) => s.with!['command'])).toEqual(labs.flatMap((lab) => lab.manifest.stages.map((stage) => `npx journey grade ${lab.id} --stage ${stage.id}`)));
    expect(new Set(graders.map((s) => s.id)).size).toBe(graders.length);
    for (const s of graders) {
      expect(s.id, 'the reporter reads <ID>_RESULTS: letters, digits and _').toMatch(/^[A-Za-z0-9_]+$/);
      expect(s.with!['timeout']).toBeGreaterThan(0);
    }
    expect(workflow).toMatchObject({ on: { push: null }, permissions: { checks: 'write', contents: 'read' } });
  });

  it('has the reporter read every grader step\'s result, and installs the host tools some stage needs', async () => {
    const { steps } = await initWorkflow();
    const ids = graderSteps(steps).map((s) => s.id!);
    const reporter = steps.find((s) => s.uses === REPORTER)!;
    expect(String(reporter.with!['runners']).split(',')).toEqual(ids);
    expect(reporter.env).toEqual(Object.fromEntries(ids.map((id) => [`${id.toUpperCase()}_RESULTS`, `\${{ steps.${id}.outputs.result }}`])));
    // The reporter comes after every grader; installing comes before the first.
    const at = (s: Step) => steps.indexOf(s);
    expect(at(reporter)).toBeGreaterThan(Math.max(...graderSteps(steps).map(at)));
    const needed = new Set(loadLabs(coursePaths()).flatMap((lab) => lab.manifest.stages.flatMap((s) => s.needs ?? [])));
    const install = steps.find((s) => s.run?.includes('apt-get install'));
    if (needed.has('tshark')) expect(install?.run).toMatch(/\btshark\b/);
    if (needed.has('postgresql')) expect(install?.run).toMatch(/\bpostgresql\b/);
    expect(at(install!)).toBeLessThan(at(graderSteps(steps)[0]!));
    // The scoreboard and the artifact come even when a grader failed.
    const summary = steps.find((s) => s.run?.includes('journey ci summary'))!;
    expect(summary.if).toBe('always()');
    expect(summary.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))).toMatchObject({ if: 'always()', with: { name: 'journey-results' } });
  });

  it('writes only the labs --labs names, in chapter order, and names an unknown one', async () => {
    const { steps } = await initWorkflow(undefined, ['--labs', 'tcp,dns']);
    expect([...new Set(graderSteps(steps).map((s) => String(s.with!['test-name']).split(' › ')[0]))]).toEqual(['dns', 'tcp']);
    expect(steps.find((s) => s.run?.includes('journey ci summary'))!.run).toContain('--labs dns,tcp');
    const run = await journeyHere(['ci', 'init', '--out', join(tempWorkspace(), 'x.yml'), '--labs', 'dns,nope'], { workspace: tempWorkspace() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--labs: unknown lab "nope". Labs: layers, dns, cdn');
  });

  it('grades only the labs of the chapters course.json offers', async () => {
    const dir = tempWorkspace();
    const config = join(dir, 'course.json');
    writeFileSync(config, JSON.stringify({ chapters: ['tcp', 'layers'] }));
    const file = join(dir, 'grade.yml');
    const run = await journeyHere(['ci', 'init', '--out', file], { workspace: dir, more: { JOURNEY_COURSE_CONFIG: config } });
    expect(run.code, run.stderr).toBe(0);
    const steps = (parse(readFileSync(file, 'utf8')) as { jobs: { grade: { steps: Step[] } } }).jobs.grade.steps;
    expect([...new Set(graderSteps(steps).map((s) => String(s.with!['test-name']).split(' › ')[0]))]).toEqual(['tcp', 'layers']);
  });

  it('never replaces a workflow that differs unless --force, and says when it is up to date', async () => {
    const { file, text } = await initWorkflow(fixtureLabs);
    const again = await journeyHere(['ci', 'init', '--out', file], { workspace: tempWorkspace(), labs: fixtureLabs });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('is already up to date');
    writeFileSync(file, '# the teacher\'s own edits\n');
    const refused = await journeyHere(['ci', 'init', '--out', file], { workspace: tempWorkspace(), labs: fixtureLabs });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('exists and differs');
    expect(readFileSync(file, 'utf8')).toBe('# the teacher\'s own edits\n');
    const forced = await journeyHere(['ci', 'init', '--out', file, '--force'], { workspace: tempWorkspace(), labs: fixtureLabs });
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('writes GitLab CI\'s equivalent: one job, the scoreboard in its log, each test as JUnit', async () => {
    const { workflow } = await initWorkflow(undefined, ['--platform', 'gitlab', '--labs', 'layers,dns']);
    expect(workflow).toEqual({
      grade: {
        image: expect.stringMatching(/^node:\d+/),
        timeout: '1h',
        before_script: [expect.stringMatching(/apt-get install -y -qq .*\btshark\b/), 'npm ci'],
        script: ['npx journey ci summary --labs layers,dns --out-dir journey-results --junit journey-results/junit.xml'],
        artifacts: { when: 'always', paths: ['journey-results/'], reports: { junit: 'journey-results/junit.xml' } },
      },
    });
    const run = await journeyHere(['ci', 'init', '--platform', 'circle'], { workspace: tempWorkspace() });
    expect(run.stderr).toContain('--platform must be one of github, gitlab; got "circle"');
  });

  it('names the missing or unknown action', async () => {
    expect((await journeyHere(['ci'], { workspace: tempWorkspace() })).stderr).toContain('name a ci action: init or summary');
    expect((await journeyHere(['ci', 'push'], { workspace: tempWorkspace() })).stderr).toContain('unknown ci action "push"');
  });
});

/** A workspace holding the adder lab's `target` files, as a student's fork would. */
function adderWorkspace(target: 'solution' | 'starter'): string {
  const workspace = tempWorkspace();
  mkdirSync(join(workspace, 'adder'));
  cpSync(join(fixtureLabs, 'adder', target), join(workspace, 'adder'), { recursive: true });
  return workspace;
}

describe('the workflow\'s steps, run here as the runner runs them', () => {
  it('exit 0 for each stage of a finished lab and not 0 for each stage of the starter, so Classroom awards exactly the passed stages', async () => {
    const { steps } = await initWorkflow(fixtureLabs, ['--labs', 'adder']);
    const commands = graderSteps(steps).map((s) => String(s.with!['command']));
    expect(commands).toHaveLength(2);
    for (const [target, passes] of [['solution', true], ['starter', false]] as const) {
      const workspace = adderWorkspace(target);
      for (const command of commands) {
        const run = spawnSync('sh', ['-c', command], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', JOURNEY_LABS: fixtureLabs, JOURNEY_WORKSPACE: workspace } });
        expect(run.status === 0, `${command} on the ${target}:\n${run.stdout}${run.stderr}`).toBe(passes);
      }
    }
  }, 120_000);

  it('the scoreboard step writes each lab\'s JSON result, a JUnit report and a Markdown summary with its first failure, and fails below full marks', async () => {
    const workspace = adderWorkspace('starter');
    const out = join(workspace, 'results');
    const run = await journeyHere(['ci', 'summary', '--labs', 'adder,hostile', '--out-dir', out, '--junit', join(out, 'junit.xml')], { workspace, labs: fixtureLabs });
    expect(run.code).toBe(1);
    const result = JSON.parse(readFileSync(join(out, 'adder.json'), 'utf8')) as GradeResult;
    expect(result).toMatchObject({ lab: 'adder', target: 'workspace', score: 0, max: 10 });
    expect(existsSync(join(out, 'hostile.json'))).toBe(false);
    expect(run.stdout).toContain('| Adder (a fixture lab for the course\'s own tests) | 0/10 | ❌ small ❌ wrap |');
    expect(run.stdout).toContain('not started | run `npx journey start hostile`');
    expect(run.stdout).toMatch(/- \*\*adder › small\*\*: add > adds 2 and 3: expected -1 to be 5/);
    expect(run.stdout).toContain('**Total: 0/10**');
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit.match(/<testsuite /g)).toHaveLength(2);
    expect(junit).toContain('<testsuite name="adder › small (0/4 points)" tests="2" failures="2"');
    expect(junit).toContain('<failure message="expected -1 to be 5 // Object.is equality" type="failed">');
  }, 60_000);

  it('passes at full marks', async () => {
    const workspace = adderWorkspace('solution');
    const run = await journeyHere(['ci', 'summary', '--labs', 'adder', '--out-dir', join(workspace, 'results')], { workspace, labs: fixtureLabs });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('| 10/10 | ✅ small ✅ wrap |');
  }, 60_000);
});

describe('journey class collect', () => {
  it('gathers students\' CI results into the gradebook, marked as their own runs, and scores nothing for a result that does not add up', async () => {
    const workspace = adderWorkspace('solution');
    const artifacts = join(workspace, 'artifacts');
    // ann: the artifact as `gh run download` leaves it, journey-results/ in her folder.
    const ann = join(artifacts, 'ann', 'journey-results');
    expect((await journeyHere(['ci', 'summary', '--labs', 'adder', '--out-dir', ann], { workspace, labs: fixtureLabs })).code).toBe(0);
    const result = JSON.parse(readFileSync(join(ann, 'adder.json'), 'utf8')) as GradeResult;
    // bob: half done, as the zip the REST API downloads.
    const half = { ...result, status: 'fail', score: 4, stages: result.stages.map((s) => (s.id === 'wrap' ? { ...s, earned: 0, status: 'failed' } : s)) };
    writeFileSync(join(artifacts, 'bob.zip'), zipSync({ 'adder.json': strToU8(JSON.stringify(half)), 'run.json': strToU8(readFileSync(join(ann, 'run.json'), 'utf8')) }));
    // cy: a total edited up; dee: no result at all.
    mkdirSync(join(artifacts, 'cy'));
    writeFileSync(join(artifacts, 'cy', 'adder.json'), JSON.stringify({ ...half, score: 10, status: 'pass' }));
    mkdirSync(join(artifacts, 'dee'));
    const csv = join(workspace, 'gradebook.csv');
    const collect = await journeyHere(['class', 'collect', artifacts, '--labs', 'adder', '--out', csv], { workspace, labs: fixtureLabs });
    expect(collect.code, collect.stderr).toBe(0);
    const rows = parseCsv(readFileSync(csv, 'utf8'));
    expect(rows.map((r) => [r.student, r.score, r.max, r.status, r.small, r.wrap, r.isolation])).toEqual([
      ['ann', '10', '10', 'pass', '4', '6', 'student CI'],
      ['bob', '4', '10', 'fail', '4', '0', 'student CI'],
      ['cy', '0', '10', 'error', '0', '0', 'student CI'],
      ['dee', '0', '10', 'missing', '0', '0', 'student CI'],
    ]);
    expect([rows[0]!.commit, rows[1]!.commit]).toEqual([expect.stringMatching(/^[0-9a-f]{40}$/), rows[0]!.commit]);
    expect(rows[0]!.graded_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(collect.stdout).toMatch(/student CI — each student's own fork ran tests they could read and change, so these scores are feedback, not a trusted grade/);
    expect(collect.stdout).toContain('cy adder 0/10 error [student CI]');
    expect(collect.stdout).toContain('its score 10 is not the sum of its stages');
    expect(readFileSync(join(workspace, 'gradebook.log'), 'utf8')).toContain('dee adder 0/10 missing [student CI]');
  }, 60_000);
});
