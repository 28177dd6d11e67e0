/**
 * Stage client (not finished: so far only its in-flight table). Responses on
 * one connection come back in any order; the table matches each to its call
 * by request id and counts those that find none.
 */
import { describe, expect, it } from 'vitest';
import { InFlight } from '@impl/client.ts';

describe('InFlight', () => {
  it('matches responses to calls in any order, by request id', () => {
    const table = new InFlight<string>();
    table.add(1n, 'getStock');
    table.add(2n, 'reserve');
    table.add(3n, 'price');
    expect(table.settle(3n), 'the response to id 3, first back').toBe('price');
    expect(table.settle(1n), 'then id 1').toBe('getStock');
    expect(table.size, 'calls still waiting after two responses').toBe(1);
    expect(table.settle(2n), 'then id 2').toBe('reserve');
    expect(table.late, 'no response was late').toBe(0);
  });

  it('counts a response that finds no call as late, once per response', () => {
    const table = new InFlight<string>();
    table.add(7n, 'getStock');
    expect(table.drop(7n), 'the call timed out: dropped').toBe('getStock');
    expect(table.settle(7n), 'its response arrives after the timeout').toBeUndefined();
    expect(table.settle(7n), 'a duplicate of it').toBeUndefined();
    expect(table.late, 'two responses found no call').toBe(2);
  });

  it('refuses a second call under an id still in flight', () => {
    const table = new InFlight<string>();
    table.add(2n ** 64n - 1n, 'a');
    expect(() => table.add(2n ** 64n - 1n, 'b'), 'the same id twice').toThrow();
  });

  it('hands back every waiting call when the connection is lost, in order, and is empty after', () => {
    const table = new InFlight<number>();
    for (const id of [5n, 1n, 9n]) table.add(id, Number(id));
    table.settle(1n);
    expect(table.takeAll(), 'the calls still waiting').toEqual([5, 9]);
    expect(table.size, 'calls waiting after the loss').toBe(0);
    expect(table.settle(5n), 'a response after the loss').toBeUndefined();
  });
});
