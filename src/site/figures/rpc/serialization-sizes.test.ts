// The size comparison counts each encoding's real bytes, and its fields and overhead add up to them.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { serializationSizes } from './serialization-sizes.ts';

const hessian = createRequire(import.meta.url)('hessian.js') as { encode(value: unknown, version: string): Uint8Array };

describe('serialization sizes of the reserve arguments', () => {
  const sizes = Object.fromEntries(serializationSizes().map((s) => [s.id, s]));

  it('counts JSON as UTF-8 bytes of JSON.stringify, braces and commas as overhead', () => {
    const json = '{"sku":"SKU-1042","quantity":2,"orderId":"A-1042"}';
    expect(new TextDecoder().decode(sizes['json']!.bytes)).toBe(json);
    expect(sizes['json']!.perField).toEqual(['"sku":"SKU-1042"', '"quantity":2', '"orderId":"A-1042"'].map((s) => s.length));
    expect(sizes['json']!.overhead).toBe(4);
  });

  it('has the Hessian map hessian.js writes, and only H and Z left over', () => {
    const map = new Map<string, unknown>([['sku', 'SKU-1042'], ['quantity', 2], ['orderId', 'A-1042']]);
    expect([...sizes['hessian-map']!.bytes]).toEqual([...hessian.encode(map, '2.0')]);
    expect(sizes['hessian-map']!.overhead).toBe(2);
  });

  it('counts Dubbo’s type descriptor as the positional form’s overhead', () => {
    const descriptor = hessian.encode('Ljava/lang/String;ILjava/lang/String;', '2.0');
    expect(sizes['hessian-args']!.overhead).toBe(descriptor.length);
    expect(sizes['hessian-args']!.perField).toEqual([9, 1, 7]);
  });

  it('adds up: each encoding’s fields and overhead are its whole length, and protobuf is the smallest', () => {
    for (const s of Object.values(sizes)) expect(s.perField.reduce((a, b) => a + b, 0) + s.overhead, s.id).toBe(s.bytes.length);
    expect(Math.min(...Object.values(sizes).map((s) => s.bytes.length))).toBe(sizes['protobuf']!.bytes.length);
  });
});
