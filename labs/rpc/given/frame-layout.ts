/**
 * Given code: the Dubbo header's constants and the shapes frame.ts works
 * with. Layout (Dubbo's ExchangeCodec), all big-endian:
 *
 *   0-1   magic 0xdabb
 *   2     flags: 0x80 request, 0x40 two-way, 0x20 event, low 5 bits serialization id
 *   3     status (responses only; 20 is OK)
 *   4-11  request id, 64-bit
 *   12-15 body length, 32-bit
 */

/** The two bytes every frame starts with. */
export const MAGIC = 0xdabb;
/** Bytes in a header. */
export const HEADER_LENGTH = 16;
/** Flag bit: the frame is a request (clear: a response). */
export const FLAG_REQUEST = 0x80;
/** Flag bit: the caller waits for a response. */
export const FLAG_TWO_WAY = 0x40;
/** Flag bit: an event (a heartbeat), not a call. */
export const FLAG_EVENT = 0x20;
/** The flag byte's low five bits: the serialization id. */
export const SERIALIZATION_MASK = 0x1f;
/** Dubbo's serialization id for Hessian 2. */
export const HESSIAN2 = 2;
/** Dubbo's default limit on a body, 8 MiB (the `payload` setting). */
export const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

/** Response statuses (Dubbo's Response constants). */
export const Status = {
  OK: 20,
  CLIENT_TIMEOUT: 30,
  SERVER_TIMEOUT: 31,
  BAD_REQUEST: 40,
  BAD_RESPONSE: 50,
  SERVICE_NOT_FOUND: 60,
  SERVICE_ERROR: 70,
  SERVER_ERROR: 80,
  CLIENT_ERROR: 90,
  SERVER_THREADPOOL_EXHAUSTED: 100,
} as const;

/** A frame's header fields. */
export interface FrameHeader {
  request: boolean;
  twoWay: boolean;
  event: boolean;
  /** 0 to 31. */
  serialization: number;
  /** 0 to 255; meaningful in responses only. */
  status: number;
  /** 0 to 2^64 - 1. */
  id: bigint;
}

/** A whole frame: its header and its body. */
export interface Frame extends FrameHeader {
  body: Uint8Array;
}

/** What the streaming decoder reports, in stream order. */
export type DecodeEvent =
  /** A complete frame. */
  | { type: 'frame'; frame: Frame }
  /** A frame whose body was over the limit: its header and length; the body is skipped, the stream goes on. */
  | { type: 'oversize'; header: FrameHeader; length: number }
  /** Two bytes that are not the magic, at this offset of the stream: the decoder stops for good. */
  | { type: 'bad-magic'; offset: number; got: number }
  /** The stream ended inside a frame: how many of its bytes arrived and how many it needed. */
  | { type: 'truncated'; have: number; need: number };
