/**
 * IP addresses as A and AAAA records carry them: 4 octets (RFC 1035 §3.4.1)
 * and 16 octets (RFC 3596 §2.2), in text as dotted decimal and as the
 * canonical IPv6 form of RFC 5952.
 */
import { DnsFormatError } from '@impl/errors.ts';

/** '192.0.2.1' → its 4 octets. Rejects leading zeros, which some parsers read as octal. */
export function parseIpv4(text: string): Uint8Array {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)) {
    throw new DnsFormatError('invalid-text', `"${text}" is not an IPv4 address`);
  }
  return Uint8Array.from(parts, Number);
}

/** 4 octets → '192.0.2.1'. */
export function formatIpv4(octets: Uint8Array): string {
  if (octets.length !== 4) throw new DnsFormatError('value-out-of-range', `an IPv4 address has 4 octets, got ${octets.length}`);
  return Array.from(octets).join('.');
}

/**
 * Any RFC 4291 §2.2 text form ('2001:DB8:0:0::1', '::ffff:192.0.2.1')
 * → its 16 octets.
 */
export function parseIpv6(text: string): Uint8Array {
  const invalid = () => new DnsFormatError('invalid-text', `"${text}" is not an IPv6 address`);
  const halves = text.split('::');
  if (halves.length > 2) throw invalid();
  const head = parseGroups(halves[0]!, halves.length === 1, invalid);
  const tail = halves.length === 2 ? parseGroups(halves[1]!, true, invalid) : [];
  // Without "::" all eight groups are spelled out; with it, "::" stands for at least one zero group.
  if (halves.length === 1 ? head.length !== 8 : head.length + tail.length > 7) throw invalid();
  const groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  const octets = new Uint8Array(16);
  groups.forEach((group, i) => {
    octets[2 * i] = group >>> 8;
    octets[2 * i + 1] = group & 0xff;
  });
  return octets;
}

function parseGroups(part: string, ipv4Allowed: boolean, invalid: () => DnsFormatError): number[] {
  if (part === '') return [];
  const pieces = part.split(':');
  return pieces.flatMap((piece, i) => {
    // RFC 4291 §2.2 (3): the last 32 bits may be written as dotted IPv4.
    if (ipv4Allowed && i === pieces.length - 1 && piece.includes('.')) {
      const [a, b, c, d] = parseIpv4(piece);
      return [(a! << 8) | b!, (c! << 8) | d!];
    }
    if (!/^[0-9a-f]{1,4}$/i.test(piece)) throw invalid();
    return [parseInt(piece, 16)];
  });
}

/**
 * 16 octets → the one RFC 5952 text form, e.g. '2001:db8::1':
 * - eight 16-bit groups in lower-case hex without leading zeros (§4.1, §4.3);
 * - the longest run of two or more all-zero groups becomes "::" — the first
 *   such run if two are equally long; a single zero group stays "0" (§4.2);
 * - an IPv4-mapped address (first 80 bits zero, next 16 bits ffff) is
 *   written '::ffff:192.0.2.1' (§5).
 * Throws DnsFormatError 'value-out-of-range' unless given 16 octets.
 */
export function formatIpv6(octets: Uint8Array): string {
  if (octets.length !== 16) throw new DnsFormatError('value-out-of-range', `an IPv6 address has 16 octets, got ${octets.length}`);
  const groups = Array.from({ length: 8 }, (_, i) => (octets[2 * i]! << 8) | octets[2 * i + 1]!);

  // RFC 5952 §5: IPv4-mapped addresses (::ffff:0:0/96) are written with the IPv4 part in dotted decimal.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${formatIpv4(octets.subarray(12))}`;
  }

  // RFC 5952 §4.2: "::" replaces the longest run of zero groups (§4.2.3: the first, on a tie),
  // and never a single zero group (§4.2.2).
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  // RFC 5952 §4.1 and §4.3: no leading zeros, lower-case hex digits.
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestStart === -1) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}
