// The chapter's Dubbo frame is the lab's reference bytes, its body is what hessian.js (an independent Hessian writer) writes for the same values, and every byte is labelled once.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildHexModel, fieldsIn } from '../../components/hex-view.ts';
import { FrameDecoder } from '../../../../labs/rpc/solution/frame.ts';
import { attachments, invocationValues, requestExample, RESERVE } from './dubbo-invocation.ts';

const hessian = createRequire(import.meta.url)('hessian.js') as { encode(value: unknown, version: string): Uint8Array };

describe('the reserve request as a Dubbo frame', () => {
  // The English texts; the Chinese ones are checked at the end.
  const inBoth = requestExample(RESERVE, 3n, 800);
  const example = { ...inBoth, fields: fieldsIn(inBoth.fields) };

  it('labels every byte once: HexView finds no overlap and no gap', () => {
    expect(buildHexModel(example.bytes, example.fields).gaps).toEqual([]);
  });

  it('starts with the magic and the flags of a two-way Hessian 2 request, and carries its id and body length', () => {
    expect([...example.bytes.subarray(0, 4)]).toEqual([0xda, 0xbb, 0xc2, 0]);
    const [event] = new FrameDecoder().push(example.bytes);
    expect(event?.type === 'frame' && { id: event.frame.id, length: event.frame.body.length }).toEqual({ id: 3n, length: example.bytes.length - 16 });
  });

  it('has the body hessian.js writes for the invocation’s values, one after another', () => {
    const expected = invocationValues(RESERVE, attachments(800)).flatMap((part) => [...hessian.encode(part.value, '2.0')]);
    expect([...example.bytes.subarray(16)]).toEqual(expected);
  });

  it('explains each rule once: no two fields carry the same note', () => {
    const notes = example.fields.flatMap((f) => (f.note ? [f.note] : []));
    expect(new Set(notes).size).toBe(notes.length);
  });

  it('names the method and the arguments where they are', () => {
    const text = (name: string) => {
      const field = example.fields.find((f) => f.name === name)!;
      return new TextDecoder().decode(example.bytes.subarray(field.offset, field.offset + field.length));
    };
    expect(text('Method: text')).toBe('reserve');
    expect(text('Argument sku: text')).toBe('SKU-1042');
    expect(text('Parameter types: text')).toBe('Ljava/lang/String;ILjava/lang/String;');
  });

  it('explains its fields in Chinese on the Chinese page, once each, with the same bytes under the same names', () => {
    const chinese = fieldsIn(inBoth.fields, 'zh-cn');
    const notes = chinese.flatMap((f) => (f.note ? [f.note] : []));
    expect(new Set(notes).size).toBe(notes.length);
    expect(notes.length).toBe(example.fields.filter((f) => f.note).length);
    for (const note of notes) expect(note).toMatch(/[\u4e00-\u9fff]/);
    expect(chinese.map((f) => f.name)).toContain('参数 sku：文本');
    expect(chinese.map((f) => f.section)).toContain('首部（16 字节）');
  });
});
