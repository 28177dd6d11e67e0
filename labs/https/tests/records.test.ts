/**
 * Stage records: the record layer (RFC 8446 §5). Framing a byte stream into records,
 * the per-record nonce (§5.3), and AES-128-GCM protection with the real content type
 * and padding inside (§5.2), checked against RFC 8448's records byte for byte and
 * against records sealed by the tests' own WebCrypto code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { encodeRecord, RecordProtection, RecordReader, recordNonce } from '@impl/record.ts';
import * as v from './fixtures/rfc8448.ts';
import { expectAlertAsync as expectAlert } from './fixtures/expect-alert.ts';
import { sealRecord, openRecord } from './fixtures/reference-tls.ts';

const SEE_NONCE = 'RFC 8446 §5.3 (per-record nonce)';
const SEE_PROTECT = `${v.SEE}; RFC 8446 §5.2`;
const HANDSHAKE = 22;
const APPLICATION_DATA = 23;

/** The record's header and fragment, as RecordProtection.open takes it. */
function asRecord(bytes: Uint8Array) {
  return { type: bytes[0]!, fragment: bytes.subarray(5) };
}


describe('framing (RFC 8446 §5.1)', () => {
  it('encodeRecord writes type, legacy version 0x0303 and a 2-byte length before the fragment', () => {
    expectBytes(encodeRecord({ type: HANDSHAKE, fragment: fromHex('01 02 03') }), fromHex('16 03 03 00 03 01 02 03'), {
      what: 'a handshake record',
      fields: [
        { name: 'type', offset: 0, length: 1 },
        { name: 'legacy_record_version', offset: 1, length: 2 },
        { name: 'length', offset: 3, length: 2 },
        { name: 'fragment', offset: 5, length: 3 },
      ],
      see: 'RFC 8446 §5.1',
    });
  });

  it('RecordReader gives back the records of a stream however it is cut into reads', async () => {
    const stream = new Uint8Array([...v.SERVER_FLIGHT_RECORD, ...v.CLIENT_FINISHED_RECORD, ...encodeRecord({ type: 21, fragment: fromHex('01 00') })]);
    await fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }), (cuts) => {
        const reader = new RecordReader();
        const got: number[][] = [];
        let from = 0;
        for (const to of [...cuts.sort((a, b) => a - b), stream.length]) {
          reader.push(stream.slice(from, to));
          from = to;
          for (let r = reader.next(); r; r = reader.next()) got.push([r.type, r.fragment.length]);
        }
        expect(got, `records read with cuts at ${cuts.join(', ')}`).toEqual([
          [APPLICATION_DATA, 674],
          [APPLICATION_DATA, 53],
          [21, 2],
        ]);
      }),
      { numRuns: 60 },
    );
  });

  it('RecordReader waits for the rest of a record and keeps its bytes intact', () => {
    const reader = new RecordReader();
    reader.push(v.CLIENT_FINISHED_RECORD.subarray(0, 4));
    expect(reader.next(), 'four bytes are not even a header').toBeUndefined();
    reader.push(v.CLIENT_FINISHED_RECORD.subarray(4, 40));
    expect(reader.next(), 'the record is 53 bytes after its header').toBeUndefined();
    reader.push(v.CLIENT_FINISHED_RECORD.subarray(40));
    expectBytes(reader.next()!.fragment, v.CLIENT_FINISHED_RECORD.subarray(5), { what: 'the fragment', see: 'RFC 8446 §5.1' });
    expect(reader.next()).toBeUndefined();
  });

  it('RecordReader gives back a record with an empty fragment as soon as its 5-byte header is in', () => {
    const reader = new RecordReader();
    reader.push(fromHex('17 03 03 00 00'));
    expect(reader.next()?.fragment.length, 'a zero-length record').toBe(0);
  });

  it('RecordReader accepts 2^14 + 256 bytes and refuses one more with record_overflow', () => {
    const reader = new RecordReader();
    reader.push(fromHex('17 03 03 41 00'));
    reader.push(new Uint8Array(0x4100));
    expect(reader.next()?.fragment.length, 'a ciphertext of 2^14 + 256 bytes is allowed').toBe(0x4100);
    const over = new RecordReader();
    over.push(fromHex('17 03 03 41 01'));
    expect(() => over.next(), 'RFC 8446 §5.2: longer than 2^14 + 256 is record_overflow, known from the header alone').toThrow(expect.objectContaining({ alert: 'record_overflow' }));
  });

  it('RecordReader refuses a record of an unknown content type with unexpected_message', () => {
    const reader = new RecordReader();
    reader.push(fromHex('18 03 03 00 01 00'));
    expect(() => reader.next(), 'RFC 8446 §5: an unknown record type is unexpected_message').toThrow(expect.objectContaining({ alert: 'unexpected_message' }));
  });
});

