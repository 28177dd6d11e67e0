/**
 * The RPC lab's reference client and server (labs/rpc/solution) over loopback
 * TCP, in this one process: 4 connections, each keeping 256 calls of
 * inventory.getStock("sku-…") in flight (a closed loop: a call that ends
 * starts the next). Figures: calls per second (the target, at least
 * 100,000) and the p99 latency of a call, from `call()` to its result, shown
 * for information. Median of 3 runs of 200,000 calls after a warm-up; client
 * and server share this process's one JavaScript thread, so each call's work
 * on both sides is counted.
 */
import { percentile, median, type Benchmark, type Figure } from './figure.ts';
import { connectClient, listen } from '../labs/rpc/solution/net-transport.ts';
import { RpcServer } from '../labs/rpc/solution/server.ts';
import type { RpcClient } from '../labs/rpc/solution/client.ts';

const CONNECTIONS = 4;
const WINDOW = 256;
const CALLS = 200_000;
const RUNS = 3;
const TARGET = 100_000;

/** One run: seconds, and each call's latency in ms. */
async function run(clients: RpcClient[], calls: number): Promise<{ seconds: number; latencies: Float64Array }> {
  const latencies = new Float64Array(calls);
  let started = 0;
  const started0 = performance.now();
  /** Keeps one call in flight on `client` until `calls` have started. */
  const lane = async (client: RpcClient): Promise<void> => {
    while (started < calls) {
      const index = started++;
      const sent = performance.now();
      const stock = await client.call('inventory', 'getStock', [`sku-${index % 1000}`]);
      if (stock !== 42) throw new Error(`rpc bench: call ${index} answered ${String(stock)}`);
      latencies[index] = performance.now() - sent;
    }
  };
  await Promise.all(clients.flatMap((client) => Array.from({ length: WINDOW }, () => lane(client))));
  return { seconds: (performance.now() - started0) / 1000, latencies };
}

export const benchmark: Benchmark = {
  name: 'rpc',
  async run(): Promise<Figure[]> {
    const server = new RpcServer({ methods: { inventory: { getStock: () => 42 } }, maxConcurrent: CONNECTIONS * WINDOW });
    const listening = await listen(server, { host: '127.0.0.1', port: 0 });
    const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => connectClient({ host: '127.0.0.1', port: listening.port, heartbeatMs: 0 })));
    try {
      await run(clients, CALLS / 10);
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await run(clients, CALLS));
      const rates = runs.map((r) => CALLS / r.seconds);
      const middle = runs[rates.indexOf(median(rates))] ?? runs[0]!;
      const what = `${CONNECTIONS} connections × ${WINDOW} calls in flight, ${CALLS.toLocaleString('en-US')} calls; median of ${RUNS}`;
      return [
        { name: `RPC calls through the reference client and server over loopback (${what})`, value: median(rates), unit: 'calls/s', target: { op: '>=', value: TARGET } },
        { name: `RPC call latency, p99, in the median run (${what})`, value: percentile([...middle.latencies], 99), unit: 'ms' },
        { name: `RPC call latency, p50, in the median run (${what})`, value: percentile([...middle.latencies], 50), unit: 'ms' },
      ];
    } finally {
      for (const client of clients) client.connectionLost();
      await listening.close();
    }
  },
};
