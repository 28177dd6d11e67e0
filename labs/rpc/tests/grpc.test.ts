/**
 * Stage grpc (not finished: so far only gRPC's message prefix). Bytes are
 * written out by hand from gRPC's PROTOCOL-HTTP2.md: Compressed-Flag (1 byte),
 * Message-Length (4 bytes, big-endian), Message.
 */
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { decodeGrpcMessage, encodeGrpcMessage } from '@impl/grpc.ts';

const SEE = 'gRPC PROTOCOL-HTTP2.md, Length-Prefixed-Message';
const FIELDS = [
  { name: 'Compressed-Flag', offset: 0, length: 1 },
  { name: 'Message-Length (big-endian)', offset: 1, length: 4 },
  { name: 'Message', offset: 5, length: Number.MAX_SAFE_INTEGER },
];

describe('encodeGrpcMessage', () => {
  it('prefixes a message with flag 0 and its length', () => {
    expectBytes(encodeGrpcMessage(fromHex('08 96 01')), fromHex('00 00 00 00 03 08 96 01'), { what: 'a 3-byte message', fields: FIELDS, see: SEE });
    expectBytes(encodeGrpcMessage(new Uint8Array(0)), fromHex('00 00 00 00 00'), { what: 'an empty message', fields: FIELDS, see: SEE });
    expectBytes(encodeGrpcMessage(new Uint8Array(0x010203)).subarray(0, 5), fromHex('00 00 01 02 03'), { what: 'the prefix of a 66051-byte message', fields: FIELDS, see: SEE });
  });
});

describe('decodeGrpcMessage', () => {
  it('reads a message and says where the next one starts', () => {
    const bytes = fromHex('00 00 00 00 02 aa bb 01 00 00 00 01 cc');
    expect(decodeGrpcMessage(bytes), 'the first message').toEqual({ compressed: false, message: fromHex('aa bb'), next: 7 });
    expect(decodeGrpcMessage(bytes, 7), 'the second, with the compressed flag').toEqual({ compressed: true, message: fromHex('cc'), next: 13 });
  });

  it('returns null until the prefix and the whole message are there', () => {
    const bytes = fromHex('00 00 00 00 02 aa bb');
    for (let cut = 0; cut < bytes.length; cut++) expect(decodeGrpcMessage(bytes.subarray(0, cut)), `the first ${cut} of 7 bytes`).toBeNull();
  });
});