describe('the per-record nonce (RFC 8446 §5.3)', () => {
  it('is the IV for sequence number 0', () => {
    expectBytes(recordNonce(v.SERVER_HS_KEYS.iv, 0n), v.SERVER_HS_KEYS.iv, { what: 'nonce of record 0', see: SEE_NONCE });
  });

  it('XORs the 64-bit big-endian sequence number into the last 8 bytes of the IV', () => {
    const iv = fromHex('00 11 22 33 44 55 66 77 88 99 aa bb');
    expectBytes(recordNonce(iv, 1n), fromHex('00 11 22 33 44 55 66 77 88 99 aa ba'), { what: 'nonce of record 1', see: SEE_NONCE });
    expectBytes(recordNonce(iv, 0x0102n), fromHex('00 11 22 33 44 55 66 77 88 99 ab b9'), { what: 'nonce of record 258', see: SEE_NONCE });
    expectBytes(recordNonce(iv, 0xffffffffffffffffn), fromHex('00 11 22 33 bb aa 99 88 77 66 55 44'), { what: 'nonce of record 2^64 - 1', see: SEE_NONCE });
    expectBytes(iv, fromHex('00 11 22 33 44 55 66 77 88 99 aa bb'), { what: 'the IV itself, which must not change', see: SEE_NONCE });
  });
});

