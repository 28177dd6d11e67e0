/**
 * Lays out a run of the Reno model (reno-model.ts) as the TCP chapter's plot of
 * cwnd and ssthresh over time, and describes it in words for screen readers.
 */
import type { Locale } from '../../../course/locale.ts';
import type { CwndRun, LossEvent } from './reno-model.ts';

/** The plot's words in one language: its title, key, loss table and the run described for screen readers. */
export interface CwndWords {
  title: (seconds: number) => string;
  cwnd: string;
  pathFull: (segments: number) => string;
  signal: Record<LossEvent['kind'], string>;
  marker: (seconds: string, signal: string, before: string, after: string) => string;
  tableSummary: string;
  tableRegion: string;
  columns: { time: string; signal: string; cwndBefore: string; ssthreshAfter: string; cwndAfter: string };
  slowStartToSsthresh: (initial: number, ssthresh: number, seconds: string) => string;
  slowStartToLoss: (initial: number) => string;
  timeout: (seconds: string, ssthresh: string, before: string, after: string) => string;
  fastRetransmit: (seconds: string, before: string, after: string) => string;
  join: string;
}

const EN: CwndWords = {
  title: (seconds) => `Congestion window over ${seconds} seconds`,
  cwnd: 'cwnd, in segments',
  pathFull: (segments) => `path full (${segments} in flight)`,
  signal: { timeout: 'timeout', 'fast-retransmit': 'three duplicate ACKs' },
  marker: (seconds, signal, before, after) => `${seconds} s: ${signal}, cwnd ${before} → ${after}`,
  tableSummary: 'The losses in this run, as a table',
  tableRegion: 'The losses in this run (scrolls sideways)',
  columns: { time: 'time', signal: 'signal', cwndBefore: 'cwnd before', ssthreshAfter: 'ssthresh after', cwndAfter: 'cwnd after' },
  slowStartToSsthresh: (initial, ssthresh, seconds) =>
    `Slow start grows cwnd from ${initial} segments to ssthresh, ${ssthresh}, in ${seconds} s; after that congestion avoidance adds about one segment per round trip.`,
  slowStartToLoss: (initial) => `Slow start grows cwnd from ${initial} segments until the first loss.`,
  timeout: (seconds, ssthresh, before, after) =>
    `At ${seconds} s the retransmission timer expires: ssthresh becomes ${ssthresh} and cwnd drops from ${before} to ${after}, then slow start climbs back to ssthresh.`,
  fastRetransmit: (seconds, before, after) => `At ${seconds} s three duplicate ACKs: cwnd is halved from ${before} to ${after}.`,
  join: ' ',
};

/** The plot's words in each language; the Chinese ones are typed by the English, so a missing key fails the type check. */
export const CWND_WORDS: Record<Locale, CwndWords> = {
  en: EN,
  'zh-cn': {
    title: (seconds) => `${seconds} 秒内的拥塞窗口（cwnd）`,
    cwnd: 'cwnd（报文段数）',
    pathFull: (segments) => `路径已满（在途 ${segments} 个）`,
    signal: { timeout: '超时', 'fast-retransmit': '三个重复 ACK' },
    marker: (seconds, signal, before, after) => `${seconds} s：${signal}，cwnd ${before} → ${after}`,
    tableSummary: '本次运行中的丢包，以表格列出',
    tableRegion: '本次运行中的丢包（可横向滚动）',
    columns: { time: '时间', signal: '信号', cwndBefore: '之前的 cwnd', ssthreshAfter: '之后的 ssthresh', cwndAfter: '之后的 cwnd' },
    slowStartToSsthresh: (initial, ssthresh, seconds) =>
      `慢启动用 ${seconds} 秒把 cwnd 从 ${initial} 个报文段增长到 ssthresh（${ssthresh}）；此后拥塞避免大约每个往返增加一个报文段。`,
    slowStartToLoss: (initial) => `慢启动把 cwnd 从 ${initial} 个报文段一直增长到第一次丢包。`,
    timeout: (seconds, ssthresh, before, after) =>
      `${seconds} 秒时重传计时器到期：ssthresh 变为 ${ssthresh}，cwnd 从 ${before} 跌到 ${after}，随后慢启动重新爬升到 ssthresh。`,
    fastRetransmit: (seconds, before, after) => `${seconds} 秒时收到三个重复 ACK：cwnd 从 ${before} 减半到 ${after}。`,
    join: '',
  },
};

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
export function plotCwnd(run: CwndRun, size = { width: 380, height: 230 }, locale: Locale = 'en'): CwndPlot {
  const words = CWND_WORDS[locale];
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
      label: words.marker((e.time / 1000).toFixed(2), words.signal[e.kind], e.cwndBefore.toFixed(0), e.cwndAfter.toFixed(0)),
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
export function describeRun(run: CwndRun, locale: Locale = 'en'): string {
  const words = CWND_WORDS[locale];
  const { options } = run;
  const sentences: string[] = [];
  const reached = run.samples.find((s) => s.cwnd >= options.initialSsthresh);
  const firstLoss = run.events[0];
  if (reached && (!firstLoss || reached.time <= firstLoss.time)) {
    sentences.push(words.slowStartToSsthresh(options.initialWindow, options.initialSsthresh, (reached.time / 1000).toFixed(1)));
  } else {
    sentences.push(words.slowStartToLoss(options.initialWindow));
  }
  for (const e of run.events.filter((e) => e.time <= options.durationMs)) {
    const when = (e.time / 1000).toFixed(1);
    sentences.push(e.kind === 'timeout' ? words.timeout(when, fmt(e.ssthresh), fmt(e.cwndBefore), fmt(e.cwndAfter)) : words.fastRetransmit(when, fmt(e.cwndBefore), fmt(e.ssthresh)));
  }
  return sentences.join(words.join);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
