/**
 * The verdict of `journey trip --grade` for a run in the browser: the same
 * `journeyVerdict` (journey-grade.ts), fed the pieces the run used and how it
 * ended, drawn as the panel's checklist.
 */
import { journeyVerdict, type JourneyVerdict, type RunPieces, type TripEnd } from '../../../journey/journey-grade.ts';
import type { TripRunResult } from '../../../runners/worker/trip-runner.ts';
import { escapeHtml } from '../../components/escape-html.ts';
import type { PieceChoice } from './piece-choice.ts';

/**
 * Whose each piece was in the run, as the verdict counts it. A piece counts as
 * the learner's exactly when the trip ran their code, as with the CLI: `--grade`
 * takes every piece from workspace/ without grading it (each lab grades its
 * own piece), so a piece ticked "use mine anyway" counts too. The panel only
 * runs a ticked piece the learner started; an unstarted lab is the reference
 * here, as a lab with no workspace/<lab>/ is for the CLI.
 */
export function runPieces(choices: readonly PieceChoice[]): RunPieces {
  return Object.fromEntries(choices.map((c) => [c.id, { id: c.id, source: c.source }])) as unknown as RunPieces;
}

/** How the run ended, as the verdict reads it; undefined when the runner itself failed (a crash, the time limit), which the CLI does not grade either. */
export function runEnd(run: TripRunResult): TripEnd | undefined {
  if (run.kind === 'done') return { order: run.trip.outcome.order };
  return run.stopped && { failure: { ...run.stopped, blamed: run.blamed } };
}

/** The verdict for a run, or undefined when there is none to give. */
export function runVerdict(choices: readonly PieceChoice[], run: TripRunResult): JourneyVerdict | undefined {
  const end = runEnd(run);
  return end && journeyVerdict(runPieces(choices), end);
}

/** The verdict's text with its `commands` set as code. */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The verdict as the panel shows it: a ✓ or ✗ per piece and for the order, then "Journey pass: …" or "Journey not yet: …", as the CLI prints it. */
export function verdictHtml(verdict: JourneyVerdict): string {
  const rows = verdict.rows
    .map((row) => `<li data-ok="${row.ok}"><span class="rj-mark" aria-hidden="true">${row.ok ? '✓' : '✗'}</span><span class="sr-only">${row.ok ? 'done:' : 'not yet:'}</span> <span class="rj-row-text">${escapeHtml(row.text)}</span> <span class="rj-row-note">${inline(row.note)}</span></li>`)
    .join('');
  return (
    `<h4>The whole journey, every piece yours</h4><ul class="rj-checks">${rows}</ul>` +
    `<p class="rj-summary" data-passed="${verdict.passed}"><strong>Journey</strong> ${inline(verdict.summary)}</p>`
  );
}
