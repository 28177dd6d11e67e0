/**
 * The receiver's buffer in four regions, step by step, computed by the TCP lab's
 * reference receiver (labs/tcp/solution: TcpReceiver over a Reassembler over a
 * ByteStream). Segments arrive in and out of order and the application reads; after
 * each step we ask the reference objects what they hold and what the receiver would
 * acknowledge and advertise, and colour every byte of the stream by region:
 *   delivered        read by the application                      [0, bytesPopped)
 *   acknowledged     in order, acknowledged, waiting to be read    [bytesPopped, bytesPushed)
 *   held             received out of order: kept, not acknowledged (inside the window)
 *   free             room in the window, nothing received yet
 * Beyond bytesPopped + capacity lies what the sender may not send yet.
 */
import { ByteStream } from '../../../../labs/tcp/solution/byte-stream.ts';
import { Reassembler } from '../../../../labs/tcp/solution/reassembler.ts';
import { TcpReceiver } from '../../../../labs/tcp/solution/receiver.ts';
import type { Locale } from '../../../course/locale.ts';
import type { Step } from '../../components/step-through.ts';

/** A byte's region. */
export type Region = 'delivered' | 'acknowledged' | 'held' | 'free' | 'outside';

/** Display names of the regions, in the order of the legend. */
export const REGION_NAMES: Record<Region, string> = {
  delivered: 'Read by the application',
  acknowledged: 'Acknowledged, not yet read',
  held: 'Received out of order, not acknowledged',
  free: 'Free: the window, nothing received yet',
  outside: 'Beyond the window: not allowed yet',
};

/** What happens in one step. */
export type Action =
  | { kind: 'syn' }
  | { kind: 'segment'; first: number; length: number }
  | { kind: 'read'; count: number };

/** One step as computed by the reference objects. */
export interface WindowFrame {
  action: Action;
  /** Region of each stream byte 0 … cells − 1. */
  regions: Region[];
  /** The byte at each stream index that has arrived (received, held or read); undefined elsewhere. */
  chars: (string | undefined)[];
  /** Counters of the reference objects after the step. */
  bytesPopped: number;
  bytesPushed: number;
  bytesPending: number;
  /** What the receiver would send now: the 32-bit acknowledgment number and the window. */
  ackno: number;
  window: number;
  /** For a segment: its 32-bit sequence number, and the stream bytes [keptFrom, keptTo) kept of it. */
  seqno?: number;
  kept?: { from: number; to: number };
}

/**
 * What happens after a read reopens a zero window. Nothing in RFC 9293 obliges the
 * receiver to say so at once: the sender's zero-window probes (§3.8.6.1) are what
 * guarantee it learns. Receiver-side silly window avoidance (§3.8.6.2.2) only limits
 * *when* a reopened window may be offered: once min(half the buffer, one MSS) is free.
 */

/** The scenario: a small buffer so that the window visibly fills and slides. */
export const SCENARIO = {
  /** The receiver's buffer, bytes. Real ones hold hundreds of kilobytes; 8 keeps every byte visible. */
  capacity: 8,
  /**
   * The sender's ISN: 6 below 2^32, so the sequence numbers wrap to 0 during the
   * exchange, as every long connection's eventually do (RFC 9293 §3.4).
   */
  isn: 2 ** 32 - 6,
  /** The bytes of the stream: the start of the search response's JSON body. */
  text: '{"query":"a","page":1}',
  /** Cells drawn: enough for the window's right edge after the last read. */
  cells: 26,
  actions: [
    { kind: 'syn' },
    { kind: 'segment', first: 0, length: 4 },
    { kind: 'segment', first: 6, length: 2 },
    { kind: 'read', count: 4 },
    { kind: 'segment', first: 4, length: 2 },
    { kind: 'segment', first: 8, length: 6 },
    { kind: 'read', count: 8 },
    { kind: 'segment', first: 12, length: 6 },
    { kind: 'read', count: 4 },
  ] satisfies Action[] as Action[],
};

