/**
 * Renders a grade result (any runner's) into the results panel: stages with
 * points, each test in file order, failure messages with the lab kit's hex
 * rows, what the learner's code printed, and load errors with file and line.
 */
import { testSummary, type GradeResult, type StageResult, type TestResult } from '../runners/result.ts';

const RUNNER_NAME = { node: 'local Node grader', worker: 'browser worker', webcontainer: 'WebContainer (full Node)' } as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function mark(status: TestResult['status'] | StageResult['status']): string {
  return { passed: '✓', failed: '✗', hung: '⏱', skipped: '–', 'not-run': '·' }[status];
}

function stageNote(stage: StageResult): string {
  if (stage.status === 'not-run') {
    return stage.runsIn === 'host'
      ? 'needs your own machine (UDP or tshark): run `npx journey grade` locally'
      : 'needs full Node: run it in the full-Node runner or with `npx journey grade` locally';
  }
  return testSummary(stage.tests);
}

/**
 * A failure message, with the lab kit's byte diagnostic picked out: the
 * expected and actual hex rows, and the caret under the first differing byte.
 */
function messageBlock(message: string): HTMLElement {
  const pre = el('pre', { class: 'message' });
  message.split('\n').forEach((line, i) => {
    if (i) pre.append('\n');
    const kind = /^\s*\^\^\s*$/.test(line) ? 'caret' : /\(expected\)$/.test(line) ? 'expected' : /\(actual\)$/.test(line) ? 'actual' : undefined;
    pre.append(kind ? el('span', { class: `hex-${kind}` }, line) : line);
  });
  return pre;
}

function testItem(test: TestResult): HTMLElement {
  const item = el('li', { class: `test test-${test.status}` }, el('span', { class: 'mark', 'aria-hidden': 'true' }, mark(test.status)), el('span', { class: 'sr-only' }, `${test.status}: `), test.name);
  if (test.message) item.append(messageBlock(test.message));
  if (test.output) item.append(el('details', {}, el('summary', {}, 'Your code printed'), el('pre', { class: 'output' }, test.output)));
  return item;
}

/** Builds the results panel's content for a result. */
export function renderResults(result: GradeResult): HTMLElement {
  const ran = result.stages.filter((s) => s.status !== 'not-run');
  const ranPoints = ran.reduce((sum, s) => sum + s.points, 0);
  const root = el(
    'div',
    { class: 'results' },
    el('p', { class: 'summary' }, el('strong', {}, `${result.score}/${result.max} points`), ` — ${ran.length} of ${result.stages.length} stages (${ranPoints} points) run by the ${RUNNER_NAME[result.runner]} in ${(result.durationMs / 1000).toFixed(2)} s`),
  );
  if (result.status === 'error' && result.message) root.append(el('pre', { class: 'message run-error' }, result.message));
  for (const stage of result.stages) {
    const section = el(
      'details',
      { class: `stage stage-${stage.status}`, 'data-stage': stage.id },
      el('summary', {}, el('span', { class: 'mark', 'aria-hidden': 'true' }, mark(stage.status)), ` ${stage.title} `, el('span', { class: 'points' }, `${stage.earned}/${stage.points}`), el('span', { class: 'note' }, stageNote(stage))),
    );
    if (stage.status === 'failed') section.setAttribute('open', '');
    if (stage.error) section.append(el('pre', { class: 'message stage-error' }, stage.error));
    if (stage.tests.length) section.append(el('ol', { class: 'tests' }, ...stage.tests.map(testItem)));
    root.append(section);
  }
  return root;
}
