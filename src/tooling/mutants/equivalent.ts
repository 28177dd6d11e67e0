/**
 * The survivors a lab author judged equivalent, read from `labs/<id>/MUTANTS.md`:
 * one table row per mutant, `| file:line | mutator | replacement | reason |`,
 * where `replacement` is Stryker's replacement code in backticks. They are left
 * out of the mutation score's denominator.
 */
import { existsSync, readFileSync } from 'node:fs';

/** One equivalent mutant as MUTANTS.md lists it. */
export interface EquivalentMutant {
  file: string;
  line: number;
  mutator: string;
  replacement: string;
  reason: string;
}

const ROW = /^\|\s*`?([\w./-]+):(\d+)`?\s*\|\s*(\w+)\s*\|\s*`(.*)`\s*\|\s*(.+?)\s*\|\s*$/;

/** The equivalent mutants listed in `mutantsFile`; throws naming the line of a malformed row. */
export function readEquivalentMutants(mutantsFile: string): EquivalentMutant[] {
  if (!existsSync(mutantsFile)) return [];
  const rows: EquivalentMutant[] = [];
  readFileSync(mutantsFile, 'utf8').split('\n').forEach((text, i) => {
    if (!text.startsWith('|') || /^\|\s*(-|file)/.test(text)) return;
    const m = ROW.exec(text);
    if (!m) throw new Error(`${mutantsFile}:${i + 1}: expected | file:line | mutator | \`replacement\` | reason |, got: ${text}`);
    rows.push({ file: m[1]!, line: Number(m[2]), mutator: m[3]!, replacement: m[4]!.replace(/\\\|/g, '|'), reason: m[5]! });
  });
  return rows;
}

/** The key both a Stryker result and a MUTANTS.md row reduce to. */
export function mutantKey(m: { file: string; line: number; mutator: string; replacement: string }): string {
  return `${m.file}:${m.line} ${m.mutator} ${m.replacement.replace(/\s+/g, ' ')}`;
}