/** Runs the scenario through the reference receiver and records every step. */
export function computeFrames(scenario = SCENARIO): WindowFrame[] {
  const stream = new ByteStream(scenario.capacity);
  const receiver = new TcpReceiver(new Reassembler(stream));
  const data = new TextEncoder().encode(scenario.text);
  const arrived = new Set<number>();
  // Out-of-order bytes the reassembler is holding; checked against its own count every step.
  let held = new Set<number>();
  const frames: WindowFrame[] = [];

  for (const action of scenario.actions) {
    let seqno: number | undefined;
    let kept: WindowFrame['kept'];
    if (action.kind === 'syn') {
      receiver.receive({ seqno: scenario.isn, SYN: true, payload: new Uint8Array(0), FIN: false, RST: false });
    } else if (action.kind === 'segment') {
      // Absolute seqno of stream byte i is i + 1 (the SYN took 0), wrapped past the ISN.
      seqno = (scenario.isn + 1 + action.first) % 2 ** 32;
      const windowStart = stream.bytesPushed;
      const windowEnd = windowStart + stream.availableCapacity;
      const from = Math.max(action.first, windowStart);
      const to = Math.min(action.first + action.length, windowEnd);
      kept = { from, to: Math.max(from, to) };
      receiver.receive({ seqno, SYN: false, payload: data.subarray(action.first, action.first + action.length), FIN: false, RST: false });
      for (let i = kept.from; i < kept.to; i++) {
        arrived.add(i);
        held.add(i);
      }
    } else {
      stream.pop(action.count);
    }
    held = new Set([...held].filter((i) => i >= stream.bytesPushed));
    const reassembler = receiver.reassembler;
    if (held.size !== reassembler.bytesPending) {
      throw new Error(`receive-window: after ${JSON.stringify(action)} the reassembler holds ${reassembler.bytesPending} bytes, the drawing ${held.size}`);
    }
    const message = receiver.send();
    const popped = stream.bytesPopped;
    const pushed = stream.bytesPushed;
    const regions: Region[] = [];
    const chars: (string | undefined)[] = [];
    for (let i = 0; i < scenario.cells; i++) {
      const region: Region =
        i < popped ? 'delivered' : i < pushed ? 'acknowledged' : held.has(i) ? 'held' : i < popped + scenario.capacity ? 'free' : 'outside';
      regions.push(region);
      chars.push(arrived.has(i) && region !== 'free' && region !== 'outside' ? String.fromCharCode(data[i]!) : undefined);
    }
    const frame: WindowFrame = {
      action,
      regions,
      chars,
      bytesPopped: popped,
      bytesPushed: pushed,
      bytesPending: reassembler.bytesPending,
      ackno: message.ackno!,
      window: message.window,
    };
    if (seqno !== undefined) frame.seqno = seqno;
    if (kept !== undefined) frame.kept = kept;
    frames.push(frame);
  }
  return frames;
}

/** The receive-window walk's words in one language. */
interface WindowWords {
  syn: (isn: number, byte0: number, capacity: number, ack: string, lastInWindow: number) => Pick<Step, 'title' | 'text'>;
  read: (bytes: number, moved: number, lastInWindow: number, ack: string, reopened: string) => Pick<Step, 'title' | 'text'>;
  reopenedEnough: (window: number, capacity: number) => string;
  reopenedEarly: (window: number) => string;
  ackWrapped: (ackno: number) => string;
  seqWrapped: (byte: number, offset: number, seqno: number) => string;
  trimmed: (first: number, last: number, kept: number, seg: string, length: number, windowEnd: number, keptFrom: number, keptLast: number, ack: string, wrapped: string) => Pick<Step, 'title' | 'text'>;
  outOfOrder: (first: number, last: number, seg: string, missingFrom: number, missingTo: number, wrapped: string, ack: string) => Pick<Step, 'title' | 'text'>;
  inOrder: (first: number, last: number, seg: string, gap: string, ack: string, wrapped: string) => Pick<Step, 'title' | 'text'>;
  gap: (held: number, jumped: number) => string;
  regions: Record<Region, string>;
  label: string;
  step: (n: number) => string;
  frame: (read: number, unread: number, held: number, ackno: number, window: number) => string;
  segment: (seqno: number, bytes: number) => string;
  reads: (bytes: number) => string;
  window: string;
  ackEdge: string;
}

