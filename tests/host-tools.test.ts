// What the course finds on a machine and what it says is missing: host-tools.ts, `journey doctor`,
// and the test suite's skip-without-a-tool rule (skip with one line per tool; fail under CI).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderChecks, runChecks, type Probe } from '../src/cli/doctor.ts';
import { detectPlatform, findTool, PLATFORM_LABEL, TOOLS, type HostEnv, type Platform, type ToolId } from '../src/tooling/host-tools.ts';
import { journeyHere, root, tempWorkspace } from './support/cli.ts';

/** A Linux machine holding exactly these files, with this PATH and these variables. */
function host(files: string[], env: Record<string, string> = {}): HostEnv {
  const set = new Set(files);
  return {
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...env },
    platform: 'linux',
    exists: (p) => set.has(p),
    list: (dir) => [...new Set(files.filter((f) => f.startsWith(dir + '/')).map((f) => f.slice(dir.length + 1).split('/')[0]!))],
  };
}

const EVERYTHING = ['/usr/bin/chromium', '/usr/bin/tshark', '/usr/lib/postgresql/15/bin/pg_ctl', '/usr/bin/bwrap'];
const WHERE: Record<ToolId, string> = { chromium: '/usr/bin/chromium', tshark: '/usr/bin/tshark', postgresql: '/usr/lib/postgresql/15/bin/pg_ctl', sandbox: '/usr/bin/bwrap' };

describe('finding tools', () => {
  it('finds each where it is installed, and nothing on an empty machine', () => {
    const full = host(EVERYTHING);
    expect(findTool('chromium', full)).toBe('/usr/bin/chromium');
    expect(findTool('tshark', full)).toBe('/usr/bin/tshark');
    expect(findTool('postgresql', full)).toBe('/usr/lib/postgresql/15/bin');
    expect(findTool('sandbox', full)).toBe('/usr/bin/bwrap');
    for (const id of Object.keys(TOOLS) as ToolId[]) expect(findTool(id, host([]))).toBeUndefined();
  });

  it('takes the newest of Debian\'s PostgreSQL versions, pg_ctl on PATH, or a DATABASE_URL', () => {
    expect(findTool('postgresql', host(['/usr/lib/postgresql/9/bin/pg_ctl', '/usr/lib/postgresql/16/bin/pg_ctl']))).toBe('/usr/lib/postgresql/16/bin');
    expect(findTool('postgresql', host(['/usr/local/bin/pg_ctl']))).toBe('/usr/local/bin');
    expect(findTool('postgresql', host([], { DATABASE_URL: 'postgres://localhost/shop' }))).toBe('DATABASE_URL');
  });

  it('uses CHROMIUM_PATH when set, and counts only bubblewrap as the sandbox (batch grading uses no container engine)', () => {
    expect(findTool('chromium', host(['/opt/chrome'], { CHROMIUM_PATH: '/opt/chrome' }))).toBe('/opt/chrome');
    expect(findTool('chromium', host(['/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/missing' }))).toBeUndefined();
    expect(findTool('sandbox', host(['/usr/bin/podman', '/usr/bin/docker']))).toBeUndefined();
  });

  it('JOURNEY_PRETEND_MISSING hides installed tools', () => {
    const machine = host(EVERYTHING, { JOURNEY_PRETEND_MISSING: 'tshark, chromium' });
    expect(findTool('tshark', machine)).toBeUndefined();
    expect(findTool('chromium', machine)).toBeUndefined();
    expect(findTool('sandbox', machine)).toBe('/usr/bin/bwrap');
  });

  it('gives install commands for the platform it runs on', () => {
    expect(detectPlatform('darwin')).toBe('macos');
    expect(detectPlatform('win32')).toBe('windows');
    expect(detectPlatform('linux', () => 'ID=fedora\nVERSION_ID=41\n')).toBe('fedora');
    expect(detectPlatform('linux', () => 'ID=ubuntu\nID_LIKE=debian\n')).toBe('debian');
    expect(detectPlatform('linux', () => { throw new Error('no os-release'); })).toBe('debian');
  });
});

