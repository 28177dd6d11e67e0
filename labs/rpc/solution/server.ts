/**
 * Server dispatch, sans-I/O: each connection's bytes come in through
 * `receive`, requests run through a method table, and responses go out
 * through the connection's Link, each when its method finishes, so they
 * leave in any order. One limit on calls running at once covers every
 * connection, as Dubbo's thread pool does.
 */
import { HESSIAN2, Status, type Frame, type FrameHeader } from '@impl/frame-layout.ts';
import type { HessianValue } from '@impl/hessian-types.ts';
import type { Invocation, Link } from '@impl/invocation.ts';
import type { MethodTable, ServerConnection, ServerOptions } from '@impl/server-types.ts';
import { encodeFrame, FrameDecoder } from './frame.ts';
import { decodeValue, encode } from './hessian.ts';

/**
 * The response to a heartbeat (a two-way event request): an event response
 * with the same id and serialization, status OK and a null body, as Dubbo's
 * HeartbeatHandler sends it. Null for any other frame.
 */
export function heartbeatReply(frame: Frame): Frame | null {
  if (!frame.request || !frame.event || !frame.twoWay) return null;
  return { request: false, twoWay: false, event: true, serialization: frame.serialization, status: Status.OK, id: frame.id, body: encode(null) };
}

/**
 * The request body's service, method and arguments. Throws a TypeError naming
 * the field (service name, method name, arguments) when a value is not of its
 * type or bytes follow the arguments; the Hessian decoder's own errors pass as
 * they are (TruncatedError for a body cut short).
 */
export function decodeInvocation(body: Uint8Array): Invocation {
  const service = decodeValue(body, 0);
  if (typeof service.value !== 'string') throw new TypeError('the service name, the body\'s first value, is not a string');
  const method = decodeValue(body, service.next);
  if (typeof method.value !== 'string') throw new TypeError('the method name, the body\'s second value, is not a string');
  const args = decodeValue(body, method.next);
  if (!Array.isArray(args.value)) throw new TypeError('the arguments, the body\'s third value, are not a list');
  if (args.next !== body.length) throw new TypeError(`${body.length - args.next} bytes after the arguments`);
  return { service: service.value, method: method.value, args: args.value };
}

/** Serves a method table to any number of connections, with one concurrency limit. */
export class RpcServer {
  private readonly methods: MethodTable;
  private readonly maxConcurrent: number;
  private readonly maxBody: number | undefined;
  private running = 0;

  constructor(options: ServerOptions) {
    this.methods = options.methods;
    this.maxConcurrent = options.maxConcurrent ?? 200;
    this.maxBody = options.maxBody;
  }

  /** Calls running now, over all connections. */
  get active(): number {
    return this.running;
  }

  /** Starts serving a new connection that writes through `link`. */
  accept(link: Link): ServerConnection {
    const decoder = new FrameDecoder({ maxBody: this.maxBody });
    let open = true;
    // Every body this server writes is Hessian 2, whatever the request said.
    const reply = (request: FrameHeader, status: number, body: Uint8Array) => {
      if (open) link.write(encodeFrame({ request: false, twoWay: false, event: false, serialization: HESSIAN2, status, id: request.id, body }));
    };
    return {
      receive: (chunk) => {
        if (!open) return;
        for (const event of decoder.push(chunk)) {
          if (event.type === 'frame') this.onRequest(event.frame, link, reply);
          else if (event.type === 'oversize') {
            const { header, length } = event;
            if (header.request && header.twoWay && !header.event) reply(header, Status.BAD_REQUEST, encode(`a body of ${length} bytes is over the limit of ${decoder.maxBody}`));
          } else if (event.type === 'bad-magic') {
            open = false;
            link.close();
          }
        }
      },
      closed: () => {
        open = false;
      },
    };
  }

  private onRequest(frame: Frame, link: Link, reply: (request: FrameHeader, status: number, body: Uint8Array) => void): void {
    if (!frame.request) return;
    if (frame.event) {
      const pong = heartbeatReply(frame);
      if (pong) link.write(encodeFrame(pong));
      return;
    }
    // A one-way call still runs; only its answer, whatever it is, is never sent.
    const answer = frame.twoWay ? (status: number, body: Uint8Array) => reply(frame, status, body) : () => {};
    if (frame.serialization !== HESSIAN2) {
      answer(Status.BAD_REQUEST, encode(`serialization id ${frame.serialization} is not Hessian 2 (${HESSIAN2})`));
      return;
    }
    let call: Invocation;
    try {
      call = decodeInvocation(frame.body);
    } catch (error) {
      answer(Status.BAD_REQUEST, encode(`request ${frame.id}: ${messageOf(error)}`));
      return;
    }
    // Own properties only: a caller must not reach toString or constructor through the table.
    const service = Object.hasOwn(this.methods, call.service) ? this.methods[call.service] : undefined;
    const method = service && Object.hasOwn(service, call.method) ? service[call.method] : undefined;
    if (method === undefined) {
      answer(Status.SERVICE_NOT_FOUND, encode(`no method ${call.service}.${call.method}`));
      return;
    }
    if (this.running >= this.maxConcurrent) {
      // Answer at once rather than queue without bound: the caller can go elsewhere.
      answer(Status.SERVER_THREADPOOL_EXHAUSTED, encode(`${this.maxConcurrent} calls are already running`));
      return;
    }
    this.running++;
    let result: Promise<HessianValue>;
    try {
      result = Promise.resolve(method(...call.args));
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (value) => {
        this.running--;
        let body: Uint8Array;
        try {
          body = encode(value);
        } catch (error) {
          // As Dubbo's ExchangeCodec does when it cannot serialize a result.
          answer(Status.BAD_RESPONSE, encode(`${call.service}.${call.method} returned what Hessian cannot write: ${messageOf(error)}`));
          return;
        }
        answer(Status.OK, body);
      },
      (error: unknown) => {
        this.running--;
        answer(Status.SERVICE_ERROR, encode(`${call.service}.${call.method} failed: ${messageOf(error)}`));
      },
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
