/**
 * The grader that runs inside a WebContainer (real Node): the embedded
 * grader, with data: module URLs so no file needs writing and Node's own
 * `node:` modules for `node` stages. It reads run.json, prints a readable
 * line per test for the terminal, and an event line (marked) per event for
 * the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { captureConsole, reportUnhandled, runStages } from '../embedded/grading-core.ts';
import type { RunRequest, WorkerMessage } from '../embedded/protocol.ts';
import { nodePackages } from '../embedded/node-packages.ts';
import { offerPgliteDataDir, PGLITE_DATA_DIR_FILE } from '../embedded/pglite-data-dir.ts';
import { EVENT_MARK } from './events.ts';

const write = (line: string) => process.stdout.write(line + '\n');
const request = JSON.parse(readFileSync(process.argv[2] ?? 'run.json', 'utf8')) as RunRequest;
const exit = process.exit.bind(process);
let modules = 0;

captureConsole();
// Mounted beside the grader for the labs that use PGlite (plan.ts).
if (existsSync(PGLITE_DATA_DIR_FILE)) offerPgliteDataDir(async () => new Blob([readFileSync(PGLITE_DATA_DIR_FILE) as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }));
// As under Vitest: learner code that exits throws instead, and a rejection nobody handles is reported, not fatal.
process.exit = ((code?: number | string | null) => {
  throw new Error(`process.exit unexpectedly called with "${code ?? process.exitCode ?? 0}"`);
}) as typeof process.exit;
process.on('unhandledRejection', reportUnhandled);
await runStages(request, {
  post(message: WorkerMessage) {
    write(EVENT_MARK + JSON.stringify(message));
    if (message.kind === 'test-end') write(`${message.result.status === 'passed' ? '✓' : '✗'} ${message.stage} › ${message.result.name}`);
    if (message.kind === 'stage-end' && message.error) write(`✗ ${message.stage}: ${message.error.split('\n')[0]}`);
  },
  // Node caches modules by URL: a trailing comment keeps two files with the same text (after their
  // imports are rewritten) from being one module, so each stage gets fresh module state, as in a browser.
  toUrl: (source) => `data:text/javascript;base64,${Buffer.from(`${source}\n// ${++modules}`).toString('base64')}`,
  passThrough: (specifier) => specifier.startsWith('node:'),
  packages: nodePackages,
});
// Servers a learner forgot to close must not keep the container's process alive.
exit(0);