const WINDOW_WORDS: Record<Locale, WindowWords> = {
  en: {
    syn: (isn, byte0, capacity, ack, lastInWindow) => ({
      title: 'The SYN arrives',
      text: `The sender’s ISN is ${isn}, six below 2³². The SYN takes that number, so stream byte 0 will be ${byte0}. The buffer holds ${capacity} bytes and is empty: the receiver would answer ${ack}. The window covers bytes 0–${lastInWindow}.`,
    }),
    read: (bytes, moved, lastInWindow, ack, reopened) => ({
      title: `The application reads ${bytes} bytes`,
      text: `Reading frees buffer space, so the right edge of the window slides ${moved} bytes to byte ${lastInWindow}. Nothing new is acknowledged; only the window grows: ${ack}.${reopened}`,
    }),
    reopenedEnough: (window, capacity) =>
      ` The window was zero. Now ${window} of ${capacity} bytes are free, at least half the buffer, so silly window avoidance (RFC 9293 §3.8.6.2.2) lets the receiver offer them; Linux sends such an update at once when a read at least doubles the window. If it is lost, the sender’s next zero-window probe (§3.8.6.1) gets the new window back in its ACK.`,
    reopenedEarly: (window) =>
      ` The window was zero. The lab’s receiver offers the ${window} free bytes at once, though silly window avoidance (RFC 9293 §3.8.6.2.2) would have a real one wait until min(half the buffer, one MSS) is free; meanwhile the sender keeps probing (§3.8.6.1).`,
    ackWrapped: (ackno) => ` The acknowledgment number passed 2³² − 1 and wrapped to ${ackno}: sequence numbers count modulo 2³².`,
    seqWrapped: (byte, offset, seqno) => ` Byte ${byte} is ISN + ${offset}, past 2³² − 1, so its sequence number has wrapped to ${seqno}.`,
    trimmed: (first, last, kept, seg, length, windowEnd, keptFrom, keptLast, ack, wrapped) => ({
      title: `Bytes ${first}–${last} arrive; the window takes ${kept}`,
      text: `${seg} carries ${length} bytes but the window ends at byte ${windowEnd}: the receiver keeps ${keptFrom}–${keptLast} and drops the rest, which the sender will have to send again. The buffer is now full of unread bytes, so it advertises a zero window: ${ack}. The sender must stop and probe now and then.${wrapped}`,
    }),
    outOfOrder: (first, last, seg, missingFrom, missingTo, wrapped, ack) => ({
      title: `Bytes ${first}–${last} arrive out of order`,
      text: `${seg}: bytes ${missingFrom}–${missingTo} are missing.${wrapped} The reassembler keeps the new bytes, but an acknowledgment names only the next byte expected, so the receiver repeats ${ack} — a duplicate ACK.`,
    }),
    inOrder: (first, last, seg, gap, ack, wrapped) => ({
      title: `Bytes ${first}–${last} arrive in order`,
      text: `${seg} starts exactly at the next byte expected${gap}. Acknowledged bytes wait in the buffer until the application reads them, so the left edge of the window moves up while its right edge stays, and the window gets smaller: ${ack}.${wrapped}`,
    }),
    gap: (held, jumped) => `, and fills the gap: the ${held} bytes held behind it go into the stream too, and the acknowledgment jumps by ${jumped}`,
    regions: REGION_NAMES,
    label: 'The receive buffer and its window, step by step',
    step: (n) => `Step ${n}`,
    frame: (read, unread, held, ackno, window) => `${read} bytes read, ${unread} acknowledged and unread, ${held} held out of order; ack ${ackno}, window ${window}.`,
    segment: (seqno, bytes) => `segment: seq=${seqno}, ${bytes} bytes`,
    reads: (bytes) => `the application reads ${bytes} bytes`,
    window: 'window',
    ackEdge: 'Acknowledgment number: the next byte expected',
  },
  'zh-cn': {
    syn: (isn, byte0, capacity, ack, lastInWindow) => ({
      title: 'SYN 到达',
      text: `发送方的 ISN 是 ${isn}，比 2³² 小 6。SYN 占用这个编号，所以字节流的第 0 个字节将是 ${byte0}。缓冲区容量 ${capacity} 字节，此时为空：接收方会回复 ${ack}。窗口覆盖第 0–${lastInWindow} 字节。`,
    }),
    read: (bytes, moved, lastInWindow, ack, reopened) => ({
      title: `应用读取了 ${bytes} 字节`,
      text: `读取释放了缓冲区空间，所以窗口的右沿向右滑动 ${moved} 字节，到达第 ${lastInWindow} 字节。没有新的字节被确认；只是窗口变大了：${ack}。${reopened}`,
    }),
    reopenedEnough: (window, capacity) =>
      `窗口原本为零。现在 ${capacity} 字节中有 ${window} 字节空闲，至少是缓冲区的一半，所以糊涂窗口综合征的避免规则（RFC 9293 §3.8.6.2.2）允许接收方通告它们；当一次读取让窗口至少翻倍时，Linux 会立即发送这样的更新。如果更新丢了，发送方下一次零窗口探测（§3.8.6.1）的 ACK 会把新窗口带回来。`,
    reopenedEarly: (window) =>
      `窗口原本为零。实验的接收方立即通告这 ${window} 个空闲字节，尽管按糊涂窗口综合征的避免规则（RFC 9293 §3.8.6.2.2），真实的接收方会等到 min(缓冲区的一半, 一个 MSS) 空闲才通告；在此期间发送方会持续探测（§3.8.6.1）。`,
    ackWrapped: (ackno) => `确认号越过了 2³² − 1，回绕到 ${ackno}：序列号按 2³² 取模计数。`,
    seqWrapped: (byte, offset, seqno) => `第 ${byte} 字节是 ISN + ${offset}，超过了 2³² − 1，所以它的序列号回绕到了 ${seqno}。`,
    trimmed: (first, last, kept, seg, length, windowEnd, keptFrom, keptLast, ack, wrapped) => ({
      title: `第 ${first}–${last} 字节到达；窗口只容得下 ${kept} 字节`,
      text: `${seg} 携带 ${length} 字节，但窗口在第 ${windowEnd} 字节结束：接收方保留第 ${keptFrom}–${keptLast} 字节，丢弃其余部分，发送方之后必须重发。缓冲区现在被未读字节占满，于是通告零窗口：${ack}。发送方必须停下来，不时发送探测。${wrapped}`,
    }),
    outOfOrder: (first, last, seg, missingFrom, missingTo, wrapped, ack) => ({
      title: `第 ${first}–${last} 字节乱序到达`,
      text: `${seg}：第 ${missingFrom}–${missingTo} 字节缺失。${wrapped}重组器保留新到的字节，但确认号只能指出下一个期望的字节，所以接收方重复发送 ${ack}——一个重复 ACK。`,
    }),
    inOrder: (first, last, seg, gap, ack, wrapped) => ({
      title: `第 ${first}–${last} 字节按序到达`,
      text: `${seg} 恰好从下一个期望的字节开始${gap}。已确认的字节留在缓冲区里，直到应用读取它们，所以窗口左沿上移而右沿不动，窗口变小了：${ack}。${wrapped}`,
    }),
    gap: (held, jumped) => `，并填上了空缺：排在它后面的 ${held} 个字节也一起进入字节流，确认号一下子前进了 ${jumped}`,
    regions: {
      delivered: '已被应用读取',
      acknowledged: '已确认，尚未读取',
      held: '乱序收到，尚未确认',
      free: '空闲：窗口内，尚未收到',
      outside: '窗口之外：尚不允许发送',
    },
    label: '接收缓冲区及其窗口，逐步展开',
    step: (n) => `第 ${n} 步`,
    frame: (read, unread, held, ackno, window) => `已读 ${read} 字节，已确认未读 ${unread} 字节，乱序暂存 ${held} 字节；ack ${ackno}，窗口 ${window}。`,
    segment: (seqno, bytes) => `报文段：seq=${seqno}，${bytes} 字节`,
    reads: (bytes) => `应用读取 ${bytes} 字节`,
    window: '窗口',
    ackEdge: '确认号：下一个期望的字节',
  },
};

