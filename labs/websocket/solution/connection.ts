/**
 * One end of a WebSocket connection after the handshake, sans-I/O: bytes
 * from the transport go in through `receive`, time through `tick`, and what
 * to write, what happened and whether to close the transport come out. The
 * same class is the server's end and the client's; `role` decides who masks.
 *
 *   open ──close()/Close sent──▶ closing ──peer's Close──▶ closed
 *     └──────peer's Close (echoed at once)────────────────▶ closed
 *   any state ── protocol error, missed pong, close timeout, transport gone ──▶ closed
 */
import { CloseCode, ProtocolError } from '@impl/close-codes.ts';
import { DEFAULT_CLOSE_TIMEOUT_MS, type ConnectionEvent, type ConnectionOptions, type ConnectionState } from '@impl/connection-types.ts';
import { Opcode, type Role } from '@impl/frame-types.ts';
import type { AssembledEvent } from '@impl/message-events.ts';
import { encodeClosePayload } from './close-payload.ts';
import { encodeFrame } from './frame.ts';
import { FrameParser } from './frame-parser.ts';
import { MessageAssembler } from './message-assembler.ts';

export class WebSocketConnection {
  readonly #role: Role;
  readonly #parser: FrameParser;
  readonly #assembler: MessageAssembler;
  readonly #heartbeatMs: number | undefined;
  readonly #pongTimeoutMs: number;
  readonly #closeTimeoutMs: number;
  readonly #random: (length: number) => Uint8Array;
  #state: ConnectionState = 'open';
  #shouldCloseTransport = false;
  #now = 0;
  #lastSent = 0;
  /** When a heartbeat Ping must have been answered by; undefined when none is outstanding. */
  #pongDeadline: number | undefined;
  /** When waiting for the peer's Close (closing) or the server's TCP close (a closed client) ends. */
  #closeDeadline: number | undefined;
  #output: Uint8Array[] = [];
  #events: ConnectionEvent[] = [];

  constructor(options: ConnectionOptions) {
    this.#role = options.role;
    this.#parser = new FrameParser({ role: options.role, ...(options.maxMessageSize === undefined ? {} : { maxPayload: options.maxMessageSize }) });
    this.#assembler = new MessageAssembler({ ...(options.maxMessageSize === undefined ? {} : { maxMessageSize: options.maxMessageSize }) });
    this.#heartbeatMs = options.heartbeatMs;
    this.#pongTimeoutMs = options.pongTimeoutMs ?? options.heartbeatMs ?? Infinity;
    this.#closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    this.#random = options.random ?? ((length) => crypto.getRandomValues(new Uint8Array(length)));
  }

  /** Where the closing handshake stands. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** True once this end should close the transport: a server right after the Close handshake (§7.1.1), a client after waiting for the server to do it. */
  get shouldCloseTransport(): boolean {
    return this.#shouldCloseTransport;
  }

  /** The bytes to write to the transport since the last call, in order. */
  takeOutput(): Uint8Array[] {
    return this.#output.splice(0);
  }

  /** The events since the last call, in order. */
  takeEvents(): ConnectionEvent[] {
    return this.#events.splice(0);
  }

