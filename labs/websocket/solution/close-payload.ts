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
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** The body of a Close frame with `code` and `reason`; throws RangeError for a code that may not be sent or a reason over 123 bytes. */
export function encodeClosePayload(code: number | undefined, reason = ''): Uint8Array {
  if (code === undefined) {
    if (reason) throw new RangeError('a reason needs a status code before it (RFC 6455 §5.5.1)');
    return new Uint8Array(0);
  }
  if (!Number.isInteger(code) || !isSendableCloseCode(code)) throw new RangeError(`${code} is not a status code an endpoint may send (RFC 6455 §7.4)`);
  const text = new TextEncoder().encode(reason);
  if (text.length > MAX_REASON_BYTES) throw new RangeError(`a close reason is at most ${MAX_REASON_BYTES} bytes, got ${text.length}`);
  const out = new Uint8Array(2 + text.length);
  out[0] = code >>> 8;
  out[1] = code & 0xff;
  out.set(text, 2);
  return out;
}

/** Reads a received Close body; throws ProtocolError 1002 for a 1-byte body or a code that may not be sent, 1007 for a reason that is not UTF-8. */
export function decodeClosePayload(payload: Uint8Array): CloseInfo {
  if (payload.length === 0) return { code: undefined, reason: '' };
  if (payload.length === 1) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, 'a Close body of 1 byte: the status code takes 2');
  const code = (payload[0]! << 8) | payload[1]!;
  if (!isSendableCloseCode(code)) throw new ProtocolError(CloseCode.PROTOCOL_ERROR, `status code ${code} may not be sent on the wire`);
  const reason = payload.subarray(2);
  if (!isValidUtf8(reason)) throw new ProtocolError(CloseCode.INVALID_PAYLOAD, 'the close reason is not valid UTF-8');
  return { code, reason: new TextDecoder().decode(reason) };
}
