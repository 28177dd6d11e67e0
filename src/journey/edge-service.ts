/**
 * The CDN edge: TLS toward the phone (the scripted server), the cdn piece's
 * Edge deciding hit or miss, and plain HTTP over TCP to the origin's VIP for
 * what it cannot answer (the POST). The cache was warmed half a minute before
 * the trip by another shopper's search, so the GET is a hit. Like any proxy
 * it keeps two clocks: it gives up on an origin that does not answer (504),
 * and closes a client connection that sits idle.
 */
import type { HttpRequest, HttpResponse } from '../../labs/cdn/given/http.ts';
import type { Edge } from '../../labs/cdn/solution/edge.ts';
import type { EdgeEvent } from '../../labs/cdn/given/edge-types.ts';
import type { Timer } from '../netsim/index.ts';
import type { Jobs } from './async-driver.ts';
import { SHOP_NAME } from './dns-service.ts';
import { formatRequest, formatResponse, parseRequest, parseResponse } from './http-text.ts';
import type { IpHost } from './ip-host.ts';
import { ADDRESSES } from './network-plan.ts';
import type { PieceSet } from './pieces.ts';
import { Serial } from './serial.ts';
import type { TcpSocket } from './tcp-socket.ts';
import { concat } from '../../labs/https/given/bytes.ts';
import { ScriptedTlsServer } from './tls-server.ts';
import type { TimelineRecorder } from './timeline.ts';

/** The search the trip makes, and what the origin answered another shopper 30 s before. */
export const SUGGEST_URL = `https://${SHOP_NAME}/api/suggest?q=a`;
export const SUGGEST_BODY = '["apple","apricot","avocado"]';
const WARMED_AGO_MS = 30_000;
/** How long the edge waits for the origin's answer before answering 504 (CloudFront's default origin response timeout). */
export const ORIGIN_TIMEOUT_MS = 30_000;
/** How long a client connection may sit idle before the edge closes it (AWS ALB's default idle timeout; nginx's proxy_read_timeout). */
export const IDLE_TIMEOUT_MS = 60_000;

/** What the edge needs from the trip. */
export interface EdgeContext {
  host: IpHost;
  pieces: PieceSet;
  jobs: Jobs;
  timeline: TimelineRecorder;
  /** Wall-clock milliseconds (epoch) now: HTTP dates and ages need real dates. */
  clock: () => number;
  /** Runs `fn` after `ms` of simulated time, unless cancelled. */
  timer: (ms: number, fn: () => void) => Timer;
}

/** Starts the edge on port 443. */
export function serveEdge(context: EdgeContext): void {
  const { host, pieces, jobs, timeline, clock, timer } = context;
  const { Edge } = pieces.cdn.modules['edge.ts'];
  const edge = new Edge({ name: 'edge-fra', maxBytes: 1_000_000 });
  warm(edge, clock() - WARMED_AGO_MS);
  const clients = new Map<number, (response: HttpResponse) => void>();
  let nextClient = 1;
  const handle = (events: EdgeEvent[]) => {
    for (const event of events) {
      if (event.type === 'respond') {
        clients.get(event.client)?.(event.response);
        clients.delete(event.client);
      } else {
        timeline.note(host.device.name, 'application', `cannot answer ${event.request.method} ${new URL(event.request.url).pathname} from cache: forwards it to the origin ${ADDRESSES.vip}`, 'cdn');
        fetchOrigin(context, event.request, (response) => handle(edge.response(event.fetch, response, clock())));
      }
    }
  };
  host.listen(443, (socket) => {
    const serial = new Serial();
    let server: Promise<ScriptedTlsServer> | undefined;
    let buffer: Uint8Array = new Uint8Array(0);
    // The idle clock runs only while no request waits for its answer.
    let outstanding = 0;
    let idle: Timer | undefined;
    const rearm = () => {
      idle?.cancel();
      idle = outstanding > 0 ? undefined : timer(IDLE_TIMEOUT_MS, () => {
        timeline.note(host.device.name, 'transport', `connection from ${socket.remote.ip}:${socket.remote.port} idle for ${IDLE_TIMEOUT_MS / 1000} s: closes it (FIN); only traffic resets this clock, so a connection that must stay open sends a heartbeat more often (a WebSocket ping every 50 s)`);
        socket.close();
      });
    };
    const send = (response: HttpResponse) =>
      serial.run(async () => {
        socket.write(await jobs.track((await server!).write(formatResponse(response))));
        outstanding--;
        rearm();
      });
    socket.handlers.onData = (bytes) => {
      idle?.cancel();
      jobs.watch(serial.run(async () => {
        server ??= jobs.track(ScriptedTlsServer.create());
        const step = await jobs.track((await server).receive(bytes));
        for (const note of step.notes) timeline.note(host.device.name, 'security', note);
        if (step.send.length > 0) socket.write(step.send);
        buffer = concat(buffer, step.received);
        for (let parsed = parseRequest(buffer, 'https'); parsed; parsed = parseRequest(buffer, 'https')) {
          buffer = parsed.rest;
          outstanding++;
          const client = nextClient++;
          clients.set(client, (response) => jobs.watch(send(response)));
          const events = edge.request(client, parsed.request, clock());
          const hit = events.some((e) => e.type === 'respond');
          if (hit) timeline.note(host.device.name, 'application', `cache hit for ${parsed.request.method} ${new URL(parsed.request.url).pathname}${new URL(parsed.request.url).search}: answers from the edge`, 'cdn');
          handle(events);
        }
        rearm();
      }));
    };
  });
}

/** The cache as another shopper's identical search left it `at` (epoch ms). */
function warm(edge: Edge, at: number): void {
  const request: HttpRequest = { method: 'GET', url: SUGGEST_URL, headers: {} };
  const [fetch] = edge.request(0, request, at);
  if (fetch?.type !== 'fetch') return;
  edge.response(fetch.fetch, { status: 200, headers: { date: new Date(at).toUTCString(), 'cache-control': 'public, max-age=300', 'content-type': 'application/json' }, body: SUGGEST_BODY }, at);
}

/** One request to the origin over a fresh TCP connection to the VIP; a 504 of the edge's own if no answer comes in time. */
function fetchOrigin(context: EdgeContext, request: HttpRequest, onResponse: (response: HttpResponse) => void): void {
  const { host, timeline, timer } = context;
  const socket: TcpSocket = host.connect({ ip: ADDRESSES.vip, port: 80 });
  let buffer: Uint8Array = new Uint8Array(0);
  const deadline = timer(ORIGIN_TIMEOUT_MS, () => {
    timeline.note(host.device.name, 'application', `no answer from the origin in ${ORIGIN_TIMEOUT_MS / 1000} s: gives up (RST) and answers 504 Gateway Timeout`);
    socket.abort();
    onResponse({ status: 504, headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' }, body: 'the origin did not answer in time' });
  });
  socket.handlers = {
    onOpen: () => socket.write(formatRequest({ ...request, url: request.url.replace(/^https:/, 'http:') })),
    onData: (bytes) => {
      buffer = concat(buffer, bytes);
      const parsed = parseResponse(buffer);
      if (parsed === undefined) return;
      deadline.cancel();
      socket.close();
      onResponse(parsed.response);
    },
  };
}
