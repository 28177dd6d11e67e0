/**
 * A ContainerDriver backed by a temp folder and a real Node child process:
 * what the parity test runs the WebContainer runner's exact plan on.
 * `remove()` kills what is still running and deletes the folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ContainerDriver } from '../../src/runners/container/container-runner.ts';
import { PACKAGE_FILES } from '../../src/runners/container/plan.ts';
import { PGLITE_DATA_DIR_FILE } from '../../src/runners/embedded/pglite-data-dir.ts';
import { template } from '../../labs/inventory/tests/fixtures/pglite-template.ts';

export function nodeContainer(): ContainerDriver & { dir: string; mounted: Record<string, string | Uint8Array>; spawned: string[][]; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'journey-container-'));
  const mounted: Record<string, string | Uint8Array> = {};
  const spawned: string[][] = [];
  const children: ChildProcess[] = [];
  return {
    dir,
    mounted,
    spawned,
    remove() {
      for (const child of children) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
    async mount(files) {
      for (const [path, contents] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), contents);
        mounted[path] = contents;
      }
    },
    async spawn(command, args) {
      spawned.push([command, ...args]);
      // The container's `node` is whatever Node runs this test.
      const child = spawn(command === 'node' ? process.execPath : command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      child.stderr.setEncoding('utf8');
      child.stdout.setEncoding('utf8');
      const merged = new ReadableStream<string>({
        start(controller) {
          let open = 2;
          const end = () => --open === 0 && controller.close();
          for (const stream of [child.stdout, child.stderr] as Readable[]) {
            stream.on('data', (chunk: string) => controller.enqueue(chunk));
            stream.on('end', end);
          }
        },
      });
      return {
        output: merged,
        exit: new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1))),
        kill: () => child.kill('SIGKILL'),
      };
    },
  };
}

/** One of the package files a container plan mounts (PACKAGE_FILES): installed ones from this project's node_modules and the data directory from the inventory fixture, as the site build takes them. */
export async function installedPackageFile(name: string): Promise<Uint8Array> {
  if (name === PGLITE_DATA_DIR_FILE) return new Uint8Array(await (await template()).arrayBuffer());
  const pkg = Object.keys(PACKAGE_FILES).find((p) => PACKAGE_FILES[p]!.installed.includes(name));
  if (!pkg) throw new Error(`no package provides ${name}`);
  return readFileSync(createRequire(import.meta.url).resolve(`${pkg}/${name}`));
}
