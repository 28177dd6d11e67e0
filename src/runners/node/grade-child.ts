/**
 * Child-process entry of the Node runner: runs one Vitest session and sends
 * its events to the parent over IPC. Living in its own process group lets the
 * parent kill it, forks and all, when learner code never returns.
 */
import { runSession, type SessionOptions } from './vitest-session.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as SessionOptions;
const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
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
process.disconnect();
