import { describe, expect, it } from 'vitest';
import { journeyVerdict } from './journey-grade.ts';
import { JOURNEY_WORDS } from './journey-words.ts';
import { piecesFrom, withPieces } from './pieces.ts';
import { REFERENCE_MODULES, REFERENCE_PIECES } from './reference-pieces.ts';
import { tripError } from './trip-failure.ts';

const allYours = piecesFrom(REFERENCE_MODULES, 'yours');
const accepted = { order: { status: 201 } };

describe('the journey grading stage', () => {
  it('passes when every piece is yours and the order comes back', () => {
    const verdict = journeyVerdict(allYours, accepted);
    expect(verdict.passed).toBe(true);
    expect(verdict.rows.every((row) => row.ok)).toBe(true);
    expect(verdict.rows.at(-1)).toEqual({ ok: true, text: 'the order comes back', note: 'answered 201' });
    expect(verdict.summary).toMatch(/^pass/);
  });

  it('fails while a piece is the reference, naming it and how to start it', () => {
    const verdict = journeyVerdict(withPieces(allYours, [REFERENCE_PIECES.https]), accepted);
    expect(verdict.passed).toBe(false);
    expect(verdict.rows.find((row) => row.text === 'reference TLS client')).toMatchObject({ ok: false, note: expect.stringContaining('npx journey start https') });
    expect(verdict.summary).toBe('not yet: 1 of 9 pieces are still the reference: TLS client (https).');
  });

  it('fails when the trip stops, naming the step and the piece to look at', () => {
    const failure = tripError(new Error('TODO(record)'), 'tls', 1388, allYours);
    const verdict = journeyVerdict(allYours, { failure });
    expect(verdict.passed).toBe(false);
    expect(verdict.rows.at(-1)).toEqual({ ok: false, text: 'the order comes back', note: 'the trip stopped during TLS handshake, at t=1388 ms' });
    expect(verdict.rows.find((row) => row.text === 'your TLS client')).toEqual({ ok: false, text: 'your TLS client', note: 'workspace/https/: the trip stopped here' });
    expect(verdict.rows.filter((row) => !row.ok)).toHaveLength(2);
    expect(verdict.summary).toBe('not yet: the trip stopped during TLS handshake: look at your TLS client (workspace/https/).');
  });

  it('fails when the order is refused', () => {
    expect(journeyVerdict(allYours, { order: { status: 502 } })).toMatchObject({ passed: false, summary: 'not yet: the order was not accepted.' });
  });

  it('gives the verdict in Chinese when asked, commands and paths unchanged', () => {
    const zh = JOURNEY_WORDS['zh-cn'];
    const missing = journeyVerdict(withPieces(allYours, [REFERENCE_PIECES.https]), accepted, zh);
    expect(missing.rows.find((row) => row.start === 'https')).toEqual({ ok: false, text: '参考实现的 TLS 客户端', note: '仍是参考实现：`npx journey start https`', start: 'https' });
    expect(missing.rows.at(-1)).toEqual({ ok: true, text: '订单送回来了', note: '响应 201' });
    expect(missing.summary).toBe('尚未通过：9 个组件中仍有 1 个是参考实现：TLS 客户端（https）。');
    const stopped = journeyVerdict(allYours, { failure: tripError(new Error('TODO(record)'), 'tls', 1388, allYours, zh) }, zh);
    expect(stopped.rows.at(-1)!.note).toBe('旅程在 TLS 握手阶段停止，t=1388 ms');
    expect(stopped.summary).toBe('尚未通过：旅程在 TLS 握手阶段停止：请检查你的 TLS 客户端（workspace/https/）。');
    expect(journeyVerdict(allYours, accepted, zh).summary).toBe('通过：订单完全由你的代码送过了网络。');
  });

  it('explains a stopped trip in Chinese, naming the step and the pieces to look at', () => {
    const error = tripError(new Error('boom'), undefined, 0, withPieces(allYours, [REFERENCE_PIECES.dns]), JOURNEY_WORDS['zh-cn']);
    expect(error.message).toMatch(/^旅程在开始之前停止，t=0 ms：boom。请检查你的首部与校验和（workspace\/layers\/），然后是你的 ARP、路由器与 NAT（workspace\/routing\/），然后是/);
  });
});
