/**
 * Child-process entry of the Node runner: takes its session over IPC (so
 * nothing about it shows in the environment or the command line), runs one
 * Vitest session and sends its events back. It leads its own process group,
 * so the parent can kill it with all its test workers; and if the parent dies first, it
 * takes its group down itself rather than spin on as an orphan.
 */
import { runSession, type SessionOptions } from './vitest-session.ts';

const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
let finished = false;
process.on('disconnect', () => {
  if (!finished) process.kill(-process.pid, 'SIGKILL');
});

const options = await new Promise<SessionOptions>((resolve) => process.once('message', (m) => resolve(m as SessionOptions)));
let pending = Promise.resolve();
try {
  await runSession(options, (event) => {
    pending = pending.then(() => send(event));
  });
} catch (error) {
  pending = pending.then(() => send({ kind: 'crash', message: (error as Error).stack ?? String(error) }));
}
await pending;
// Vitest sets a failing exit code when tests fail; for the parent, failing tests are results, not a crash.
process.exitCode = 0;
finished = true;
process.disconnect();