describe('journey doctor', () => {
  const probe = (machine: HostEnv, platform: Platform = 'debian', portFree = true): Probe => ({
    host: machine,
    platform,
    nodeVersion: '24.21.0',
    portFree: async () => portFree,
    stagesNeeding: (tool) => (tool === 'tshark' ? ['layers › tshark'] : []),
  });

  it('ticks every tool that is there', async () => {
    const checks = await runChecks(probe(host(EVERYTHING)));
    expect(checks.every((c) => c.ok)).toBe(true);
    const report = renderChecks(checks, 'debian');
    for (const id of Object.keys(TOOLS) as ToolId[]) expect(report).toMatch(new RegExp(`✓ ${TOOLS[id].name.replace('/', '\\/')} +${WHERE[id].replace(/\/pg_ctl$/, '')}`));
    expect(report).toMatch(/✓ Node +24\.21\.0/);
    expect(report).toContain('Everything the course uses is here.');
    expect(report).not.toContain('fix:');
  });

  for (const id of Object.keys(TOOLS) as ToolId[]) {
    it(`says what to install when ${id} is missing, on each platform`, async () => {
      const machine = host(EVERYTHING.filter((f) => f !== WHERE[id]));
      for (const platform of Object.keys(PLATFORM_LABEL) as Platform[]) {
        const checks = await runChecks(probe(machine, platform));
        expect(checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([TOOLS[id].name]);
        const report = renderChecks(checks, platform);
        expect(report).toContain(`✗ ${TOOLS[id].name}`);
        expect(report).toContain(`fix: ${TOOLS[id].install[platform]}`);
        expect(report).toContain(`install commands for ${PLATFORM_LABEL[platform]}`);
        expect(report).toContain('1 missing.');
      }
    });
  }

  it('names the lab stages that need a missing tool, an old Node, and a busy port', async () => {
    const old = { ...probe(host([]), 'debian', false), nodeVersion: '20.19.0' };
    const report = renderChecks(await runChecks(old), 'debian');
    expect(report).toContain('stages: layers › tshark');
    expect(report).toMatch(/✗ Node +20\.19\.0 is too old/);
    expect(report).toMatch(/✗ Port 4321 +in use/);
    expect(report).toContain('6 missing.');
  });

  it('runs as `journey doctor`: exit 1 with what is missing, and --platform picks the commands', async () => {
    const run = await journeyHere(['doctor', '--platform', 'fedora'], { workspace: tempWorkspace(), more: { JOURNEY_PRETEND_MISSING: 'tshark,chromium,postgresql,sandbox' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ tshark');
    expect(run.stdout).toContain('fix: sudo dnf install wireshark-cli');
    expect(run.stdout).toContain('stages: layers › tshark');
    const bad = await journeyHere(['doctor', '--platform', 'beos'], { workspace: tempWorkspace() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--platform must be one of debian, fedora, macos, windows; got "beos"');
  });
});

describe('npm test on a machine without a tool', () => {
  const vitest = (env: Record<string, string>) => {
    const { CI: _ci, ...rest } = process.env;
    return spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'vitest.config.ts'], {
      cwd: join(root, 'tests', 'fixtures', 'host-tools'),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...rest, NO_COLOR: '1', JOURNEY_PRETEND_MISSING: 'tshark', ...env },
    });
  };

  it('skips only the checks that need it, prints one line saying so, and passes', () => {
    const run = vitest({});
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 passed \| 2 skipped/);
    expect(run.stdout.match(/not found: /g)).toHaveLength(1);
    expect(run.stdout).toContain('tshark not found: 2 checks skipped — install with `sudo apt-get install tshark`');
  });

  it('fails those checks under CI, where nothing may be skipped', () => {
    const run = vitest({ CI: 'true' });
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain('tshark not found, and under CI (CI is set) no check may be skipped');
    expect(run.stdout).toMatch(/2 failed \| 1 passed/);
  });
});
