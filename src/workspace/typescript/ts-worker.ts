/**
 * The editor's TypeScript worker: the TypeScript language service (lab-checker.ts)
 * off the page's thread, started on the learner's first edit. It loads the
 * compiler and the lab's declaration files, then answers one `check` at a time.
 */
import ts from 'typescript';
import type { TypescriptEnvironment } from './environment.ts';
import { LabChecker } from './lab-checker.ts';
import type { CheckerAnswer, CheckerRequest } from './protocol.ts';

let checker: Promise<LabChecker> | undefined;

async function open(environmentUrl: string, files: Extract<CheckerRequest, { kind: 'open' }>['files']): Promise<LabChecker> {
  const response = await fetch(environmentUrl);
  if (!response.ok) throw new Error(`could not load the type declarations (${response.status} ${response.statusText})`);
  return new LabChecker(ts, (await response.json()) as TypescriptEnvironment, files);
}

const answer = (message: CheckerAnswer) => postMessage(message);

addEventListener('message', (event: MessageEvent<CheckerRequest>) => {
  const request = event.data;
  if (request.kind === 'open') {
    checker = open(request.environmentUrl, request.files);
    return;
  }
  if (!checker) return answer({ kind: 'failed', id: request.id, message: 'the checker was not opened' });
  checker.then(
    (c) => {
      c.update(request.learner);
      answer({ kind: 'diagnostics', id: request.id, diagnostics: c.diagnostics(request.file) });
    },
    (error: unknown) => answer({ kind: 'failed', id: request.id, message: (error as Error).message }),
  ).catch((error: unknown) => answer({ kind: 'failed', id: request.id, message: (error as Error).message }));
});
