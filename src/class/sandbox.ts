/**
 * The sandbox batch grading runs each submission's grading child in:
 * bubblewrap (a fresh user, PID, network, IPC and UTS namespace; only the
 * files grading needs, read-only; a private /tmp; no network but loopback)
 * with resource limits set inside it by prlimit. A grader run as root first
 * drops to an unprivileged user (setpriv): the process limit never binds
 * uid 0, so as root a fork bomb would fill the machine's process table.
 * Node's permission model is a second layer on the grading child
 * (`permissionFlags`). Without bubblewrap a teacher must say `--unsafe`, and the
 * gradebook says which isolation each run had.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Lab } from '../course/labs.ts';
import type { Launch, Launcher } from '../runners/node/grading-child.ts';
import { findTool } from '../tooling/host-tools.ts';

/** Which isolation a run had: bubblewrap's namespaces and limits, or none (`--unsafe`). */
export type Isolation = 'bubblewrap' | 'none';

/** The limits every sandboxed grading child runs under. */
export const SANDBOX_LIMITS = {
  /** CPU seconds of the child (all its threads); prlimit's hard limit kills it. */
  cpuSeconds: 240,
  /** Tasks (processes and threads) in the sandbox's user namespace: Vitest needs about 60; a fork bomb stops here. */
  tasks: 256,
  /** Writable private memory per process (RLIMIT_DATA): V8's reservations count against it, and 3 GiB was too little for a lab's worker threads. */
  dataBytes: 8 * 1024 ** 3,
  /** The grading process's JavaScript heap (--max-old-space-size). */
  heapMiB: 1024,
  /** Largest file a process may write (its progress file and Vitest's temp files). */
  fileBytes: 64 * 1024 ** 2,
  /** Size of the private /tmp. */
  tmpBytes: 64 * 1024 ** 2,
  /** Open files per process. */
  openFiles: 1024,
  /** Scheduling priority (nice) of everything in the sandbox. */
  niceness: 10,
};

/**
 * The user submissions run as when the grader is root: nobody. Each sandbox
 * has a user namespace of its own, and the kernel counts the process limit
 * per namespace, so sandboxes graded at once never share it.
 */
export const SANDBOX_USER = { uid: 65534, gid: 65534 };