  /** Bytes from the transport. Ignored once closed; a protocol error fails the connection (§7.1.7). */
  receive(bytes: Uint8Array): void {
    if (this.#state === 'closed') return;
    try {
      for (const frame of this.#parser.push(bytes)) {
        const event = this.#assembler.push(frame);
        if (event) this.#handle(event);
        // §1.4: after the peer's Close, whatever follows is discarded.
        if (this.#closed()) return;
      }
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.#fail(error.code, error.message);
    }
  }

  /** Time passes: sends heartbeat Pings, and gives up on a silent peer or a Close that never came. */
  tick(ms: number): void {
    this.#now += ms;
    if (this.#closeDeadline !== undefined && this.#now >= this.#closeDeadline) {
      this.#closeDeadline = undefined;
      this.#shouldCloseTransport = true;
      if (this.#state === 'closing') this.#finish({ code: CloseCode.ABNORMAL, reason: 'no Close frame from the peer in time', wasClean: false });
      return;
    }
    if (this.#state !== 'open') return;
    if (this.#pongDeadline !== undefined && this.#now >= this.#pongDeadline) {
      // A dead peer will not read a Close frame: drop the transport (the ws library's terminate()).
      this.#shouldCloseTransport = true;
      this.#finish({ code: CloseCode.ABNORMAL, reason: `no Pong within ${this.#pongTimeoutMs} ms`, wasClean: false });
      return;
    }
    if (this.#heartbeatMs !== undefined && this.#now - this.#lastSent >= this.#heartbeatMs) {
      this.#pongDeadline ??= this.#now + this.#pongTimeoutMs;
      this.#send(Opcode.PING, new Uint8Array(0));
    }
  }

  /** Sends a text message; false (nothing sent) unless open. */
  sendText(text: string): boolean {
    return this.#sendData(Opcode.TEXT, new TextEncoder().encode(text));
  }

  /** Sends a binary message; false (nothing sent) unless open. */
  sendBinary(data: Uint8Array): boolean {
    return this.#sendData(Opcode.BINARY, data);
  }

  /** Sends a Ping with up to 125 bytes of payload; false unless open. */
  ping(payload: Uint8Array = new Uint8Array(0)): boolean {
    if (payload.length > 125) throw new RangeError(`a Ping carries at most 125 bytes, got ${payload.length}`);
    return this.#sendData(Opcode.PING, payload);
  }

  /** Starts the closing handshake (§7.1.2); only the first call while open does anything. */
  close(code: number = CloseCode.NORMAL, reason = ''): void {
    const payload = encodeClosePayload(code, reason);
    if (this.#state !== 'open') return;
    this.#send(Opcode.CLOSE, payload);
    this.#state = 'closing';
    this.#closeDeadline = this.#now + this.#closeTimeoutMs;
  }

  /** The transport closed (the peer closed TCP, or it broke). Without a finished Close handshake that is 1006 (§7.1.5). */
  transportClosed(): void {
    this.#closeDeadline = undefined;
    this.#shouldCloseTransport = true;
    if (this.#state !== 'closed') this.#finish({ code: CloseCode.ABNORMAL, reason: '', wasClean: false });
  }

  #handle(event: AssembledEvent): void {
    switch (event.type) {
      case 'text':
        this.#events.push({ type: 'message', data: event.text });
        return;
      case 'binary':
        this.#events.push({ type: 'message', data: event.data });
        return;
      case 'ping':
        // §5.5.2: answer with a Pong carrying the same payload.
        if (this.#state === 'open') this.#send(Opcode.PONG, event.payload);
        this.#events.push(event);
        return;
      case 'pong':
        this.#pongDeadline = undefined;
        this.#events.push(event);
        return;
      case 'close':
        // §5.5.1: answer a Close with a Close, echoing the status code, unless ours went first.
        if (this.#state === 'open') this.#send(Opcode.CLOSE, encodeClosePayload(event.code));
        this.#afterHandshake();
        this.#finish({ code: event.code ?? CloseCode.NO_STATUS, reason: event.reason, wasClean: true });
    }
  }

  /** Both Close frames have passed: the server closes TCP now, the client gives it time to (§7.1.1). */
  #afterHandshake(): void {
    if (this.#role === 'server') {
      this.#closeDeadline = undefined;
      this.#shouldCloseTransport = true;
    } else {
      this.#closeDeadline = this.#now + this.#closeTimeoutMs;
    }
  }

  /** _Fail the WebSocket Connection_ (§7.1.7): a Close with the code if we have not sent one, then drop the transport. */
  #fail(code: number, reason: string): void {
    if (this.#state === 'open') this.#send(Opcode.CLOSE, encodeClosePayload(code));
    this.#closeDeadline = undefined;
    this.#shouldCloseTransport = true;
    this.#finish({ code, reason, wasClean: false });
  }

  #closed(): boolean {
    return this.#state === 'closed';
  }

  #finish(close: { code: number; reason: string; wasClean: boolean }): void {
    this.#state = 'closed';
    this.#pongDeadline = undefined;
    this.#events.push({ type: 'close', ...close });
  }

  #sendData(opcode: number, payload: Uint8Array): boolean {
    if (this.#state !== 'open') return false;
    this.#send(opcode, payload);
    return true;
  }

  #send(opcode: number, payload: Uint8Array): void {
    const frame = { fin: true, rsv: 0, opcode, payload };
    // §5.3: a client masks every frame with a fresh, unpredictable key; a server never masks.
    this.#output.push(this.#role === 'client' ? encodeFrame(frame, this.#random(4)) : encodeFrame(frame));
    this.#lastSent = this.#now;
  }
}
