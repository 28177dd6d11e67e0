/**
 * The CDN lab's reference solution. Figures, with the targets: cache
 * lookups decided per second by the core (HttpCache.lookup on fresh hits over
 * 1,000 stored URLs with Vary), and cached responses per second served by the
 * reference edge in the proxy stage's setup (node:http proxy in front of a
 * node:http origin on 127.0.0.1), driven by an undici Pool of keep-alive,
 * pipelining connections in a worker thread (bench/cdn-client.ts) so the
 * client does not take the proxy's event loop. Medians of 3 runs.
 */
import { get } from 'node:http';
import { Worker } from 'node:worker_threads';
import type { ClientCounts, ClientOptions } from './cdn-client.ts';
import { median, type Benchmark, type Figure } from './figure.ts';
import { HttpCache } from '../labs/cdn/solution/cache.ts';
import { startEdgeProxy } from '../labs/cdn/solution/proxy.ts';
import { startOrigin } from '../labs/cdn/tests/fixtures/origin.ts';

const RUNS = 3;
const URLS = 1000;
const LOOKUPS = 1_000_000;
const SERVE_MS = 2000;
const WARM_MS = 500;
const CONNECTIONS = 8;
const PIPELINING = 8;

function lookupsPerSecond(): number {
  const cache = new HttpCache({ maxBytes: 1 << 26 });
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const requests = Array.from({ length: URLS }, (_, i) => ({ method: 'GET', url: `https://shop.example/api/suggest?q=${i}`, headers: { 'accept-language': 'en', 'accept-encoding': 'br' } }));
  for (const request of requests) {
    const headers = { date: new Date(now).toUTCString(), 'cache-control': 'public, max-age=600', vary: 'Accept-Language', etag: '"x"' };
    cache.store(request, { status: 200, headers, body: '["apple","avocado"]' }, { requestTime: now, responseTime: now });
  }
  let hits = 0;
  const started = performance.now();
  for (let i = 0; i < LOOKUPS; i++) if (cache.lookup(requests[i % URLS]!, now + 1000).kind === 'hit') hits++;
  const seconds = (performance.now() - started) / 1000;
  if (hits !== LOOKUPS) throw new Error(`cdn bench: ${LOOKUPS - hits} lookups were not hits`);
  return LOOKUPS / seconds;
}

/** Runs the load generator (bench/cdn-client.ts) in a worker thread and waits for its counts. */
function load(options: ClientOptions): Promise<ClientCounts> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./cdn-client.ts', import.meta.url), { workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function servedPerSecond(): Promise<number> {
  const origin = await startOrigin('public, max-age=600');
  const proxy = await startEdgeProxy({ origin: origin.url, name: 'edge', maxBytes: 1 << 24, now: () => Date.now() });
  try {
    const url = `${proxy.url}/api/suggest?q=a`;
    // Warm up with a request like the client's (fetch would add Accept-Language, another variant).
    await new Promise<void>((resolve, reject) => get(url, (res) => res.resume().on('end', resolve)).on('error', reject));
    const client = { origin: proxy.url, path: '/api/suggest?q=a', connections: CONNECTIONS, pipelining: PIPELINING };
    await load({ ...client, ms: WARM_MS });
    const { ok, failed } = await load({ ...client, ms: SERVE_MS });
    if (failed || origin.log.requests.length !== 1) throw new Error(`cdn bench: ${failed} failed requests, ${origin.log.requests.length} origin requests`);
    return ok / (SERVE_MS / 1000);
  } finally {
    await proxy.close();
    await origin.close();
  }
}

export const benchmark: Benchmark = {
  name: 'cdn',
  async run(): Promise<Figure[]> {
    lookupsPerSecond();
    const lookups = median(Array.from({ length: RUNS }, lookupsPerSecond));
    const served: number[] = [];
    for (let i = 0; i < RUNS; i++) served.push(await servedPerSecond());
    return [
      { name: `cdn: HttpCache.lookup, fresh hits over ${URLS} URLs with Vary (median of ${RUNS})`, value: lookups, unit: 'lookups/s', target: { op: '>=', value: 1_000_000 } },
      { name: `cdn: reference edge proxy serving a cached response, ${CONNECTIONS} keep-alive connections pipelining ${PIPELINING} (median of ${RUNS})`, value: median(served), unit: 'responses/s', target: { op: '>=', value: 50_000 } },
    ];
  },
};