describe('protecting and opening records (RFC 8446 §5.2)', () => {
  it("seals RFC 8448's client Finished and application data byte for byte", async () => {
    const finished = new Uint8Array([0x14, 0x00, 0x00, 0x20, ...v.CLIENT_VERIFY_DATA]);
    expectBytes(await new RecordProtection(v.CLIENT_HS_KEYS).seal(HANDSHAKE, finished), v.CLIENT_FINISHED_RECORD, { what: 'the client Finished record', see: SEE_PROTECT });
    expectBytes(await new RecordProtection(v.CLIENT_AP_KEYS).seal(APPLICATION_DATA, v.APPLICATION_PAYLOAD), v.CLIENT_APPLICATION_RECORD, { what: 'the client application data record', see: SEE_PROTECT });
  });

  it("seals the server's application data as its second record (sequence number 1)", async () => {
    const protection = new RecordProtection(v.SERVER_AP_KEYS);
    await protection.seal(HANDSHAKE, fromHex('04 00 00 00'));
    expect(protection.sequenceNumber, 'one record sealed').toBe(1n);
    expectBytes(await protection.seal(APPLICATION_DATA, v.APPLICATION_PAYLOAD), v.SERVER_APPLICATION_RECORD, { what: 'the server application data record, sequence 1', see: SEE_PROTECT });
  });

  it("opens RFC 8448's server flight: handshake content, 657 bytes, EncryptedExtensions first", async () => {
    const opened = await new RecordProtection(v.SERVER_HS_KEYS).open(asRecord(v.SERVER_FLIGHT_RECORD));
    expect(opened.type, 'the real type is inside: handshake (22)').toBe(HANDSHAKE);
    expectBytes(opened.content, v.SERVER_FLIGHT, { what: 'the server flight', see: SEE_PROTECT });
  });

  it('opens records in sequence: the second with nonce 1, and not out of order', async () => {
    const keys = v.SERVER_AP_KEYS;
    const first = await sealRecord(keys, 0, HANDSHAKE, fromHex('04 00 00 00'));
    const protection = new RecordProtection(keys);
    expect((await protection.open(asRecord(first))).type).toBe(HANDSHAKE);
    expectBytes((await protection.open(asRecord(v.SERVER_APPLICATION_RECORD))).content, v.APPLICATION_PAYLOAD, { what: 'application data at sequence 1', see: SEE_NONCE });
    await expectAlert(new RecordProtection(keys).open(asRecord(v.SERVER_APPLICATION_RECORD)), 'bad_record_mac', 'the sequence-1 record does not open as record 0');
  });

  it('refuses a record with one changed bit in its ciphertext or tag, or one byte short, with bad_record_mac', async () => {
    for (const at of [5, 40, v.CLIENT_FINISHED_RECORD.length - 1]) {
      const record = new Uint8Array(v.CLIENT_FINISHED_RECORD);
      record[at]! ^= 0x01;
      await expectAlert(new RecordProtection(v.CLIENT_HS_KEYS).open(asRecord(record)), 'bad_record_mac', `bit 0 of byte ${at} flipped (RFC 8446 §5.2: the AEAD fails)`);
    }
    // A shorter fragment changes the length in the additional data as well as the tag's place.
    const short = v.CLIENT_FINISHED_RECORD.subarray(5, v.CLIENT_FINISHED_RECORD.length - 1);
    await expectAlert(new RecordProtection(v.CLIENT_HS_KEYS).open({ type: APPLICATION_DATA, fragment: short }), 'bad_record_mac', 'the last byte missing');
  });

  it('does not advance the sequence number for a record that fails', async () => {
    const protection = new RecordProtection(v.CLIENT_HS_KEYS);
    const bad = new Uint8Array(v.CLIENT_FINISHED_RECORD);
    bad[20]! ^= 0x80;
    await expectAlert(protection.open(asRecord(bad)), 'bad_record_mac', 'a changed ciphertext byte');
    expect(protection.sequenceNumber, 'after a failed record').toBe(0n);
  });

  it('puts the padding inside the encryption and strips it on opening', async () => {
    const sealed = await new RecordProtection(v.CLIENT_AP_KEYS).seal(APPLICATION_DATA, fromHex('68 69'), 13);
    expect(sealed.length, '5 header + 2 content + 1 type + 13 padding + 16 tag').toBe(37);
    const inner = await openRecord(v.CLIENT_AP_KEYS, 0, sealed);
    expectBytes(inner, fromHex('68 69 17 00 00 00 00 00 00 00 00 00 00 00 00 00'), { what: 'TLSInnerPlaintext', see: 'RFC 8446 §5.2 (content | type | zeros)' });
    const padded = await sealRecord(v.SERVER_AP_KEYS, 0, HANDSHAKE, fromHex('04 00 00 01 00 00 00'), 30);
    const opened = await new RecordProtection(v.SERVER_AP_KEYS).open(asRecord(padded));
    expect(opened.type, 'the last non-zero byte is the type').toBe(HANDSHAKE);
    expectBytes(opened.content, fromHex('04 00 00 01 00 00 00'), { what: 'content that itself ends in zeros', see: 'RFC 8446 §5.4 (padding)' });
  });

  it('opens a record with empty content: the type byte is then the first byte', async () => {
    const sealed = await new RecordProtection(v.CLIENT_AP_KEYS).seal(APPLICATION_DATA, new Uint8Array(0), 3);
    const opened = await new RecordProtection(v.CLIENT_AP_KEYS).open(asRecord(sealed));
    expect([opened.type, opened.content.length], 'RFC 8446 §5.4: zero-length application data is allowed').toEqual([APPLICATION_DATA, 0]);
  });

  it('refuses a record whose plaintext is all zeros (no content type) with unexpected_message', async () => {
    const record = await sealRecord(v.SERVER_AP_KEYS, 0, 0, new Uint8Array(0), 8);
    await expectAlert(new RecordProtection(v.SERVER_AP_KEYS).open(asRecord(record)), 'unexpected_message', 'RFC 8446 §5.4: no non-zero byte');
  });

  it('refuses to open a record whose outer type is not application_data', async () => {
    await expectAlert(new RecordProtection(v.CLIENT_HS_KEYS).open({ type: HANDSHAKE, fragment: v.CLIENT_FINISHED_RECORD.subarray(5) }), 'unexpected_message', 'RFC 8446 §5.2: protected records have outer type 23');
  });

  it('seals at most 2^14 bytes of content per record', async () => {
    const protection = new RecordProtection(v.CLIENT_AP_KEYS);
    expect((await protection.seal(APPLICATION_DATA, new Uint8Array(1 << 14))).length).toBe(5 + (1 << 14) + 1 + 16);
    await expect(protection.seal(APPLICATION_DATA, new Uint8Array((1 << 14) + 1)), 'RFC 8446 §5.1: a fragment is at most 2^14 bytes').rejects.toThrow(RangeError);
  });
});
