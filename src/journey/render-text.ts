/** A trip as terminal text: the timeline, one step a line, and a bar per phase scaled to the longest. */
import { displayWidth, padDisplay } from '../course/display-width.ts';
import { JOURNEY_WORDS, pieceLabel, type JourneyWords } from './journey-words.ts';
import { PIECE_IDS, yourStack, type PieceSet } from './pieces.ts';
import type { JourneyEvent, Layer, PhaseSpan } from './timeline.ts';

/** The timeline, optionally only some layers. */
export function timelineText(events: readonly JourneyEvent[], layers?: ReadonlySet<Layer>): string[] {
  return events
    .filter((e) => layers === undefined || layers.has(e.layer))
    .map((e) => `${e.time.toFixed(3).padStart(10)} ms  ${e.device.padEnd(12)} ${e.layer.padEnd(11)} ${e.text}`);
}

/** One line per phase: its name (in `words`' language), a bar, its duration. */
export function phaseBars(phases: readonly PhaseSpan[], width = 40, words: JourneyWords = JOURNEY_WORDS.en): string[] {
  const longest = Math.max(...phases.map((p) => p.end - p.start), 1);
  const label = Math.max(...phases.map((p) => displayWidth(words.phaseLabels[p.phase])));
  return phases.map((p) => {
    const ms = p.end - p.start;
    const bar = '█'.repeat(Math.max(1, Math.round((ms / longest) * width)));
    return `${padDisplay(words.phaseLabels[p.phase], label)}  ${bar} ${ms.toFixed(1)} ms`;
  });
}

/** Whose each piece is, and the "your stack" measure, in `words`' language. */
export function stackText(pieces: PieceSet, words: JourneyWords = JOURNEY_WORDS.en): string[] {
  const { yours, total } = yourStack(pieces);
  return [...PIECE_IDS.map((id) => `  ${pieceLabel(pieces[id], words)}`), words.stack(yours, total)];
}
