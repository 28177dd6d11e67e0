/** Stage encode: a port number as two bytes, network byte order (RFC 793 §3.1). */
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { encodePort } from '@impl/port.ts';

const SEE = 'RFC 793 §3.1 (ports are 16 bits, most significant byte first)';

describe('encodePort', () => {
  it('writes 443 as 01 bb', () => {
    expectBytes(encodePort(443), fromHex('01 bb'), { what: 'port 443', fields: [{ name: 'port', offset: 0, length: 2 }], see: SEE });
  });

  it('writes 0 and 65535, the ends of the range', () => {
    expectBytes(encodePort(0), fromHex('00 00'), { what: 'port 0', see: SEE });
    expectBytes(encodePort(65535), fromHex('ff ff'), { what: 'port 65535', see: SEE });
  });

  it('refuses numbers that are not ports', () => {
    for (const bad of [-1, 65536, 1.5]) expect(() => encodePort(bad), `encodePort(${bad})`).toThrow(RangeError);
  });
});
