/**
 * `npm run bench [-- name…]`: runs every bench/*.bench.ts (or those named) and
 * prints each figure beside its target. Figures are information, not tests:
 * a missed target is shown, and the exit code stays 0.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { meetsTarget, type Benchmark, type Figure } from './figure.ts';
import { registerImplHooks } from '../src/course/impl-plugin.ts';
import { coursePaths } from '../src/course/paths.ts';

// Benches run lab solutions, whose `@impl/…` imports resolve as the grader's do.
registerImplHooks(coursePaths());

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)))
  .sort();

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 1 : 2);
}

const rows: Figure[] = [];
for (const file of files) {
  const { benchmark } = (await import(new URL(file, import.meta.url).href)) as { benchmark: Benchmark };
  process.stderr.write(`bench: ${benchmark.name}…\n`);
  for (const figure of await benchmark.run()) {
    rows.push(figure);
    const { target } = figure;
    const judged = target ? `target ${target.op} ${format(target.value)} ${figure.unit}: ${meetsTarget(figure) ? 'meets' : 'MISSES'}` : 'for information';
    console.log(`${figure.name}: ${format(figure.value)} ${figure.unit}  (${judged})`);
  }
}
const judged = rows.filter((f) => f.target);
const missed = judged.filter((f) => !meetsTarget(f)).length;
console.log(`\n${judged.length} figures with a target, ${judged.length - missed} meet them, ${missed} miss.`);
