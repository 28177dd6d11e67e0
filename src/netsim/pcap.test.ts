import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PcapFormatError, readPcap, writePcap, type PcapErrorCode, type PcapFrame } from './pcap.ts';

function hex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  return Uint8Array.from(digits.match(/../g) ?? [], (b) => parseInt(b, 16));
}

function ethernet(length = 60): Uint8Array {
  const frame = new Uint8Array(length);
  frame.set(hex('ffffffffffff 020000000001 0806'));
  return frame;
}

function pcapError(input: Uint8Array): PcapFormatError {
  try {
    readPcap(input);
  } catch (error) {
    if (error instanceof PcapFormatError) return error;
    throw error;
  }
  throw new Error('readPcap accepted the input');
}

describe('writePcap golden bytes (pcap-savefile(5), draft-ietf-opsawg-pcap §4–5)', () => {
  it('writes the 24-byte global header: magic a1b2c3d4 (µs), version 2.4, zone 0, sigfigs 0, snaplen 65535, linktype 1', () => {
    expect(writePcap([])).toEqual(
      hex(`
        d4 c3 b2 a1  02 00  04 00  00 00 00 00  00 00 00 00
        ff ff 00 00  01 00 00 00`),
    );
  });

  it('writes each 16-byte record header: seconds, microseconds, captured length, original length', () => {
    const frame = ethernet(60);
    const file = writePcap([{ timeMs: 1500.25, bytes: frame }]);
    // 1500.25 ms = 1 s + 500 250 µs (0x0007a21a); 60 bytes = 0x3c.
    expect(file.subarray(24, 40)).toEqual(hex('01 00 00 00  1a a2 07 00  3c 00 00 00  3c 00 00 00'));
    expect(file.subarray(40)).toEqual(frame);
    expect(file.length).toBe(24 + 16 + 60);
  });

  it('splits virtual milliseconds into seconds and rounded microseconds', () => {
    const times = [0, 12, 12.3456789, 999.9996, 86_400_000.001];
    const records = readPcap(writePcap(times.map((timeMs) => ({ timeMs, bytes: ethernet() })))).records;
    expect(records.map((r) => [r.seconds, r.fraction])).toEqual([
      [0, 0],
      [0, 12_000],
      [0, 12_346],
      [1, 0],
      [86_400, 1],
    ]);
  });

  it('cuts frames longer than snaplen but keeps their original length', () => {
    const file = writePcap([{ timeMs: 0, bytes: ethernet(1500) }], { snaplen: 100 });
    const { header, records } = readPcap(file);
    expect(header.snaplen).toBe(100);
    expect(records[0]!.bytes.length).toBe(100);
    expect(records[0]!.originalLength).toBe(1500);
  });

  it('rejects negative times and original lengths shorter than the bytes', () => {
    expect(() => writePcap([{ timeMs: -1, bytes: ethernet() }])).toThrow(/frame 0: timeMs/);
    expect(() => writePcap([{ timeMs: 0, bytes: ethernet(60), originalLength: 59 }])).toThrow(/originalLength 59/);
  });
});

describe('readPcap', () => {
  it('round-trips any frames through writePcap (property)', () => {
    const frame = fc.record({
      micros: fc.integer({ min: 0, max: 2 ** 40 }),
      bytes: fc.uint8Array({ maxLength: 200 }),
    });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 20 }), (frames) => {
        const input: PcapFrame[] = frames.map((f) => ({ timeMs: f.micros / 1000, bytes: f.bytes }));
        const { header, records } = readPcap(writePcap(input));
        expect(header).toEqual({
          byteOrder: 'little',
          precision: 'micro',
          versionMajor: 2,
          versionMinor: 4,
          snaplen: 65535,
          linkType: 1,
        });
        expect(records.map((r) => Math.round(r.timeMs * 1000))).toEqual(frames.map((f) => f.micros));
        expect(records.map((r) => r.bytes)).toEqual(frames.map((f) => f.bytes));
        expect(records.map((r) => r.originalLength)).toEqual(frames.map((f) => f.bytes.length));
      }),
    );
  });

  it('reads big-endian and nanosecond files', () => {
    const file = hex(`
      a1 b2 3c 4d  00 02  00 04  00 00 00 00  00 00 00 00  00 00 ff ff  00 00 00 01
      00 00 00 02  00 0f 42 40  00 00 00 02  00 00 00 40  ab cd`);
    const { header, records } = readPcap(file);
    expect(header).toMatchObject({ byteOrder: 'big', precision: 'nano', snaplen: 65535, linkType: 1 });
    // 2 s + 1 000 000 ns = 2001 ms.
    expect(records).toEqual([{ timeMs: 2001, seconds: 2, fraction: 1_000_000, bytes: hex('abcd'), originalLength: 64 }]);
  });

  it('reads from a view into a larger buffer', () => {
    const file = writePcap([{ timeMs: 1, bytes: ethernet() }]);
    const padded = new Uint8Array(file.length + 8);
    padded.set(file, 8);
    expect(readPcap(padded.subarray(8)).records[0]!.bytes).toEqual(ethernet());
  });

  const valid = writePcap([{ timeMs: 5, bytes: ethernet(60) }]);
  const cases: [string, Uint8Array, PcapErrorCode, number, RegExp][] = [
    ['empty input', new Uint8Array(0), 'truncated-header', 0, /0 bytes is shorter than the 24-byte global header/],
    ['a cut global header', valid.subarray(0, 23), 'truncated-header', 0, /23 bytes/],
    ['a cut record header', valid.subarray(0, 30), 'truncated-record', 24, /record 0: 6 bytes left/],
    ['cut record data', valid.subarray(0, 99), 'truncated-record', 24, /header says 60 bytes, only 59 remain/],
    ['a wrong magic', hex('00112233' + '00'.repeat(20)), 'bad-magic', 0, /0x00112233 is not a pcap magic/],
    ['a pcapng file', hex('0a0d0d0a' + '00'.repeat(20)), 'pcapng', 0, /pcapng/],
    ['version 1.0', (() => { const f = valid.slice(); f[4] = 1; return f; })(), 'unsupported-version', 4, /version 1\.4/],
    ['captured > original length', (() => { const f = valid.slice(); f[36] = 10; return f; })(), 'bad-record-length', 24, /exceeds its original length 10/],
    ['an absurd record length', (() => { const f = valid.slice(); f.set([0, 0, 0, 0x7f], 32); return f; })(), 'bad-record-length', 24, /exceeds the 262144-byte maximum/],
  ];
  it.each(cases)('rejects %s with a typed error', (_name, input, code, offset, message) => {
    const error = pcapError(input);
    expect(error.code).toBe(code);
    expect(error.offset).toBe(offset);
    expect(error.message).toMatch(message);
  });
});
