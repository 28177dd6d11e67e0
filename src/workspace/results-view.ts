/**
 * Renders a grade result (any runner's) into the results panel: a summary
 * line first, then stages with points and test counts (only the first
 * unfinished stage open), each distinct failure message once with the tests
 * that share it, hex rows that scroll sideways under prose that wraps, what
 * the learner's code printed, and links to the file and line a message names
 * and to the line each failing test is declared on. A new result redraws
 * only the stages whose results changed.
 */
import { testSummary, type GradeResult, type StageResult, type TestResult } from '../runners/result.ts';
import { fill, type UiStrings } from '../site/i18n/ui.ts';
import { pageStrings, statusWords } from './ui.ts';
import { testLine } from './test-lines.ts';


const MARK: Record<TestResult['status'] | StageResult['status'], string> = { passed: '✓', failed: '✗', hung: '⏱', skipped: '–', 'not-run': '·' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function mark(status: TestResult['status'] | StageResult['status']): HTMLElement {
  return el('span', { class: 'mark', 'aria-hidden': 'true' }, MARK[status]);
}

function stageNote(stage: StageResult): string {
  const t = pageStrings();
  if (stage.status === 'not-run') return stage.runsIn === 'host' ? t.notRunHost : t.notRunNode;
  if (stage.error && !stage.tests.length) return t.didNotLoad;
  return testSummary(stage.tests, ' · ', statusWords(t), t.noTests);
}

/** The summary after the score: stages passed, and by which runner. */
function summaryDetail(result: GradeResult, t: UiStrings): string {
  const ran = result.stages.filter((s) => s.status !== 'not-run');
  const ranPoints = ran.reduce((sum, s) => sum + s.points, 0);
  const passed = ran.filter((s) => s.status === 'passed').length;
  const runner = { node: t.runnerNode, worker: t.runnerWorker, webcontainer: t.runnerWebcontainer }[result.runner];
  return fill(t.resultDetail, { passed, ran: ran.length, ranPoints, runner, seconds: (result.durationMs / 1000).toFixed(2) });
}

/** The summary line, as the page shows it and a screen reader announces it. */
export function summaryText(result: GradeResult, t: UiStrings = pageStrings()): string {
  return fill(t.resultSummary, { points: fill(t.pointsOfMax, { score: result.score, max: result.max }), detail: summaryDetail(result, t) });
}

/** Lines of a hex dump, a caret under it, or a diff: kept aligned (scrolling sideways), never wrapped. */
function isAligned(line: string): boolean {
  return /^\s{2,}\S/.test(line) || /^[+-] /.test(line) || /^\s*\^+\s*$/.test(line);
}

function hexKind(line: string): string | undefined {
  return /^\s*\^\^\s*$/.test(line) ? 'caret' : /\(expected\)$/.test(line) ? 'expected' : /\(actual\)$/.test(line) ? 'actual' : undefined;
}

/** A prose line, with each "file.ts:12" that names an openable file turned into a button that opens it there. */
function proseLine(line: string, files: ReadonlySet<string>): (Node | string)[] {
  const parts: (Node | string)[] = [];
  let last = 0;
  for (const match of line.matchAll(/((?:tests\/)?[\w.-]+\.ts):(\d+)(?::\d+)?/g)) {
    const [text, file, lineNumber] = match;
    const name = [...files].find((f) => f === file || f.endsWith(`/${file}`));
    if (!name) continue;
    parts.push(line.slice(last, match.index));
    parts.push(gotoButton(name, lineNumber!, text));
    last = match.index + text.length;
  }
  parts.push(line.slice(last));
  return parts;
}

/**
 * A failure message: prose lines wrap to the panel's width, while runs of
 * aligned lines (the lab kit's hex rows with the caret under the first
 * differing byte, Vitest's diff) scroll sideways in their own block.
 */
export function messageBlock(message: string, files: ReadonlySet<string> = new Set(), extraClass = ''): HTMLElement {
  const box = el('div', { class: `message ${extraClass}`.trim() });
  let aligned: HTMLElement | undefined;
  let prose: HTMLElement | undefined;
  for (const line of message.split('\n')) {
    if (isAligned(line)) {
      prose = undefined;
      // Keyboard users can scroll it too (axe: scrollable-region-focusable).
      aligned ??= box.appendChild(el('pre', { class: 'aligned', tabindex: '0' }));
      if (aligned.childNodes.length) aligned.append('\n');
      const kind = hexKind(line);
      aligned.append(kind ? el('span', { class: `hex-${kind}` }, line) : line);
    } else {
      aligned = undefined;
      prose ??= box.appendChild(el('p', { class: 'prose' }));
      if (prose.childNodes.length) prose.append('\n');
      prose.append(...proseLine(line, files));
    }
  }
  return box;
}

/** A button that opens `file` at `line`, as the results panel's click handler expects. */
function gotoButton(file: string, line: number | string, text: string): HTMLElement {
  return el('button', { type: 'button', class: 'goto', 'data-goto': file, 'data-line': String(line), title: fill(pageStrings().openAtLine, { file, line }) }, text);
}

/** Where a stage's tests live, and their text, to find the line a test is declared on. */
interface TestSource {
  path: string;
  text: string;
}

function testItem(test: TestResult, files: ReadonlySet<string>, source: TestSource | undefined, sameError: TestResult[] = []): HTMLElement {
  const item = el('li', { class: `test test-${test.status}` }, mark(test.status), el('span', { class: 'visually-hidden' }, `${statusWords()[test.status]}: `), test.name);
  const line = source && ['failed', 'hung'].includes(test.status) ? testLine(source.text, test.name) : undefined;
  if (line) item.append(' ', gotoButton(source!.path, line, `${source!.path.replace(/^tests\//, '')}:${line}`));
  if (test.message) item.append(messageBlock(test.message, files));
  if (sameError.length) {
    item.append(
      el(
        'details',
        { class: 'same-error' },
        el('summary', {}, sameError.length === 1 ? pageStrings().sameErrorOne : fill(pageStrings().sameErrorMany, { n: sameError.length })),
        el('ul', {}, ...sameError.map((t) => el('li', {}, t.name))),
      ),
    );
  }
  if (test.output) item.append(el('details', {}, el('summary', {}, pageStrings().yourCodePrinted), el('pre', { class: 'output', tabindex: '0' }, test.output)));
  return item;
}

/** Tests in file order; a failure whose message repeats an earlier one is listed under it instead of again. */
function testList(tests: TestResult[], files: ReadonlySet<string>, source: TestSource | undefined): HTMLElement {
  const firstWith = new Map<string, TestResult>();
  const repeats = new Map<TestResult, TestResult[]>();
  for (const test of tests) {
    if (test.status !== 'failed' || !test.message) continue;
    const first = firstWith.get(test.message);
    if (first) repeats.get(first)!.push(test);
    else (firstWith.set(test.message, test), repeats.set(test, []));
  }
  const repeated = new Set([...repeats.values()].flat());
  return el('ol', { class: 'tests' }, ...tests.filter((t) => !repeated.has(t)).map((t) => testItem(t, files, source, repeats.get(t))));
}

/**
 * What a results panel shows and links to: `files` are the names a message may open, `tests` the lab's test
 * files by path (`tests/<stage>.test.ts`), where each failing test's own line is found, `stageTitles` the
 * page language's stage titles by id.
 */
export interface ResultsOptions {
  files?: readonly string[];
  tests?: Readonly<Record<string, string>>;
  restoredAt?: string;
  stageTitles?: Readonly<Record<string, string>>;
}

/** The panel's lines above the stages: the summary, a restored result's note, the run's own error. */
function headLines(result: GradeResult, files: ReadonlySet<string>, options: ResultsOptions): HTMLElement[] {
  const t = pageStrings();
  const summary = el('p', { class: 'summary', tabindex: '-1', 'data-status': result.status }, el('strong', {}, fill(t.pointsOfMax, { score: result.score, max: result.max })), ' ', summaryDetail(result, t));
  const lines: HTMLElement[] = [summary];
  if (options.restoredAt) {
    lines.push(el('p', { class: 'restored' }, fill(t.restored, { when: new Date(options.restoredAt).toLocaleString(document.documentElement.lang || undefined) })));
  }
  if (result.status === 'error' && result.message) lines.push(messageBlock(result.message, files, 'run-error'));
  return lines;
}

function stageSection(stage: StageResult, files: ReadonlySet<string>, options: ResultsOptions): HTMLElement {
  const section = el(
    'details',
    { class: `stage stage-${stage.status}`, 'data-stage': stage.id },
    el('summary', {}, mark(stage.status), el('span', { class: 'stage-title' }, options.stageTitles?.[stage.id] ?? stage.title), el('span', { class: 'points' }, `${stage.earned}/${stage.points}`), el('span', { class: 'note' }, stageNote(stage))),
  );
  if (stage.error) section.append(messageBlock(stage.error, files, 'stage-error'));
  const path = `tests/${stage.id}.test.ts`;
  const source = options.tests?.[path] === undefined ? undefined : { path, text: options.tests[path] };
  if (stage.tests.length) section.append(testList(stage.tests, files, source));
  return section;
}

/** Only the first unfinished stage stands open. */
function openFirstUnfinished(result: GradeResult, sections: readonly HTMLElement[]): void {
  const first = result.stages.findIndex((s) => s.status === 'failed');
  sections.forEach((section, i) => section.toggleAttribute('open', i === first));
}

/** Builds the results panel's content for a result. */
function renderResults(result: GradeResult, options: ResultsOptions = {}): HTMLElement {
  const files = new Set(options.files ?? []);
  const sections = result.stages.map((stage) => stageSection(stage, files, options));
  openFirstUnfinished(result, sections);
  return el('div', { class: 'results' }, ...headLines(result, files, options), ...sections);
}

/** A stage's section, by what it shows (test times are not shown), and what it links to. */
const drawnFrom = new WeakMap<HTMLElement, { stage: string; files: string; tests: ResultsOptions['tests']; title: string | undefined }>();

/**
 * Shows a result in `panel`, ending as `renderResults` draws it, but keeping
 * in place each stage section that would be drawn the same: a warm run where
 * one stage changed redraws that stage, and the page lays out only what changed.
 */
export function showResults(panel: HTMLElement, result: GradeResult, options: ResultsOptions = {}): void {
  const files = new Set(options.files ?? []);
  const shownAs = (stage: StageResult) => ({
    stage: JSON.stringify(stage, (key, value: unknown) => (key === 'durationMs' ? undefined : value)),
    files: [...files].join('\n'),
    tests: options.tests,
    title: options.stageTitles?.[stage.id],
  });
  const root = panel.querySelector<HTMLElement>(':scope > .results');
  const old = root ? [...root.querySelectorAll<HTMLElement>(':scope > details.stage')] : [];
  if (!root || old.map((s) => s.dataset['stage']).join() !== result.stages.map((s) => s.id).join()) {
    const fresh = renderResults(result, options);
    panel.replaceChildren(fresh);
    fresh.querySelectorAll<HTMLElement>(':scope > details.stage').forEach((section, i) => drawnFrom.set(section, shownAs(result.stages[i]!)));
    return;
  }
  // The lines above the stages are few and always change (the run's time): drawn again.
  while (root.firstElementChild && root.firstElementChild !== old[0]) root.firstElementChild.remove();
  root.prepend(...headLines(result, files, options));
  const sections = result.stages.map((stage, i) => {
    const now = shownAs(stage);
    const before = drawnFrom.get(old[i]!);
    if (before && before.stage === now.stage && before.files === now.files && before.tests === now.tests && before.title === now.title) return old[i]!;
    const section = stageSection(stage, files, options);
    drawnFrom.set(section, now);
    old[i]!.replaceWith(section);
    return section;
  });
  openFirstUnfinished(result, sections);
}
