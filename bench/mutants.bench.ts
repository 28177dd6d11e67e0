/**
 * The mutation score of every lab (src/tooling/mutants): the share of the
 * solution's non-equivalent mutants that the lab's tests catch. Slow — a few
 * minutes per lab; `npm run bench -- mutants` runs it alone.
 */
import { coursePaths } from '../src/course/paths.ts';
import { labIds } from '../src/course/labs.ts';
import { auditLab, TARGET_SCORE, type AuditResult } from '../src/tooling/mutants/audit.ts';
import type { Benchmark, Figure } from './figure.ts';

export const benchmark: Benchmark = {
  name: 'mutation score',
  async run() {
    const paths = coursePaths();
    const figures: Figure[] = [];
    for (const id of labIds(paths)) {
      const result = await auditLab(paths, id, { quiet: true });
      figures.push({
        name: `mutation score of lab ${id} (${result.detected} of ${result.detected + result.survivors.length} non-equivalent mutants caught, ${result.equivalent} equivalent${notAudited(result)})`,
        value: result.score * 100,
        unit: '%',
        target: { op: '>=', value: TARGET_SCORE * 100 },
      });
    }
    return figures;
  },
};

/** The files left out of the score, so a figure never hides them: "; not audited: udp-server.ts (needs the host …)". */
function notAudited(result: AuditResult): string {
  return result.notAudited.map((n) => `; not audited: ${n.file} (${n.reason})`).join('');
}
