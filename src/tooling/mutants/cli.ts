/**
 * `npm run mutants -- <lab> [--incremental] [--host] [--concurrency n] [--files a.ts,b.ts]`:
 * the mutation audit of one lab (see audit.ts); `--files` mutates only those
 * of its files, for a lab whose whole audit takes longer than there is time
 * for. Prints the score against the target and every survivor not listed in
 * labs/<lab>/MUTANTS.md, as a row ready to paste there once judged
 * equivalent — or a test to write if not. Exits 1 below the target.
 */
import { parseArgs } from 'node:util';
import { coursePaths } from '../../course/paths.ts';
import { auditLab, TARGET_SCORE, type AuditResult } from './audit.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { incremental: { type: 'boolean' }, host: { type: 'boolean' }, concurrency: { type: 'string' }, files: { type: 'string' } },
});
const [id] = positionals;
if (!id || positionals.length > 1) {
  console.error('usage: npm run mutants -- <lab> [--incremental] [--host] [--concurrency n] [--files a.ts,b.ts]');
  process.exit(2);
}
const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
  console.error(`--concurrency: expected a positive whole number, got "${values.concurrency}"`);
  process.exit(2);
}

const result = await auditLab(coursePaths(), id, {
  ...(concurrency ? { concurrency } : {}),
  incremental: values.incremental ?? false,
  hostStages: values.host ?? false,
  ...(values.files === undefined ? {} : { files: values.files.split(',').map((f) => f.trim()) }),
});
console.log(report(result));
process.exitCode = result.score >= TARGET_SCORE ? 0 : 1;

/** The human summary: the score, then what to look at. */
function report(r: AuditResult): string {
  const lines = [
    '',
    `${r.lab}: ${r.total} mutants in ${r.mutated.join(', ')}, over stages ${r.stages.join(', ')}`,
    `  ${Object.entries(r.statuses).map(([status, n]) => `${status} ${n}`).join(', ')}`,
    `  detected ${r.detected}, surviving ${r.survivors.length}, equivalent (MUTANTS.md) ${r.equivalent}, errors ${r.errors}`,
    `  mutation score ${(r.score * 100).toFixed(1)} % of non-equivalent mutants (target ≥ ${TARGET_SCORE * 100} %)`,
  ];
  for (const n of r.notAudited) lines.push(`  not audited: solution/${n.file}, ${n.reason}`);
  if (r.survivors.length) {
    lines.push('', 'Survivors (kill them with a test, or list them in MUTANTS.md with a reason):');
    for (const s of r.survivors) lines.push(`| ${s.file}:${s.line} | ${s.mutator} | \`${s.replacement.replace(/\|/g, '\\|')}\` | ${s.status} |`);
  }
  if (r.staleRows.length) {
    lines.push('', 'MUTANTS.md rows that match no survivor (remove or update them):');
    for (const k of r.staleRows) lines.push(`  ${k}`);
  }
  return lines.join('\n');
}
