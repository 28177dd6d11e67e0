import { describe, expect, it } from 'vitest';
import { arrowGeometry } from './svg.ts';

describe('arrowGeometry', () => {
  it('ends the line where the head begins and points the head at the target', () => {
    const { line, head } = arrowGeometry({ from: { x: 0, y: 0 }, to: { x: 100, y: 0 } });
    expect(line).toEqual({ x1: 0, y1: 0, x2: 91, y2: 0 });
    expect(head).toBe('100,0 91,4.5 91,-4.5');
  });

  it('works for any direction', () => {
    const { line, head } = arrowGeometry({ from: { x: 50, y: 100 }, to: { x: 50, y: 0 } });
    expect(line).toEqual({ x1: 50, y1: 100, x2: 50, y2: 9 });
    expect(head).toBe('50,0 54.5,9 45.5,9');
  });

  it('refuses an arrow shorter than its head', () => {
    expect(() => arrowGeometry({ from: { x: 0, y: 0 }, to: { x: 5, y: 0 } })).toThrow(/too short/);
  });
});
