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
function reopened(window: number, capacity: number): string {
  const enough = window >= capacity / 2;
  return enough
    ? ` The window was zero. Now ${window} of ${capacity} bytes are free, at least half the buffer, so silly window avoidance (RFC 9293 §3.8.6.2.2) lets the receiver offer them; Linux sends such an update at once when a read at least doubles the window. If it is lost, the sender’s next zero-window probe (§3.8.6.1) gets the new window back in its ACK.`
    : ` The window was zero. The lab’s receiver offers the ${window} free bytes at once, though silly window avoidance (RFC 9293 §3.8.6.2.2) would have a real one wait until min(half the buffer, one MSS) is free; meanwhile the sender keeps probing (§3.8.6.1).`;
}

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

/** The steps' titles and texts, written from the frames' numbers. */
export function windowSteps(frames: readonly WindowFrame[], scenario = SCENARIO): Step[] {
  return frames.map((frame, i) => {
    const previous = frames[i - 1];
    const active = [`rw-${i}`];
    const ack = `\`ack=${frame.ackno} win=${frame.window}\``;
    const rightEdge = frame.bytesPopped + scenario.capacity;
    const action = frame.action;
    if (action.kind === 'syn') {
      return {
        title: 'The SYN arrives',
        text: `The sender’s ISN is ${scenario.isn}, six below 2³². The SYN takes that number, so stream byte 0 will be ${(scenario.isn + 1) % 2 ** 32}. The buffer holds ${scenario.capacity} bytes and is empty: the receiver would answer ${ack}. The window covers bytes 0–${rightEdge - 1}.`,
        active,
      };
    }
    if (action.kind === 'read') {
      const moved = previous ? rightEdge - (previous.bytesPopped + scenario.capacity) : 0;
      return {
        title: `The application reads ${frame.bytesPopped - (previous?.bytesPopped ?? 0)} bytes`,
        text: `Reading frees buffer space, so the right edge of the window slides ${moved} bytes to byte ${rightEdge - 1}. Nothing new is acknowledged; only the window grows: ${ack}.${previous?.window === 0 ? reopened(frame.window, scenario.capacity) : ''}`,
        active,
      };
    }
    const kept = frame.kept!;
    const last = action.first + action.length - 1;
    const seg = `\`seq=${frame.seqno} len=${action.length}\``;
    const firstWrappedSeq = frames.findIndex((f) => f.seqno !== undefined && f.seqno < scenario.isn) === i;
    const wrapped =
      previous !== undefined && frame.ackno < previous.ackno
        ? ` The acknowledgment number passed 2³² − 1 and wrapped to ${frame.ackno}: sequence numbers count modulo 2³².`
        : firstWrappedSeq
          ? ` Byte ${action.first} is ISN + ${action.first + 1}, past 2³² − 1, so its sequence number has wrapped to ${frame.seqno}.`
          : '';
    if (kept.to < action.first + action.length) {
      return {
        title: `Bytes ${action.first}–${last} arrive; the window takes ${kept.to - kept.from}`,
        text: `${seg} carries ${action.length} bytes but the window ends at byte ${(previous?.bytesPopped ?? 0) + scenario.capacity - 1}: the receiver keeps ${kept.from}–${kept.to - 1} and drops the rest, which the sender will have to send again. The buffer is now full of unread bytes, so it advertises a zero window: ${ack}. The sender must stop and probe now and then.${wrapped}`,
        active,
      };
    }
    if (frame.bytesPushed === (previous?.bytesPushed ?? 0)) {
      return {
        title: `Bytes ${action.first}–${last} arrive out of order`,
        text: `${seg}: bytes ${previous?.bytesPushed}–${action.first - 1} are missing.${wrapped} The reassembler keeps the new bytes, but an acknowledgment names only the next byte expected, so the receiver repeats ${ack} — a duplicate ACK.`,
        active,
      };
    }
    const jumped = frame.bytesPushed - (previous?.bytesPushed ?? 0);
    return {
      title: `Bytes ${action.first}–${last} arrive in order`,
      text: `${seg} starts exactly at the next byte expected${jumped > action.length ? `, and fills the gap: the ${jumped - action.length} bytes held behind it go into the stream too, and the acknowledgment jumps by ${jumped}` : ''}. Acknowledged bytes wait in the buffer until the application reads them, so the left edge of the window moves up while its right edge stays, and the window gets smaller: ${ack}.${wrapped}`,
      active,
    };
  });
}

/** Geometry of the bar, in viewBox units. */
export const BAR = { x: 8, cell: 14, y: 52, height: 26, width: 380, viewHeight: 126 };

/** x of the left edge of stream byte `i`. */
export function cellX(i: number): number {
  return BAR.x + i * BAR.cell;
}