/** True when this process is root, so the sandbox must drop to SANDBOX_USER. */
function dropsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The command line that starts bubblewrap: as SANDBOX_USER through setpriv when root, as the teacher otherwise. */
function asSandboxUser(bwrap: string, args: string[]): { command: string; args: string[] } {
  if (!dropsRoot()) return { command: bwrap, args };
  const { uid, gid } = SANDBOX_USER;
  return { command: 'setpriv', args: [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', bwrap, ...args] };
}

/**
 * Lets the sandbox user reach a folder grading binds (temp folders are made
 * 0700): `read` for the learner's copy and the hidden tests (everything in
 * it, since a teacher's private files may be 0600), `traverse` for a folder
 * above them, `write` for the grading child's own temp folder. Nothing to do
 * unless the sandbox drops root.
 */
export function openToSandbox(dir: string, access: 'traverse' | 'read' | 'write'): void {
  if (!dropsRoot()) return;
  if (access === 'write') return chownSync(dir, SANDBOX_USER.uid, SANDBOX_USER.gid);
  if (access === 'traverse') return chmodSync(dir, 0o711);
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) chmodSync(join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
}

/** The sandbox as the log names it. */
export function describeSandbox(bwrap: string): string {
  const user = dropsRoot() ? `as user nobody (uid ${SANDBOX_USER.uid}), not root; ` : '';
  return `bubblewrap (${bwrap}; ${user}no network, read-only course files, limits by prlimit, Node's permission model inside)`;
}

/**
 * Whether bubblewrap is here and can make namespaces (a container may
 * forbid them) and, as the user submissions run as, read the course at
 * `root` and write a folder in the temp folder; the reason when not.
 */
export function probeBubblewrap(root: string): { ok: true; path: string } | { ok: false; why: string } {
  const bwrap = findTool('sandbox');
  if (!bwrap) return { ok: false, why: 'bubblewrap (bwrap) is not installed' };
  for (const tool of ['prlimit', ...(dropsRoot() ? ['setpriv'] : [])]) if (!findOnPath(tool)) return { ok: false, why: `${tool} (util-linux) is not installed` };
  const packageJson = join(root, 'package.json');
  const scratch = mkdtempSync(join(tmpdir(), 'journey-probe-'));
  try {
    openToSandbox(scratch, 'write');
    const binds = ['--dev', '/dev', '--ro-bind', packageJson, packageJson, '--bind', scratch, scratch];
    const probe = asSandboxUser(bwrap, [...systemBinds(), '--unshare-all', '--die-with-parent', ...binds, '--', 'sh', '-c', 'cat "$0" >/dev/null && touch "$1/written"', packageJson, scratch]);
    const run = spawnSync(probe.command, probe.args, { encoding: 'utf8', timeout: 10_000 });
    if (run.status === 0) return { ok: true, path: bwrap };
    const why = (run.stderr || run.error?.message || `exit ${run.status}`).trim();
    if (!dropsRoot()) return { ok: false, why: `bwrap cannot create its namespaces here: ${why}` };
    return {
      ok: false,
      why: `run as root, submissions are graded as the unprivileged user nobody (uid ${SANDBOX_USER.uid}), whose sandbox failed: ${why}. That needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1), and every user must be able to reach the course (${root}) and the temp folder (${tmpdir()}): o+x on each folder above them. Or grade as an ordinary user`,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function findOnPath(name: string): string | undefined {
  return (process.env['PATH'] ?? '').split(':').map((d) => join(d, name)).find((p) => existsSync(p));
}

/** The system's programs and libraries, read-only; merged-/usr links stay links. */
function systemBinds(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64']) {
    if (!existsSync(top)) continue;
    const link = lstatSync(top).isSymbolicLink();
    args.push(...(link ? ['--symlink', `usr${top}`, top] : ['--ro-bind', top, top]));
  }
  // Only what Node reads from /etc: never passwords, keys or the host's other configuration.
  for (const file of ['/etc/ld.so.cache', '/etc/hosts', '/etc/nsswitch.conf', '/etc/localtime']) args.push('--ro-bind-try', file, file);
  return args;
}

/** The course files a lab's grading reads: never solutions, the workspace, other labs, submissions or the gradebook. */
function courseFiles(root: string, lab: Lab): string[] {
  return [
    join(root, 'node_modules'),
    join(root, 'src'),
    join(root, 'package.json'),
    join(root, 'tsconfig.json'),
    join(lab.dir, 'lab.json'),
    join(lab.dir, 'given'),
    join(lab.dir, 'tests'),
    join(dirname(lab.dir), 'tsconfig.base.json'),
  ];
}

/**
 * Node's permission model on the grading child, a second layer inside the
 * sandbox (Node documents it as no defence against malicious code, so it is
 * not the first): writes only to its temp folder (the sandbox's private /tmp
 * too is refused), no child processes unless a stage of the lab needs a host
 * tool (tshark, Chromium); worker threads (Vitest's pool) and native addons
 * (the bundler's) allowed. Reads stay open: the sandbox already shows only
 * what grading needs, and Vite's lookups outside it fail under a narrower
 * list. Node 24 cannot restrict the network with it; the sandbox's network
 * namespace does.
 */
function permissionFlags(tempDir: string, lab: Lab): string[] {
  const spawns = lab.manifest.stages.some((s) => s.needs?.length);
  return ['--permission', '--allow-fs-read=*', `--allow-fs-write=${tempDir}`, '--allow-worker', '--allow-addons', ...(spawns ? ['--allow-child-process'] : [])];
}

/**
 * A launcher that runs the grading child in bubblewrap: the course files for
 * `lab` and the learner's folder read-only, the child's temp folder (its
 * progress channel) the one writable host folder, the limits above, as
 * SANDBOX_USER when this process is root, and Node's permission model on a
 * Node child.
 */
export function bubblewrapLauncher(bwrap: string, root: string, lab: Lab, learnerDir: string): Launcher {
  const node = process.execPath;
  return (child: Launch, tempDir: string): Launch => {
    const limits = SANDBOX_LIMITS;
    openToSandbox(tempDir, 'write');
    const args = [
      '--unshare-all',
      '--die-with-parent',
      '--new-session',
      '--cap-drop', 'ALL',
      ...systemBinds(),
      '--proc', '/proc',
      '--dev', '/dev',
      '--size', String(limits.tmpBytes), '--tmpfs', '/tmp',
      ...courseFiles(root, lab).flatMap((p) => ['--ro-bind-try', p, p]),
      '--ro-bind', dirname(node), dirname(node),
      '--ro-bind', learnerDir, learnerDir,
      '--bind', tempDir, tempDir,
      '--chdir', root,
      '--',
      // Without cgroups nothing caps a sandbox's share of the CPU: a fork bomb's busy loops at least yield to the machine's other work.
      'nice',
      '-n',
      String(limits.niceness),
      'prlimit',
      `--cpu=${limits.cpuSeconds}`,
      `--nproc=${limits.tasks}`,
      `--data=${limits.dataBytes}`,
      `--fsize=${limits.fileBytes}`,
      `--nofile=${limits.openFiles}`,
      '--',
      child.command,
      ...(child.command === node ? permissionFlags(tempDir, lab) : []),
      ...child.args,
    ];
    // A minimal environment: nothing of the teacher's (tokens, keys) reaches learner code.
    const env: NodeJS.ProcessEnv = {
      PATH: '/usr/bin:/bin',
      HOME: tempDir,
      TMPDIR: tempDir,
      TMP: tempDir,
      TEMP: tempDir,
      NODE_OPTIONS: `--max-old-space-size=${limits.heapMiB}`,
      NO_COLOR: '1',
    };
    return { ...asSandboxUser(bwrap, args), env };
  };
}
