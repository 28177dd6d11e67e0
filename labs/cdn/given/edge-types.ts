/** The edge server's options and events, and the proxy that puts it on a real port. */
import type { HttpRequest, HttpResponse } from './http.ts';

/** What the edge asks its host to do. */
export type EdgeEvent =
  /** Send `response` to the client that sent request number `client`. */
  | { readonly type: 'respond'; readonly client: number; readonly response: HttpResponse }
  /** Send `request` upstream; report its outcome with `response(fetch, …)` or `failure(fetch, …)`. */
  | { readonly type: 'fetch'; readonly fetch: number; readonly request: HttpRequest };

/** The edge's name in Cache-Status, and its cache's size bound. */
export interface EdgeOptions {
  readonly name: string;
  readonly maxBytes: number;
}

/** Where the proxy forwards, what it calls itself, how much it caches, and its clock (ms). */
export interface ProxyOptions {
  /** The origin's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly origin: string;
  readonly name: string;
  readonly maxBytes: number;
  readonly now: () => number;
}

/** A running proxy: its base URL, and a way to stop it. */
export interface EdgeProxy {
  readonly url: string;
  close(): Promise<void>;
}
