/**
 * Where everything of the heartbeat figure goes: two lanes on one time axis
 * (the 60 s heartbeat above, the 50 s one below), a marker per open, Ping and
 * cut, and under each lane the fleet's handshakes per second as bars.
 */
import { heartbeatIncident, partId, type Lane } from './heartbeat-incident.ts';

/** The SVG's coordinate system. */
export const VIEW = { width: 640, height: 300 };
const LEFT = 78;
const RIGHT = 620;

/** A marker on a lane. */
export interface Marker {
  id: string;
  kind: 'open' | 'ping' | 'cut';
  x: number;
  y: number;
  label: string;
}

/** A connected stretch of a lane. */
export interface Span {
  x1: number;
  x2: number;
  y: number;
}

/** A bar of handshakes in one second. */
export interface Bar {
  x: number;
  width: number;
  y: number;
  height: number;
}

/** One lane, laid out. */
export interface LaneLayout {
  id: string;
  title: string;
  /** The lane's heartbeat period in seconds (its title names it). */
  every: 60 | 50;
  y: number;
  spans: Span[];
  markers: Marker[];
  /** Groups of bars, one per burst of handshakes, each a part the steps can light. */
  storms: { id: string; bars: Bar[] }[];
  /** Where the bars' baseline is, and what their tallest means. */
  barBase: number;
  peak: number;
}

/** The whole figure. */
export interface HeartbeatLayout {
  lanes: LaneLayout[];
  ticks: { x: number; label: string; seconds: number }[];
  axisY: number;
}

/** Lays out the simulation's two lanes. */
export function heartbeatLayout(incident = heartbeatIncident()): HeartbeatLayout {
  const duration = incident.options.durationMs;
  const x = (ms: number) => LEFT + ((RIGHT - LEFT) * ms) / duration;
  const peak = Math.max(...incident.at60.handshakesPerSecond, ...incident.at50.handshakesPerSecond);
  const lane = (data: Lane, which: 60 | 50, y: number): LaneLayout => {
    const spans: Span[] = [];
    const markers: Marker[] = [];
    const counts = { open: 0, ping: 0, cut: 0 };
    let openedAt = 0;
    for (const event of data.events) {
      if (event.kind === 'pong') continue;
      const n = counts[event.kind]++;
      if (event.kind === 'open') openedAt = event.atMs;
      if (event.kind === 'cut') spans.push({ x1: x(openedAt), x2: x(event.atMs), y });
      markers.push({ id: partId(which, event.kind, n), kind: event.kind, x: x(event.atMs), y, label: `${event.kind} at ${(event.atMs / 1000).toFixed(2)} s` });
    }
    if (data.events.at(-1)?.kind !== 'cut') spans.push({ x1: x(openedAt), x2: x(duration), y });
    // A storm is a run of consecutive seconds with handshakes; the n-th belongs to the n-th open.
    const storms: LaneLayout['storms'] = [];
    const barBase = y + 62;
    data.handshakesPerSecond.forEach((count, second) => {
      if (count === 0) return;
      const previous = storms.at(-1);
      const bar = { x: x(second * 1000), width: Math.max(1.5, x(1000) - x(0) - 0.5), y: barBase - (34 * count) / peak, height: (34 * count) / peak };
      if (previous && data.handshakesPerSecond[second - 1]) previous.bars.push(bar);
      else storms.push({ id: partId(which, 'storm', storms.length), bars: [bar] });
    });
    return { id: partId(which, 'lane', 0), title: `Ping every ${which} s`, every: which, y, spans, markers, storms, barBase, peak };
  };
  const ticks = Array.from({ length: duration / 30_000 + 1 }, (_, i) => ({ x: x(i * 30_000), label: `${i * 30} s`, seconds: i * 30 }));
  return { lanes: [lane(incident.at60, 60, 40), lane(incident.at50, 50, 160)], ticks, axisY: 282 };
}

/** Every `data-part` id the figure draws, for checking the steps against. */
export function layoutParts(layout: HeartbeatLayout): string[] {
  return layout.lanes.flatMap((l) => [l.id, ...l.markers.map((m) => m.id), ...l.storms.map((s) => s.id)]);
}
