import { describe, expect, it } from 'vitest';
import { journeyVerdict } from './journey-grade.ts';
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
});
