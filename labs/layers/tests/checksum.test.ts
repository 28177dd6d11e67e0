/**
 * Stage checksum: the Internet checksum of RFC 1071, which the IPv4 header,
 * UDP and TCP all use, and its incremental update (RFC 1624).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '@lab-kit';
import { internetChecksum, onesComplementSum, updateChecksum, verifyChecksum } from '@impl/checksum.ts';
import { VETH_GET } from './fixtures/captures.ts';
import { expectFrameError } from './fixtures/expect-errors.ts';
import { corrupt, referenceChecksum, referenceSum } from './fixtures/reference.ts';

const SEE = 'RFC 1071 §1 (the algorithm) and §4.1 (reference C code)';
const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

/** The IPv4 header of the captured search request (VETH_GET bytes 14–33), checksum 0xfc44 in bytes 10–11. */
const GET_IPV4_HEADER = VETH_GET.slice(14, 34);

describe('onesComplementSum', () => {
  it('sums the RFC 1071 §3 example 00 01 f2 03 f4 f5 f6 f7 to 0xddf2', () => {
    // §3: the 2's complement sum is 0x2ddf0; adding the carry 2 back in gives 0xddf2.
    const sum = onesComplementSum(fromHex('00 01 f2 03 f4 f5 f6 f7'));
    expect(hex4(sum), `the numerical example of RFC 1071 §3: 0001 + f203 + f4f5 + f6f7 = 2ddf0, folded ddf2 (${SEE})`).toBe('0xddf2');
  });

  it('adds a carry out of bit 15 back in at bit 0 (end-around carry)', () => {
    expect(hex4(onesComplementSum(fromHex('ff ff 00 01'))), '0xffff + 0x0001 = 0x10000, and the carry wraps around: 0x0001').toBe('0x0001');
    expect(hex4(onesComplementSum(fromHex('ff ff ff ff'))), '0xffff + 0xffff = 0x1fffe → 0xfffe + 1 = 0xffff').toBe('0xffff');
    expect(hex4(onesComplementSum(fromHex('80 00 80 00 80 00'))), '3 × 0x8000 = 0x18000 → 0x8001').toBe('0x8001');
  });

  it('reads words big-endian and pads an odd last byte with a zero after it', () => {
    expect(hex4(onesComplementSum(fromHex('01'))), 'a lone byte 0x01 is the word 0x0100, not 0x0001 (RFC 9293 §3.1: the last octet is "padded on the right with zeros")').toBe('0x0100');
    expect(hex4(onesComplementSum(fromHex('00 01 f2'))), '0x0001 + 0xf200').toBe('0xf201');
    expect(hex4(onesComplementSum(fromHex('12 34'))), 'the first byte is the high byte (network order)').toBe('0x1234');
  });

  it('is 0 for no data, and continues from `initial`', () => {
    expect(onesComplementSum(new Uint8Array(0)), 'nothing to add').toBe(0);
    expect(hex4(onesComplementSum(fromHex('00 01'), 0xffff)), 'initial 0xffff + 0x0001 folds to 0x0001').toBe('0x0001');
    expect(hex4(onesComplementSum(fromHex('f4 f5 f6 f7'), onesComplementSum(fromHex('00 01 f2 03')))), 'summing in two pieces gives the same 0xddf2').toBe('0xddf2');
  });

  it('keeps the end-around carry right on a 200 000-byte buffer, where the running total passes 2^32', () => {
    // 100 000 words of 0xffff: the plain total is 6 553 500 000 > 2^32. Bit operators (>>>, &) work on 32 bits only,
    // so fold as you go, or fold with arithmetic (% and Math.floor) rather than shifts.
    expect(hex4(onesComplementSum(new Uint8Array(200_000).fill(0xff))), 'one\'s-complement sum of all-ones words is all ones').toBe('0xffff');
  });

  it('agrees with an independent reference on any bytes, odd or even length (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 0xffff }), (data, initial) => {
        expect(hex4(onesComplementSum(data, initial)), `onesComplementSum of ${data.length} bytes, initial ${hex4(initial)} (${SEE})`).toBe(hex4(referenceSum(data, initial)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('internetChecksum and verifyChecksum', () => {
  it('computes 0xfc44 for the captured request\'s IPv4 header with its checksum field zeroed', () => {
    const zeroed = GET_IPV4_HEADER.slice();
    zeroed[10] = 0;
    zeroed[11] = 0;
    expect(hex4(internetChecksum(zeroed)), `the checksum Linux put in the header (tshark: ip.checksum 0xfc44, Good) — the complement of the sum (${SEE})`).toBe('0xfc44');
  });

  it('computes the textbook header 4500 0073 0000 4000 4011 …: 0xb861', () => {
    const header = fromHex('45 00 00 73 00 00 40 00 40 11 00 00 c0 a8 00 01 c0 a8 00 c7');
    expect(hex4(internetChecksum(header)), 'complement of the folded sum 0x479e').toBe('0xb861');
  });

  it('is 0xffff for no data (the complement of a zero sum)', () => {
    expect(hex4(internetChecksum(new Uint8Array(0))), '~0x0000').toBe('0xffff');
    expect(hex4(internetChecksum(fromHex('00 01 f2 03 f4 f5 f6 f7'))), '~0xddf2 (RFC 1071 §3)').toBe('0x220d');
  });

  it('accepts a header whose checksum is right: it sums to 0xffff and checksums to 0', () => {
    expect(verifyChecksum(GET_IPV4_HEADER), 'the captured IPv4 header, checksum included, sums to 0xffff (RFC 1071 §1 (3))').toBe(true);
    expect(hex4(internetChecksum(GET_IPV4_HEADER)), 'checksumming a correct header, checksum field included, gives 0').toBe('0x0000');
  });

  it('rejects the same header with one bit changed, or with the checksum field off by one', () => {
    expect(verifyChecksum(corrupt(GET_IPV4_HEADER, 8, 0x01)), 'TTL 64 changed to 65 without fixing the checksum').toBe(false);
    expect(verifyChecksum(corrupt(GET_IPV4_HEADER, 11, 0x01)), 'checksum 0xfc44 changed to 0xfc45').toBe(false);
  });

  it('folds `initial` in, as TCP and UDP do with the pseudo-header sum', () => {
    const data = fromHex('00 50 d3 7c');
    expect(hex4(internetChecksum(data, 0x1234)), '~(0x1234 + 0x0050 + 0xd37c)').toBe(hex4(referenceChecksum(data, 0x1234)));
    expect(verifyChecksum(fromHex('ed cb'), 0x1234), '0x1234 + 0xedcb = 0xffff').toBe(true);
  });

  it('always yields a checksum that makes the data verify (property)', () => {
    // Data with a zeroed 16-bit checksum slot at an even offset, as in every header.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 200 }), fc.nat(), (raw, slotSeed) => {
        const data = raw.slice();
        const slot = (slotSeed % Math.floor(data.length / 2)) * 2;
        data[slot] = 0;
        data[slot + 1] = 0;
        const checksum = internetChecksum(data);
        expect(hex4(checksum), 'internetChecksum vs the reference').toBe(hex4(referenceChecksum(data)));
        data[slot] = checksum >> 8;
        data[slot + 1] = checksum & 0xff;
        expect(verifyChecksum(data), `data with checksum ${hex4(checksum)} written at offset ${slot} should verify (${SEE})`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('updateChecksum (RFC 1624)', () => {
  it('updates 0xdd2f to 0x0000 when 0x5555 becomes 0x3285 — the RFC 1624 §4 example where RFC 1141 was wrong', () => {
    // §4: the other octets sum to 0xcd7a; the new header sums to 0xffff, so the right checksum is 0x0000, not 0xffff.
    expect(hex4(updateChecksum(0xdd2f, 0x5555, 0x3285)), 'HC\' = ~(~HC + ~m + m\') (RFC 1624 §3, eqn. 3)').toBe('0x0000');
  });

  it('gives a router the same checksum as a full recomputation when it decrements the TTL of the captured packet', () => {
    const header = GET_IPV4_HEADER.slice();
    // Word 4 of the header is TTL (64) and protocol (6): 0x4006 → 0x3f06.
    const updated = updateChecksum(0xfc44, 0x4006, 0x3f06);
    header[8] = 63;
    header[10] = 0;
    header[11] = 0;
    expect(hex4(updated), 'the incremental update vs summing the new header again').toBe(hex4(referenceChecksum(header)));
  });

  it("rejects a value that is not a 16-bit word with FrameError 'value-out-of-range'", () => {
    expectFrameError(() => updateChecksum(0x10000, 0x4006, 0x3f06), 'value-out-of-range', 'a checksum is 16 bits');
    expectFrameError(() => updateChecksum(0xfc44, -1, 0x3f06), 'value-out-of-range', 'a word is 0–0xffff');
    expectFrameError(() => updateChecksum(0xfc44, 0x4006, 1.5), 'value-out-of-range', 'a word is a whole number');
  });

  it('matches a full recomputation for any change of any word of a header (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 0xffff }), (raw, word, value) => {
        fc.pre(word !== 5); // word 5 is the checksum field itself
        const header = raw.slice();
        header[0] = 0x45; // a real header is never all zeros, the one case where eqn. 3 and recomputation differ (RFC 1624 §3)
        header[10] = 0;
        header[11] = 0;
        const before = referenceChecksum(header);
        const old = (header[word * 2]! << 8) | header[word * 2 + 1]!;
        header[word * 2] = value >> 8;
        header[word * 2 + 1] = value & 0xff;
        fc.pre(header.some((b) => b !== 0));
        expect(hex4(updateChecksum(before, old, value)), `word ${word} changed from ${hex4(old)} to ${hex4(value)}; checksum was ${hex4(before)}`).toBe(hex4(referenceChecksum(header)));
      }),
      { numRuns: 300 },
    );
  });
});
