import { describe, expect, it } from 'vitest';
import { PIECE_IDS, type PieceId } from '../../../journey/pieces.ts';
import type { Trip } from '../../../journey/trip.ts';
import type { TripRunResult } from '../../../runners/worker/trip-runner.ts';
import { choosePiece } from './piece-choice.ts';
import { runEnd, runPieces, runVerdict, verdictHtml } from './journey-verdict-view.ts';

/** The panel's choices: `yours` graded and passing, `forced` ticked "use mine anyway", the rest never started. */
function choices(yours: readonly PieceId[], forced: readonly PieceId[] = []) {
  return PIECE_IDS.map((id) =>
    forced.includes(id)
      ? choosePiece(id, { started: true, forced: true })
      : choosePiece(id, { started: yours.includes(id), forced: false, verdict: { key: 'k', failed: [] } }),
  );
}

const done = (status: number): TripRunResult => ({ kind: 'done', trip: { outcome: { order: { status, body: '' } } } as Trip });

describe("the browser run's verdict, as journey trip --grade gives it", () => {
  it('passes when every piece ran as the learner\'s, forced ones too (the CLI grades none), and the order came back', () => {
    const verdict = runVerdict(choices(PIECE_IDS.slice(1), ['layers']), done(201))!;
    expect(verdict.passed).toBe(true);
    expect(verdict.rows.map((r) => r.ok)).toEqual(Array(PIECE_IDS.length + 1).fill(true));
    expect(verdictHtml(verdict, 'en', '/')).toContain('<strong>Journey</strong> pass: the order crossed the network carried by your code alone.');
  });

  it('names the pieces still the reference, each linking to its lab\'s page, the command to start it locally second', () => {
    const verdict = runVerdict(choices(PIECE_IDS.filter((id) => id !== 'dns' && id !== 'cdn')), done(201))!;
    expect(verdict.passed).toBe(false);
    expect(verdict.summary).toBe('not yet: 2 of 9 pieces are still the reference: resolver (dns), edge cache (cdn).');
    const html = verdictHtml(verdict, 'en', '/course/');
    expect(html).toContain('<li data-ok="false"><span class="rj-mark" aria-hidden="true">✗</span><span class="sr-only">not yet:</span> <span class="rj-row-text">reference resolver</span>');
    expect(html).toContain('still the reference: <a href="/course/labs/dns/">do the dns lab</a> (or locally: <code>npx journey start dns</code>)');
    expect(html.match(/<a href=/g)).toHaveLength(2);
  });

  it('speaks Chinese on the Chinese page, linking to the Chinese lab pages', () => {
    const verdict = runVerdict(choices(PIECE_IDS.filter((id) => id !== 'cdn')), done(201), 'zh-cn')!;
    expect(verdict.summary).toBe('尚未通过：9 个组件中仍有 1 个是参考实现：边缘缓存（cdn）。');
    const html = verdictHtml(verdict, 'zh-cn', '/');
    expect(html).toContain('<h4>完整旅程，每个组件都是你的</h4>');
    expect(html).toContain('<span class="sr-only">尚未完成：</span> <span class="rj-row-text">参考实现的边缘缓存</span>');
    expect(html).toContain('仍是参考实现：<a href="/zh-cn/labs/cdn/">去做 cdn 实验</a>（或在本地运行 <code>npx journey start cdn</code>）');
    expect(html).toContain('<span class="sr-only">已完成：</span> <span class="rj-row-text">你的 TCP</span>');
    expect(html).toContain('<strong>旅程</strong> 尚未通过');
    expect(html).not.toMatch(/reference|not yet/);
  });

  it('names the step where the trip stopped and the learner\'s piece to look at', () => {
    const run: TripRunResult = { kind: 'failed', message: 'The trip stopped…', blamed: ['tcp'], stopped: { phase: 'tcp', time: 1003 } };
    expect(runEnd(run)).toEqual({ failure: { phase: 'tcp', time: 1003, blamed: ['tcp'] } });
    const verdict = runVerdict(choices(PIECE_IDS.filter((id) => id !== 'tcp'), ['tcp']), run)!;
    expect(verdict.passed).toBe(false);
    expect(verdict.summary).toBe('not yet: the trip stopped during TCP handshake: look at your TCP (workspace/tcp/).');
    expect(runVerdict(choices(PIECE_IDS.filter((id) => id !== 'tcp'), ['tcp']), run, 'zh-cn')!.summary).toBe('尚未通过：旅程在 TCP 握手阶段停止：请检查你的 TCP（workspace/tcp/）。');
    expect(verdict.rows.find((r) => r.text === 'your TCP')).toEqual({ ok: false, text: 'your TCP', note: 'workspace/tcp/: the trip stopped here' });
    expect(verdict.rows.at(-1)).toEqual({ ok: false, text: 'the order comes back', note: 'the trip stopped during TCP handshake, at t=1003 ms' });
  });

  it('gives no verdict when the runner itself failed (a crash or the time limit), as the CLI gives none', () => {
    expect(runVerdict(choices(PIECE_IDS), { kind: 'failed', message: 'The trip did not finish within 60 s', blamed: [] })).toBeUndefined();
  });

  it('counts a piece as the learner\'s exactly when the run used theirs', () => {
    const pieces = runPieces(choices(['tcp'], ['dns']));
    expect(PIECE_IDS.filter((id) => pieces[id].source === 'yours')).toEqual(['dns', 'tcp']);
    expect(pieces.tcp).toEqual({ id: 'tcp', source: 'yours' });
  });

  it('escapes what it shows', () => {
    const html = verdictHtml({ passed: false, rows: [{ ok: false, text: '<b>', note: 'a & `b<c`' }], summary: 'not yet: <i>.' }, 'en', '/');
    expect(html).toContain('<span class="rj-row-text">&#60;b&#62;</span> <span class="rj-row-note">a &#38; <code>b&#60;c</code></span>');
    expect(html).toContain('not yet: &#60;i&#62;.');
  });
});
