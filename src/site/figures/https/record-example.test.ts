import { expect, it } from 'vitest';
import { recordExample } from './record-example.ts';

it("quotes RFC 8448's server IV and the nonce of its record 1 (the IV with the last bit flipped)", () => {
  const example = recordExample();
  expect(example.iv).toBe('cf 78 2b 88 dd 83 54 9a ad f1 e9 84');
  expect(example.nonceOfRecord1).toBe('cf 78 2b 88 dd 83 54 9a ad f1 e9 85');
  expect([example.payloadBytes, example.recordBytes, example.header]).toEqual([50, 72, '17 03 03 00 43']);
});
