/**
 * The markup of the journey's phase bars and timeline rows, from a trip's
 * phases and events: one renderer for the chapter's figures (built from the
 * build's trip) and the "Run the journey" panel (from the learner's run in
 * the browser), so both draw the same figure.
 */
import { LAYERS, PHASE_LABELS, type JourneyEvent, type PhaseSpan } from '../../../journey/timeline.ts';
import { escapeHtml } from '../../components/escape-html.ts';

/** One bar of the latency figure. */
export interface PhaseBar {
  label: string;
  ms: number;
  start: number;
}

/** The phases as bars, in order. */
export function phaseBars(trip: { phases: readonly PhaseSpan[] }): PhaseBar[] {
  return trip.phases.map((p) => ({ label: PHASE_LABELS[p.phase], ms: Math.round((p.end - p.start) * 10) / 10, start: p.start }));
}

const W = { label: 190, bar: 440, row: 30 };

/** The latency figure's SVG: a bar per phase scaled to the longest, its ms printed so the short ones read. `id` keeps its title's id unique on the page. */
export function phaseBarsSvg(bars: readonly PhaseBar[], id: string): string {
  const longest = Math.max(...bars.map((b) => b.ms), 1);
  const rows = bars.map((b, i) => {
    const width = Math.max(2, (b.ms / longest) * W.bar);
    return (
      `<g><text x="${W.label - 8}" y="${i * W.row + 22}" text-anchor="end" class="fig-text pl-label">${escapeHtml(b.label)}</text>` +
      `<rect x="${W.label}" y="${i * W.row + 8}" width="${width}" height="18" rx="3" class="pl-bar"></rect>` +
      `<text x="${W.label + width + 6}" y="${i * W.row + 22}" class="fig-muted pl-value">${b.ms} ms</text></g>`
    );
  });
  const description = `${bars.map((b) => `${b.label}: ${b.ms} ms`).join('; ')}.`;
  return (
    `<svg class="fig-svg pl-svg" viewBox="0 0 ${W.label + W.bar + 80} ${bars.length * W.row + 10}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">Time spent in each phase of the trip</title><desc id="${id}-desc">${escapeHtml(description)}</desc>${rows.join('')}</svg>`
  );
}

/** The total of the bars, in whole ms, for the caption. */
export function totalMs(bars: readonly PhaseBar[]): number {
  return Math.round(bars.reduce((n, b) => n + b.ms, 0));
}

/** The timeline table, one row per step, in a disclosure with a layer filter (shown by `wireLayerFilter`; without JavaScript every row shows). */
export function timelineTableHtml(events: readonly JourneyEvent[]): string {
  const filter = LAYERS.map((layer) => `<label><input type="checkbox" value="${layer}" checked> ${layer}</label>`).join('');
  const rows = events
    .map((e) => `<tr data-layer="${e.layer}"><td>${e.time}</td><td>${escapeHtml(e.device)}</td><td>${e.layer}</td><td><code>${escapeHtml(e.text)}</code></td></tr>`)
    .join('');
  return (
    `<details class="fig-details not-content tt"><summary>Every step of the trip (${events.length} of them)</summary>` +
    `<fieldset class="tt-filter" hidden><legend>Show layers</legend>${filter}</fieldset>` +
    `<div class="fig-scroll"><table class="fig-table"><thead><tr><th>t (ms)</th><th>device</th><th>layer</th><th>what happened</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div></details>`
  );
}
