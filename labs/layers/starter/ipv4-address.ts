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
  throw new Error("TODO(ipv4): split on '.', insist on exactly four decimal numbers 0–255 without leading zeros (else FrameError 'invalid-text')");
}

/** The four octets at `offset` as "a.b.c.d"; FrameError 'truncated' if fewer than four are there. */
export function formatIpv4Address(bytes: Uint8Array, offset = 0): string {
  throw new Error("TODO(ipv4): the four octets from offset in decimal, joined by '.'");
}
