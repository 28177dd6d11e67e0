/**
 * Stage speed: like CS144's speed tests, push many megabytes through your ByteStream
 * and your Reassembler and measure the throughput with performance.now(). Every TCP
 * byte passes through both, twice per hop in a capstone run, so they must not copy
 * bytes around more than once or shift arrays. The minimum is deliberately generous,
 * 0.1 Gbit/s, so a sound implementation never fails on a slow machine; the course's
 * reference does more than 1 Gbit/s (bench/tcp.bench.ts).
 */
import { describe, expect, it } from 'vitest';
import { ByteStream } from '@impl/byte-stream.ts';
import { Reassembler } from '@impl/reassembler.ts';
import { reassemblerThroughput, streamThroughput, workloadData, type Throughput } from './fixtures/throughput.ts';

const MINIMUM_GBPS = 0.1;
const SIZE = 16 * (1 << 20);
/** Stop measuring after this long: at the minimum rate, 16 MiB take 1.34 s. */
const BUDGET_MS = 3000;

function describeRun(what: string, r: Throughput): string {
  const done = r.outOfTime ? ` (only ${(r.bytes / (1 << 20)).toFixed(1)} of ${r.total / (1 << 20)} MiB within ${BUDGET_MS} ms)` : '';
  return `${what}: ${r.gbps.toFixed(2)} Gbit/s, ${(r.bytes / (1 << 20)).toFixed(1)} MiB in ${r.ms.toFixed(0)} ms${done}`;
}

describe('throughput', () => {
  it(`moves 16 MiB through a ByteStream at ${MINIMUM_GBPS} Gbit/s or more`, () => {
    const data = workloadData(SIZE, 11);
    // Warm-up so the JIT has compiled the hot paths before the clock starts.
    streamThroughput(new ByteStream(65536), 65536, data.subarray(0, 1 << 20), BUDGET_MS);
    const r = streamThroughput(new ByteStream(65536), 65536, data, BUDGET_MS);
    const line = describeRun('ByteStream, capacity 64 KiB kept half full, 1460-byte pushes, 1000-byte reads', r);
    expect(r.intact, `${line}: the bytes read back must equal the bytes pushed`).toBe(true);
    expect(r.gbps, `${line}; expected at least ${MINIMUM_GBPS} Gbit/s: copy each byte once (set/subarray), never shift arrays`).toBeGreaterThanOrEqual(MINIMUM_GBPS);
  });

  it(`reassembles 16 MiB of out-of-order, overlapping, duplicated chunks at ${MINIMUM_GBPS} Gbit/s or more`, () => {
    const data = workloadData(SIZE, 13);
    const warm = new ByteStream(65536);
    reassemblerThroughput(new Reassembler(warm), warm, data.subarray(0, 1 << 20), BUDGET_MS);
    const stream = new ByteStream(65536);
    const r = reassemblerThroughput(new Reassembler(stream), stream, data, BUDGET_MS);
    const line = describeRun('Reassembler, capacity 64 KiB, 1460-byte chunks shuffled in groups of 8, 100-byte overlaps, 1 in 7 twice', r);
    expect(r.intact, `${line}: the reassembled bytes must equal the original`).toBe(true);
    expect(stream.isFinished || r.outOfTime, `${line}: the stream is closed after its last byte`).toBe(true);
    expect(r.gbps, `${line}; expected at least ${MINIMUM_GBPS} Gbit/s: store pending bytes once, find overlaps without scanning byte by byte`).toBeGreaterThanOrEqual(MINIMUM_GBPS);
  });
});
