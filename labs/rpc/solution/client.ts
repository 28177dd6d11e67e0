/**
 * The RPC client, sans-I/O: calls go out as request frames through a Link,
 * the connection's bytes come in through `receive`, and time moves only when
 * `tick` says so. Many calls share one connection: each has its own request
 * id, and the in-flight table matches responses to calls in any order.
 */
import { concat } from '@impl/bytes.ts';
import type { ClientOptions } from '@impl/client-options.ts';
import { HESSIAN2, Status, type Frame } from '@impl/frame-layout.ts';
import type { HessianValue } from '@impl/hessian-types.ts';
import { CHANNEL_INACTIVE, RpcError, type Link } from '@impl/invocation.ts';
import { encodeFrame, FrameDecoder } from './frame.ts';
import { decode, encode } from './hessian.ts';

/** Calls waiting for their responses, by request id, and how many responses found no call. */
export class InFlight<T> {
  private readonly calls = new Map<bigint, T>();
  /** Responses that found no call waiting: late (after a timeout) or never asked for. */
  late = 0;

  /** Calls still waiting. */
  get size(): number {
    return this.calls.size;
  }

  /** Starts waiting for a response to `id`; throws if a call with that id is already waiting. */
  add(id: bigint, call: T): void {
    // Two calls under one id would both claim the first response: a bug in the caller.
    if (this.calls.has(id)) throw new Error(`request id ${id} is already in flight`);
    this.calls.set(id, call);
  }

  /** The call a response to `id` answers, no longer waiting; undefined, and counted late, if none is. */
  settle(id: bigint): T | undefined {
    const call = this.calls.get(id);
    if (call === undefined) {
      this.late++;
      return undefined;
    }
    this.calls.delete(id);
    return call;
  }

  /** The call waiting for `id`, no longer waiting (it timed out); undefined if none is. */
  drop(id: bigint): T | undefined {
    const call = this.calls.get(id);
    this.calls.delete(id);
    return call;
  }

  /** Every call still waiting with its id, in the order they were added (a copy: safe to change the table while going through it). */
  entries(): [bigint, T][] {
    return [...this.calls];
  }

  /** Every call still waiting, in the order they were added; the table is left empty (the connection was lost). */
  takeAll(): T[] {
    const calls = [...this.calls.values()];
    this.calls.clear();
    return calls;
  }
}

/** One call waiting for its response. */
interface Pending {
  /** When it times out, on the client's clock. */
  deadline: number;
  resolve(value: HessianValue): void;
  reject(error: RpcError): void;
}

/**
 * Calls over one connection. A call resolves with the result, or rejects with
 * an RpcError whose status says why: the server's error status, SERVER_TIMEOUT
 * when no response came in time, CHANNEL_INACTIVE when the connection was
 * lost first, BAD_RESPONSE when the response could not be read.
 */
export class RpcClient {
  private readonly link: Link;
  private readonly timeoutMs: number;
  private readonly heartbeatMs: number;
  private readonly decoder: FrameDecoder;
  private readonly inFlight = new InFlight<Pending>();
  private nextId = 0n;
  private now = 0;
  /** When a frame was last read or written, on the client's clock. */
  private lastActive = 0;
  private lost = false;

  constructor(link: Link, options: ClientOptions = {}) {
    this.link = link;
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 60_000;
    this.decoder = new FrameDecoder({ maxBody: options.maxBody });
  }

  /** Calls still waiting for their responses. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Responses that came for no waiting call: after their call timed out, or never asked for. */
  get late(): number {
    return this.inFlight.late;
  }

  /** True once the connection is lost: every later call fails at once. */
  get closed(): boolean {
    return this.lost;
  }

