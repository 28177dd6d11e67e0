/**
 * The CDN bench's load generator, run in a worker thread so it does not take
 * the proxy's event loop: an undici Pool of keep-alive connections, each
 * pipelining several GETs, for a fixed time. Posts how many 200s and how many
 * other outcomes it saw.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'undici';

/** Where to send, how hard, and for how long. */
export interface ClientOptions {
  readonly origin: string;
  readonly path: string;
  readonly connections: number;
  readonly pipelining: number;
  readonly ms: number;
}

/** What the client saw. */
export interface ClientCounts {
  readonly ok: number;
  readonly failed: number;
}

const options = workerData as ClientOptions;
const pool = new Pool(options.origin, { connections: options.connections, pipelining: options.pipelining });
const end = Date.now() + options.ms;
let ok = 0;
let failed = 0;

/**
 * One in-flight slot: the next request as soon as an answer ends, until time
 * is up. It uses undici's dispatch handlers rather than request(): the body
 * arrives as chunks and is dropped, with no stream per response, so the
 * client's own cost stays small beside the proxy's.
 */
function slot(): Promise<void> {
  return new Promise((resolve) => {
    let status = 0;
    const next = (): void => {
      if (Date.now() >= end) return resolve();
      pool.dispatch(
        { origin: options.origin, path: options.path, method: 'GET' },
        {
          onRequestStart: () => {},
          onResponseStart: (_controller, statusCode) => {
            status = statusCode;
          },
          onResponseData: () => {},
          onResponseEnd: () => {
            if (status === 200) ok++;
            else failed++;
            next();
          },
          onResponseError: () => {
            failed++;
            // An error can come back synchronously: retry on the next turn, not deeper in the stack.
            setImmediate(next);
          },
        },
      );
    };
    next();
  });
}

await Promise.all(Array.from({ length: options.connections * options.pipelining }, slot));
await pool.close();
parentPort!.postMessage({ ok, failed } satisfies ClientCounts);
