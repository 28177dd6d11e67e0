/**
 * Stage proxy: the learner's edge as an HTTP proxy on real sockets, between
 * Node's own fetch (undici) and a node:http origin that counts its requests.
 * Everything listens on 127.0.0.1; every server is closed after each test.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startEdgeProxy } from '@impl/proxy.ts';
import type { EdgeProxy } from '@impl/edge-types.ts';
import { cacheStatus } from './fixtures/cache-status.ts';
import { T0 } from './fixtures/messages.ts';
import { startOrigin, type Origin } from './fixtures/origin.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((close) => close()));
});

/** An origin and the learner's proxy in front of it, on a clock the test moves (ms). */
async function setup(cacheControl?: string): Promise<{ origin: Origin; proxy: EdgeProxy; clock: { now: number } }> {
  const origin = await startOrigin(cacheControl);
  cleanups.push(() => origin.close());
  const clock = { now: T0 };
  const proxy = await startEdgeProxy({ origin: origin.url, name: 'edge', maxBytes: 1 << 20, now: () => clock.now });
  cleanups.push(() => proxy.close());
  expect(proxy.url, 'startEdgeProxy resolves with its http://127.0.0.1:<port> URL').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  return { origin, proxy, clock };
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** A GET with node:http, which sends exactly the fields given (fetch adds Cache-Control to conditional requests). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** The proxy's own Cache-Status member of a response seen by fetch. */
function edgeStatus(headers: Headers): Record<string, string | true> {
  const members = cacheStatus({ status: 200, headers: { 'cache-status': headers.get('cache-status') ?? '' }, body: '' });
  return members[members.length - 1]!;
}

describe('the edge between fetch and a real origin', () => {
  it('the first request reaches the origin; the next are hits with Age and Cache-Status on the wire', async () => {
    const { origin, proxy, clock } = await setup();
    const first = await get(`${proxy.url}/api/suggest?q=a`, { 'accept-language': 'en' });
    expect(first.status).toBe(200);
    expect(first.body).toBe('["apple","avocado"]');
    expect(first.headers.get('etag')).toBe('"a-v1"');
    expect(first.headers.get('x-origin')).toBe('shop');
    expect(edgeStatus(first.headers)).toMatchObject({ cache: 'edge', fwd: 'uri-miss', stored: true });
    clock.now += 7000;
    const second = await get(`${proxy.url}/api/suggest?q=a`, { 'accept-language': 'en' });
    expect(second.body).toBe(first.body);
    expect(second.headers.get('age')).toBe('7');
    expect(edgeStatus(second.headers)).toEqual({ cache: 'edge', hit: true, ttl: '53' });
    expect(origin.log.requests).toHaveLength(1);
    expect(origin.log.requests[0]).toMatchObject({ method: 'GET', url: '/api/suggest?q=a' });
    expect(origin.log.requests[0]!.headers['accept-language'], 'the client\u2019s fields reach the origin').toBe('en');
  });

  it('300 requests for 10 queries: the origin sees 10, a hit ratio of 290/300', async () => {
    const { origin, proxy } = await setup();
    let hits = 0;
    for (let i = 0; i < 300; i++) {
      const response = await get(`${proxy.url}/api/suggest?q=${String.fromCharCode(97 + (i % 10))}`);
      expect(response.status).toBe(200);
      if (edgeStatus(response.headers).hit === true) hits++;
    }
    expect(origin.log.requests).toHaveLength(10);
    expect(hits).toBe(290);
  });

  it('200 concurrent requests for one query make one origin request, and all 200 get the answer', async () => {
    const { origin, proxy } = await setup();
    origin.holdFor(300);
    const responses = await Promise.all(Array.from({ length: 200 }, () => get(`${proxy.url}/api/suggest?q=b`)));
    expect(origin.log.requests, 'collapsed: one fetch for every simultaneous miss').toHaveLength(1);
    for (const response of responses) expect([response.status, response.body]).toEqual([200, '["bpple","bvocado"]']);
    const kinds = responses.map((r) => edgeStatus(r.headers));
    expect(kinds.filter((k) => k.stored === true)).toHaveLength(1);
    expect(kinds.filter((k) => k.collapsed === true || k.hit === true)).toHaveLength(199);
  });

  it('a stale response is revalidated with If-None-Match, and the 304 becomes a 200 with the stored body', async () => {
    const { origin, proxy, clock } = await setup('public, max-age=5');
    await get(`${proxy.url}/api/suggest?q=c`);
    clock.now += 6000;
    const again = await get(`${proxy.url}/api/suggest?q=c`);
    expect(origin.log.requests).toHaveLength(2);
    expect(origin.log.requests[1]!.headers['if-none-match']).toBe('"c-v1"');
    expect([again.status, again.body]).toEqual([200, '["cpple","cvocado"]']);
    expect(edgeStatus(again.headers)).toMatchObject({ fwd: 'stale', 'fwd-status': '304' });
  });

  it('a client\u2019s own If-None-Match matching a fresh stored response gets a 304 from the edge, not the origin', async () => {
    const { origin, proxy } = await setup();
    const first = await rawGet(`${proxy.url}/api/suggest?q=f`, { 'accept-language': 'en' });
    expect(first.status).toBe(200);
    const again = await rawGet(`${proxy.url}/api/suggest?q=f`, { 'accept-language': 'en', 'if-none-match': 'W/"f-v1"' });
    expect([again.status, again.body]).toEqual([304, '']);
    expect(again.headers.etag).toBe('"f-v1"');
    expect(again.headers['content-type'], 'no content metadata on a 304 (RFC 9110 §15.4.5)').toBeUndefined();
    expect(edgeStatus(new Headers({ 'cache-status': String(again.headers['cache-status']) }))).toMatchObject({ cache: 'edge', hit: true });
    expect(origin.log.requests, 'answered by the edge (RFC 9111 §4.3.2)').toHaveLength(1);
  });

  it('connection-specific fields stay on their hop (RFC 9110 §7.6.1); Host is the origin\u2019s', async () => {
    const { origin, proxy } = await setup();
    const hop = { 'keep-alive': 'timeout=5', 'proxy-connection': 'keep-alive', te: 'trailers', 'x-kept': 'yes' };
    expect((await rawGet(`${proxy.url}/api/suggest?q=h`, hop)).status).toBe(200);
    const seen = origin.log.requests[0]!.headers;
    for (const name of ['keep-alive', 'proxy-connection', 'te']) expect(seen[name], name).toBeUndefined();
    expect(seen['x-kept']).toBe('yes');
    expect(seen.host).toBe(new URL(origin.url).host);
  });

  it('fetch adds no-cache to a conditional request (Fetch standard), so the edge asks the origin, then answers the client with a 304', async () => {
    const { origin, proxy } = await setup();
    await get(`${proxy.url}/api/suggest?q=g`);
    const again = await get(`${proxy.url}/api/suggest?q=g`, { 'if-none-match': '"g-v1"' });
    expect([again.status, again.body]).toEqual([304, '']);
    expect(origin.log.requests).toHaveLength(2);
    expect(origin.log.requests[1]!.headers['if-none-match']).toBe('"g-v1"');
    expect(edgeStatus(again.headers)).toMatchObject({ fwd: 'request', 'fwd-status': '304' });
  });

  it('a POST passes through and invalidates; the next GET goes to the origin again', async () => {
    const { origin, proxy } = await setup();
    await get(`${proxy.url}/api/suggest?q=d`);
    const post = await fetch(`${proxy.url}/api/suggest?q=d`, { method: 'POST', body: '{"clicked":"apple"}', signal: AbortSignal.timeout(5000) });
    expect(post.status).toBe(204);
    expect(origin.log.requests[1]!.body, 'the request\u2019s content reaches the origin').toBe('{"clicked":"apple"}');
    await get(`${proxy.url}/api/suggest?q=d`);
    expect(origin.log.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
  });

  it('close stops the proxy: it answers no more requests', async () => {
    const { proxy } = await setup();
    await get(`${proxy.url}/api/suggest?q=i`);
    await proxy.close();
    await expect(rawGet(`${proxy.url}/api/suggest?q=i`, {})).rejects.toThrow();
  });

  it('an origin that is gone is a 502 from the edge', async () => {
    const { origin, proxy } = await setup();
    await origin.close();
    const response = await get(`${proxy.url}/api/suggest?q=e`);
    expect(response.status).toBe(502);
    expect(edgeStatus(response.headers).cache).toBe('edge');
  });
});
