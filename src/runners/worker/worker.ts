/** The grading Web Worker: the embedded grader, with blob: module URLs and postMessage. */
import { captureConsole, prefetchBuiltins, reportUnhandled, runStages } from '../embedded/grading-core.ts';
import type { PrefetchRequest, RunRequest, WorkerMessage } from '../embedded/protocol.ts';
import { offerSiteDataDir } from '../embedded/pglite-data-dir.ts';

captureConsole();
offerSiteDataDir(location.href);
const host = {
  post: (message: WorkerMessage) => postMessage(message),
  toUrl: (source: string) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' })),
  release: (url: string) => URL.revokeObjectURL(url),
};

addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  reportUnhandled(event.reason);
});
addEventListener('message', (event: MessageEvent<RunRequest | PrefetchRequest>) => {
  if (event.data.type === 'run') void runStages(event.data, host);
  if (event.data.type === 'prefetch') prefetchBuiltins(event.data);
});
host.post({ kind: 'ready' });
