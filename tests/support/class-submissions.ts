/**
 * A generated class for `journey class grade`: solutions, starters, partial
 * work and the hostile set, as clones of forks (`<student>/workspace/<lab>/`)
 * and browser exports (`<student>.zip`). Each hostile submission is the first
 * lab's solution (or starter, where the attack is a fake pass) with one
 * attack put into the file nearly every stage imports (`ATTACK_SITES`); what
 * it tries is in `HOSTILE`, and what containing it means is checked by
 * tests/class-grade.test.ts (on the small fixture lab, adder). The benchmark
 * grades the same set on the real labs.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';

/** What the hostile code may aim at, outside its sandbox. */
export interface Targets {
  /** The course checkout (its workspace, solutions). */
  root: string;
  /** The submissions folder (another student's work is in it). */
  submissions: string;
  /** A folder of the teacher's that stands for private data (hidden tests). */
  secret: string;
  /** A port a server of the test's listens on, at 127.0.0.1. */
  port: number;
  /** A word the hostile processes carry in their command lines, to find any left running (the fork bomb's subshells too). */
  marker: string;
}

/** Where a lab's hostile code goes: a learner file nearly every stage imports, and a function in it the tests call. */
export interface AttackSite {
  file: string;
  fn: string;
}

/** The attack site of each lab a hostile set is written into. */
export const ATTACK_SITES: Readonly<Record<string, AttackSite>> = {
  dns: { file: 'name.ts', fn: 'encodeName' },
  adder: { file: 'add.ts', fn: 'add' },
};

/** The lab a hostile submission is built on, as its code sees it. */
export interface AttackLab extends AttackSite {
  labsDir: string;
  lab: string;
  stages: string[];
}

/** One hostile submission: what it does, and the code put at the top of the attack site's file or into its function. */
export interface HostileCase {
  student: string;
  does: string;
  /** Built on the starter rather than the solution: the attack fakes passes it did not earn. */
  onStarter?: boolean;
  top?: (t: Targets, lab: AttackLab) => string;
  inFunction?: (t: Targets) => string;
}

const s = JSON.stringify;

/** The hostile set the issue names, one student each. */
export const HOSTILE: readonly HostileCase[] = [
  { student: 'hostile-loop-import', does: 'an infinite loop at import', top: () => 'for (;;) {}' },
  { student: 'hostile-loop-test', does: 'an infinite loop in a test', inFunction: () => 'for (;;) {}' },
  {
    student: 'hostile-fork-bomb',
    does: 'a fork bomb',
    top: (t) => `import { spawn as __spawn } from 'node:child_process';
for (let i = 0; i < 64; i++) { try { __spawn('sh', ['-c', ${s(`while :; do (sleep 600; true) & done # ${t.marker}`)}], { detached: true, stdio: 'ignore' }).on('error', () => {}).unref(); } catch {} }`,
  },
  {
    student: 'hostile-write-outside',
    does: 'writing outside its folder',
    top: (t) => `import { writeFileSync as __write } from 'node:fs';
for (const p of ${s([join(t.root, `ESCAPED-${t.marker}`), join(t.submissions, 'solution-1', `ESCAPED-${t.marker}`), join(t.secret, `ESCAPED-${t.marker}`), `/tmp/ESCAPED-${t.marker}`])}) { try { __write(p, 'escaped'); } catch {} }`,
  },
  {
    student: 'hostile-read-others',
    does: "reading another student's work, the solutions and the teacher's private folder",
    top: (t, lab) => `import { readFileSync as __read } from 'node:fs';
for (const p of ${s([join(t.submissions, 'solution-1', 'workspace', lab.lab, lab.file), join(lab.labsDir, lab.lab, 'solution', lab.file), join(t.secret, 'secret.txt')])}) {
  let text: string | undefined;
  try { text = __read(p, 'utf8'); } catch {}
  if (text !== undefined) throw new Error('read ' + p + ': ' + text.slice(0, 40));
}`,
  },
  {
    student: 'hostile-socket',
    does: 'opening a socket to the teacher\'s machine',
    top: (t) => `import { connect as __connect } from 'node:net';
try { __connect(${t.port}, '127.0.0.1').on('error', () => {}); } catch {}
try { __connect(80, '1.1.1.1').on('error', () => {}); } catch {}`,
  },
  { student: 'hostile-exit', does: 'process.exit(0) mid-run', inFunction: () => 'process.exit(0);' },
  {
    student: 'hostile-output',
    does: 'gigabytes of output',
    top: () => `{ const __big = 'x'.repeat(1 << 20); for (let i = 0; i < 4096; i++) { process.stdout.write(__big); console.log(__big); } }`,
  },
  { student: 'hostile-patch-globals', does: 'patching globals to fake passes', onStarter: true, top: () => 'Object.is = () => true;' },
  {
    student: 'hostile-forge-channel',
    does: "forging the grader's result channel and progress lines",
    onStarter: true,
    top: (_t, lab) => `import { writeSync as __writeSync, appendFileSync as __append } from 'node:fs';
for (const stage of ${s(lab.stages)}) {
  const forged = [{ kind: 'test-end', stage, result: { name: 'forged', status: 'passed', durationMs: 1 } }, { kind: 'stage-end', stage }];
  for (const m of forged) { try { __writeSync(3, JSON.stringify(m) + '\\n'); } catch {} }
  try { __append((process.env.TMPDIR ?? '/tmp') + '/progress.jsonl', JSON.stringify({ body: JSON.stringify({ event: 'end', file: stage, name: 'forged', passed: true }), mac: 'forged' }) + '\\n'); } catch {}
}
try { __writeSync(3, JSON.stringify({ kind: 'run-done' }) + '\\n'); } catch {}`,
  },
];

