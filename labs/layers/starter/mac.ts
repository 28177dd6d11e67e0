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
  throw new Error("TODO(ethernet): check the whole text against six hex pairs joined by ':' (else FrameError 'invalid-text'), then parseInt each pair in base 16");
}

/** The six octets at `offset` as "aa:bb:cc:dd:ee:ff"; FrameError 'truncated' if fewer than six are there. */
export function formatMac(bytes: Uint8Array, offset = 0): string {
  throw new Error("TODO(ethernet): six octets from offset as two lower-case hex digits each, joined by ':'");
}
