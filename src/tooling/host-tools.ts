/**
 * The programs on the learner's machine that some checks need (a browser,
 * tshark, PostgreSQL, bubblewrap): where to find each, and what to install per
 * platform. `journey doctor`, the test suite's skips and `.ci/run` read this
 * one table.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A tool some check needs. */
export type ToolId = 'chromium' | 'tshark' | 'postgresql' | 'sandbox';

/** The platforms `journey doctor` gives install commands for. */
export type Platform = 'debian' | 'fedora' | 'macos' | 'windows';

/** How each platform is named in `journey doctor`'s output. */
export const PLATFORM_LABEL: Record<Platform, string> = {
  debian: 'Debian/Ubuntu',
  fedora: 'Fedora',
  macos: 'macOS',
  windows: 'Windows (WSL)',
};

/** What a lookup may read; tests pass their own. */
export interface HostEnv {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists: (path: string) => boolean;
  list: (dir: string) => string[];
}

/** This machine. */
export const realHost: HostEnv = {
  env: process.env,
  platform: process.platform,
  exists: existsSync,
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

/** One tool: what it is for, how to find it, how to install it. */
export interface ToolSpec {
  id: ToolId;
  /** As named in messages: "tshark", "PostgreSQL". */
  name: string;
  /** Install command (or instruction) per platform. */
  install: Record<Platform, string>;
  /** Where it is on this machine, or undefined. */
  locate: (host: HostEnv) => string | undefined;
}

/**
 * `JOURNEY_PRETEND_MISSING=tshark,chromium` makes the course behave as if those
 * tools were not installed, to try (and test) what a fresh machine sees.
 */
export function pretendMissing(env: NodeJS.ProcessEnv): Set<string> {
  return new Set((env['JOURNEY_PRETEND_MISSING'] ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** The first executable of these names on PATH. */
function onPath(host: HostEnv, ...names: string[]): string | undefined {
  const dirs = (host.env['PATH'] ?? '').split(host.platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const suffixes = host.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of dirs) {
    for (const name of names) {
      for (const suffix of suffixes) {
        const path = join(dir, name + suffix);
        if (host.exists(path)) return path;
      }
    }
  }
  return undefined;
}

const CHROMIUM_PATHS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'],
};

/** Debian keeps PostgreSQL's server programs off PATH, one folder per major version: take the newest. */
function debianPostgres(host: HostEnv): string | undefined {
  const versions = host
    .list('/usr/lib/postgresql')
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  const bin = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((dir) => host.exists(join(dir, 'pg_ctl')));
  return bin;
}

/** Every tool a check may need. */
export const TOOLS: Record<ToolId, ToolSpec> = {
  chromium: {
    id: 'chromium',
    name: 'Chrome/Chromium',
    install: {
      debian: 'sudo apt-get install chromium',
      fedora: 'sudo dnf install chromium',
      macos: 'install Google Chrome, or `brew install --cask chromium`',
      windows: 'install Google Chrome (or, inside WSL, `sudo apt-get install chromium`)',
    },
    locate: (host) => {
      const fromEnv = host.env['CHROMIUM_PATH'] ?? host.env['CHROME_PATH'];
      if (fromEnv) return host.exists(fromEnv) ? fromEnv : undefined;
      return (CHROMIUM_PATHS[host.platform] ?? []).find((p) => host.exists(p));
    },
  },
  tshark: {
    id: 'tshark',
    name: 'tshark',
    install: {
      debian: 'sudo apt-get install tshark',
      fedora: 'sudo dnf install wireshark-cli',
      macos: 'brew install wireshark',
      windows: 'inside WSL, `sudo apt-get install tshark`',
    },
    locate: (host) => onPath(host, 'tshark'),
  },
  postgresql: {
    id: 'postgresql',
    name: 'PostgreSQL',
    install: {
      debian: 'sudo apt-get install postgresql',
      fedora: 'sudo dnf install postgresql-server',
      macos: 'brew install postgresql',
      windows: 'inside WSL, `sudo apt-get install postgresql`',
    },
    locate: (host) => {
      if (host.env['DATABASE_URL']) return 'DATABASE_URL';
      const pgCtl = onPath(host, 'pg_ctl');
      if (pgCtl) return pgCtl.replace(/[\\/]pg_ctl(\.exe)?$/, '');
      return host.platform === 'linux' ? debianPostgres(host) : undefined;
    },
  },
  sandbox: {
    id: 'sandbox',
    name: 'bubblewrap',
    install: {
      debian: 'sudo apt-get install bubblewrap',
      fedora: 'sudo dnf install bubblewrap',
      macos: 'batch grading needs Linux: run it in a Linux VM or container that allows user namespaces, with `apt-get install bubblewrap`',
      windows: 'inside WSL, `sudo apt-get install bubblewrap`',
    },
    locate: (host) => onPath(host, 'bwrap'),
  },
};

/** Where the tool is, or undefined when missing (or pretended missing). */
export function findTool(id: ToolId, host: HostEnv = realHost): string | undefined {
  if (pretendMissing(host.env).has(id)) return undefined;
  return TOOLS[id].locate(host);
}

/** The platform to give install commands for: WSL counts as its Linux distribution. */
export function detectPlatform(
  platform: NodeJS.Platform = process.platform,
  osRelease: () => string = () => readFileSync('/etc/os-release', 'utf8'),
): Platform {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  let release = '';
  try {
    release = osRelease();
  } catch {
    // No os-release (a minimal container): Debian's commands are the likeliest to help.
  }
  const ids = (release.match(/^ID(?:_LIKE)?=.*$/gm) ?? []).join(' ');
  return /fedora|rhel|centos/.test(ids) ? 'fedora' : 'debian';
}

/** "tshark not found: 7 checks skipped — install with `sudo apt-get install tshark`" */
export function skipSummary(id: ToolId, count: number, platform: Platform): string {
  const install = TOOLS[id].install[platform];
  const how = install.startsWith('sudo') || install.startsWith('brew') ? `install with \`${install}\`` : install;
  return `${TOOLS[id].name} not found: ${count} check${count === 1 ? '' : 's'} skipped — ${how} (\`npx journey doctor\` checks everything)`;
}
