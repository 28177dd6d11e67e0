/** What the message assembler (RFC 6455 §5.4-§5.6) hands on, and its limits. */

/** What the application sees. */
export type AssembledEvent =
  | { type: 'text'; text: string }
  | { type: 'binary'; data: Uint8Array }
  | { type: 'ping'; payload: Uint8Array }
  | { type: 'pong'; payload: Uint8Array }
  /** `code` is undefined when the Close frame had no body. */
  | { type: 'close'; code: number | undefined; reason: string };

/** Limits. */
export interface AssemblerOptions {
  /** Largest message in bytes, all fragments together; more is refused with 1009. Default: no limit. */
  maxMessageSize?: number;
}
