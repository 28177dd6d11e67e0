/**
 * IP addresses in text form, parsed and written: IPv4 in dotted decimal
 * (RFC 1035 §3.4.1) and IPv6 in any of RFC 4291 §2.2's forms.
 */
import { DnsFormatError } from './errors.ts';

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
