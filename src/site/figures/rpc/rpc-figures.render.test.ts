// The RPC chapter's figures as the Chinese and English pages render them.
import { describe, expect, it } from 'vitest';
import { readerText, renderFigure } from '../../../../tests/support/render-figure.ts';
import HexView from '../../components/HexView.astro';
import GrpcExchange from './GrpcExchange.astro';
import SerializationSizes from './SerializationSizes.astro';
import { dataFrame } from './grpc-example.ts';
import { requestExample, RESERVE } from './dubbo-invocation.ts';

describe('the serialization sizes', () => {
  it('speak Chinese on a Chinese page: encodings, key, table and caption', async () => {
    const text = readerText(await renderFigure(SerializationSizes, 'zh-cn'));
    for (const words of ['的参数，四种编码', 'JSON 对象', 'Hessian 2 按位置（Dubbo）', '开销', '合计', '花括号和逗号', '类型描述符', '每种编码的字节']) expect(text).toContain(words);
    for (const english of ['four ways', 'JSON object', 'by position', 'overhead', 'total', 'braces', 'type descriptor', 'The bytes of each']) expect(text).not.toContain(english);
  });

  it('speak English on an English page', async () => {
    expect(readerText(await renderFigure(SerializationSizes, 'en'))).toContain('Hessian 2 by position (Dubbo)');
  });
});

describe('the gRPC exchange', () => {
  it('speaks Chinese on a Chinese page, keeping frame types, flags and header fields', async () => {
    const text = readerText(await renderFigure(GrpcExchange, 'zh-cn', { timeoutMs: 800 }));
    for (const words of ['一次一元 gRPC 调用的五个 HTTP/2 帧', '客户端 →', '← 服务器', '一条新的流', 'END_STREAM', 'grpc-timeout: 800m']) expect(text).toContain(words);
    for (const english of ['five HTTP/2 frames', 'client', 'server', 'A new stream', 'Trailers:']) expect(text).not.toContain(english);
  });

  it('speaks English on an English page', async () => {
    expect(readerText(await renderFigure(GrpcExchange, 'en', { timeoutMs: 800 }))).toContain('A new stream');
  });
});

describe('the byte-by-byte frames', () => {
  it('explain the gRPC DATA frame and the Dubbo request in Chinese on a Chinese page', async () => {
    const grpc = readerText(await renderFigure(HexView, 'zh-cn', { ...dataFrame(), caption: '图注' }));
    for (const words of ['HTTP/2 帧首部', '流标识符', '字段 1：sku', 'sku：标签', '大端序，32 位']) expect(grpc).toContain(words);
    for (const english of ['frame header', 'Stream identifier', 'Field 1', ': tag', 'Big-endian']) expect(grpc).not.toContain(english);
    const dubbo = readerText(await renderFigure(HexView, 'zh-cn', { ...requestExample(RESERVE, 3n, 800), caption: '图注' }));
    for (const words of ['Dubbo 首部', '请求 id', '参数 sku：文本', '附件（attachments）']) expect(dubbo).toContain(words);
    for (const english of ['Dubbo header', 'Request id', 'Argument sku', 'Attachments']) expect(dubbo).not.toContain(english);
  });
});