/**
 * One submission trying several attacks that cannot mask each other (each
 * either fails silently or throws): a test grades them in one sandbox run.
 */
export function combinedHostile(student: string, cases: readonly HostileCase[]): HostileCase {
  if (cases.some((c) => c.inFunction || c.onStarter)) throw new Error('only attacks at the top of a solution combine');
  const tops = cases.map((c) => c.top!);
  return { student, does: cases.map((c) => c.does).join('; '), top: (t, lab) => hoistImports(tops.map((top) => top(t, lab))) };
}

/** Attack snippets as one: their imports first, then their code. */
function hoistImports(snippets: string[]): string {
  const lines = snippets.flatMap((snippet) => snippet.split('\n'));
  return [...lines.filter((l) => l.startsWith('import ')), ...lines.filter((l) => !l.startsWith('import '))].join('\n');
}

function copyLab(labsDir: string, lab: string, from: 'solution' | 'starter', to: string): void {
  mkdirSync(to, { recursive: true });
  cpSync(join(labsDir, lab, from), to, { recursive: true });
}

function stageIds(labsDir: string, lab: string): string[] {
  return (JSON.parse(readFileSync(join(labsDir, lab, 'lab.json'), 'utf8')) as { stages: { id: string }[] }).stages.map((st) => st.id);
}

/** Writes one hostile submission: a clone whose `workspace/<lab>/<attack file>` carries the attack. */
export function writeHostile(labsDir: string, dir: string, lab: string, c: HostileCase, targets: Targets): void {
  const site = ATTACK_SITES[lab];
  if (!site) throw new Error(`no attack site for the ${lab} lab: add one to ATTACK_SITES`);
  const to = join(dir, c.student, 'workspace', lab);
  copyLab(labsDir, lab, c.onStarter ? 'starter' : 'solution', to);
  let code = readFileSync(join(to, site.file), 'utf8');
  if (c.inFunction) code = code.replace(new RegExp(`export function ${site.fn}\\([^)]*\\)[^{]*\\{\\n`), (m) => `${m}  ${c.inFunction!(targets)}\n`);
  if (c.top) {
    // After the imports, so the module stays valid TypeScript.
    const lines = code.split('\n');
    const afterImports = lines.findLastIndex((l) => l.startsWith('import ')) + 1;
    lines.splice(afterImports, 0, c.top(targets, { ...site, labsDir, lab, stages: stageIds(labsDir, lab) }));
    code = lines.join('\n');
  }
  writeFileSync(join(to, site.file), code);
}

/** How many students of each kind a generated class has. */
export interface ClassShape {
  solutions: number;
  starters: number;
  partial: number;
  hostile: readonly HostileCase[];
  labs: readonly string[];
}

/**
 * Writes a class from the labs in `labsDir`: `solution-<n>` (every lab's
 * solution; odd ones as browser zips), `starter-<n>`, `partial-<n>` (the
 * solution with the starter's copy of one more file per student, so their
 * scores differ) and the hostile set, in the first lab.
 */
export function writeClass(labsDir: string, dir: string, shape: ClassShape, targets: Targets): void {
  for (let n = 1; n <= shape.solutions; n++) {
    if (n % 2 === 0) {
      const entries: Record<string, Uint8Array> = {};
      for (const lab of shape.labs) {
        for (const file of manifestFiles(labsDir, lab)) entries[`${lab}/${file}`] = strToU8(readFileSync(join(labsDir, lab, 'solution', file), 'utf8'));
      }
      writeFileSync(join(dir, `solution-${n}.zip`), zipSync(entries));
    } else for (const lab of shape.labs) copyLab(labsDir, lab, 'solution', join(dir, `solution-${n}`, 'workspace', lab));
  }
  for (let n = 1; n <= shape.starters; n++) for (const lab of shape.labs) copyLab(labsDir, lab, 'starter', join(dir, `starter-${n}`, 'workspace', lab));
  for (let n = 1; n <= shape.partial; n++) {
    for (const lab of shape.labs) {
      const to = join(dir, `partial-${n}`, 'workspace', lab);
      copyLab(labsDir, lab, 'solution', to);
      const files = manifestFiles(labsDir, lab);
      for (const file of files.slice(files.length - (n % files.length) - 1)) cpSync(join(labsDir, lab, 'starter', file), join(to, file));
    }
  }
  for (const c of shape.hostile) writeHostile(labsDir, dir, shape.labs[0]!, c, targets);
}

function manifestFiles(labsDir: string, lab: string): string[] {
  return (JSON.parse(readFileSync(join(labsDir, lab, 'lab.json'), 'utf8')) as { files: string[] }).files;
}

/** Processes running now whose command line carries `marker` (the hostile set's, the fork bomb's subshells too). */
export function markedProcesses(marker: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
        return cmd.includes(marker) ? [`${p}: ${cmd.replace(/\0/g, ' ')}`] : [];
      } catch {
        return [];
      }
    });
}
