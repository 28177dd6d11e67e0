// The chapter's frames are the lab's reference bytes, and every byte belongs to exactly one labelled field.
import { describe, expect, it } from 'vitest';
import { fieldsIn, hexText } from '../../components/hex-view.ts';
import { chapterFrames, RFC_HANDSHAKE } from './websocket-frames.ts';

describe('the chapter’s frames', () => {
  it('label every byte once, in order', () => {
    for (const example of Object.values(chapterFrames())) {
      let next = 0;
      for (const field of example.fields) {
        expect(field.offset, hexText(field.name)).toBe(next);
        next += field.length;
      }
      expect(next).toBe(example.bytes.length);
    }
  });

  it('start with FIN and the text opcode, masked only from the client', () => {
    const { push, reply } = chapterFrames();
    expect([push.bytes[0], push.bytes[1]! & 0x80]).toEqual([0x81, 0]);
    expect([reply.bytes[0], reply.bytes[1]! & 0x80]).toEqual([0x81, 0x80]);
  });

  it('explain their fields in Chinese on the Chinese page', () => {
    const chinese = fieldsIn(chapterFrames().reply.fields, 'zh-cn');
    expect(chinese.map((f) => f.name)).toEqual(['FIN, RSV1-3, opcode', 'MASK、载荷长度', '掩码键', '载荷（已加掩码）']);
    for (const field of chinese) expect(field.note, field.name).toMatch(/[\u4e00-\u9fff]/);
  });

  it('show the RFC’s handshake Accept', () => {
    expect(RFC_HANDSHAKE.accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});
