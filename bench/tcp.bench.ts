/**
 * The TCP lab's reference solution. Figures: ByteStream and Reassembler throughput on the
 * speed stage's workloads (32 MiB, 64 KiB capacity, MSS-sized chunks; the reassembler's
 * arrive shuffled in groups of eight, overlapping and partly duplicated), and the
 * integration stage's main scenario (1 MiB each way over a netsim link with 10% loss,
 * duplicates and reordering): its wall time and the retransmissions counted on the wire.
 * Medians of 5 runs after a warm-up; wall time from performance.now(), never inside netsim.
 */
import { median, type Benchmark, type Figure } from './figure.ts';
import { Device, Link, Simulator } from '../src/netsim/index.ts';
import { ByteStream } from '../labs/tcp/solution/byte-stream.ts';
import { TcpConnection } from '../labs/tcp/solution/connection.ts';
import { Reassembler } from '../labs/tcp/solution/reassembler.ts';
import { decodeSegment, encodeSegment } from '../labs/tcp/given/segment-codec.ts';
import { MAIN_SCENARIO, runTransfer, scenarioData, type ScenarioDeps, type ScenarioResult } from '../labs/tcp/tests/fixtures/lossy-transfer.ts';
import { reassemblerThroughput, streamThroughput, workloadData } from '../labs/tcp/tests/fixtures/throughput.ts';

const RUNS = 5;
const SIZE = 32 * (1 << 20);
const CAPACITY = 65536;
/** The course's aim for the reference: ten times the speed stage's minimum of 0.1 Gbit/s. */
const GBPS_TARGET = 1;
/** The integration stage should feel instant, and leave most of its 10 s test limit unused. */
const TRANSFER_MS_TARGET = 500;
/** Generous: budgets are for broken code, not for measuring. */
const BUDGET_MS = 60_000;

const deps: ScenarioDeps = {
  netsim: { Simulator, Device, Link },
  connect: (options, transmit) => new TcpConnection(options, transmit),
  encodeSegment,
  decodeSegment,
};

function streamRun(data: Uint8Array): number {
  const r = streamThroughput(new ByteStream(CAPACITY), CAPACITY, data, BUDGET_MS);
  if (!r.intact || r.outOfTime) throw new Error(`tcp bench: ByteStream run broken (${r.bytes} of ${r.total} bytes, intact ${r.intact})`);
  return r.gbps;
}

function reassemblerRun(data: Uint8Array): number {
  const stream = new ByteStream(CAPACITY);
  const r = reassemblerThroughput(new Reassembler(stream), stream, data, BUDGET_MS);
  if (!r.intact || r.outOfTime || !stream.isFinished) throw new Error(`tcp bench: Reassembler run broken (${r.bytes} of ${r.total} bytes, intact ${r.intact})`);
  return r.gbps;
}

function transfer(): { ms: number; result: ScenarioResult } {
  const data = scenarioData(MAIN_SCENARIO);
  const started = performance.now();
  const result = runTransfer(deps, MAIN_SCENARIO, data);
  const ms = performance.now() - started;
  const clean = result.client.state === 'CLOSED' && result.server.state === 'CLOSED' && !result.client.unclean && !result.server.unclean;
  if (result.crash || !clean) throw new Error(`tcp bench: the reference transfer failed: ${result.crash ?? `${result.client.state}/${result.server.state}`}`);
  return { ms, result };
}

export const benchmark: Benchmark = {
  name: 'tcp',
  async run(): Promise<Figure[]> {
    const data = workloadData(SIZE, 11);
    streamRun(data.subarray(0, 4 << 20));
    reassemblerRun(data.subarray(0, 4 << 20));
    transfer(); // warm-up, so the JIT has compiled the hot paths
    const stream: number[] = [];
    const reassembler: number[] = [];
    const wall: number[] = [];
    let last: ScenarioResult | undefined;
    for (let i = 0; i < RUNS; i++) {
      stream.push(streamRun(data));
      reassembler.push(reassemblerRun(data));
      const t = transfer();
      wall.push(t.ms);
      last = t.result;
    }
    const r = last!;
    const retransmissions = r.client.retransmissions + r.server.retransmissions;
    return [
      {
        name: `tcp: reference ByteStream throughput (32 MiB, 64 KiB kept half full, 1460-byte pushes; median of ${RUNS})`,
        value: median(stream),
        unit: 'Gbit/s',
        target: { op: '>=', value: GBPS_TARGET },
      },
      {
        name: `tcp: reference Reassembler throughput (32 MiB, out of order, overlapping, duplicated; median of ${RUNS})`,
        value: median(reassembler),
        unit: 'Gbit/s',
        target: { op: '>=', value: GBPS_TARGET },
      },
      {
        name: `tcp: integration scenario wall time (1 MiB each way, 10% loss, seed ${r.seed}, ${r.events} events; median of ${RUNS})`,
        value: Math.round(median(wall)),
        unit: 'ms',
        target: { op: '<=', value: TRANSFER_MS_TARGET },
      },
      {
        name: `tcp: integration scenario retransmissions on the wire (${r.frames.lost} of ${r.frames.sent} frames lost; the stage allows lost + 20)`,
        value: retransmissions,
        unit: 'segments',
        target: { op: '<=', value: r.frames.lost + 20 },
      },
    ];
  },
};
