/**
 * The WebSocket lab's reference frame parser (labs/websocket/solution/frame-parser.ts),
 * as a server runs it: client frames, masked, arriving in 64 KiB reads. Figures, with
 * the targets: decoding 64 KiB masked binary frames (GB/s of payload), and
 * decoding small masked text frames (frames per second). Medians of 5 runs after a
 * warm-up, timed with performance.now().
 */
import { median, type Benchmark, type Figure } from './figure.ts';
import { encodeFrame, Opcode } from '../labs/websocket/solution/frame.ts';
import { FrameParser } from '../labs/websocket/solution/frame-parser.ts';

const RUNS = 5;
const READ = 64 * 1024;
const LARGE = 64 * 1024;
const LARGE_FRAMES = 4096; // 256 MiB of payload per run
const SMALL_PAYLOAD = '{"order":"A-1042","status":"shipped"}';
const SMALL_FRAMES = 2_000_000;
const GBPS_TARGET = 1;
const FRAMES_TARGET = 1_000_000;

/** `count` copies of `frame` back to back, as the wire would carry them. */
function stream(frame: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(frame.length * count);
  for (let i = 0; i < count; i++) out.set(frame, i * frame.length);
  return out;
}

/** Feeds `bytes` to a server-role parser in 64 KiB reads; returns [seconds, frames, payload bytes]. */
function parse(bytes: Uint8Array): [number, number, number] {
  const parser = new FrameParser({ role: 'server' });
  let frames = 0;
  let payload = 0;
  const started = performance.now();
  for (let at = 0; at < bytes.length; at += READ) {
    for (const frame of parser.push(bytes.subarray(at, at + READ))) {
      frames++;
      payload += frame.payload.length;
    }
  }
  return [(performance.now() - started) / 1000, frames, payload];
}

export const benchmark: Benchmark = {
  name: 'websocket',
  async run(): Promise<Figure[]> {
    const key = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
    const large = stream(encodeFrame({ fin: true, rsv: 0, opcode: Opcode.BINARY, payload: new Uint8Array(LARGE).map((_, i) => i) }, key), LARGE_FRAMES);
    const small = stream(encodeFrame({ fin: true, rsv: 0, opcode: Opcode.TEXT, payload: new TextEncoder().encode(SMALL_PAYLOAD) }, key), SMALL_FRAMES);
    parse(large.subarray(0, large.length / 8));
    parse(small.subarray(0, small.length / 8));
    const gbps: number[] = [];
    const rates: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [seconds, frames, payload] = parse(large);
      if (frames !== LARGE_FRAMES) throw new Error(`websocket bench: parsed ${frames} of ${LARGE_FRAMES} large frames`);
      gbps.push(payload / seconds / 1e9);
      const [smallSeconds, smallFrames] = parse(small);
      if (smallFrames !== SMALL_FRAMES) throw new Error(`websocket bench: parsed ${smallFrames} of ${SMALL_FRAMES} small frames`);
      rates.push(smallFrames / smallSeconds);
    }
    return [
      {
        name: `websocket: reference parser, 64 KiB masked binary frames in 64 KiB reads (${LARGE_FRAMES} frames; median of ${RUNS})`,
        value: median(gbps),
        unit: 'GB/s',
        target: { op: '>=', value: GBPS_TARGET },
      },
      {
        name: `websocket: reference parser, ${SMALL_PAYLOAD.length}-byte masked text frames in 64 KiB reads (${SMALL_FRAMES.toLocaleString('en-US')} frames; median of ${RUNS})`,
        value: Math.round(median(rates)),
        unit: 'frames/s',
        target: { op: '>=', value: FRAMES_TARGET },
      },
    ];
  },
};
