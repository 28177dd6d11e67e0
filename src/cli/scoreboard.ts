/** Renders a grade result for a terminal: colour when it is a TTY, plain text in CI logs. */
import pc from 'picocolors';
import { testSummary, unfinished, type GradeResult, type StageResult, type TestResult } from '../runners/result.ts';

const MESSAGE_LINES = 14;

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

/** A failure message cut to a readable length, saying how much was cut. */
function clip(message: string, lines = MESSAGE_LINES): string {
  const all = message.split('\n');
  return all.length <= lines ? message : [...all.slice(0, lines), pc.dim(`… ${all.length - lines} more lines`)].join('\n');
}

function stageMark(stage: StageResult): string {
  if (stage.status === 'passed') return pc.green('✓');
  if (stage.status === 'not-run') return pc.dim('·');
  return stage.earned > 0 ? pc.yellow('◐') : pc.red('✗');
}

function stageNote(stage: StageResult): string {
  if (stage.status === 'not-run') return pc.dim('not run here');
  if (stage.error && stage.tests.length === 0) return pc.red('did not run: see below');
  return pc.dim(testSummary(stage.tests));
}

/** A failing test: its name, then its whole message, or only the message's first line when `brief`. */
function failureBlock(stage: StageResult, test: TestResult, brief = false): string {
  const lines = [`  ${pc.red('✗')} ${pc.bold(stage.id)} › ${test.name}`];
  const message = brief ? test.message?.split('\n')[0] : test.message;
  if (message) lines.push(indent(clip(message), '      '));
  if (test.output && !brief) lines.push(pc.dim('      your code printed:'), indent(pc.dim(clip(test.output, 6)), '        '));
  return lines.join('\n');
}

/**
 * The full scoreboard: one line per stage, then every failing test with its
 * message: in full for the first failure of each stage, its first line for the rest.
 */
export function renderScoreboard(result: GradeResult, title: string, where: string): string {
  const out: string[] = [];
  out.push(`${pc.bold(title)} ${pc.dim(`— ${where}, ${result.runner} runner, ${(result.durationMs / 1000).toFixed(1)} s`)}`, '');
  const idWidth = Math.max(...result.stages.map((s) => s.id.length));
  const titleWidth = Math.max(...result.stages.map((s) => s.title.length));
  result.stages.forEach((stage, i) => {
    const points = `${stage.earned}/${stage.points}`.padStart(7);
    out.push(`  ${stageMark(stage)} ${String(i + 1).padStart(2)} ${stage.id.padEnd(idWidth)}  ${stage.title.padEnd(titleWidth)}  ${points}   ${stageNote(stage)}`);
  });
  const full = result.score === result.max;
  out.push('', `  ${pc.bold('Score')} ${(full ? pc.green : pc.yellow)(`${result.score}/${result.max}`)}`);

  const failures: string[] = [];
  for (const stage of result.stages) {
    if (stage.error) failures.push(`  ${pc.red('✗')} ${pc.bold(stage.id)}\n${indent(clip(stage.error), '      ')}`);
    stage.tests
      .filter((t) => unfinished(t) && t.message)
      .forEach((test, i) => failures.push(failureBlock(stage, test, i > 0)));
  }
  if (failures.length) out.push('', pc.bold('Failing:'), '', failures.join('\n\n'));
  if (result.message && result.status === 'error') out.push('', pc.red(result.message));
  return out.join('\n');
}

/** The first failing test (or stage error), for watch mode's short view. */
export function firstFailure(result: GradeResult): string | undefined {
  for (const stage of result.stages) {
    if (stage.error && stage.tests.length === 0) return `  ${pc.red('✗')} ${pc.bold(stage.id)}\n${indent(clip(stage.error), '      ')}`;
    const test = stage.tests.find((t) => unfinished(t) && t.message);
    if (test) return failureBlock(stage, test);
  }
  return result.message;
}
