/**
 * `journey doctor`: what the course can use on this machine, each with ✓ or
 * what to install on this platform. The checks read a Probe so tests can
 * stage any machine.
 */
import { createServer } from 'node:net';
import pc from 'picocolors';
import { DOCTOR_WORDS, type DoctorWords } from './doctor-words.ts';
import { displayWidth, padDisplay } from '../course/display-width.ts';
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

function nodeCheck(version: string, w: DoctorWords): Check {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > NODE_MIN[0] || (major === NODE_MIN[0] && minor >= NODE_MIN[1]);
  return {
    ok,
    name: 'Node',
    detail: ok ? `${version}` : w.nodeTooOld(version, NODE_MIN.join('.')),
    fix: w.nodeFix,
  };
}

function toolCheck(probe: Probe, id: ToolId, w: DoctorWords): Check {
  const spec = TOOLS[id];
  const found = findTool(id, probe.host);
  const stages = probe.stagesNeeding(id);
  const usedFor = stages.length ? w.withStages(w.usedFor[id], stages.join(', ')) : w.usedFor[id];
  const alternative = id === 'chromium' ? w.chromiumAlternative : id === 'postgresql' ? w.postgresAlternative : '';
  return {
    ok: found !== undefined,
    name: spec.name,
    detail: found === 'DATABASE_URL' ? w.fromDatabaseUrl : (found ?? w.notFound),
    usedFor,
    fix: `${spec.install[probe.platform]}${alternative}`,
  };
}

/** Every check, in the order a newcomer needs them, described in `w`'s language. */
export async function runChecks(probe: Probe, w: DoctorWords = DOCTOR_WORDS.en): Promise<Check[]> {
  const free = await probe.portFree(SITE_PORT);
  return [
    nodeCheck(probe.nodeVersion, w),
    ...(['chromium', 'tshark', 'postgresql', 'sandbox'] as const).map((id) => toolCheck(probe, id, w)),
    { ok: free, name: w.port(SITE_PORT), detail: free ? w.portFree : w.portBusy, usedFor: w.portUsedFor, fix: w.portFix(SITE_PORT) },
  ];
}

/** The doctor's report: one line per check, what to do under each that is not ok. */
export function renderChecks(checks: readonly Check[], platform: Platform, w: DoctorWords = DOCTOR_WORDS.en): string {
  const width = Math.max(...checks.map((c) => displayWidth(c.name)));
  const lines = [`${pc.bold('journey doctor')} ${pc.dim(w.heading(PLATFORM_LABEL[platform]))}`, ''];
  for (const check of checks) {
    lines.push(`  ${check.ok ? pc.green('✓') : pc.red('✗')} ${padDisplay(check.name, width)}  ${check.ok ? pc.dim(check.detail) : check.detail}`);
    if (!check.ok) {
      if (check.usedFor) lines.push(`    ${''.padEnd(width)}  ${pc.dim(`${w.forLabel}${check.usedFor}`)}`);
      if (check.fix) lines.push(`    ${''.padEnd(width)}  ${pc.cyan(w.fixLabel)}${check.fix}`);
    }
  }
  const missing = checks.filter((c) => !c.ok).length;
  lines.push('', missing === 0 ? pc.green(w.allHere) : w.missing(missing));
  lines.push(pc.dim(w.otherPlatform));
  return lines.join('\n');
}
