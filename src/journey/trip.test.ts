import { describe, expect, it } from 'vitest';
import { REFERENCE_PIECES } from './reference-pieces.ts';
import { runTrip } from './trip.ts';

describe('the trip on the reference pieces', () => {
  it('carries the order there and back', async () => {
    const trip = await runTrip({ pieces: REFERENCE_PIECES, seed: 1 });
    for (const e of trip.events) console.log(e.time.toFixed(2), e.device, e.layer, e.text);
    console.log(trip.phases);
    expect(trip.outcome.order.status).toBe(201);
  });
});
