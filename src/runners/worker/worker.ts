/** The grading Web Worker: the embedded grader, with blob: module URLs and postMessage. */
import { captureConsole, prefetchBuiltins, reportUnhandled, runStages } from '../embedded/grading-core.ts';
import type { PrefetchRequest, RunRequest, WorkerMessage } from '../embedded/protocol.ts';
import { offerPgliteDataDir, PGLITE_DATA_DIR_PATH } from '../embedded/pglite-data-dir.ts';

captureConsole();
// The built worker runs from _astro/, one folder below the site's base.
offerPgliteDataDir(async () => {
  const response = await fetch(new URL(`../${PGLITE_DATA_DIR_PATH}`, location.href));
  if (!response.ok) throw new Error(`PGlite's data directory could not be loaded (${response.status})`);
  return response.blob();
});
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
