/**
 * The measured run behind the inventory chapter's plot: orders per second and
 * conflict rate of each deduction strategy at 1, 8 and 32 buyers, as
 * measure-strategies.ts recorded them in strategy-run.json, checked on load.
 */
import recorded from './strategy-run.json';
import { STRATEGIES, type Strategy } from './strategies.ts';

/** One strategy at one number of buyers. */
export interface StrategyPoint {
  strategy: Strategy;
  buyers: number;
  /** Orders the run placed, and how many of them were accepted or given up after too many conflicts. */
  orders: number;
  accepted: number;
  gaveUp: number;
  /** Accepted orders per second of wall time. */
  ordersPerSecond: number;
  /** Compare-and-set attempts that touched no row, over all attempts (0 for strategies that never retry). */
  conflictRate: number;
}

/** A whole measured run, with where and when it was measured. */
export interface StrategyRun {
  /** The day of the run, YYYY-MM-DD. */
  date: string;
  /** CPU, cores, operating system and load. */
  machine: string;
  /** The PostgreSQL server and how it was set up. */
  server: string;
  /** The Node version that ran the clients. */
  node: string;
  points: StrategyPoint[];
}

/** Checks a parsed run: every strategy at the same numbers of buyers, figures that make sense; throws naming what is wrong. */
export function checkRun(run: StrategyRun): StrategyRun {
  const where = 'src/site/figures/inventory/strategy-run.json';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(run.date)) throw new Error(`${where}: date ${JSON.stringify(run.date)} is not YYYY-MM-DD`);
  if (!run.machine || !run.server) throw new Error(`${where}: machine and server must say where the run was measured`);
  const buyers = (strategy: Strategy) => run.points.filter((p) => p.strategy === strategy).map((p) => p.buyers).join(',');
  for (const strategy of STRATEGIES) {
    if (!buyers(strategy)) throw new Error(`${where}: no points for strategy ${strategy}`);
    if (buyers(strategy) !== buyers(STRATEGIES[0])) throw new Error(`${where}: ${strategy} was measured at ${buyers(strategy)} buyers, ${STRATEGIES[0]} at ${buyers(STRATEGIES[0])}`);
  }
  for (const p of run.points) {
    const name = `${where}: ${p.strategy} at ${p.buyers} buyers`;
    if (!(p.ordersPerSecond > 0)) throw new Error(`${name}: ordersPerSecond ${p.ordersPerSecond} is not positive`);
    if (!(p.conflictRate >= 0 && p.conflictRate < 1)) throw new Error(`${name}: conflictRate ${p.conflictRate} is not in [0, 1)`);
    if (p.accepted + p.gaveUp !== p.orders) throw new Error(`${name}: accepted ${p.accepted} + gave up ${p.gaveUp} is not ${p.orders} orders`);
  }
  return run;
}

/** The run the chapter shows. */
export const STRATEGY_RUN: StrategyRun = checkRun(recorded as StrategyRun);
