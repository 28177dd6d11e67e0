/**
 * CIDR prefixes (RFC 4632 §3.1): an address and a prefix length, "10.0.0.0/8",
 * naming every address whose first `prefixLength` bits equal the prefix's.
 * A netmask is the same length written as an address, 255.0.0.0.
 */
import { formatIpv4, parseIpv4 } from '@impl/ipv4-address.ts';
import type { Cidr } from '@impl/route-types.ts';

function checkPrefixLength(prefixLength: number): void {
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) {
    throw new RangeError(`a prefix length is a whole number from 0 to 32, got ${prefixLength}`);
  }
}

/** The netmask of a prefix length as an unsigned 32-bit number: /8 → 0xff000000, /0 → 0, /32 → 0xffffffff. */
export function prefixMask(prefixLength: number): number {
  checkPrefixLength(prefixLength);
  // JavaScript shifts count modulo 32, so `x << 32` is `x`: /0 needs its own case.
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/** True when the first `prefixLength` bits of `address` equal those of `prefix` (the "bitwise AND" test). */
export function inPrefix(address: string, prefix: string, prefixLength: number): boolean {
  const mask = prefixMask(prefixLength);
  return ((parseIpv4(address) & mask) >>> 0) === ((parseIpv4(prefix) & mask) >>> 0);
}

/**
 * Parses "10.0.0.0/8". Throws RangeError when the text is not address/length,
 * the length is outside 0–32, or a host bit is set ("10.0.0.1/8" names no
 * network; `ip route` refuses it too).
 */
export function parseCidr(text: string): Cidr {
  const match = /^([0-9.]+)\/(\d{1,2})$/.exec(text);
  if (match === null) throw new RangeError(`"${text}" is not a prefix like 10.0.0.0/8`);
  const prefixLength = Number(match[2]);
  checkPrefixLength(prefixLength);
  const address = parseIpv4(match[1]!);
  if (((address & ~prefixMask(prefixLength)) >>> 0) !== 0) {
    const network = formatIpv4((address & prefixMask(prefixLength)) >>> 0);
    throw new RangeError(`"${text}" has host bits set; the network is ${network}/${prefixLength}`);
  }
  return { prefix: formatIpv4(address), prefixLength };
}

/** The prefix length of a netmask: "255.255.255.0" → 24. Throws RangeError when its one bits are not contiguous from the top. */
export function maskToPrefixLength(netmask: string): number {
  const mask = parseIpv4(netmask);
  // A contiguous mask is ones then zeros: its complement plus one is a power of two
  // (2^32 for /0, which the 32-bit AND sees as 0).
  const inverted = ~mask >>> 0;
  if (((inverted + 1) & inverted) !== 0) {
    throw new RangeError(`netmask ${netmask} is not contiguous ones followed by zeros`);
  }
  let length = 0;
  while (length < 32 && ((mask >>> (31 - length)) & 1) === 1) length++;
  return length;
}
