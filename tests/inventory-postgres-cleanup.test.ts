// The inventory lab's throwaway PostgreSQL must not outlive the process that
// started it, however that process ends: a grade stopped by its watchdog is
// SIGKILLed with its process group, which never reaches the postmaster
// (pg_ctl starts it in a session of its own).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { needsTool } from './support/host-tools.ts';

const fixture = fileURLToPath(new URL('../labs/inventory/tests/fixtures/postgres.ts', import.meta.url));
/** Starts a cluster, prints its URL, then waits to be killed. */
const script = `import { startServer } from ${JSON.stringify(fixture)};
const server = await startServer();
console.log(server.url);
setInterval(() => undefined, 1000);`;

/** True when something accepts connections on this port of 127.0.0.1. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** The cluster folder whose owner is this process id. */
function folderOf(pid: number): string | undefined {
  for (const parent of new Set([tmpdir(), '/tmp'])) {
    for (const name of readdirSync(parent).filter((n) => n.startsWith('journey-pg-'))) {
      const owner = join(parent, name, 'owner');
      if (existsSync(owner) && readFileSync(owner, 'utf8') === String(pid)) return join(parent, name);
    }
  }
  return undefined;
}

describe('the throwaway PostgreSQL of the inventory lab', () => {
  needsTool('postgresql');

  it('stops, and its folder goes, when the process that started it is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: '' } });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`the child exited ${code} before the server started`)));
    });
    const port = Number(new URL(url).port);
    const dir = folderOf(child.pid!);
    expect(dir, 'the cluster folder records its owner').toBeDefined();
    expect(await listening(port)).toBe(true);

    child.kill('SIGKILL');
    // Bounded: the guard looks twice a second; stopping takes a few seconds on a loaded machine.
    let stopped = false;
    for (let i = 0; i < 240 && !stopped; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      stopped = !(await listening(port)) && !existsSync(dir!);
    }
    expect(stopped, `the server on port ${port} stopped and ${dir} was deleted after its owner died`).toBe(true);
  }, 120_000);
});
