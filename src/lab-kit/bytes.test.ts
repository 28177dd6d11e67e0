import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex, toHex } from './bytes.ts';
import { LabAssertionError } from './assertion.ts';
import { Transcript } from './transcript.ts';

function failure(fn: () => void): LabAssertionError {
  try {
    fn();
  } catch (error) {
    return error as LabAssertionError;
  }
  throw new Error('expected a failure');
}

describe('expectBytes', () => {
  const fields = [
    { name: 'header.id', offset: 0, length: 2 },
    { name: 'header.flags', offset: 2, length: 2 },
  ];

  it('passes on equal bytes', () => {
    expect(() => expectBytes(fromHex('1a2b 0100'), fromHex('1a2b0100'))).not.toThrow();
  });

  it('names the first differing offset, its field and both values, with a caret under it', () => {
    const error = failure(() => expectBytes(fromHex('1a2b 0000'), fromHex('1a2b 0100'), { what: 'the query', fields, see: 'RFC 1035 §4.1.1' }));
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('the query differ at offset 2 (field header.flags, bytes 2–3): expected 0x01, got 0x00');
    expect(lines[2]).toContain('1a 2b 01 00   (expected)');
    expect(lines[3]).toContain('1a 2b 00 00   (actual)');
    expect(lines[4]!.indexOf('^^')).toBe(lines[2]!.indexOf('01'));
    expect(error.message).toContain('see RFC 1035 §4.1.1');
    expect(error.diagnostic).toMatchObject({ kind: 'bytes', offset: 2, field: 'header.flags' });
    expect(error).toMatchObject({ actual: '1a 2b 00 00', expected: '1a 2b 01 00', showDiff: false });
  });

  it('treats a short result as differing where it ends', () => {
    const error = failure(() => expectBytes(fromHex('1a'), fromHex('1a2b')));
    expect(error.message).toMatch(/differ at offset 1: expected 0x2b, got end of data/);
    expect(error.message).toContain('lengths: expected 2 bytes, got 1');
  });

  it('rejects a value that is not bytes', () => {
    expect(failure(() => expectBytes('1a' as unknown as Uint8Array, fromHex('1a'))).message).toContain('expected a Uint8Array, got string');
  });

  it('round-trips hex and rejects odd digits', () => {
    expect(toHex(fromHex('00 ff 10'))).toBe('00 ff 10');
    expect(() => fromHex('abc')).toThrow(/not an even number of hex digits/);
  });
});

describe('Transcript', () => {
  it('prints every step so far with the expectation that failed', () => {
    const t = new Transcript('resolver for www.shop.example A');
    t.expect('asked 198.41.0.4', 'referral', 'referral');
    const error = failure(() => t.expect('asked 192.0.2.53', { rcode: 3 }, { rcode: 0 }, 'RFC 1034 §5.3.3'));
    expect(error.message).toBe(
      [
        'resolver for www.shop.example A: expected {"rcode": 0}, got {"rcode": 3}',
        'transcript:',
        '   1. asked 198.41.0.4',
        '   2. asked 192.0.2.53',
        'see RFC 1034 §5.3.3',
      ].join('\n'),
    );
  });
});
