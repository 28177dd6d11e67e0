// The DNS chapter's byte-by-byte response as the Chinese and English pages render it (HexView with the example's fields).
import { describe, expect, it } from 'vitest';
import { readerText, renderFigure } from '../../../../tests/support/render-figure.ts';
import HexView from '../../components/HexView.astro';
import { dnsResponseExample } from './dns-examples.ts';

const { bytes, fields, groups } = dnsResponseExample();
const props = { bytes, fields, groups, caption: '图注' };

describe('the DNS response, byte by byte', () => {
  it('explains its fields in Chinese on a Chinese page, keeping the mnemonics', async () => {
    const text = readerText(await renderFigure(HexView, 'zh-cn', props));
    for (const words of ['名字：压缩指针', '记录数据', '回答 1：CNAME', 'NAME：指针', '记录可以在缓存中保留的秒数', 'RDLENGTH', 'TTL']) expect(text).toContain(words);
    for (const english of ['compression pointer', 'Record data', 'Answer 1', ': pointer', 'Seconds the record may be kept']) expect(text).not.toContain(english);
  });

  it('explains them in English on an English page', async () => {
    const text = readerText(await renderFigure(HexView, 'en', props));
    expect(text).toContain('Seconds the record may be kept in a cache');
    expect(text).toContain('Answer 1: CNAME');
  });
});
