/**
 * Child process of the mistakes check: grades every mistake of one lab with
 * the embedded grader (the browser worker's and WebContainer's), in process,
 * one stage per mistake, up to its first failing test. Prints one JSON line
 * per event on stdout; a mistake that hangs is named by its `start` line when
 * the parent kills this process.
 */
import { labBundle } from '../../course/lab-bundle.ts';
import { loadLab } from '../../course/labs.ts';
import { coursePaths } from '../../course/paths.ts';
import { captureConsole, runStages } from '../../runners/embedded/grading-core.ts';
import { runRequest, type WorkerMessage } from '../../runners/embedded/protocol.ts';
import { nodePackages } from '../../runners/embedded/node-packages.ts';
import { requestFiles } from '../../runners/embedded/run-files.ts';
import { LIMITS } from '../../runners/rules.ts';
import { DEFAULT_SEED } from '../../runners/seed.ts';
import { applyMistake, loadMistakes } from './mistakes.ts';
import type { MistakeLine } from './check.ts';

const paths = coursePaths();
const lab = loadLab(paths, process.argv[2] ?? '');
const bundle = labBundle(lab, { showSolutions: true });
const write = (line: MistakeLine) => process.stdout.write(JSON.stringify(line) + '\n');

captureConsole();
for (const mistake of loadMistakes(paths, lab)) {
  write({ kind: 'start', id: mistake.id });
  let learnerFiles: Record<string, string>;
  try {
    learnerFiles = applyMistake(lab.id, bundle.solution!, mistake);
  } catch (error) {
    write({ kind: 'result', id: mistake.id, passed: [], failed: [], error: (error as Error).message, patchError: true });
    continue;
  }
  const passed: string[] = [];
  const failed: string[] = [];
  let stageError: string | undefined;
  await runStages(
    runRequest(
      requestFiles({ manifest: lab.manifest, learnerFiles, givenFiles: bundle.given, testFiles: bundle.tests }),
      [{ id: mistake.stage }],
      LIMITS.node,
      DEFAULT_SEED,
    ),
    {
      post(message: WorkerMessage) {
        if (message.kind === 'test-end' && message.result.status !== 'skipped') (message.result.status === 'passed' ? passed : failed).push(message.result.name);
        if (message.kind === 'stage-end' && message.error) stageError = message.error;
      },
      toUrl: (source) => `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`,
      passThrough: (specifier) => specifier.startsWith('node:'),
      packages: nodePackages,
      // One failed test is all the check asks for; the tests after it would only add time.
      bail: true,
    },
  );
  write({ kind: 'result', id: mistake.id, passed, failed, ...(stageError ? { error: stageError } : {}) });
}
// Servers a mistaken solution forgot to close must not keep this process alive.
process.exit(0);
