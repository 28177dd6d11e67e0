/** A trip as terminal text: the timeline, one step a line, and a bar per phase scaled to the longest. */
import { pieceLabel, PIECE_IDS, yourStack, type PieceSet } from './pieces.ts';
import { PHASE_LABELS, type JourneyEvent, type Layer, type PhaseSpan } from './timeline.ts';

/** The timeline, optionally only some layers. */
export function timelineText(events: readonly JourneyEvent[], layers?: ReadonlySet<Layer>): string[] {
  return events
    .filter((e) => layers === undefined || layers.has(e.layer))
    .map((e) => `${e.time.toFixed(3).padStart(10)} ms  ${e.device.padEnd(12)} ${e.layer.padEnd(11)} ${e.text}`);
}

/** One line per phase: its name, a bar, its duration. */
export function phaseBars(phases: readonly PhaseSpan[], width = 40): string[] {
  const longest = Math.max(...phases.map((p) => p.end - p.start), 1);
  const label = Math.max(...phases.map((p) => PHASE_LABELS[p.phase].length));
  return phases.map((p) => {
    const ms = p.end - p.start;
    const bar = '█'.repeat(Math.max(1, Math.round((ms / longest) * width)));
    return `${PHASE_LABELS[p.phase].padEnd(label)}  ${bar} ${ms.toFixed(1)} ms`;
  });
}

/** Whose each piece is, and the "your stack" measure. */
export function stackText(pieces: PieceSet): string[] {
  const { yours, total } = yourStack(pieces);
  return [...PIECE_IDS.map((id) => `  ${pieceLabel(pieces[id])}`), `Your stack: ${yours} of ${total} pieces are yours.`];
}
