/**
 * The verdict of `journey trip --grade` for a run in the browser: the same
 * `journeyVerdict` (journey-grade.ts), fed the pieces the run used and how it
 * ended, drawn as the panel's checklist.
 */
import { localePrefix, type Locale } from '../../../course/locale.ts';
import { journeyVerdict, type JourneyVerdict, type RunPieces, type TripEnd, type VerdictRow } from '../../../journey/journey-grade.ts';
import { JOURNEY_WORDS } from '../../../journey/journey-words.ts';
import type { TripRunResult } from '../../../runners/worker/trip-runner.ts';
import { escapeHtml } from '../../components/escape-html.ts';
import { fill, segments, uiStrings, type UiStrings } from '../../i18n/ui.ts';
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

/** The verdict for a run in `locale`'s language, or undefined when there is none to give. */
export function runVerdict(choices: readonly PieceChoice[], run: TripRunResult, locale: Locale = 'en'): JourneyVerdict | undefined {
  const end = runEnd(run);
  return end && journeyVerdict(runPieces(choices), end, JOURNEY_WORDS[locale]);
}

/** The verdict's text with its `commands` set as code. */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/**
 * A row's note; a piece still the reference links to its lab's page in the page's language, the learner being in a browser,
 * with the terminal's command as the second way.
 */
function noteHtml(row: VerdictRow, t: UiStrings, labsHref: string): string {
  if (!row.start) return inline(row.note);
  const slots: Record<string, string> = {
    link: `<a href="${escapeHtml(`${labsHref}${row.start}/`)}">${escapeHtml(fill(t.rjOpenLab, { lab: row.start }))}</a>`,
    command: `<code>npx journey start ${escapeHtml(row.start)}</code>`,
  };
  return segments(t.rjStillReference)
    .map((part) => ('text' in part ? escapeHtml(part.text) : slots[part.slot]!))
    .join('');
}

/**
 * The verdict as the panel shows it, in `locale`'s language: a ✓ or ✗ per piece and for the order, then "Journey pass: …" or
 * "Journey not yet: …", as the CLI prints it. `base` is the site's base path, for the links to the labs.
 */
export function verdictHtml(verdict: JourneyVerdict, locale: Locale, base: string): string {
  const t = uiStrings(locale);
  const words = JOURNEY_WORDS[locale];
  const labsHref = `${base}${localePrefix(locale)}labs/`;
  const rows = verdict.rows
    .map((row) => `<li data-ok="${row.ok}"><span class="rj-mark" aria-hidden="true">${row.ok ? '✓' : '✗'}</span><span class="sr-only">${row.ok ? t.rjRowDone : t.rjRowNotYet}</span> <span class="rj-row-text">${escapeHtml(row.text)}</span> <span class="rj-row-note">${noteHtml(row, t, labsHref)}</span></li>`)
    .join('');
  return (
    `<h4>${escapeHtml(words.verdictHeading)}</h4><ul class="rj-checks">${rows}</ul>` +
    `<p class="rj-summary" data-passed="${verdict.passed}"><strong>${escapeHtml(words.journey)}</strong> ${inline(verdict.summary)}</p>`
  );
}
