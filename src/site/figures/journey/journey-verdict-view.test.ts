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
    expect(verdictHtml(verdict)).toContain('<strong>Journey</strong> pass: the order crossed the network carried by your code alone.');
  });

  it('names the pieces still the reference, with the command to start each', () => {
    const verdict = runVerdict(choices(PIECE_IDS.filter((id) => id !== 'dns' && id !== 'cdn')), done(201))!;
    expect(verdict.passed).toBe(false);
    expect(verdict.summary).toBe('not yet: 2 of 9 pieces are still the reference: resolver (dns), edge cache (cdn).');
    const html = verdictHtml(verdict);
    expect(html).toContain('<li data-ok="false"><span class="rj-mark" aria-hidden="true">✗</span><span class="sr-only">not yet:</span> <span class="rj-row-text">reference resolver</span>');
    expect(html).toContain('still the reference: <code>npx journey start dns</code>');
  });

  it('names the step where the trip stopped and the learner\'s piece to look at', () => {
    const run: TripRunResult = { kind: 'failed', message: 'The trip stopped…', blamed: ['tcp'], stopped: { phase: 'tcp', time: 1003 } };
    expect(runEnd(run)).toEqual({ failure: { phase: 'tcp', time: 1003, blamed: ['tcp'] } });
    const verdict = runVerdict(choices(PIECE_IDS.filter((id) => id !== 'tcp'), ['tcp']), run)!;
    expect(verdict.passed).toBe(false);
    expect(verdict.summary).toBe('not yet: the trip stopped during TCP handshake: look at your TCP (workspace/tcp/).');
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
    const html = verdictHtml({ passed: false, rows: [{ ok: false, text: '<b>', note: 'a & `b<c`' }], summary: 'not yet: <i>.' });
    expect(html).toContain('<span class="rj-row-text">&#60;b&#62;</span> <span class="rj-row-note">a &#38; <code>b&#60;c</code></span>');
    expect(html).toContain('not yet: &#60;i&#62;.');
  });
});
