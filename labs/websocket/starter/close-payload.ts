/**
 * The body of a Close frame (RFC 6455 §5.5.1): empty, or a 2-byte status
 * code in network byte order followed by a UTF-8 reason, 123 bytes at most
 * so the whole fits a control frame's 125.
 */
import { CloseCode, ProtocolError } from '@impl/close-codes.ts';
import { isValidUtf8 } from './utf8.ts';

/** What a Close frame said; `code` is undefined for an empty body (reported to applications as 1005). */
export interface CloseInfo {
  code: number | undefined;
  reason: string;
}

/** Largest reason in bytes: 125 − 2 bytes of code. */
export const MAX_REASON_BYTES = 123;

/**
 * True for a status code an endpoint may put on the wire (RFC 6455 §7.4.1,
 * §7.4.2, and the IANA registry): 1000-1003, 1007-1014 and 3000-4999. 1004 is
 * reserved, 1005, 1006 and 1015 are never sent, and 0-999, 1016-2999 and
 * 5000 up are not in use.
 */
export function isSendableCloseCode(code: number): boolean {
  throw new Error('TODO(messages): the ranges in the comment above');
}

/** The body of a Close frame with `code` and `reason`; throws RangeError for a code that may not be sent or a reason over 123 bytes. */
export function encodeClosePayload(code: number | undefined, reason = ''): Uint8Array {
  throw new Error('TODO(messages): 2 bytes of code in network byte order, then the reason in UTF-8');
}

/** Reads a received Close body; throws ProtocolError 1002 for a 1-byte body or a code that may not be sent, 1007 for a reason that is not UTF-8. */
export function decodeClosePayload(payload: Uint8Array): CloseInfo {
  throw new Error('TODO(messages): empty, or a code and a UTF-8 reason (RFC 6455 §5.5.1)');
}
