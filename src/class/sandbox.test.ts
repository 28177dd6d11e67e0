/**
 * The sandbox's two layers. Its process limit binds, root or not: a fork
 * bomb in the launcher's sandbox (run through a shell, so without Node's
 * permission model) stops at SANDBOX_LIMITS.tasks, runs as an unprivileged
 * user, and leaves nothing running once it ends. And the grading child's
 * Node runs under the permission model: no child processes, no writes but
 * to its temp folder. Needs bubblewrap.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { root } from '../../tests/support/cli.ts';
import { skipWithout } from '../../tests/support/host-tools.ts';
import type { Lab } from '../course/labs.ts';
import { bubblewrapLauncher, openToSandbox, probeBubblewrap, SANDBOX_LIMITS } from './sandbox.ts';

const probe = probeBubblewrap(root);
const base = mkdtempSync(join(tmpdir(), 'journey-sandbox-'));
/** A duration no other process on the machine sleeps for: how the bomb's leftovers are found. */
const marker = `${200 + (process.pid % 500)}.${Date.now() % 100_000}`;

/** Spawns `sleep` 600 times at once and prints how many started and failed, and as whom it ran. */
const bomb = `
const { spawn } = require('node:child_process');
let started = 0, failed = 0;
const tries = 600;
for (let i = 0; i < tries; i++) spawn('sleep', [${JSON.stringify(marker)}], { stdio: 'ignore' }).on('spawn', () => started++).on('error', () => failed++);
const wait = setInterval(() => {
  if (started + failed < tries) return;
  clearInterval(wait);
  console.log(JSON.stringify({ started, failed, uid: process.getuid() }));
  process.exit(0);
}, 20);`;

function sleepersLeft(): number {
  return readdirSync('/proc').filter((p) => {
    try {
      return /^\d+$/.test(p) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
    } catch {
      return false;
    }
  }).length;
}

describe('the class sandbox', () => {
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const lab: Lab = { id: 'none', dir: join(base, 'lab'), chapter: 1, manifest: { title: 'L', chapterPage: 'l', summary: 'l', files: [], given: [], stages: [] } };

  it('holds a fork bomb to its task limit, as an unprivileged user even when the grader is root', async (context) => {
    if (!probe.ok) skipWithout(context, 'sandbox');
    openToSandbox(base, 'traverse');
    const learner = mkdtempSync(join(base, 'learner-'));
    openToSandbox(learner, 'read');
    const temp = mkdtempSync(join(base, 'temp-'));
    // Through a shell: the launcher puts the permission model only on Node itself, and this is about the layer under it.
    const launch = bubblewrapLauncher(probe.ok ? probe.path : '', root, lab, learner)({ command: 'sh', args: ['-c', '"$0" -e "$1"', process.execPath, bomb], env: {} }, temp);
    const run = spawnSync(launch.command, launch.args, { env: launch.env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const { started, failed, uid } = JSON.parse(run.stdout) as { started: number; failed: number; uid: number };
    expect(uid).not.toBe(0);
    expect(started).toBeLessThan(SANDBOX_LIMITS.tasks);
    expect(failed).toBeGreaterThan(0);
    // The kernel ends what is left in the sandbox's PID namespace as its first process exits, a moment after.
    await vi.waitFor(() => expect(sleepersLeft()).toBe(0), { timeout: 10_000, interval: 100 });
  });

  it('runs the grading child\'s Node under the permission model: no child process, no write outside its temp folder', (context) => {
    if (!probe.ok) skipWithout(context, 'sandbox');
    openToSandbox(base, 'traverse');
    const learner = mkdtempSync(join(base, 'learner-'));
    openToSandbox(learner, 'read');
    const temp = mkdtempSync(join(base, 'temp-'));
    const tries = `
const { spawnSync } = require('node:child_process');
const { writeFileSync } = require('node:fs');
const attempt = (f) => { try { f(); return 'done'; } catch (e) { return e.code; } };
console.log(JSON.stringify({
  spawn: attempt(() => spawnSync('true')),
  sandboxTmp: attempt(() => writeFileSync('/tmp/escape', 'x')),
  ownTemp: attempt(() => writeFileSync(${JSON.stringify(join(temp, 'mine'))}, 'x')),
}));`;
    const launch = bubblewrapLauncher(probe.ok ? probe.path : '', root, lab, learner)({ command: process.execPath, args: ['-e', tries], env: {} }, temp);
    const run = spawnSync(launch.command, launch.args, { env: launch.env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ spawn: 'ERR_ACCESS_DENIED', sandboxTmp: 'ERR_ACCESS_DENIED', ownTemp: 'done' });
  });
});
