import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SpareThreads, type ThreadSpec } from './spare-threads.ts';

// Stands in for Vitest's worker: says which thread it is, what it was started with, and whether it was asked before.
const dir = mkdtempSync(join(tmpdir(), 'journey-spare-'));
const entrypoint = join(dir, 'probe.mjs');
writeFileSync(
  entrypoint,
  `import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', () => {
  parentPort.postMessage({ threadId, mark: process.env.MARK, askedBefore: globalThis.asked === true });
  globalThis.asked = true;
});`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = (mark: string): ThreadSpec => ({ entrypoint, execArgv: [], env: { MARK: mark } });
const probe = (thread: Worker) =>
  new Promise<{ threadId: number; mark: string; askedBefore: boolean }>((resolve) => {
    thread.once('message', resolve);
    thread.postMessage('probe');
  });

const spares = new SpareThreads();
const taken: Worker[] = [];
const take = (s: ThreadSpec) => {
  const thread = spares.take(s);
  taken.push(thread);
  return thread;
};
afterEach(async () => {
  await spares.close();
  await Promise.all(taken.splice(0).map((t) => t.terminate()));
});

describe('spare grading threads', () => {
  it('starts none until asked, then gives out each spare once, fresh', async () => {
    const first = take(spec('a'));
    expect(spares.ready).toBe(0);
    spares.keep(2);
    expect(spares.ready).toBe(2);
    const next = [take(spec('a')), take(spec('a'))];
    expect(spares.ready).toBe(0);
    const seen = await Promise.all([first, ...next].map(probe));
    expect(new Set(seen.map((s) => s.threadId)).size).toBe(3);
    expect(seen.every((s) => s.mark === 'a' && !s.askedBefore)).toBe(true);
  });

  it('never gives out a spare started with another environment, and ends it at the next refill', async () => {
    take(spec('a'));
    spares.keep(1);
    const other = take(spec('b'));
    expect((await probe(other)).mark).toBe('b');
    expect(spares.ready).toBe(1);
    spares.keep(1);
    const refilled = take(spec('b'));
    expect((await probe(refilled)).mark).toBe('b');
    expect(spares.ready).toBe(0);
  });

  it('drops a spare whose start fails instead of giving it out', async () => {
    writeFileSync(join(dir, 'broken.mjs'), "throw new Error('broken on load');");
    const broken: ThreadSpec = { entrypoint: join(dir, 'broken.mjs'), execArgv: [], env: { MARK: 'x' } };
    spares.take(broken).on('error', () => undefined);
    spares.keep(1);
    expect(spares.ready).toBe(1);
    await expect.poll(() => spares.ready, { timeout: 20_000 }).toBe(0);
  });

  it('ends its spares on close', async () => {
    take(spec('a'));
    spares.keep(3);
    await spares.close();
    expect(spares.ready).toBe(0);
  });
});
