/**
 * Child-process entry of the Node runner: takes its work over IPC (so nothing
 * about it shows in the environment or the command line), runs Vitest and
 * sends the events back. It starts loading Vitest at once, while the parent
 * is still reading the lab, and keeps its session open between runs for
 * `journey watch`. It leads its own process group, so the parent can kill it
 * with all its test workers; and when the parent goes away (done, or dead) it
 * takes its group down itself rather than spin on as an orphan.
 */
import type { ChildReply, ChildRequest } from './child-protocol.ts';
import { SpareThreads } from './spare-threads.ts';
import type { SessionSetup, VitestSession } from './vitest-session.ts';

// Threads started ahead for the next run (journey watch), kept across sessions: one whose spec no longer fits is ended.
const spares = new SpareThreads();
const loading = import('./vitest-session.ts');
const send = (message: ChildReply) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
process.on('disconnect', () => process.kill(-process.pid, 'SIGKILL'));

let session: { setup: string; open: VitestSession } | undefined;
let sending = Promise.resolve();
const emit = (message: ChildReply) => {
  sending = sending.then(() => send(message));
};

/** The session for this setup, opening a new one when the setup changed. */
async function sessionFor(setup: SessionSetup): Promise<VitestSession> {
  const key = JSON.stringify(setup);
  if (session?.setup !== key) {
    await session?.open.close();
    session = undefined;
    const { VitestSession } = await loading;
    session = { setup: key, open: await VitestSession.open(setup, emit, spares) };
  }
  return session.open;
}

async function handle(request: ChildRequest): Promise<void> {
  try {
    const open = await sessionFor(request.setup);
    if (request.type === 'run') {
      await open.run(request.order);
      emit({ kind: 'run-done' });
      await sending;
      if (request.order.warm) open.readyNext();
    } else {
      emit({ kind: 'dependents', files: open.dependents(request.changed, request.files) ?? null });
    }
  } catch (error) {
    emit({ kind: 'crash', message: (error as Error).stack ?? String(error) });
  }
  await sending;
}

let queue = Promise.resolve();
process.on('message', (message) => {
  queue = queue.then(() => handle(message as ChildRequest));
});
// Vitest sets a failing exit code when tests fail; for the parent, failing tests are results, not a crash.
process.on('exit', () => (process.exitCode = 0));
