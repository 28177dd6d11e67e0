/**
 * IP addresses as A and AAAA records carry them: 4 octets (RFC 1035 §3.4.1)
 * and 16 octets (RFC 3596 §2.2), in text as dotted decimal and as the
 * canonical IPv6 form of RFC 5952.
 */
import { DnsFormatError } from '@impl/errors.ts';
import { formatIpv4 } from '@impl/address-text.ts';

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
