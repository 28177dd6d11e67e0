/**
 * CIDR prefixes (RFC 4632 §3.1): an address and a prefix length, "10.0.0.0/8",
 * naming every address whose first `prefixLength` bits equal the prefix's.
 * A netmask is the same length written as an address, 255.0.0.0.
 *
 * ipv4-address.ts turns dotted quads into unsigned 32-bit numbers and back;
 * prefix arithmetic is done on those numbers.
 */
import { formatIpv4, parseIpv4 } from '@impl/ipv4-address.ts';
import type { Cidr } from '@impl/route-types.ts';

/**
 * The netmask of a prefix length as an unsigned 32-bit number: /8 → 0xff000000,
 * /0 → 0, /32 → 0xffffffff. Throws RangeError for a length that is not a whole
 * number from 0 to 32.
 */
export function prefixMask(prefixLength: number): number {
  throw new Error('TODO(routing-table): prefixLength one bits from the top; mind that JavaScript shifts count modulo 32 and that `>>> 0` makes a result unsigned');
}

/** True when the first `prefixLength` bits of `address` equal those of `prefix` (the "bitwise AND" test). */
export function inPrefix(address: string, prefix: string, prefixLength: number): boolean {
  throw new Error('TODO(routing-table): compare (address AND mask) with (prefix AND mask), as unsigned numbers');
}

/**
 * Parses "10.0.0.0/8". Throws RangeError when the text is not address/length,
 * the length is outside 0–32, or a host bit is set ("10.0.0.1/8" names no
 * network; `ip route` refuses it too).
 */
export function parseCidr(text: string): Cidr {
  throw new Error('TODO(routing-table): split at "/", parse both halves, and check that address AND NOT mask is 0');
}

/** The prefix length of a netmask: "255.255.255.0" → 24. Throws RangeError when its one bits are not contiguous from the top. */
export function maskToPrefixLength(netmask: string): number {
  throw new Error('TODO(routing-table): count the leading one bits, and reject a mask with a one bit after its first zero bit');
}