/** The figure's words (region names, its name, a row's label) in each language. */
export const WINDOW_FIGURE_WORDS: Record<Locale, Pick<WindowWords, 'regions' | 'label' | 'step' | 'frame' | 'segment' | 'reads' | 'window' | 'ackEdge'>> = WINDOW_WORDS;

/** The steps' titles and texts in `locale`, written from the frames' numbers. */
export function windowSteps(frames: readonly WindowFrame[], scenario = SCENARIO, locale: Locale = 'en'): Step[] {
  const w = WINDOW_WORDS[locale];
  return frames.map((frame, i): Step => {
    const previous = frames[i - 1];
    const active = [`rw-${i}`];
    const ack = `\`ack=${frame.ackno} win=${frame.window}\``;
    const rightEdge = frame.bytesPopped + scenario.capacity;
    const action = frame.action;
    if (action.kind === 'syn') return { ...w.syn(scenario.isn, (scenario.isn + 1) % 2 ** 32, scenario.capacity, ack, rightEdge - 1), active };
    if (action.kind === 'read') {
      const moved = previous ? rightEdge - (previous.bytesPopped + scenario.capacity) : 0;
      const reopened = previous?.window === 0 ? (frame.window >= scenario.capacity / 2 ? w.reopenedEnough(frame.window, scenario.capacity) : w.reopenedEarly(frame.window)) : '';
      return { ...w.read(frame.bytesPopped - (previous?.bytesPopped ?? 0), moved, rightEdge - 1, ack, reopened), active };
    }
    const kept = frame.kept!;
    const last = action.first + action.length - 1;
    const seg = `\`seq=${frame.seqno} len=${action.length}\``;
    const firstWrappedSeq = frames.findIndex((f) => f.seqno !== undefined && f.seqno < scenario.isn) === i;
    const wrapped =
      previous !== undefined && frame.ackno < previous.ackno ? w.ackWrapped(frame.ackno) : firstWrappedSeq ? w.seqWrapped(action.first, action.first + 1, frame.seqno!) : '';
    if (kept.to < action.first + action.length) {
      return { ...w.trimmed(action.first, last, kept.to - kept.from, seg, action.length, (previous?.bytesPopped ?? 0) + scenario.capacity - 1, kept.from, kept.to - 1, ack, wrapped), active };
    }
    if (frame.bytesPushed === (previous?.bytesPushed ?? 0)) return { ...w.outOfOrder(action.first, last, seg, previous?.bytesPushed ?? 0, action.first - 1, wrapped, ack), active };
    const jumped = frame.bytesPushed - (previous?.bytesPushed ?? 0);
    return { ...w.inOrder(action.first, last, seg, jumped > action.length ? w.gap(jumped - action.length, jumped) : '', ack, wrapped), active };
  });
}

/** Geometry of the bar, in viewBox units. */
export const BAR = { x: 8, cell: 14, y: 52, height: 26, width: 380, viewHeight: 126 };

/** x of the left edge of stream byte `i`. */
export function cellX(i: number): number {
  return BAR.x + i * BAR.cell;
}
