/** MAC address helpers: the few that interfaces and the learning switch need (IEEE 802 48-bit addresses). */

/** ff:ff:ff:ff:ff:ff, the broadcast address. */
export const BROADCAST_MAC: Uint8Array = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);

/** Parses "02:00:5e:10:00:01" (or with dashes) into 6 bytes; throws on anything else. */
export function parseMac(text: string): Uint8Array {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-f]{2}$/i.test(p))) {
    throw new RangeError(`parseMac: "${text}" is not a MAC address like 02:00:00:00:00:01`);
  }
  return Uint8Array.from(parts, (p) => parseInt(p, 16));
}

/** The 6 bytes at `offset` as "02:00:00:00:00:01". */
export function formatMac(bytes: Uint8Array, offset = 0): string {
  const out: string[] = [];
  for (let i = offset; i < offset + 6; i++) out.push((bytes[i] ?? 0).toString(16).padStart(2, '0'));
  return out.join(':');
}

/** The 6 bytes at `offset` as one exact integer (48 bits fit a double), a cheap map key. */
export function macKey(bytes: Uint8Array, offset = 0): number {
  const high = ((bytes[offset]! << 8) | bytes[offset + 1]!) * 2 ** 32;
  const low = ((bytes[offset + 2]! << 24) | (bytes[offset + 3]! << 16) | (bytes[offset + 4]! << 8) | bytes[offset + 5]!) >>> 0;
  return high + low;
}

/** True for a group (multicast or broadcast) address: IEEE 802 I/G bit, the low bit of the first byte. */
export function isGroupMac(bytes: Uint8Array, offset = 0): boolean {
  return (bytes[offset]! & 1) === 1;
}