  /** Calls `service.method(...args)` and waits for its response; `timeoutMs` overrides the client's for this call. */
  call(service: string, method: string, args: HessianValue[], options: { timeoutMs?: number } = {}): Promise<HessianValue> {
    if (this.lost) return Promise.reject(new RpcError(CHANNEL_INACTIVE, `${service}.${method}: the connection is closed`));
    const id = this.freshId();
    const body = invocationBody(service, method, args);
    return new Promise<HessianValue>((resolve, reject) => {
      this.inFlight.add(id, { deadline: this.now + (options.timeoutMs ?? this.timeoutMs), resolve, reject });
      this.send({ request: true, twoWay: true, event: false, serialization: HESSIAN2, status: 0, id, body });
    });
  }

  /** Sends `service.method(...args)` one-way: the server runs it and answers nothing (Dubbo's oneway). */
  notify(service: string, method: string, args: HessianValue[]): void {
    if (this.lost) throw new RpcError(CHANNEL_INACTIVE, `${service}.${method}: the connection is closed`);
    this.send({ request: true, twoWay: false, event: false, serialization: HESSIAN2, status: 0, id: this.freshId(), body: invocationBody(service, method, args) });
  }

  /** Takes the next bytes the connection delivered; settles the calls they answer. */
  receive(chunk: Uint8Array): void {
    if (this.lost) return;
    for (const event of this.decoder.push(chunk)) {
      this.lastActive = this.now;
      if (event.type === 'frame') this.onFrame(event.frame);
      else if (event.type === 'oversize') {
        // Its id is known, so only its call fails; the frames after it are still in step.
        this.inFlight.settle(event.header.id)?.reject(new RpcError(Status.BAD_RESPONSE, `response ${event.header.id} has a body of ${event.length} bytes, over the limit of ${this.decoder.maxBody}`));
      } else if (event.type === 'bad-magic') {
        this.link.close();
        this.connectionLost();
      }
    }
  }

  /** Moves the client's clock on by `ms`: fails the calls whose time is up, sends a heartbeat if the connection was idle. */
  tick(ms: number): void {
    this.now += ms;
    if (this.lost) return;
    for (const [id, call] of this.inFlight.entries()) {
      if (this.now < call.deadline) continue;
      this.inFlight.drop(id);
      // The request went out, so the server may well have run it: a timeout does not say it did not.
      call.reject(new RpcError(Status.SERVER_TIMEOUT, `no response to request ${id} within its timeout; the server may still have run it`));
    }
    if (this.heartbeatMs > 0 && this.now - this.lastActive >= this.heartbeatMs) {
      this.send({ request: true, twoWay: true, event: true, serialization: HESSIAN2, status: 0, id: this.freshId(), body: encode(null) });
    }
  }

  /** The connection is gone: every waiting call fails with CHANNEL_INACTIVE, and so does every later one. */
  connectionLost(): void {
    if (this.lost) return;
    this.lost = true;
    for (const call of this.inFlight.takeAll()) call.reject(new RpcError(CHANNEL_INACTIVE, 'the connection was lost before the response came'));
  }

  /** A request id no call on this connection has had, so a late response can never answer a newer call. */
  private freshId(): bigint {
    const id = this.nextId;
    this.nextId = BigInt.asUintN(64, id + 1n);
    return id;
  }

  private send(frame: Frame): void {
    this.lastActive = this.now;
    this.link.write(encodeFrame(frame));
  }

  private onFrame(frame: Frame): void {
    // A heartbeat's reply is no call's response; requests from the server are not part of this lab's protocol.
    if (frame.request || frame.event) return;
    const call = this.inFlight.settle(frame.id);
    if (call === undefined) return;
    let value: HessianValue;
    try {
      value = decode(frame.body);
    } catch (error) {
      call.reject(new RpcError(Status.BAD_RESPONSE, `response ${frame.id}: its body is not one Hessian value: ${String(error)}`));
      return;
    }
    if (frame.status === Status.OK) call.resolve(value);
    else call.reject(new RpcError(frame.status, typeof value === 'string' ? value : `status ${frame.status}`));
  }
}

/** The request body of a call: service, method and arguments, as given/invocation.ts lays them out. */
export function invocationBody(service: string, method: string, args: HessianValue[]): Uint8Array {
  return concat([encode(service), encode(method), encode(args)]);
}
