// The TCP chapter's figures as the Chinese and English pages render them: every label in the page's language.
import { describe, expect, it } from 'vitest';
import { readerText, renderFigure } from '../../../../tests/support/render-figure.ts';
import CwndPlot from './CwndPlot.astro';
import NagleDelay from './NagleDelay.astro';

describe('the Nagle figure', () => {
  it('speaks Chinese on a Chinese page: captions, headings and segments', async () => {
    const text = readerText(await renderFigure(NagleDelay, 'zh-cn'));
    for (const words of ['使用 Nagle 算法（默认）', '开启 TCP_NODELAY', '报文段', '客户端', '180 字节（首部）', '捎带 ACK', '往返时间 20 ms']) expect(text).toContain(words);
    for (const english of ['With Nagle', 'Segment', 'bytes', 'client', 'round trip']) expect(text).not.toContain(english);
  });

  it('speaks English on an English page', async () => {
    const text = readerText(await renderFigure(NagleDelay, 'en'));
    expect(text).toContain('With Nagle (the default): response after');
    expect(text).toContain('180 bytes (headers)');
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the cwnd plot', () => {
  const caption = { caption: '图注' };

  it('speaks Chinese on a Chinese page: title, description, key, markers and the loss table', async () => {
    const text = readerText(await renderFigure(CwndPlot, 'zh-cn', caption));
    for (const words of ['20 秒内的拥塞窗口（cwnd）', '慢启动用', '三个重复 ACK', '超时', '路径已满', '本次运行中的丢包', '之前的 cwnd']) expect(text).toContain(words);
    for (const english of ['Congestion window', 'Slow start', 'duplicate ACKs', 'timeout', 'path full', 'The losses', 'cwnd before']) expect(text).not.toContain(english);
  });

  it('speaks English on an English page', async () => {
    const text = readerText(await renderFigure(CwndPlot, 'en', caption));
    expect(text).toContain('Congestion window over 20 seconds');
    expect(text).toContain('three duplicate ACKs');
  });
});
