/**
 * MAC addresses (IEEE 802): six octets, written as six pairs of hex digits
 * separated by colons, "02:00:00:00:00:0a". In values this lab always uses
 * the lower-case colon form, the one tshark and `ip link` print.
 */
import { FrameError } from '@impl/errors.ts';
import { MAC_LENGTH } from '@impl/header-types.ts';

/**
 * The six octets of a MAC written as six two-digit hex pairs joined by ':'
 * (either case). Anything else — five pairs, one digit, '-' separators,
 * spaces — throws FrameError 'invalid-text'.
 */
export function parseMac(text: string): Uint8Array {
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(text)) {
    throw new FrameError('invalid-text', `"${text}" is not a MAC address: expected six hex pairs joined by ":", like 02:00:00:00:00:0a`);
  }
  return Uint8Array.from(text.split(':'), (pair) => parseInt(pair, 16));
}

/** The six octets at `offset` as "aa:bb:cc:dd:ee:ff"; FrameError 'truncated' if fewer than six are there. */
export function formatMac(bytes: Uint8Array, offset = 0): string {
  if (!Number.isInteger(offset) || offset < 0 || offset + MAC_LENGTH > bytes.length) {
    throw new FrameError('truncated', `a MAC address needs ${MAC_LENGTH} bytes`, offset);
  }
  return Array.from(bytes.subarray(offset, offset + MAC_LENGTH), (b) => b.toString(16).padStart(2, '0')).join(':');
}
