// Hints go from a nudge to a more concrete nudge, one at a time (`journey hint`); the
// last one must still leave the code to the learner, so it may not spell out an
// exported function of the lab ("encodeIpv4Header: checkRange each field; …").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadLabs } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';

/** Every name the lab's starter exports, as functions, classes or methods the learner writes. */
function apiNames(labDir: string): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(join(labDir, 'starter'))) {
    const text = readFileSync(join(labDir, 'starter', file), 'utf8');
    for (const m of text.matchAll(/export (?:async )?(?:function|class) (\w+)/g)) names.add(m[1]!);
    for (const m of text.matchAll(/^ {2}(?:async )?(\w+)\([^)]*\)[^;{]*\{/gm)) if (m[1] !== 'constructor') names.add(m[1]!);
  }
  return [...names];
}

it.each(loadLabs(coursePaths()).map((lab) => [lab.id, lab] as const))('%s: every stage\'s last hint is a nudge, not a recipe', (_id, lab) => {
  const names = apiNames(lab.dir);
  expect(names.length).toBeGreaterThan(3);
  for (const stage of lab.manifest.stages) {
    const last = stage.hints.at(-1)!;
    // "name:" or "name(args)" opening a step of a recipe.
    const recipes = names.filter((n) => new RegExp(`(^|[.;] )${n}(:| \\(|\\()`).test(last) || new RegExp(`\\b${n}: `).test(last));
    expect(recipes, `${lab.id} › ${stage.id}: the last hint spells out ${recipes.join(', ')}`).toEqual([]);
  }
});
