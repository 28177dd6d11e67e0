/** Stage decode: a port number read back from bytes, with the given reader's errors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '@lab-kit';
import { TruncatedError } from '@impl/bytes.ts';
import { decodePort, encodePort } from '@impl/port.ts';

describe('decodePort', () => {
  it('reads 01 bb as 443', () => {
    expect(decodePort(fromHex('01 bb'))).toBe(443);
  });

  it('reads at an offset', () => {
    expect(decodePort(fromHex('00 00 00 50'), 2)).toBe(80);
  });

  it('throws the given TruncatedError when one byte is left', () => {
    expect(() => decodePort(fromHex('01 bb 00'), 2)).toThrow(TruncatedError);
  });
});

describe('encodePort and decodePort', () => {
  it('round-trip every port', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), (port) => decodePort(encodePort(port)) === port));
  });
});
