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
  throw new Error('TODO(records): build the 8 groups, find the longest run of zero groups, join the hex groups around "::"');
}
