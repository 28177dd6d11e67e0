import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../../../labs/dns/solution/message.ts';
import { verifyChecksum } from '../../../../labs/layers/solution/checksum.ts';
import { pseudoHeaderSum } from '../../../../labs/layers/solution/pseudo-header.ts';
import { buildHexModel, fieldsIn } from '../../components/hex-view.ts';
import { dnsQueryExample } from '../dns/dns-examples.ts';
import { UDP_ADDRESSES, UDP_PORTS, udpDatagramExample } from './udp-datagram.ts';

describe('the UDP datagram figure', () => {
  const example = udpDatagramExample();

  it('is an 8-byte header in front of the DNS chapter’s query, unchanged', () => {
    const query = dnsQueryExample().bytes;
    expect(example.bytes.length).toBe(8 + query.length);
    expect(example.bytes.slice(8)).toEqual(query);
    expect(decodeMessage(example.bytes.slice(8)).value.questions[0]!.name).toBe('www.shop.example');
  });

  it('labels every byte once, with the ports and the length as the bytes hold them', () => {
    const model = buildHexModel(example.bytes, example.fields);
    expect(model.rows.flatMap((r) => r.cells).every((c) => c.field >= 0)).toBe(true);
    const view = new DataView(example.bytes.buffer, example.bytes.byteOffset);
    expect(view.getUint16(0)).toBe(UDP_PORTS.sourcePort);
    expect(view.getUint16(2)).toBe(53);
    expect(fieldsIn(example.fields).find((f) => f.name === 'Length')!.value).toBe(`${view.getUint16(4)} = 8 + ${example.payloadLength}`);
  });

  it('explains its fields in Chinese on the Chinese page', () => {
    const chinese = fieldsIn(example.fields, 'zh-cn');
    expect(chinese.map((f) => f.name)).toEqual(['源端口', '目的端口', '长度（Length）', '校验和', 'DNS 消息']);
    for (const field of chinese) expect(field.note, field.name).toMatch(/[\u4e00-\u9fff]/);
  });

  it('carries a checksum that verifies over the IPv4 pseudo-header (RFC 768)', () => {
    expect(new DataView(example.bytes.buffer, example.bytes.byteOffset).getUint16(6)).not.toBe(0);
    expect(verifyChecksum(example.bytes, pseudoHeaderSum(UDP_ADDRESSES, 17, example.bytes.length))).toBe(true);
    expect(verifyChecksum(example.bytes, pseudoHeaderSum({ ...UDP_ADDRESSES, destination: '198.51.100.54' }, 17, example.bytes.length))).toBe(false);
  });
});
