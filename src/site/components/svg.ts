/**
 * SVG geometry the chapters' diagrams share: points in viewBox units and
 * arrows whose heads sit exactly on their targets.
 */

/** A point in a diagram's viewBox units. */
export interface Point {
  x: number;
  y: number;
}

/** Length and half-width of an arrowhead, in viewBox units. */
const HEAD = { length: 9, halfWidth: 4.5 };

/**
 * Geometry of an arrow: the line stops where the head begins (so the stroke
 * does not poke through the tip), and the head is a triangle pointing along
 * the line, given as an SVG `points` string.
 */
export function arrowGeometry(arrow: { from: Point; to: Point }): { line: { x1: number; y1: number; x2: number; y2: number }; head: string } {
  const dx = arrow.to.x - arrow.from.x;
  const dy = arrow.to.y - arrow.from.y;
  const length = Math.hypot(dx, dy);
  if (length <= HEAD.length) throw new Error(`arrow from (${arrow.from.x}, ${arrow.from.y}) to (${arrow.to.x}, ${arrow.to.y}) is too short for its head`);
  const [ux, uy] = [dx / length, dy / length];
  const base = { x: arrow.to.x - ux * HEAD.length, y: arrow.to.y - uy * HEAD.length };
  const left = { x: base.x - uy * HEAD.halfWidth, y: base.y + ux * HEAD.halfWidth };
  const right = { x: base.x + uy * HEAD.halfWidth, y: base.y - ux * HEAD.halfWidth };
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    line: { x1: round(arrow.from.x), y1: round(arrow.from.y), x2: round(base.x), y2: round(base.y) },
    head: [arrow.to, left, right].map((p) => `${round(p.x)},${round(p.y)}`).join(' '),
  };
}
