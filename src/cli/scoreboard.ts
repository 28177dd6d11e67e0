/** Renders a grade result for a terminal: colour when it is a TTY, plain text in CI logs. */
import pc from 'picocolors';
import { testSummary, unfinished, type GradeResult, type StageResult, type TestResult } from '../runners/result.ts';
import { messages, padDisplay, displayWidth, type Messages } from './messages.ts';

const MESSAGE_LINES = 14;

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

/** A failure message cut to a readable length, saying how much was cut. */
function clip(message: string, m: Messages, lines = MESSAGE_LINES): string {
  const all = message.split('\n');
  return all.length <= lines ? message : [...all.slice(0, lines), pc.dim(m.moreLines(all.length - lines))].join('\n');
}

function stageMark(stage: StageResult): string {
  if (stage.status === 'passed') return pc.green('✓');
  if (stage.status === 'not-run') return pc.dim('·');
  return stage.earned > 0 ? pc.yellow('◐') : pc.red('✗');
}

function stageNote(stage: StageResult, m: Messages): string {
  if (stage.status === 'not-run') return pc.dim(m.notRunHere);
  if (stage.error && stage.tests.length === 0) return pc.red(m.didNotRun);
  const passed = stage.tests.filter((t) => t.status === 'passed').length;
  // After a hang, say how many tests never ran rather than counting them as failures.
  const stopped = stage.tests.some((t) => t.status === 'hung' || t.status === 'not-run');
  return pc.dim(`${m.testsPassed(passed, stage.tests.length)}${stopped ? ` (${testSummary(stage.tests, ', ', m.statusWords, m.noTests)})` : ''}`);
}

/** A failing test: its name, then its whole message, or only the message's first line when `brief`. */
function failureBlock(stage: StageResult, test: TestResult, m: Messages, brief = false): string {
  const lines = [`  ${pc.red('✗')} ${pc.bold(stage.id)} › ${test.name}`];
  const message = brief ? test.message?.split('\n')[0] : test.message;
  if (message) lines.push(indent(clip(message, m), '      '));
  if (test.output && !brief) lines.push(pc.dim(`      ${m.yourCodePrinted}`), indent(pc.dim(clip(test.output, m, 6)), '        '));
  return lines.join('\n');
}

/** Failing tests grouped by identical message, in file order of each group's first test. */
export function groupFailures(tests: readonly TestResult[]): TestResult[][] {
  const groups = new Map<string, TestResult[]>();
  for (const test of tests.filter((t) => unfinished(t) && t.message)) {
    const key = test.message ?? '';
    groups.set(key, [...(groups.get(key) ?? []), test]);
  }
  return [...groups.values()];
}

/**
 * A stage's failures: the load error if any, then one block per distinct
 * message (the first in full, the others by their first line), each saying
 * how many more tests failed the same way, and naming them when `names`.
 */
function stageFailures(stage: StageResult, names: boolean, m: Messages): string[] {
  const blocks: string[] = [];
  if (stage.error) blocks.push(`  ${pc.red('✗')} ${pc.bold(stage.id)}\n${indent(clip(stage.error, m), '      ')}`);
  groupFailures(stage.tests).forEach(([first, ...same], i) => {
    const lines = [failureBlock(stage, first!, m, i > 0)];
    if (same.length) {
      lines.push(pc.dim(`      ${m.sameError(same.length)}${names ? ':' : ''}`));
      if (names) lines.push(...same.map((t) => pc.dim(`        ${t.name}`)));
    }
    blocks.push(lines.join('\n'));
  });
  return blocks;
}

/** The first stage that is not done yet (the one a learner should work on). */
export function firstUnfinished(result: GradeResult): StageResult | undefined {
  return result.stages.find((s) => s.status === 'failed');
}

/**
 * The scoreboard: one line per stage with its points and tests passed, the
 * score, then the failures of the first unfinished stage — or, with `all`,
 * of every stage, naming each test that failed the same way.
 */
export function renderScoreboard(result: GradeResult, title: string, where: string, all = false, m: Messages = messages()): string {
  const out: string[] = [];
  out.push(`${pc.bold(title)} ${pc.dim(m.runnerLine(where, result.runner, (result.durationMs / 1000).toFixed(1)))}`, '');
  const idWidth = Math.max(...result.stages.map((s) => s.id.length));
  const titleWidth = Math.max(...result.stages.map((s) => displayWidth(s.title)));
  result.stages.forEach((stage, i) => {
    const points = `${stage.earned}/${stage.points}`.padStart(7);
    out.push(`  ${stageMark(stage)} ${String(i + 1).padStart(2)} ${stage.id.padEnd(idWidth)}  ${padDisplay(stage.title, titleWidth)}  ${points}   ${stageNote(stage, m)}`);
  });
  const full = result.score === result.max;
  out.push('', `  ${pc.bold(m.score)} ${(full ? pc.green : pc.yellow)(`${result.score}/${result.max}`)}`);

  const shownStages = all ? result.stages : [firstUnfinished(result)].filter((s) => s !== undefined);
  const failures = shownStages.flatMap((stage) => stageFailures(stage, all, m));
  if (failures.length) {
    const heading = all ? m.failing : m.failingIn(shownStages[0]!.id);
    out.push('', pc.bold(heading), '', failures.join('\n\n'));
  }
  if (result.message && result.status === 'error') out.push('', pc.red(result.message));
  return out.join('\n');
}

/** The first failure of the first unfinished stage, for watch mode's short view. */
export function firstFailure(result: GradeResult, m: Messages = messages()): string | undefined {
  const stage = firstUnfinished(result);
  return stage ? stageFailures(stage, false, m)[0] : result.message;
}
