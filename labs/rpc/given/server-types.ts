/**
 * Given code: the shapes server.ts works with: the method table a server
 * offers, its options, and the side of one connection the transport feeds.
 */
import type { HessianValue } from './hessian-types.ts';

/** A method: its arguments in, its result out (or a promise of it); what it throws becomes a SERVICE_ERROR response. */
export type Method = (...args: HessianValue[]) => HessianValue | Promise<HessianValue>;

/** The methods a server offers: service name, then method name. */
export type MethodTable = Record<string, Record<string, Method>>;

/** How a server behaves. */
export interface ServerOptions {
  methods: MethodTable;
  /** Calls allowed to run at once, over all connections (Dubbo's default thread pool: 200). */
  maxConcurrent?: number;
  /** The largest request body accepted (frame.ts's limit). */
  maxBody?: number;
}

/** One connection's side of the server. */
export interface ServerConnection {
  /** Takes the next bytes the connection delivered. */
  receive(chunk: Uint8Array): void;
  /** The connection is gone: responses still to come are dropped. */
  closed(): void;
}
