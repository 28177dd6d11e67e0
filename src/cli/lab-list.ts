/** The `--labs a,b` flag that `journey ci` and `journey class` share. */
import type { Lab } from '../course/labs.ts';
import { UsageError } from './usage.ts';

/** The labs a comma-separated list names, in its order; a UsageError names every unknown one and lists `labs`. */
export function labsNamed(labs: readonly Lab[], list: string): Lab[] {
  const ids = labs.map((lab) => lab.id);
  const asked = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (!asked.length) throw new UsageError(`--labs names no lab. Labs: ${ids.join(', ')}.`);
  const unknown = asked.filter((id) => !ids.includes(id));
  if (unknown.length) throw new UsageError(`--labs: unknown lab${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}. Labs: ${ids.join(', ')}.`);
  return asked.map((id) => labs.find((lab) => lab.id === id)!);
}
