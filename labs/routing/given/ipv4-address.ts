/**
 * IPv4 addresses in text ("192.0.2.10") and as 32-bit unsigned numbers, which
 * is what prefix arithmetic needs. Taught in the layers lab; complete here.
 */

/** Parses a dotted quad into an unsigned 32-bit number; throws RangeError on anything else. */
export function parseIpv4(text: string): number {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  const octets = match?.slice(1, 5).map(Number);
  if (octets === undefined || octets.some((octet) => octet > 255)) {
    throw new RangeError(`"${text}" is not an IPv4 address like 192.0.2.10`);
  }
  // Multiply rather than `<< 24`, which would turn addresses from 128.0.0.0 up negative.
  return octets[0]! * 0x1000000 + ((octets[1]! << 16) | (octets[2]! << 8) | octets[3]!);
}

/** Formats an unsigned 32-bit number as a dotted quad. */
export function formatIpv4(address: number): string {
  return [address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff].join('.');
}

/** True when `text` is a dotted quad. */
export function isIpv4(text: string): boolean {
  try {
    parseIpv4(text);
    return true;
  } catch {
    return false;
  }
}

/** Writes an address in text form as 4 bytes at `offset` (network byte order). */
export function writeIpv4(bytes: Uint8Array, offset: number, text: string): void {
  const address = parseIpv4(text);
  bytes[offset] = address >>> 24;
  bytes[offset + 1] = (address >>> 16) & 0xff;
  bytes[offset + 2] = (address >>> 8) & 0xff;
  bytes[offset + 3] = address & 0xff;
}

/** Reads 4 bytes at `offset` as a dotted quad; the caller checks that they are there. */
export function readIpv4(bytes: Uint8Array, offset: number): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}
