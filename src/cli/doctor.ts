/**
 * `journey doctor`: what the course can use on this machine, each with ✓ or
 * what to install on this platform. The checks read a Probe so tests can
 * stage any machine.
 */
import { createServer } from 'node:net';
import pc from 'picocolors';
import { detectPlatform, findTool, PLATFORM_LABEL, realHost, TOOLS, type HostEnv, type Platform, type ToolId } from '../tooling/host-tools.ts';

/** The oldest Node the course runs on (package.json `engines`). */
const NODE_MIN = [22, 12] as const;
/** The port `npm start` and `npm run preview` serve on. */
export const SITE_PORT = 4321;

/** What the doctor may look at. */
export interface Probe {
  host: HostEnv;
  platform: Platform;
  nodeVersion: string;
  /** Whether a server could listen on this loopback port. */
  portFree: (port: number) => Promise<boolean>;
  /** "lab › stage" of every stage whose manifest says it needs the tool. */
  stagesNeeding: (tool: ToolId) => string[];
}

/** One line of the report. */
export interface Check {
  ok: boolean;
  name: string;
  /** Where it was found, or what is wrong. */
  detail: string;
  /** What it is for (shown when missing). */
  usedFor?: string;
  /** What to do about it (when not ok). */
  fix?: string;
}

/** Whether this port is free on 127.0.0.1. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The probe of the machine this runs on. */
export function realProbe(stagesNeeding: Probe['stagesNeeding']): Probe {
  return { host: realHost, platform: detectPlatform(), nodeVersion: process.versions.node, portFree, stagesNeeding };
}

function nodeCheck(version: string): Check {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > NODE_MIN[0] || (major === NODE_MIN[0] && minor >= NODE_MIN[1]);
  return {
    ok,
    name: 'Node',
    detail: ok ? `${version}` : `${version} is too old (the course needs ${NODE_MIN.join('.')} or newer)`,
    fix: 'run the course through `npx journey …` and `npm …` after `npm ci`: it installs its own Node 24',
  };
}

function toolCheck(probe: Probe, id: ToolId): Check {
  const spec = TOOLS[id];
  const found = findTool(id, probe.host);
  const stages = probe.stagesNeeding(id);
  const usedFor = stages.length ? `${spec.usedFor}; stages: ${stages.join(', ')}` : spec.usedFor;
  const alternative = id === 'chromium' ? ', or set CHROMIUM_PATH to a Chrome executable' : id === 'postgresql' ? ', or set DATABASE_URL to a server you may use' : '';
  return {
    ok: found !== undefined,
    name: spec.name,
    detail: found === 'DATABASE_URL' ? 'a server, from DATABASE_URL' : (found ?? 'not found'),
    usedFor,
    fix: `${spec.install[probe.platform]}${alternative}`,
  };
}

/** Every check, in the order a newcomer needs them. */
export async function runChecks(probe: Probe): Promise<Check[]> {
  const free = await probe.portFree(SITE_PORT);
  return [
    nodeCheck(probe.nodeVersion),
    toolCheck(probe, 'chromium'),
    toolCheck(probe, 'tshark'),
    toolCheck(probe, 'postgresql'),
    toolCheck(probe, 'sandbox'),
    {
      ok: free,
      name: `Port ${SITE_PORT}`,
      detail: free ? 'free for `npm start` and `npm run preview`' : 'in use by another program',
      usedFor: 'the course site while you work',
      fix: `stop what listens on ${SITE_PORT} (an earlier \`npm start\`?), or let \`npm start\` take the next free port it offers`,
    },
  ];
}

/** The doctor's report: one line per check, what to do under each that is not ok. */
export function renderChecks(checks: readonly Check[], platform: Platform): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = [`${pc.bold('journey doctor')} ${pc.dim(`— what this machine can run (install commands for ${PLATFORM_LABEL[platform]})`)}`, ''];
  for (const check of checks) {
    lines.push(`  ${check.ok ? pc.green('✓') : pc.red('✗')} ${check.name.padEnd(width)}  ${check.ok ? pc.dim(check.detail) : check.detail}`);
    if (!check.ok) {
      if (check.usedFor) lines.push(`    ${''.padEnd(width)}  ${pc.dim(`for: ${check.usedFor}`)}`);
      if (check.fix) lines.push(`    ${''.padEnd(width)}  ${pc.cyan('fix:')} ${check.fix}`);
    }
  }
  const missing = checks.filter((c) => !c.ok).length;
  lines.push(
    '',
    missing === 0
      ? pc.green('Everything the course uses is here.')
      : `${missing} missing. \`npm test\` skips the checks that need a missing tool (and says so); a lab stage that needs one fails until it is installed.`,
  );
  lines.push(pc.dim('Commands for another platform: `npx journey doctor --platform debian|fedora|macos|windows`.'));
  return lines.join('\n');
}
