// The gRPC DATA frame: a 9-byte HTTP/2 header (RFC 9113 §4.1), the lab's 5-byte prefix, and a protobuf message checked against the encoding guide's own examples.
import { describe, expect, it } from 'vitest';
import { buildHexModel } from '../../components/hex-view.ts';
import { decodeGrpcMessage } from '../../../../labs/rpc/solution/grpc.ts';
import { dataFrame, grpcExchange, http2FrameHeader, STREAM_ID } from './grpc-example.ts';
import { encodeField, varint } from './protobuf-wire.ts';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

describe('protobuf-wire', () => {
  it('writes varints as the encoding guide shows them', () => {
    // protobuf.dev "Encoding": 1 is 01, 150 is 96 01; 300 is ac 02.
    expect(hex(varint(1))).toBe('01');
    expect(hex(varint(150))).toBe('96 01');
    expect(hex(varint(300))).toBe('ac 02');
    expect(() => varint(-1)).toThrow(RangeError);
  });

  it('writes the guide’s example fields: 150 in field 1, "testing" in field 2', () => {
    const int = encodeField({ name: 'a', number: 1, value: 150 });
    expect(hex(Uint8Array.from([...int.tag, ...int.data]))).toBe('08 96 01');
    const text = encodeField({ name: 'b', number: 2, value: 'testing' });
    expect(hex(Uint8Array.from([...text.tag, ...text.length, ...text.data]))).toBe('12 07 74 65 73 74 69 6e 67');
  });
});

describe('the reserve call’s DATA frame', () => {
  const frame = dataFrame();

  it('has an HTTP/2 frame header whose length covers the rest, type DATA, END_STREAM and the stream id', () => {
    const length = (frame.bytes[0]! << 16) | (frame.bytes[1]! << 8) | frame.bytes[2]!;
    expect(length).toBe(frame.bytes.length - 9);
    expect([frame.bytes[3], frame.bytes[4]]).toEqual([0x0, 0x1]);
    expect(new DataView(frame.bytes.buffer).getUint32(5) & 0x7fffffff).toBe(STREAM_ID);
    expect(hex(http2FrameHeader(0x123456, 1, 4, 0x80000007))).toBe('12 34 56 01 04 00 00 00 07');
  });

  it('carries one uncompressed gRPC message that is the protobuf message', () => {
    const decoded = decodeGrpcMessage(frame.bytes, 9);
    expect(decoded && { compressed: decoded.compressed, message: hex(decoded.message), next: decoded.next }).toEqual({ compressed: false, message: hex(frame.message), next: frame.bytes.length });
    expect(hex(frame.message)).toBe(`0a 08 ${hex(new TextEncoder().encode('SKU-1042'))} 10 02 1a 06 ${hex(new TextEncoder().encode('A-1042'))}`);
  });

  it('labels every byte once: HexView finds no overlap and no gap', () => {
    expect(buildHexModel(frame.bytes, frame.fields).gaps).toEqual([]);
  });
});

describe('the whole exchange', () => {
  it('ends with trailers that carry grpc-status and end the stream, after the response’s DATA', () => {
    const frames = grpcExchange(800);
    expect(frames.map((f) => `${f.from} ${f.type}`)).toEqual(['client HEADERS', 'client DATA', 'server HEADERS', 'server DATA', 'server HEADERS']);
    expect(frames.at(-1)).toMatchObject({ flags: ['END_STREAM', 'END_HEADERS'], headers: [['grpc-status', '0']] });
    expect(frames[0]!.headers).toContainEqual(['grpc-timeout', '800m']);
  });
});
