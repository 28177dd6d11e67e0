/**
 * Lays out a run of the Reno model (reno-model.ts) as the TCP chapter's plot of
 * cwnd and ssthresh over time, and describes it in words for screen readers.
 */
import type { CwndRun, LossEvent } from './reno-model.ts';

/** The plot, in viewBox units. */
export interface CwndPlot {
  width: number;
  height: number;
  /** The plotting area. */
  area: { x: number; y: number; width: number; height: number };
  /** SVG path data of cwnd (a step line) and of ssthresh (once it is finite). */
  cwndPath: string;
  ssthreshPath: string;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  markers: { x: number; y: number; kind: LossEvent['kind']; label: string }[];
  /** The line where the bottleneck is full: bandwidth × round trip + queue, in segments. */
  capacity: { y: number; segments: number };
}

/** Lays out a run as a line plot: seconds across, segments up. */
export function plotCwnd(run: CwndRun, size = { width: 380, height: 230 }): CwndPlot {
  // Room for the y labels on the left and for half of the last x label ("20 s") on the right.
  const area = { x: 34, y: 12, width: size.width - 52, height: size.height - 42 };
  const { options } = run;
  const seconds = options.durationMs / 1000;
  const bdp = (options.bandwidthBps / 8) * ((2 * options.delayMs) / 1000) / options.segmentBytes;
  const capacitySegments = Math.round(bdp + options.queueBytes / options.segmentBytes);
  const peak = Math.max(...run.samples.map((s) => s.cwnd), capacitySegments);
  const top = Math.ceil(peak / 20) * 20;
  const x = (ms: number) => round(area.x + (Math.min(ms, options.durationMs) / options.durationMs) * area.width);
  const y = (segments: number) => round(area.y + area.height - (segments / top) * area.height);

  // A step line: hold each value until the next sample (H), then move to it (V). Samples
  // that fall in the same half-unit column are merged: the column keeps its last value.
  const inside = run.samples.filter((s) => s.time <= options.durationMs);
  const columns: { x: number; y: number }[] = [];
  for (const sample of inside) {
    const point = { x: x(sample.time), y: y(sample.cwnd) };
    const last = columns.at(-1);
    if (last !== undefined && Math.round(last.x * 2) === Math.round(point.x * 2)) last.y = point.y;
    else columns.push(point);
  }
  const cwndPath = columns.map((p, i) => (i === 0 ? `M${p.x} ${p.y}` : `H${p.x} V${p.y}`));
  if (columns.length) cwndPath.push(`H${x(options.durationMs)}`);
  const ssPath: string[] = [];
  let lastSs: number | undefined;
  for (const sample of inside) {
    if (!Number.isFinite(sample.ssthresh) || sample.ssthresh === lastSs) continue;
    ssPath.push(lastSs === undefined ? `M${x(sample.time)} ${y(sample.ssthresh)}` : `H${x(sample.time)} V${y(sample.ssthresh)}`);
    lastSs = sample.ssthresh;
  }
  if (lastSs !== undefined) ssPath.push(`H${x(options.durationMs)}`);

  const xTicks = Array.from({ length: Math.floor(seconds / 5) + 1 }, (_, i) => ({ x: x(i * 5000), label: `${i * 5} s` }));
  const yTicks = Array.from({ length: top / 20 + 1 }, (_, i) => ({ y: y(i * 20), label: `${i * 20}` }));
  const markers = run.events
    .filter((e) => e.time <= options.durationMs)
    .map((e) => ({
      x: x(e.time),
      y: y(e.cwndBefore),
      kind: e.kind,
      label: `${(e.time / 1000).toFixed(2)} s: ${e.kind === 'timeout' ? 'timeout' : 'three duplicate ACKs'}, cwnd ${e.cwndBefore.toFixed(0)} → ${e.cwndAfter.toFixed(0)}`,
    }));
  return {
    width: size.width,
    height: size.height,
    area,
    cwndPath: cwndPath.join(' '),
    ssthreshPath: ssPath.join(' '),
    xTicks,
    yTicks,
    markers,
    capacity: { y: y(capacitySegments), segments: capacitySegments },
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The run in words, for screen readers: how slow start ended and every loss after it. */
export function describeRun(run: CwndRun): string {
  const { options } = run;
  const sentences: string[] = [];
  const reached = run.samples.find((s) => s.cwnd >= options.initialSsthresh);
  const firstLoss = run.events[0];
  if (reached && (!firstLoss || reached.time <= firstLoss.time)) {
    sentences.push(
      `Slow start grows cwnd from ${options.initialWindow} segments to ssthresh, ${options.initialSsthresh}, in ${(reached.time / 1000).toFixed(1)} s; after that congestion avoidance adds about one segment per round trip.`,
    );
  } else {
    sentences.push(`Slow start grows cwnd from ${options.initialWindow} segments until the first loss.`);
  }
  for (const e of run.events.filter((e) => e.time <= options.durationMs)) {
    const when = `At ${(e.time / 1000).toFixed(1)} s`;
    sentences.push(
      e.kind === 'timeout'
        ? `${when} the retransmission timer expires: ssthresh becomes ${fmt(e.ssthresh)} and cwnd drops from ${fmt(e.cwndBefore)} to ${fmt(e.cwndAfter)}, then slow start climbs back to ssthresh.`
        : `${when} three duplicate ACKs: cwnd is halved from ${fmt(e.cwndBefore)} to ${fmt(e.ssthresh)}.`,
    );
  }
  return sentences.join(' ');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
