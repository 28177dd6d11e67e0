/** The grading Web Worker: the embedded grader, with blob: module URLs and postMessage. */
import { captureConsole, prefetchBuiltins, reportUnhandled, runStages } from '../embedded/grading-core.ts';
import type { RunRequest, WorkerMessage } from '../embedded/protocol.ts';

captureConsole();
const host = {
  post: (message: WorkerMessage) => postMessage(message),
  toUrl: (source: string) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' })),
  release: (url: string) => URL.revokeObjectURL(url),
};

addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  reportUnhandled(event.reason);
});
addEventListener('message', (event: MessageEvent<RunRequest>) => {
  if (event.data.type === 'run') void runStages(event.data, host);
});
host.post({ kind: 'ready' });
// After `ready`, so the first run is not kept waiting for a module it may not need.
prefetchBuiltins();
