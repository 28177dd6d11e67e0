/**
 * Turns a scenario run (interleavings.ts) into what the step-through shows:
 * one step per frame, the table row it lights, and the outcome in words.
 */
import type { Step } from '../../components/step-through.ts';
import { INITIAL_STOCK, type Interleaving, type RowState } from './interleavings.ts';

/** The `data-part` id of the table row of step `index` (0-based). */
export function stepPart(index: number): string {
  return `step-${index + 1}`;
}

/** True when more units were ordered than there were: the row and the orders disagree. */
export function oversold(state: RowState): boolean {
  return state.orders > INITIAL_STOCK;
}

/** The step-through's steps: each frame's title and text, lighting its row. */
export function interleavingSteps(run: Interleaving): Step[] {
  return run.frames.map((frame, i) => ({ title: frame.title, text: frame.text, active: [stepPart(i)] }));
}

/** One sentence on how the scenario ended, from its final row. */
export function outcome(run: Interleaving): string {
  const { stock, orders } = run.final;
  const units = INITIAL_STOCK === 1 ? 'one unit' : `${INITIAL_STOCK} units`;
  return oversold(run.final)
    ? `End: stock ${stock} and ${orders} orders for ${units}: oversold by ${orders - INITIAL_STOCK}.`
    : `End: stock ${stock} and ${orders} order${orders === 1 ? '' : 's'} for ${units}: stock + sold = ${stock + orders}, as it should.`;
}
