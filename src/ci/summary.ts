/**
 * The scoreboard a CI run shows in its job summary (GitHub renders Markdown
 * there): one row per lab with its score and a mark per stage, then the
 * first failing test of each unfinished stage, so a student sees why without
 * opening the log.
 */
import type { GradeResult, StageResult } from '../runners/result.ts';
import { TEACHER_WORDS, type TeacherWords } from '../cli/teacher-words.ts';

/** A lab's outcome for the summary: graded, or not started (no workspace folder). */
export type LabOutcome = { lab: string; title: string; result: GradeResult } | { lab: string; title: string; notStarted: true };

/** Markdown-safe text for a table cell: no pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function mark(stage: StageResult): string {
  if (stage.status === 'passed') return `✅ ${stage.id}`;
  if (stage.status === 'not-run') return `⏭️ ${stage.id}`;
  return stage.earned > 0 ? `🟡 ${stage.id} ${stage.earned}/${stage.points}` : `❌ ${stage.id}`;
}

/** The first line of why a stage failed: its own error, or its first failing test's name and message. */
function firstReason(stage: StageResult): string | undefined {
  if (stage.error) return stage.error.split('\n')[0];
  const test = stage.tests.find((t) => t.status !== 'passed');
  if (!test) return undefined;
  return `${test.name}: ${(test.message ?? test.status).split('\n')[0]}`;
}

/** The job summary's Markdown for these labs, in `w`'s language (test names and messages as they are). */
export function summaryMarkdown(outcomes: readonly LabOutcome[], w: TeacherWords = TEACHER_WORDS.en): string {
  const lines = [w.summaryTitle, '', w.summaryHeader, '| --- | ---: | --- |'];
  let score = 0;
  let max = 0;
  const reasons: string[] = [];
  for (const o of outcomes) {
    if ('notStarted' in o) {
      lines.push(`| ${cell(o.title)} | ${w.summaryNotStarted(o.lab)} |`);
      continue;
    }
    score += o.result.score;
    max += o.result.max;
    lines.push(`| ${cell(o.title)} | ${o.result.score}/${o.result.max} | ${o.result.stages.map(mark).join(' ')} |`);
    if (o.result.message) reasons.push(`- **${o.lab}**: ${cell(o.result.message)}`);
    for (const stage of o.result.stages.filter((s) => s.status === 'failed')) {
      const why = firstReason(stage);
      if (why) reasons.push(`- **${o.lab} › ${stage.id}**: ${cell(why)}`);
    }
  }
  lines.push('', w.summaryTotal(score, max));
  if (reasons.length) lines.push('', w.summaryFailures, '', ...reasons);
  lines.push('', w.summaryLocal);
  return lines.join('\n') + '\n';
}
