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
  readonly #options: ConnectionOptions;

  constructor(options: ConnectionOptions) {
    this.#options = options;
  }

  /** Where the closing handshake stands. */
  get state(): ConnectionState {
    throw new Error('TODO(connection): open, closing or closed');
  }

  /** True once this end should close the transport: a server right after the Close handshake (§7.1.1), a client after waiting for the server to do it. */
  get shouldCloseTransport(): boolean {
    throw new Error('TODO(connection): set when the handshake is over, the connection failed or a timer ran out');
  }

  /** The bytes to write to the transport since the last call, in order. */
  takeOutput(): Uint8Array[] {
    throw new Error('TODO(connection): hand over (and forget) the frames encoded since the last call');
  }

  /** The events since the last call, in order. */
  takeEvents(): ConnectionEvent[] {
    throw new Error('TODO(connection): hand over (and forget) the events since the last call');
  }

  /** Bytes from the transport. Ignored once closed; a protocol error fails the connection (§7.1.7). */
  receive(bytes: Uint8Array): void {
    throw new Error('TODO(connection): parser, then assembler, then act on each event; a ProtocolError fails the connection');
  }

  /** Time passes: sends heartbeat Pings, and gives up on a silent peer or a Close that never came. */
  tick(ms: number): void {
    throw new Error('TODO(connection): advance the clock; check the close deadline, the Pong deadline and the heartbeat');
  }

  /** Sends a text message; false (nothing sent) unless open. */
  sendText(text: string): boolean {
    throw new Error('TODO(connection): a Text frame, masked if this is a client');
  }

  /** Sends a binary message; false (nothing sent) unless open. */
  sendBinary(data: Uint8Array): boolean {
    throw new Error('TODO(connection): a Binary frame, masked if this is a client');
  }

  /** Sends a Ping with up to 125 bytes of payload; false unless open. */
  ping(payload: Uint8Array = new Uint8Array(0)): boolean {
    throw new Error('TODO(connection): a Ping frame');
  }

  /** Starts the closing handshake (§7.1.2); only the first call while open does anything. */
  close(code: number = CloseCode.NORMAL, reason = ''): void {
    throw new Error('TODO(connection): send a Close, move to closing, start the close timer');
  }

  /** The transport closed (the peer closed TCP, or it broke). Without a finished Close handshake that is 1006 (§7.1.5). */
  transportClosed(): void {
    throw new Error('TODO(connection): closed, and a close event with 1006 unless the handshake finished');
  }
}
