/**
 * IPv4 addresses: four octets, written in dotted decimal, "192.0.2.10".
 * Only the strict form is accepted — four decimal numbers 0–255 without
 * leading zeros — because inet_aton() reads "010" as octal 8 and "10.1" as
 * 10.0.0.1, and such ambiguity has hidden real bugs (RFC 6943 §3.1.1).
 */
import { FrameError } from '@impl/errors.ts';
import { IPV4_ADDRESS_LENGTH } from '@impl/header-types.ts';

/** The four octets of "a.b.c.d"; anything else throws FrameError 'invalid-text'. */
export function parseIpv4Address(text: string): Uint8Array {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) {
    throw new FrameError('invalid-text', `"${text}" is not an IPv4 address: expected four numbers 0–255 without leading zeros, like 192.0.2.10`);
  }
  return Uint8Array.from(parts, Number);
}

/** The four octets at `offset` as "a.b.c.d"; FrameError 'truncated' if fewer than four are there. */
export function formatIpv4Address(bytes: Uint8Array, offset = 0): string {
  if (!Number.isInteger(offset) || offset < 0 || offset + IPV4_ADDRESS_LENGTH > bytes.length) {
    throw new FrameError('truncated', `an IPv4 address needs ${IPV4_ADDRESS_LENGTH} bytes`, offset);
  }
  return Array.from(bytes.subarray(offset, offset + IPV4_ADDRESS_LENGTH)).join('.');
}
