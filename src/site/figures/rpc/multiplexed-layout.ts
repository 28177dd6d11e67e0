/**
 * Where the multiplexing step-through draws each event: one row per event,
 * top to bottom in time order (not to scale: 1 ms and 1300 ms get the same
 * row), requests as arrows to the server, responses as dashed arrows back,
 * a cross on the client's line where a call times out.
 */
import type { Point } from '../../components/svg.ts';
import { CALL_WORDS, type CallWords, type WireEvent } from './multiplexed-calls.ts';

/** The SVG's coordinate system and its columns. */
export const VIEW = { width: 620, timeX: 48, waitingX: 104, clientX: 186, serverX: 576, top: 58, rowHeight: 38 };

/** One drawn event. */
export interface EventRow {
  event: WireEvent;
  /** Top of the row. */
  y: number;
  /** The arrow, for a frame that crossed; none for a timeout. */
  arrow?: { from: Point; to: Point; kind?: 'response' };
  /** Where the arrow's text goes (or the timeout's). */
  label: Point & { text: string; anchor: 'middle' | 'start' };
  /** A cross on the client's line: the call failed there (timeout) or its answer was thrown away (late). */
  cross?: Point;
}

/** Lays the events out; the SVG's height follows from the rows. */
export function multiplexedLayout(events: readonly WireEvent[], words: Pick<CallWords, 'result' | 'lateDropped' | 'timesOut'> = CALL_WORDS.en): { rows: EventRow[]; height: number } {
  const { clientX, serverX, top, rowHeight } = VIEW;
  const middle = (clientX + serverX) / 2;
  const rows = events.map((event, i): EventRow => {
    const y = top + i * rowHeight;
    const size = event.bytes ? ` · ${event.bytes.length} B` : '';
    switch (event.kind) {
      case 'request':
        return { event, y, arrow: { from: { x: clientX, y }, to: { x: serverX, y: y + 16 } }, label: { x: middle, y: y + 2, text: `id ${event.requestId} · ${event.summary}${size}`, anchor: 'middle' } };
      case 'response':
      case 'late': {
        const text = event.kind === 'late' ? `id ${event.requestId} · ${words.lateDropped}${size}` : `id ${event.requestId} · ${words.result} ${String(event.result)}${size}`;
        return {
          event,
          y,
          arrow: { from: { x: serverX, y }, to: { x: clientX, y: y + 16 }, kind: 'response' },
          label: { x: middle, y: y + 2, text, anchor: 'middle' },
          // The cross sits just past the arrowhead: the answer reached the client and went no further.
          ...(event.kind === 'late' ? { cross: { x: clientX + 18, y: y + 16 } } : {}),
        };
      }
      case 'timeout':
        return { event, y, cross: { x: clientX, y: y + 8 }, label: { x: clientX + 16, y: y + 12, text: `id ${event.requestId} ${words.timesOut}`, anchor: 'start' } };
    }
  });
  return { rows, height: top + events.length * rowHeight + 8 };
}
