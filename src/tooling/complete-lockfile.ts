/**
 * `node src/tooling/complete-lockfile.ts`: after `npm install` on a machine
 * whose registry mirror lacks some platforms' optional binaries (e.g. Astro's
 * compiler or Pagefind for macOS and Windows), npm writes a lock file without
 * them and `npm ci` then refuses it ("Missing: … from lock file"). This adds
 * the missing optional entries with their exact versions and os/cpu, so
 * `npm ci` works here (those packages are skipped on this platform) and on a
 * full registry (where they are fetched by name and version).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  license?: string;
}

const lockPath = 'package-lock.json';
const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, LockEntry> };

/** Platform fields of a package, read from any version the registry has (they do not change between versions). */
function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc' | 'license'> {
  const out = execFileSync('npm', ['view', name, 'os', 'cpu', 'libc', 'license', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const meta = JSON.parse(out || '{}') as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : undefined);
  return {
    ...(list(meta['os']) ? { os: list(meta['os']) } : {}),
    ...(list(meta['cpu']) ? { cpu: list(meta['cpu']) } : {}),
    ...(list(meta['libc']) ? { libc: list(meta['libc']) } : {}),
    ...(typeof meta['license'] === 'string' ? { license: meta['license'] } : {}),
  };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    if (!/^\d+\.\d+\.\d+/.test(version)) continue; // only exact pins, as platform packages are
    lock.packages[`node_modules/${name}`] = { version, optional: true, ...platformOf(name) };
    added++;
    console.log(`added node_modules/${name}@${version}`);
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`${added} optional platform packages added to ${lockPath}`);
